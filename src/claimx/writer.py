"""JSONL output with an errors file, atomic completion and resume.

While a run is going, records and errors are appended to ``OUT.part`` and
``ERRORS.part`` beside their final paths, one flushed line per input, in input
order; only a finished run renames them into place. Because every input makes
exactly one line in one of the two files, the inputs already handled are
always a prefix of the input stream: ``--resume`` counts the complete lines
(dropping a torn last line), checks that the record ids match the inputs at
those positions, and carries on from there.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path
from typing import IO, Any

from claimx.types import InputFailure

PART_SUFFIX = ".part"


class ResumeError(RuntimeError):
    """The existing output cannot be continued with these inputs."""


def default_errors_path(output: Path) -> Path:
    """``out.jsonl`` -> ``out.errors.jsonl`` (the contract's default)."""
    name = output.name
    stem = name[: -len(".jsonl")] if name.endswith(".jsonl") else name
    return output.with_name(stem + ".errors.jsonl")


def _dumps(obj: dict[str, Any]) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":")) + "\n"


def _complete_lines(path: Path) -> list[dict[str, Any]]:
    """Parse the complete JSON lines of ``path`` and cut off a torn tail in place."""
    if not path.exists():
        return []
    rows: list[dict[str, Any]] = []
    good_bytes = 0
    with path.open("rb") as handle:
        for raw in handle:
            if not raw.endswith(b"\n"):
                break
            try:
                rows.append(json.loads(raw))
            except json.JSONDecodeError:
                break
            good_bytes += len(raw)
    if good_bytes != path.stat().st_size:
        with path.open("r+b") as handle:
            handle.truncate(good_bytes)
    return rows


class RecordWriter:
    """Writes records and errors for one run; a context manager.

    Args:
        output: the records file, or None for stdout.
        errors: the errors file; None means ``default_errors_path(output)``, or
            readable lines on stderr when writing to stdout.
        resume: continue an interrupted (or finished) run into the same files.
    """

    def __init__(self, output: Path | None, errors: Path | None = None, *, resume: bool = False):
        self.output = output
        self.errors = errors if errors or output is None else default_errors_path(output)
        self.resume = resume
        self.records_written = 0
        self.errors_written = 0
        self._done_record_ids: list[str] = []
        self._done_error_indexes: set[int] = set()
        self._records: IO[str] | None = None
        self._errors: IO[str] | None = None

    # -- set-up ---------------------------------------------------------------
    def __enter__(self) -> RecordWriter:
        if self.output is not None:
            self._records = self._open(self.output, "records")
        if self.errors is not None:
            self._errors = self._open(self.errors, "errors")
        return self

    def _open(self, final: Path, kind: str) -> IO[str]:
        part = final.with_name(final.name + PART_SUFFIX)
        final.parent.mkdir(parents=True, exist_ok=True)
        if self.resume:
            if not part.exists() and final.exists():
                shutil.copyfile(final, part)
            rows = _complete_lines(part)
            if kind == "records":
                self._done_record_ids = [row.get("doc", {}).get("id", "") for row in rows]
            else:
                self._done_error_indexes = {int(row.get("index", -1)) for row in rows}
            return part.open("a", encoding="utf-8")
        return part.open("w", encoding="utf-8")

    @property
    def already_done(self) -> int:
        """How many inputs the resumed output already accounts for."""
        return len(self._done_record_ids) + len(self._done_error_indexes)

    def check_resumed(self, position: int, item_id: str) -> None:
        """Verify that input ``position`` (a skipped one) matches what the output holds."""
        if position in self._done_error_indexes:
            return
        record_index = position - sum(1 for i in self._done_error_indexes if i < position)
        expected = (
            self._done_record_ids[record_index]
            if record_index < len(self._done_record_ids)
            else None
        )
        if expected != item_id:
            raise ResumeError(
                f"the existing output does not match these inputs at input {position + 1} "
                f"(output has id {expected!r}, input has {item_id!r}); "
                "run without --resume to start over"
            )

    # -- writing --------------------------------------------------------------
    def write_record(self, record: dict[str, Any]) -> None:
        """Write one record line (stdout when there is no output file)."""
        line = _dumps(record)
        if self._records is None:
            sys.stdout.write(line)
        else:
            self._records.write(line)
            self._records.flush()
        self.records_written += 1

    def write_error(self, position: int, failure: InputFailure) -> None:
        """Write one error line for the input at ``position`` (0-based)."""
        row = {
            "index": position,
            "id": failure.id,
            "origin": failure.origin,
            "reason": failure.reason,
        }
        if self._errors is None:
            where = failure.origin or f"input {position + 1}"
            sys.stderr.write(f"claimx: skipped {where}: {failure.reason}\n")
        else:
            self._errors.write(_dumps(row))
            self._errors.flush()
        self.errors_written += 1

    # -- finishing ------------------------------------------------------------
    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        for handle, final in ((self._records, self.output), (self._errors, self.errors)):
            if handle is None or final is None:
                continue
            handle.flush()
            os.fsync(handle.fileno())
            handle.close()
            if exc_type is None:
                os.replace(final.with_name(final.name + PART_SUFFIX), final)
        if self._records is None and exc_type is None:
            sys.stdout.flush()
