"""Tense of the clause around a date, from the base model's parse.

A partial date ("on Friday", "in March") takes its year and direction from the
tense of the clause that governs it: past, present, future, conditional or "".
"""

from __future__ import annotations

from spacy.tokens import Token

from claimx.components.dates.lexicon import DateLexicon
from claimx.components.dates.records import DocContext

_FUTURE_AUX = {"will", "'ll", "shall", "wo", "gon"}
_NARRATED_CLAUSES = frozenset({"advcl", "conj", "relcl"})
#: Prepositions that fix the direction of a partial date: "since Jan. 13", "until Nov. 16".
_PREPOSITION_TENSE = {
    "since": "past",
    "until": "future",
    "till": "future",
    "as": "future",  # "as early as Tuesday"
    "through": "",
    "to": "",
}


def tense_at(ctx: DocContext, start: int) -> str:
    """Tense of the clause governing ``start``: past, present, future, conditional or ""."""
    token = first = ctx.token(start)
    own = token.ent_iob_ != "O"
    for _ in range(10):
        if token.pos_ in ("VERB", "AUX") and token.dep_ not in ("amod", "compound"):
            tense = verb_tense(token, ctx.lex)
            if tense != "infinitive":
                return tense
            # an infinitive after a verb that does not look ahead takes its governor's tense:
            # "staged celebrations to mark the entry on Friday"
            own = False
        elif token.head is token:
            return ""
        elif token.dep_ == "pobj" and token.head.lower_ in _PREPOSITION_TENSE:
            tense = _PREPOSITION_TENSE[token.head.lower_]
            if tense == "future" and pluperfect(token.head.head):
                return "past"  # "until Thursday, they had not called him a suspect"
            return tense
        elif token.pos_ in ("NOUN", "ADJ") and not own:
            if token.dep_ == "dobj" and forward(token.head, ctx.lex):
                return verb_tense(token.head, ctx.lex)  # "has scheduled a hearing on Thursday"
            # the date qualifies a noun ("payable Dec. 7", "a June accord"): no tense applies,
            # unless a phrase after the noun is about the future ("will lead a mission in May")
            if first.dep_ in ("compound", "amod", "nmod", "poss", "npadvmod"):
                return ""
            return "future" if clause_tense(token, ctx.lex) == "future" else ""
        if token.head is token:
            return ""
        own = own and token.head.ent_iob_ == "I"
        token = token.head
    return ""


def clause_tense(token: Token, lex: DateLexicon) -> str:
    """Tense of the first verb above ``token`` (within a few steps), or ""."""
    for _ in range(6):
        if token.head is token:
            return ""
        token = token.head
        if token.pos_ in ("VERB", "AUX"):
            found = verb_tense(token, lex)
            return "" if found == "infinitive" else found
    return ""


def pluperfect(token: Token) -> bool:
    """Whether a verb has a "had" auxiliary."""
    return any(c.lower_ in ("had", "'d") and c.dep_ == "aux" for c in token.children)


def forward(token: Token, lex: DateLexicon) -> bool:
    """Whether a verb dates what it plans ("planned a rally on Saturday", "is expected Friday")."""
    return token.lemma_.lower() in lex.words["planning_verbs"]


def verb_tense(token: Token, lex: DateLexicon) -> str:
    """Tense of a verb from its tag and auxiliaries.

    A planning verb is future unless pluperfect ("had been scheduled to expire Friday"). An
    infinitive complement looks ahead ("agreed to meet on Friday"); a purpose clause or an
    infinitive after a noun returns "infinitive" (unless a directive verb governs it:
    "subpoenaed him to testify on Feb. 10") so that the caller reads its governor instead
    ("staged celebrations to mark the day on Friday", "the first countries to join on Friday").
    """
    auxes = [c for c in token.children if c.dep_ in ("aux", "auxpass")]
    words = {c.lower_ for c in auxes}
    if any(c.tag_ == "TO" for c in auxes) and token.head is not token:
        head = token.head
        if pluperfect(token) or pluperfect(head) or (head.pos_ == "ADJ" and pluperfect(head.head)):
            return "past"
        directive = head.lemma_.lower() in lex.words["directive_verbs"]
        if (token.dep_ == "advcl" or head.pos_ in ("NOUN", "PROPN")) and not (
            directive or forward(head, lex)
        ):
            return "infinitive"
        return "future"
    if words & _FUTURE_AUX or token.lower_ in _FUTURE_AUX:
        return "future"
    if "would" in words and not words & {"have", "'ve"}:
        # the future of a report ("said he would travel Thursday"): weekdays look ahead,
        # calendar dates take the nearest year (a deadline may be past: "would leave by Jan. 14")
        return "conditional"
    if forward(token, lex):
        return "past" if pluperfect(token) else "future"
    if any(c.tag_ == "VBD" for c in auxes) or token.tag_ == "VBD":
        return "past"
    if token.tag_ == "VBN" and words & {"has", "have", "'ve", "'s"}:
        return "past"
    if token.tag_ == "VBG" and words & {"is", "are", "'re", "am"}:
        return "future"
    if token.tag_ in ("VBZ", "VBP", "VB") or words & {"is", "are", "am"}:
        if not auxes and token.dep_ in _NARRATED_CLAUSES and clause_tense(token, lex) == "past":
            # "were killed when shells hit a market on Tuesday": a bare present form in a
            # clause of past narration is the past ("hit", "put", "cut" look the same)
            return "past"
        return "present"
    return ""
