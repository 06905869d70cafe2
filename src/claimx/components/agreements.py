"""Agreements: treaties, ceasefires, joint statements, resolutions, laws.

Writes ``doc._.claimx_agreements``: a list of dicts ``{"name", "type", "date",
"parties": [str], "mediators": [str], "mentions": [{"start", "end"}]}``. With a
gazetteer configured, a record that matches a known agreement also carries
``"canonical_name"`` and ``"gazetteer_id"``.

Mentions are found by name ("the Trilateral Statement", "Resolution 2334", "the
Minsk agreements") and by description ("a Moscow-brokered ceasefire deal that
Baku and Yerevan signed on November 10"). Each mention gets a type, the date
signed stated in its clause, parties (countries, via
:func:`claimx.normalize.places.country_of`) and mediators ("Moscow-brokered");
mentions of one agreement (same name, same date, or a definite description
after it: "the signed agreement") become one record. The head words and types
are data: ``models/agreements/types.json``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from claimx.components.extensions import AGREEMENTS, DATES, PUBLISHED, get_list
from claimx.gazetteer import BUILTIN, Gazetteer, load_agreements, load_builtin
from claimx.normalize.calendar_days import day_in_range
from claimx.normalize.names import name_key
from claimx.normalize.places import country_of, lookup
from claimx.resources import load_json, model_path

TYPES_FILE = "agreements/types.json"
_DEFINITE = {"the", "this", "that", "these", "those"}
_INDEFINITE = {"a", "an"}
_PARTY_PREPS = {"by", "between", "among", "with"}
_PLACE_LABELS = {"GPE", "NORP"}
_CLAUSES = {"relcl", "acl", "ccomp"}
_BROKERED = ("-brokered", "-mediated", "-backed", "-sponsored")
_CONNECTORS = {"of", "on", "for", "the", "and", "to", "against", "between"}
_NOT_NAME = {"DATE", "TIME", "CARDINAL", "MONEY", "ORDINAL", "PERCENT"}
_NOT_TITLE = {"DATE", "TIME", "GPE", "CARDINAL", "MONEY"}


@dataclass(frozen=True)
class AgreementLexicon:
    """The word lists the tagger reads, from ``models/agreements/types.json``."""

    heads: dict[str, str]
    modifiers: dict[str, str]
    order: tuple[str, ...]
    descriptions: frozenset[str]
    needs_modifier: frozenset[str]
    needs_signing: frozenset[str]
    named_only: frozenset[str]
    signing: frozenset[str]
    brokering: frozenset[str]
    excluded: frozenset[str]
    not_before: frozenset[str]


@cache
def lexicon() -> AgreementLexicon:
    """Load the agreement lexicon once per process."""
    data = load_json(TYPES_FILE)
    return AgreementLexicon(
        heads=data["heads"],
        modifiers=data["modifiers"],
        order=tuple(data["type_order"]),
        descriptions=frozenset(data["descriptions"]),
        needs_modifier=frozenset(data["needs_modifier"]),
        needs_signing=frozenset(data["needs_signing"]),
        named_only=frozenset(data["named_only"]),
        signing=frozenset(data["signing"]),
        brokering=frozenset(data["brokering"]),
        excluded=frozenset(data["not_agreements"]),
        not_before=frozenset(data["not_before"]),
    )


@Language.factory(
    "claimx_agreements", default_config={"gazetteer": "", "builtin_gazetteer": BUILTIN}
)
def make_agreements(
    nlp: Language, name: str, gazetteer: str, builtin_gazetteer: str
) -> AgreementTagger:
    """Create the ``claimx_agreements`` component.

    Args:
        gazetteer: path of a user's CSV of known agreements (see :mod:`claimx.gazetteer`),
            added on top of the built-in one; ``""`` for none.
        builtin_gazetteer: the JSONL gazetteer claimx ships (a path under ``models/`` or
            an absolute one); ``""`` for none.
    """
    return AgreementTagger(nlp, name, gazetteer=gazetteer, builtin_gazetteer=builtin_gazetteer)


@dataclass
class _Mention:
    """One mention of an agreement with what its clause says about it."""

    start: int  # character offsets
    end: int
    name: str
    named: bool
    definite: bool
    anaphor: bool  # "the agreement", "the Batken deal": links to one introduced before
    type: str
    date: str = ""
    parties: list[str] = field(default_factory=list)
    mediators: list[str] = field(default_factory=list)


class AgreementTagger:
    """Finds cited agreements and links every mention of the same one."""

    def __init__(
        self, nlp: Language, name: str, gazetteer: str = "", builtin_gazetteer: str = BUILTIN
    ) -> None:
        self.name = name
        self.lex = lexicon()
        builtin = load_builtin(model_path(builtin_gazetteer)) if builtin_gazetteer else []
        self.known = Gazetteer(builtin + (load_agreements(gazetteer) if gazetteer else []))
        self.head_hashes = frozenset(nlp.vocab.strings.add(h) for h in self.lex.heads)

    def __call__(self, doc: Doc) -> Doc:
        mentions = [m for m in (self._mention(t) for t in self._heads(doc)) if m is not None]
        if mentions:
            self._date_mentions(doc, mentions)
        records = _link(mentions, self.lex.order)
        published = str(doc._.get(PUBLISHED) or "")
        for record in records:
            names = record.pop("_named")
            match = self.known.link(record, names, published) if self.known else None
            if match is not None:
                record["canonical_name"] = match.name
                record["gazetteer_id"] = match.id
        doc._.set(AGREEMENTS, records)
        return doc

    def _heads(self, doc: Doc) -> list[Token]:
        """Tokens whose lower-cased form is an agreement head word."""
        hashes = self.head_hashes
        return [t for t in doc if t.lower in hashes or t.lemma in hashes]

    # -- one mention ------------------------------------------------------------

    def _mention(self, head: Token) -> _Mention | None:
        lex = self.lex
        doc = head.doc
        if not self._nominal(head) or (head.i + 1 < len(doc) and self._compound(doc, head)):
            return None
        start = head.i
        while start > 0 and _title_part(doc[start - 1]):
            start -= 1
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
            named = word not in lex.named_only and lex.heads.get(word) != "statement"
        left = self._description_start(head, start)
        if any(t.lower_ in lex.not_before for t in doc[min(start, left) : end]):
            return None
        det = doc[left - 1] if left > 0 else None
        definite = det is not None and det.lower_ in _DEFINITE
        described = "new" if named else self._described(head, left, definite)
        if described is None:
            return None
        with_det = det is not None and det.pos_ == "DET" and not named
        span = doc[left - 1 if with_det else (start if named else left) : end]
        if span.text.lower() in lex.excluded or _excluded(span, lex.excluded):
            return None
        name_span = doc[min(start, left) : end]
        return _Mention(
            start=span.start_char,
            end=span.end_char,
            name=name_span.text,
            named=named,
            definite=definite or (not named and det is None),
            anaphor=described == "anaphor" or (named and definite and head.text.islower()),
            type=self._type(head, doc[min(start, left) : head.i]),
            parties=self._parties(head, doc[min(start, left) : end]),
            mediators=self._mediators(head, doc[min(start, left) : end]),
        )

    def _nominal(self, head: Token) -> bool:
        """True for a head word used as a noun, also when tagged a verb ("a ceasefire deal")."""
        if head.pos_ in ("NOUN", "PROPN"):
            return True
        doc = head.doc
        before = doc[head.i - 1] if head.i > 0 else None
        after = doc[head.i + 1].lower_ if head.i + 1 < len(doc) else ""
        return (
            head.pos_ == "VERB"
            and before is not None
            and before.pos_ in ("DET", "ADJ", "NOUN")
            and after not in ("with", "in")
        )

    def _compound(self, doc: Doc, head: Token) -> bool:
        """True when ``head`` only modifies the next noun ("ceasefire deal", "treaty talks")."""
        following = doc[head.i + 1]
        if following.lower_ in self.lex.heads:
            return True
        return head.dep_ == "compound" and following.pos_ in ("NOUN", "PROPN")

    def _description_start(self, head: Token, start: int) -> int:
        """First token of a description's modifiers ("Moscow-brokered ceasefire deal")."""
        doc = head.doc
        left = start
        while left > head.sent.start:
            token = doc[left - 1]
            if token.dep_ in ("compound", "amod", "nmod", "npadvmod") or token.text == "-":
                left -= 1
                continue
            if token.ent_type_ == "DATE" and token.pos_ in ("NUM", "PROPN"):
                left -= 1
                continue
            if token.pos_ in ("ADJ", "PROPN", "VERB", "NOUN", "NUM") and token.head.i >= head.i:
                left -= 1
                continue
            break
        return left

    def _described(self, head: Token, left: int, definite: bool) -> str | None:
        """How a lower-case head names an agreement: ``"new"`` when described (signed,
        brokered, typed), ``"anaphor"`` for a bare definite one ("the agreement"), else None."""
        lex = self.lex
        word = head.lemma_.lower()
        if head.lower_ not in lex.descriptions and word not in lex.descriptions:
            return None
        doc = head.doc
        modifiers = {t.lower_ for t in doc[left : head.i]}
        typed = bool(modifiers & set(lex.modifiers)) or bool(modifiers & lex.brokering)
        typed = typed or any(m.endswith(_BROKERED) for m in modifiers)
        signed = any(t.lemma_.lower() in lex.signing for t in doc[left : head.i])
        signed = signed or any(
            c.dep_ in _CLAUSES and c.lemma_.lower() in lex.signing for c in head.children
        )
        signed = signed or (
            head.head.lemma_.lower() in lex.signing and head.dep_ in ("dobj", "nsubjpass")
        )
        if word in lex.needs_signing:
            return "anaphor" if definite and signed else None
        if word in lex.needs_modifier:
            joint = typed and bool(modifiers & {"joint", "trilateral", "bilateral"})
            return "new" if joint or signed else None
        if typed or signed or (definite and word in ("ceasefire", "truce", "armistice")):
            return "new"
        return "anaphor" if definite else None

    def _type(self, head: Token, modifiers: Span) -> str:
        lex = self.lex
        types = [lex.modifiers[t.lower_] for t in modifiers if t.lower_ in lex.modifiers]
        types.append(lex.heads.get(head.lower_) or lex.heads.get(head.lemma_.lower(), "agreement"))
        return min(types, key=lex.order.index)

    def _parties(self, head: Token, span: Span) -> list[str]:
        """Countries that made it: "by the leaders of X, Y and Z", "that X and Y signed"."""
        lex = self.lex
        # a capital naming the agreement ("the Minsk agreements") is where, not who
        sources: list[Token] = [
            t for t in span if t.i < head.i and t.lower_ not in lex.brokering and not _capital(t)
        ]
        chain = _nominal_chain(head)
        for token in chain:
            for child in token.children:
                if child.dep_ in ("prep", "agent") and child.lower_ in _PARTY_PREPS:
                    sources.extend(child.subtree)
        verbs = [c for c in head.children if c.dep_ in _CLAUSES]
        top = chain[-1]
        if top.dep_ in ("dobj", "nsubjpass") and top.head.lemma_.lower() in lex.signing:
            verbs.append(top.head)
        for verb in verbs:
            if verb.lemma_.lower() not in lex.signing:
                continue
            for child in verb.children:
                if child.dep_ in ("nsubj", "agent") or child.lower_ in _PARTY_PREPS:
                    sources.extend(child.subtree)
        return _countries(sources, exclude=set(self._broker_tokens(head, span)))

    def _mediators(self, head: Token, span: Span) -> list[str]:
        found = _countries(self._broker_tokens(head, span), exclude=set())
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

    # -- dates ----------------------------------------------------------------

    def _date_mentions(self, doc: Doc, mentions: list[_Mention]) -> None:
        """The date signed: a calendar day in the mention's clause."""
        dates = get_list(doc, DATES)
        for mention in mentions:
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is None:
                continue
            head = span.root
            chain = _nominal_chain(head)
            region = list(chain[-1].subtree)
            top = chain[-1]
            if top.dep_ in ("dobj", "nsubjpass") and top.head.lemma_.lower() in self.lex.signing:
                for child in top.head.children:
                    if child.dep_ in ("prep", "npadvmod") and child.i > top.i:
                        region.extend(child.subtree)
            start = min(t.idx for t in region)
            end = max(t.idx + len(t) for t in region)
            # a day anywhere in the clause; a bare year or month only in the mention itself
            mention.date = day_in_range(dates, start, end) or day_in_range(
                dates, mention.start, mention.end, coarse=True
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
    text = span.text.lower()
    return any(text.endswith(phrase) for phrase in excluded)


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


def _countries(tokens: list[Token], exclude: set[Token]) -> list[str]:
    """Countries named by GPE/NORP entities among ``tokens``, in text order, once each."""
    found: list[str] = []
    seen_ents: set[int] = set()
    for token in sorted(set(tokens), key=lambda t: t.i):
        if token in exclude:
            continue
        if token.ent_type_ in _PLACE_LABELS or token.pos_ == "PROPN":
            ent = _entity(token)
            key = ent.start if ent is not None else token.i
            if key in seen_ents:
                continue
            seen_ents.add(key)
            country = country_of(ent.text if ent is not None else token.text)
            if country and country not in found:
                found.append(country)
    return found


def _capital(token: Token) -> bool:
    ent = _entity(token)
    place = lookup(ent.text if ent is not None else token.text)
    return place is not None and place.kind == "capital"


def _entity(token: Token) -> Span | None:
    if not token.ent_type_:
        return None
    for ent in token.doc.ents:
        if ent.start <= token.i < ent.end:
            return ent
    return None


def _link(mentions: list[_Mention], order: tuple[str, ...]) -> list[dict[str, Any]]:
    """One record per agreement: same name, same date, or a definite description after it."""
    records: list[dict[str, Any]] = []
    for mention in mentions:
        record = _antecedent(mention, records, order)
        if record is None and mention.anaphor and not mention.named:
            continue
        if record is None:
            record = {
                "name": "",
                "type": mention.type,
                "date": "",
                "parties": [],
                "mediators": [],
                "mentions": [],
                "_named": set(),
            }
            records.append(record)
        _merge(record, mention, order)
    return records


def _antecedent(
    mention: _Mention, records: list[dict[str, Any]], order: tuple[str, ...]
) -> dict[str, Any] | None:
    key = _name_key(mention.name)
    for record in records:
        if mention.named and key in record["_named"]:
            return record
    if mention.date:
        for record in records:
            if record["date"] == mention.date:
                return record
    if mention.definite and (mention.anaphor or not mention.named):
        for record in reversed(records):
            if _compatible(record["type"], mention.type) and not (
                mention.date and record["date"] and mention.date != record["date"]
            ):
                return record
    return None


def _compatible(a: str, b: str) -> bool:
    """Types one agreement can carry in different mentions."""
    fixed = {"law", "resolution", "convention", "memorandum"}
    return a == b or "agreement" in (a, b) or not ({a, b} & fixed)


def _merge(record: dict[str, Any], mention: _Mention, order: tuple[str, ...]) -> None:
    if mention.named:
        if not record["_named"]:
            record["name"] = _strip_article(mention.name)
        record["_named"].add(_name_key(mention.name))
    elif not record["name"]:
        record["name"] = _strip_article(mention.name)
    record["type"] = min(record["type"], mention.type, key=order.index)
    record["date"] = record["date"] or mention.date
    for key in ("parties", "mediators"):
        record[key].extend(c for c in getattr(mention, key) if c not in record[key])
    record["mentions"].append({"start": mention.start, "end": mention.end})


def _strip_article(name: str) -> str:
    words = name.split()
    if words and words[0].lower() in _DEFINITE | _INDEFINITE:
        words = words[1:]
    return " ".join(words)


def _name_key(name: str) -> str:
    return name_key(_strip_article(name))
