"""Currencies written around an amount, as ISO 4217 codes.

The lexicon lives in ``models/figures/currencies.json``.

Example:
    >>> currency_before("cost US $")
    (4, 'USD')
    >>> currency_after(" Chinese yuan ($1,062)")
    (13, 'CNY')
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from claimx.normalize.numbers import alternation
from claimx.resources import load_json


@cache
def lexicon() -> dict[str, Any]:
    """The currency lexicon (``models/figures/currencies.json``)."""
    return load_json("figures/currencies.json")


@cache
def _tables() -> tuple[dict[str, str], dict[str, str], re.Pattern[str], re.Pattern[str]]:
    before: dict[str, str] = {}
    after: dict[str, str] = {}
    for code, forms in lexicon()["currencies"].items():
        for form in forms["before"]:
            before.setdefault(form, code)
        for form in forms["after"]:
            after.setdefault(form, code)
    after.update(lexicon()["subunits"])
    before_re = re.compile(rf"(?<![A-Za-z])({alternation(list(before))})\s?$")
    after_re = re.compile(rf"^[\s-]?(?i:({alternation(list(after))}))(?![\w$])")
    return (
        {_key(f): c for f, c in before.items()},
        {_key(f).lower(): c for f, c in after.items()},
        before_re,
        after_re,
    )


def _key(form: str) -> str:
    return re.sub(r"\s+", "", form)


def prefixes() -> list[str]:
    """Every sign or code written before an amount (``"$"``, ``"US$"``, ``"EUR"``)."""
    return [f for forms in lexicon()["currencies"].values() for f in forms["before"]]


def currency_before(text: str) -> tuple[int, str] | None:
    """A currency sign or code ending ``text`` (just before a number): (its length, ISO code)."""
    before, _, pattern, _ = _tables()
    match = pattern.search(text[-10:])
    if match is None:
        return None
    return len(match.group(0)), before[_key(match.group(1))]


def currency_after(text: str) -> tuple[int, str] | None:
    """A currency word or code starting ``text`` (just after a number): (its length, code).

    Subunits (``"cents"``) give the subunit's name instead of an ISO code.
    """
    _, after, _, pattern = _tables()
    match = pattern.match(text)
    if match is None:
        return None
    return match.end(), after[_key(match.group(1)).lower()]


@cache
def _ambiguous() -> tuple[dict[str, str], re.Pattern[str]]:
    words = {w.lower(): c for c, ws in lexicon()["ambiguous_after"].items() for w in ws}
    return words, re.compile(rf"^\s?(?i:({alternation(list(words))}))\b")


def ambiguous_after(text: str) -> tuple[int, str] | None:
    """A word that is money only next to a scale word (``"pounds"`` -> GBP): (length, code)."""
    words, pattern = _ambiguous()
    match = pattern.match(text)
    if match is None:
        return None
    return match.end(), words[match.group(1).lower()]
