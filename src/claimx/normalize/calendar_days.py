"""The dates component's items looked up by character range: a calendar day
(``YYYY-MM-DD``) inside a clause, or every date there.

Components that need one date from a clause (a signing date, a "since" anchor)
read the values ``claimx_dates`` resolved there rather than parsing dates again.

Example:
    >>> dates = DatesByStart([{"start": 3, "end": 14, "value": "2020-11-10"}])
    >>> dates.day_within(0, 20)
    '2020-11-10'
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from typing import Any

_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")
_ISO_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")


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

    def day_within(self, start: int, end: int, coarse: bool = False) -> str:
        """The first calendar day stated between character offsets ``start`` and ``end``
        (a value starting ``YYYY-MM-DD``); with ``coarse``, when no day is there, also a
        month (``YYYY-MM``) or a year."""
        values = [str(d.get("value", "")) for d in self.within(start, end)]
        for pattern in (_ISO_DAY, _ISO_DATE) if coarse else (_ISO_DAY,):
            for value in values:
                if pattern.match(value):
                    return value[:10]
        return ""
