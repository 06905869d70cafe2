"""Outcomes: what happened to counted people (killed, injured, ...), from words and parse."""

from __future__ import annotations

from collections.abc import Iterable
from itertools import pairwise

from spacy.attrs import LOWER
from spacy.tokens import Doc, Token

from claimx.components.casualties.lexicon import SKIP_ENTS, Vocabulary
from claimx.components.casualties.records import Count, Found, Record, Settings

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
_AUX_WORDS = {
    "been", "being", "got", "get", "gets", "getting", "reportedly", "also", "all", "found",
    "later", "remain", "remains", "remained", "still",
}  # fmt: skip
_SUBORDINATORS = {"where", "when", "while", "after", "before", "because", "until", "since", "if"}
_AT_TARGETS = {"police", "officer", "deputy", "trooper", "agent", "car", "vehicle", "house", "home"}
_OBJECT_POS = {"DET", "PRON", "PROPN", "NUM", "NOUN"}
_NEGATIONS = {"not", "n't", "never", "no"}
_MODALS = {"could", "would", "may", "might", "can", "should", "nearly", "almost", "possibly"}
_INTRANSITIVE = {"die", "perish", "drown", "disappear", "flee"}
_TOLL_PREPS = {"to", "at", "of"}
_WOUNDS = {"wound", "injury"}
_FATAL_ADJECTIVES = {"deadly", "fatal"}


class OutcomeReader:
    """Reads what happened to counted people from the words and the parse around them."""

    def __init__(self, words: Vocabulary, settings: Settings) -> None:
        self.words = words
        self.lex = words.lex
        self.settings = settings

    def outcome(self, doc: Doc, count: Count) -> Found | None:
        """What happened to the counted people, from the words around the count."""
        found = self._from_modifiers(count) or self._after(doc, count) or self._before(doc, count)
        parsed = self._from_parse(count.head)
        if found is None or (parsed and graver(parsed.outcome, found.outcome)):
            return parsed
        return found

    def _from_modifiers(self, count: Count) -> Found | None:
        """ "12 wounded people", "internally displaced persons", "40 deaths"."""
        head = count.head
        lemma = head.lemma_.lower()
        if lemma in self.lex.nouns and head.pos_ == "NOUN" and count.start < head.i:
            return Found(self.lex.nouns[lemma])
        for child in head.lefts:
            if child.i >= count.start and child.dep_ == "amod":
                outcome = self.lex.states.get(child.lower_)
                if outcome:
                    return Found(outcome)
        return None

    def _after(self, doc: Doc, count: Count) -> Found | None:
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
            return Found("killed")
        if token.lower_ == "among" and i + 2 < sent_end and doc[i + 1].lower_ == "the":
            state = self.lex.states.get(doc[i + 2].lower_)  # "two of whom were among the dead"
            return Found(state) if state else None
        if token.lower_ in self.lex.fatal and i + 1 < sent_end:
            if _acts(doc[i + 1], auxiliary):
                return None
            found = self._verb(doc[i + 1], passive=True)
            return Found("killed") if found and found.outcome == "injured" else found
        state = self.lex.states.get(token.lower_)
        if state and token.pos_ in ("ADJ", "VERB", "NOUN"):
            return Found(KILLED_OR_INJURED if self._either(token, state) else state)
        if token.pos_ != "VERB":
            return self._condition(doc, i, sent_end)
        suffered = self.lex.suffered.get(token.lemma_.lower())
        if suffered:
            objects = [c for c in token.children if c.dep_ == "dobj"]
            objects += [g for c in token.children if c.dep_ == "prep" for g in c.children]
            for obj in objects:
                if obj.lemma_.lower() in suffered:
                    return Found(suffered[obj.lemma_.lower()])
            return None
        if _acts(token, auxiliary):
            return None
        return self._verb(token, passive=True)

    def _condition(self, doc: Doc, i: int, limit: int) -> Found | None:
        """ "in critical condition", "in stable condition": injured."""
        words = [t.lower_ for t in doc[i : min(i + 4, limit, len(doc))]]
        if words[:1] == ["in"] and any(w in self.lex.conditions for w in words[1:3]):
            return Found("injured")
        if words[:1] == ["in"] and any(w in self.lex.institutions for w in words[1:3]):
            return Found("injured")  # "11 were still in hospital"
        if words[:1] == ["with"] and not set(words[1:3]) & _NEGATIONS:
            for token in doc[i + 1 : min(i + 6, limit, len(doc))]:
                if token.lemma_.lower() in _WOUNDS and token.pos_ == "NOUN":
                    return Found("injured")
                if token.pos_ not in ("DET", "NUM", "ADJ", "NOUN", "PUNCT", "ADV"):
                    break
        return None

    def _before(self, doc: Doc, count: Count) -> Found | None:
        """ "killing 12", "left 3 dead", "the death toll rose to 40", "the lives of 5"."""
        first = self.words.qualifier_start(doc, count.start)
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
            return Found(outcome) if outcome else self._condition(doc, after, sent_start + 999)
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
                return Found("killed", revision=revision)
            tally = self._tally(token.head, revision)
            if tally is not None:
                return tally
            if token.lower_ == "of" and i > sent_start:
                noun = doc[i - 1].lemma_.lower()
                if noun == "life":
                    return Found("killed")
                if noun in self.lex.events and doc[i - 1].pos_ == "NOUN":
                    return Found(self.lex.events[noun])
        return None

    def _tally(self, verb: Token, revision: bool) -> Found | None:
        """ "The number of people killed rose to 23": a tally noun subject naming an outcome."""
        for subject in verb.children:
            if subject.dep_ == "nsubj" and subject.lemma_.lower() in self.lex.tallies:
                outcome = self._stated_outcome(subject.subtree)
                if not outcome:  # "... had died, but a group said its own count stood at 26"
                    sent = verb.sent
                    outcome = self._stated_outcome(t for t in sent if t.i < subject.left_edge.i)
                if outcome:
                    return Found(outcome, revision=revision)
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

    def _among(self, doc: Doc, sent_start: int, first: int) -> Found | None:
        """ "Among the dead were 11 children": part of a toll stated before."""
        words = [t.lower_ for t in doc[sent_start : min(first, sent_start + 3)]]
        if len(words) < 3 or words[0] != "among" or words[1] != "the":
            return None
        if any(t.pos_ != "AUX" for t in doc[sent_start + 3 : first]):  # "..., he said"
            return None
        outcome = self.lex.states.get(words[2])
        return Found(outcome) if outcome else None

    def _from_parse(self, head: Token) -> Found | None:
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

    def _verb(self, verb: Token, passive: bool) -> Found | None:
        """The outcome a verb states ("shot and killed", "shot dead", "fatally stabbed")."""
        lemma = verb.lemma_.lower()
        outcome = self.lex.verbs.get(lemma)
        weak = lemma in self.lex.weak
        doc = verb.doc
        following = tuple(t.lemma_.lower() for t in doc[verb.i : verb.i + 4])
        for phrase, phrase_outcome in self.lex.phrases.items():
            if following[: len(phrase)] == phrase:
                return Found(phrase_outcome)
        if outcome is None:
            return None
        if lemma in _INTRANSITIVE and not passive:
            return None
        if self._either(verb, outcome):
            return Found(KILLED_OR_INJURED)
        if any(c.lower_ in self.lex.fatal for c in verb.children):
            return Found("killed")
        for child in verb.children:
            state = self.lex.states.get(child.lower_)
            if child.dep_ in ("oprd", "acomp", "xcomp", "advmod") and state == "killed":
                return Found("killed")
            if child.dep_ == "prep" and any(g.lemma_ == "death" for g in child.children):
                return Found("killed")
            joined = child.dep_ == "conj" or (child.dep_ == "advcl" and child.i - verb.i <= 2)
            subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in child.children)
            if joined and child.pos_ == "VERB" and not _has_object(child) and not subject:
                other = self._verb(child, passive)
                if other and not other.weak and graver(other.outcome, outcome):
                    return other
        return Found(outcome, weak=weak)

    def fatal_event(self, doc: Doc, records: list[Record]) -> None:
        """A lone victim "shot" in an article about a homicide or deadly shooting was killed."""
        if any(r.outcome == "killed" for r in records):
            return
        shot = [r for r in records if r.outcome == "injured" and r.weak and r.single]
        hurt = [r for r in records if r.outcome == "injured" and not r.single]
        if len(shot) != 1 or hurt:  # the lone victim of the event, not one of the wounded
            return
        words = doc.to_array(LOWER).tolist()
        if self.words.fatal_words & set(words) or self.words.fatal_pairs & set(pairwise(words)):
            shot[0].outcome = "killed"
            return
        # "Girl shot at party dies", "the victim of a deadly Christmas Day shooting"
        head = doc[: min(len(doc), self.settings.glue_window)]
        for token in head:
            negated = any(c.dep_ == "neg" for c in token.children)
            dies = token.lemma_ == "die" and token.pos_ == "VERB" and not negated
            cause = token.head.lemma_ in self.words.cause_heads
            deadly = token.lower_ in _FATAL_ADJECTIVES and cause
            if dies or deadly:
                shot[0].outcome = "killed"
                return


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
        and following.ent_type_ not in SKIP_ENTS
    )


def _has_object(verb: Token) -> bool:
    return any(c.dep_ == "dobj" for c in verb.children)


def graver(outcome: str, than: str) -> bool:
    return SEVERITY.index(outcome) > SEVERITY.index(than)


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
