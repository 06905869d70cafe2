"""The extract job: read inputs, run the pipeline, write records and errors."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from pathlib import Path

from claimx.engines import Outcome, process
from claimx.engines.parallel import process_with_dask, process_with_workers
from claimx.ingest import DEFAULT_FIELDS, FieldMap, read_inputs
from claimx.pipeline import load_pipeline
from claimx.progress import Progress
from claimx.types import Article, InputFailure
from claimx.writer import RecordWriter


def run_extract(
    inputs: Iterable[str],
    *,
    output: Path | None,
    errors: Path | None = None,
    published: str = "",
    fields: FieldMap = DEFAULT_FIELDS,
    fmt: str = "auto",
    resume: bool = False,
    batch_size: int = 64,
    workers: int = 1,
    engine: str = "local",
    scheduler: str = "",
    chunk_size: int = 256,
    progress: Progress | None = None,
) -> RecordWriter:
    """Extract records from every input under ``inputs``; returns the finished writer.

    ``workers`` > 1 runs that many local processes; ``engine="dask"`` runs on a
    Dask cluster (``scheduler`` address, or a LocalCluster of ``workers``).
    Every engine writes the same records in the same order.

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
        outcomes = _outcomes(items, batch_size, workers, engine, scheduler, chunk_size)
        for position, outcome in enumerate(outcomes, start):
            if isinstance(outcome, InputFailure):
                writer.write_error(position, outcome)
                progress.update(error=True)
            else:
                writer.write_record(outcome)
                progress.update(chars=outcome["doc"]["n_chars"])
    progress.close()
    return writer


def _outcomes(
    items: Iterator[Article | InputFailure],
    batch_size: int,
    workers: int,
    engine: str,
    scheduler: str,
    chunk_size: int,
) -> Iterator[Outcome]:
    if engine == "dask":
        return process_with_dask(
            items,
            scheduler=scheduler,
            workers=workers,
            chunk_size=chunk_size,
            batch_size=batch_size,
        )
    if workers > 1:
        return process_with_workers(
            items, workers=workers, chunk_size=chunk_size, batch_size=batch_size
        )
    return process(items, load_pipeline(), batch_size=batch_size)
