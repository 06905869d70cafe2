"""Engines run the pipeline over a stream of inputs; none changes what a record holds.

Only the options are imported eagerly: spaCy and the components load with
:func:`run` or :func:`process`, so commands that run no pipeline start fast.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from claimx.engines.options import ENGINES, EngineOptions
from claimx.types import Article, InputFailure

if TYPE_CHECKING:
    from claimx.engines.local import Outcome, process

__all__ = ["ENGINES", "EngineOptions", "Outcome", "process", "run"]


def __getattr__(name: str) -> Any:
    if name in ("Outcome", "process"):
        from claimx.engines import local

        return getattr(local, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def run(
    items: Iterable[Article | InputFailure], options: EngineOptions, start: int = 0
) -> Iterator[Outcome]:
    """One outcome per item, in order, from the engine ``options`` names.

    ``start`` is the input position of the first item (after a resume).
    """
    from claimx.engines.local import limit_length, process
    from claimx.engines.parallel import process_with_dask, process_with_workers
    from claimx.pipeline import load_pipeline

    if options.engine == "dask" or options.workers > 1:
        # Too-long documents fail here, before they are sent anywhere.
        checked = limit_length(items, options.max_chars)
        run_chunks = process_with_dask if options.engine == "dask" else process_with_workers
        return run_chunks(checked, options, start)
    nlp = load_pipeline(agreements=options.agreements)
    return process(
        items, nlp, batch_size=options.batch_size, start=start, max_chars=options.max_chars
    )
