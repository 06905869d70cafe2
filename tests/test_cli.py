"""The claimx command line, end to end on the bundled corpus and on bad input."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pandas as pd
import pytest
from typer.testing import CliRunner

from claimx.cli import app
from claimx.records import json_schema

runner = CliRunner()


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def corpus_run(tmp_path_factory: pytest.TempPathFactory, corpora: Path) -> tuple[Path, list[dict]]:
    out = tmp_path_factory.mktemp("corpus") / "corpus.jsonl"
    result = runner.invoke(app, ["extract", str(corpora / "articles"), "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    return out, read_jsonl(out)


def test_corpus_records_validate_and_keep_metadata(
    corpus_run: tuple[Path, list[dict]], corpora: Path
) -> None:
    out, records = corpus_run
    n_inputs = len(list((corpora / "articles").glob("*.txt"))) + len(
        list((corpora / "articles").glob("*.html"))
    )
    n_inputs += len((corpora / "articles" / "wire-feed.jsonl").read_text().splitlines())
    assert len(records) == n_inputs
    assert read_jsonl(out.with_name("corpus.errors.jsonl")) == []
    for record in records:
        jsonschema.validate(record, json_schema())
    by_id = {r["doc"]["id"]: r["doc"] for r in records}
    for gold_path in (corpora / "gold").glob("*.gold.json"):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))["doc"]
        got = by_id[gold["id"]]
        assert {k: got[k] for k in ("published", "source", "author", "text_sha256")} == {
            k: gold[k] for k in ("published", "source", "author", "text_sha256")
        }


def test_output_loads_in_pandas_with_one_type_per_column(
    corpus_run: tuple[Path, list[dict]],
) -> None:
    out, records = corpus_run
    frame = pd.read_json(out, lines=True)
    assert list(frame.columns) == [
        "schema_version",
        "doc",
        "entities",
        "claims",
        "dates",
        "figures",
        "casualties",
        "agreements",
    ]
    assert len(frame) == len(records)
    for column in ("entities", "claims", "dates", "figures", "casualties", "agreements"):
        assert frame[column].map(type).eq(list).all()
    docs = pd.json_normalize(frame["doc"].tolist())
    assert docs["n_chars"].dtype.kind == "i"


def test_stdout_output_and_published_option(tmp_path: Path) -> None:
    story = tmp_path / "harbour.txt"
    story.write_text("Port workers went on strike on Monday, the union said.\n", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(story), "--published", "2024-02-14", "-q"])
    assert result.exit_code == 0
    [record] = [json.loads(line) for line in result.stdout.splitlines()]
    assert record["doc"]["published"] == "2024-02-14"
    assert record["doc"]["id"] == "harbour"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--published", "14/02/2024"], "--published must be a date as YYYY-MM-DD"),
        (["--resume"], "--resume needs an output file (-o)"),
        (["--format", "pdf"], "--format must be one of"),
    ],
)
def test_usage_errors_are_messages(tmp_path: Path, args: list[str], message: str) -> None:
    story = tmp_path / "s.txt"
    story.write_text("Text.", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(story), *args])
    assert result.exit_code == 2
    assert message in result.stderr


def test_schema_command_prints_the_packaged_schema() -> None:
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["properties"]["schema_version"] == {"const": "claimx/1"}


def write_bad_inputs(folder: Path) -> int:
    """A directory of broken and awkward inputs; returns how many input units it holds."""
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02PK\x03\x04" * 50)
    (folder / "latin1.txt").write_bytes("Caf\xe9 owners said prices rose by 8%.".encode("latin-1"))
    (folder / "empty.txt").write_text("")
    (folder / "menu.html").write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>")
    feed = [
        json.dumps({"id": "ok-1", "text": "Three people were injured, police said."}),
        '{"id": "broken", "text": "unterminated',
        json.dumps({"id": "number", "text": 12345}),
        json.dumps({"id": "missing"}),
        json.dumps({"id": "ok-2", "text": "The council approved a $2 million budget."}),
    ]
    (folder / "feed.jsonl").write_text("\n".join(feed) + "\n")
    (folder / "zipped.txt.gz").write_bytes(gzip.compress(b"Rescuers found two survivors."))
    (folder / "long-line.txt").write_text(
        ("Officials said 40 people were evacuated from the valley on Friday " * 3000).strip()
    )
    return 4 + len(feed) + 2


@pytest.mark.parametrize(
    "engine", [[], ["--workers", "2", "--chunk-size", "3"], ["--engine", "dask", "--workers", "2"]]
)
def test_bad_input_directory_gives_records_plus_errors_equal_inputs(
    tmp_path: Path, engine: list[str]
) -> None:
    folder = tmp_path / "bad"
    folder.mkdir()
    n_inputs = write_bad_inputs(folder)
    out = tmp_path / "out.jsonl"
    proc = subprocess.run(
        [sys.executable, "-m", "claimx", "extract", str(folder), "-o", str(out), *engine],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    records = read_jsonl(out)
    errors = read_jsonl(tmp_path / "out.errors.jsonl")
    assert len(records) + len(errors) == n_inputs
    assert sorted(r["doc"]["id"] for r in records) == ["long-line", "ok-1", "ok-2", "zipped"]
    reasons = {Path(e["origin"]).name.split(":")[0] + ":" + e["reason"] for e in errors}
    assert "binary.txt:binary file (contains NUL bytes), not text" in reasons
    assert "latin1.txt:not valid UTF-8: byte 0xe9 at offset 3" in reasons
    assert "menu.html:HTML page has no article text" in reasons
    assert "feed.jsonl:'text' must be a string, got int" in reasons
    indexes = [e["index"] for e in errors]
    assert len(set(indexes)) == len(indexes) and all(0 <= i < n_inputs for i in indexes)


def test_agreements_option_links_to_a_known_agreement(tmp_path: Path) -> None:
    known = tmp_path / "known.csv"
    known.write_text(
        "id,name,date,parties,type,mediators\n"
        "D7,Doha Agreement on the Cessation of Hostilities,2024-01-12,Sudan;Chad,ceasefire,Qatar\n"
        "X2,Treaty of Friendship,2019-05-05,France;Germany,treaty,\n",
        encoding="utf-8",
    )
    story = tmp_path / "ndjamena.txt"
    story.write_text(
        "date 2024-03-07 By Example Wire\n\nBy Rana Haddad\n\n"
        "NDJAMENA - Chad accused Sudan on Wednesday of breaking the Doha ceasefire, which "
        "the two governments signed on January 12. The truce has held for seven weeks, "
        "officials said.\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["extract", str(story), "--agreements", str(known), "-q"])
    assert result.exit_code == 0, result.output
    [agreement] = json.loads(result.stdout)["agreements"]
    assert (agreement["gazetteer_id"], agreement["canonical_name"]) == (
        "D7",
        "Doha Agreement on the Cessation of Hostilities",
    )
    assert [m["text"].removeprefix("the ") for m in agreement["mentions"]] == [
        "Doha ceasefire",
        "The truce",
    ]
    plain = runner.invoke(app, ["extract", str(story), "-q"])
    assert json.loads(plain.stdout)["agreements"][0]["gazetteer_id"] == ""


def _json_types(value: object, path: str, seen: dict[str, set[str]]) -> None:
    """Record the JSON type found at every path (list items share their list's path)."""
    kind = {dict: "object", list: "array", str: "string", bool: "boolean", int: "integer",
            float: "number", type(None): "null"}[type(value)]  # fmt: skip
    seen.setdefault(path, set()).add(kind)
    if isinstance(value, dict):
        for key, item in value.items():
            _json_types(item, f"{path}.{key}", seen)
    elif isinstance(value, list):
        for item in value:
            _json_types(item, f"{path}[]", seen)


def test_every_field_has_one_json_type_across_records(
    corpus_run: tuple[Path, list[dict]],
) -> None:
    """What Arrow-based loaders (Hugging Face datasets, DuckDB) need: no mixed types."""
    _, records = corpus_run
    seen: dict[str, set[str]] = {}
    for record in records:
        _json_types(record, "$", seen)
    mixed = {path: kinds for path, kinds in seen.items() if len(kinds) > 1}
    assert mixed == {}
    assert seen["$.figures[].value"] == {"number"}
    assert seen["$.casualties[].count"] == {"number"}
