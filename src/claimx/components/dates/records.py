"""The typed records the dates component passes between its stages."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Doc, Token

from claimx.components.dates.lexicon import DateLexicon

#: A normaliser's result: (TIMEX3 type, TIMEX3 value).
Value = tuple[str, str]


@dataclass(frozen=True)
class Windows:
    """The component's character windows (its config settings of the same names)."""

    #: Characters on either side of a trigger word in which its patterns are tried.
    trigger_window: int = 90
    #: Characters before a duration searched for its determiners and approximators.
    prefix_window: int = 60
    #: Longest attribution (characters) read for the day a quotation was said.
    attribution_window: int = 200
    #: Characters after a quarter within which "a year earlier" counts from that quarter.
    quarter_memory: int = 600


@dataclass
class Candidate:
    """A candidate span and the pattern match behind it (None for a named day)."""

    start: int
    end: int
    rule: str
    match: re.Match[str] | None


@dataclass
class Resolved:
    """A kept candidate and its TIMEX3 type and value."""

    candidate: Candidate
    type: str
    value: str

    def as_dict(self) -> dict[str, int | str]:
        """The date as the plain dict stored in ``doc._.claimx_dates``."""
        return {
            "start": self.candidate.start,
            "end": self.candidate.end,
            "type": self.type,
            "value": self.value,
        }


@dataclass
class DocContext:
    """What the normalisers know about one document while reading it left to right."""

    doc: Doc
    text: str
    anchor: date | None
    starts: list[int]
    lex: DateLexicon
    windows: Windows
    last_quarter: tuple[int, str] | None = None  # (char offset, value)
    last_day: date | None = None
    last_day_at: int = -1
    last_month: date | None = None  # the first of the last month mentioned
    last_year: date | None = None  # January 1 of the last year mentioned
    named_days: dict[frozenset[str], tuple[int, int]] = field(default_factory=dict)

    def token(self, char: int) -> Token:
        """The token covering character ``char``."""
        return self.doc[max(0, bisect_right(self.starts, char) - 1)]

    def reanchored(self, anchor: date) -> DocContext:
        """A fresh reading of the same document against another anchor day."""
        return DocContext(
            self.doc,
            self.text,
            anchor,
            self.starts,
            self.lex,
            self.windows,
            named_days=self.named_days,
        )
