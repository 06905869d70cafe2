"""Dates: temporal expressions with TIMEX3 values.

Writes ``doc._.claimx_dates``: a list of dicts
``{"start": int, "end": int, "type": "DATE|TIME|DURATION|SET", "value": str}``
with character offsets into ``doc.text``; ``value`` is resolved against
``doc._.claimx_published`` (YYYY-MM-DD or "").

Candidates come from the regular expressions in ``models/dates/patterns.json``
(filled from ``lexicon.json``); the longest match wins, and a rule's normaliser
turns it into a TIMEX3 value. The base model's parse supplies the tense that
picks the year of partial dates; anaphoric ones ("that year", "the following month",
"the previous Friday") count from the last one the article mentioned. Relative
expressions inside a quotation whose attribution carries a date ("...," she said on
April 4) are resolved against that date, and named days the article dates itself
("declared 4 April as International Day for ...") resolve to that day.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Token

from claimx.components.extensions import DATES, PUBLISHED
from claimx.normalize import timex
from claimx.normalize.numbers import parse_number
from claimx.resources import load_json

Value = tuple[str, str]  # (TIMEX3 type, value)

_FUTURE_AUX = {"will", "'ll", "shall", "wo", "gon"}
#: Prepositions that fix the direction of a partial date: "since Jan. 13", "until Nov. 16".
_NARRATED_CLAUSES = frozenset({"advcl", "conj", "relcl"})
_PREPOSITION_TENSE = {
    "since": "past",
    "until": "future",
    "till": "future",
    "as": "future",  # "as early as Tuesday"
    "through": "",
    "to": "",
}
_TIME_NOUNS = {
    "period",
    "quarter",
    "year",
    "years",
    "season",
    "fiscal",
    "budget",
    "census",
    "election",
}
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
_QUOTES = re.compile(r"[\"“]([^\"“”]{2,}?)[\"”]")
_SENTENCE_END = re.compile(r"[.!?](?:\s|$)|\n")
_WORD = re.compile(r"[A-Za-z]+")
_UNIT_CODES = {"day": "D", "week": "W", "month": "M", "year": "Y", "decade": "DE", "century": "CE"}
_SPANNING = {"past", "last", "previous", "preceding", "prior", "coming", "next"}
_QUARTER_VALUE = re.compile(r"\d{4}-Q\d")
_DAY_VALUE = re.compile(r"\d{4}-\d\d-\d\d")
_PERIOD_END = re.compile(r"\s+(?:ended|ending|that\s+ended|through|to\s+date)\b", re.IGNORECASE)
_FRACTION_OF = re.compile(
    r"\s+of\s+(?:the|its|his|her|their|our|all|a|an|this|that|these|those)\b", re.IGNORECASE
)
#: A weekday after a parenthesis that follows a clock time: "10:35 a.m. (0735 GMT) Friday".
_ASIDE_WEEKDAY = re.compile(r"\s*\([^()\n]{1,30}\)\s*,?\s*(?:on\s+)?([A-Z][a-z]+day)\b")
_POINT_VALUE = re.compile(r"(\d{4})(?:-(\d\d))?(?:-\d\d)?(?:T|$)")


@Language.factory("claimx_dates", default_config={})
def make_dates(nlp: Language, name: str) -> DateTagger:
    """Create the ``claimx_dates`` component."""
    return DateTagger(nlp, name)


@cache
def _lexicon() -> dict[str, Any]:
    return load_json("dates/lexicon.json")


def _alternation(words: list[str], dot: bool = False) -> str:
    """A regex alternation of ``words``, longest first; ``dot`` allows an abbreviation's period."""
    parts = []
    for word in sorted(words, key=len, reverse=True):
        escaped = re.escape(word).replace(r"\ ", r"\s+")
        parts.append(escaped + (r"\.?" if dot and len(word) <= 4 else ""))
    return "|".join(parts)


@cache
def _patterns() -> list[tuple[str, re.Pattern[str], list[str]]]:
    """The compiled ``(rule, regex, triggers)`` list from ``patterns.json``."""
    lex = _lexicon()
    words = lex["number_words"]
    ones, tens = words["ones"], words["tens"]
    number_words = [*ones, *words["teens"], *tens, *words["scales"]]
    compounds = [rf"{t}(?:-|\s+){o}" for t in tens for o in ones]
    vague = [*lex["vague_counts"], "half an", "half a", "a", "an"]
    fill = {
        # a year in words ("nineteen ninety-four"), as broadcast transcripts write it
        "{YEARW}": (
            r"(?P<yearw>nineteen[- ](?:{TENS})(?:[- ](?:{ONES}))?"
            r"|two thousand(?:\s+and)?(?:[- ](?:{ONES}))?)"
        ),
        "{MONTH}": rf"(?P<month>{_alternation(list(lex['months']), dot=True)})(?![\w'])",
        "{WEEKDAY}": rf"(?P<weekday>{_trie([w for w in lex['weekdays'] if len(w) > 4])})",
        "{DAY}": r"(?P<day>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?![\d:.,]\d)",
        "{YEAR2}": r"(?P<year2>1[0-9]\d\d|20\d\d)",
        "{YEAR}": r"(?P<year>1[0-9]\d\d|20\d\d)",
        "{TENS}": _trie(tens),
        "{ONES}": _trie(ones),
        "{ORDWORDS}": _trie(list(lex["ordinals"])),
        "{APPROX}": rf"{_trie(lex['approximators'])}\s+",
        "{NUM}": (
            rf"(?P<num>\d+(?:[.,]\d+)?(?:\s+1/2)?|{'|'.join(compounds)}"
            rf"|{_trie([*number_words, *vague])})"
        ),
        "{UNITS}": _trie([u for u in lex["units"] if not u.startswith("weekend")]),
        "{REFS}": _trie(list(lex["refs"])),
        "{HOLIDAYS}": _trie(list(_holidays())).replace("'", "['\u2019]"),
    }
    compiled = []
    for item in load_json("dates/patterns.json")["patterns"]:
        pattern = item["pattern"]
        for key, value in fill.items():
            pattern = pattern.replace(key, value)
        compiled.append((item["rule"], re.compile(pattern, re.IGNORECASE), item["triggers"]))
    return compiled


def _trie(words: list[str]) -> str:
    """A regex matching exactly ``words``, factored as a prefix tree (faster than ``a|b|c``)."""
    tree: dict[str, Any] = {}
    for word in words:
        node = tree
        for char in word.lower():
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        branches = [
            (r"\s+" if ch == " " else re.escape(ch)) + emit(sub) for ch, sub in node.items() if ch
        ]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
        if "" in node:
            return f"(?:{body})?"
        return body

    return f"(?:{emit(tree)})"


@cache
def _triggers() -> tuple[re.Pattern[str], dict[str, set[int]]]:
    """One regex finding every trigger, and which patterns each trigger word or shape wakes."""
    lex = _lexicon()
    lists = {
        "@months": list(lex["months"]),
        "@weekdays_plural": [w + s for w in lex["weekdays"] if len(w) > 4 for s in ("", "s")],
        "@decade_words": list(lex["decade_words"]),
        "@units": list(lex["units"]),
        "@sets": list(lex["sets"]),
        "@refs": [ref.split()[-1] for ref in lex["refs"]],
        "@seasons": list(lex["seasons"]),
        "@holidays": [name.split()[-1] for name in _holidays() if not name.startswith("_")],
    }
    owners: dict[str, set[int]] = {}
    for index, (_, _, triggers) in enumerate(_patterns()):
        for trigger in triggers:
            for word in lists.get(trigger, [trigger]):
                owners.setdefault(word.lower(), set()).add(index)
    words = [w for w in owners if not w.startswith("#")]
    shapes = {
        "decade": r"\d{1,3}0'?s\b",
        "d4": r"(?<!\d)\d{4}(?!\d)",
        "ampm": r"\d(?::[0-5]\d)?\s*[ap]\.?\s?m\b",
        "clock": r"\d:[0-5]\d",
        "slash": r"\d/\d",
    }
    alternatives = [rf"\b(?P<w>{_trie(words)})\b"] + [f"(?P<{k}>{v})" for k, v in shapes.items()]
    return re.compile("|".join(alternatives), re.IGNORECASE), owners


def _holidays() -> dict[str, Any]:
    return load_json("dates/holidays.json")


@dataclass
class _Context:
    """What the normalisers know about one document while reading it left to right."""

    doc: Doc
    text: str
    anchor: date | None
    starts: list[int]
    last_quarter: tuple[int, str] | None = None  # (char offset, value)
    last_day: date | None = None
    last_day_at: int = -1
    last_month: date | None = None  # the first of the last month mentioned
    last_year: date | None = None  # January 1 of the last year mentioned
    named_days: dict[frozenset[str], tuple[int, int]] = field(default_factory=dict)

    def token(self, char: int) -> Token:
        return self.doc[max(0, bisect_right(self.starts, char) - 1)]


@dataclass
class _Match:
    """A candidate span and the pattern match behind it (None for a named day)."""

    start: int
    end: int
    rule: str
    match: re.Match[str] | None


class DateTagger:
    """Finds temporal expressions and normalises them to TIMEX3 values."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.patterns = _patterns()
        self.lexicon = _lexicon()
        self.rules: dict[str, Callable[[re.Match[str], _Context, int], Value | None]] = {
            "iso": _iso,
            "slash": _slash,
            "month_day": self._month_day,
            "day_month": self._month_day,
            "month": self._month,
            "year": _year,
            "year_words": _year_words,
            "decade": self._decade,
            "century": self._century,
            "quarter": _quarter,
            "weekday": self._weekday,
            "weekend": _weekend,
            "deictic": self._deictic,
            "part_of_day": self._part_of_day,
            "clock_pod": self._clock_pod,
            "bare_pod": self._bare_pod,
            "relative": _relative,
            "ago": self._ago,
            "year_ago": _year_ago,
            "year_end": _year_end,
            "duration": self._duration,
            "the_year": _the_year,
            "bare_plural": self._bare_plural,
            "set": self._set,
            "set_every": self._set_every,
            "set_weekday": self._set_weekday,
            "set_month": self._set_month,
            "ref": self._ref,
            "time": self._time,
            "time24": self._time,
            "noon": self._time,
            "season": self._season,
            "holiday": self._holiday,
        }

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text
        anchor = timex.parse_anchor(doc._.get(PUBLISHED) or "")
        ctx = _Context(doc, text, anchor, doc.to_array("IDX").tolist() if len(doc) else [0])
        ctx.named_days = self._learn_named_days(text)
        candidates = self._candidates(text, ctx)
        found = self._resolve(candidates, ctx)
        self._reanchor_quotes(text, candidates, found, ctx)
        doc._.set(
            DATES,
            [
                {"start": m.start, "end": m.end, "type": kind, "value": value}
                for m, (kind, value) in found
            ],
        )
        return doc

    # -- finding --------------------------------------------------------------------------

    def _candidates(self, text: str, ctx: _Context) -> list[_Match]:
        """Pattern matches near their triggers, plus dated named days; longest first per start."""
        trigger, owners = _triggers()
        hits: dict[int, list[int]] = {}
        for hit in trigger.finditer(text):
            key = hit.group("w").lower() if hit.group("w") else "#" + (hit.lastgroup or "")
            # "year's" (a holiday trigger, as in "New Year's") also wakes the patterns of "year"
            stem = re.split(r"['\u2019]", key)[0]
            for index in owners.get(key, set()) | owners.get(stem, set()):
                hits.setdefault(index, []).append(hit.start())
        found = []
        for index, positions in hits.items():
            rule, regex, _ = self.patterns[index]
            for lo, hi in _windows(positions, len(text)):
                for match in regex.finditer(text, lo, hi):
                    start, end = _span(match)
                    if rule == "duration" and "-" not in match.group():
                        start = self._extend_left(text, start)
                    elif rule == "ago":
                        start = self._extend_left(text, start, approximate_only=True)
                    if end > start:
                        found.append(
                            (start, -(end - start), index, _Match(start, end, rule, match))
                        )
        for start, end in self._named_day_mentions(text, ctx):
            found.append((start, -(end - start), -1, _Match(start, end, "named_day", None)))
        found.sort(key=lambda item: item[:3])
        return [item[3] for item in found]

    def _resolve(self, candidates: list[_Match], ctx: _Context) -> list[tuple[_Match, Value]]:
        """Keep non-overlapping candidates, left to right, whose normaliser yields a value."""
        kept: list[tuple[_Match, Value]] = []
        taken_until = -1
        for cand in candidates:
            if cand.start < taken_until:
                continue
            value = self._value(cand, ctx)
            if value is not None:
                kept.append((cand, value))
                taken_until = cand.end
        return kept

    def _extend_left(self, text: str, start: int, approximate_only: bool = False) -> int:
        """Move a duration's start over its determiners and approximators ("almost", "the past").

        ``approximate_only`` takes approximators only ("nearly four years ago").
        """
        pattern = _approximator_prefix() if approximate_only else _duration_prefix()
        prefix = pattern.search(text, max(start - 60, 0), start)
        return prefix.start() if prefix else start

    def _value(self, cand: _Match, ctx: _Context) -> Value | None:
        """The candidate's (type, value), or None when its rule rejects it."""
        if cand.match is None:
            return self._named_day_value(cand, ctx)
        if cand.rule != "holiday" and _in_a_title(ctx, cand):
            return None
        value = self.rules[cand.rule](cand.match, ctx, cand.start)
        if value is not None:
            _remember(ctx, cand, value[1], cand.match.group())
        return value

    # -- statements dated by their attribution ------------------------------------------------

    def _reanchor_quotes(
        self, text: str, candidates: list[_Match], found: list[tuple[_Match, Value]], ctx: _Context
    ) -> None:
        """Re-resolve the dates inside a quotation whose attribution gives the statement's day."""
        days = [(m.start, m.end, v) for m, (kind, v) in found if kind == "DATE" and _is_day(v)]
        for quote in _QUOTES.finditer(text):
            when = self._statement_day(text, quote, days, ctx)
            if when is None or when == ctx.anchor:
                continue
            inner = [
                i
                for i, (m, _) in enumerate(found)
                if quote.start() < m.start and m.end < quote.end()
            ]
            if not inner:
                continue
            sub = _Context(ctx.doc, ctx.text, when, ctx.starts, named_days=ctx.named_days)
            for i in inner:
                cand = found[i][0]
                value = self._value(cand, sub)
                if value is not None:
                    found[i] = (cand, value)

    def _statement_day(
        self, text: str, quote: re.Match[str], days: list[tuple[int, int, str]], ctx: _Context
    ) -> date | None:
        """The day given in the attribution right after (or before) a quotation, if any."""
        after_end = _SENTENCE_END.search(text, quote.end())
        after = (quote.end(), after_end.end() if after_end else len(text))
        line_start = max(text.rfind("\n", 0, quote.start()), text.rfind(". ", 0, quote.start()) + 1)
        before = (line_start, quote.start())
        speech = set(self.lexicon["speech_verbs"])
        for lo, hi in (after, before):
            if hi - lo > 200:
                continue
            tokens = ctx.doc[ctx.token(lo).i : ctx.token(hi).i + 1]
            if not any(t.lemma_.lower() in speech for t in tokens):
                continue
            for start, end, value in days:
                if lo <= start and end <= hi:
                    return date.fromisoformat(value)
        return None

    # -- named days -----------------------------------------------------------------------

    def _learn_named_days(self, text: str) -> dict[frozenset[str], tuple[int, int]]:
        """Names the article itself dates: "declared 4 April as International Day for ..."."""
        months = self.lexicon["months"]
        pattern = _named_day_definition()
        learned = {}
        for match in pattern.finditer(text):
            month = months[match.group("month").lower().rstrip(".")]
            key = frozenset(_content_words(match.group("name")))
            if key:
                learned[key] = (month, int(match.group("day")))
        return learned

    def _named_day_mentions(self, text: str, ctx: _Context) -> list[tuple[int, int]]:
        if not ctx.named_days:
            return []
        spans = []
        for match in re.finditer(r"(?:[A-Z][\w'’-]*\s+){1,5}Day\b", text):
            words = _content_words(match.group())
            if words and any(words <= key for key in ctx.named_days):
                spans.append(match.span())
        return spans

    def _named_day_value(self, cand: _Match, ctx: _Context) -> Value | None:
        words = _content_words(ctx.text[cand.start : cand.end])
        for key, (month, day) in ctx.named_days.items():
            if words <= key and ctx.anchor is not None:
                rule = {"date": f"{month:02d}-{day:02d}"}
                when = timex.nearest_occurrence(ctx.anchor, rule, _tense(ctx, cand.start))
                return "DATE", when.isoformat()
        return None

    def _defines_named_day(self, match: re.Match[str]) -> bool:
        """Whether a month-day is the date a named day is declared on ("4 April as ... Day")."""
        text = match.string
        return bool(_named_day_definition().match(text, match.start()))

    # -- normalisers needing the lexicon ----------------------------------------------------

    def _month_number(self, match: re.Match[str]) -> int | None:
        name = match.group("month")
        if not name[0].isupper():
            return None
        return self.lexicon["months"].get(name.lower().rstrip("."))

    def _month_day(self, match: re.Match[str], ctx: _Context, start: int) -> Value | None:
        month = self._month_number(match)
        if month is None:
            return None
        day = int(match.group("day"))
        if match.group("year"):
            return "DATE", f"{match.group('year')}-{month:02d}-{day:02d}"
        if self._defines_named_day(match):
            return "DATE", f"XXXX-{month:02d}-{day:02d}"
        if ctx.anchor is None:
            return "DATE", f"XXXX-{month:02d}-{day:02d}"
        rel = (match.groupdict().get("rel") or "").lower().split()
        tense = {"last": "past", "past": "past", "next": "future", "coming": "future"}.get(
            rel[-1] if rel else "", ""
        )
        return "DATE", timex.month_day(ctx.anchor, month, day, tense or _tense(ctx, start))

    def _month(self, match: re.Match[str], ctx: _Context, start: int) -> Value | None:
        month = self._month_number(match)
        if month is None:
            return None
        if year := _year_of(match):
            return "DATE", f"{year}-{month:02d}"
        token = ctx.token(match.start("month"))
        bare = not (match.group("rel") or match.group("mod") or match.group("yrel"))
        if bare and (token.tag_ != "NNP" or token.ent_type_ not in ("DATE", "")):
            return None
        if ctx.anchor is None:
            return "DATE", f"XXXX-{month:02d}"
        rel = (match.group("rel") or match.group("yrel") or "").lower().split()[-1:]
        if match.group("yrel"):
            year = ctx.anchor.year + {"last": -1, "this": 0, "next": 1}[rel[0]]
            return "DATE", f"{year}-{month:02d}"
        if rel and rel[0] == "this" and not match.group("mod"):
            return "DATE", f"{ctx.anchor.year}-{month:02d}"  # "this September": this year's
        tense = {"last": "past", "past": "past", "next": "future", "coming": "future"}.get(
            rel[0] if rel else "", _tense(ctx, start)
        )
        if rel and rel[0] == "last" and month == ctx.anchor.month:
            return "DATE", f"{ctx.anchor.year - 1}-{month:02d}"
        return "DATE", timex.month_only(ctx.anchor, month, tense)

    def _decade(self, match: re.Match[str], ctx: _Context, start: int) -> Value | None:
        if match.group("dec"):
            return "DATE", match.group("dec")
        if match.group("dd2"):
            return "DATE", ("20" if match.group("dd2") in "01" else "19") + match.group("dd2")
        return "DATE", "19" + str(self.lexicon["decade_words"][match.group("decw").lower()])

    def _century(self, match: re.Match[str], ctx: _Context, start: int) -> Value | None:
        ordinal = match.group("ord").lower()
        number = self.lexicon["ordinals"].get(ordinal) or int(re.sub(r"\D", "", ordinal) or 0)
        return ("DATE", timex.century(number)) if number else None

    def _weekday(self, match: re.Match[str], ctx: _Context, start: int) -> Value | None:
        name = match.group("weekday")
        if not name[0].isupper():
            return None
        iso_day = self.lexicon["weekdays"][name.lower()]
        pod = _pod_code(self.lexicon, match.group("pod"))
        if match.group("plural"):
            return "SET", f"XXXX-WXX-{iso_day}" + (f"T{pod}" if pod else "")
        if ctx.anchor is None:
            return "DATE", f"XXXX-WXX-{iso_day}"
        rel = (match.group("rel") or "").lower().split()
        if rel[:1] == ["the"]:
            # "the previous Friday": counted from the day under discussion
            if ctx.last_day is None:
                return None
            step = "last" if rel[-1] == "previous" else "next"
            value = timex.weekday(ctx.last_day, iso_day, "", step)
            return ("TIME", f"{value}T{pod}") if pod else ("DATE", value)
        relative = {
            "last": "last",
            "past": "last",
            "next": "next",
            "coming": "this",
            "this": "this",
        }.get(rel[-1] if rel else "", "")
        tense = _tense(ctx, start)
        # a weekday with a present-tense verb is a schedule: "the talks resume on Thursday"
        tense = "future" if tense in ("present", "conditional") else tense
        value = timex.weekday(ctx.anchor, iso_day, tense, relative)
        return ("TIME", f"{value}T{pod}") if pod else ("DATE", value)

    def _deictic(self, match: re.Match[str], ctx: _Context, start: int) -> Value | None:
        if ctx.anchor is None:
            return None
        word = match.group("deix").lower()
        offset = {
            "yesterday": -1,
            "tomorrow": 1,
            "the day before yesterday": -2,
            "the day after tomorrow": 2,
        }
        day = ctx.anchor + timedelta(days=offset.get(word, 0))
        if word == "today" and (marked := self._marked_day(ctx, start)) is not None:
            day = marked
        pod = _pod_code(self.lexicon, match.group("pod") or ("night" if word == "tonight" else ""))
        return ("TIME", f"{day.isoformat()}T{pod}") if pod else ("DATE", day.isoformat())

    def _marked_day(self, ctx: _Context, start: int) -> date | None:
        """The day "today" names when its sentence marks a named day the article dates."""
        if ctx.anchor is None:
            return None
        words = _content_words(ctx.token(start).sent.text)
        for key, (month, day) in ctx.named_days.items():
            if key <= words:
                rule = {"date": f"{month:02d}-{day:02d}"}
                return timex.nearest_occurrence(ctx.anchor, rule, "")
        return None

    def _part_of_day(self, match: re.Match[str], ctx: _Context, start: int) -> Value | None:
        if ctx.anchor is None:
            return None
        words = match.group("rel").lower().split()
        rel = words[-1]
        pod = _pod_code(self.lexicon, match.group("pod"))
        if "the" in words or "that" in words:
            # anaphora: "the next morning", "that night" count from the last day mentioned
            step = {"next": 1, "following": 1, "previous": -1}.get(rel, 0)
            if ctx.last_day is None and step == 0:
                return None
            day = (ctx.last_day or ctx.anchor) + timedelta(days=step)
            return "TIME", f"{day.isoformat()}T{pod}"
        day = ctx.anchor + timedelta(days={"last": -1, "yesterday": -1, "tomorrow": 1}.get(rel, 0))
        return "TIME", f"{day.isoformat()}T{pod}"

    def _clock_pod(self, match: re.Match[str], ctx: _Context, start: int) -> Value | None:
        """ "4 in the morning", "8 in the evening": a clock time on the day under discussion."""
        hour = int(match.group("hour"))
        if match.group("pod").lower() != "morning" and hour < 12:
            hour += 12
        day = self._nearby_day(ctx, start)
        return "TIME", f"{day}T{hour:02d}:00" if day else f"XXXX-XX-XXT{hour:02d}:00"

    def _bare_pod(self, match: re.Match[str], ctx: _Context, start: int) -> Value | None:
        """ "in the morning", "mid-afternoon (yesterday)": that part of the day under discussion."""
        word = re.sub(
            r"^mid[- ]?(?=[am])", "mid-", (match.group("pod") or match.group("mid")).lower()
        )
        pod = _pod_code(self.lexicon, word)
        offset = {"yesterday": -1, "tomorrow": 1}.get((match.group("deix") or "").lower(), 0)
        if offset or match.group("deix"):
            day = ctx.anchor + timedelta(days=offset) if ctx.anchor else None
            day_text = day.isoformat() if day else None
        else:
            day_text = self._nearby_day(ctx, start)
        if not pod or day_text is None:
            return None
        return "TIME", f"{day_text}T{pod}" if pod[0] != "T" else f"{day_text}{pod}"

    def _nearby_day(self, ctx: _Context, start: int) -> str | None:
        """The day mentioned in this or the previous sentence, else the publication day."""
        token = ctx.token(start)
        sent = token.sent
        first = sent.start_char
        if sent.start > 0:
            first = ctx.doc[sent.start - 1].sent.start_char
        if ctx.last_day is not None and first <= ctx.last_day_at < start:
            return ctx.last_day.isoformat()
        return ctx.anchor.isoformat() if ctx.anchor else None

    def _unit(self, word: str) -> str:
        return self.lexicon["units"][word.lower()]

    def _ago(self, match: re.Match[str], ctx: _Context, start: int) -> Value | None:
        amount = _amount(match.group("num"))
        unit = self._unit(match.group("unit"))
        direction = match.group("dir").lower()
        if amount is None:
            return None
        year_before = unit == "Y" and amount == 1 and direction in ("ago", "earlier")
        if direction in ("before", "after", "later", "earlier") and not year_before:
            return "DURATION", _duration_value(amount, unit, match.group("unit"))
        if unit in ("S", "M") and match.group("unit").lower().startswith("min"):
            return "DURATION", _duration_value(amount, unit, match.group("unit"))
        if amount == "X":
            return "DATE", "PAST_REF" if direction == "ago" else "FUTURE_REF"
        sign = -1 if direction in ("ago", "earlier") else 1
        if year_before and ctx.last_quarter and start - ctx.last_quarter[0] < 600:
            return "DATE", timex.shift_value(ctx.last_quarter[1], sign)
        base = ctx.anchor
        if base is None or amount != int(amount):
            return None
        step = {"DE": ("Y", 10), "CE": ("Y", 100), "2W": ("W", 2)}.get(unit, (unit, 1))
        if step[0] in ("H", "S") or match.group("unit").lower().startswith("min"):
            return None
        return "DATE", timex.shift(base, step[0], sign * int(amount) * step[1])

    def _duration(self, match: re.Match[str], ctx: _Context, start: int) -> Value | None:
        amount = _amount(match.group("num"))
        if amount is None:
            return None
        word = match.group("unit")
        unit = self._unit(word)
        if unit == "WE" or (unit == "Q" and _FRACTION_OF.match(ctx.text, match.end())):
            return None  # "three-quarters of its food" is a fraction
        if word.lower() == "second" and _before_noun(ctx, match.end()):
            return None  # "a second attempt" is an ordinal
        if (match.group("half") or match.group("half2")) and amount != "X":
            amount += 0.5
        if match.group("num").lower() in ("a", "an") and _after_amount(ctx, start):
            return "SET", _duration_value(1, unit, word)
        return "DURATION", _duration_value(amount, unit, word)

    def _bare_plural(self, match: re.Match[str], ctx: _Context, start: int) -> Value | None:
        word = match.group("unit")
        return "DURATION", _duration_value("X", self._unit(word), word)

    def _set(self, match: re.Match[str], ctx: _Context, start: int) -> Value | None:
        phrase = match.group("set").lower()
        if phrase in self.lexicon["sets"]:
            return "SET", self.lexicon["sets"][phrase]
        word = match.group("unit")
        value = _duration_value(1, self._unit(word), word)
        if phrase.startswith("twice"):
            value = (
                value.replace("P1Y", "P6M")
                .replace("P1D", "PT12H")
                .replace("P1M", "P2W")
                .replace("P1W", "P3D")
            )
        if "other" in phrase:
            value = value.replace("1", "2")
        return "SET", value

    def _set_every(self, match: re.Match[str], ctx: _Context, start: int) -> Value | None:
        amount = _amount(match.group("num") or "1")
        word = match.group("unit")
        return (
            ("SET", _duration_value(amount, self._unit(word), word)) if amount is not None else None
        )

    def _set_weekday(self, match: re.Match[str], ctx: _Context, start: int) -> Value | None:
        return "SET", f"XXXX-WXX-{self.lexicon['weekdays'][match.group('weekday').lower()]}"

    def _set_month(self, match: re.Match[str], ctx: _Context, start: int) -> Value | None:
        month = self._month_number(match)
        return ("SET", f"XXXX-{month:02d}") if month else None

    def _ref(self, match: re.Match[str], ctx: _Context, start: int) -> Value | None:
        phrase = re.sub(r"\s+", " ", match.group("ref").lower())
        value = self.lexicon["refs"][phrase]
        # "in recent weeks", "the months ahead": a vague length of time (PXW), as TimeML writes
        return ("DURATION" if value.startswith("PX") else "DATE"), value

    def _time(self, match: re.Match[str], ctx: _Context, start: int) -> Value | None:
        groups = match.groupdict()
        if groups.get("pod"):
            hour, minute = (12, 0) if groups["pod"].lower() == "noon" else (24, 0)
        else:
            hour, minute = int(groups["hour"]), int(groups.get("minute") or 0)
            ampm = (groups.get("ampm") or "").lower()
            if ampm.startswith("p") and hour < 12:
                hour += 12
            elif ampm.startswith("a") and hour == 12:
                hour = 0
            if not ampm and not groups.get("tz") and ctx.token(start).ent_type_ != "TIME":
                return None
        day = self._time_day(match, ctx, start)
        if day is None:
            return "TIME", f"XXXX-XX-XXT{hour:02d}:{minute:02d}"
        return "TIME", f"{day}T{hour:02d}:{minute:02d}"

    def _time_day(self, match: re.Match[str], ctx: _Context, start: int) -> str | None:
        groups = match.groupdict()
        if ctx.anchor is None:
            return None
        if groups.get("month") and self._month_number(match):
            month = self._month_number(match) or 0
            return timex.month_day(ctx.anchor, month, int(groups["day"]), _tense(ctx, start))
        weekday = groups.get("weekday")
        if not weekday and (aside := _ASIDE_WEEKDAY.match(ctx.text, match.end())):
            weekday = aside.group(1)  # "10:35 a.m. (0735 GMT) Friday"
        if weekday and weekday.lower() in self.lexicon["weekdays"]:
            iso_day = self.lexicon["weekdays"][weekday.lower()]
            tense = _tense(ctx, start)
            return timex.weekday(ctx.anchor, iso_day, "future" if tense == "conditional" else tense)
        offset = {"yesterday": -1, "tomorrow": 1}.get((groups.get("deix") or "").lower(), 0)
        if (
            not offset
            and ctx.last_day is not None
            and ctx.token(start).sent.start_char <= ctx.last_day_at
        ):
            return ctx.last_day.isoformat()
        return (ctx.anchor + timedelta(days=offset)).isoformat()

    def _season(self, match: re.Match[str], ctx: _Context, start: int) -> Value | None:
        code = self.lexicon["seasons"][match.group("season").lower()]
        if year := _year_of(match):
            return "DATE", f"{year}-{code}"
        rel = (match.group("rel") or "").lower().split()
        if not rel and ctx.token(match.start("season")).pos_ not in ("NOUN", "PROPN"):
            return None
        if ctx.anchor is None:
            return "DATE", f"XXXX-{code}"
        relative = rel[-1] if rel and rel[-1] in ("last", "this", "next", "past", "coming") else ""
        relative = {"past": "last", "coming": "next"}.get(relative, relative)
        return "DATE", timex.season(ctx.anchor, code, relative, _tense(ctx, start))

    def _holiday(self, match: re.Match[str], ctx: _Context, start: int) -> Value | None:
        name = match.group("holiday")
        rule = _holidays().get(re.sub(r"\s+", " ", name.lower().replace("\u2019", "'")))
        if rule is None or ctx.anchor is None or not name[0].isupper():
            return None
        return "DATE", timex.nearest_occurrence(ctx.anchor, rule, _tense(ctx, start)).isoformat()


# -- normalisers without lexicon needs ---------------------------------------------------------


def _iso(match: re.Match[str], ctx: _Context, start: int) -> Value | None:
    value = f"{match.group('year')}-{match.group('mm')}-{match.group('dd')}"
    if match.group("hh"):
        return "TIME", f"{value}T{match.group('hh')}:{match.group('mi')}"
    return "DATE", value


def _slash(match: re.Match[str], ctx: _Context, start: int) -> Value | None:
    year = match.group("yr")
    if len(year) == 2:
        year = ("20" if int(year) < 50 else "19") + year
    return "DATE", f"{year}-{int(match.group('mm')):02d}-{int(match.group('dd')):02d}"


def _year(match: re.Match[str], ctx: _Context, start: int) -> Value | None:
    year = int(match.group("year"))
    token = ctx.token(match.start("year"))
    if token.ent_type_ in ("MONEY", "PERCENT", "QUANTITY", "ORDINAL"):
        return None
    if token.ent_type_ != "DATE":
        after = token.nbor(1) if token.i + 1 < len(token.doc) else None
        if after is not None and after.tag_ in ("NNS", "NNPS") and after.lower_ not in _TIME_NOUNS:
            return None
        if not 1900 <= year <= 2099 and not match.group("fy"):
            return None
    return "DATE", str(year)


def _year_words(match: re.Match[str], ctx: _Context, start: int) -> Value | None:
    year = _spoken_year(match.group("yw"))
    return ("DATE", year) if year else None


def _spoken_year(text: str) -> str:
    """ "nineteen ninety-four" -> "1994", "two thousand and one" -> "2001"; "" if unreadable."""
    words = re.split(r"[\s-]+", text.lower())
    if words[0] == "two":
        rest = parse_number(" ".join(w for w in words[2:] if w != "and")) if len(words) > 2 else 0
        return str(2000 + int(rest or 0))
    rest = parse_number(" ".join(words[1:]))
    return f"19{int(rest):02d}" if rest is not None else ""


def _year_of(match: re.Match[str]) -> str:
    """The year a match states, in digits or in words; "" if none."""
    groups = match.groupdict()
    if groups.get("year"):
        return groups["year"]
    return _spoken_year(groups["yearw"]) if groups.get("yearw") else ""


def _quarter(match: re.Match[str], ctx: _Context, start: int) -> Value | None:
    det = (match.group("det") or "").lower()
    qrel = (match.group("qrel") or "").lower()
    ordinal = (match.group("qord") or "").lower()
    unit = match.group("qunit").lower()
    year_text = match.group("year") or match.group("year2")
    if det == "a" and not ordinal:
        return None
    if unit == "period" and not (
        qrel in ("latest", "year-ago", "year-earlier", "comparable", "same") or year_text
    ):
        return None
    if unit in ("half", "period") and not (ordinal or qrel or year_text):
        return None
    if not (det or qrel or ordinal or year_text):
        return None
    yrel = (
        (match.group("yrel") or "").lower() or det.split()[0]
        if det.endswith("year's")
        else match.group("yrel")
    )
    anchor = ctx.anchor
    number = {
        "first": 1,
        "1st": 1,
        "second": 2,
        "2nd": 2,
        "third": 3,
        "3rd": 3,
        "fourth": 4,
        "4th": 4,
    }
    if unit == "half":
        code = "H1" if number.get(ordinal, 2) == 1 else "H2"
        if year_text:
            return "DATE", f"{year_text}-{code}"
        if anchor is None:
            return None
        year = anchor.year + {"last": -1, "next": 1}.get((yrel or "").lower(), 0)
        if not yrel and code == "H2" and anchor.month <= 6 and _tense(ctx, start) == "past":
            year -= 1
        return "DATE", f"{year}-{code}"
    if ordinal in number:
        if year_text:
            value = f"{year_text}-Q{number[ordinal]}"
        elif anchor is None:
            return None
        elif yrel:
            year = anchor.year + {"last": -1, "this": 0, "next": 1}[yrel.lower()]
            value = f"{year}-Q{number[ordinal]}"
        else:
            value = timex.quarter(anchor, number[ordinal], _tense(ctx, start))
    elif year_text:
        # "the 1988 period": the quarter under discussion, in that year
        return "DATE", f"{year_text}-{ctx.last_quarter[1][5:]}" if ctx.last_quarter else year_text
    elif anchor is None:
        return None
    elif det in ("last",) or qrel == "previous":
        value = timex.shift(anchor, "Q", -1)
    elif det == "next":
        value = timex.shift(anchor, "Q", 1)
    elif det == "this" or qrel == "current":
        value = timex.shift(anchor, "Q", 0)
    elif ctx.last_quarter is not None:
        value = ctx.last_quarter[1]
    else:
        value = timex.shift(anchor, "Q", -1)
    if qrel in ("year-ago", "year-earlier", "year-before") or (
        det == "last year's" and not ordinal
    ):
        value = timex.shift_value(value, -1)
    return "DATE", value


def _weekend(match: re.Match[str], ctx: _Context, start: int) -> Value | None:
    if ctx.anchor is None:
        return None
    rel = match.group("rel").lower().split()[-1]
    tense = _tense(ctx, start)
    saturday = date.fromisoformat(
        timex.weekday(ctx.anchor, 6, tense, {"last": "last", "next": "next"}.get(rel, ""))
    )
    return "DATE", timex.week_value(saturday) + "-WE"


def _relative(match: re.Match[str], ctx: _Context, start: int) -> Value | None:
    rel = match.group("rel").lower().split()
    unit = match.group("unit").lower()
    code = _UNIT_CODES[unit]
    spanning = rel[0] == "the" and rel[-1] in _SPANNING
    if spanning and not match.group("mod") and not (rel[-1] == "next" and code == "D"):
        if rel[-1] in ("past", "last", "previous") and ctx.anchor is not None:
            # TimeBank reads "in the past year" as the last calendar one, like "last year"
            return "DATE", timex.shift(ctx.anchor, code, -1)
        return "DURATION", f"P1{code}"  # "over the next year": a length of time
    word = rel[-1]
    if ctx.anchor is None:
        return None
    if word in ("following", "next", "same", "that", "preceding", "prior") and rel[0] in (
        "the",
        "that",
    ):
        # anaphora: "that year", "the following month" count from the last one mentioned
        mentioned = {"Y": ctx.last_year, "DE": ctx.last_year, "CE": ctx.last_year}.get(
            code, ctx.last_month if code == "M" else ctx.last_day
        )
        base = mentioned or ctx.anchor
        step = {"following": 1, "next": 1, "preceding": -1, "prior": -1}.get(word, 0)
        if word == "that" and mentioned is None:
            return None
        return "DATE", timex.shift(base, code, step)
    step = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1}.get(word, 0)
    if code == "D" and word in ("this", "current"):
        return None
    return "DATE", timex.shift(ctx.anchor, code, step)


def _year_ago(match: re.Match[str], ctx: _Context, start: int) -> Value | None:
    if ctx.last_quarter is not None:
        return "DATE", timex.shift_value(ctx.last_quarter[1], -1)
    return ("DATE", str(ctx.anchor.year - 1)) if ctx.anchor else None


def _year_end(match: re.Match[str], ctx: _Context, start: int) -> Value | None:
    """ "by year-end": the current year (TimeML marks the end with a modifier, not the value)."""
    after = ctx.token(match.end() - 1)
    if ctx.anchor is None or (after.i + 1 < len(after.doc) and after.nbor(1).pos_ == "NOUN"):
        return None  # "year-end results" qualifies a noun
    return "DATE", str(ctx.anchor.year - (_tense(ctx, start) == "past"))


def _the_year(match: re.Match[str], ctx: _Context, start: int) -> Value | None:
    word = match.group("unit").lower()
    if match.group("det").lower() == "a":
        if word != "year" or _after_amount(ctx, start):
            return ("SET", f"P1{word[0].upper()}") if _after_amount(ctx, start) else None
        return "DURATION", "P1Y"
    if _PERIOD_END.match(ctx.text, match.end()) or ctx.anchor is None:
        return "DURATION", f"P1{word[0].upper()}"  # "the year ended Sept. 30": a length
    # "for the year", "the end of the month": the one under discussion, the current one
    return "DATE", timex.shift(ctx.anchor, _UNIT_CODES[word], 0)


# -- helpers ---------------------------------------------------------------------------------


@cache
def _approximator_prefix() -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-]){_trie(_lexicon()['approximators'])}\s+$", re.IGNORECASE)


@cache
def _duration_prefix() -> re.Pattern[str]:
    lex = _lexicon()
    determiners, approximators = _trie(lex["duration_prefixes"]), _trie(lex["approximators"])
    return re.compile(rf"(?<![\w-])(?:{determiners}\s+)*(?:{approximators}\s+)?$", re.IGNORECASE)


@cache
def _named_day_definition() -> re.Pattern[str]:
    """A month-day declared as a named day: "4 April as International Day for ..."."""
    months = _alternation(list(_lexicon()["months"]), dot=True)
    name = (
        r"(?P<name>(?:the\s+)?[A-Z][\w'’-]*(?:\s+(?:[A-Z][\w'’-]*|of|for|and|in|on|the|against))*)"
    )
    day_month = (
        rf"(?P<day>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>(?i:{months}))"
    )
    return re.compile(rf"{day_month}\s+(?:as|is|marks)\s+{name}")


def _span(match: re.Match[str]) -> tuple[int, int]:
    """The part of a match that is the expression: its ``span`` (or ``span2``) group, or all."""
    for name in ("span", "span2"):
        if name in match.re.groupindex and match.start(name) >= 0:
            return match.span(name)
    return match.span()


def _windows(positions: list[int], length: int, reach: int = 90) -> list[tuple[int, int]]:
    """Merged character windows of ``reach`` on either side of each trigger position."""
    windows: list[tuple[int, int]] = []
    for pos in sorted(positions):
        lo, hi = max(0, pos - reach), min(length, pos + reach)
        if windows and lo <= windows[-1][1]:
            windows[-1] = (windows[-1][0], hi)
        else:
            windows.append((lo, hi))
    return windows


def _content_words(name: str) -> frozenset[str]:
    words = (w.lower() for w in _WORD.findall(name))
    return frozenset(w.rstrip("s") for w in words if w not in _NAMED_DAY_STOP)


def _pod_code(lexicon: dict[str, Any], word: str | None) -> str:
    return lexicon["parts_of_day"].get(word.lower(), "") if word else ""


def _amount(text: str) -> float | str | None:
    """The count in a duration: a number, or "X" for vague counts ("several")."""
    text = re.sub(r"\s+", " ", text.lower())
    if text in ("a", "an"):
        return 1.0
    if text.startswith("half"):
        return 0.5
    vague = _lexicon()["vague_counts"]
    if text in vague:
        return vague[text] if isinstance(vague[text], int) else "X"
    if text.endswith(" 1/2"):
        base = parse_number(text[:-4])
        return base + 0.5 if base is not None else None
    return parse_number(text)


def _duration_value(amount: float | str, unit: str, word: str) -> str:
    """TIMEX3 duration; ``word`` tells minutes (``TM``) from months (``M``)."""
    if word.lower().startswith("min"):
        unit = "TM"
    if unit in ("2W", "Q"):
        # TimeML writes quarters as months ("the next three quarters" -> P9M)
        factor, unit = (2, "W") if unit == "2W" else (3, "M")
        return timex.duration(amount * factor if not isinstance(amount, str) else amount, unit)
    return timex.duration(amount, unit)


def _after_amount(ctx: _Context, start: int) -> bool:
    """Whether "a year" follows an amount ("$5 a year", "100 tons a day"): a rate, not a length."""
    token = ctx.token(start)
    if token.i == 0:
        return False
    before = token.nbor(-1)
    return (
        before.like_num
        or before.tag_ in ("NNS", "$")
        or before.ent_type_ in ("MONEY", "QUANTITY", "PERCENT")
    )


def _tense(ctx: _Context, start: int) -> str:
    """Tense of the clause governing ``start``: past, present, future, conditional or ""."""
    token = first = ctx.token(start)
    own = token.ent_iob_ != "O"
    for _ in range(10):
        if token.pos_ in ("VERB", "AUX") and token.dep_ not in ("amod", "compound"):
            tense = _verb_tense(token)
            if tense != "infinitive":
                return tense
            # an infinitive after a verb that does not look ahead takes its governor's tense:
            # "staged celebrations to mark the entry on Friday"
            own = False
        elif token.head is token:
            return ""
        elif token.dep_ == "pobj" and token.head.lower_ in _PREPOSITION_TENSE:
            tense = _PREPOSITION_TENSE[token.head.lower_]
            if tense == "future" and _pluperfect(token.head.head):
                return "past"  # "until Thursday, they had not called him a suspect"
            return tense
        elif token.pos_ in ("NOUN", "ADJ") and not own:
            if token.dep_ == "dobj" and _forward(token.head):
                return _verb_tense(token.head)  # "has scheduled a hearing on Thursday"
            # the date qualifies a noun ("payable Dec. 7", "a June accord"): no tense applies,
            # unless a phrase after the noun is about the future ("will lead a mission in May")
            if first.dep_ in ("compound", "amod", "nmod", "poss", "npadvmod"):
                return ""
            return "future" if _clause_tense(token) == "future" else ""
        if token.head is token:
            return ""
        own = own and token.head.ent_iob_ == "I"
        token = token.head
    return ""


def _clause_tense(token: Token) -> str:
    """Tense of the first verb above ``token`` (within a few steps), or ""."""
    for _ in range(6):
        if token.head is token:
            return ""
        token = token.head
        if token.pos_ in ("VERB", "AUX"):
            tense = _verb_tense(token)
            return "" if tense == "infinitive" else tense
    return ""


def _pluperfect(token: Token) -> bool:
    return any(c.lower_ in ("had", "'d") and c.dep_ == "aux" for c in token.children)


def _forward(token: Token) -> bool:
    """Whether a verb dates what it plans ("planned a rally on Saturday", "is expected Friday")."""
    return token.lemma_.lower() in _lexicon()["planning_verbs"]


def _verb_tense(token: Token) -> str:
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
        if (
            _pluperfect(token)
            or _pluperfect(head)
            or (head.pos_ == "ADJ" and _pluperfect(head.head))
        ):
            return "past"
        directive = head.lemma_.lower() in _lexicon()["directive_verbs"]
        if (token.dep_ == "advcl" or head.pos_ in ("NOUN", "PROPN")) and not (
            directive or _forward(head)
        ):
            return "infinitive"
        return "future"
    if words & _FUTURE_AUX or token.lower_ in _FUTURE_AUX:
        return "future"
    if "would" in words and not words & {"have", "'ve"}:
        # the future of a report ("said he would travel Thursday"): weekdays look ahead,
        # calendar dates take the nearest year (a deadline may be past: "would leave by Jan. 14")
        return "conditional"
    if _forward(token):
        return "past" if _pluperfect(token) else "future"
    if any(c.tag_ == "VBD" for c in auxes) or token.tag_ == "VBD":
        return "past"
    if token.tag_ == "VBN" and words & {"has", "have", "'ve", "'s"}:
        return "past"
    if token.tag_ == "VBG" and words & {"is", "are", "'re", "am"}:
        return "future"
    if token.tag_ in ("VBZ", "VBP", "VB") or words & {"is", "are", "am"}:
        if not auxes and token.dep_ in _NARRATED_CLAUSES and _clause_tense(token) == "past":
            # "were killed when shells hit a market on Tuesday": a bare present form in a
            # clause of past narration is the past ("hit", "put", "cut" look the same)
            return "past"
        return "present"
    return ""


@cache
def _title_units() -> frozenset[str]:
    """Unit and part-of-day words, capitalised mid-sentence only inside names and titles."""
    lex = _lexicon()
    return frozenset([*lex["units"], *lex["parts_of_day"]])


def _before_noun(ctx: _Context, end: int) -> bool:
    token = ctx.token(end - 1)
    return token.i + 1 < len(token.doc) and token.nbor(1).pos_ in ("NOUN", "ADJ", "PROPN")


def _in_a_title(ctx: _Context, cand: _Match) -> bool:
    """Whether a capitalised unit word mid-sentence makes the span a name ("This Week", "60
    Minutes", "High Noon"); headlines, where every word is capitalised, are exempt."""
    words = _WORD.findall(ctx.text, cand.start, cand.end)
    if not words or not words[-1].istitle() or words[-1].lower() not in _title_units():
        return False
    token = ctx.token(cand.end - 1)
    sent = token.sent
    if token.i == sent.start:
        return False
    alpha = [t for t in sent if t.is_alpha]
    return sum(t.is_title for t in alpha) < 0.6 * len(alpha)


def _is_day(value: str) -> bool:
    return bool(_DAY_VALUE.fullmatch(value))


def _remember(ctx: _Context, cand: _Match, value: str, text: str) -> None:
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
    elif _is_day(value[:10]):
        ctx.last_day = date.fromisoformat(value[:10])
        ctx.last_day_at = cand.start
    if point := _POINT_VALUE.match(value):
        ctx.last_year = date(int(point.group(1)), 1, 1)
        if point.group(2):
            ctx.last_month = date(int(point.group(1)), int(point.group(2)), 1)
