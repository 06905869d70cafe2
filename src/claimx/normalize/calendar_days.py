"""A calendar day (``YYYY-MM-DD``) inside a character range, from the dates component.

Components that need one date from a clause (a signing date, a "since" anchor)
read the values ``claimx_dates`` resolved there rather than parsing dates again.

Example:
    >>> day_in_range([{"start": 3, "end": 14, "value": "2020-11-10"}], 0, 20)
    '2020-11-10'
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from typing import Any

_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")
_ISO_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")


def day_in_range(dates: Iterable[dict], start: int, end: int, coarse: bool = False) -> str:
    """The first calendar day stated between character offsets ``start`` and ``end``.

    Args:
        dates: ``doc._.claimx_dates`` items; a value starting ``YYYY-MM-DD`` counts.
        start: first character of the range.
        end: end (exclusive) of the range.
        coarse: when no day is there, also accept a month (``YYYY-MM``) or a year.
    """
    inside = sorted(
        (d["start"], str(d.get("value", "")))
        for d in dates
        if start <= d["start"] and d["end"] <= end
    )
    patterns = (_ISO_DAY, _ISO_DATE) if coarse else (_ISO_DAY,)
    for pattern in patterns:
        for _, value in inside:
            if pattern.match(value):
                return value[:10]
    return ""


class DatesByStart:
    """The dates component's items sorted by start, looked up by character range (a
    document with thousands of dates asks for a few of them many times).

    Example:
        >>> dates = DatesByStart([{"start": 30, "end": 40}, {"start": 3, "end": 14}])
        >>> dates.within(0, 20)
        [{'start': 3, 'end': 14}]
    """

    def __init__(self, dates: Iterable[dict[str, Any]]) -> None:
        self.items = sorted(dates, key=lambda d: d["start"])
        self.starts = [d["start"] for d in self.items]

    def within(self, start: int, end: int) -> list[dict[str, Any]]:
        """The items inside ``start..end``, by start."""
        first = bisect_left(self.starts, start)
        last = bisect_left(self.starts, end)
        return [d for d in self.items[first:last] if d["end"] <= end]
