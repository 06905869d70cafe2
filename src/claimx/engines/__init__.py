"""Engines run the pipeline over a stream of inputs; none changes what a record holds."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from claimx.engines.local import Outcome, process
from claimx.engines.options import ENGINES, EngineOptions
from claimx.types import Article, InputFailure

__all__ = ["ENGINES", "EngineOptions", "Outcome", "process", "run"]


def run(
    items: Iterable[Article | InputFailure], options: EngineOptions, start: int = 0
) -> Iterator[Outcome]:
    """One outcome per item, in order, from the engine ``options`` names.

    ``start`` is the input position of the first item (after a resume).
    """
    from claimx.engines.parallel import process_with_dask, process_with_workers
    from claimx.pipeline import load_pipeline

    if options.engine == "dask":
        return process_with_dask(items, options, start)
    if options.workers > 1:
        return process_with_workers(items, options, start)
    nlp = load_pipeline(agreements=options.agreements)
    return process(
        items, nlp, batch_size=options.batch_size, start=start, max_chars=options.max_chars
    )
