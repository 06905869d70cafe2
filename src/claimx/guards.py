"""Guards every command puts around its outputs.

- No output path may be an input or resolve to one (symlinks, relative paths,
  hard links), nor name the same file as another output: :func:`check_outputs`.
- One writer per output: :func:`output_lock` holds ``OUT.lock`` (``flock``), so a
  second run writing the same file fails at once; the kernel drops the lock of a
  process that dies, so a killed run never leaves a lock that blocks.
- Outputs appear whole or not at all: :func:`atomic_output`.
- SIGTERM stops a run the way Ctrl-C does: :func:`sigterm_as_interrupt`.
"""

from __future__ import annotations

import csv
import fcntl
import os
import signal
import threading
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager, suppress
from pathlib import Path
from types import FrameType
from typing import TextIO

LOCK_SUFFIX = ".lock"
PART_SUFFIX = ".part"


class UsageError(ValueError):
    """The command was called in a way that would lose data or cannot work."""


class OutputLocked(RuntimeError):
    """Another claimx run is writing the same output."""


class Terminated(KeyboardInterrupt):
    """The process received SIGTERM."""


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        info = path.stat()
    except (OSError, ValueError):
        return None
    return info.st_dev, info.st_ino


def check_outputs(
    outputs: Mapping[str, Path | None],
    inputs: Iterable[Path],
    *,
    directories: Iterable[str] = (),
) -> None:
    """Refuse outputs that would overwrite an input, each other, or a directory.

    Args:
        outputs: option name (``-o``, ``--errors``) -> path; None entries are ignored.
        inputs: every file the command reads; consumed only if an output exists.
        directories: the options that may name a directory.

    Raises:
        UsageError: naming the option, the path and what it collides with.
    """
    given = {option: path for option, path in outputs.items() if path is not None}
    seen: dict[str, str] = {}
    for option, path in given.items():
        real = os.path.realpath(path)
        if real in seen:
            raise UsageError(f"{seen[real]} and {option} name the same file: {path}")
        seen[real] = option
        if path.is_dir() and option not in directories:
            raise UsageError(f"{option} {path} is a directory; give a file name")
    existing = {ident: option for option, path in given.items() if (ident := _identity(path))}
    if not existing:
        return
    for path in inputs:
        option = existing.get(_identity(path))
        if option is not None:
            raise UsageError(
                f"{option} {given[option]} is also an input ({path}); writing it would destroy "
                "that input: choose another output path"
            )


def lock_path(path: Path) -> Path:
    """``out.jsonl`` -> ``out.jsonl.lock``."""
    return path.with_name(path.name + LOCK_SUFFIX)


@contextmanager
def output_lock(path: Path) -> Iterator[None]:
    """Hold the exclusive lock of output ``path`` for the block.

    Raises:
        OutputLocked: another live process holds it (its pid is in the message).
    """
    lock = lock_path(path)
    lock.parent.mkdir(parents=True, exist_ok=True)
    while True:
        fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.read(fd, 32).decode("ascii", "replace").strip()
            os.close(fd)
            raise OutputLocked(
                f"another claimx run (pid {holder or '?'}) is writing {path}; wait for it to "
                f"finish or stop it (lock file {lock})"
            ) from None
        # The holder removes the file before unlocking: if it did so while we waited
        # on the old file, ours is no longer the lock file and we try again.
        held = os.fstat(fd)
        if _identity(lock) == (held.st_dev, held.st_ino):
            break
        os.close(fd)
    try:
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode("ascii"))
        yield
    finally:
        with suppress(FileNotFoundError):
            lock.unlink()
        os.close(fd)


@contextmanager
def atomic_output(path: Path) -> Iterator[TextIO]:
    """A text file that replaces ``path`` only when the block finishes without error."""
    part = path.with_name(path.name + PART_SUFFIX)
    try:
        with part.open("w", encoding="utf-8", newline="") as handle:
            yield handle
        os.replace(part, path)
    finally:
        with suppress(FileNotFoundError):
            part.unlink()


@contextmanager
def sigterm_as_interrupt() -> Iterator[None]:
    """Inside the block SIGTERM raises :class:`Terminated` (a KeyboardInterrupt), so
    a run stops the way Ctrl-C stops it: message, partial output kept, locks freed."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def terminate(signum: int, frame: FrameType | None) -> None:
        raise Terminated

    previous = signal.signal(signal.SIGTERM, terminate)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def check_agreements(path: str) -> None:
    """Load the ``--agreements`` CSV once, so a wrong file stops the run before any work.

    Raises:
        RuntimeError: the file is not a UTF-8 CSV in one of the gazetteer layouts (the
            message names the line); the command exits 1 and writes nothing.
    """
    if not path:
        return
    from claimx.gazetteer import load_agreements

    try:
        load_agreements(path)
    except UnicodeDecodeError as exc:
        raise RuntimeError(
            f"--agreements {path} is not UTF-8 text (byte 0x{exc.object[exc.start]:02x} at "
            f"offset {exc.start}); save it as a UTF-8 CSV"
        ) from None
    except (ValueError, csv.Error, OSError) as exc:
        raise RuntimeError(f"--agreements: {exc}") from None
