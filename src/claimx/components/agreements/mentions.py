"""Mentions of agreements in a parsed Doc, and what each one's clause says about it.

A mention is a noun phrase headed by an agreement word (``types.json`` ``heads``):
a proper name ("the Trilateral Statement", "Resolution 2334", "the Minsk
agreements"), a description ("a Moscow-brokered ceasefire deal", "a pact with
the U.S. on chip trade", "an agreement reached last year") or a definite
anaphor ("the deal", "the accord"). Each gets a type, the date it was signed or
reached, its parties and mediators, and a name: the proper name, else one built
from the parties, the description and its subject ("Japan-U.S. pact on chip trade").
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from claimx.components.agreements.lexicon import AgreementLexicon
from claimx.components.extensions import DATES, ENTITIES, PUBLISHED, get_list
from claimx.gazetteer import content_words, dated_after
from claimx.normalize.calendar_days import DatesByStart
from claimx.normalize.names import name_key
from claimx.normalize.numbers import NumberWords
from claimx.normalize.places import PlaceIndex

_DEFINITE = {"the", "this", "that", "these", "those"}
_INDEFINITE = {"a", "an", "any", "another"}
_PARTY_PREPS = {"by", "between", "among", "with"}
_PLACE_LABELS = {"GPE", "NORP"}
_PARTY_LABELS = {"GPE", "NORP", "ORG"}
_NAME_LABELS = {"GPE", "NORP", "ORG", "PERSON"}
_CLAUSES = {"relcl", "acl", "ccomp"}
_RELATIVES = {"which", "that"}
_RAISING = {"xcomp", "ccomp", "advcl", "conj", "pcomp"}
_BROKERED = ("-brokered", "-mediated", "-backed", "-sponsored")
_CONNECTORS = {"of", "on", "for", "the", "and", "to", "against", "between"}
_NOT_NAME = {"DATE", "TIME", "CARDINAL", "MONEY", "ORDINAL", "PERCENT"}
_NOT_TITLE = {"DATE", "TIME", "CARDINAL", "MONEY"}
_MODIFIER_DEPS = {"compound", "amod", "nmod", "npadvmod", "poss", "case", "nummod", "quantmod"}
_NAME_ONLY_TYPES = {"joint statement", "declaration"}
_STATED = {"resolution", "joint statement", "declaration"}
_CEASEFIRES = {"ceasefire", "cease-fire", "truce", "armistice"}
_ARTICLE = re.compile(r"^the\s+", re.IGNORECASE)
_PARAGRAPH = re.compile(r"\n\s*\n|\n {2,}")
_ISO_WEEK = re.compile(r"^\d{4}-W\d{2}$")
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")
_CONDITIONS = {"if", "unless", "whether", "until", "once"}
_MODALS = {"will", "would", "could", "may", "might", "should", "shall", "must", "'ll", "wo"}
_RELATIVES = {"which", "that", "who", "whose", "whom", "where", "when"}
_FINITE = {"VBD", "VBZ", "VBP", "MD"}


@dataclass(frozen=True)
class Settings:
    """The component's windows and threshold: its ``settings`` config, one key per field."""

    title_reach: int = 4  # tokens before a person's name searched for a title's country
    subject_reach: int = 16  # tokens after a head searched for its subject ("a pact on ...")
    max_subject_tokens: int = 12  # the longest subject phrase
    relative_reach: int = 6  # words between a relative pronoun and its verb
    min_score: float = 4.0  # the gazetteer score a link needs (claimx.gazetteer.score)


@dataclass
class Mention:
    """One mention of an agreement with what its clause says about it."""

    start: int  # character offsets
    end: int
    name: str
    named: bool
    definite: bool
    anaphor: bool  # "the agreement", "a new pact": links to one introduced before
    type: str
    novel: frozenset[str]  # "new" in "the new accord": not the agreement cited before
    context: frozenset[str]  # lower-case words of the mention and the two before it
    proper: frozenset[str]  # its name's words, or the proper words of a description
    date: str = ""
    parties: list[str] = field(default_factory=list)
    mediators: list[str] = field(default_factory=list)

    @property
    def key(self) -> str:
        """The comparison key of a proper name ("" for a description)."""
        return name_key(strip_article(self.name)) if self.named else ""


class DocIndex:
    """Per-document lookups, built once: the entity of each token, entity names, dates;
    with the finder's place and number readers."""

    def __init__(
        self, doc: Doc, places: PlaceIndex, numbers: NumberWords, settings: Settings
    ) -> None:
        self.places = places
        self.numbers = numbers
        self.settings = settings
        ents = [ent for ent in doc.ents if not _PARAGRAPH.search(ent.text)]
        self.ents: dict[str, list[Span]] = {}
        for ent in ents:
            self.ents.setdefault(ent.label_, []).append(ent)
        self.ends = {label: [e.end for e in group] for label, group in self.ents.items()}
        self.ent_of: dict[int, Span] = {i: ent for ent in ents for i in range(ent.start, ent.end)}
        entities = get_list(doc, ENTITIES)
        self.names: dict[int, str] = {
            m["start"]: e["name"] for e in entities for m in e["mentions"]
        }
        self.countries: dict[str, str] = {}  # a person's name -> the country a title gives
        for item in entities:
            if item.get("label") == "PERSON":
                for mention in item["mentions"]:
                    span = doc.char_span(mention["start"], mention["end"], alignment_mode="expand")
                    country = self._title_country(span) if span is not None else ""
                    if country:
                        self.countries[item["name"]] = country
                        break
        self.dates = DatesByStart(get_list(doc, DATES))
        self.published = str(doc._.get(PUBLISHED) or "")

    def country_of(self, text: str) -> str:
        """The country ``text`` names (``""`` when it names none)."""
        place = self.places.lookup(text)
        return place.country if place else ""

    def _title_country(self, span: Span) -> str:
        """The country in a person's title: "French President Jacques Chirac" -> France."""
        doc = span.doc
        for i in range(span.start - 1, max(span.start - self.settings.title_reach, 0) - 1, -1):
            token = doc[i]
            if token.ent_type_ in _PLACE_LABELS:
                return self.country_of(token.text) or self.country_of(token.text.removesuffix("'s"))
            if not (token.is_title or token.is_space or token.lower_ in ("'s", "’s", "-")):
                return ""
        return ""

    def entity(self, token: Token) -> Span | None:
        """The named entity ``token`` is part of (none across a paragraph break)."""
        return self.ent_of.get(token.i)

    def last_before(self, i: int, label: str) -> Span | None:
        """The last entity of ``label`` that ends before token ``i``."""
        ents = self.ents.get(label, [])
        k = bisect_right(self.ends.get(label, []), i)
        return ents[k - 1] if k else None

    def name(self, ent: Span) -> str:
        """The document-level name of an entity mention (the entities list groups them)."""
        return self.names.get(ent.start_char) or _ARTICLE.sub("", _text(ent))


class MentionFinder:
    """Finds agreement mentions and fills each one's type, date, parties and mediators."""

    def __init__(
        self,
        lex: AgreementLexicon,
        head_hashes: frozenset[int],
        places: PlaceIndex,
        numbers: NumberWords,
        settings: Settings,
    ) -> None:
        self.lex = lex
        self.head_hashes = head_hashes
        self.places = places
        self.numbers = numbers
        self.settings = settings

    def __call__(self, doc: Doc) -> list[Mention]:
        index = DocIndex(doc, self.places, self.numbers, self.settings)
        heads = [t for t in doc if t.lower in self.head_hashes or t.lemma in self.head_hashes]
        found = (self._mention(head, index) for head in heads)
        return [m for m in found if m is not None]

    # -- the phrase -------------------------------------------------------------

    def _mention(self, head: Token, index: DocIndex) -> Mention | None:
        lex = self.lex
        doc = head.doc
        if not _nominal(head) or (head.i + 1 < len(doc) and self._compound(doc, head)):
            return None
        start = head.i
        j = _before(doc, start, 0)
        while j >= 0 and _title_part(doc[j]):
            start, j = j, _before(doc, j, 0)
        end = head.i + 1
        number = end < len(doc) and doc[end].like_num
        if number:
            end += 1
        elif head.text[:1].isupper():
            end = _title_tail(doc, end)
        modifiers = [t for t in doc[start : head.i] if t.ent_type_ not in _NOT_NAME]
        titled = head.text[:1].isupper() and head.i > head.sent.start
        named = number or any(t.text[:1].isupper() for t in modifiers)
        named = named or (titled and end > head.i + 1)
        if named and head.text.islower() and not number:
            # "the Minsk agreements", "the Companies act", not "Pennsylvania laws" or "the BWH
            # statement"
            word = head.lemma_.lower()
            titled_law = word in lex.named_only and any(_title_word(t, index) for t in modifiers)
            named = titled_law or (
                word not in lex.named_only and lex.heads.get(word) not in _NAME_ONLY_TYPES
            )
        left = self._description_start(head, start)
        first = min(start, left)
        if any(t.lower_ in lex.not_before for t in doc[first:end]):
            return None
        det_i = _before(doc, left, head.sent.start)
        det = doc[det_i] if det_i >= 0 else None
        definite = det is not None and det.lower_ in _DEFINITE
        described = "new" if named else self._described(head, left, det)
        if described is None:
            return None
        with_det = det is not None and det.pos_ == "DET" and not named
        span = doc[det_i if with_det else (start if named else left) : end]
        if _excluded(span, lex.excluded):
            return None
        lowers = {t.lower_ for t in doc[left : head.i]}
        subject = self._subject(head)
        outside = self._outside_parties(head)
        sides = _common_sides(outside)
        brokers = set(self._broker_tokens(head, doc[first:end]))
        inside = [
            t
            for t in doc[first : head.i]
            if t.lower_ not in lex.brokering and not _capital(t, index)
        ]
        name = _text(doc[first:end])
        if named:
            name = _drop_weak(name, lex.novel)
        else:
            sides_named = [t for t in outside if t not in brokers]
            name = self._descriptive_name(name, head, sides_named, subject, index)
        return Mention(
            start=span.start_char,
            end=span.end_char,
            name=name,
            named=named,
            definite=definite or (not named and det is None),
            anaphor=described == "anaphor" or (named and definite and head.text.islower()),
            type=self._type(head, [*doc[first : head.i], *subject]),
            novel=frozenset(lowers & lex.novel) if not named else frozenset(),
            context=frozenset(t.lower_ for t in doc[max(first - 2, 0) : end]),
            proper=content_words(name if named else _proper_words(doc[first : head.i])),
            date=self._date(head, doc[first:end], index),
            parties=_merged(
                self._parties(inside, brokers, index, within=(first, head.i)),
                self._parties(outside, brokers, index),
                sides,
            ),
            mediators=self._mediators(head, doc[first:end], brokers, index),
        )

    def _compound(self, doc: Doc, head: Token) -> bool:
        """True when ``head`` only modifies the next noun ("ceasefire deal", "treaty talks")."""
        following = doc[head.i + 1]
        if following.lower_ in self.lex.heads:
            return True
        return head.dep_ == "compound" and following.pos_ in ("NOUN", "PROPN")

    def _description_start(self, head: Token, start: int) -> int:
        """First token of a description's modifiers ("last December's OPEC accord")."""
        doc = head.doc
        left = start
        j = _before(doc, left, head.sent.start)
        while j >= 0:
            token = doc[j]
            modifier = token.dep_ in _MODIFIER_DEPS
            dated = token.ent_type_ == "DATE" and token.pos_ in ("NUM", "PROPN", "ADJ")
            inner = token.pos_ in ("ADJ", "PROPN", "VERB", "NOUN", "NUM") and token.head.i >= head.i
            if not (modifier or dated or inner or token.text == "-"):
                break
            left, j = j, _before(doc, j, head.sent.start)
        return left

    def _described(self, head: Token, left: int, det: Token | None) -> str | None:
        """How a lower-case head names an agreement: ``"new"`` when described (typed, signed,
        with a subject or parties), ``"anaphor"`` for a bare definite one ("the agreement")
        or a "new" one ("a new pact"), else None."""
        lex = self.lex
        word = head.lemma_.lower()
        if head.lower_ not in lex.descriptions and word not in lex.descriptions:
            return None
        doc = head.doc
        mods = [t for t in doc[left : head.i] if not (t.is_space or t.is_punct or t.dep_ == "case")]
        lowers = {t.lower_ for t in mods}
        typed = bool(lowers & set(lex.modifiers)) or bool(lowers & lex.brokering)
        typed = typed or any(m.endswith(_BROKERED) for m in lowers)
        strong = any(t.lower_ not in lex.weak and t.pos_ != "DET" for t in mods)
        signed = self._signed(head, mods)
        if word in lex.needs_signing:
            return "anaphor" if _is_definite(det) and signed else None
        if word in lex.signed_only:
            return "new" if signed else ("anaphor" if _is_definite(det) else None)
        if word in lex.needs_modifier:
            body = word in lex.by_body and any(t.ent_type_ in _PARTY_LABELS for t in mods)
            return "new" if typed or signed or body else None
        described = strong or signed or typed or self._post_modified(head)
        if det is None or _is_definite(det) or det.dep_ == "poss":
            fresh = bool(lowers & lex.novel) or word in _CEASEFIRES
            return "new" if described or fresh else "anaphor"
        if det.lower_ not in _INDEFINITE and not strong:
            return None  # "in agreement", "agreements"
        if described:
            return "new"
        return "anaphor" if lowers & lex.novel else None

    def _signed(self, head: Token, mods: list[Token]) -> bool:
        signing = self.lex.signing
        top = _nominal_chain(head)[-1]
        return (
            any(t.lemma_.lower() in signing for t in mods)
            or any(c.dep_ in _CLAUSES and c.lemma_.lower() in signing for c in head.children)
            or (self._made_by(top) and not _unreal(top.head))
        )

    def _made_by(self, top: Token) -> bool:
        """True when ``top`` is what its verb makes: "signed a pact", "called a truce"."""
        verb = top.head.lemma_.lower()
        return top.dep_ in ("dobj", "nsubjpass") and (
            verb in self.lex.signing or (_indefinite(top) and verb in self.lex.declaring)
        )

    def _post_modified(self, head: Token) -> bool:
        """A subject, parties or a clause after the head: "a pact with the U.S. on trade"."""
        preps = self.lex.subjects | _PARTY_PREPS
        for child in head.children:
            if child.dep_ in ("prep", "agent") and child.lower_ in preps:
                return True
            if child.dep_ in ("relcl", "acl") and not any(g.dep_ == "mark" for g in child.children):
                return True
        return False

    def _type(self, head: Token, modifiers: list[Token]) -> str:
        lex = self.lex
        types = [lex.modifiers[t.lower_] for t in modifiers if t.lower_ in lex.modifiers]
        types.append(lex.heads.get(head.lower_) or lex.heads.get(head.lemma_.lower(), "agreement"))
        return min(types, key=lex.order.index)

    # -- the clause -------------------------------------------------------------

    def _subject(self, head: Token) -> list[Token]:
        """What it is about: "on semiconductor trade", "over patent rights to a blood test": the
        first subject preposition a few words after the head (not before a date), up to the
        next punctuation, relative word, finite verb or agreement word."""
        doc = head.doc
        stop = head.sent.end
        i = head.i + 1
        while i < stop and doc[i].is_space:
            i += 1
        if i < stop and doc[i].tag_ == "VBG" and doc[i].dep_ == "acl":
            return self._subject_words(doc, i, stop)  # "a law capping gas bills"
        while i < min(stop, head.i + self.settings.subject_reach):
            token = doc[i]
            if self._subject_end(token):
                return []
            if token.lower_ in self.lex.subjects and not _dated(doc, i + 1, stop):
                break
            i += 1
        else:
            return []
        return self._subject_words(doc, i, stop)

    def _subject_words(self, doc: Doc, i: int, stop: int) -> list[Token]:
        words: list[Token] = []
        for token in doc[i : min(stop, i + self.settings.max_subject_tokens)]:
            if words and self._subject_end(token):
                break
            words.append(token)
        while words and words[-1].pos_ in ("DET", "ADP", "CCONJ", "PART", "SPACE"):
            words.pop()
        return words if len(words) > 1 else []

    def _subject_end(self, token: Token) -> bool:
        return (
            (token.is_punct and token.text not in "-'’")
            or token.lower_ in _RELATIVES
            or token.tag_ in _FINITE
            or (token.lower_ in self.lex.heads and token.text.islower())  # not "... Agreement"
        )

    def _outside_parties(self, head: Token) -> list[Token]:
        """Tokens naming the sides outside the phrase: "between X and Y", "X and Y signed",
        "Japan denied breaking a pact with the U.S.", "X said in a joint statement"."""
        lex = self.lex
        sources: list[Token] = []
        chain = _nominal_chain(head)
        for token in chain:
            for child in token.children:
                if child.dep_ in ("prep", "agent") and child.lower_ in _PARTY_PREPS:
                    sources.extend(child.subtree)
        verbs = [c for c in head.children if c.dep_ in _CLAUSES and c.lemma_.lower() in lex.signing]
        top = next(t for t in reversed(chain) if t.pos_ != "ADP")
        verb = top.head.lemma_.lower()
        if top.dep_ in ("dobj", "nsubjpass") and (
            verb in lex.keeping or (_indefinite(top) and verb in lex.declaring)
        ):
            verbs.append(top.head)
        if _stated_in(top, lex.heads.get(head.lower_, "")):
            verbs.append(top.head.head)
        for verb in verbs:
            for child in _subjects(verb):
                sources.extend(child.subtree)
            for child in verb.children:
                if child.lower_ in _PARTY_PREPS and child.dep_ in ("prep", "agent"):
                    sources.extend(child.subtree)
        return sources

    def _descriptive_name(
        self, base: str, head: Token, outside: list[Token], subject: list[Token], index: DocIndex
    ) -> str:
        """Parties or place + description + subject: "Japan-U.S. pact on semiconductor trade",
        "Geneva basic accord on a new rubber agreement"."""
        # people name a statement's sides ("Chirac-Reagan joint statement"), not a treaty's
        labels = _NAME_LABELS if self._type(head, []) in _STATED else _PARTY_LABELS
        sides: list[str] = []
        seen: set[int] = set()
        lowered = base.lower()
        for token in sorted(set(outside), key=lambda t: t.i):
            ent = index.entity(token)
            if (
                ent is None
                or ent.label_ not in labels
                or ent.start in seen
                or self._names_agreement(ent)
            ):
                continue
            seen.add(ent.start)
            surface = _text(ent).removeprefix("the ").removeprefix("The ")
            if surface.lower() not in lowered and surface not in sides:
                sides.append(surface)
        words = [strip_article(base)]
        places = [_text(index.entity(t) or [t]) for t in self._place(head)]
        sides = sides or [p for p in places if p.lower() not in lowered]
        if sides:
            words.insert(0, "-".join(sides[:3]))
        if subject:
            words.append(_text(subject))
        return " ".join(words)

    def _place(self, head: Token) -> list[Token]:
        """Where it was made, for a name without parties: "reached ... in Geneva"."""
        for verb in self._clause_verbs(head):
            for prep in verb.children:
                if prep.dep_ == "prep" and prep.lower_ in ("in", "at"):
                    places = [c for c in prep.children if c.ent_type_ == "GPE"]
                    if places:
                        return places
        return []

    def _names_agreement(self, ent: Span) -> bool:
        """True for an entity that is an agreement's name ("the Rubber Agreement (INRA")."""
        return any(t.lower_ in self.lex.heads for t in ent)

    def _parties(
        self,
        tokens: list[Token],
        exclude: set[Token],
        index: DocIndex,
        within: tuple[int, int] | None = None,
    ) -> list[str]:
        """Countries and bodies among ``tokens``, one name each, in text order: entities
        ("OPEC", "Japan"; only the part ``within`` the phrase), and "the organisation" or
        "the republic's" for the last one named before."""
        found: list[str] = []
        seen: set[int] = set()
        for token in sorted(set(tokens), key=lambda t: t.i):
            if token in exclude:
                continue
            ent = index.entity(token)
            if ent is not None and within and (ent.start < within[0] or ent.end > within[1]):
                ent = None  # "the U.K. Charities act": the place, not an entity spilling over
            if ent is None and token.ent_type_ == "" and token.pos_ == "NOUN":
                ent = self._referent(token, index)
            if ent is None and token.pos_ != "PROPN":
                continue
            key = ent.start if ent is not None else token.i
            if key in seen:
                continue
            seen.add(key)
            name = self._party_name(ent, token, index)
            if name and name not in found:
                found.append(name)
        return found

    def _party_name(self, ent: Span | None, token: Token, index: DocIndex) -> str:
        text = _text(ent) if ent is not None else token.text
        if ent is not None and ent.label_ == "PERSON":
            # a leader signs for a country; a capital the model took for a person is one
            return index.countries.get(index.name(ent), "") or index.country_of(text)
        body = self.lex.organisations.get(name_key(text))
        if body or ent is None or ent.label_ not in _PARTY_LABELS:
            return body or index.country_of(text)
        if self._names_agreement(ent) or _in_title(ent):
            return ""  # "the International Rubber Agreement" is no party
        return index.country_of(text) or (index.name(ent) if ent.label_ == "ORG" else "")

    def _referent(self, token: Token, index: DocIndex) -> Span | None:
        """The entity "the organisation" or "the republic's" refers to: the last one of its kind
        named before it."""
        label = self.lex.referents.get(token.lower_)
        det = [c for c in token.children if c.dep_ == "det"]
        if label is None or not det or det[0].lower_ != "the":
            return None
        ent = index.last_before(token.i, label)
        place = index.places.lookup(ent.text) if ent is not None and label == "GPE" else None
        if label == "GPE" and (place is None or place.kind == "capital"):
            return None  # "the government" is of a country claimx knows, not of a city
        return ent

    def _mediators(
        self, head: Token, span: Span, brokers: set[Token], index: DocIndex
    ) -> list[str]:
        found = self._parties(list(brokers), set(), index)
        for token in span:  # "U.S.-brokered" as one token
            prefix, _, suffix = token.text.rpartition("-")
            country = index.country_of(prefix) if suffix.lower() in self.lex.brokering else ""
            if country and country not in found:
                found.append(country)
        return found

    def _broker_tokens(self, head: Token, span: Span) -> list[Token]:
        """Tokens naming a broker: "Moscow-brokered", "brokered by Russia"."""
        lex = self.lex
        doc = head.doc
        found: list[Token] = []
        for token in span:
            if token.lower_ in lex.brokering and token.i > span.start:
                j = token.i - 1
                if doc[j].text == "-" and j > span.start:
                    j -= 1
                found.append(doc[j])
        for child in head.children:
            if child.dep_ in ("acl", "relcl") and child.lower_ in lex.brokering:
                for grand in child.children:
                    if grand.dep_ == "agent":
                        found.extend(grand.subtree)
        for verb in [head, *self._clause_verbs(head)]:
            guarantors = any(self._as_mediator(c) for c in verb.children)
            for prep in verb.children:
                if prep.dep_ == "prep" and prep.lower_ in ("with", "under"):
                    found.extend(self._helpers(prep, guarantors))
        return found

    def _as_mediator(self, token: Token) -> bool:
        """True for "as guarantors", "as mediator"."""
        role = [c for c in token.children if c.dep_ == "pobj"]
        return token.lower_ == "as" and bool(role) and role[0].lemma_.lower() in self.lex.mediation

    def _helpers(self, prep: Token, guarantors: bool) -> list[Token]:
        """Brokers in "with the mediation of Qatar", "under the auspices of the AU",
        "with help from X", "with Russia and Turkey as guarantors"."""
        found: list[Token] = []
        for noun in (c for c in prep.children if c.dep_ == "pobj"):
            if guarantors:
                found.extend(noun.subtree)
            if noun.lemma_.lower() in self.lex.mediation:
                for inner in noun.children:
                    if inner.dep_ == "prep" and inner.lower_ in ("of", "from", "by"):
                        found.extend(inner.subtree)
            for inner in noun.children:
                if self._as_mediator(inner):
                    found.extend(t for t in noun.subtree if t.i < inner.i)
        return found

    # -- the date ---------------------------------------------------------------

    def _date(self, head: Token, span: Span, index: DocIndex) -> str:
        """When it was signed, reached or adopted: a day in the phrase, in its signing clause
        or "the signing of ... on"; else a month or year there ("last December's accord",
        "reached last year"); else its age ("the eight-month-old pact")."""
        exact = [span]
        coarse = [span]
        for verb in self._clause_verbs(head):
            if _unreal(verb):
                continue
            if verb.dep_ in ("relcl", "acl") and verb.head.i == head.i:
                clause = [c for c in verb.children if c.i != head.i]
            else:
                clause = _temporal(verb)
            exact += [_subspan(c) for c in clause]
            coarse += [_subspan(c) for c in clause]
        for token in _nominal_chain(head)[1:]:
            if token.lemma_.lower() in self.lex.signing_nouns:
                exact.append(_subspan(token))
        for spans, precise in ((exact, True), (coarse, False)):
            for part in spans:
                value = index.dates.day_within(part.start_char, part.end_char, not precise)
                if value:
                    return "" if dated_after(value, index.published) else value
        value = _week_month(index.dates, coarse) or _age(span, index)
        return "" if dated_after(value, index.published) else value

    def _clause_verbs(self, head: Token) -> list[Token]:
        """Verbs of making it: its signing relative clause, the signing verb it is object of,
        or the verb it is stated in ("the committee called ... in a resolution")."""
        signing = self.lex.signing
        verbs = [
            t
            for t in head.subtree
            if t.dep_ in _CLAUSES
            and t.lemma_.lower() in signing
            and (t.head.i == head.i or t.head.pos_ != "VERB")
        ]
        verbs += self._relative_signing(head)
        chain = _nominal_chain(head)
        top = next(t for t in reversed(chain) if t.pos_ != "ADP")
        if self._made_by(top):
            verbs.append(top.head)
        elif _stated_in(top, self.lex.heads.get(head.lower_, "")):
            verbs.append(top.head.head)
        return verbs

    def _relative_signing(self, head: Token) -> list[Token]:
        """The signing verb of a relative clause right after the phrase, read from the words
        when the parse attaches it elsewhere ("the Doha ceasefire, which the two governments
        signed on January 12")."""
        doc = head.doc
        i = head.right_edge.i + 1
        if i < len(doc) and doc[i].text == ",":
            i += 1
        if i >= len(doc) or doc[i].lower_ not in _RELATIVES:
            return []
        for token in doc[i + 1 : min(i + 1 + self.settings.relative_reach, len(doc))]:
            if token.is_punct or token.is_sent_start:
                break
            if token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in self.lex.signing:
                return [token]
        return []


def _subjects(verb: Token) -> list[Token]:
    """The verb's subject, or that of the verb it complements ("Japan denied breaking ...",
    "the group felt confident enough to call a ceasefire")."""
    for _ in range(3):
        found = [c for c in verb.children if c.dep_ in ("nsubj", "agent")]
        if found or verb.dep_ not in _RAISING | {"acomp"} or verb.head.i == verb.i:
            return found
        verb = verb.head
    return []


def _stated_in(top: Token, kind: str) -> bool:
    """True for "in a resolution", "in a joint statement": the verb says when and who."""
    return kind in _STATED and top.dep_ == "pobj" and top.head.lower_ == "in"


def _unreal(verb: Token) -> bool:
    """A clause about what may happen ("if a pact is adopted this week", "will sign on
    Monday"): its date is not when the agreement was made."""
    return any(
        (c.dep_ == "mark" and c.lower_ in _CONDITIONS) or (c.dep_ == "aux" and c.lower_ in _MODALS)
        for c in verb.children
    )


def _temporal(verb: Token) -> list[Token]:
    """The verb's date modifiers ("on Nov. 10", "last year"), also those of the verb it
    complements ("felt confident enough by June to call a ceasefire")."""
    found: list[Token] = []
    for _ in range(3):
        found += [
            c
            for c in verb.children
            if c.ent_type_ in ("DATE", "TIME")
            or (c.dep_ == "prep" and any(g.ent_type_ in ("DATE", "TIME") for g in c.children))
        ]
        if found or verb.dep_ not in ("xcomp", "acomp") or verb.head.i == verb.i:
            break
        verb = verb.head
    return found


def _subspan(token: Token) -> Span:
    return token.doc[token.left_edge.i : token.right_edge.i + 1]


def _week_month(dates: DatesByStart, spans: list[Span]) -> str:
    """The month of a week the clause names ("this week" -> 1987-03): a week is no date field."""
    for part in spans:
        for item in dates.within(part.start_char, part.end_char):
            value = str(item.get("value", ""))
            if _ISO_WEEK.match(value):
                day = dt.date.fromisocalendar(int(value[:4]), int(value[6:8]), 4)
                return day.isoformat()[:7]
    return ""


def _age(span: Span, index: DocIndex) -> str:
    """The month or year an "N-month-old" or "N-year-old" agreement was made."""
    published = index.published
    if not _ISO_DAY.match(published):
        return ""
    words = [t for t in span if not (t.is_space or t.text == "-")]
    for before, unit, after in zip(words, words[1:], words[2:], strict=False):
        if after.lower_ != "old" or unit.lemma_.lower() not in ("month", "year"):
            continue
        number = index.numbers.parse_number(before.text)
        if number is None or number != int(number) or not 0 < number < 200:
            return ""
        year, month = int(published[:4]), int(published[5:7])
        if unit.lemma_.lower() == "year":
            return str(year - int(number))
        months = year * 12 + month - 1 - int(number)
        return f"{months // 12:04d}-{months % 12 + 1:02d}"
    return ""


def _merged(*lists: list[str]) -> list[str]:
    """The names of several lists, in order, once each."""
    return list(dict.fromkeys(name for names in lists for name in names))


def _in_title(ent: Span) -> bool:
    """An organisation inside a title ("Minister of Digital Development") names no side."""
    root = ent.root
    return root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.pos_ == "PROPN"


def _common_sides(tokens: list[Token]) -> list[str]:
    """The sides "between producers and consumers" names with common nouns."""
    sides: list[str] = []
    for token in tokens:
        paired = token.dep_ == "conj" or any(c.dep_ == "conj" for c in token.children)
        if token.pos_ == "NOUN" and not token.ent_type_ and paired:
            link = token.head if token.dep_ == "pobj" else token.head.head
            if link.lower_ in ("between", "among") and token.text not in sides:
                sides.append(token.text)
    return sides


def _text(tokens: Span | list[Token]) -> str:
    """The words of a phrase on one line (wire copy breaks lines inside sentences)."""
    if isinstance(tokens, Span):
        return " ".join(tokens.text.split())
    if not tokens:
        return ""
    doc = tokens[0].doc
    return " ".join(doc[tokens[0].i : tokens[-1].i + 1].text.split())


def strip_article(name: str) -> str:
    """``name`` without a leading article ("the Paris accord" -> "Paris accord")."""
    words = name.split()
    if words and words[0].lower() in _DEFINITE | _INDEFINITE:
        words = words[1:]
    return " ".join(words)


def _before(doc: Doc, i: int, floor: int) -> int:
    """Index of the last non-space token before ``i`` and not before ``floor``; -1 if none."""
    j = i - 1
    while j >= floor and doc[j].is_space:
        j -= 1
    return j if j >= floor else -1


def _dated(doc: Doc, i: int, stop: int) -> bool:
    """True when the next word from ``i`` starts a date or time ("on Monday", "for two years")."""
    while i < stop and (doc[i].is_space or doc[i].pos_ == "DET"):
        i += 1
    return i < stop and doc[i].ent_type_ in ("DATE", "TIME")


def _title_word(token: Token, index: DocIndex) -> bool:
    """A capitalised word of a law's title that is no place or person ("Companies")."""
    return (
        token.text[:1].isupper()
        and token.pos_ == "PROPN"
        and token.ent_type_ not in ("GPE", "NORP", "PERSON", "LOC")
        and index.places.lookup(token.text) is None
    )


def _proper_words(span: Span) -> str:
    """The capitalised words of a description that are not places, dates or brokers
    ("the Lake Victoria fishing pact" -> "Lake Victoria")."""
    return " ".join(
        t.text
        for t in span
        if t.text[:1].isupper()
        and not t.is_sent_start
        and t.ent_type_ not in ("GPE", "NORP", "DATE", "TIME")
        and not t.lower_.endswith(_BROKERED)
    )


def _drop_weak(name: str, weak: frozenset[str]) -> str:
    """A proper name without the words before it that only qualify ("new")."""
    words = name.split()
    while len(words) > 1 and words[0] in weak:
        words = words[1:]
    return " ".join(words)


def _indefinite(noun: Token) -> bool:
    """True for "a ceasefire", "any accord"."""
    return any(c.dep_ == "det" and c.lower_ in _INDEFINITE for c in noun.children)


def _is_definite(det: Token | None) -> bool:
    return det is not None and det.lower_ in _DEFINITE


def _nominal(head: Token) -> bool:
    """True for a head word used as a noun, also when tagged a verb ("a ceasefire deal")."""
    if head.pos_ in ("NOUN", "PROPN"):
        return True
    doc = head.doc
    before = doc[head.i - 1] if head.i > 0 else None
    after = doc[head.i + 1].lower_ if head.i + 1 < len(doc) else ""
    return (
        head.pos_ == "VERB"
        and head.lower_ == head.lemma_.lower()  # "a ceasefire deal", not "voters dealt"
        and before is not None
        and before.pos_ in ("DET", "ADJ", "NOUN")
        and after not in ("with", "in")
    )


def _title_part(token: Token) -> bool:
    """A word of a title before its head ("Trilateral", "Paris", "UN", "2334")."""
    if (token.is_sent_start and token.pos_ != "PROPN") or token.lower_.endswith(_BROKERED):
        return False
    return (token.text[:1].isupper() and token.pos_ in ("PROPN", "ADJ", "NOUN")) or (
        token.text == "-" and token.i > 0 and token.doc[token.i - 1].text[:1].isupper()
    )


def _title_tail(doc: Doc, end: int) -> int:
    """Extend a title over "of/on the Capitalised Words" ("Treaty on the Non-Proliferation ...")."""
    last = end
    i = end
    while i < len(doc) and i < end + 12:
        token = doc[i]
        if token.ent_type_ in _NOT_TITLE:
            break
        if token.text[:1].isupper() or token.text == "-":
            last = i + 1
        elif token.lower_ not in _CONNECTORS:
            break
        i += 1
    return last if last > end and doc[end].lower_ in _CONNECTORS else end


def _excluded(span: Span, excluded: frozenset[str]) -> bool:
    text = " ".join(span.text.lower().split())
    return any(text == phrase or text.endswith(phrase) for phrase in excluded)


def _nominal_chain(head: Token) -> list[Token]:
    """``head`` and the nouns and prepositions it hangs from ("signing of the Statement")."""
    chain = [head]
    token = head
    while token.dep_ in ("pobj", "prep", "compound", "appos", "conj") and token.head.i != token.i:
        token = token.head
        if token.pos_ not in ("NOUN", "PROPN", "ADP"):
            break
        chain.append(token)
    return chain


def _capital(token: Token, index: DocIndex) -> bool:
    """A capital naming the agreement ("the Minsk agreements") is where, not who."""
    ent = index.entity(token)
    place = index.places.lookup(ent.text if ent is not None else token.text)
    return place is not None and place.kind == "capital"
