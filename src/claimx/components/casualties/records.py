"""The typed records the stages pass on: settings, count phrases, outcomes, records."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Span, Token


@dataclass(frozen=True)
class Settings:
    """The component's tuning values: its ``settings`` config, one key per field."""

    lede_sentences: int = 2  # sentences that sum up the event: a headline and the first one
    glue_window: int = 60  # tokens within which a title glued to the body ends
    dateline_window: int = 400  # opening characters with a wire dateline (after a byline)
    max_count: float = 1e8  # more victims than any event has had: a misread number
    lookback: int = 8  # records (or victims) back that a nested count or anaphor refers to


@dataclass
class Count:
    """A stated number of people, before its outcome is known."""

    start: int  # first token of the count phrase
    end: int  # token after it
    head: Token  # the noun (or number) the outcome attaches to
    low: float
    high: float
    qualifier: str = "="
    group: str = ""
    single: bool = False  # one victim introduced by "a", "an" or a name
    key: str = ""  # a named victim's surname, to merge repeated mentions
    nested: bool = False  # introduced by "including", "among them", "N of them"
    anaphor: bool = False  # "he", "the victim": tells more about a victim counted before
    proper: bool = False  # the victim is only named ("John Smith, 25,")
    sent: Span | None = None  # the sentence of ``head``, set once found


@dataclass
class Found:
    """An outcome tied to a count."""

    outcome: str
    weak: bool = False  # only "shot" / "stabbed": injured unless said to have died
    revision: bool = False  # "the toll rose to ..."


@dataclass(eq=False)
class Record:
    """A count tied to an outcome: its claimx/1 fields, then what the later stages read.

    Records compare by identity, so they can key dicts and sets; ``part_of`` and
    ``replaces`` are references to other records (``as_dict`` turns ``part_of`` into
    an index of the final list).
    """

    start: int
    end: int
    outcome: str
    count: float
    low: float
    high: float
    qualifier: str
    group: str
    part_of: Record | None = None
    cause: str = ""
    since: str = ""
    until: str = ""
    location: str = ""
    revised_from: float | None = None  # the toll this one replaced ("rose to 40")
    single: bool = False  # one victim ("a man", a name)
    key: str = ""  # a named victim's name, to merge repeated mentions
    proper: bool = False  # only named ("John Smith, 25,")
    separate: bool = False  # "In a separate incident, ...": not one of the toll's victims
    nested: bool = False  # introduced as part of a total ("including", "two of them")
    anaphor: bool = False  # "he", "the victim": a victim counted before
    new: bool = False  # "a second man", "another": a victim not counted before
    another: bool = False  # introduced by "another"
    lemma: str = ""  # the head noun's lemma
    conjuncts: frozenset[int] = frozenset()  # tokens of the head's conjuncts
    weak: bool = False  # only "shot" / "stabbed"
    revision: bool = False  # "the toll rose to ..."
    sent: int = 0  # first token of its sentence
    lede: bool = False  # in the article's lede
    sentence: Span | None = None
    head: int = 0  # token of the counted noun (or number)
    place: str = ""  # the named place (without the unnamed spot)
    replaces: Record | None = field(default=None, repr=False)  # the toll it revised

    def as_dict(self, index: dict[Record, int]) -> dict[str, Any]:
        """The claimx/1 casualty item, ``part_of`` as the index of its parent in ``index``."""
        item: dict[str, Any] = {
            "start": self.start,
            "end": self.end,
            "outcome": self.outcome,
            "count": self.count,
            "low": self.low,
            "high": self.high,
            "qualifier": self.qualifier,
            "group": self.group,
            "part_of": index[self.part_of] if self.part_of is not None else None,
            "cause": self.cause,
            "since": self.since,
            "until": self.until,
            "location": self.location,
        }
        if self.revised_from is not None:
            item["revised_from"] = self.revised_from
        return item
