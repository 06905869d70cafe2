"""The channel of a statement: the medium or venue as the article words it.

"said in a statement" -> "statement", "at a press conference" -> "press conference",
"in a series of tweets" -> "tweets", "in an interview with Reuters" -> "interview with
Reuters", "on the Telegram messaging app" -> "Telegram", "told Reuters" -> "Reuters",
"quoted by the Saudi Press Agency" -> "Saudi Press Agency", "tweeted" -> "Twitter".
Platforms are named as ``models/claims/speakers.json`` names them; venue phrases keep the
article's words (determiners and possessives dropped).
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from claimx.components.attribution.speakers import SpeakerWords

#: Prepositions that introduce a channel ("in a statement", "at a press conference").
CHANNEL_PREPS = frozenset({"in", "at", "during", "via", "on", "through", "over", "to", "by"})
#: Modifiers kept in a venue phrase ("press conference", "televised meeting").
KEPT_MODIFIERS = frozenset({"compound", "amod", "nmod", "nummod"})
#: Tokens a channel phrase may hold.
MAX_CHANNEL = 12
#: Cue lemmas whose object is the addressee ("told Reuters").
ADDRESSING = frozenset({"tell", "say"})


def channel_of(cue: Span, source: Token | None, outside: set[int], words: SpeakerWords) -> str:
    """The channel the cue's frame names, or "" (only tokens in ``outside``, the frame, count)."""
    lemma = cue[0].lemma_.lower()
    if lemma in words.platforms:
        return words.platforms[lemma]
    heads = [*cue, source] if source is not None else list(cue)
    for head in heads:
        for child in head.children:
            if child.i not in outside:
                continue
            found = _from_dependent(child, lemma, outside, words)
            if found:
                return found
    return ""


def _from_dependent(child: Token, lemma: str, outside: set[int], words: SpeakerWords) -> str:
    """A channel in one dependent of the cue: a prepositional phrase, an addressee, a
    participle clause ("Speaking at a press conference, ...", "Addressing reporters")."""
    if child.dep_ in ("prep", "agent") and child.lower_ in CHANNEL_PREPS:
        return _channel_noun(_object(child), words, addressee=child.dep_ == "agent")
    if child.dep_ in ("dative", "dobj") and lemma in ADDRESSING:
        return _channel_noun(child, words, addressee=True)
    if child.dep_ == "advcl" and child.tag_ == "VBG":
        for grandchild in child.children:
            if grandchild.i not in outside:
                continue
            if grandchild.dep_ == "prep" and grandchild.lower_ in CHANNEL_PREPS:
                found = _channel_noun(_object(grandchild), words, addressee=False)
            elif grandchild.dep_ == "dobj":
                found = _channel_noun(grandchild, words, addressee=False)
            else:
                continue
            if found:
                return found
    return ""


def _object(prep: Token) -> Token | None:
    """The object of a preposition."""
    return next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None)


def _channel_noun(noun: Token | None, words: SpeakerWords, *, addressee: bool) -> str:
    """The channel a noun names: a platform, a venue phrase, or (for an addressee or agent) a
    named news organisation ("told Reuters", "quoted by SPA")."""
    if noun is None or noun.right_edge.i - noun.left_edge.i >= MAX_CHANNEL:
        return ""
    modifiers = [t for t in noun.lefts if t.dep_ in KEPT_MODIFIERS]
    for token in [*modifiers, noun]:
        if token.lower_ in words.platforms:
            return words.platforms[token.lower_]
    if noun.lemma_.lower() in words.venues:
        phrase = [*modifiers, noun]
        if noun.lemma_.lower() == "interview":
            with_ = next(
                (c for c in noun.children if c.dep_ == "prep" and c.lower_ == "with"), None
            )
            if with_ is not None:
                phrase += list(with_.subtree)
        return " ".join(t.text for t in phrase if t.pos_ not in ("DET", "PRON"))
    of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    if of is not None and noun.lemma_.lower() in ("series", "number", "string", "couple"):
        return _channel_noun(_object(of), words, addressee=False)
    if addressee and noun.ent_type_ in ("ORG", "WORK_OF_ART") and noun.pos_ == "PROPN":
        names = [t for t in noun.subtree if t.ent_type_ == noun.ent_type_ and t.pos_ != "DET"]
        return " ".join(t.text for t in names)
    return ""
