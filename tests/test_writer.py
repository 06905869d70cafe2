"""Writer: atomic completion, errors file, resume after an interruption."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimx.types import InputFailure
from claimx.writer import PART_SUFFIX, RecordWriter, ResumeError, default_errors_path


def record(doc_id: str) -> dict:
    return {"schema_version": "claimx/1", "doc": {"id": doc_id}}


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
        writer.check_resumed(0, "a")
        writer.check_resumed(1, "b")
        writer.write_record(record("c"))
    assert [r["doc"]["id"] for r in lines(out)] == ["a", "c"]


def test_resume_refuses_output_from_other_inputs(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    out.write_text(json.dumps(record("zzz")) + "\n")
    with (
        pytest.raises(ResumeError, match="does not match these inputs"),
        RecordWriter(out, resume=True) as writer,
    ):
        writer.check_resumed(0, "a")
    assert lines(out) == [record("zzz")]
