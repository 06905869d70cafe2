"""TIMEX3 values: pure functions that anchor, shift and format temporal values.

Granularities follow TimeML: ``2021``, ``2021-04``, ``2021-04-04``, ``2021-W13``,
``2021-Q1``, ``2021-SU``, ``199`` (a decade), ``19`` (a century); durations
``P44D``, ``P3DE``, ``PT5H``; a tense (``"past"``, ``"present"``, ``"future"`` or
``""``) picks the year of partial dates the way HeidelTime does.

Example:
    >>> month_day(date(2021, 4, 5), 11, 10, "past")
    '2020-11-10'
    >>> shift(date(2021, 4, 5), "W", -1)
    '2021-W13'
    >>> duration(3, "DE")
    'P3DE'
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

#: Season code -> index within a season year (winter belongs to the December it starts in).
SEASONS = ("SP", "SU", "FA", "WI")
#: How many days after the anchor a past-tense month-day may fall and stay in its year.
_PAST_LEEWAY_DAYS = 14
_MONTH_SEASON = {3: 0, 4: 0, 5: 0, 6: 1, 7: 1, 8: 1, 9: 2, 10: 2, 11: 2, 12: 3, 1: 3, 2: 3}


def parse_anchor(published: str) -> date | None:
    """``"2021-04-05"`` (or a full ISO timestamp) -> a date; None when missing or malformed."""
    try:
        return date.fromisoformat(published[:10])
    except (TypeError, ValueError):
        return None


def day_value(day: date) -> str:
    """Format a calendar day: ``2021-04-04``."""
    return day.isoformat()


def week_value(day: date) -> str:
    """ISO week of ``day``: ``2021-W13``."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def quarter_of(day: date) -> tuple[int, int]:
    """``(year, quarter)`` of ``day``."""
    return day.year, (day.month - 1) // 3 + 1


def add_months(day: date, months: int) -> date:
    """``day`` moved by whole months (the day clipped to the month's length)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def shift(anchor: date, unit: str, n: int) -> str:
    """The ``unit`` (Y, M, W, D, Q, DE, CE) ``n`` steps from ``anchor``, at that granularity."""
    if unit == "D":
        return day_value(anchor + timedelta(days=n))
    if unit == "W":
        return week_value(anchor + timedelta(weeks=n))
    if unit == "M":
        moved = add_months(anchor, n)
        return f"{moved.year:04d}-{moved.month:02d}"
    if unit == "Q":
        year, quarter = quarter_of(add_months(anchor, 3 * n))
        return f"{year}-Q{quarter}"
    if unit == "DE":
        return str(anchor.year // 10 + n)
    if unit == "CE":
        return f"{anchor.year // 100 + n:02d}"
    if unit == "WE":
        return week_value(anchor + timedelta(weeks=n)) + "-WE"
    return str(anchor.year + n)


def shift_value(value: str, years: int) -> str:
    """Move an absolute value (``1989-Q3``, ``1989-11``, ``1989``) by whole years."""
    head, sep, rest = value.partition("-")
    if not head.isdigit() or len(head) != 4:
        return value
    moved = f"{int(head) + years:04d}{sep}{rest}"
    if rest[:1].isdigit() and rest.count("-") == 1:
        month, day = (int(part) for part in rest.split("-"))
        last = calendar.monthrange(int(head) + years, month)[1]
        moved = f"{int(head) + years:04d}-{month:02d}-{min(day, last):02d}"
    return moved


def _pick_year(anchor: date, key: tuple[int, ...], tense: str) -> int:
    """Year for a partial date whose (month, day) ``key`` is compared with the anchor's."""
    here = (anchor.month, anchor.day)[: len(key)]
    if tense == "future":
        return anchor.year if key >= here else anchor.year + 1
    if tense == "past":
        # a day within weeks after the anchor is this year's even in the past tense
        # ("the offer had been set to expire Nov. 6"): news gives a year for older days
        ahead = (key[0] - here[0]) * 31 + key[1] - here[1] if len(key) > 1 else 0
        return anchor.year if key <= here or 0 < ahead <= _PAST_LEEWAY_DAYS else anchor.year - 1
    # No tense: the nearest occurrence, leaning to the past as news does (-7 .. +5 months).
    months = (key[0] - here[0]) + ((key[1] - here[1]) / 31 if len(key) > 1 else 0)
    if months > 5:
        return anchor.year - 1
    if months < -7:
        return anchor.year + 1
    return anchor.year


def month_day(anchor: date, month: int, day: int, tense: str) -> str:
    """``November 10`` -> the year chosen by tense: past -> most recent, future -> next."""
    year = _pick_year(anchor, (month, day), tense)
    day = min(day, calendar.monthrange(year, month)[1])
    return f"{year:04d}-{month:02d}-{day:02d}"


def month_only(anchor: date, month: int, tense: str) -> str:
    """``in October`` -> ``1997-10`` (past), ``1998-10`` (future), else the nearest."""
    return f"{_pick_year(anchor, (month,), tense):04d}-{month:02d}"


def weekday(anchor: date, iso_day: int, tense: str, relative: str = "") -> str:
    """``Friday`` -> the day of that name around ``anchor``.

    ``relative`` is ``"last"``, ``"next"`` or ``"this"``; otherwise the tense decides
    (future -> on or after the anchor, else on or before it).
    """
    delta = iso_day - anchor.isoweekday()
    if relative == "last":
        delta = delta - 7 if delta >= 0 else delta
    elif relative == "next":
        delta = delta + 7 if delta <= 0 else delta
    elif relative == "this" or tense == "future":
        delta = delta + 7 if delta < 0 else delta
    else:
        delta = delta - 7 if delta > 0 else delta
    return day_value(anchor + timedelta(days=delta))


def season(anchor: date, code: str, relative: str, tense: str) -> str:
    """``last fall`` -> ``1997-FA``; ``this summer`` -> the current season year."""
    year = anchor.year - (1 if anchor.month < 3 else 0)
    here = _MONTH_SEASON[anchor.month]
    index = SEASONS.index(code)
    if relative == "last" or (not relative and tense == "past" and index > here):
        year -= 1 if index >= here else 0
    elif relative == "next" or (not relative and tense == "future" and index < here):
        year += 1 if index <= here else 0
    return f"{year:04d}-{code}"


def quarter(anchor: date, number: int, tense: str) -> str:
    """``the third quarter``: this year's, or last year's if it has not begun (unless future)."""
    year, current = quarter_of(anchor)
    if number > current and tense != "future":
        year -= 1
    return f"{year}-Q{number}"


def duration(amount: float | str, unit: str) -> str:
    """``P44D``, ``PT5H``, ``P3DE``; ``amount`` ``"X"`` for vague counts; halves split down."""
    if unit in ("H", "TM", "S"):
        prefix, unit = "PT", ("M" if unit == "TM" else unit)
    else:
        prefix = "P"
    if isinstance(amount, str):
        return f"{prefix}{amount}{unit}"
    if amount != int(amount):
        return _fractional(amount, prefix, unit)
    return f"{prefix}{int(amount)}{unit}"


_SMALLER = {"Y": (12, "M"), "D": (24, "H"), "H": (60, "M"), "M": (60, "S")}


def _fractional(amount: float, prefix: str, unit: str) -> str:
    """``2.5 years`` -> ``P2Y6M``; ``half an hour`` -> ``PT30M``."""
    whole = int(amount)
    factor, smaller = _SMALLER.get(unit, (0, ""))
    rest = round((amount - whole) * factor) if factor else 0
    if not rest:
        return f"{prefix}{round(amount, 2):g}{unit}"
    if unit == "D":
        return f"P{whole}DT{rest}H" if whole else f"PT{rest}H"
    head = f"{whole}{unit}" if whole else ""
    return f"{prefix}{head}{rest}{smaller}"


def decade(year_digits: str) -> str:
    """``1990`` (of "the 1990s") -> ``199``."""
    return year_digits[:3]


def century(ordinal: int) -> str:
    """``20th century`` -> ``19``."""
    return f"{ordinal - 1:02d}"


def nth_weekday(year: int, month: int, n: int, iso_day: int) -> date:
    """The ``n``-th (or, with -1, last) ``iso_day`` of a month."""
    if n > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(iso_day - first.isoweekday()) % 7 + 7 * (n - 1))
    last = date(year, month, calendar.monthrange(year, month)[1])
    return last - timedelta(days=(last.isoweekday() - iso_day) % 7)


def easter(year: int) -> date:
    """Western Easter Sunday (anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (32 + 2 * e + 2 * i - h - k) % 7  # noqa: E741 (the computus' own name)
    m = (a + 11 * h + 22 * l) // 451
    month, day = divmod(h + l - 7 * m + 114, 31)
    return date(year, month, day + 1)


def holiday(rule: dict, year: int) -> date:
    """The day a holiday rule (see ``models/dates/holidays.json``) falls on in ``year``."""
    if "date" in rule:
        month, day = (int(part) for part in rule["date"].split("-"))
        return date(year, month, day)
    if "nth_weekday" in rule:
        month, n, iso_day = rule["nth_weekday"]
        return nth_weekday(year, month, n, iso_day)
    return easter(year) + timedelta(days=rule["easter"])


def nearest_occurrence(anchor: date, rule: dict, tense: str) -> date:
    """The holiday's occurrence picked by tense: past -> last one, future -> next, else nearest."""
    options = [holiday(rule, anchor.year + k) for k in (-1, 0, 1)]
    if tense == "past":
        return max(d for d in options if d <= anchor)
    if tense == "future":
        return min(d for d in options if d >= anchor)
    return min(options, key=lambda d: abs((d - anchor).days))
