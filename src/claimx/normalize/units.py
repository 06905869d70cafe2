"""Units and qualifiers written around a number.

The lexicons live in ``models/figures/units.json`` and
``models/figures/qualifiers.json``.

Example:
    >>> unit_after(" km/h in about")
    (5, 'kilometre per hour', 'measure')
    >>> qualifier_before("the area is about ")
    (6, '~')
"""

from __future__ import annotations

import re
from functools import cache

from claimx.normalize.numbers import alternation
from claimx.resources import load_json

#: What may follow a unit: no letter, digit or "$" ("5 m" is metres, "5 mice" and "5 C$" are not).
_END = r"(?![^\W_]|\$)"


@cache
def _unit_table() -> tuple[dict[str, tuple[str, str]], re.Pattern[str]]:
    data = load_json("figures/units.json")
    forms: dict[str, tuple[str, str]] = {}
    words: list[str] = []
    symbols: list[str] = []
    for unit, entry in data["units"].items():
        for word in entry.get("words", []):
            forms.setdefault(word.lower(), (unit, entry["kind"]))
            words.append(word)
        for symbol in entry.get("symbols", []):
            forms.setdefault(symbol, (unit, entry["kind"]))
            symbols.append(symbol)
    for word in data["age"]["words"]:
        unit = word.split("-")[0].split(" ")[0].rstrip("s")
        forms[word.lower()] = (unit, "age")
        words.append(word)
    pattern = re.compile(
        rf"^(?:\s?|-)(?:(?i:({alternation(words)}))|({alternation(symbols)})){_END}"
    )
    return forms, pattern


def unit_after(text: str) -> tuple[int, str, str] | None:
    """A unit starting ``text`` (just after a number): (its length, unit name, kind)."""
    forms, pattern = _unit_table()
    match = pattern.match(text)
    if match is None:
        return None
    if match.group(1) is not None:
        key = re.sub(r"\s+", " ", match.group(1).lower())
    else:
        key = match.group(2)
    unit, kind = forms.get(key, forms.get(key.replace(" ", ""), ("", "")))
    return match.end(), unit, kind


@cache
def _qualifier_tables() -> tuple[dict[str, str], dict[str, str], re.Pattern[str], re.Pattern[str]]:
    data = load_json("figures/qualifiers.json")
    before = {w.lower(): q for q, words in data["before"].items() for w in words}
    after = {w.lower(): q for q, words in data["after"].items() for w in words}
    before_re = re.compile(rf"(?i:(?<![\w-])({alternation(list(before))}))\s*$")
    after_re = re.compile(rf"^\s*(?i:({alternation(list(after))}))(?!\w)")
    return before, after, before_re, after_re


def qualifier_before(text: str) -> tuple[int, str] | None:
    """A qualifier ending ``text`` (just before a number): (its length, qualifier)."""
    before, _, pattern, _ = _qualifier_tables()
    match = pattern.search(text[-30:])
    if match is None:
        return None
    return len(match.group(0)), before[re.sub(r"\s+", " ", match.group(1).lower())]


def qualifier_after(text: str) -> tuple[int, str] | None:
    """A qualifier starting ``text`` (just after a figure, ``"or more"``): (length, qualifier)."""
    _, after, _, pattern = _qualifier_tables()
    match = pattern.match(text)
    if match is None:
        return None
    return match.end(), after[re.sub(r"\s+", " ", match.group(1).lower())]
