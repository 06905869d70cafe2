"""JSONL output with an errors file, atomic completion and resume.

While a run is going, records and errors are appended to ``OUT.part`` and
``ERRORS.part`` beside their final paths, one flushed line per input, in input
order; only a finished run renames them into place. Because every input makes
exactly one line in one of the two files, the inputs already handled are
always a prefix of the input stream: ``--resume`` counts the complete lines
(dropping a torn last line), checks that each record matches the input at its
position (same id, same ``text_sha256``), and carries on from there.

The writer holds the lock of each file it writes (``OUT.jsonl.lock``) from
start to end, so two runs never write the same output.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
from contextlib import ExitStack
from pathlib import Path
from typing import IO, Any

from claimx.guards import PART_SUFFIX, output_lock
from claimx.ingest.text import readable
from claimx.types import Article, InputFailure

Record = dict[str, Any]


class ResumeError(RuntimeError):
    """The existing output cannot be continued with these inputs."""


def default_errors_path(output: Path) -> Path:
    """``out.jsonl`` -> ``out.errors.jsonl`` (the contract's default)."""
    name = output.name
    stem = name[: -len(".jsonl")] if name.endswith(".jsonl") else name
    return output.with_name(stem + ".errors.jsonl")


def _dumps(obj: dict[str, Any]) -> str:
    """One JSON line, strictly: no NaN or Infinity, nothing UTF-8 cannot encode.

    Raises:
        ValueError: a number that is not finite, or a lone surrogate in a string.
        TypeError: a value JSON has no type for.
    """
    line = json.dumps(obj, ensure_ascii=False, separators=(",", ":"), allow_nan=False) + "\n"
    line.encode("utf-8")
    return line


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
        self._done_records: list[tuple[str, str]] = []  # (id, text_sha256)
        self._done_error_indexes: set[int] = set()
        self._records_checked = 0
        self._records: IO[str] | None = None
        self._errors: IO[str] | None = None
        self._locks = ExitStack()
        self._copies: list[Path] = []  # .part files copied from a finished output

    # -- set-up ---------------------------------------------------------------
    def __enter__(self) -> RecordWriter:
        try:
            for final in (self.output, self.errors):
                if final is not None:
                    self._locks.enter_context(output_lock(final))
            if self.output is not None:
                self._records = self._open(self.output, "records")
            if self.errors is not None:
                self._errors = self._open(self.errors, "errors")
        except BaseException:
            self._locks.close()
            raise
        return self

    def _open(self, final: Path, kind: str) -> IO[str]:
        part = final.with_name(final.name + PART_SUFFIX)
        final.parent.mkdir(parents=True, exist_ok=True)
        if self.resume:
            if not part.exists() and final.exists():
                shutil.copyfile(final, part)
                self._copies.append(part)
            rows = _complete_lines(part)
            if kind == "records":
                docs = [row.get("doc") or {} for row in rows]
                self._done_records = [(d.get("id", ""), d.get("text_sha256", "")) for d in docs]
            else:
                self._done_error_indexes = {int(row.get("index", -1)) for row in rows}
            return part.open("a", encoding="utf-8")
        return part.open("w", encoding="utf-8")

    @property
    def already_done(self) -> int:
        """How many inputs the resumed output already accounts for."""
        return len(self._done_records) + len(self._done_error_indexes)

    def check_resumed(self, position: int, item: Article | InputFailure) -> None:
        """Verify that input ``position`` (a skipped one) matches what the output holds.

        Skipped inputs must be checked in order, each once. A record must have the
        input's id and the ``text_sha256`` of its text now.
        """
        if position in self._done_error_indexes:
            return
        done = self._done_records
        index = self._records_checked
        expected_id, expected_hash = done[index] if index < len(done) else (None, None)
        self._records_checked += 1
        where = f"input {position + 1} ({item.origin or item.id})"
        start_over = "run without --resume to start over"
        if expected_id != item.id:
            raise ResumeError(
                f"the existing output does not match these inputs at {where}: output has id "
                f"{expected_id!r}, input has {item.id!r}; {start_over}"
            )
        if isinstance(item, InputFailure):
            raise ResumeError(
                f"{where} has a record in the output but cannot be read now "
                f"({item.reason}); {start_over}"
            )
        if hashlib.sha256(item.text.encode("utf-8")).hexdigest() != expected_hash:
            raise ResumeError(
                f"{where} changed since its record was written (its text_sha256 differs); "
                f"{start_over}"
            )

    # -- writing --------------------------------------------------------------
    def write(self, position: int, outcome: Record | InputFailure) -> bool:
        """Write the line of input ``position`` (0-based); True if it was a record.

        A record that is not valid JSON (a number that is not finite, a string
        UTF-8 cannot encode) becomes an error line: one document never stops a run.
        """
        if isinstance(outcome, dict):
            try:
                self.write_record(outcome)
                return True
            except (ValueError, TypeError, RecursionError) as exc:
                reason = f"the record cannot be written as JSON: {type(exc).__name__}: {exc}"
                doc_id = (outcome.get("doc") or {}).get("id", "")
                outcome = InputFailure(reason=reason, id=str(doc_id))
        self.write_error(position, outcome)
        return False

    def write_record(self, record: Record) -> None:
        """Write one record line (stdout when there is no output file).

        Raises:
            ValueError, TypeError: the record is not valid JSON; nothing is written.
        """
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
            "id": readable(failure.id),
            "origin": readable(failure.origin),
            "reason": readable(failure.reason),
        }
        if self._errors is None:
            where = row["origin"] or f"input {position + 1}"
            sys.stderr.write(f"claimx: skipped {where}: {row['reason']}\n")
        else:
            self._errors.write(_dumps(row))
            self._errors.flush()
        self.errors_written += 1

    # -- finishing ------------------------------------------------------------
    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        with self._locks:
            for handle, final in ((self._records, self.output), (self._errors, self.errors)):
                if handle is None or final is None:
                    continue
                handle.flush()
                os.fsync(handle.fileno())
                handle.close()
                if exc_type is None:
                    os.replace(final.with_name(final.name + PART_SUFFIX), final)
            if isinstance(exc, ResumeError):  # a refused resume leaves things as they were
                for part in self._copies:
                    part.unlink()
            if self._records is None and exc_type is None:
                sys.stdout.flush()
