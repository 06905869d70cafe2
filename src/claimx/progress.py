"""Progress of a run on stderr; stdout stays clean for piping.

On a terminal: a progress bar (documents done of the total, characters, rate,
ETA) once the inputs have been counted, a counter line redrawn in place until
then or when they cannot be counted (stdin, JSON arrays). Elsewhere (a log file,
CI): a plain line now and then. Silent when disabled (``-q``).
"""

from __future__ import annotations

import gzip
import sys
import threading
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TextIO

#: Bytes read at a time when counting the lines of a JSONL input.
_COUNT_CHUNK = 1 << 20


class Progress:
    """Counts documents and characters and reports them on stderr.

    On a terminal the display is redrawn at most every ``interval`` seconds;
    elsewhere a plain line is printed every ``log_interval`` seconds.
    ``enabled=False`` silences it.
    """

    def __init__(
        self,
        *,
        enabled: bool = True,
        stream: TextIO | None = None,
        interval: float = 0.5,
        log_interval: float = 30.0,
    ) -> None:
        self.stream = stream or sys.stderr
        self.enabled = enabled
        self.tty = self.stream.isatty()
        self.interval = interval if self.tty else log_interval
        self.started = time.perf_counter()
        self.last_shown = self.started
        self.docs = self.errors = self.chars = self.skipped = 0
        #: Number of inputs, once counted (None: not known).
        self.total: int | None = None
        self._bar: Any = None
        self._task: Any = None
        self._bar_started = self.started
        self._bar_chars = 0

    def count(self, inputs: Iterable[str], fmt: str = "auto") -> None:
        """Count the documents under ``inputs`` in a background thread, for the bar and ETA."""
        if self.enabled:
            specs = list(inputs)
            threading.Thread(target=self._count, args=(specs, fmt), daemon=True).start()

    def _count(self, inputs: list[str], fmt: str) -> None:
        try:
            self.total = count_documents(inputs, fmt)
        except Exception:  # an input the run itself reports; the total stays unknown
            self.total = None

    @property
    def done(self) -> int:
        """Inputs accounted for so far: records, errors and inputs skipped by --resume."""
        return self.docs + self.errors + self.skipped

    def update(self, *, chars: int = 0, error: bool = False, skipped: bool = False) -> None:
        """Count one input (a record, an error, or one skipped by --resume)."""
        if skipped:
            self.skipped += 1
        elif error:
            self.errors += 1
        else:
            self.docs += 1
            self.chars += chars
        if not self.enabled:
            return
        if self._bar is not None:
            self._advance_bar()
            return
        if self.tty and self.total is not None:  # the bar refreshes itself at its own pace
            self._start_bar()
            return
        now = time.perf_counter()
        if now - self.last_shown >= self.interval:
            self.last_shown = now
            self._show(end="\r" if self.tty else "\n")

    def close(self) -> None:
        """Finish the display with the final line."""
        if not self.enabled:
            return
        if self._bar is not None:
            self.total = self.done
            self._advance_bar()
            self._bar.stop()
        self._show(end="\n")

    def summary(self) -> str:
        """One line: documents, errors, characters and rate so far."""
        elapsed = max(time.perf_counter() - self.started, 1e-9)
        parts = [f"{self.docs:,} records", f"{self.errors:,} errors"]
        if self.skipped:
            parts.append(f"{self.skipped:,} already done")
        parts.append(f"{self.chars:,} characters in {elapsed:.1f}s ({self.chars / elapsed:,.0f}/s)")
        if self.total and not self.tty and self.done < self.total:
            parts.append(f"{self.done:,} of {self.total:,} inputs")
        return "claimx: " + ", ".join(parts)

    def _show(self, end: str) -> None:
        self.stream.write(("\x1b[2K" if self.tty else "") + self.summary() + end)
        self.stream.flush()

    def _start_bar(self) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeRemainingColumn
        from rich.progress import Progress as Bar

        self.stream.write("\x1b[2K\r")
        self._bar = Bar(
            TextColumn("claimx"),
            BarColumn(bar_width=16),
            MofNCompleteColumn(),
            TextColumn("{task.fields[counts]}"),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            console=Console(file=self.stream),
            refresh_per_second=2,
        )
        self._bar_started = time.perf_counter()
        self._bar_chars = self.chars
        self._task = self._bar.add_task("claimx", total=self.total, counts="")
        self._advance_bar()
        self._bar.start()

    def _advance_bar(self) -> None:
        elapsed = max(time.perf_counter() - self._bar_started, 1e-9)
        rate = (self.chars - self._bar_chars) / elapsed
        errors = f", {self.errors:,} errors" if self.errors else ""
        self._bar.update(
            self._task,
            completed=self.done,
            total=max(self.total or 0, self.done),  # never below what is done
            counts=f"inputs{errors}, {_short(self.chars)} chars, {_short(rate)} chars/s",
        )


def _short(number: float) -> str:
    """``1234567`` -> ``1.2M``: a count that keeps the bar on one line."""
    for limit, suffix in ((1e9, "G"), (1e6, "M"), (1e3, "k")):
        if number >= limit:
            return f"{number / limit:.1f}{suffix}"
    return f"{number:.0f}"


def count_documents(inputs: Iterable[str], fmt: str = "auto") -> int | None:
    """How many inputs ``claimx extract`` will read under ``inputs``, None if unknown.

    A text or HTML file is one input; a JSONL file one per line, counted in its
    raw bytes; stdin and JSON files (an object or an array) are unknown. Cheap
    next to the run: no text is decoded or parsed.
    """
    from claimx.ingest.readers import expand, format_of

    total = 0
    for spec in inputs:
        if spec == "-":
            return None
        paths = expand(spec)
        total += 0 if paths else 1  # a missing input is an error line
        for path in paths:
            kind = format_of(path, fmt)
            if kind == "json":
                return None
            total += _jsonl_lines(path) if kind == "jsonl" else 1
    return total


def _jsonl_lines(path: Path) -> int:
    """Lines in a (possibly gzipped) JSONL file (a rare blank line counts too)."""
    opener = gzip.open if path.suffix.lower() == ".gz" else open
    lines = 0
    last = b"\n"
    with opener(path, "rb") as handle:
        while chunk := handle.read(_COUNT_CHUNK):
            lines += chunk.count(b"\n")
            last = chunk[-1:]
    return lines + (last != b"\n")
