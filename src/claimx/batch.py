"""The batch extract job: read inputs, run the pipeline, write records and errors."""

from __future__ import annotations

import dataclasses
import itertools
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from claimx.engines import EngineOptions, run
from claimx.guards import (
    PART_SUFFIX,
    check_agreements,
    check_outputs,
    lock_path,
    sigterm_as_interrupt,
)
from claimx.ingest import DEFAULT_FIELDS, FieldMap, expand, read_inputs
from claimx.ingest.readers import Note, note_on_stderr
from claimx.progress import Progress
from claimx.types import Article, InputFailure
from claimx.writer import RecordWriter, ResumeError, default_errors_path

DEFAULT_OPTIONS = EngineOptions()


def run_extract(
    inputs: Iterable[str],
    *,
    output: Path | None,
    errors: Path | None = None,
    published: str = "",
    fields: FieldMap = DEFAULT_FIELDS,
    fmt: str = "auto",
    resume: bool = False,
    options: EngineOptions = DEFAULT_OPTIONS,
    progress: Progress | None = None,
) -> RecordWriter:
    """Extract records from every input under ``inputs``; returns the finished writer.

    Every engine (``options``) writes the same records in the same order.

    Raises:
        claimx.guards.UsageError: an output is an input, or ``--agreements`` is unusable.
        claimx.guards.OutputLocked: another run is writing the same output.
        claimx.guards.Terminated: SIGTERM (the partial output is kept for ``resume``).
        claimx.writer.ResumeError: ``resume`` was asked but the output does not match.
        OSError: the output cannot be written.
    """
    specs = list(inputs)
    errors_option = "--errors" if errors else "the errors file"
    outputs = {"-o": output, errors_option: errors or (output and default_errors_path(output))}
    check_outputs(outputs, (path for spec in specs if spec != "-" for path in expand(spec)))
    check_agreements(options.agreements)
    progress = progress or Progress(enabled=False)
    note = _note_except([path for path in outputs.values() if path is not None])
    items = read_inputs(specs, published=published, fields=fields, fmt=fmt, note=note)
    items = unique_ids(items)
    with sigterm_as_interrupt(), RecordWriter(output, errors, resume=resume) as writer:
        start = writer.already_done
        checked = 0
        for checked, item in enumerate(itertools.islice(items, start), start=1):
            writer.check_resumed(checked - 1, item)
            progress.update(skipped=True)
        if checked < start:
            raise ResumeError(
                f"the existing output accounts for {start} inputs but there are only {checked} "
                "now; run without --resume to start over"
            )
        for position, outcome in enumerate(run(items, options, start), start):
            if writer.write(position, outcome):
                progress.update(chars=outcome["doc"]["n_chars"])
            else:
                progress.update(error=True)
    progress.close()
    return writer


def _note_except(outputs: list[Path]) -> Note:
    """Notes on stderr for skipped earlier outputs, except this run's own files."""
    own = {
        os.path.realpath(name)
        for path in outputs
        for name in (path, path.with_name(path.name + PART_SUFFIX), lock_path(path))
    }

    def note(path: Path, what: str) -> None:
        if os.path.realpath(path) not in own:
            note_on_stderr(path, what)

    return note


def unique_ids(items: Iterable[Article | InputFailure]) -> Iterator[Article | InputFailure]:
    """Give the second and later articles with id ``ID`` the first free id of ``ID#2``,
    ``ID#3``..., with a warning on stderr, so every record's id is unique.

    The suffixes depend only on the order of the inputs, so a resumed run gives
    the same ids.
    """
    seen: set[str] = set()
    last_suffix: dict[str, int] = {}
    for position, item in enumerate(items):
        if isinstance(item, Article):
            if item.id in seen:
                number = last_suffix.get(item.id, 1) + 1
                while f"{item.id}#{number}" in seen:
                    number += 1
                last_suffix[item.id] = number
                renamed = f"{item.id}#{number}"
                sys.stderr.write(
                    f"claimx: warning: input {position + 1} ({item.origin}) repeats the "
                    f"document id {item.id!r}; its record gets the id {renamed!r}\n"
                )
                item = dataclasses.replace(item, id=renamed)
            seen.add(item.id)
        yield item
