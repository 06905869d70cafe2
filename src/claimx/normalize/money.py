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

CURRENCIES_FILE = "figures/currencies.json"


def _key(form: str) -> str:
    return re.sub(r"\s+", "", form)


class Currencies:
    """Reads currency signs, codes and words with one lexicon (``currencies.json``'s format)."""

    def __init__(self, lexicon: dict[str, Any]) -> None:
        self.lexicon = lexicon
        before: dict[str, str] = {}
        after: dict[str, str] = {}
        for code, forms in lexicon["currencies"].items():
            for form in forms["before"]:
                before.setdefault(form, code)
            for form in forms["after"]:
                after.setdefault(form, code)
        after.update(lexicon["subunits"])
        self.before_re = re.compile(rf"(?<![A-Za-z])({alternation(list(before))})\s?$")
        self.after_re = re.compile(rf"^[\s-]?(?i:({alternation(list(after))}))(?![\w$])")
        self.before = {_key(f): c for f, c in before.items()}
        self.after = {_key(f).lower(): c for f, c in after.items()}
        ambiguous = {w.lower(): c for c, ws in lexicon["ambiguous_after"].items() for w in ws}
        self.ambiguous = ambiguous
        self.ambiguous_re = re.compile(rf"^\s?(?i:({alternation(list(ambiguous))}))\b")

    def prefixes(self) -> list[str]:
        """Every sign or code written before an amount (``"$"``, ``"US$"``, ``"EUR"``)."""
        return [f for forms in self.lexicon["currencies"].values() for f in forms["before"]]

    def currency_before(self, text: str) -> tuple[int, str] | None:
        """A currency sign or code ending ``text`` (just before a number): (length, ISO code)."""
        match = self.before_re.search(text[-10:])
        if match is None:
            return None
        return len(match.group(0)), self.before[_key(match.group(1))]

    def currency_after(self, text: str) -> tuple[int, str] | None:
        """A currency word or code starting ``text`` (just after a number): (its length, code).

        Subunits (``"cents"``) give the subunit's name instead of an ISO code.
        """
        match = self.after_re.match(text)
        if match is None:
            return None
        return match.end(), self.after[_key(match.group(1)).lower()]

    def ambiguous_after(self, text: str) -> tuple[int, str] | None:
        """A word that is money only next to a scale word (``"pounds"`` -> GBP): (length, code)."""
        match = self.ambiguous_re.match(text)
        if match is None:
            return None
        return match.end(), self.ambiguous[match.group(1).lower()]


@cache
def default_currencies() -> Currencies:
    """The reader of the packaged lexicon."""
    return Currencies(load_json(CURRENCIES_FILE))


def currency_before(text: str) -> tuple[int, str] | None:
    """:meth:`Currencies.currency_before` with the packaged lexicon."""
    return default_currencies().currency_before(text)


def currency_after(text: str) -> tuple[int, str] | None:
    """:meth:`Currencies.currency_after` with the packaged lexicon."""
    return default_currencies().currency_after(text)
