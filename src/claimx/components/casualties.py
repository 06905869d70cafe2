"""Casualties: counts of victims.

Writes ``doc._.claimx_casualties``: a list of dicts ``{"start", "end",
"outcome", "count", "low", "high", "qualifier", "group", "part_of": int | None,
"cause", "since", "until", "location"}``; ``part_of`` is the index, in this
same list, of the larger count this one is nested in. A count that replaced an
earlier toll ("the death toll rose to 40") also carries ``"revised_from"``.

A count is a number, a vague magnitude ("dozens"), an indefinite victim ("a
25-year-old man") or a named person, tied to an outcome by the words around it
("20 citizens ... have been killed", "killing 12", "left 3 dead", "the death
toll rose to 40") or, failing that, by the parse. Attackers, gunmen and
suspects are never counted. The outcome, victim and cause words are data files
under ``models/casualties/``.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date as date_type
from datetime import timedelta
from itertools import pairwise
from typing import Any, ClassVar

from spacy.attrs import LIKE_NUM, LOWER
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from claimx.components.base import ClaimxComponent
from claimx.components.extensions import (
    CASUALTIES,
    DATES,
    ENTITIES,
    FIGURES,
    PUBLISHED,
    get_list,
)
from claimx.normalize.numbers import NumberWords

#: The component's data files (config setting -> packaged file under ``models/``).
DATA_FILES = {
    "outcomes": "casualties/outcomes.json",
    "groups": "casualties/groups.json",
    "causes": "casualties/causes.json",
    "numbers": "lexicons/numbers.json",
    "calendar": "lexicons/calendar.json",
    "qualifiers": "figures/qualifiers.json",
}

#: When one victim is said to be shot and later to have died, the graver outcome wins.
SEVERITY = (
    "detained",
    "kidnapped",
    "missing",
    "displaced",
    "injured",
    "killed_or_injured",
    "killed",
)
KILLED_OR_INJURED = "killed_or_injured"
_SKIP_ENTS = {"DATE", "TIME", "MONEY", "PERCENT", "ORDINAL", "QUANTITY"}
_NEST_CUES = {"including", "among", "incl"}
_PARTITIVE = {"them", "whom", "those", "these", "the"}
_AUX_WORDS = {
    "been", "being", "got", "get", "gets", "getting", "reportedly", "also", "all", "found",
    "later", "remain", "remains", "remained", "still",
}  # fmt: skip
_SUBORDINATORS = {"where", "when", "while", "after", "before", "because", "until", "since", "if"}
_TITLES = {"mrs", "mr", "miss", "sir", "rev", "det", "sgt", "the"}
_PRONOUNS = {"he", "she", "they", "both"}
_PLURAL = {"they", "both"}
_AT_TARGETS = {"police", "officer", "deputy", "trooper", "agent", "car", "vehicle", "house", "home"}
_OBJECT_POS = {"DET", "PRON", "PROPN", "NUM", "NOUN"}
_POSSESSIVES = {"his", "her", "their"}
_NEW_VICTIM = {"second", "third", "fourth", "other"}
_GLUED = re.compile(r"[a-z0-9.)](A|An|One)$")
_NEGATIONS = {"not", "n't", "never", "no"}
_MODALS = {"could", "would", "may", "might", "can", "should", "nearly", "almost", "possibly"}
_INTRANSITIVE = {"die", "perish", "drown", "disappear", "flee"}
_TOLL_PREPS = {"to", "at", "of"}
_WOUNDS = {"wound", "injury"}
_PLACE_ENTS = ("GPE", "LOC", "FAC")
_GENERIC_GROUPS = {"victims", "victim"}  # "two people were shot ... the two victims"
_ORDINAL_VICTIMS = {"second", "third", "fourth"}
_INCREMENT_WORDS = {"more", "additional"}
#: People detained or arrested are suspects, not victims: no records (ANNOTATION.md).
_NOT_VICTIMS = {"detained"}
_NUMBER_TOKENS = 8  # the longest number in words: "one hundred and twenty-three thousand"
_LARGE = {"hundred", "thousand", "million"}
_FATAL_ADJECTIVES = {"deadly", "fatal"}
_SEPARATE = {"separate", "separately", "unrelated", "elsewhere"}
_SPOT = 9  # rank of an unnamed place ("the border area"), below every named one
_BARE_GROUPS = {"", "others", "other"}
_PEOPLE = "people"
_AT_PLACE = {"in", "at", "near", "on", "outside"}
_AREA_WORDS = {"district", "province", "region", "county", "state", "governorate", "oblast"}


@dataclass(frozen=True)
class Settings:
    """The component's tuning values (its config settings of the same names)."""

    lede_sentences: int = 2  # sentences that sum up the event: a headline and the first one
    glue_window: int = 60  # tokens within which a title glued to the body ends
    dateline_window: int = 400  # opening characters with a wire dateline (after a byline)
    max_count: float = 1e8  # more victims than any event has had: a misread number
    lookback: int = 8  # records (or victims) back that a nested count or anaphor refers to


@dataclass(frozen=True)
class Lexicons:
    """The word lists the tagger reads, from ``models/casualties/``."""

    verbs: dict[str, str]
    phrases: dict[tuple[str, ...], str]
    states: dict[str, str]
    nouns: dict[str, str]
    events: dict[str, str]
    weak: frozenset[str]
    revision: frozenset[str]
    tallies: frozenset[str]
    fatal: frozenset[str]
    suffered: dict[str, dict[str, str]]
    conditions: frozenset[str]
    fatal_cues: frozenset[str]
    fatal_pairs: frozenset[tuple[str, str]]
    victims: frozenset[str]
    attackers: frozenset[str]
    undetermined: frozenset[str]
    qualifiers: frozenset[tuple[str, ...]]  # the words of each qualifier ("at", "least")
    not_counts: frozenset[str]
    causes: dict[tuple[str, ...], int]
    places: frozenset[str]
    institutions: frozenset[str]
    cause_verbs: dict[str, str]
    genders: dict[str, str]


def read_lexicons(data: dict[str, Any]) -> Lexicons:
    """Build the casualty lexicons from the component's data files (``DATA_FILES``)."""
    outcomes, groups, causes = data["outcomes"], data["groups"], data["causes"]
    verbs: dict[str, str] = {}
    phrases: dict[tuple[str, ...], str] = {}
    for outcome, entries in outcomes["verbs"].items():
        for entry in entries:
            words = tuple(entry.split())
            if len(words) == 1:
                verbs[entry] = outcome
            else:
                phrases[words] = outcome
    return Lexicons(
        verbs=verbs,
        phrases=phrases,
        states={w: o for o, ws in outcomes["states"].items() for w in ws},
        nouns={w: o for o, ws in outcomes["nouns"].items() for w in ws},
        events={w: o for o, ws in outcomes["event_nouns"].items() for w in ws},
        weak=frozenset(outcomes["weak_verbs"]),
        revision=frozenset(outcomes["revision_verbs"]),
        tallies=frozenset(outcomes["tally_nouns"]),
        fatal=frozenset(outcomes["fatal_adverbs"]),
        suffered=outcomes["object_verbs"],
        conditions=frozenset(outcomes["conditions"]),
        fatal_cues=frozenset(c for c in outcomes["fatal_events"] if " " not in c),
        fatal_pairs=frozenset(tuple(c.split()) for c in outcomes["fatal_events"] if " " in c),
        victims=frozenset(groups["victims"]),
        attackers=frozenset(groups["attackers"]),
        undetermined=frozenset(groups["undetermined"]),
        qualifiers=frozenset(
            tuple(w.lower().split()) for ws in data["qualifiers"]["before"].values() for w in ws
        ),
        not_counts=frozenset(groups["not_counts"]),
        causes={tuple(c.split()): len(c.split()) for c in causes["causes"]},
        places=frozenset(causes["places"]),
        institutions=frozenset(causes["institutions"]),
        cause_verbs=causes["verbs"],
        genders={w: g for g, ws in groups["genders"].items() for w in ws},
    )


_DEFAULTS = Settings()


@Language.factory(
    "claimx_casualties",
    default_config={
        "data": DATA_FILES,
        "lede_sentences": _DEFAULTS.lede_sentences,
        "glue_window": _DEFAULTS.glue_window,
        "dateline_window": _DEFAULTS.dateline_window,
        "max_count": _DEFAULTS.max_count,
        "lookback": _DEFAULTS.lookback,
    },
    requires=[
        f"doc._.{DATES}",
        f"doc._.{FIGURES}",
        f"doc._.{ENTITIES}",
        "token.dep",
        "token.tag",
        "token.lemma",
        "doc.ents",
    ],
    assigns=[f"doc._.{CASUALTIES}"],
)
def make_casualties(
    nlp: Language,
    name: str,
    data: dict[str, str],
    lede_sentences: int,
    glue_window: int,
    dateline_window: int,
    max_count: float,
    lookback: int,
) -> CasualtyTagger:
    """Create the ``claimx_casualties`` component: its data files (``DATA_FILES``), its
    tuning values (:class:`Settings`)."""
    settings = Settings(lede_sentences, glue_window, dateline_window, max_count, lookback)
    return CasualtyTagger(nlp, name, data=data, settings=settings)


@dataclass
class _Count:
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
class _Found:
    """An outcome tied to a count."""

    outcome: str
    weak: bool = False  # only "shot" / "stabbed": injured unless said to have died
    revision: bool = False  # "the toll rose to ..."


class CasualtyTagger(ClaimxComponent):
    """Finds counts of victims killed, injured, missing, kidnapped, detained or displaced."""

    upstream: ClassVar[tuple[str, ...]] = (DATES, FIGURES)
    annotations: ClassVar[tuple[str, ...]] = ("DEP", "TAG", "ENT_IOB")

    def __init__(
        self, nlp: Language, name: str, *, data: dict[str, str], settings: Settings = _DEFAULTS
    ) -> None:
        super().__init__(nlp, name, data=data)
        self.settings = settings
        self.vocab = nlp.vocab

    def setup(self, data: dict[str, Any]) -> None:
        """Build the lexicons and the word hashes the scan looks for."""
        self.lex = read_lexicons(data)
        self.numbers = NumberWords(data["numbers"])
        self.qualifier_size = max(map(len, self.lex.qualifiers))
        self.vague_words = frozenset(self.numbers.lexicon["vague"])
        self.years = tuple(data["calendar"]["years"]["likely"])
        self.cause_heads = frozenset(cause[-1] for cause in self.lex.causes)
        self.tally_words = self.lex.tallies | {"toll"}  # "the toll of 12", "the count of 12"
        strings = self.vocab.strings
        self.fatal_words = frozenset(strings.add(w) for w in self.lex.fatal_cues)
        self.fatal_pairs = frozenset(
            (strings.add(a), strings.add(b)) for a, b in self.lex.fatal_pairs
        )
        cues = {"a", "an", "another", "the", "dozen", *_PRONOUNS, *_POSSESSIVES, *self.vague_words}
        self.cue_hashes = frozenset(strings.add(word) for word in cues)

    def process(self, doc: Doc) -> Doc:
        """Store the document's casualty counts in ``doc._.claimx_casualties``."""
        records: list[dict[str, Any]] = []
        figures = sorted(get_list(doc, FIGURES), key=lambda f: f["start"])
        figure_starts = [f["start"] for f in figures]
        sentences = list(doc.sents)
        starts = [sent.start for sent in sentences]
        lede = set(starts[: self.settings.lede_sentences])
        previous: _Count | None = None
        for count in self._counts(doc):
            count.sent = sentences[bisect_right(starts, count.head.i) - 1]
            found = self._outcome(doc, count)
            if previous is not None and previous.nested and _listed_after(doc, previous, count):
                count.nested = True  # "including nine Italians, seven Japanese and one Indian"
            previous = count
            if found is None and not count.nested:
                continue
            record = self._record(doc, count, found, (figures, figure_starts), lede)
            if record is not None:
                records.append(record)
        records = _reconcile(records, self.lex.genders, self.settings.lookback)
        self._fatal_event(doc, records)
        self._context(doc, records)
        records = _nest_in_tolls(records)
        _default_groups(records)
        victims = [r for r in records if r["outcome"] not in _NOT_VICTIMS]
        doc._.set(CASUALTIES, [_public(r) for r in _renumber(records, victims)])
        return doc

    # -- finding counts -------------------------------------------------------

    def _counts(self, doc: Doc) -> list[_Count]:
        """Every count phrase that could state a number of victims, in text order."""
        counts: list[_Count] = []
        taken = -1
        persons = _person_names(doc)
        names = {
            t.lower
            for ent in persons.values()
            for t in ent
            if t.is_alpha and t.is_title and len(t) > 2 and t.lower_ not in _TITLES
        }
        glue = self.settings.glue_window
        rows = doc.to_array([LOWER, LIKE_NUM])
        for i, lower in enumerate(rows[:, 0].tolist()):
            # a surname said again without the NER's tag ("Roe later died")
            if lower in names and not doc[i].ent_type_ and doc[i].pos_ == "PROPN":
                persons.setdefault(i, doc[i : i + 1])
        for i, (lower, like_num) in enumerate(rows.tolist()):
            if i < taken or not (like_num or lower in self.cue_hashes or i in persons or i < glue):
                continue
            token = doc[i]
            count = None
            if token.i in persons:
                count = self._named(persons[token.i])
            elif token.lower_ in ("a", "an", "another") or token.lower_ in _POSSESSIVES:
                count = self._indefinite(token, persons)
            elif token.lower_ in _PRONOUNS or token.lower_ == "the":
                count = self._anaphor(token)
            elif _GLUED.search(token.text):
                count = self._glued(doc, token)
            elif token.like_num or token.lower_ in self.vague_words or token.lower_ == "dozen":
                count = self._number(doc, token)
            elif i < glue and (token.text[:1].isupper() or doc[i - 1].lower_ == "old"):
                count = self._headline(token)
            if count is not None:
                if not count.nested and not count.anaphor:  # "including a municipal worker"
                    count.nested = self._introduced_as_part(doc, count.start)
                counts.append(count)
                taken = count.end
        return counts

    def _named(self, ent: Span) -> _Count | None:
        root = ent.root
        if root.lemma_.lower() in self.lex.attackers or len(ent) > 5:
            return None
        key = ent.text.lower()
        return _Count(ent.start, ent.end, root, 1.0, 1.0, single=True, key=key, proper=True)

    def _indefinite(self, det: Token, persons: dict[int, Span]) -> _Count | None:
        head = det.head
        elliptic = self._elliptic(det)
        if elliptic is not None:
            return _Count(det.i, elliptic.i + 1, elliptic, 1.0, 1.0, single=True)
        if det.dep_ != ("poss" if det.lower_ in _POSSESSIVES else "det"):
            return None
        if not 0 < head.i - det.i <= 8 or (det.dep_ == "poss" and head.tag_ != "NN"):
            return None
        lemma = head.lemma_.lower()
        ageless = head.lower_ == "old" and any(t.lower_ == "year" for t in det.doc[det.i : head.i])
        if lemma in self.lex.attackers or not (ageless or self._is_person(head)):
            return None
        key = ""
        if head.dep_ == "appos" and head.head.ent_type_ == "PERSON":
            key = head.head.lower_
            for ent in persons.values():
                if ent.start <= head.head.i < ent.end:
                    key = ent.text.lower()
        group = "" if ageless else self._group_text(head)
        return _Count(det.i, head.i + 1, head, 1.0, 1.0, group=group, single=True, key=key)

    def _elliptic(self, det: Token) -> Token | None:
        """ "one man was killed and another was injured", "a second was hurt": no noun."""
        doc = det.doc
        token = det
        if det.lower_ == "a" and det.i + 1 < len(doc) and doc[det.i + 1].lower_ in _ORDINAL_VICTIMS:
            token = doc[det.i + 1]
        elif det.lower_ != "another":
            return None
        if token.dep_ not in ("nsubj", "nsubjpass", "conj", "dobj"):
            return None
        for child in token.children:
            later = child.i > token.i and child.dep_ in ("prep", "amod", "compound")
            if later and child.lower_ != "with":
                return None
        previous = doc[det.i - 1] if det.i > 0 else None
        if previous is None or previous.lower_ not in ("and", ",", "while", "but"):
            return None
        return token

    def _anaphor(self, token: Token) -> _Count | None:
        """ "He died", "the victim was pronounced dead": no new count, maybe a graver outcome."""
        head = token if token.lower_ in _PRONOUNS else token.head
        if token.lower_ == "both" and token.dep_ != "det":
            head = token
        if token.lower_ in ("the", "both") and head is not token and not self._is_person(head):
            return None
        if token.lower_ == "the" and (token.dep_ != "det" or head.tag_ != "NN"):
            return None
        if head.lemma_.lower() in self.lex.attackers or not 0 <= head.i - token.i <= 3:
            return None
        size = 2.0 if token.lower_ in _PLURAL else 1.0
        return _Count(token.i, head.i + 1, head, size, size, single=True, anaphor=True)

    def _glued(self, doc: Doc, token: Token) -> _Count | None:
        """ "...abc13.comA man was shot": a title glued to the body's first word."""
        head = self._noun_after(doc, token.i + 1)
        if head is None or not self._is_person(head) or head.lemma_.lower() in self.lex.attackers:
            return None
        return _Count(token.i + 1, head.i + 1, head, 1.0, 1.0, group=head.lower_, single=True)

    def _headline(self, token: Token) -> _Count | None:
        """ "Man shot, killed in Feltonville": a headline's bare singular victim noun."""
        if token.tag_ not in ("NN", "NNP") or not self._is_person(token):
            return None
        if token.lemma_.lower() in self.lex.attackers or any(
            c.dep_ in ("det", "poss", "nummod") for c in token.children
        ):
            return None
        if token.i > 0 and (token.doc[token.i - 1].pos_ in ("DET", "ADP", "NUM")):
            return None
        return _Count(token.i, token.i + 1, token, 1.0, 1.0, group=token.lower_, single=True)

    def _number(self, doc: Doc, token: Token) -> _Count | None:
        lex = self.lex
        if token.ent_type_ in _SKIP_ENTS:
            return None
        span = self._number_span(doc, token)
        if span is None:
            return None
        end, low, high = span
        if end < len(doc) and doc[end].lower_ in ("-", "year", "years") and _is_age(doc, end):
            return None
        if token.i > 0 and doc[token.i - 1].lower_ in ("aged", "age", "ages", "no.", "#"):
            return None
        if _is_name_age(doc, token.i, end) or self._after_name(doc, token.i, end):
            return None
        if token.i > 0 and doc[token.i - 1].lower_ in lex.undetermined - {"some"}:
            return None
        # the qualifier ("at least") is the figure's (see _record)
        count = _Count(token.i, end, doc[end - 1], low, high, "~" if low != high else "=")
        # "N of them", "N of the victims": a share of a group stated before.
        if end + 1 < len(doc) and doc[end].lower_ == "of" and doc[end + 1].lower_ in _PARTITIVE:
            head = self._noun_after(doc, end + 1)
            if head is None and doc[end + 1].lower_ in ("them", "whom", "those", "these"):
                head = doc[end + 1]
            if head is None or (head.pos_ != "PRON" and not self._is_person(head)):
                return None
            count.end = head.i + 1
            count.head = head
            count.group = "" if head.pos_ == "PRON" else self._group_text(head)
            count.nested = True
            return count
        head = self._group_head(doc, token, end)
        after_of = head is None and token.i > 0 and doc[token.i - 1].lower_ == "of"
        if after_of and not (token.i > 1 and doc[token.i - 2].lemma_.lower() in self.tally_words):
            return None
        if head is False:
            return None
        if head is not None:
            count.head = head
            count.end = self._phrase_end(head)
            count.group = self._group_text(head)
        count.nested = self._introduced_as_part(doc, token.i)
        return count

    def _after_name(self, doc: Doc, start: int, end: int) -> bool:
        """True for a bare age after a name or person noun ("Tennessee boy, 7, killed")."""
        if start < 2 or doc[start - 1].text != "," or doc[end - 1].like_num is False:
            return False
        before = doc[start - 2]
        nxt = doc[end] if end < len(doc) else None
        counted = nxt is not None and (nxt.lower_ == "of" or self._noun_after(doc, end) is not None)
        followed = not counted  # "In January, seven military personnel": a count, no age
        return followed and (before.pos_ == "PROPN" or self._is_person(before))

    def _number_span(self, doc: Doc, token: Token) -> tuple[int, float, float] | None:
        """``(end token, low, high)`` of the number starting at ``token``."""
        vague = self._vague(doc, token)
        if vague is not None:
            return vague
        end = token.i + 1
        limit = min(len(doc), token.i + _NUMBER_TOKENS)
        while end < limit and (
            doc[end].like_num
            or (doc[end].text == "-" and end + 1 < len(doc) and doc[end + 1].like_num)
            # "one hundred and seven"
            or (
                doc[end].lower_ == "and"
                and doc[end - 1].lower_ in _LARGE
                and end + 1 < limit
                and doc[end + 1].like_num
            )
        ):
            end += 1
        if end < len(doc) and doc[end].lower_ == "dozen":  # "two dozen"
            end += 1
        text = doc[token.i : end].text
        value = self.numbers.parse_number(text)
        if value is None and token.i > 0 and doc[token.i - 1].lower_ == "a":
            value = self.numbers.parse_number("a " + text)
        if value is None or not 1 <= value <= self.settings.max_count or value != int(value):
            return None
        first_year, last_year = self.years
        if first_year <= value <= last_year and "," not in text:
            return None
        return end, value, value

    def _vague(self, doc: Doc, token: Token) -> tuple[int, float, float] | None:
        """``(end token, low, high)`` of a vague magnitude at ``token`` ("dozens", "tens of
        thousands"); "tens" alone is none."""
        words = [t.lower_ for t in doc[token.i : token.i + 3]]
        if words[0] not in self.vague_words:
            return None
        size = 3 if words[1:2] == ["of"] and words[2:] and words[2] in self.vague_words else 1
        if size == 1 and words[0] == "tens":
            return None
        span = self.numbers.vague_range(" ".join(words[:size]))
        return (token.i + size, *span) if span else None

    def _qualifier_start(self, doc: Doc, start: int) -> int:
        """The first token of the qualifier ("at least") before token ``start``, else ``start``."""
        for size in range(self.qualifier_size, 0, -1):
            words = tuple(t.lower_ for t in doc[max(0, start - size) : start])
            if len(words) == size and words in self.lex.qualifiers:
                return start - size
        return start

    def _group_head(self, doc: Doc, number: Token, end: int) -> Token | bool | None:
        """The noun a number counts; None for a bare number, False when it counts no people."""
        head: Token | None = None
        last = doc[end - 1]
        if last.dep_ == "nummod" and 0 < last.head.i - last.i <= 5:
            head = last.head
        elif end < len(doc) and doc[end].lower_ == "of" and number.lower_ in self.vague_words:
            head = self._noun_after(doc, end + 1)
            if head is None:
                return None
        else:
            head = self._noun_after(doc, end)
        if head is None or (head.lower_ in self.lex.states and not self._is_person(head)):
            return None
        if head.lemma_.lower() in self.lex.not_counts or head.lower_ in self.lex.not_counts:
            return False
        if head.lemma_.lower() in self.lex.attackers or head.lower_ in self.lex.attackers:
            return False
        if self._is_person(head) or head.lemma_.lower() in self.lex.nouns:
            return head
        return False

    def _noun_after(self, doc: Doc, start: int) -> Token | None:
        """The head of a short noun phrase starting at ``start`` (None if none starts there)."""
        i = start
        if i < len(doc) and doc[i].pos_ == "DET":
            i += 1
        head = None
        while i < len(doc) and i < start + 6:
            token = doc[i]
            if token.lower_ == "year" and i + 1 < len(doc) and doc[i + 1].text == "-":
                i += 1
                continue
            if token.pos_ in ("NOUN", "PROPN"):
                head = token
                if i + 1 < len(doc) and doc[i + 1].pos_ in ("NOUN", "PROPN"):
                    i += 1
                    continue
                return head
            if token.pos_ in ("ADJ", "ADV", "NUM") or token.text == "-" or token.dep_ == "amod":
                i += 1
                continue
            break
        return head

    def _phrase_end(self, head: Token) -> int:
        """Token after a group head and its ``of`` + name tail ("citizens of Azerbaijan")."""
        doc = head.doc
        end = head.i + 1
        if end + 1 < len(doc) and doc[end].lower_ == "of" and doc[end + 1].pos_ == "PROPN":
            end += 1
            while end < len(doc) and doc[end].pos_ == "PROPN":
                end += 1
        return end

    def _group_text(self, head: Token) -> str:
        """The victim group: the head noun with its modifiers, minus numbers and ages."""
        doc = head.doc
        start = head.i
        while start > 0:
            left = doc[start - 1]
            if left.like_num or left.pos_ in ("DET", "NUM", "PUNCT") or left.lower_ == "old":
                break
            if left.pos_ not in ("ADJ", "NOUN", "PROPN", "VERB", "ADV"):
                break
            if left.lower_ in self.lex.undetermined:
                break
            start -= 1
        words = [t.text if t.pos_ == "PROPN" else t.lower_ for t in doc[start : head.i + 1]]
        tail = doc[head.i + 1 : self._phrase_end(head)].text
        return " ".join([*words, tail] if tail else words)

    def _is_person(self, token: Token) -> bool:
        lemma = token.lemma_.lower()
        return (
            lemma in self.lex.victims
            or token.lower_ in self.lex.victims
            or token.ent_type_ == "NORP"
            or (lemma in self.lex.nouns and self.lex.nouns[lemma] == "displaced")
        )

    def _introduced_as_part(self, doc: Doc, start: int) -> bool:
        """True when the count follows "including" or "among them", or adds to a toll
        ("four more bodies": part of the total, not a total of its own)."""
        first = self._qualifier_start(doc, start)
        words = [t.lower_ for t in doc[max(0, first - 2) : first]]
        if first + 1 < len(doc) and doc[first + 1].lower_ in _INCREMENT_WORDS:
            return True
        return bool(words) and (words[-1] in _NEST_CUES or words[-2:] == ["among", "them"])

    # -- outcomes -------------------------------------------------------------

    def _outcome(self, doc: Doc, count: _Count) -> _Found | None:
        """What happened to the counted people, from the words around the count."""
        found = self._from_modifiers(count) or self._after(doc, count) or self._before(doc, count)
        parsed = self._from_parse(count.head)
        if found is None or (parsed and _graver(parsed.outcome, found.outcome)):
            return parsed
        return found

    def _from_modifiers(self, count: _Count) -> _Found | None:
        """ "12 wounded people", "internally displaced persons", "40 deaths"."""
        head = count.head
        lemma = head.lemma_.lower()
        if lemma in self.lex.nouns and head.pos_ == "NOUN" and count.start < head.i:
            return _Found(self.lex.nouns[lemma])
        for child in head.lefts:
            if child.i >= count.start and child.dep_ == "amod":
                outcome = self.lex.states.get(child.lower_)
                if outcome:
                    return _Found(outcome)
        return None

    def _after(self, doc: Doc, count: _Count) -> _Found | None:
        """ "20 citizens ..., including 14 civilians have been killed", "three dead"."""
        i = count.end if count.head.like_num else _skip_aside(doc, count.end)
        sent_end = count.sent.end
        if i < sent_end and doc[i].lower_ in ("who", "that"):
            i += 1
        auxiliary = False
        while i < sent_end:
            token = doc[i]
            if token.lower_ in _NEGATIONS or token.lower_ in _MODALS:
                return None
            if token.pos_ == "AUX" or token.lower_ in _AUX_WORDS:
                auxiliary = True
                i += 1
                continue
            if token.pos_ == "ADV" and token.lower_ not in self.lex.fatal:
                i += 1
                continue
            break
        if i >= sent_end:
            return None
        token = doc[i]
        if token.lower_ in ("'s", "’s") and i + 1 < sent_end and doc[i + 1].lemma_ == "body":
            return _Found("killed")
        if token.lower_ == "among" and i + 2 < sent_end and doc[i + 1].lower_ == "the":
            state = self.lex.states.get(doc[i + 2].lower_)  # "two of whom were among the dead"
            return _Found(state) if state else None
        if token.lower_ in self.lex.fatal and i + 1 < sent_end:
            if _acts(doc[i + 1], auxiliary):
                return None
            found = self._verb(doc[i + 1], passive=True)
            return _Found("killed") if found and found.outcome == "injured" else found
        state = self.lex.states.get(token.lower_)
        if state and token.pos_ in ("ADJ", "VERB", "NOUN"):
            return _Found(KILLED_OR_INJURED if self._either(token, state) else state)
        if token.pos_ != "VERB":
            return self._condition(doc, i, sent_end)
        suffered = self.lex.suffered.get(token.lemma_.lower())
        if suffered:
            objects = [c for c in token.children if c.dep_ == "dobj"]
            objects += [g for c in token.children if c.dep_ == "prep" for g in c.children]
            for obj in objects:
                if obj.lemma_.lower() in suffered:
                    return _Found(suffered[obj.lemma_.lower()])
            return None
        if _acts(token, auxiliary):
            return None
        return self._verb(token, passive=True)

    def _condition(self, doc: Doc, i: int, limit: int) -> _Found | None:
        """ "in critical condition", "in stable condition": injured."""
        words = [t.lower_ for t in doc[i : min(i + 4, limit, len(doc))]]
        if words[:1] == ["in"] and any(w in self.lex.conditions for w in words[1:3]):
            return _Found("injured")
        if words[:1] == ["in"] and any(w in self.lex.institutions for w in words[1:3]):
            return _Found("injured")  # "11 were still in hospital"
        if words[:1] == ["with"] and not set(words[1:3]) & _NEGATIONS:
            for token in doc[i + 1 : min(i + 6, limit, len(doc))]:
                if token.lemma_.lower() in _WOUNDS and token.pos_ == "NOUN":
                    return _Found("injured")
                if token.pos_ not in ("DET", "NUM", "ADJ", "NOUN", "PUNCT", "ADV"):
                    break
        return None

    def _before(self, doc: Doc, count: _Count) -> _Found | None:
        """ "killing 12", "left 3 dead", "the death toll rose to 40", "the lives of 5"."""
        first = self._qualifier_start(doc, count.start)
        sent_start = count.sent.start
        i = first - 1
        while i > sent_start and doc[i].is_space:  # "killed\nthousands of Iranians"
            i -= 1
        if i > sent_start + 3 and doc[i].lower_ == "old" and doc[i - 2].lower_ == "year":
            i -= 4 if doc[i - 3].text == "-" else 3
        while i > first - 4 and i > sent_start and doc[i].pos_ == "PROPN" and count.key:
            i -= 1
        if i < sent_start:
            return None
        token = doc[i]
        if token.lemma_.lower() == "leave" and count.end < len(doc):
            after = _skip_aside(doc, count.end)  # "left 3,526 dealers, and also addicts, dead"
            outcome = self.lex.states.get(doc[after].lower_) if after < len(doc) else None
            return _Found(outcome) if outcome else self._condition(doc, after, sent_start + 999)
        perfect = any(c.dep_ == "aux" and c.lemma_ == "have" for c in token.children)
        joined = token.dep_ == "conj" and token.head.tag_ == "VBD"  # "killed or wounded 2,600"
        if token.pos_ == "VERB" and (token.tag_ != "VBN" or perfect or joined):
            if any(c.dep_ in ("auxpass", "neg") or c.lower_ in _MODALS for c in token.children):
                return None
            if token.lemma_.lower() in self.lex.revision:
                tally = self._tally(token, revision=True)
                if tally is not None:
                    return tally
            return self._verb(token, passive=False)
        among = self._among(doc, sent_start, first)
        if among is not None:
            count.nested = True
            return among
        if token.lower_ in _TOLL_PREPS:
            window = doc[max(sent_start, i - 6) : i]
            lemmas = {t.lemma_.lower() for t in window}
            subjects = [c for c in token.head.children if c.dep_ == "nsubj"]
            lemmas |= {t.lemma_.lower() for c in subjects for t in c.subtree}
            lemmas.add(token.head.lemma_.lower())
            revision = bool(lemmas & self.lex.revision)
            if "toll" in lemmas:
                return _Found("killed", revision=revision)
            tally = self._tally(token.head, revision)
            if tally is not None:
                return tally
            if token.lower_ == "of" and i > sent_start:
                noun = doc[i - 1].lemma_.lower()
                if noun == "life":
                    return _Found("killed")
                if noun in self.lex.events and doc[i - 1].pos_ == "NOUN":
                    return _Found(self.lex.events[noun])
        return None

    def _tally(self, verb: Token, revision: bool) -> _Found | None:
        """ "The number of people killed rose to 23": a tally noun subject naming an outcome."""
        for subject in verb.children:
            if subject.dep_ == "nsubj" and subject.lemma_.lower() in self.lex.tallies:
                outcome = self._stated_outcome(subject.subtree)
                if not outcome:  # "... had died, but a group said its own count stood at 26"
                    sent = verb.sent
                    outcome = self._stated_outcome(t for t in sent if t.i < subject.left_edge.i)
                if outcome:
                    return _Found(outcome, revision=revision)
        return None

    def _stated_outcome(self, tokens: Iterable[Token]) -> str:
        """The outcome a tally names: "the number of people killed", "the number of dead"."""
        for token in tokens:
            lemma = token.lemma_.lower()
            outcome = (
                self.lex.states.get(token.lower_)
                or self.lex.nouns.get(lemma)
                or (self.lex.verbs.get(lemma) if lemma not in self.lex.weak else None)
            )
            if outcome:
                return outcome
        return ""

    def _among(self, doc: Doc, sent_start: int, first: int) -> _Found | None:
        """ "Among the dead were 11 children": part of a toll stated before."""
        words = [t.lower_ for t in doc[sent_start : min(first, sent_start + 3)]]
        if len(words) < 3 or words[0] != "among" or words[1] != "the":
            return None
        if any(t.pos_ != "AUX" for t in doc[sent_start + 3 : first]):  # "..., he said"
            return None
        outcome = self.lex.states.get(words[2])
        return _Found(outcome) if outcome else None

    def _from_parse(self, head: Token) -> _Found | None:
        """The verb the count is the passive subject or object of, through conj/appos."""
        token = head
        for _ in range(4):
            if token.dep_ in ("conj", "appos") and token.head.i != token.i:
                token = token.head
                continue
            break
        verb = token.head
        if verb.pos_ != "VERB" or any(c.dep_ == "neg" for c in verb.children):
            return None
        if any(c.lower_ in _MODALS for c in verb.children):
            return None
        if token.dep_ == "nsubjpass" or (
            token.dep_ == "nsubj" and verb.lemma_.lower() in _INTRANSITIVE
        ):
            return self._verb(verb, passive=True)
        if token.dep_ == "dobj":
            return self._verb(verb, passive=False)
        return None

    def _either(self, word: Token, outcome: str) -> bool:
        """True for one half of "killed or wounded", "dead or injured": a combined count."""
        other = {"killed": "injured", "injured": "killed"}.get(outcome)
        if other is None:
            return False
        doc = word.doc
        around = [t for t in doc[max(0, word.i - 3) : word.i + 4] if not t.is_space]
        at = next(i for i, t in enumerate(around) if t.i == word.i)
        for a, b in ((at + 1, at + 2), (at - 1, at - 2)):
            if min(a, b) >= 0 and max(a, b) < len(around) and around[a].lower_ == "or":
                neighbour = around[b]
                said = self.lex.states.get(neighbour.lower_) or self.lex.verbs.get(
                    neighbour.lemma_.lower()
                )
                if said == other:
                    return True
        return False

    def _verb(self, verb: Token, passive: bool) -> _Found | None:
        """The outcome a verb states ("shot and killed", "shot dead", "fatally stabbed")."""
        lemma = verb.lemma_.lower()
        outcome = self.lex.verbs.get(lemma)
        weak = lemma in self.lex.weak
        doc = verb.doc
        following = tuple(t.lemma_.lower() for t in doc[verb.i : verb.i + 4])
        for phrase, phrase_outcome in self.lex.phrases.items():
            if following[: len(phrase)] == phrase:
                return _Found(phrase_outcome)
        if outcome is None:
            return None
        if lemma in _INTRANSITIVE and not passive:
            return None
        if self._either(verb, outcome):
            return _Found(KILLED_OR_INJURED)
        if any(c.lower_ in self.lex.fatal for c in verb.children):
            return _Found("killed")
        for child in verb.children:
            state = self.lex.states.get(child.lower_)
            if child.dep_ in ("oprd", "acomp", "xcomp", "advmod") and state == "killed":
                return _Found("killed")
            if child.dep_ == "prep" and any(g.lemma_ == "death" for g in child.children):
                return _Found("killed")
            joined = child.dep_ == "conj" or (child.dep_ == "advcl" and child.i - verb.i <= 2)
            subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in child.children)
            if joined and child.pos_ == "VERB" and not _has_object(child) and not subject:
                other = self._verb(child, passive)
                if other and not other.weak and _graver(other.outcome, outcome):
                    return other
        return _Found(outcome, weak=weak)

    # -- records --------------------------------------------------------------

    def _record(
        self,
        doc: Doc,
        count: _Count,
        found: _Found | None,
        figures: tuple[list[dict[str, Any]], list[int]],
        lede: set[int],
    ) -> dict[str, Any] | None:
        """The record of a count, its number refined by the figure over it; None when
        that number is not a plausible toll (infinite, absurd)."""
        start = doc[count.start].idx
        end = doc[count.end - 1].idx + len(doc[count.end - 1])
        low, high, qualifier = count.low, count.high, count.qualifier
        number_end = doc[count.start].idx + len(doc[count.start])
        listed, starts = figures
        at = bisect_right(starts, number_end - 1) - 1  # the last figure starting in the number
        if at >= 0 and start < listed[at]["end"]:
            figure = listed[at]
            if figure.get("low", low) <= low <= figure.get("high", high):
                low, high = float(figure["low"]), float(figure["high"])
                qualifier = str(figure.get("qualifier", qualifier)) or qualifier
        finite = math.isfinite(low) and math.isfinite(high)
        if not (finite and 0 < low <= high <= self.settings.max_count):
            return None
        return {
            "start": start,
            "end": end,
            "outcome": found.outcome if found else "",
            "count": (low + high) / 2,
            "low": low,
            "high": high,
            "qualifier": qualifier,
            "group": count.group,
            "part_of": None,
            "cause": "",
            "since": "",
            "until": "",
            "location": "",
            "_single": count.single,
            "_key": count.key,
            "_proper": count.proper,
            # "In a separate incident, a man was shot dead": not one of the toll's victims
            "_separate": any(t.lower_ in _SEPARATE for t in count.sent[:4]),
            "_nested": count.nested,
            "_anaphor": count.anaphor,
            "_new": any(t.lower_ in _NEW_VICTIM for t in doc[count.start : count.end])
            or (doc[count.start].lower_ == "another" and doc[count.start].is_sent_start),
            "_another": doc[count.start].lower_ == "another",
            "_lemma": count.head.lemma_.lower(),
            "_conjuncts": {t.i for t in count.head.conjuncts},
            "_weak": bool(found and found.weak),
            "_revision": bool(found and found.revision),
            "_sent": count.sent.start,
            "_lede": count.sent.start in lede,
            "_sentence": count.sent,
            "_head": count.head.i,
        }

    def _fatal_event(self, doc: Doc, records: list[dict[str, Any]]) -> None:
        """A lone victim "shot" in an article about a homicide or deadly shooting was killed."""
        if any(r["outcome"] == "killed" for r in records):
            return
        shot = [r for r in records if r["outcome"] == "injured" and r["_weak"] and r["_single"]]
        hurt = [r for r in records if r["outcome"] == "injured" and not r["_single"]]
        if len(shot) != 1 or hurt:  # the lone victim of the event, not one of the wounded
            return
        words = doc.to_array(LOWER).tolist()
        if self.fatal_words & set(words) or self.fatal_pairs & set(pairwise(words)):
            shot[0]["outcome"] = "killed"
            return
        # "Girl shot at party dies", "the victim of a deadly Christmas Day shooting"
        head = doc[: min(len(doc), self.settings.glue_window)]
        for token in head:
            negated = any(c.dep_ == "neg" for c in token.children)
            dies = token.lemma_ == "die" and token.pos_ == "VERB" and not negated
            deadly = token.lower_ in _FATAL_ADJECTIVES and token.head.lemma_ in self.cause_heads
            if dies or deadly:
                shot[0]["outcome"] = "killed"
                return

    def _context(self, doc: Doc, records: list[dict[str, Any]]) -> None:
        """Fill cause, location, since and until from each count's sentence, else from the
        sentence before it in the same paragraph; cause and place, failing both, from the
        article's main event (its dateline, its lede)."""
        dates = sorted(get_list(doc, DATES), key=lambda d: d["start"])
        periods = _Periods(dates, str(doc._.get(PUBLISHED) or ""))
        mentions = _Mentions(doc, self.settings.dateline_window)
        by_sentence: dict[int, tuple[list, list, tuple[str, str]]] = {}
        previous: dict[str, Any] | None = None
        main: tuple[str, str] | None = None
        for record in records:
            sent = record["_sentence"]
            if sent.start not in by_sentence:
                by_sentence[sent.start] = (
                    self._causes(sent),
                    self._places(sent, mentions),
                    periods.of(sent),
                )
            causes, places, (since, until) = by_sentence[sent.start]
            cause = _best_cause(causes, record["_head"])
            spot, named = _nearest(places, record["_head"])
            record["cause"], record["_place"] = cause, named
            record["since"], record["until"] = since, until
            if previous is not None and _adjacent(doc, previous["_sentence"], sent):
                record["cause"] = cause or previous["cause"]
                record["_place"] = named or previous["_place"]
                if not (since or until):
                    record["since"], record["until"] = previous["since"], previous["until"]
            if not record["cause"] or not record["_place"]:
                main = main or self._main_event(doc, mentions)
                record["cause"] = record["cause"] or main[0]
                record["_place"] = record["_place"] or main[1]
            parts = [spot] if spot and spot != record["_place"] else []
            record["location"] = ", ".join(
                [*parts, record["_place"]] if record["_place"] else parts
            )
            previous = record

    def _main_event(self, doc: Doc, mentions: _Mentions) -> tuple[str, str]:
        """The cause and place of the event an article reports: its dateline's place, else
        the first place named in its lede; the first cause named there."""
        lede = list(doc.sents)[: self.settings.lede_sentences] if len(doc) else []
        cause = next((c for sent in lede if (c := _best_cause(self._causes(sent), 0))), "")
        place = mentions.dateline
        if not place:
            place = next(
                (n for sent in lede if (n := _nearest(self._places(sent, mentions), 0)[1])), ""
            )
        return cause, place

    def _causes(self, sent: Span) -> list[tuple[int, int, str]]:
        """The cause phrases of a sentence ("mine explosions", "a car bomb") as ``(size in
        words, token, text)``; a verb that names one ("a device exploded") has size 0."""
        found = []
        doc = sent.doc
        for token in sent:
            if token.pos_ == "VERB" and token.lemma_.lower() in self.lex.cause_verbs:
                found.append((0, token.i, self.lex.cause_verbs[token.lemma_.lower()]))
            if token.pos_ != "NOUN" or token.lemma_.lower() not in self.cause_heads:
                continue
            if token.i + 1 < sent.end and doc[token.i + 1].dep_ == "compound":
                continue
            words = [token]
            while words[0].i > sent.start and doc[words[0].i - 1].dep_ in ("compound", "amod"):
                words.insert(0, doc[words[0].i - 1])
            lemmas = tuple(t.lemma_.lower() for t in words)
            for size in range(min(3, len(lemmas)), 0, -1):
                if lemmas[-size:] in self.lex.causes:
                    found.append((size, token.i, doc[words[-size].i : token.i + 1].text))
                    break
        return found

    def _places(self, sent: Span, mentions: _Mentions) -> list[tuple[int, int, str]]:
        """The places of a sentence as ``(rank, token, text)``. Named places rank 0 after
        in/at/near/on, 1 elsewhere: "the town of Novoselsk", "Saltivskyi district" (with
        the place noun after the name). An
        unnamed place after in/at/near ("the border area") has rank ``_SPOT``. Never an
        institution victims were taken to ("in hospital"), a country's body ("Ukraine's
        air force") or the dateline."""
        doc = sent.doc
        found = []
        for token in sent:
            if token.dep_ != "pobj" or token.lemma_.lower() not in self.lex.places:
                continue
            words = [t for t in token.subtree if t.i <= token.i and t.pos_ != "DET"]
            # "the Industrial district of Dnipro", not "the Dagestani towns of Kizlyar"
            titled = any(t.is_title and t.ent_type_ != "NORP" for t in words[:-1])
            name = _place_name(token)
            located = token.head.lower_ in _AT_PLACE
            if name:  # "in the town of Novoselsk"
                found.append((int(not located), token.i, name))
            if located and not token.ent_type_ and (titled or not name):
                found.append((_SPOT, token.i, doc[words[0].i : token.i + 1].text))
        for ent in mentions.within(sent):
            if ent.start_char < mentions.dateline_end or self._institution(ent):
                continue
            after = doc[ent.end] if ent.end < len(doc) else None
            if after is not None and after.tag_ == "POS":
                owned = after.head if after.head.i != ent.root.i else ent.root.head
                if owned.pos_ != "PROPN" and owned.lemma_.lower() not in self.lex.places:
                    continue
            end = ent.end
            if after is not None and after.lower_ in _AREA_WORDS and after.i < sent.end:
                end += 1
            prep = ent.root.head if ent.root.dep_ == "pobj" else None
            if prep is not None and prep.lower_ in ("to", "from"):
                continue
            located = prep is not None and prep.lower_ in _AT_PLACE
            found.append((int(not located), ent.start, doc[ent.start : end].text))
        return found

    def _institution(self, ent: Span) -> bool:
        """True for a hospital, clinic or morgue: where victims are taken, not where they fell."""
        words = {t.lemma_.lower() for t in ent}
        return bool(words & self.lex.institutions)


def _place_name(noun: Token) -> str:
    """The named place of "the town of Novoselsk", else ""."""
    for prep in noun.children:
        if prep.dep_ != "prep" or prep.lower_ != "of":
            continue
        for obj in prep.children:
            if obj.dep_ == "pobj" and (obj.ent_type_ in _PLACE_ENTS or obj.pos_ == "PROPN"):
                words = [t for t in obj.subtree if t.i <= obj.i and t.pos_ == "PROPN"]
                return obj.doc[words[0].i : obj.i + 1].text if words else obj.text
    return ""


def _best_cause(causes: list[tuple[int, int, str]], head: int) -> str:
    """The longest cause phrase, the nearest to the count among equals."""
    return min(causes, key=lambda c: (-c[0], abs(c[1] - head)))[2] if causes else ""


def _nearest(places: list[tuple[int, int, str]], head: int) -> tuple[str, str]:
    """The unnamed place and the named place nearest the count (those after "in", "at",
    "near" first, then those after the count): ``("border area", "Tavush")``."""
    spots = [p for p in places if p[0] == _SPOT]
    spot = min(spots, key=lambda p: abs(p[1] - head))[2] if spots else ""
    named = [p for p in places if p[0] < _SPOT]
    best = min(named, key=lambda p: (p[0], p[1] < head, abs(p[1] - head)))[2] if named else ""
    return spot, best


_DATELINE = re.compile(r"^\s*([A-Z][A-Z'.-]+(?: [A-Z][A-Z'.-]+){0,2})(?:,| \(|\s+[-—–])", re.M)


_DATELINE_END = re.compile(r"\s[-—–]+\s|\n")


def _dateline_name(match: re.Match[str] | None) -> str:
    """The place of a wire dateline ("KHARKIV, Ukraine, March 3 (Reuters) -" -> "Kharkiv")."""
    if match is None or len(match.group(1)) < 3:
        return ""
    return " ".join(word.capitalize() for word in match.group(1).split())


class _Mentions:
    """The places claimx_entities found (NER labels it corrected: "Mali" is a place), by
    sentence, and where the article's dateline ends."""

    def __init__(self, doc: Doc, window: int) -> None:
        self.doc = doc
        places = [e for e in get_list(doc, ENTITIES) if e.get("label") in _PLACE_ENTS]
        spans = [(m["start"], m["end"]) for e in places for m in e.get("mentions", [])]
        if doc._.get(ENTITIES) is None:  # claimx_entities did not run: the NER's own places
            spans = [(e.start_char, e.end_char) for e in doc.ents if e.label_ in _PLACE_ENTS]
        self.spans = sorted(spans)
        self.starts = [start for start, _ in self.spans]
        match = _DATELINE.search(doc.text[:window])
        self.dateline = _dateline_name(match)
        self.dateline_end = -1
        if self.dateline and match:  # "KHARKIV, Ukraine, March 3 (Reuters) -": up to the dash
            dash = _DATELINE_END.search(doc.text, match.end(), match.end() + window)
            self.dateline_end = dash.end() if dash else match.end()

    def within(self, sent: Span) -> list[Span]:
        """The place mentions inside ``sent`` as token spans."""
        first = bisect_left(self.starts, sent.start_char)
        last = bisect_left(self.starts, sent.end_char)
        out = []
        for start, end in self.spans[first:last]:
            span = self.doc.char_span(start, min(end, sent.end_char), alignment_mode="expand")
            if span is not None and len(span):
                out.append(span)
        return out


class _Periods:
    """The period a cumulative count covers, from the sentence's dates: "since 2014",
    "over the last three years", "in 1995 and 1996", "by the end of 1972"."""

    def __init__(self, dates: list[dict[str, Any]], published: str) -> None:
        self.dates = dates
        self.starts = [d["start"] for d in dates]
        self.published = published[:10]

    def of(self, sent: Span) -> tuple[str, str]:
        """``(since, until)`` for the counts of ``sent``; empty strings when it states none."""
        doc = sent.doc
        first = bisect_left(self.starts, sent.start_char)
        last = bisect_left(self.starts, sent.end_char)
        inside = [d for d in self.dates[first:last] if d["end"] <= sent.end_char]
        spans: list[tuple[str, str]] = []
        for date in inside:
            value = str(date.get("value", ""))
            span = doc.char_span(date["start"], date["end"], alignment_mode="expand")
            if span is None:
                continue
            before = [t.lower_ for t in doc[max(sent.start, span.start - 6) : span.start]]
            own = {t.lower_ for t in span} | set(before[-1:])
            if date["type"] == "DURATION" and own & {"last", "past"}:
                since = _before_by(self.published, value)
                if since:
                    return since, self.published
            if not value[:1].isdigit() and not value.startswith("XXXX"):
                continue
            if "since" in before:
                return value, ""
            periodic = len(value) <= 7 and before[-1:] in (["in"], ["during"], ["of"], ["and"])
            if periodic and (before[-2:-1] in (["end"], ["and"]) or before[:1] != ["the"]):
                spans.append((value, value))
        if not spans:
            return "", ""
        return spans[0][0], spans[-1][1]


def _before_by(published: str, duration: str) -> str:
    """The start of a period of ``duration`` (P3Y, P2W, P10D, P6M) ending at ``published``."""
    match = re.fullmatch(r"P(\d+)([YMWD])", duration)
    if match is None or len(published) < 10:
        return ""
    size, unit = int(match.group(1)), match.group(2)
    year, month = int(published[:4]), int(published[5:7])
    if unit == "Y":
        return f"{year - size:04d}"
    if unit == "M":
        months = year * 12 + month - 1 - size
        return f"{months // 12:04d}-{months % 12 + 1:02d}"
    days = size * (7 if unit == "W" else 1)
    return (date_type.fromisoformat(published) - timedelta(days=days)).isoformat()


def _person_names(doc: Doc) -> dict[int, Span]:
    """PERSON entities by first token, pieces the NER split ("Deangelo" "Damone Reid") joined."""
    persons: dict[int, Span] = {}
    last: Span | None = None
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue
        if last is not None and last.end == ent.start and ent.start_char - last.end_char <= 1:
            last = doc[last.start : ent.end]
        else:
            last = ent
        persons[last.start] = last
    return persons


def _renumber(records: list[dict[str, Any]], kept: list[dict[str, Any]]) -> list[dict]:
    """``kept`` (a subset of ``records``) with ``part_of`` indices pointing into ``kept``."""
    position = {id(r): i for i, r in enumerate(kept)}
    for record in kept:
        if record["part_of"] is not None:
            record["part_of"] = position.get(id(records[record["part_of"]]))
    return kept


def _public(record: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in record.items() if not k.startswith("_")}


def _acts(verb: Token, auxiliary: bool) -> bool:
    """True when the count before ``verb`` is its agent ("a woman shot and killed a man")."""
    joined = [c for c in verb.conjuncts if c.pos_ == "VERB" and 0 < c.i - verb.i <= 3]
    if _has_object(verb) or any(_has_object(c) for c in joined):
        return True
    for prep in verb.children:  # "shot at police", not "shot at a party"
        targets = (o.pos_ in ("PRON", "PROPN") or o.lemma_ in _AT_TARGETS for o in prep.children)
        if prep.dep_ == "prep" and prep.lower_ == "at" and any(targets):
            return True
    if auxiliary or verb.lemma_.lower() in _INTRANSITIVE:
        return False
    if verb.tag_ in ("VBZ", "VBP"):
        return True
    following = verb.doc[verb.i + 1] if verb.i + 1 < len(verb.doc) else None
    passive = any(c.dep_ in ("auxpass", "aux") for c in verb.children)
    return (
        (verb.tag_ == "VBD" or (verb.tag_ == "VBN" and not passive))  # ", fatally shot Smith"
        and following is not None
        and following.pos_ in _OBJECT_POS
        and following.ent_type_ not in _SKIP_ENTS
    )


def _has_object(verb: Token) -> bool:
    return any(c.dep_ == "dobj" for c in verb.children)


def _graver(outcome: str, than: str) -> bool:
    return SEVERITY.index(outcome) > SEVERITY.index(than)


def _adjacent(doc: Doc, first: Span, second: Span) -> bool:
    """True when two sentences are the same or consecutive in one paragraph."""
    if first.start == second.start:
        return True
    last = doc[first.end - 1]
    return second.start == first.end and "\n" not in last.text + last.whitespace_


def _listed_after(doc: Doc, previous: _Count, count: _Count) -> bool:
    """True when ``count`` follows ``previous`` in a list ("nine Italians, seven Japanese")."""
    if count.single or previous.single:  # "One of the officers, Robert Rialmo,": a name
        return False
    between = doc[previous.end : count.start]
    return 0 < len(between) <= 2 and all(t.lower_ in (",", "and") for t in between)


def _skip_aside(doc: Doc, i: int) -> int:
    """Skip an aside after a count: ", a 5-year-old girl," or ", including 14 civilians"."""
    if i >= len(doc) or doc[i].text not in (",", "(", "-", "--", "—"):
        return i
    for j in range(i + 1, min(i + 14, len(doc))):
        token = doc[j]
        if token.text in (",", ")", "-", "--", "—"):
            return j + 1
        if token.lower_ in _SUBORDINATORS:
            break
        if token.pos_ in ("AUX", "VERB") and token.dep_ != "amod" and token.lower_ != "including":
            return j
        if token.is_sent_end:
            break
    return i


def _is_age(doc: Doc, i: int) -> bool:
    """True when ``doc[i:]`` continues a number as an age ("-year-old", "years old")."""
    words = [t.lower_ for t in doc[i : i + 4]]
    return words[:2] == ["-", "year"] or words[:2] == ["years", "old"] or words[:1] == ["year"]


def _is_name_age(doc: Doc, start: int, end: int) -> bool:
    """True for the age in "John Smith, 25," or "Smith (25)"."""
    if start < 2 or end >= len(doc):
        return False
    before, after = doc[start - 1].text, doc[end].text
    return (before, after) in ((",", ","), ("(", ")"), (",", "and"), (",", ".")) and (
        doc[start - 2].ent_type_ == "PERSON" or doc[start - 2].pos_ == "PROPN"
    )


def _reconcile(
    records: list[dict[str, Any]], genders: dict[str, str], lookback: int
) -> list[dict[str, Any]]:
    """One record per stated count of the article: nest, merge repeats, keep revised tolls
    (a nested count or an anaphor refers to one of the ``lookback`` records before it)."""
    records = sorted(records, key=lambda r: (r["start"], r["end"]))
    # nesting: "including 14 civilians", "two of them"
    for index, record in enumerate(records):
        if not record["_nested"]:
            continue
        for parent in reversed(records[max(0, index - lookback) : index]):
            if not parent["outcome"] or parent["count"] <= record["count"] or parent["_anaphor"]:
                continue
            if parent["part_of"] is not None and parent["_sent"] != record["_sent"]:
                continue  # "Among the dead was ..." after "11, including three children"
            if record["outcome"] in ("", parent["outcome"]) or (
                record["_weak"] and parent["outcome"] == "killed"
            ):
                record["outcome"] = parent["outcome"]
                record["part_of"] = id(parent)
                break
    records = _one_per_victim([r for r in records if r["outcome"]], genders, lookback)
    kept: list[dict[str, Any]] = []
    alias: dict[int, int] = {}  # a repeated or revised count -> the record that stays
    tolls = _Tolls()
    for record in records:
        target = tolls.merged_into(record, kept)
        if target is None:
            tolls.add(record, len(kept))
            kept.append(record)
        elif target is record:
            alias[record["_replaces"]] = id(record)
        else:
            alias[id(record)] = id(target)
    for record in kept:
        record["part_of"] = alias.get(record["part_of"], record["part_of"])
    _inherit_groups(kept)
    index_of = {id(r): i for i, r in enumerate(kept)}
    for record in kept:
        if record["part_of"] is not None:
            record["part_of"] = index_of.get(record["part_of"])
    return kept


def _nest_in_tolls(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Nest what a toll already counts, at its place and in its period: single victims
    (a victim only named, "John Smith, 25", repeats the toll and is no record of its own)
    and, under the lede's toll, smaller totals ("12 killed ... four of the dead"). A count
    of another place or time ("in January, seven were killed in Pathankot") stays apart."""
    position = {id(r): i for i, r in enumerate(records)}
    dropped: set[int] = set()
    for outcome in {r["outcome"] for r in records}:
        top = [r for r in records if r["outcome"] == outcome and r["part_of"] is None]
        totals = [r for r in top if not r["_single"]]
        if not totals:
            continue
        total = max(totals, key=lambda r: r["count"])
        same = [r for r in top if r["_single"] and _same_period(r, total) and not r["_separate"]]
        for single in same[: int(total["count"])]:
            single["part_of"] = position[id(total)]
            if single["_proper"]:
                dropped.add(id(single))
    for outcome in {r["outcome"] for r in records}:
        totals = [
            r
            for r in records
            if r["outcome"] == outcome and r["part_of"] is None and not r["_single"]
        ]
        if not totals:
            continue
        total = max(totals, key=lambda r: r["count"])
        if not total["_lede"]:
            continue
        for other in totals:
            if other is total or other["count"] >= total["count"]:
                continue
            # "15 bodies, more than the official toll of 12": a rival toll, not a part
            if other["_sent"] == total["_sent"] and not other["_nested"]:
                continue
            if other["since"] or other["until"] or not _same_place(other, total):
                continue
            other["part_of"] = position[id(total)]
    return _renumber(records, [r for r in records if id(r) not in dropped])


def _same_period(part: dict[str, Any], total: dict[str, Any]) -> bool:
    """True when both counts cover the same period (or neither states one)."""
    return (part["since"], part["until"]) == (total["since"], total["until"])


def _same_place(part: dict[str, Any], total: dict[str, Any]) -> bool:
    """True when one count's place is the other's or inside it ("Colorado Springs", "Colorado")."""
    words = set(part["_place"].lower().split()), set(total["_place"].lower().split())
    return words[0] <= words[1] or words[1] <= words[0]


def _default_groups(records: list[dict[str, Any]]) -> None:
    """A bare count ("71 were injured", "260 others") counts the group of the toll it is
    part of, else of the count before it in its sentence ("17 soldiers were killed and 19
    injured"), else people."""
    previous: dict[str, Any] | None = None
    for record in records:
        if record["group"] in _BARE_GROUPS and not record["_single"]:
            parent = records[record["part_of"]] if record["part_of"] is not None else None
            if parent is not None and parent["group"]:
                record["group"] = parent["group"]
            elif previous is not None and previous["_sent"] == record["_sent"]:
                record["group"] = previous["group"] or _PEOPLE
            else:
                record["group"] = _PEOPLE
        previous = record


def _inherit_groups(records: list[dict[str, Any]]) -> None:
    """A bare group repeats a fuller one said before ("citizens" -> "citizens of Azerbaijan")."""
    fuller: dict[str, str] = {}
    for record in records:
        group = record["group"]
        if not group:
            continue
        head = group.split(" of ")[0].split()[-1]
        if group == head and head in fuller:
            record["group"] = fuller[head]
        else:
            fuller.setdefault(head, group)


def _one_per_victim(
    records: list[dict[str, Any]], genders: dict[str, str], lookback: int
) -> list[dict[str, Any]]:
    """Merge the mentions of one victim ("a man ... Smith ... he died"), graver outcome kept."""
    victims: list[dict[str, Any]] = []
    named: dict[str, dict[str, Any]] = {}  # a word of a victim's name -> that victim
    out = []
    for record in records:
        if not record["_single"] or record["part_of"] is not None:
            out.append(record)
            continue
        if record["_anaphor"]:
            for victim in victims[-int(record["count"]) :]:
                _upgrade(victim, record)
            totals = [r for r in out if r["outcome"] == record["outcome"]]
            if victims or totals or record["count"] > 1:
                continue
        same = _same_victim(record, victims[-lookback:], named, genders)
        if same is None:
            victims.append(record)
            out.append(record)
        else:
            same["_key"] = same["_key"] or record["_key"]
            _upgrade(same, record)
            same = same if record["_key"] else None
        for word in record["_key"].split():
            named.setdefault(word, same or record)
    return out


def _same_victim(
    record: dict[str, Any],
    recent: list[dict[str, Any]],
    named: dict[str, dict[str, Any]],
    genders: dict[str, str],
) -> dict[str, Any] | None:
    """The victim counted before that ``record`` names again, if any: one sharing a word of
    its name, else one of the ``recent`` victims mentioned that it can refer to."""
    key = record["_key"].split()
    for word in key:
        if word in named:
            return named[word]
    if record["_new"] or any(v["_head"] in record["_conjuncts"] for v in recent):
        return None
    for victim in reversed(recent):
        if key and victim["_key"]:
            continue
        if not _compatible(victim["outcome"], record["outcome"]):
            continue
        if record["_another"] and victim["outcome"] != record["outcome"]:
            continue  # "another teen was wounded" after one was killed
        gender = {genders.get(victim["_lemma"], ""), genders.get(record["_lemma"], "")}
        if gender != {"male", "female"}:
            return victim
    return None


def _compatible(a: str, b: str) -> bool:
    return a == b or {a, b} == {"injured", "killed"}


def _upgrade(victim: dict[str, Any], mention: dict[str, Any]) -> None:
    """Give a victim the graver outcome a later mention states ("he died in hospital")."""
    if not _compatible(victim["outcome"], mention["outcome"]):
        return
    if _graver(mention["outcome"], victim["outcome"]) or (victim["_weak"] and not mention["_weak"]):
        victim["outcome"], victim["_weak"] = mention["outcome"], mention["_weak"]


class _Tolls:
    """The top-level totals kept so far, indexed by outcome, count and group head, so that
    finding the toll a count repeats or revises takes constant time."""

    def __init__(self) -> None:
        self.latest: dict[str, int] = {}  # outcome -> position in kept of its last total
        self.by_count: dict[tuple[str, float], dict[str, int]] = {}  # -> group head -> position

    def add(self, record: dict[str, Any], position: int) -> None:
        """Index ``record``, kept at ``position``."""
        if record["part_of"] is not None or record["_single"]:
            return
        self.latest[record["outcome"]] = position
        heads = self.by_count.setdefault((record["outcome"], record["count"]), {})
        heads[_group_head_word(record)] = position
        heads["*"] = position

    def merged_into(self, record: dict[str, Any], kept: list[dict[str, Any]]) -> dict | None:
        """The earlier total that ``record`` repeats or revises (kept is updated), else None."""
        if record["part_of"] is not None or record["_single"]:
            return None
        outcome = record["outcome"]
        if record["_revision"] and outcome in self.latest:
            position = self.latest[outcome]
            earlier = kept[position]
            record["revised_from"] = earlier["count"]
            record["_replaces"] = id(earlier)
            kept[position] = record
            heads = self.by_count.get((outcome, earlier["count"]), {})
            for key in [k for k, v in heads.items() if v == position]:
                del heads[key]
            self.add(record, position)
            return record
        heads = self.by_count.get((outcome, record["count"]), {})
        head = _group_head_word(record)
        keys = ["*"] if head in ("", *_GENERIC_GROUPS) else [head, "", *_GENERIC_GROUPS]
        found = [heads[key] for key in keys if key in heads]
        return kept[max(found)] if found else None


def _group_head_word(record: dict[str, Any]) -> str:
    return record["group"].split()[-1] if record["group"] else ""
