"""Reports and cues indexed by position, so attaching a quotation looks only near it.

Quotations are attached one at a time to the reports found so far. Scanning every
report for every quotation made a long document's cost grow with quotations x
reports; these indexes answer the same questions from sorted positions, in the
order a scan of the found list would (the first report in found order wins a tie),
so the attachments are the same.
"""

from __future__ import annotations

from bisect import bisect_left, insort
from collections.abc import Iterator
from typing import TYPE_CHECKING, Generic, TypeVar

if TYPE_CHECKING:
    from spacy.tokens import Token

    from claimx.components.attribution.cues import Attribution

Option = TypeVar("Option")


class _Starts:
    """Report numbers sorted by their content's start."""

    def __init__(self) -> None:
        self.keys: list[tuple[int, int]] = []

    def add(self, start: int, number: int) -> None:
        insort(self.keys, (start, number))

    def move(self, old: int, new: int, number: int) -> None:
        del self.keys[bisect_left(self.keys, (old, number))]
        insort(self.keys, (new, number))

    def between(self, lo: int, hi: int) -> Iterator[int]:
        """Numbers of the reports whose content starts in ``[lo, hi)``, by start."""
        at = bisect_left(self.keys, (lo, -1))
        while at < len(self.keys) and self.keys[at][0] < hi:
            yield self.keys[at][1]
            at += 1

    def before(self, end: int) -> Iterator[int]:
        """Numbers of the reports whose content starts before ``end``, latest start first."""
        at = bisect_left(self.keys, (end, -1))
        while at > 0:
            at -= 1
            yield self.keys[at][1]


class ReportIndex:
    """The reports found so far, by content start; contents only grow (:meth:`grow`).

    A content that overlaps a span starts less than ``longest`` (the longest content)
    characters before it, so an overlap query reads a window, not the whole list.
    """

    def __init__(self, reports: list[Attribution]) -> None:
        self.reports: list[Attribution] = []
        self.numbers: dict[int, int] = {}
        self.starts = _Starts()
        self.speaking = _Starts()
        self.longest = 0
        for report in reports:
            self.add(report)

    def add(self, report: Attribution) -> None:
        """Index ``report``, after every report added before it in found order."""
        number = len(self.reports)
        self.reports.append(report)
        self.numbers[id(report)] = number
        self.starts.add(report.content[0], number)
        if _speaks(report):
            self.speaking.add(report.content[0], number)
        self.longest = max(self.longest, report.content[1] - report.content[0])

    def grow(self, report: Attribution, start: int, end: int) -> None:
        """Widen ``report``'s content to cover ``start..end``."""
        old = report.content[0]
        report.content = (min(start, old), max(end, report.content[1]))
        if report.content[0] != old:
            number = self.numbers[id(report)]
            self.starts.move(old, report.content[0], number)
            if _speaks(report):
                self.speaking.move(old, report.content[0], number)
        self.longest = max(self.longest, report.content[1] - report.content[0])

    def overlapping(self, start: int, end: int) -> list[Attribution]:
        """The reports whose content overlaps ``start..end``, in found order."""
        numbers = [
            n
            for n in self.starts.between(start - self.longest, end)
            if self.reports[n].content[1] > start
        ]
        return [self.reports[n] for n in sorted(numbers)]

    def last_before(self, start: int) -> Attribution | None:
        """Of the reports with a source, not quoted, whose content ends by ``start``: the one
        with the greatest content (start, then end), the first found on a tie."""
        best: tuple[tuple[int, int], int] | None = None
        for number in self.speaking.before(start):
            content = self.reports[number].content
            if best is not None and content[0] < best[0][0]:
                break
            if content[1] <= start and (best is None or (content, -number) > (best[0], -best[1])):
                best = (content, number)
        return self.reports[best[1]] if best else None


def _speaks(report: Attribution) -> bool:
    return report.source is not None and not report.quoted


class CueIndex(Generic[Option]):
    """Cue tokens a quotation may belong to, each with its options and their order keys."""

    def __init__(self, cues: list[tuple[Token, tuple[int, int], Option]]) -> None:
        self.options: dict[int, list[tuple[tuple[int, int], Option]]] = {}
        for cue, order, option in cues:
            self.options.setdefault(cue.i, []).append((order, option))
        tokens = sorted({cue.i: cue for cue, _, _ in cues}.items())
        self.positions = [i for i, _ in tokens]
        self.cues = [cue for _, cue in tokens]
        self.starts = [cue.idx for cue in self.cues]
        self.ends = [cue.idx + len(cue.text) for cue in self.cues]

    def near(self, lo: int, hi: int, start: int, reach: int) -> list[tuple[Token, Option]]:
        """Options of the cues in tokens ``lo..hi`` and of those ending within ``reach``
        characters before ``start`` (a superset of what a quotation there can take), by
        order key."""
        first = min(bisect_left(self.positions, lo), bisect_left(self.ends, start - reach))
        last = max(bisect_left(self.positions, hi), bisect_left(self.starts, start))
        found = [
            (order, self.cues[k], option)
            for k in range(first, last)
            for order, option in self.options[self.positions[k]]
        ]
        return [(cue, option) for _, cue, option in sorted(found, key=lambda o: o[0])]

    def replace(self, cue: Token, old: Option, new: Option, order: tuple[int, int]) -> None:
        """Put ``new``, with its order key, in ``old``'s place at ``cue``."""
        options = self.options[cue.i]
        at = next(k for k, (_, option) in enumerate(options) if option is old)
        options[at] = (order, new)
