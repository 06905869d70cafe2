"""Numbers written in digits or words, as floats.

Example:
    >>> parse_number("twenty-five")
    25.0
    >>> parse_number("1,250.5")
    1250.5
    >>> parse_number("3.2 million")
    3200000.0
"""

from __future__ import annotations

import re

UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
SCALES = {
    "hundred": 100,
    "thousand": 1_000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000,
    "k": 1_000,
    "mln": 1_000_000,
    "mn": 1_000_000,
    "m": 1_000_000,
    "bn": 1_000_000_000,
    "b": 1_000_000_000,
    "tn": 1_000_000_000_000,
}
SPECIAL = {"a dozen": 12, "dozen": 12, "a hundred": 100, "a thousand": 1000, "half": 0.5}

_DIGITS = re.compile(r"^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$|^[+-]?\.\d+$")
_SPLIT = re.compile(r"[\s\-]+")


def parse_digits(text: str) -> float | None:
    """``"1,250.5"`` -> 1250.5; None when ``text`` is not a plain written number."""
    text = text.strip()
    if not _DIGITS.match(text):
        return None
    return float(text.replace(",", ""))


def parse_number(text: str) -> float | None:
    """Parse a number in digits and/or words (``"2.5 million"``, ``"forty-two"``).

    Returns None when ``text`` is not wholly a number.
    """
    cleaned = text.strip().lower().replace("\u2013", "-")
    if not cleaned:
        return None
    if cleaned in SPECIAL:
        return float(SPECIAL[cleaned])
    value = parse_digits(cleaned)
    if value is not None:
        return value
    words = [w for w in _SPLIT.split(cleaned) if w and w != "and"]
    if words and words[0] == "a" and len(words) > 1 and words[1] in SCALES:
        words[0] = "one"
    total = 0.0
    current = 0.0
    seen = False
    for word in words:
        digits = parse_digits(word)
        if digits is not None:
            current += digits
        elif word in UNITS:
            current += UNITS[word]
        elif word in TENS:
            current += TENS[word]
        elif word in SCALES:
            scale = SCALES[word]
            current = (current or 1.0) * scale
            if scale >= 1000:
                total += current
                current = 0.0
        else:
            return None
        seen = True
    return total + current if seen else None
