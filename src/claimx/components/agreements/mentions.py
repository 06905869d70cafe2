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

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from claimx.components.agreements.lexicon import AgreementLexicon
from claimx.components.extensions import DATES, ENTITIES, get_list
from claimx.normalize.calendar_days import day_in_range
from claimx.normalize.names import name_key
from claimx.normalize.places import country_of, lookup

_DEFINITE = {"the", "this", "that", "these", "those"}
_INDEFINITE = {"a", "an", "any", "another"}
_PARTY_PREPS = {"by", "between", "among", "with"}
_PLACE_LABELS = {"GPE", "NORP"}
_PARTY_LABELS = {"GPE", "NORP", "ORG"}
_NAME_LABELS = {"GPE", "NORP", "ORG", "PERSON"}
_CLAUSES = {"relcl", "acl", "ccomp"}
_RAISING = {"xcomp", "ccomp", "advcl", "conj", "pcomp"}
_BROKERED = ("-brokered", "-mediated", "-backed", "-sponsored")
_CONNECTORS = {"of", "on", "for", "the", "and", "to", "against", "between"}
_NOT_NAME = {"DATE", "TIME", "CARDINAL", "MONEY", "ORDINAL", "PERCENT"}
_NOT_TITLE = {"DATE", "TIME", "GPE", "CARDINAL", "MONEY"}
_MODIFIER_DEPS = {"compound", "amod", "nmod", "npadvmod", "poss", "case", "nummod", "quantmod"}
_NAME_ONLY_TYPES = {"joint statement", "declaration"}
_STATED = {"resolution", "joint statement", "declaration"}
_CEASEFIRES = {"ceasefire", "cease-fire", "truce", "armistice"}
_MAX_SUBJECT_TOKENS = 12
_SUBJECT_REACH = 10
_RELATIVES = {"which", "that", "who", "whose", "whom", "where", "when"}
_FINITE = {"VBD", "VBZ", "VBP", "MD"}


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
    date: str = ""
    parties: list[str] = field(default_factory=list)
    mediators: list[str] = field(default_factory=list)

    @property
    def key(self) -> str:
        """The comparison key of a proper name ("" for a description)."""
        return name_key(strip_article(self.name)) if self.named else ""


class DocIndex:
    """Per-document lookups, built once: the entity of each token, entity names, dates."""

    def __init__(self, doc: Doc) -> None:
        self.ent_of: dict[int, Span] = {
            i: ent for ent in doc.ents for i in range(ent.start, ent.end)
        }
        self.names: dict[int, str] = {
            m["start"]: e["name"] for e in get_list(doc, ENTITIES) for m in e["mentions"]
        }
        self.dates = get_list(doc, DATES)

    def entity(self, token: Token) -> Span | None:
        return self.ent_of.get(token.i)

    def name(self, ent: Span) -> str:
        """The document-level name of an entity mention (the entities list groups them)."""
        return self.names.get(ent.start_char, ent.text.removeprefix("the ").strip())


class MentionFinder:
    """Finds agreement mentions and fills each one's type, date, parties and mediators."""

    def __init__(self, lex: AgreementLexicon, head_hashes: frozenset[int]) -> None:
        self.lex = lex
        self.head_hashes = head_hashes

    def __call__(self, doc: Doc) -> list[Mention]:
        index = DocIndex(doc)
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
            # "the Minsk agreements", but not "Pennsylvania laws" or "the BWH statement"
            word = head.lemma_.lower()
            named = word not in lex.named_only and lex.heads.get(word) not in _NAME_ONLY_TYPES
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
        brokers = set(self._broker_tokens(head, doc[first:end]))
        inside = [
            t
            for t in doc[first : head.i]
            if t.lower_ not in lex.brokering and not _capital(t, index)
        ]
        name = _text(doc[first:end])
        if not named:
            name = _descriptive_name(name, outside, subject, index)
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
            date=self._date(head, doc[first:end], index),
            parties=_parties([*inside, *outside], brokers, index),
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
            or (top.dep_ in ("dobj", "nsubjpass") and top.head.lemma_.lower() in signing)
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

    def _clause_verbs(self, head: Token) -> list[Token]:
        """Verbs of making it: its signing relative clause, or the signing verb it is object of."""
        signing = self.lex.signing
        verbs = [c for c in head.children if c.dep_ in _CLAUSES and c.lemma_.lower() in signing]
        top = _nominal_chain(head)[-1]
        if top.dep_ in ("dobj", "nsubjpass") and top.head.lemma_.lower() in signing:
            verbs.append(top.head)
        return verbs

    def _subject(self, head: Token) -> list[Token]:
        """What it is about: "on semiconductor trade", "over patent rights to a blood test": the
        first subject preposition a few words after the head (not before a date), up to the
        next punctuation, relative word, finite verb or agreement word."""
        doc = head.doc
        stop = head.sent.end
        i = head.i + 1
        while i < min(stop, head.i + _SUBJECT_REACH):
            token = doc[i]
            if self._subject_end(token):
                return []
            if token.lower_ in self.lex.subjects and not _dated(doc, i + 1, stop):
                break
            i += 1
        else:
            return []
        words: list[Token] = []
        for token in doc[i : min(stop, i + _MAX_SUBJECT_TOKENS)]:
            if words and self._subject_end(token):
                break
            words.append(token)
        return words if len(words) > 1 else []

    def _subject_end(self, token: Token) -> bool:
        return (
            (token.is_punct and token.text not in "-'’")
            or token.lower_ in _RELATIVES
            or token.tag_ in _FINITE
            or token.lower_ in self.lex.heads
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
        if top.dep_ in ("dobj", "nsubjpass") and top.head.lemma_.lower() in lex.keeping:
            verbs.append(top.head)
        stated = lex.heads.get(head.lower_) in _STATED
        if stated and top.dep_ == "pobj" and top.head.lower_ == "in":
            verbs.append(top.head.head)  # "the committee called ... in a resolution"
        for verb in verbs:
            subjects = [c for c in verb.children if c.dep_ in ("nsubj", "agent")]
            if not subjects and verb.dep_ in _RAISING:
                subjects = [c for c in verb.head.children if c.dep_ == "nsubj"]
            for child in subjects:
                sources.extend(child.subtree)
            for child in verb.children:
                if child.lower_ in _PARTY_PREPS and child.dep_ in ("prep", "agent"):
                    sources.extend(child.subtree)
        return sources

    def _mediators(
        self, head: Token, span: Span, brokers: set[Token], index: DocIndex
    ) -> list[str]:
        found = _parties(list(brokers), set(), index)
        for token in span:  # "U.S.-brokered" as one token
            prefix, _, suffix = token.text.rpartition("-")
            country = country_of(prefix) if suffix.lower() in self.lex.brokering else ""
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
        return found

    # -- the date ---------------------------------------------------------------

    def _date(self, head: Token, span: Span, index: DocIndex) -> str:
        """When it was signed, reached or adopted: a day in the phrase, its signing clause or
        "the signing of ... on"; a month or year only in the phrase or its signing clause."""
        exact: list[Token] = list(span)
        coarse: list[Token] = list(span)
        for verb in self._clause_verbs(head):
            clause = [c for c in verb.children if c.dep_ in ("prep", "npadvmod", "advmod")]
            if verb.head is head or verb.dep_ in ("relcl", "acl"):
                clause = list(verb.children)
            for child in clause:
                if child.i != head.i and child not in span:
                    exact.extend(child.subtree)
                    coarse.extend(child.subtree)
        for token in _nominal_chain(head)[1:]:
            if token.lemma_.lower() in self.lex.signing_nouns:
                exact.extend(token.subtree)
        return _date_among(index.dates, exact) or _date_among(index.dates, coarse, coarse=True)


def _date_among(dates: list[dict], tokens: list[Token], coarse: bool = False) -> str:
    """The first date ``claimx_dates`` resolved inside the tokens' character range."""
    if not tokens:
        return ""
    start = min(t.idx for t in tokens)
    end = max(t.idx + len(t) for t in tokens)
    return day_in_range(dates, start, end, coarse=coarse)


def _descriptive_name(
    base: str, outside: list[Token], subject: list[Token], index: DocIndex
) -> str:
    """Parties + description + subject: "Japan-U.S. pact on semiconductor trade"."""
    sides: list[str] = []
    seen: set[int] = set()
    lowered = base.lower()
    for token in sorted(set(outside), key=lambda t: t.i):
        ent = index.entity(token)
        if ent is None or ent.label_ not in _NAME_LABELS or ent.start in seen:
            continue
        seen.add(ent.start)
        surface = _text(ent).removeprefix("the ").removeprefix("The ")
        if surface.lower() not in lowered and surface not in sides:
            sides.append(surface)
    words = [strip_article(base)]
    if sides:
        words.insert(0, "-".join(sides[:3]))
    if subject:
        words.append(_text(subject))
    return " ".join(words)


def _parties(tokens: list[Token], exclude: set[Token], index: DocIndex) -> list[str]:
    """Countries and organisations among ``tokens``, canonical names, in text order, once each."""
    found: list[str] = []
    seen: set[int] = set()
    for token in sorted(set(tokens), key=lambda t: t.i):
        if token in exclude or not (token.ent_type_ in _PARTY_LABELS or token.pos_ == "PROPN"):
            continue
        ent = index.entity(token)
        key = ent.start if ent is not None else token.i
        if key in seen:
            continue
        seen.add(key)
        text = ent.text if ent is not None else token.text
        name = country_of(text)
        if not name and ent is not None and ent.label_ == "ORG":
            name = index.name(ent)
        if name and name not in found:
            found.append(name)
    return found


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
    place = lookup(ent.text if ent is not None else token.text)
    return place is not None and place.kind == "capital"
