"""The batch extract job: read inputs, run the pipeline, write records and errors."""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from pathlib import Path

from claimx.engines import EngineOptions, run
from claimx.ingest import DEFAULT_FIELDS, FieldMap, read_inputs
from claimx.progress import Progress
from claimx.types import InputFailure
from claimx.writer import RecordWriter

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
        claimx.writer.ResumeError: ``resume`` was asked but the output does not match.
        OSError: the output cannot be written.
    """
    progress = progress or Progress(enabled=False)
    items = read_inputs(inputs, published=published, fields=fields, fmt=fmt)
    with RecordWriter(output, errors, resume=resume) as writer:
        start = writer.already_done
        for position, item in enumerate(itertools.islice(items, start)):
            writer.check_resumed(position, item.id)
            progress.update(skipped=True)
        for position, outcome in enumerate(run(items, options, start), start):
            if isinstance(outcome, InputFailure):
                writer.write_error(position, outcome)
                progress.update(error=True)
            else:
                writer.write_record(outcome)
                progress.update(chars=outcome["doc"]["n_chars"])
    progress.close()
    return writer
