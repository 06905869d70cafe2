"""Quotation spans, paired at the character level.

Double quotes only: straight ``"``, curly ``“ ”``, guillemets ``« »`` and the typewriter
pair ``` `` ''``; in a text without ````` ``, ``''`` both opens and closes (the
New York Times style ``''Yes,'' he said``). Single quotes stay inside the
quote that holds them (nested quotes). Pairing runs paragraph by paragraph:
a quote still open at the end of a paragraph runs on when the next paragraph
opens with a quote mark (the news convention for quotes over several
paragraphs), else it ends with the paragraph, so an odd number of marks never
swallows the rest of the article.
"""

from __future__ import annotations

import re

_MARK = re.compile(r"``|''|[\"“”«»]")
_OPENERS = {"“", "``", "«"}
_CLOSERS = {"”", "''", "»"}
_PARAGRAPH = re.compile(r"\n\s*\n|\n(?=\s*(?:[\"“`«]|''))")


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Return ``(start, end)`` of each quotation's inside, marks excluded, in text order.

    Example:
        >>> quote_spans('“Yes,” he said. "No."')
        [(1, 5), (17, 20)]
    """
    spans: list[tuple[int, int]] = []
    carried: int | None = None
    start = 0
    toggles = {'"'} if "``" in text else {'"', "''"}
    for brk in [*_PARAGRAPH.finditer(text), None]:
        end = brk.start() if brk else len(text)
        paragraph_spans, still_open = _pair(text, start, end, toggles)
        if carried is not None:
            if paragraph_spans and _starts_with_mark(text, start):
                paragraph_spans[0] = (carried, paragraph_spans[0][1])
            else:
                spans.append((carried, _trim_end(text, start)))
            carried = None
        spans.extend(paragraph_spans)
        if still_open is not None:
            if paragraph_spans and paragraph_spans[-1][0] == still_open:
                paragraph_spans.pop()
                spans.pop()
            carried = still_open
        start = brk.end() if brk else len(text)
    if carried is not None:
        spans.append((carried, _trim_end(text, len(text))))
    return [(s, e) for s, e in spans if e > s]


def _pair(
    text: str, start: int, end: int, toggles: set[str]
) -> tuple[list[tuple[int, int]], int | None]:
    """Pair marks in ``text[start:end]`` (a mark in ``toggles`` opens or closes); also return
    where an unclosed quote opened."""
    spans: list[tuple[int, int]] = []
    open_at: int | None = None
    after_last = start
    for mark in _MARK.finditer(text, start, end):
        char = mark.group()
        if (char in _CLOSERS and char not in toggles) or (char in toggles and open_at is not None):
            if open_at is not None:
                spans.append((open_at, mark.start()))
                open_at = None
            elif char in _CLOSERS:
                spans.append((after_last, mark.start()))
            after_last = mark.end()
        elif char in _OPENERS or char in toggles:
            if open_at is not None:
                spans.append((open_at, _trim_end(text, mark.start())))
            open_at = mark.end()
    if open_at is not None:
        spans.append((open_at, _trim_end(text, end)))
    return spans, open_at


def _starts_with_mark(text: str, start: int) -> bool:
    stripped = text[start:].lstrip()
    return bool(stripped) and _MARK.match(stripped) is not None


def _trim_end(text: str, end: int) -> int:
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end
