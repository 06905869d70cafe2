"""The word lists the casualties tagger reads: ``models/casualties/`` (outcomes, victim
groups, causes), with claimx's shared number, calendar and qualifier lexicons."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

from claimx.normalize.numbers import NumberWords

SKIP_ENTS = {"DATE", "TIME", "MONEY", "PERCENT", "ORDINAL", "QUANTITY"}
PRONOUNS = {"he", "she", "they", "both"}
POSSESSIVES = {"his", "her", "their"}


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


class Vocabulary:
    """The lexicons with what the scan derives from them: number readers, cue-word hashes,
    and the word tests every stage shares."""

    def __init__(self, data: dict[str, Any], vocab: Vocab) -> None:
        self.lex = read_lexicons(data)
        self.numbers = NumberWords(data["numbers"])
        self.qualifier_size = max(map(len, self.lex.qualifiers))
        self.vague_words = frozenset(self.numbers.lexicon["vague"])
        self.years = tuple(data["calendar"]["years"]["likely"])
        self.cause_heads = frozenset(cause[-1] for cause in self.lex.causes)
        self.tally_words = self.lex.tallies | {"toll"}  # "the toll of 12", "the count of 12"
        strings = vocab.strings
        self.fatal_words = frozenset(strings.add(w) for w in self.lex.fatal_cues)
        self.fatal_pairs = frozenset(
            (strings.add(a), strings.add(b)) for a, b in self.lex.fatal_pairs
        )
        cues = {"a", "an", "another", "the", "dozen", *PRONOUNS, *POSSESSIVES, *self.vague_words}
        self.cue_hashes = frozenset(strings.add(word) for word in cues)

    def is_person(self, token: Token) -> bool:
        """True for a noun naming people who can be victims ("civilians", "Syrians")."""
        lemma = token.lemma_.lower()
        return (
            lemma in self.lex.victims
            or token.lower_ in self.lex.victims
            or token.ent_type_ == "NORP"
            or (lemma in self.lex.nouns and self.lex.nouns[lemma] == "displaced")
        )

    def qualifier_start(self, doc: Doc, start: int) -> int:
        """The first token of the qualifier ("at least") before token ``start``, else ``start``."""
        for size in range(self.qualifier_size, 0, -1):
            words = tuple(t.lower_ for t in doc[max(0, start - size) : start])
            if len(words) == size and words in self.lex.qualifiers:
                return start - size
        return start
