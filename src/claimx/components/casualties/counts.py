"""Count phrases: numbers, vague magnitudes, named and indefinite victims, anaphors."""

from __future__ import annotations

import re

from spacy.attrs import LIKE_NUM, LOWER
from spacy.tokens import Doc, Span, Token

from claimx.components.casualties.lexicon import POSSESSIVES, PRONOUNS, SKIP_ENTS, Vocabulary
from claimx.components.casualties.records import Count, Settings

_NEST_CUES = {"including", "among", "incl"}
_PARTITIVE = {"them", "whom", "those", "these", "the"}
_TITLES = {"mrs", "mr", "miss", "sir", "rev", "det", "sgt", "the"}
_PLURAL = {"they", "both"}
_GLUED = re.compile(r"[a-z0-9.)](A|An|One)$")
_ORDINAL_VICTIMS = {"second", "third", "fourth"}
_INCREMENT_WORDS = {"more", "additional"}
_NUMBER_TOKENS = 8  # the longest number in words: "one hundred and twenty-three thousand"
_LARGE = {"hundred", "thousand", "million"}


class CountFinder:
    """Finds the phrases that could state a number of victims."""

    def __init__(self, words: Vocabulary, settings: Settings) -> None:
        self.words = words
        self.lex = words.lex
        self.settings = settings

    def find(self, doc: Doc) -> list[Count]:
        """Every count phrase that could state a number of victims, in text order."""
        counts: list[Count] = []
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
            if i < taken or not (
                like_num or lower in self.words.cue_hashes or i in persons or i < glue
            ):
                continue
            token = doc[i]
            count = None
            if token.i in persons:
                count = self._named(persons[token.i])
            elif token.lower_ in ("a", "an", "another") or token.lower_ in POSSESSIVES:
                count = self._indefinite(token, persons)
            elif token.lower_ in PRONOUNS or token.lower_ == "the":
                count = self._anaphor(token)
            elif _GLUED.search(token.text):
                count = self._glued(doc, token)
            elif (
                token.like_num or token.lower_ in self.words.vague_words or token.lower_ == "dozen"
            ):
                count = self._number(doc, token)
            elif i < glue and (token.text[:1].isupper() or doc[i - 1].lower_ == "old"):
                count = self._headline(token)
            if count is not None:
                if not count.nested and not count.anaphor:  # "including a municipal worker"
                    count.nested = self._introduced_as_part(doc, count.start)
                counts.append(count)
                taken = count.end
        return counts

    def _named(self, ent: Span) -> Count | None:
        root = ent.root
        if root.lemma_.lower() in self.lex.attackers or len(ent) > 5:
            return None
        key = ent.text.lower()
        return Count(ent.start, ent.end, root, 1.0, 1.0, single=True, key=key, proper=True)

    def _indefinite(self, det: Token, persons: dict[int, Span]) -> Count | None:
        head = det.head
        elliptic = self._elliptic(det)
        if elliptic is not None:
            return Count(det.i, elliptic.i + 1, elliptic, 1.0, 1.0, single=True)
        if det.dep_ != ("poss" if det.lower_ in POSSESSIVES else "det"):
            return None
        if not 0 < head.i - det.i <= 8 or (det.dep_ == "poss" and head.tag_ != "NN"):
            return None
        lemma = head.lemma_.lower()
        ageless = head.lower_ == "old" and any(t.lower_ == "year" for t in det.doc[det.i : head.i])
        if lemma in self.lex.attackers or not (ageless or self.words.is_person(head)):
            return None
        key = ""
        if head.dep_ == "appos" and head.head.ent_type_ == "PERSON":
            key = head.head.lower_
            for ent in persons.values():
                if ent.start <= head.head.i < ent.end:
                    key = ent.text.lower()
        group = "" if ageless else self._group_text(head)
        return Count(det.i, head.i + 1, head, 1.0, 1.0, group=group, single=True, key=key)

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

    def _anaphor(self, token: Token) -> Count | None:
        """ "He died", "the victim was pronounced dead": no new count, maybe a graver outcome."""
        head = token if token.lower_ in PRONOUNS else token.head
        if token.lower_ == "both" and token.dep_ != "det":
            head = token
        if token.lower_ in ("the", "both") and head is not token and not self.words.is_person(head):
            return None
        if token.lower_ == "the" and (token.dep_ != "det" or head.tag_ != "NN"):
            return None
        if head.lemma_.lower() in self.lex.attackers or not 0 <= head.i - token.i <= 3:
            return None
        size = 2.0 if token.lower_ in _PLURAL else 1.0
        return Count(token.i, head.i + 1, head, size, size, single=True, anaphor=True)

    def _glued(self, doc: Doc, token: Token) -> Count | None:
        """ "...abc13.comA man was shot": a title glued to the body's first word."""
        head = self._noun_after(doc, token.i + 1)
        if (
            head is None
            or not self.words.is_person(head)
            or head.lemma_.lower() in self.lex.attackers
        ):
            return None
        return Count(token.i + 1, head.i + 1, head, 1.0, 1.0, group=head.lower_, single=True)

    def _headline(self, token: Token) -> Count | None:
        """ "Man shot, killed in Feltonville": a headline's bare singular victim noun."""
        if token.tag_ not in ("NN", "NNP") or not self.words.is_person(token):
            return None
        if token.lemma_.lower() in self.lex.attackers or any(
            c.dep_ in ("det", "poss", "nummod") for c in token.children
        ):
            return None
        if token.i > 0 and (token.doc[token.i - 1].pos_ in ("DET", "ADP", "NUM")):
            return None
        return Count(token.i, token.i + 1, token, 1.0, 1.0, group=token.lower_, single=True)

    def _number(self, doc: Doc, token: Token) -> Count | None:
        lex = self.lex
        if token.ent_type_ in SKIP_ENTS:
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
        count = Count(token.i, end, doc[end - 1], low, high, "~" if low != high else "=")
        # "N of them", "N of the victims": a share of a group stated before.
        if end + 1 < len(doc) and doc[end].lower_ == "of" and doc[end + 1].lower_ in _PARTITIVE:
            head = self._noun_after(doc, end + 1)
            if head is None and doc[end + 1].lower_ in ("them", "whom", "those", "these"):
                head = doc[end + 1]
            if head is None or (head.pos_ != "PRON" and not self.words.is_person(head)):
                return None
            count.end = head.i + 1
            count.head = head
            count.group = "" if head.pos_ == "PRON" else self._group_text(head)
            count.nested = True
            return count
        head = self._group_head(doc, token, end)
        after_of = head is None and token.i > 0 and doc[token.i - 1].lower_ == "of"
        tally = token.i > 1 and doc[token.i - 2].lemma_.lower() in self.words.tally_words
        if after_of and not tally:
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
        return followed and (before.pos_ == "PROPN" or self.words.is_person(before))

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
        value = self.words.numbers.parse_number(text)
        if value is None and token.i > 0 and doc[token.i - 1].lower_ == "a":
            value = self.words.numbers.parse_number("a " + text)
        if value is None or not 1 <= value <= self.settings.max_count or value != int(value):
            return None
        first_year, last_year = self.words.years
        if first_year <= value <= last_year and "," not in text:
            return None
        return end, value, value

    def _vague(self, doc: Doc, token: Token) -> tuple[int, float, float] | None:
        """``(end token, low, high)`` of a vague magnitude at ``token`` ("dozens", "tens of
        thousands"); "tens" alone is none."""
        words = [t.lower_ for t in doc[token.i : token.i + 3]]
        if words[0] not in self.words.vague_words:
            return None
        size = 3 if words[1:2] == ["of"] and words[2:] and words[2] in self.words.vague_words else 1
        if size == 1 and words[0] == "tens":
            return None
        span = self.words.numbers.vague_range(" ".join(words[:size]))
        return (token.i + size, *span) if span else None

    def _group_head(self, doc: Doc, number: Token, end: int) -> Token | bool | None:
        """The noun a number counts; None for a bare number, False when it counts no people."""
        head: Token | None = None
        last = doc[end - 1]
        if last.dep_ == "nummod" and 0 < last.head.i - last.i <= 5:
            head = last.head
        elif end < len(doc) and doc[end].lower_ == "of" and number.lower_ in self.words.vague_words:
            head = self._noun_after(doc, end + 1)
            if head is None:
                return None
        else:
            head = self._noun_after(doc, end)
        if head is None or (head.lower_ in self.lex.states and not self.words.is_person(head)):
            return None
        if head.lemma_.lower() in self.lex.not_counts or head.lower_ in self.lex.not_counts:
            return False
        if head.lemma_.lower() in self.lex.attackers or head.lower_ in self.lex.attackers:
            return False
        if self.words.is_person(head) or head.lemma_.lower() in self.lex.nouns:
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

    def _introduced_as_part(self, doc: Doc, start: int) -> bool:
        """True when the count follows "including" or "among them", or adds to a toll
        ("four more bodies": part of the total, not a total of its own)."""
        first = self.words.qualifier_start(doc, start)
        words = [t.lower_ for t in doc[max(0, first - 2) : first]]
        if first + 1 < len(doc) and doc[first + 1].lower_ in _INCREMENT_WORDS:
            return True
        return bool(words) and (words[-1] in _NEST_CUES or words[-2:] == ["among", "them"])


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


def listed_after(doc: Doc, previous: Count, count: Count) -> bool:
    """True when ``count`` follows ``previous`` in a list ("nine Italians, seven Japanese")."""
    if count.single or previous.single:  # "One of the officers, Robert Rialmo,": a name
        return False
    between = doc[previous.end : count.start]
    return 0 < len(between) <= 2 and all(t.lower_ in (",", "and") for t in between)


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
