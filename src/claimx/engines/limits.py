"""A per-document time limit, so one pathological article cannot stall a batch."""

from __future__ import annotations

import ctypes
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType


class DocumentTimeout(Exception):
    """Raised inside the pipeline when a document exceeds its time limit."""


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise :class:`DocumentTimeout` in the block after ``seconds`` of wall time.

    In a process's main thread on POSIX (the in-process and ``--workers``
    engines) a ``SIGALRM`` timer raises it; in any other thread (a Dask worker's
    task thread, a web server's request thread) a watchdog timer raises it
    asynchronously in the thread running the block. Either way it arrives
    between two Python bytecodes, so a single long call into C (one base-model
    batch, one regular-expression search) finishes first.
    """
    if seconds <= 0:
        yield
    elif hasattr(signal, "SIGALRM") and threading.current_thread() is threading.main_thread():
        with _alarm(seconds):
            yield
    else:
        with _watchdog(seconds):
            yield


@contextmanager
def _alarm(seconds: float) -> Iterator[None]:
    def expire(signum: int, frame: FrameType | None) -> None:
        raise DocumentTimeout(f"exceeded {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextmanager
def _watchdog(seconds: float) -> Iterator[None]:
    target = ctypes.c_ulong(threading.get_ident())
    lock = threading.Lock()
    state = {"done": False, "fired": False}

    def expire() -> None:
        with lock:
            if not state["done"]:
                state["fired"] = True
                ctypes.pythonapi.PyThreadState_SetAsyncExc(
                    target, ctypes.py_object(DocumentTimeout)
                )

    timer = threading.Timer(seconds, expire)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        with lock:
            state["done"] = True
            timer.cancel()
            if state["fired"]:
                # The block ended before the exception arrived: withdraw it.
                ctypes.pythonapi.PyThreadState_SetAsyncExc(target, None)
