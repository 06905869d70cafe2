"""Calendar days (``YYYY-MM-DD``) for components that need one date from a span.

claimx's date component resolves every temporal expression; these helpers pick
its value inside a character range and, when it has none there, read a plain
written day ("November 10, 2020", "10 November 2020", "November 10") so that a
signing date or a "since" anchor survives a missing date annotation.

Example:
    >>> day_value("November 10", published="2021-04-05")
    '2020-11-10'
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from spacy.tokens import Doc

MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?:,?\s+(?P<year>\d{4}))?"
_FORMS = (
    re.compile(rf"^{_MONTH}\s+{_DAY}{_YEAR}$"),
    re.compile(rf"^(?:the\s+)?{_DAY}\s+(?:of\s+)?{_MONTH}{_YEAR}$"),
)
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")
_BARE_YEAR = re.compile(r"^(?:1[89]|20)\d\d$")
_ISO_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")


def day_value(text: str, published: str = "") -> str:
    """Return ``YYYY-MM-DD`` for a written day, ``""`` if ``text`` is not one.

    A day without a year takes the latest such day on or before ``published``.
    """
    cleaned = " ".join(text.split()).strip(" ,.")
    for form in _FORMS:
        match = form.match(cleaned)
        if match:
            break
    else:
        return ""
    month = MONTHS.get(match["month"].lower())
    if month is None:
        return ""
    day = int(match["day"])
    if match["year"]:
        year = int(match["year"])
    elif _ISO_DAY.match(published):
        anchor = date.fromisoformat(published[:10])
        year = anchor.year if (month, day) <= (anchor.month, anchor.day) else anchor.year - 1
    else:
        return ""
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return ""


def day_in_range(
    dates: Iterable[dict],
    start: int,
    end: int,
    fallback: Iterable[tuple[int, int, str]] = (),
    coarse: bool = False,
) -> str:
    """The first calendar day stated between character offsets ``start`` and ``end``.

    Args:
        dates: ``doc._.claimx_dates`` items; a value starting ``YYYY-MM-DD`` counts.
        start: first character of the range.
        end: end (exclusive) of the range.
        fallback: ``(start, end, value)`` days found otherwise, used when ``dates``
            has none in the range.
        coarse: also accept a month (``YYYY-MM``) or a year (``YYYY``).
    """
    if coarse:
        dates, fallback = list(dates), list(fallback)
        day = day_in_range(dates, start, end, fallback)
        if day:
            return day
    for candidates in (
        ((d["start"], d["end"], str(d.get("value", ""))) for d in dates),
        fallback,
    ):
        found = sorted(
            (s, value[:10])
            for s, e, value in candidates
            if start <= s and e <= end and (_ISO_DATE if coarse else _ISO_DAY).match(value)
        )
        if found:
            return found[0][1]
    return ""


def entity_days(doc: Doc, *, years: bool = False) -> list[tuple[int, int, str]]:
    """``(start, end, value)`` of the base NER's DATE entities that read as calendar days.

    A fallback for :func:`day_in_range`; ``years`` also keeps bare years ("2019").
    """
    published = str(doc._.get("claimx_published") or "")
    days = []
    for ent in doc.ents:
        if ent.label_ != "DATE":
            continue
        value = ent.text if years and _BARE_YEAR.match(ent.text) else day_value(ent.text, published)
        days.append((ent.start_char, ent.end_char, value))
    return days
