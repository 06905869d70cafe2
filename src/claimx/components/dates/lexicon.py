"""The dates component's vocabulary and patterns, compiled from its data files.

``patterns.json`` holds the regular expressions, with placeholders filled from
``lexicon.json`` (weekdays, units, seasons, references...), the calendar's
month names (``lexicons/calendar.json``), the number words
(``lexicons/numbers.json``) and the holidays (``holidays.json``).
"""

from __future__ import annotations

import re
from typing import Any

from claimx.normalize.numbers import NumberWords


def alternation(words: list[str], dot: bool = False) -> str:
    """A regex alternation of ``words``, longest first; ``dot`` allows an abbreviation's period.

    Example:
        >>> alternation(["jan", "january"], dot=True)
        'january|jan\\\\.?'
    """
    parts = []
    for word in sorted(words, key=len, reverse=True):
        escaped = re.escape(word).replace(r"\ ", r"\s+")
        parts.append(escaped + (r"\.?" if dot and len(word) <= 4 else ""))
    return "|".join(parts)


def trie(words: list[str]) -> str:
    """A regex matching exactly ``words``, factored as a prefix tree (faster than ``a|b|c``).

    Example:
        >>> trie(["may", "march"])
        '(?:ma(?:y|rch))'
    """
    tree: dict[str, Any] = {}
    for word in words:
        node = tree
        for char in word.lower():
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        branches = [
            (r"\s+" if ch == " " else re.escape(ch)) + emit(sub) for ch, sub in node.items() if ch
        ]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
        if "" in node:
            return f"(?:{body})?"
        return body

    return f"(?:{emit(tree)})"


#: Digit shapes that wake patterns (``#name`` triggers in ``patterns.json``).
_SHAPES = {
    "decade": r"\d{1,3}0'?s\b",
    "d4": r"(?<!\d)\d{4}(?!\d)",
    "ampm": r"\d(?::[0-5]\d)?\s*[ap]\.?\s?m\b",
    "clock": r"\d:[0-5]\d",
    "slash": r"\d/\d",
}


class DateLexicon:
    """Everything the dates component reads with, built once per component from its data."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.words: dict[str, Any] = data["lexicon"]
        self.months: dict[str, int] = data["calendar"]["months"]
        years = data["calendar"]["years"]
        self.likely_years: tuple[int, int] = (years["likely"][0], years["likely"][1])
        self.holidays: dict[str, Any] = data["holidays"]
        self.numbers = NumberWords(data["numbers"])
        self.ordinals: dict[str, int] = self.words["ordinals"]
        self.patterns = self._compile(data["patterns"]["patterns"], data["numbers"])
        self.trigger, self.owners = self._triggers()
        lex = self.words
        approximators = trie(lex["approximators"])
        self.approximator_prefix = re.compile(rf"(?<![\w-]){approximators}\s+$", re.IGNORECASE)
        self.duration_prefix = re.compile(
            rf"(?<![\w-])(?:{trie(lex['duration_prefixes'])}\s+)*(?:{approximators}\s+)?$",
            re.IGNORECASE,
        )
        self.named_day_definition = self._named_day_definition()
        #: Unit and part-of-day words, capitalised mid-sentence only inside names and titles.
        self.title_units = frozenset([*lex["units"], *lex["parts_of_day"]])

    def _compile(
        self, patterns: list[dict[str, Any]], numbers: dict[str, Any]
    ) -> list[tuple[str, re.Pattern[str], list[str]]]:
        """The compiled ``(rule, regex, triggers)`` list of ``patterns.json``."""
        lex = self.words
        ones = [w for w, v in numbers["units"].items() if 1 <= v <= 9]
        teens = [w for w, v in numbers["units"].items() if not 1 <= v <= 9]
        tens = list(numbers["tens"])
        scales = [
            form
            for scale in lex["count_scales"]
            for form in (scale, f"a {scale}", *(f"{one} {scale}" for one in ones))
        ]
        compounds = [rf"{t}(?:-|\s+){o}" for t in tens for o in ones]
        vague = [*lex["vague_counts"], "half an", "half a", "a", "an"]
        fill = {
            # a year in words ("nineteen ninety-four"), as broadcast transcripts write it
            "{YEARW}": (
                r"(?P<yearw>nineteen[- ](?:{TENS})(?:[- ](?:{ONES}))?"
                r"|two thousand(?:\s+and)?(?:[- ](?:{ONES}))?)"
            ),
            "{MONTH}": rf"(?P<month>{alternation(list(self.months), dot=True)})(?![\w'])",
            "{WEEKDAY}": rf"(?P<weekday>{trie([w for w in lex['weekdays'] if len(w) > 4])})",
            "{DAY}": r"(?P<day>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?![\d:.,]\d)",
            "{YEAR2}": r"(?P<year2>1[0-9]\d\d|20\d\d)",
            "{YEAR}": r"(?P<year>1[0-9]\d\d|20\d\d)",
            "{TENS}": trie(tens),
            "{ONES}": trie(ones),
            "{ORDWORDS}": trie(list(self.ordinals)),
            "{APPROX}": rf"{trie(lex['approximators'])}\s+",
            "{NUM}": (
                rf"(?P<num>\d+(?:[.,]\d+)?(?:\s+1/2)?|{'|'.join(compounds)}"
                rf"|{trie([*ones, *teens, *tens, *scales, *vague])})"
            ),
            "{UNITS}": trie([u for u in lex["units"] if not u.startswith("weekend")]),
            "{REFS}": trie(list(lex["refs"])),
            "{HOLIDAYS}": trie(list(self.holidays)).replace("'", "['\u2019]"),
        }
        compiled = []
        for item in patterns:
            pattern = item["pattern"]
            for key, value in fill.items():
                pattern = pattern.replace(key, value)
            compiled.append((item["rule"], re.compile(pattern, re.IGNORECASE), item["triggers"]))
        return compiled

    def _triggers(self) -> tuple[re.Pattern[str], dict[str, set[int]]]:
        """One regex finding every trigger, and which patterns each trigger word or shape wakes."""
        lex = self.words
        lists = {
            "@months": list(self.months),
            "@weekdays_plural": [w + s for w in lex["weekdays"] if len(w) > 4 for s in ("", "s")],
            "@decade_words": list(lex["decade_words"]),
            "@units": list(lex["units"]),
            "@sets": list(lex["sets"]),
            "@refs": [ref.split()[-1] for ref in lex["refs"]],
            "@seasons": list(lex["seasons"]),
            "@holidays": [name.split()[-1] for name in self.holidays if not name.startswith("_")],
        }
        owners: dict[str, set[int]] = {}
        for index, (_, _, triggers) in enumerate(self.patterns):
            for trigger in triggers:
                for word in lists.get(trigger, [trigger]):
                    owners.setdefault(word.lower(), set()).add(index)
        words = [w for w in owners if not w.startswith("#")]
        alternatives = [rf"\b(?P<w>{trie(words)})\b"] + [
            f"(?P<{k}>{v})" for k, v in _SHAPES.items()
        ]
        return re.compile("|".join(alternatives), re.IGNORECASE), owners

    def _named_day_definition(self) -> re.Pattern[str]:
        """A month-day declared as a named day: "4 April as International Day for ..."."""
        months = alternation(list(self.months), dot=True)
        name = (
            r"(?P<name>(?:the\s+)?[A-Z][\w'’-]*"
            r"(?:\s+(?:[A-Z][\w'’-]*|of|for|and|in|on|the|against))*)"
        )
        day_month = (
            rf"(?P<day>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>(?i:{months}))"
        )
        return re.compile(rf"{day_month}\s+(?:as|is|marks)\s+{name}")

    def month_number(self, name: str) -> int | None:
        """The number of a capitalised month name or abbreviation (``"Sept."`` -> 9), else None."""
        if not name[0].isupper():
            return None
        return self.months.get(name.lower().rstrip("."))
