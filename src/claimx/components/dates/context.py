"""What the document around a date tells: named days it defines, the day a quotation was
said, the day and quarter under discussion, titles that only look like dates."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from claimx.components.dates.records import Candidate, DocContext, Resolved, Value
from claimx.components.dates.tense import tense_at
from claimx.normalize import timex

_NAMED_DAY_STOP = {
    "day",
    "international",
    "world",
    "national",
    "global",
    "the",
    "of",
    "for",
    "and",
    "in",
    "on",
}
_NAMED_DAY_MENTION = re.compile(r"(?:[A-Z][\w'’-]*\s+){1,5}Day\b")
_QUOTES = re.compile(r"[\"“]([^\"“”]{2,}?)[\"”]")
_SENTENCE_END = re.compile(r"[.!?](?:\s|$)|\n")
_WORD = re.compile(r"[A-Za-z]+")
_QUARTER_VALUE = re.compile(r"\d{4}-Q\d")
_DAY_VALUE = re.compile(r"\d{4}-\d\d-\d\d")
_POINT_VALUE = re.compile(r"(\d{4})(?:-(\d\d))?(?:-\d\d)?(?:T|$)")


# -- statements dated by their attribution ----------------------------------------------------


def reanchor_quotes(
    found: list[Resolved],
    ctx: DocContext,
    value_of: Callable[[Candidate, DocContext], Value | None],
) -> None:
    """Re-resolve the dates inside a quotation whose attribution gives the statement's day."""
    text = ctx.text
    days = [
        (r.candidate.start, r.candidate.end, r.value)
        for r in found
        if r.type == "DATE" and is_day(r.value)
    ]
    for quote in _QUOTES.finditer(text):
        when = _statement_day(quote, days, ctx)
        if when is None or when == ctx.anchor:
            continue
        inner = [
            r for r in found if quote.start() < r.candidate.start and r.candidate.end < quote.end()
        ]
        if not inner:
            continue
        sub = ctx.reanchored(when)
        for resolved in inner:
            value = value_of(resolved.candidate, sub)
            if value is not None:
                resolved.type, resolved.value = value


def _statement_day(
    quote: re.Match[str], days: list[tuple[int, int, str]], ctx: DocContext
) -> date | None:
    """The day given in the attribution right after (or before) a quotation, if any."""
    text = ctx.text
    after_end = _SENTENCE_END.search(text, quote.end())
    after = (quote.end(), after_end.end() if after_end else len(text))
    line_start = max(text.rfind("\n", 0, quote.start()), text.rfind(". ", 0, quote.start()) + 1)
    before = (line_start, quote.start())
    speech = set(ctx.lex.words["speech_verbs"])
    for lo, hi in (after, before):
        if hi - lo > ctx.windows.attribution_window:
            continue
        tokens = ctx.doc[ctx.token(lo).i : ctx.token(hi).i + 1]
        if not any(t.lemma_.lower() in speech for t in tokens):
            continue
        for start, end, value in days:
            if lo <= start and end <= hi:
                return date.fromisoformat(value)
    return None


# -- named days -------------------------------------------------------------------------------


def learn_named_days(ctx: DocContext) -> dict[frozenset[str], tuple[int, int]]:
    """Names the article itself dates: "declared 4 April as International Day for ..."."""
    learned = {}
    for match in ctx.lex.named_day_definition.finditer(ctx.text):
        month = ctx.lex.months[match.group("month").lower().rstrip(".")]
        key = frozenset(content_words(match.group("name")))
        if key:
            learned[key] = (month, int(match.group("day")))
    return learned


def named_day_mentions(ctx: DocContext) -> list[tuple[int, int]]:
    """Spans of the named days the article has dated ("International Day of ...")."""
    if not ctx.named_days:
        return []
    spans = []
    for match in _NAMED_DAY_MENTION.finditer(ctx.text):
        words = content_words(match.group())
        if words and any(words <= key for key in ctx.named_days):
            spans.append(match.span())
    return spans


def named_day_value(cand: Candidate, ctx: DocContext) -> Value | None:
    """The day a named-day mention refers to, the nearest occurrence of its date."""
    words = content_words(ctx.text[cand.start : cand.end])
    for key, (month, day) in ctx.named_days.items():
        if words <= key and ctx.anchor is not None:
            rule = {"date": f"{month:02d}-{day:02d}"}
            when = timex.nearest_occurrence(ctx.anchor, rule, tense_at(ctx, cand.start))
            return "DATE", when.isoformat()
    return None


def defines_named_day(match: re.Match[str], ctx: DocContext) -> bool:
    """Whether a month-day is the date a named day is declared on ("4 April as ... Day")."""
    return bool(ctx.lex.named_day_definition.match(match.string, match.start()))


def marked_day(ctx: DocContext, start: int) -> date | None:
    """The day "today" names when its sentence marks a named day the article dates."""
    if ctx.anchor is None:
        return None
    words = content_words(ctx.token(start).sent.text)
    for key, (month, day) in ctx.named_days.items():
        if key <= words:
            rule = {"date": f"{month:02d}-{day:02d}"}
            return timex.nearest_occurrence(ctx.anchor, rule, "")
    return None


def content_words(name: str) -> frozenset[str]:
    """The words that identify a named day (``"World Health Day"`` -> ``{"health"}``)."""
    words = (w.lower() for w in _WORD.findall(name))
    return frozenset(w.rstrip("s") for w in words if w not in _NAMED_DAY_STOP)


# -- the day and quarter under discussion ------------------------------------------------------


def nearby_day(ctx: DocContext, start: int) -> str | None:
    """The day mentioned in this or the previous sentence, else the publication day."""
    token = ctx.token(start)
    sent = token.sent
    first = sent.start_char
    if sent.start > 0:
        first = ctx.doc[sent.start - 1].sent.start_char
    if ctx.last_day is not None and first <= ctx.last_day_at < start:
        return ctx.last_day.isoformat()
    return ctx.anchor.isoformat() if ctx.anchor else None


def is_day(value: str) -> bool:
    """Whether a TIMEX3 value is a calendar day (``YYYY-MM-DD``)."""
    return bool(_DAY_VALUE.fullmatch(value))


def remember(ctx: DocContext, cand: Candidate, value: str, text: str) -> None:
    """Keep the last quarter and the last calendar day mentioned, for later relative dates.

    Year-shifted references ("a year earlier", "the year-ago quarter", "the 1988 period")
    are not kept: the quarter under discussion stays the current one.
    """
    if cand.rule == "quarter" and _QUARTER_VALUE.fullmatch(value):
        if ctx.anchor is not None and value >= timex.shift(ctx.anchor, "Q", 0):
            return
        if ctx.last_quarter is not None and value[:4] < ctx.last_quarter[1][:4]:
            return  # a comparison with an earlier year
        if not re.search(r"year-(?:ago|earlier|before)", text, re.IGNORECASE):
            ctx.last_quarter = (cand.start, value)
    elif is_day(value[:10]):
        ctx.last_day = date.fromisoformat(value[:10])
        ctx.last_day_at = cand.start
    if point := _POINT_VALUE.match(value):
        ctx.last_year = date(int(point.group(1)), 1, 1)
        if point.group(2):
            ctx.last_month = date(int(point.group(1)), int(point.group(2)), 1)


def in_a_title(ctx: DocContext, cand: Candidate) -> bool:
    """Whether a capitalised unit word mid-sentence makes the span a name ("This Week", "60
    Minutes", "High Noon"); headlines, where every word is capitalised, are exempt."""
    words = _WORD.findall(ctx.text, cand.start, cand.end)
    if not words or not words[-1].istitle() or words[-1].lower() not in ctx.lex.title_units:
        return False
    token = ctx.token(cand.end - 1)
    sent = token.sent
    if token.i == sent.start:
        return False
    alpha = [t for t in sent if t.is_alpha]
    return sum(t.is_title for t in alpha) < 0.6 * len(alpha)
