"""Speakers: the span that names a source, its canonical name, role and affiliation.

A document-level resolver walks the sources in text order. Names come from
``doc._.claimx_entities`` (so "Hajiyev" is "Hikmat Hajiyev"); pronouns take
the nearest earlier speaker of a compatible type; descriptions ("the
ministry", "the aide") take the nearest earlier speaker or entity whose name
or role holds the head noun; documents ("the statement") speak for the
nearest earlier speaker. Unresolved common nouns are vague sources, named by
their lower-cased phrase ("some experts").
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from claimx.components.extensions import ENTITIES, get_list
from claimx.normalize.places import country_of
from claimx.resources import load_json

SPEAKERS_FILE = "claims/speakers.json"
NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "det", "poss", "case", "nummod", "quantmod"})
PLACE_LABELS = frozenset({"GPE", "NORP"})


@dataclass(frozen=True)
class SpeakerWords:
    """The word lists of ``models/claims/speakers.json``."""

    pronouns: dict[str, str]
    documents: frozenset[str]
    institutions: frozenset[str]
    plural_groups: frozenset[str]
    not_sources: frozenset[str]
    channels: dict[str, str]


def load_speaker_words(path: str = SPEAKERS_FILE) -> SpeakerWords:
    """The speaker word lists of a ``speakers.json`` (a path under ``models/`` or anywhere)."""
    data = load_json(path)
    return SpeakerWords(
        pronouns=data["pronouns"],
        documents=frozenset(data["documents"]),
        institutions=frozenset(data["institutions"]),
        plural_groups=frozenset(data["plural_groups"]),
        not_sources=frozenset(data["not_sources"]),
        channels=data["channels"],
    )


@dataclass
class Speaker:
    """A resolved source: its span in the text and who it is."""

    start: int
    end: int
    name: str
    kind: str  # PERSON | ORG | GROUP
    role: str = ""
    affiliation: str = ""

    def at(self, start: int, end: int) -> Speaker:
        """The same speaker named by another span (a pronoun, a description)."""
        return Speaker(start, end, self.name, self.kind, self.role, self.affiliation)

    def as_dict(self) -> dict[str, int | str]:
        """The ``speaker`` dict of a claim."""
        return {
            "start": self.start,
            "end": self.end,
            "name": self.name,
            "role": self.role,
            "affiliation": self.affiliation,
        }


@dataclass
class SpeakerResolver:
    """Resolves source heads to speakers, in text order, against the document's entities."""

    doc: Doc
    text: str
    words: SpeakerWords
    history: list[Speaker] = field(default_factory=list)
    profiles: dict[str, tuple[str, str]] = field(default_factory=dict)
    _mentions: dict[int, tuple[int, int, str, str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        entities = [e for e in get_list(self.doc, ENTITIES) if e["label"] in NAME_LABELS]
        full_names = {
            e["name"].split()[-1]: e["name"]
            for e in entities
            if e["label"] in ("PERSON", "ORG") and " " in e["name"]
        }
        persons = {e["name"] for e in entities if e["label"] == "PERSON"}
        for entity in entities:
            name = full_names.get(entity["name"], entity["name"])
            label = "PERSON" if entity["name"] in persons or name in persons else entity["label"]
            for mention in entity["mentions"]:
                span = self.doc.char_span(mention["start"], mention["end"], alignment_mode="expand")
                if span is None:
                    continue
                value = (mention["start"], mention["end"], name, label)
                for token in span:
                    self._mentions[token.i] = value

    def resolve(self, head: Token) -> Speaker:
        """Return the speaker a source head names, and remember it for later pronouns."""
        speaker = self._named(head) or self._pronoun(head) or self._described(head)
        if speaker.kind != "GROUP" or speaker.name:
            role, affiliation = self.profiles.get(speaker.name, ("", ""))
            speaker.role = speaker.role or role
            speaker.affiliation = speaker.affiliation or affiliation
            if speaker.role or speaker.affiliation:
                self.profiles.setdefault(speaker.name, (speaker.role, speaker.affiliation))
        self.history.append(speaker)
        return speaker

    def _named(self, head: Token) -> Speaker | None:
        """A source that is (or is in apposition with) a named entity."""
        mention = self._mentions.get(head.i)
        appositive = None
        if mention is None:
            appositive = next((c for c in head.children if c.dep_ == "appos"), None)
            if appositive is None or appositive.i not in self._mentions:
                return None
            mention = self._mentions[appositive.i]
        start, end, name, label = mention
        if label in PLACE_LABELS:
            return None
        role, affiliation = self._modifiers(head, start, end)
        kind = "PERSON" if label == "PERSON" or role else "ORG"
        affiliation = affiliation or next(filter(None, map(country_of, name.split())), "")
        if appositive is not None:
            role = role or _phrase(head, drop_det=True)
        else:
            for child in head.children:
                if child.dep_ == "appos":
                    role_app, aff_app = _appositive(child)
                    role, affiliation = role or role_app, affiliation or aff_app
        return Speaker(start, end, name, kind, role, affiliation)

    def _modifiers(self, head: Token, start: int, end: int) -> tuple[str, str]:
        """Role and affiliation from the words before the name ("Azerbaijani President")."""
        role_words: list[str] = []
        affiliation = ""
        first = self.doc.char_span(start, end, alignment_mode="expand")
        subtree = {t.i for t in head.subtree}
        i = first.start - 1 if first is not None else head.i - 1
        while i >= 0 and i in subtree and self.doc[i].dep_ in MODIFIER_DEPS:
            token = self.doc[i]
            i -= 1
            if token.pos_ == "DET" or token.tag_ == "POS":
                continue
            place = self._mentions.get(token.i)
            country = country_of(token.text)
            if country or (place and place[3] in PLACE_LABELS):
                affiliation = affiliation or country or place[2]
            elif place and place[3] == "ORG":
                affiliation = affiliation or place[2]
            elif token.is_alpha:
                role_words.insert(0, token.text)
        return " ".join(role_words), affiliation

    def _pronoun(self, head: Token) -> Speaker | None:
        """A personal pronoun: the nearest earlier speaker of a compatible type."""
        wanted = self.words.pronouns.get(head.lower_)
        if wanted is None:
            return None
        span = (head.idx, head.idx + len(head.text))
        for earlier in reversed(self.history):
            if earlier.name and wanted in (
                "ANY",
                "GROUP",
                earlier.kind,
                _person_like(earlier, self.words),
            ):
                return earlier.at(*span)
        if wanted == "PERSON":
            for i in range(head.i - 1, -1, -1):
                mention = self._mentions.get(i)
                if mention and mention[3] == "PERSON":
                    return Speaker(*span, mention[2], "PERSON")
        return Speaker(*span, "", wanted if wanted != "ANY" else "GROUP")

    def _described(self, head: Token) -> Speaker:
        """A common noun phrase: a document or description resolved backwards, else vague."""
        words = self.words
        tokens = [t for t in head.subtree if t.i <= head.i and t.dep_ in MODIFIER_DEPS] + [head]
        tokens = [t for t in tokens if t.i >= min(t.i for t in tokens)]
        start, end = min(t.idx for t in tokens), head.idx + len(head.text)
        noun = head.lemma_.lower()
        definite = any(t.lower_ in ("the", "this", "that") for t in tokens)
        if noun in words.documents and self.history:
            earlier = next((s for s in reversed(self.history) if s.kind != "GROUP"), None)
            if earlier is not None:
                return earlier.at(start, end)
        if definite:
            for earlier in reversed(self.history):
                if noun in earlier.name.lower().split() or noun in earlier.role.lower().split():
                    return earlier.at(start, end)
            for i in range(head.i - 1, -1, -1):
                mention = self._mentions.get(i)
                if mention and noun in mention[2].lower().split():
                    kind = "PERSON" if mention[3] == "PERSON" else "ORG"
                    return Speaker(start, end, mention[2], kind)
        kind = "ORG" if noun in words.institutions else "GROUP"
        name = " ".join(self.text[start:end].split())  # a wrapped line is one space
        if not any(t.pos_ == "PROPN" for t in tokens):
            name = name.lower()
        if definite and name.lower().startswith("the "):
            name = name[4:]
        return Speaker(start, end, name, kind)


def _person_like(speaker: Speaker, lists: SpeakerWords) -> str:
    """ "PERSON" for a name the model called an organisation that holds no institution word."""
    words = {w.lower() for w in speaker.name.split()}
    institutional = words & (lists.institutions | lists.documents)
    return "PERSON" if speaker.kind == "ORG" and not institutional else speaker.kind


def _phrase(head: Token, *, drop_det: bool) -> str:
    """The head noun with its pre-modifiers ("a senior spokesman" -> "senior spokesman")."""
    tokens = [t for t in head.lefts if t.dep_ in MODIFIER_DEPS]
    if drop_det:
        tokens = [t for t in tokens if t.pos_ != "DET"]
    return " ".join(t.text for t in [*tokens, head])


def _appositive(appos: Token) -> tuple[str, str]:
    """Role and affiliation from "X, a spokesman for the ministry"."""
    role = _phrase(appos, drop_det=True)
    affiliation = ""
    for child in appos.children:
        if child.dep_ == "prep" and child.lower_ in ("for", "of", "at", "with", "to"):
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is not None:
                name = " ".join(t.text for t in obj.subtree if t.pos_ != "DET")
                affiliation = country_of(name) or name
    return role, affiliation


def channel_of(text: str, channels: dict[str, str]) -> str:
    """The channel a phrase names ("his official Twitter account" -> "Twitter"), or ""."""
    lowered = f" {text.lower()} "
    for key, channel in channels.items():
        if f" {key} " in lowered:
            return channel
    return ""
