"""A progress line on stderr for long runs; stdout stays clean for piping."""

from __future__ import annotations

import sys
import time
from typing import TextIO


class Progress:
    """Counts documents and characters and reports the rate on stderr.

    On a terminal the line is redrawn in place at most every ``interval``
    seconds; elsewhere (a log file, CI) a plain line is printed every
    ``log_interval`` seconds. ``enabled=False`` silences it.
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

    def update(self, *, chars: int = 0, error: bool = False, skipped: bool = False) -> None:
        """Count one input (a record, an error, or one skipped by --resume)."""
        if skipped:
            self.skipped += 1
        elif error:
            self.errors += 1
        else:
            self.docs += 1
            self.chars += chars
        now = time.perf_counter()
        if self.enabled and now - self.last_shown >= self.interval:
            self.last_shown = now
            self._show(end="\r" if self.tty else "\n")

    def close(self) -> None:
        """Print the final line."""
        if self.enabled:
            self._show(end="\n")

    def summary(self) -> str:
        """One line: documents, errors, characters and rate so far."""
        elapsed = max(time.perf_counter() - self.started, 1e-9)
        parts = [f"{self.docs:,} records", f"{self.errors:,} errors"]
        if self.skipped:
            parts.append(f"{self.skipped:,} already done")
        parts.append(f"{self.chars:,} characters in {elapsed:.1f}s ({self.chars / elapsed:,.0f}/s)")
        return "claimx: " + ", ".join(parts)

    def _show(self, end: str) -> None:
        self.stream.write(("\x1b[2K" if self.tty else "") + self.summary() + end)
        self.stream.flush()
