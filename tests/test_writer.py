"""Writer: atomic completion, errors file, resume after an interruption."""

from __future__ import annotations

import hashlib
import json
import math
import os
import subprocess
import sys
from pathlib import Path

import pytest

from claimx.guards import OutputLocked, lock_path
from claimx.types import Article, InputFailure
from claimx.writer import PART_SUFFIX, RecordWriter, ResumeError, default_errors_path


def text_of(doc_id: str) -> str:
    return f"The {doc_id} bridge reopened on Monday, officials said."


def record(doc_id: str) -> dict:
    sha = hashlib.sha256(text_of(doc_id).encode("utf-8")).hexdigest()
    return {"schema_version": "claimx/1", "doc": {"id": doc_id, "text_sha256": sha}}


def article(doc_id: str, text: str = "") -> Article:
    return Article(text=text or text_of(doc_id), id=doc_id, origin=f"{doc_id}.txt")


def lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines()]


def test_default_errors_path() -> None:
    assert default_errors_path(Path("out/run.jsonl")) == Path("out/run.errors.jsonl")
    assert default_errors_path(Path("records")) == Path("records.errors.jsonl")


def test_files_appear_only_when_the_run_finishes(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    with RecordWriter(out) as writer:
        writer.write_record(record("a"))
        writer.write_error(1, InputFailure(reason="empty document (no text)", origin="b.txt"))
        assert not out.exists()
        assert (tmp_path / ("out.jsonl" + PART_SUFFIX)).exists()
    assert lines(out) == [record("a")]
    assert lines(tmp_path / "out.errors.jsonl") == [
        {"index": 1, "id": "", "origin": "b.txt", "reason": "empty document (no text)"}
    ]
    assert not list(tmp_path.glob("*" + PART_SUFFIX))


def test_a_failed_run_leaves_partial_files_for_resume(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    with pytest.raises(KeyboardInterrupt), RecordWriter(out) as writer:
        writer.write_record(record("a"))
        raise KeyboardInterrupt
    assert not out.exists()
    assert lines(tmp_path / ("out.jsonl" + PART_SUFFIX)) == [record("a")]


def test_resume_drops_a_torn_line_and_counts_done_inputs(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    part = tmp_path / ("out.jsonl" + PART_SUFFIX)
    part.write_text(json.dumps(record("a")) + "\n" + '{"schema_version": "cla')
    errors_part = tmp_path / ("out.errors.jsonl" + PART_SUFFIX)
    errors_part.write_text(json.dumps({"index": 1, "id": "b", "origin": "", "reason": "x"}) + "\n")
    with RecordWriter(out, resume=True) as writer:
        assert writer.already_done == 2
        writer.check_resumed(0, article("a"))
        writer.check_resumed(1, article("b"))
        writer.write_record(record("c"))
    assert [r["doc"]["id"] for r in lines(out)] == ["a", "c"]


def test_resume_refuses_output_from_other_inputs(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    out.write_text(json.dumps(record("zzz")) + "\n")
    with (
        pytest.raises(ResumeError, match="does not match these inputs"),
        RecordWriter(out, resume=True) as writer,
    ):
        writer.check_resumed(0, article("a"))
    assert lines(out) == [record("zzz")]


def test_resume_refuses_an_input_whose_text_changed(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    out.write_text(json.dumps(record("a")) + "\n")
    with (
        pytest.raises(ResumeError, match=r"input 1 \(a.txt\) changed since its record was written"),
        RecordWriter(out, resume=True) as writer,
    ):
        writer.check_resumed(0, article("a", "The a bridge stayed closed on Monday."))
    assert lines(out) == [record("a")]


def test_a_record_that_is_not_valid_json_becomes_an_error_line(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    bad_number = {**record("inf"), "figures": [{"value": math.inf}]}
    bad_text = {**record("surrogate"), "claims": [{"text": "said \ud800"}]}
    with RecordWriter(out) as writer:
        assert [writer.write(i, r) for i, r in enumerate([bad_number, bad_text, record("ok")])] == [
            False,
            False,
            True,
        ]
    assert lines(out) == [record("ok")]
    errors = lines(tmp_path / "out.errors.jsonl")
    assert [(e["index"], e["id"]) for e in errors] == [(0, "inf"), (1, "surrogate")]
    assert "Out of range float values" in errors[0]["reason"]
    assert "\\ud800" in errors[1]["reason"]


def test_a_second_writer_of_the_same_output_fails_fast(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    with RecordWriter(out) as first:
        first.write_record(record("a"))
        assert lock_path(out).read_text().strip() == str(os.getpid())
        with pytest.raises(OutputLocked, match=f"pid {os.getpid()}"), RecordWriter(out):
            pass
        first.write_record(record("b"))
    assert lines(out) == [record("a"), record("b")]
    assert not lock_path(out).exists()


def test_the_lock_of_a_killed_run_does_not_block(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    killed = (
        "import os, signal, sys\n"
        "from pathlib import Path\n"
        "from claimx.guards import output_lock\n"
        "with output_lock(Path(sys.argv[1])):\n"
        "    os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    proc = subprocess.run([sys.executable, "-c", killed, str(out)], check=False)
    assert proc.returncode == -9
    assert lock_path(out).read_text().strip().isdigit()  # left behind, held by nobody
    with RecordWriter(out) as writer:
        writer.write_record(record("a"))
    assert lines(out) == [record("a")]
    assert not lock_path(out).exists()
