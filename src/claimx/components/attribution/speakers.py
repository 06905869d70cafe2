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

from bisect import bisect_left
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc, Token

from claimx.components.extensions import ENTITIES, get_list
from claimx.normalize.places import country_of
from claimx.resources import read_json

SPEAKERS_FILE = "claims/speakers.json"
NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "det", "poss", "case", "nummod", "quantmod"})
PLACE_LABELS = frozenset({"GPE", "NORP"})
#: spaCy entity types a word of an unrecognised personal name may carry ("" is none).
NAME_ENTITY_TYPES = frozenset({"", "PERSON", "ORG"})
#: Words a name the entity recogniser missed needs (fewer: "Climate Change", "New Poll").
UNRECOGNISED_NAME_WORDS = 3
#: Prepositions that tie an unnamed description to whom it serves ("a spokesman for X").
SERVING_PREPS = frozenset({"for", "at"})
#: Prepositions whose object is whom a speaker speaks for ("a spokeswoman for the UN mission").
AFFILIATION_PREPS = frozenset({"for", "of", "at", "with"})
#: Determiners that make a description refer back ("the ministry", "this official").
DEFINITE = frozenset({"the", "this", "that", "these", "those"})
#: Characters back a definite description ("the spokesman") looks for its earlier mention.
DESCRIPTION_WINDOW = 3000
#: Determiners that introduce a new, unnamed description ("a spokesman for the ministry").
INDEFINITE = frozenset({"a", "an"})
#: Letters an acronym may have ("UN", "SPA", "OPEC").
ACRONYM_LETTERS = range(2, 7)
#: Punctuation between a name and the acronym that introduces it ("Xyz Ltd (XL)", "X, XL,").
ACRONYM_OPENERS = frozenset({"(", ","})


@dataclass(frozen=True)
class SpeakerWords:
    """The word lists of ``models/claims/speakers.json``."""

    pronouns: dict[str, str]
    documents: frozenset[str]
    institutions: frozenset[str]
    plural_groups: frozenset[str]
    not_sources: frozenset[str]
    platforms: dict[str, str]
    venues: frozenset[str]
    quoting: frozenset[str]
    name_connectors: frozenset[str]
    company_suffixes: frozenset[str]
    title_abbreviations: dict[str, str]
    organisation_kinds: frozenset[str]


def load_speaker_words(path: str = SPEAKERS_FILE) -> SpeakerWords:
    """The speaker word lists of a ``speakers.json`` (a path under ``models/`` or anywhere)."""
    return speaker_words(read_json(path))


def speaker_words(data: dict[str, Any]) -> SpeakerWords:
    """The speaker word lists of a loaded ``speakers.json``."""
    return SpeakerWords(
        pronouns=data["pronouns"],
        documents=frozenset(data["documents"]),
        institutions=frozenset(data["institutions"]),
        plural_groups=frozenset(data["plural_groups"]),
        not_sources=frozenset(data["not_sources"]),
        platforms=data["channels"]["platforms"],
        venues=frozenset(data["channels"]["venues"]),
        quoting=frozenset(data["quoting_verbs"]),
        name_connectors=frozenset(data["acronyms"]["connectors"]),
        company_suffixes=frozenset(data["acronyms"]["company_suffixes"]),
        title_abbreviations=data["title_abbreviations"],
        organisation_kinds=frozenset(data["organisation_kinds"]),
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
    """Resolves source heads to speakers, in text order, against the document's entities.

    Lookups are indexed (last speaker of each kind, last speaker or entity mention holding
    each word, person mentions by position), so resolving is linear in the sources."""

    doc: Doc
    text: str
    words: SpeakerWords
    #: Characters back a definite description looks for its earlier mention.
    description_window: int = DESCRIPTION_WINDOW
    profiles: dict[str, tuple[str, str]] = field(default_factory=dict)
    _mentions: dict[int, tuple[int, int, str, str]] = field(default_factory=dict)
    #: Token index where each PERSON mention starts, in text order, and the mention.
    _person_at: list[int] = field(default_factory=list)
    _persons: list[tuple[int, int, str, str]] = field(default_factory=list)
    #: Entity mentions by lower-cased name word: token indices and mentions, in text order.
    _word_at: dict[str, list[int]] = field(default_factory=dict)
    _word_mentions: dict[str, list[tuple[int, int, str, str]]] = field(default_factory=dict)
    #: The last speaker resolved, the last person-like one, the last one of each name word.
    _last: Speaker | None = None
    _last_person: Speaker | None = None
    _last_thing: Speaker | None = None
    _last_org: Speaker | None = None
    _last_by_word: dict[str, Speaker] = field(default_factory=dict)
    #: Acronym -> the full name the article gives for it ("SPA" -> "Saudi Press Agency").
    _acronyms: dict[str, str] = field(default_factory=dict)
    #: Token indices of each common noun's lemma, in text order.
    _noun_at: dict[str, list[int]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        entities = [e for e in get_list(self.doc, ENTITIES) if e["label"] in NAME_LABELS]
        full_names = {
            e["name"].split()[-1]: e["name"]
            for e in entities
            if e["label"] in ("PERSON", "ORG") and " " in e["name"]
        }
        persons = {e["name"] for e in entities if e["label"] == "PERSON"}
        found: list[tuple[int, tuple[int, int, str, str]]] = []
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
                found.append((span.start, value))
        for at, value in sorted(found):
            if value[3] == "PERSON":
                self._person_at.append(at)
                self._persons.append(value)
                self._profile(self.doc[at], value)
            for word in {w.lower() for w in value[2].split()}:
                self._word_at.setdefault(word, []).append(at)
                self._word_mentions.setdefault(word, []).append(value)
        self._find_acronyms(entities)
        for token in self.doc:
            if token.pos_ == "NOUN":
                self._noun_at.setdefault(token.lemma_.lower(), []).append(token.i)

    def _find_acronyms(self, entities: list[dict]) -> None:
        """Map each acronym to its full name: the name right before it that it abbreviates
        ("Ansarullah Bangla Team (ABT)", "Amalgamated Metal Trading Ltd, AMT,", "the Saudi
        Press Agency SPA"), else an entity name whose initials spell it."""
        for entity in entities:
            for name in _initial_forms(entity["name"].split(), self.words):
                self._acronyms.setdefault(name[0], name[1])
        introduced: dict[str, str] = {}
        for token in self.doc:
            if token.is_alpha and token.is_upper and len(token) in ACRONYM_LETTERS:
                full = self._introduced(token)
                if full:
                    introduced.setdefault(token.text, full)
        self._acronyms.update(introduced)

    def _introduced(self, acronym: Token) -> str:
        """The capitalised name just before ``acronym`` whose initials spell it, or ""."""
        at = acronym.i - 1
        if at >= 0 and self.doc[at].text in ACRONYM_OPENERS:
            at -= 1
        words: list[str] = []
        limit = 2 * len(acronym)
        while at >= 0 and len(words) < limit:
            word = self.doc[at]
            if not (word.text[:1].isupper() or word.lower_ in self.words.name_connectors):
                break
            words.insert(0, word.text)
            at -= 1
        for start in range(len(words)):
            for initials, name in _initial_forms(words[start:], self.words):
                if initials == acronym.text and words[start][:1].isupper():
                    return name
        return ""

    def _profile(self, first: Token, mention: tuple[int, int, str, str]) -> None:
        """Remember the role and affiliation a person's mention gives ("Foreign Secretary X",
        "X, a spokeswoman for the UN mission"), for later mentions of the same person."""
        start, end, name, _ = mention
        head = _phrase_head(first, end)
        if name in self.profiles or head is None:
            return
        role, affiliation = self._titles(head, start, end)
        if role or affiliation:
            self.profiles[name] = (role, affiliation)

    def resolve(self, head: Token) -> Speaker:
        """Return the speaker a source head names, and remember it for later pronouns."""
        speaker = self._named(head) or self._pronoun(head) or self._described(head)
        speaker.name = self._acronyms.get(speaker.name, speaker.name)
        if speaker.kind != "GROUP" or speaker.name:
            role, affiliation = self.profiles.get(speaker.name, ("", ""))
            speaker.role = speaker.role or role
            speaker.affiliation = speaker.affiliation or affiliation
            if speaker.role or speaker.affiliation:
                self.profiles.setdefault(speaker.name, (speaker.role, speaker.affiliation))
        self._remember(speaker)
        return speaker

    def _remember(self, speaker: Speaker) -> None:
        """Index a resolved speaker for the lookups of later sources."""
        self._last = speaker
        if not speaker.name:
            return
        if _person_like(speaker, self.words):
            self._last_person = speaker
        if speaker.kind != "GROUP":
            self._last_thing = speaker
        if speaker.kind == "ORG":
            self._last_org = speaker
        for word in f"{speaker.name} {speaker.role}".lower().split():
            self._last_by_word[word] = speaker
            title = self.words.title_abbreviations.get(word.rstrip("."))
            if title is not None:  # "Gov. X" is "the governor"
                self._last_by_word[title.split()[-1]] = speaker

    def _named(self, head: Token) -> Speaker | None:
        """A source that is (or is in apposition with) a named entity."""
        mention = self._mentions.get(head.i)
        if mention is None:
            appositive = _appositive(head)
            if appositive is None:
                return None
            mention = self._mentions.get(appositive.i) or self._unrecognised_name(appositive)
            if mention is None:
                return None
        if mention[3] in PLACE_LABELS:
            return None
        return self._of_mention(head, mention)

    def _of_mention(self, head: Token, mention: tuple[int, int, str, str]) -> Speaker:
        """The speaker a name mention gives, with the role and affiliation of its phrase."""
        start, end, name, label = mention
        role, affiliation = self._titles(head, start, end)
        kind = "PERSON" if label == "PERSON" or role else "ORG"
        if kind == "ORG":
            role = ""
            affiliation = affiliation or next(filter(None, map(country_of, name.split())), "")
        return Speaker(start, end, name, kind, role, affiliation)

    def _titles(self, head: Token, start: int, end: int) -> tuple[str, str]:
        """Role and affiliation of a name from its phrase: the title before it ("Saudi Oil
        Minister X", "regional governor X"), an apposition ("X, a spokeswoman for the UN
        mission"), or the role noun it is in apposition with ("Kuwait's Oil Minister, X")."""
        outside_name = head.idx < start or head.idx >= end
        if outside_name:
            return self._describe(head, start, end)
        role, affiliation = self._describe(head, start, end)
        appositive = _appositive(head)
        if appositive is not None and not start <= appositive.idx < end:
            role_app, aff_app = self._describe(appositive, start, end)
            role, affiliation = role_app or role, affiliation or aff_app
        return role, affiliation

    def _describe(self, noun: Token, start: int, end: int) -> tuple[str, str]:
        """Role and affiliation a noun phrase gives, the name at ``start:end`` left out: places,
        nationalities and organisations among its modifiers, a possessive, or the object of
        "for", "of", "at", "with" are the affiliation; the other modifiers and the noun the
        role ("senior official"). An institution ("the Indian government") has no role."""
        role_words: list[str] = []
        affiliation = ""
        in_name = start <= noun.idx < end
        for token in self.doc[noun.left_edge.i : noun.i]:
            if start <= token.idx < end or token.is_punct or token.pos_ in ("DET", "PRON"):
                continue
            if token.tag_ == "POS" or token.head.dep_ in ("prep", "relcl", "acl"):
                continue
            place = self._affiliation_of(token)
            if place:
                affiliation = affiliation or place
            elif "poss" not in (token.dep_, token.head.dep_):
                title = self.words.title_abbreviations.get(token.lower_.rstrip("."))
                if token.text.endswith(".") and title:  # "Gov.", not "Mr."
                    role_words.append(title)
                elif token.is_alpha:
                    role_words.append(token.text)
        if not affiliation:
            affiliation = self._prepositional_affiliation(noun)
        if in_name:
            return " ".join(role_words), affiliation
        if noun.lemma_.lower() in self.words.institutions:
            return "", affiliation
        return " ".join([*role_words, noun.text]), affiliation

    def _affiliation_of(self, token: Token) -> str:
        """The country or organisation a modifier names ("Indian", "U.S.", "Verizon")."""
        mention = self._mentions.get(token.i)
        if mention is not None and mention[3] in ("GPE", "NORP", "ORG"):
            return country_of(mention[2]) or mention[2]
        return country_of(token.text) if token.pos_ in ("PROPN", "ADJ") else ""

    def _prepositional_affiliation(self, noun: Token) -> str:
        """The organisation or country of "a spokeswoman for the UN mission"."""
        for child in noun.rights:
            if child.dep_ == "prep" and child.lower_ in AFFILIATION_PREPS:
                obj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if obj is None:
                    continue
                tokens = [
                    t
                    for t in obj.subtree
                    if t.pos_ not in ("DET", "PUNCT") and "appos" not in (t.dep_, t.head.dep_)
                ]
                named = any(t.i in self._mentions or t.pos_ == "PROPN" for t in tokens)
                if named or obj.lemma_.lower() in self.words.institutions:
                    phrase = " ".join(t.text for t in tokens if t.tag_ != "POS")
                    return country_of(phrase) or phrase
        return ""

    def _pronoun(self, head: Token) -> Speaker | None:
        """A personal pronoun: the nearest earlier speaker of a compatible type; "he", "she"
        the nearest earlier person, a speaker or a person named in the text."""
        wanted = self.words.pronouns.get(head.lower_)
        if wanted is None:
            return None
        span = (head.idx, head.idx + len(head.text))
        if wanted == "PERSON":
            person = self._person_before(head)
            return person.at(*span) if person is not None else Speaker(*span, "", "PERSON")
        earlier = self._last_org if wanted == "ORG" else self._last
        if earlier is not None and earlier.name:
            return earlier.at(*span)
        return Speaker(*span, "", wanted if wanted != "ANY" else "GROUP")

    def _person_before(self, head: Token) -> Speaker | None:
        """The last person who spoke; when someone else (an agency, a government) spoke since,
        the person last named as a subject after that person, if any ("Minister Y reiterated
        ..., the news agency said. He said")."""
        spoke = self._last_person
        if self._last is not None and self._last is spoke:
            return spoke
        since = spoke.start if spoke is not None else -1
        at = bisect_left(self._person_at, head.i) - 1
        while at >= 0 and self._persons[at][0] > since:
            start, end, name, _ = self._persons[at]
            token = self.doc[self._person_at[at]]
            while token.dep_ in ("compound", "flat") and token.head.i != token.i:
                token = token.head
            if token.dep_ in ("nsubj", "nsubjpass"):
                role, affiliation = self.profiles.get(name, ("", ""))
                return Speaker(start, end, name, "PERSON", role, affiliation)
            at -= 1
        return spoke

    def _described(self, head: Token) -> Speaker:
        """A common noun phrase: a document or description resolved backwards, else vague."""
        words = self.words
        tokens = [t for t in head.subtree if t.i <= head.i and t.dep_ in MODIFIER_DEPS] + [head]
        tokens = [t for t in tokens if t.i >= min(t.i for t in tokens)]
        start, end = min(t.idx for t in tokens), head.idx + len(head.text)
        noun = head.lemma_.lower()
        definite = any(t.lower_ in DEFINITE or t.dep_ == "poss" for t in tokens)
        if noun in words.documents and self._last_thing is not None:
            return self._last_thing.at(start, end)
        if definite or head.pos_ == "PROPN":  # "the spokesman", or a surname ("Gambhir")
            earlier = self._last_by_word.get(noun) or self._last_by_word.get(head.lower_)
            if earlier is not None:
                return earlier.at(start, end)
            at = bisect_left(self._word_at.get(noun, []), head.i) - 1
            if at >= 0:
                mention = self._word_mentions[noun][at]
                kind = "PERSON" if mention[3] == "PERSON" else "ORG"
                role, affiliation = self.profiles.get(mention[2], ("", ""))
                return Speaker(start, end, mention[2], kind, role, affiliation)
            if any(t.lower_ in DEFINITE for t in tokens):  # "the agency", not "his company"
                earlier = self._earlier_description(head) or self._organisation_like(head)
                if earlier is not None:
                    return earlier.at(start, end)
        place = self._mentions.get(head.i)
        if place is not None:  # a country or nationality speaks for itself ("Iraq said")
            affiliation = country_of(place[2]) or place[2]
            return Speaker(start, end, place[2], "ORG", "", affiliation)
        if head.pos_ == "PROPN" and noun not in words.institutions:
            mention = self._unrecognised_name(head)
            if mention is not None:
                return self._of_mention(head, mention)
        kind = "ORG" if noun in words.institutions else "GROUP"
        if kind == "GROUP" and head.tag_ == "NN":
            kind = "PERSON"  # "the spokesman", not "witnesses"
        name = " ".join(self.text[start:end].split())  # a wrapped line is one space
        if not any(t.pos_ == "PROPN" for t in tokens):
            name = name.lower()
        if definite and name.lower().startswith("the "):
            name = name[4:]
        if any(c.lower_ in INDEFINITE for c in head.lefts) and any(
            c.lower_ in SERVING_PREPS for c in head.rights
        ):  # "a spokesman for the Trade Ministry"
            name = self._phrase_name(head)[1]
        role, affiliation = self._describe(head, -1, -1)
        if kind == "GROUP" and not affiliation:
            role = ""
        return Speaker(start, end, name, kind, role, affiliation)

    def _earlier_description(self, head: Token) -> Speaker | None:
        """What an earlier mention of the same noun, at most ``description_window`` chars back,
        names: the entity it describes ("the official news agency INA", "X, a spokesman for
        Y"), else, introduced as "a"/"an", its own phrase ("a spokesman for the ministry")."""
        at_list = self._noun_at.get(head.lemma_.lower(), [])
        at = bisect_left(at_list, head.i) - 1
        if at < 0 or head.idx - self.doc[at_list[at]].idx > self.description_window:
            return None
        noun = self.doc[at_list[at]]
        linked = [c for c in noun.children if c.dep_ == "appos"]  # "a spokesman, X"
        if noun.dep_ == "appos":  # "X, a spokesman"
            linked.append(noun.head)
        if noun.i + 1 < len(self.doc):  # "the official news agency INA"
            linked.append(self.doc[noun.i + 1])
        for token in linked:
            mention = self._mentions.get(token.i)
            if mention is None and token.is_upper and token.is_alpha and token.pos_ == "PROPN":
                mention = (token.idx, token.idx + len(token), token.text, "ORG")
            if mention is not None and mention[3] not in PLACE_LABELS:
                return self._of_mention(token, mention)
        indefinite = any(c.dep_ == "det" and c.lower_ in INDEFINITE for c in noun.children)
        serving = any(c.lower_ in SERVING_PREPS for c in noun.rights)
        if not indefinite or not serving or noun.dep_ == "compound":
            return None
        end, name = self._phrase_name(noun)
        kind = "ORG" if noun.lemma_.lower() in self.words.institutions else "PERSON"
        role, affiliation = self._describe(noun, -1, -1)
        return Speaker(noun.idx, end, name, kind, role, affiliation)

    def _organisation_like(self, head: Token) -> Speaker | None:
        """For a bare "the company", "the group": the last organisation that spoke, within the
        window, when its name is no place and holds no other institution noun ("Verizon", not
        "Labor Department")."""
        noun, org = head.lemma_.lower(), self._last_org
        bare = all(t.dep_ == "det" for t in head.lefts)
        if noun not in self.words.organisation_kinds or org is None or not bare:
            return None
        others = {w.lower() for w in org.name.split()} & self.words.institutions - {noun}
        if others or country_of(org.name) or head.idx - org.start > self.description_window:
            return None
        return org

    def _phrase_name(self, noun: Token) -> tuple[int, str]:
        """End offset and text of an unnamed description: the noun and its "for"/"at" phrase
        ("spokesman for the Trade Ministry")."""
        phrase = [noun, *(t for c in noun.rights if c.lower_ in SERVING_PREPS for t in c.subtree)]
        end = max(t.idx + len(t.text) for t in phrase)
        return end, " ".join(self.text[noun.idx : end].split())

    def _unrecognised_name(self, head: Token) -> tuple[int, int, str, str] | None:
        """A personal name the entity recogniser missed ("Hojatoleslam Akbar Hashemi
        Rafsanjani"): three or more capitalised proper nouns compounded into its head, none
        tagged as a place, date or event, as an ORG mention (start, end, name, label)."""
        first = head
        while first.i > 0:
            before = self.doc[first.i - 1]
            if before.pos_ != "PROPN" or before.dep_ not in ("compound", "flat"):
                break
            if not first.i <= before.head.i <= head.i:
                break
            first = before
        tokens = self.doc[first.i : head.i + 1]
        other = any(t.ent_type_ not in NAME_ENTITY_TYPES for t in tokens)
        if len(tokens) < UNRECOGNISED_NAME_WORDS or not all(t.is_title for t in tokens) or other:
            return None
        end = head.idx + len(head.text)
        name = " ".join(self.text[first.idx : end].split())
        return first.idx, end, name, "ORG"


def _person_like(speaker: Speaker, lists: SpeakerWords) -> bool:
    """A person, or a name the model called an organisation that holds no institution word, is
    no acronym ("SPA") and names no place."""
    if speaker.kind != "ORG":
        return speaker.kind == "PERSON"
    if country_of(speaker.name):  # a place speaks as a government ("Iraq said")
        return False
    words = speaker.name.split()
    institutional = {w.lower() for w in words} & (lists.institutions | lists.documents)
    return not institutional and not all(w.isupper() for w in words)


def _initial_forms(words: list[str], lists: SpeakerWords) -> list[tuple[str, str]]:
    """(initials, name) of a multiword name: its capitalised words' initials, connectors
    ("of", "and") left out, with and without a company suffix ("Ltd")."""
    capitals = [w for w in words if w[:1].isupper()]
    if len(capitals) < 2 or any(not w.replace("-", "").isalpha() for w in words):
        return []
    name = " ".join(words)
    forms = [("".join(w[0] for w in capitals), name)]
    if capitals[-1].rstrip(".").lower() in lists.company_suffixes and len(capitals) > 2:
        forms.append(("".join(w[0] for w in capitals[:-1]), name))
    return forms


def _appositive(head: Token) -> Token | None:
    """The apposition of a noun or of the object of its "for"/"of" phrase ("a spokeswoman
    for the UN mission, Lena Ortiz")."""
    for child in head.rights:
        if child.dep_ == "appos":
            return child
        if child.dep_ == "prep" and child.lower_ in AFFILIATION_PREPS:
            for obj in child.children:
                found = next((c for c in obj.rights if c.dep_ == "appos"), None)
                if obj.dep_ == "pobj" and found is not None:
                    return found
    return None


def _phrase_head(first: Token, end: int) -> Token | None:
    """The head of the name that starts at ``first`` and ends at char ``end``."""
    token = first
    while token.head.i != token.i and first.idx <= token.head.idx < end:
        token = token.head
    return token
