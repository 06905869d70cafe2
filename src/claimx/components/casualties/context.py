"""Context: each count's cause, place (dateline, lede, sentence) and period."""

from __future__ import annotations

import re
from bisect import bisect_left
from datetime import date as date_type
from datetime import timedelta

from spacy.tokens import Doc, Span, Token

from claimx.components.casualties.lexicon import Vocabulary
from claimx.components.casualties.records import Record, Settings
from claimx.components.extensions import DATES, ENTITIES, PUBLISHED, get_list
from claimx.normalize.calendar_days import DatesByStart

_PLACE_ENTS = ("GPE", "LOC", "FAC")
_SPOT = 9  # rank of an unnamed place ("the border area"), below every named one
_AT_PLACE = {"in", "at", "near", "on", "outside"}
_AREA_WORDS = {"district", "province", "region", "county", "state", "governorate", "oblast"}


class ContextReader:
    """Fills in each count's cause, place and period."""

    def __init__(self, words: Vocabulary, settings: Settings) -> None:
        self.words = words
        self.lex = words.lex
        self.settings = settings

    def fill(self, doc: Doc, records: list[Record]) -> None:
        """Fill cause, location, since and until from each count's sentence, else from the
        sentence before it in the same paragraph; cause and place, failing both, from the
        article's main event (its dateline, its lede)."""
        periods = _Periods(DatesByStart(get_list(doc, DATES)), str(doc._.get(PUBLISHED) or ""))
        mentions = _Mentions(doc, self.settings.dateline_window)
        by_sentence: dict[int, tuple[list, list, tuple[str, str]]] = {}
        previous: Record | None = None
        main: tuple[str, str] | None = None
        for record in records:
            sent = record.sentence
            if sent.start not in by_sentence:
                by_sentence[sent.start] = (
                    self._causes(sent),
                    self._places(sent, mentions),
                    periods.of(sent),
                )
            causes, places, (since, until) = by_sentence[sent.start]
            cause = _best_cause(causes, record.head)
            spot, named = _nearest(places, record.head)
            record.cause, record.place = cause, named
            record.since, record.until = since, until
            if previous is not None and _adjacent(doc, previous.sentence, sent):
                record.cause = cause or previous.cause
                record.place = named or previous.place
                if not (since or until):
                    record.since, record.until = previous.since, previous.until
            if not record.cause or not record.place:
                main = main or self._main_event(doc, mentions)
                record.cause = record.cause or main[0]
                record.place = record.place or main[1]
            parts = [spot] if spot and spot != record.place else []
            record.location = ", ".join([*parts, record.place] if record.place else parts)
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
            if token.pos_ != "NOUN" or token.lemma_.lower() not in self.words.cause_heads:
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

    def __init__(self, dates: DatesByStart, published: str) -> None:
        self.dates = dates
        self.published = published[:10]

    def of(self, sent: Span) -> tuple[str, str]:
        """``(since, until)`` for the counts of ``sent``; empty strings when it states none."""
        doc = sent.doc
        inside = self.dates.within(sent.start_char, sent.end_char)
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


def _adjacent(doc: Doc, first: Span, second: Span) -> bool:
    """True when two sentences are the same or consecutive in one paragraph."""
    if first.start == second.start:
        return True
    last = doc[first.end - 1]
    return second.start == first.end and "\n" not in last.text + last.whitespace_
