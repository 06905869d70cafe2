"""Metadata carried in the first lines of a plain-text article.

Recognised forms (each optional, looked for in the first lines only)::

    date 2021-04-05 By Azernews        -> published, source
    Published: 2023-06-14              -> published
    By Vafa Ismayilova                 -> author
    KYIV, March 3 (Reuters) - ...      -> source (a wire dateline)
"""

from __future__ import annotations

import re
from dataclasses import dataclass

HEADER_LINES = 12

_DATE_SOURCE = re.compile(
    r"^\s*date\s+(\d{4}-\d{2}-\d{2})(?:[T ][\d:.+\-Z]*)?(?:\s+by\s+(.+?))?\s*$", re.I
)
_PUBLISHED = re.compile(
    r"^\s*(?:published|posted|updated|date)\s*(?:on)?\s*:?\s*(\d{4}-\d{2}-\d{2})", re.I
)
_BYLINE = re.compile(
    r"^\s*(?i:by)\s+([A-Z][\w.'\u2019-]*(?:\s+(?:[A-Z][\w.'\u2019-]*|and|de|van|von|al|bin|el))"
    r"{0,5})\s*(?:[,|\u2013\u2014-]\s*(.+?))?\s*$"
)
_WIRE_DATELINE = re.compile(
    r"^[A-Z][A-Za-z .'\u2019-]+(?:,[^()\n]{0,40})?\s*\(([A-Z][\w .&'-]{1,30})\)\s*[-\u2013\u2014]"
)


@dataclass(frozen=True, slots=True)
class Header:
    """What the first lines of a text say about the article."""

    published: str = ""
    source: str = ""
    author: str = ""


def parse_header(text: str) -> Header:
    """Read publication date, source and author from an article's first lines.

    Example:
        >>> parse_header(" date 2021-04-05 By Azernews\\n\\nBy Vafa Ismayilova\\n\\nText.")
        Header(published='2021-04-05', source='Azernews', author='Vafa Ismayilova')
    """
    published = source = author = ""
    lines = [line for line in text.splitlines()[: HEADER_LINES * 3] if line.strip()]
    for line in lines[:HEADER_LINES]:
        if not published and (match := _DATE_SOURCE.match(line)):
            published = match.group(1)
            source = source or (match.group(2) or "").strip()
            continue
        if not published and (match := _PUBLISHED.match(line)):
            published = match.group(1)
            continue
        if not author and (match := _BYLINE.match(line)):
            author = match.group(1).strip()
            source = source or (match.group(2) or "").strip()
            continue
        if not source and (match := _WIRE_DATELINE.match(line)):
            source = match.group(1).strip()
    return Header(published=published, source=source, author=author)
