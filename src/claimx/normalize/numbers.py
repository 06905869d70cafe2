"""Numbers written in digits or words, as floats.

The word lists live in ``models/lexicons/numbers.json``.

Example:
    >>> parse_number("twenty-five")
    25.0
    >>> parse_number("1,250.5")
    1250.5
    >>> parse_number("3.2 million")
    3200000.0
    >>> parse_number("two and a half")
    2.5
    >>> vague_range("hundreds of thousands")
    (100000.0, 1000000.0)
"""

from __future__ import annotations

import math
import re
from functools import cache
from typing import Any

from claimx.resources import load_json

_DIGITS = re.compile(r"^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$|^[+-]?\.\d+$")
_DIGITS_SCALED = re.compile(r"^([+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|[+-]?\.\d+)\s?([a-z]+)$")
_SPLIT = re.compile(r"[\s\-]+")
_MINUS = str.maketrans({"\u2212": "-", "\u2013": "-", "\u2014": "-"})
NUMBERS_FILE = "lexicons/numbers.json"


def alternation(forms: list[str]) -> str:
    """A regex alternation of ``forms``, longest first, a space matching an optional blank."""
    ordered = sorted(set(forms), key=len, reverse=True)
    return "|".join(re.escape(f).replace(r"\ ", r"\s?") for f in ordered)


def parse_digits(text: str) -> float | None:
    """``"1,250.5"`` -> 1250.5; None when ``text`` is not a plain written number."""
    text = text.strip().translate(_MINUS)
    if not _DIGITS.match(text):
        return None
    value = float(text.replace(",", ""))
    return value if math.isfinite(value) else None


class NumberWords:
    """Reads numbers with one number-word lexicon (the format of ``models/lexicons/numbers.json``).

    The module's functions use the packaged lexicon; a component holding its own
    copy builds its own reader.
    """

    def __init__(self, lexicon: dict[str, Any]) -> None:
        self.lexicon = lexicon

    def word_value(self, word: str) -> float | None:
        """The value of one number word (``"seven"`` -> 7, ``"forty"`` -> 40), else None."""
        lex = self.lexicon
        for table in ("units", "tens", "scales", "multiples"):
            if word in lex[table]:
                return float(lex[table][word])
        return None

    def fraction_value(self, text: str) -> float | None:
        """``"two-thirds"`` -> 0.667, ``"a quarter"`` -> 0.25, ``"half"`` -> 0.5; else None."""
        words = [w for w in _SPLIT.split(text.strip().lower()) if w]
        denominators = self.lexicon["fractions"]
        if not words or words[-1] not in denominators:
            return None
        if len(words) == 1:
            return 0.5 if words[0] == "half" else None
        numerator = 1.0 if words[:-1] == ["a"] else self.parse_number(" ".join(words[:-1]))
        if numerator is None:
            return None
        return numerator / denominators[words[-1]]

    def vague_range(self, text: str) -> tuple[float, float] | None:
        """Low and high of a vague magnitude, an order of magnitude wide.

        ``"dozens"`` -> (12, 120), ``"tens of thousands"`` -> (10000, 100000),
        ``"several hundred"`` -> (100, 1000); None for anything else.
        """
        vague = self.lexicon["vague"]
        words = [w for w in _SPLIT.split(text.strip().lower()) if w and w != "of"]
        if len(words) == 2 and words[0] in ("several", "few") and words[1] + "s" in vague:
            words = [words[1] + "s"]
        if words and words[0] == "a" and len(words) == 3 and words[1] == "few":
            words = [words[2] + "s"]
        if not words or any(w not in vague for w in words):
            return None
        low = 1.0
        for word in words:
            low *= vague[word]
        return low, low * 10

    def parse_number(self, text: str) -> float | None:
        """Parse a number in digits and/or words (``"2.5 million"``, ``"forty-two"``, ``"25k"``).

        Handles scale words and their abbreviations, ``"a dozen"``, ``"two and a
        half"``, ``"half a million"`` and fractions (``"two-thirds"``). Returns
        None when ``text`` is not wholly a number, or is too large to be a finite float.
        """
        value = self._parse(text)
        return value if value is None or math.isfinite(value) else None

    def _parse(self, text: str) -> float | None:
        cleaned = text.strip().lower().translate(_MINUS)
        if not cleaned:
            return None
        value = parse_digits(cleaned)
        if value is not None:
            return value
        lex = self.lexicon
        abbreviations = lex["scale_abbreviations"]
        scaled = _DIGITS_SCALED.match(cleaned)
        if scaled and scaled.group(2) in abbreviations:
            return float(scaled.group(1).replace(",", "")) * abbreviations[scaled.group(2)]
        half = 0.0
        if cleaned.endswith(" and a half"):
            cleaned, half = cleaned[: -len(" and a half")], 0.5
        elif cleaned.startswith("half a ") or cleaned.startswith("half an "):
            rest = self.parse_number(cleaned.split(" ", 2)[2])
            return rest / 2 if rest is not None else None
        words = [w for w in _SPLIT.split(cleaned) if w]
        if (
            len(words) > 1
            and words[0] == "a"
            and (words[1] in lex["scales"] or words[1] in lex["multiples"])
        ):
            words[0] = "one"
        total = 0.0
        current = 0.0
        seen = False
        previous = ""
        for word in words:
            if word == "and" and previous in lex["scales"]:
                continue
            previous = word
            number = parse_digits(word)
            if number is None:
                number = self.word_value(word)
            if number is None:
                if word in abbreviations and seen:
                    number = float(abbreviations[word])
                else:
                    return self.fraction_value(cleaned) if not half else None
            if (
                word in lex["scales"]
                or word in lex["multiples"]
                or (word in abbreviations and parse_digits(word) is None)
            ):
                current = (current or 1.0) * number
                if number >= 1000:
                    total += current
                    current = 0.0
            else:
                current += number
            seen = True
        return total + current + half if seen else None


@cache
def default_words() -> NumberWords:
    """The reader of the packaged lexicon (``models/lexicons/numbers.json``)."""
    return NumberWords(load_json(NUMBERS_FILE))


def lexicon() -> dict[str, Any]:
    """The packaged number-word lexicon."""
    return default_words().lexicon


def word_value(word: str) -> float | None:
    """:meth:`NumberWords.word_value` with the packaged lexicon."""
    return default_words().word_value(word)


def fraction_value(text: str) -> float | None:
    """:meth:`NumberWords.fraction_value` with the packaged lexicon."""
    return default_words().fraction_value(text)


def vague_range(text: str) -> tuple[float, float] | None:
    """:meth:`NumberWords.vague_range` with the packaged lexicon."""
    return default_words().vague_range(text)


def parse_number(text: str) -> float | None:
    """:meth:`NumberWords.parse_number` with the packaged lexicon."""
    return default_words().parse_number(text)
