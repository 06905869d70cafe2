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
from typing import Any

from claimx.normalize.numbers import alternation
from claimx.resources import load_json

UNITS_FILE = "figures/units.json"
QUALIFIERS_FILE = "figures/qualifiers.json"
#: What may follow a unit: no letter, digit or "$" ("5 m" is metres, "5 mice" and "5 C$" are not).
_END = r"(?![^\W_]|\$)"


class Units:
    """Reads units and qualifiers with one pair of lexicons (units, qualifiers)."""

    def __init__(self, units: dict[str, Any], qualifiers: dict[str, Any]) -> None:
        self.forms: dict[str, tuple[str, str]] = {}
        words: list[str] = []
        symbols: list[str] = []
        for unit, entry in units["units"].items():
            for word in entry.get("words", []):
                self.forms.setdefault(word.lower(), (unit, entry["kind"]))
                words.append(word)
            for symbol in entry.get("symbols", []):
                self.forms.setdefault(symbol, (unit, entry["kind"]))
                symbols.append(symbol)
        for word in units["age"]["words"]:
            unit = word.split("-")[0].split(" ")[0].rstrip("s")
            self.forms[word.lower()] = (unit, "age")
            words.append(word)
        self.unit_re = re.compile(
            rf"^(?:\s?|-)(?:(?i:({alternation(words)}))|({alternation(symbols)})){_END}"
        )
        before = {w.lower(): q for q, ws in qualifiers["before"].items() for w in ws}
        after = {w.lower(): q for q, ws in qualifiers["after"].items() for w in ws}
        self.before, self.after = before, after
        self.before_re = re.compile(rf"(?i:(?<![\w-])({alternation(list(before))}))\s*$")
        self.after_re = re.compile(rf"^\s*(?i:({alternation(list(after))}))(?!\w)")

    def unit_after(self, text: str) -> tuple[int, str, str] | None:
        """A unit starting ``text`` (just after a number): (its length, unit name, kind)."""
        match = self.unit_re.match(text)
        if match is None:
            return None
        if match.group(1) is not None:
            key = re.sub(r"\s+", " ", match.group(1).lower())
        else:
            key = match.group(2)
        unit, kind = self.forms.get(key, self.forms.get(key.replace(" ", ""), ("", "")))
        return match.end(), unit, kind

    def qualifier_before(self, text: str) -> tuple[int, str] | None:
        """A qualifier ending ``text`` (just before a number): (its length, qualifier)."""
        match = self.before_re.search(text[-30:])
        if match is None:
            return None
        return len(match.group(0)), self.before[re.sub(r"\s+", " ", match.group(1).lower())]

    def qualifier_after(self, text: str) -> tuple[int, str] | None:
        """A qualifier starting ``text`` (just after a figure, ``"or more"``): (length, code)."""
        match = self.after_re.match(text)
        if match is None:
            return None
        return match.end(), self.after[re.sub(r"\s+", " ", match.group(1).lower())]


@cache
def default_units() -> Units:
    """The reader of the packaged lexicons."""
    return Units(load_json(UNITS_FILE), load_json(QUALIFIERS_FILE))


def unit_after(text: str) -> tuple[int, str, str] | None:
    """:meth:`Units.unit_after` with the packaged lexicons."""
    return default_units().unit_after(text)


def qualifier_before(text: str) -> tuple[int, str] | None:
    """:meth:`Units.qualifier_before` with the packaged lexicons."""
    return default_units().qualifier_before(text)


def qualifier_after(text: str) -> tuple[int, str] | None:
    """:meth:`Units.qualifier_after` with the packaged lexicons."""
    return default_units().qualifier_after(text)
