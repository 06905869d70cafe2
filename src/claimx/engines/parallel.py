"""Multi-process and Dask engines: the in-process engine, run on chunks elsewhere.

Inputs are cut into large chunks; each worker process loads the pipeline once
and turns a chunk into its outcomes with :func:`claimx.engines.local.process`.
Results come back in input order and only a bounded number of chunks is in
flight, so memory stays flat on unbounded input and the output is identical,
byte for byte, to a single-process run.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from typing import Any, Protocol

from claimx.engines.local import Outcome, aligned_blocks, process
from claimx.engines.options import EngineOptions
from claimx.types import Article, InputFailure

Item = Article | InputFailure
#: Environment variables that cap BLAS/OpenMP threads in worker processes.
THREAD_CAPS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")


class _Result(Protocol):
    def result(self) -> list[Outcome]: ...


def process_chunk(chunk: list[Item], start: int, options: EngineOptions) -> list[Outcome]:
    """Worker task: the outcomes of the chunk that starts at input position ``start``."""
    from claimx.pipeline import load_pipeline

    nlp = load_pipeline(agreements=options.agreements)
    return list(
        process(chunk, nlp, batch_size=options.batch_size, start=start, max_chars=options.max_chars)
    )


def ordered_results(
    submit: Callable[[list[Item], int], _Result],
    items: Iterable[Item],
    options: EngineOptions,
    *,
    max_in_flight: int,
    start: int = 0,
) -> Iterator[Outcome]:
    """Submit ``items`` in chunks cut at fixed input positions, keep at most
    ``max_in_flight`` pending, and yield their outcomes in order."""
    chunks = aligned_blocks(items, options.chunk_items, start)
    pending: deque[_Result] = deque()
    position = start
    while True:
        while len(pending) < max_in_flight and (chunk := next(chunks, None)):
            pending.append(submit(chunk, position))
            position += len(chunk)
        if not pending:
            return
        yield from pending.popleft().result()


@contextmanager
def single_threaded_workers() -> Iterator[None]:
    """Cap BLAS threads for the worker processes started inside the block."""
    saved = {name: os.environ.get(name) for name in THREAD_CAPS}
    os.environ.update(dict.fromkeys(THREAD_CAPS, "1"))
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def _warm_up(agreements: str) -> None:
    from claimx.pipeline import load_pipeline

    load_pipeline(agreements=agreements)


def process_with_workers(
    items: Iterable[Item], options: EngineOptions, start: int = 0
) -> Iterator[Outcome]:
    """Outcomes of ``items`` from ``options.workers`` spawned processes, in input order."""
    with (
        single_threaded_workers(),
        ProcessPoolExecutor(
            max_workers=options.workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_warm_up,
            initargs=(options.agreements,),
        ) as pool,
    ):

        def submit(chunk: list[Item], position: int) -> Future[list[Outcome]]:
            return pool.submit(process_chunk, chunk, position, options)

        yield from ordered_results(
            submit, items, options, max_in_flight=2 * options.workers, start=start
        )


def process_with_dask(
    items: Iterable[Item], options: EngineOptions, start: int = 0
) -> Iterator[Outcome]:
    """Outcomes of ``items`` computed on a Dask cluster, in input order.

    Connects to ``options.scheduler`` (``tcp://host:8786``), or starts a
    LocalCluster of ``options.workers`` single-threaded processes.
    """
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:
        raise RuntimeError(
            "the dask engine needs dask.distributed: pip install 'claimx[dask]'"
        ) from exc

    with single_threaded_workers():
        cluster: Any = (
            None
            if options.scheduler
            else LocalCluster(
                n_workers=options.workers,
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
            )
        )
        try:
            with Client(options.scheduler or cluster) as client:

                def submit(chunk: list[Item], position: int) -> _Result:
                    return client.submit(process_chunk, chunk, position, options, pure=False)

                workers_now = max(1, len(client.scheduler_info().get("workers", {})))
                yield from ordered_results(
                    submit, items, options, max_in_flight=2 * workers_now, start=start
                )
        finally:
            if cluster is not None:
                cluster.close()
