"""Normalisers: one function per pattern rule, turning a match into a TIMEX3 (type, value).

Each takes the match, the document context (anchor, lexicon, what was last
mentioned) and the candidate's start offset, and returns None to reject it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from claimx.components.dates.context import (
    defines_named_day,
    marked_day,
    nearby_day,
)
from claimx.components.dates.records import DocContext, Value
from claimx.components.dates.tense import tense_at
from claimx.normalize import timex
from claimx.normalize.numbers import NumberWords

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
_UNIT_CODES = {"day": "D", "week": "W", "month": "M", "year": "Y", "decade": "DE", "century": "CE"}
_SPANNING = {"past", "last", "previous", "preceding", "prior", "coming", "next"}
_PERIOD_END = re.compile(r"\s+(?:ended|ending|that\s+ended|through|to\s+date)\b", re.IGNORECASE)
_FRACTION_OF = re.compile(
    r"\s+of\s+(?:the|its|his|her|their|our|all|a|an|this|that|these|those)\b", re.IGNORECASE
)
#: A weekday after a parenthesis that follows a clock time: "10:35 a.m. (0735 GMT) Friday".
_ASIDE_WEEKDAY = re.compile(r"\s*\([^()\n]{1,30}\)\s*,?\s*(?:on\s+)?([A-Z][a-z]+day)\b")


def _month_day(match: re.Match[str], ctx: DocContext, start: int) -> Value | None:
    month = ctx.lex.month_number(match.group("month"))
    if month is None:
        return None
    day = int(match.group("day"))
    if match.group("year"):
        return "DATE", f"{match.group('year')}-{month:02d}-{day:02d}"
    if defines_named_day(match, ctx):
        return "DATE", f"XXXX-{month:02d}-{day:02d}"
    if ctx.anchor is None:
        return "DATE", f"XXXX-{month:02d}-{day:02d}"
    rel = (match.groupdict().get("rel") or "").lower().split()
    tense = {"last": "past", "past": "past", "next": "future", "coming": "future"}.get(
        rel[-1] if rel else "", ""
    )
    return "DATE", timex.month_day(ctx.anchor, month, day, tense or tense_at(ctx, start))


def _month(match: re.Match[str], ctx: DocContext, start: int) -> Value | None:
    month = ctx.lex.month_number(match.group("month"))
    if month is None:
        return None
    if year := _year_of(match, ctx):
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
        rel[0] if rel else "", tense_at(ctx, start)
    )
    if rel and rel[0] == "last" and month == ctx.anchor.month:
        return "DATE", f"{ctx.anchor.year - 1}-{month:02d}"
    return "DATE", timex.month_only(ctx.anchor, month, tense)


def _decade(match: re.Match[str], ctx: DocContext, start: int) -> Value | None:
    if match.group("dec"):
        return "DATE", match.group("dec")
    if match.group("dd2"):
        return "DATE", ("20" if match.group("dd2") in "01" else "19") + match.group("dd2")
    return "DATE", "19" + str(ctx.lex.words["decade_words"][match.group("decw").lower()])


def _century(match: re.Match[str], ctx: DocContext, start: int) -> Value | None:
    ordinal = match.group("ord").lower()
    number = ctx.lex.words["ordinals"].get(ordinal) or int(re.sub(r"\D", "", ordinal) or 0)
    return ("DATE", timex.century(number)) if number else None


def _weekday(match: re.Match[str], ctx: DocContext, start: int) -> Value | None:
    name = match.group("weekday")
    if not name[0].isupper():
        return None
    iso_day = ctx.lex.words["weekdays"][name.lower()]
    pod = _pod_code(ctx.lex.words, match.group("pod"))
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
    tense = tense_at(ctx, start)
    # a weekday with a present-tense verb is a schedule: "the talks resume on Thursday"
    tense = "future" if tense in ("present", "conditional") else tense
    value = timex.weekday(ctx.anchor, iso_day, tense, relative)
    return ("TIME", f"{value}T{pod}") if pod else ("DATE", value)


def _deictic(match: re.Match[str], ctx: DocContext, start: int) -> Value | None:
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
    if word == "today" and (marked := marked_day(ctx, start)) is not None:
        day = marked
    pod = _pod_code(ctx.lex.words, match.group("pod") or ("night" if word == "tonight" else ""))
    return ("TIME", f"{day.isoformat()}T{pod}") if pod else ("DATE", day.isoformat())


def _part_of_day(match: re.Match[str], ctx: DocContext, start: int) -> Value | None:
    if ctx.anchor is None:
        return None
    words = match.group("rel").lower().split()
    rel = words[-1]
    pod = _pod_code(ctx.lex.words, match.group("pod"))
    if "the" in words or "that" in words:
        # anaphora: "the next morning", "that night" count from the last day mentioned
        step = {"next": 1, "following": 1, "previous": -1}.get(rel, 0)
        if ctx.last_day is None and step == 0:
            return None
        day = (ctx.last_day or ctx.anchor) + timedelta(days=step)
        return "TIME", f"{day.isoformat()}T{pod}"
    day = ctx.anchor + timedelta(days={"last": -1, "yesterday": -1, "tomorrow": 1}.get(rel, 0))
    return "TIME", f"{day.isoformat()}T{pod}"


def _clock_pod(match: re.Match[str], ctx: DocContext, start: int) -> Value | None:
    """ "4 in the morning", "8 in the evening": a clock time on the day under discussion."""
    hour = int(match.group("hour"))
    if match.group("pod").lower() != "morning" and hour < 12:
        hour += 12
    day = nearby_day(ctx, start)
    return "TIME", f"{day}T{hour:02d}:00" if day else f"XXXX-XX-XXT{hour:02d}:00"


def _bare_pod(match: re.Match[str], ctx: DocContext, start: int) -> Value | None:
    """ "in the morning", "mid-afternoon (yesterday)": that part of the day under discussion."""
    word = re.sub(r"^mid[- ]?(?=[am])", "mid-", (match.group("pod") or match.group("mid")).lower())
    pod = _pod_code(ctx.lex.words, word)
    offset = {"yesterday": -1, "tomorrow": 1}.get((match.group("deix") or "").lower(), 0)
    if offset or match.group("deix"):
        day = ctx.anchor + timedelta(days=offset) if ctx.anchor else None
        day_text = day.isoformat() if day else None
    else:
        day_text = nearby_day(ctx, start)
    if not pod or day_text is None:
        return None
    return "TIME", f"{day_text}T{pod}" if pod[0] != "T" else f"{day_text}{pod}"


def _unit(ctx: DocContext, word: str) -> str:
    return ctx.lex.words["units"][word.lower()]


def _ago(match: re.Match[str], ctx: DocContext, start: int) -> Value | None:
    amount = _amount(match.group("num"), ctx)
    unit = _unit(ctx, match.group("unit"))
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
    if (
        year_before
        and ctx.last_quarter
        and start - ctx.last_quarter[0] < ctx.windows.quarter_memory
    ):
        return "DATE", timex.shift_value(ctx.last_quarter[1], sign)
    base = ctx.anchor
    if base is None or amount != int(amount):
        return None
    step = {"DE": ("Y", 10), "CE": ("Y", 100), "2W": ("W", 2)}.get(unit, (unit, 1))
    if step[0] in ("H", "S") or match.group("unit").lower().startswith("min"):
        return None
    return "DATE", timex.shift(base, step[0], sign * int(amount) * step[1])


def _duration(match: re.Match[str], ctx: DocContext, start: int) -> Value | None:
    amount = _amount(match.group("num"), ctx)
    if amount is None:
        return None
    word = match.group("unit")
    unit = _unit(ctx, word)
    if unit == "WE" or (unit == "Q" and _FRACTION_OF.match(ctx.text, match.end())):
        return None  # "three-quarters of its food" is a fraction
    if word.lower() == "second" and _before_noun(ctx, match.end()):
        return None  # "a second attempt" is an ordinal
    if (match.group("half") or match.group("half2")) and amount != "X":
        amount += 0.5
    if match.group("num").lower() in ("a", "an") and _after_amount(ctx, start):
        return "SET", _duration_value(1, unit, word)
    return "DURATION", _duration_value(amount, unit, word)


def _bare_plural(match: re.Match[str], ctx: DocContext, start: int) -> Value | None:
    word = match.group("unit")
    return "DURATION", _duration_value("X", _unit(ctx, word), word)


def _set(match: re.Match[str], ctx: DocContext, start: int) -> Value | None:
    phrase = match.group("set").lower()
    if phrase in ctx.lex.words["sets"]:
        return "SET", ctx.lex.words["sets"][phrase]
    word = match.group("unit")
    value = _duration_value(1, _unit(ctx, word), word)
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


def _set_every(match: re.Match[str], ctx: DocContext, start: int) -> Value | None:
    amount = _amount(match.group("num") or "1", ctx)
    word = match.group("unit")
    return ("SET", _duration_value(amount, _unit(ctx, word), word)) if amount is not None else None


def _set_weekday(match: re.Match[str], ctx: DocContext, start: int) -> Value | None:
    return "SET", f"XXXX-WXX-{ctx.lex.words['weekdays'][match.group('weekday').lower()]}"


def _set_month(match: re.Match[str], ctx: DocContext, start: int) -> Value | None:
    month = ctx.lex.month_number(match.group("month"))
    return ("SET", f"XXXX-{month:02d}") if month else None


def _ref(match: re.Match[str], ctx: DocContext, start: int) -> Value | None:
    phrase = re.sub(r"\s+", " ", match.group("ref").lower())
    value = ctx.lex.words["refs"][phrase]
    # "in recent weeks", "the months ahead": a vague length of time (PXW), as TimeML writes
    return ("DURATION" if value.startswith("PX") else "DATE"), value


def _time(match: re.Match[str], ctx: DocContext, start: int) -> Value | None:
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
    day = _time_day(match, ctx, start)
    if day is None:
        return "TIME", f"XXXX-XX-XXT{hour:02d}:{minute:02d}"
    return "TIME", f"{day}T{hour:02d}:{minute:02d}"


def _time_day(match: re.Match[str], ctx: DocContext, start: int) -> str | None:
    groups = match.groupdict()
    if ctx.anchor is None:
        return None
    if groups.get("month") and ctx.lex.month_number(match.group("month")):
        month = ctx.lex.month_number(match.group("month")) or 0
        return timex.month_day(ctx.anchor, month, int(groups["day"]), tense_at(ctx, start))
    weekday = groups.get("weekday")
    if not weekday and (aside := _ASIDE_WEEKDAY.match(ctx.text, match.end())):
        weekday = aside.group(1)  # "10:35 a.m. (0735 GMT) Friday"
    if weekday and weekday.lower() in ctx.lex.words["weekdays"]:
        iso_day = ctx.lex.words["weekdays"][weekday.lower()]
        tense = tense_at(ctx, start)
        return timex.weekday(ctx.anchor, iso_day, "future" if tense == "conditional" else tense)
    offset = {"yesterday": -1, "tomorrow": 1}.get((groups.get("deix") or "").lower(), 0)
    if (
        not offset
        and ctx.last_day is not None
        and ctx.token(start).sent.start_char <= ctx.last_day_at
    ):
        return ctx.last_day.isoformat()
    return (ctx.anchor + timedelta(days=offset)).isoformat()


def _season(match: re.Match[str], ctx: DocContext, start: int) -> Value | None:
    code = ctx.lex.words["seasons"][match.group("season").lower()]
    if year := _year_of(match, ctx):
        return "DATE", f"{year}-{code}"
    rel = (match.group("rel") or "").lower().split()
    if not rel and ctx.token(match.start("season")).pos_ not in ("NOUN", "PROPN"):
        return None
    if ctx.anchor is None:
        return "DATE", f"XXXX-{code}"
    relative = rel[-1] if rel and rel[-1] in ("last", "this", "next", "past", "coming") else ""
    relative = {"past": "last", "coming": "next"}.get(relative, relative)
    return "DATE", timex.season(ctx.anchor, code, relative, tense_at(ctx, start))


def _holiday(match: re.Match[str], ctx: DocContext, start: int) -> Value | None:
    name = match.group("holiday")
    rule = ctx.lex.holidays.get(re.sub(r"\s+", " ", name.lower().replace("\u2019", "'")))
    if rule is None or ctx.anchor is None or not name[0].isupper():
        return None
    return "DATE", timex.nearest_occurrence(ctx.anchor, rule, tense_at(ctx, start)).isoformat()


def _iso(match: re.Match[str], ctx: DocContext, start: int) -> Value | None:
    value = f"{match.group('year')}-{match.group('mm')}-{match.group('dd')}"
    if match.group("hh"):
        return "TIME", f"{value}T{match.group('hh')}:{match.group('mi')}"
    return "DATE", value


def _slash(match: re.Match[str], ctx: DocContext, start: int) -> Value | None:
    year = match.group("yr")
    if len(year) == 2:
        year = ("20" if int(year) < 50 else "19") + year
    return "DATE", f"{year}-{int(match.group('mm')):02d}-{int(match.group('dd')):02d}"


def _year(match: re.Match[str], ctx: DocContext, start: int) -> Value | None:
    year = int(match.group("year"))
    token = ctx.token(match.start("year"))
    if token.ent_type_ in ("MONEY", "PERCENT", "QUANTITY", "ORDINAL"):
        return None
    if token.ent_type_ != "DATE":
        after = token.nbor(1) if token.i + 1 < len(token.doc) else None
        if after is not None and after.tag_ in ("NNS", "NNPS") and after.lower_ not in _TIME_NOUNS:
            return None
        first, last = ctx.lex.likely_years
        if not first <= year <= last and not match.group("fy"):
            return None
    return "DATE", str(year)


def _year_words(match: re.Match[str], ctx: DocContext, start: int) -> Value | None:
    year = _spoken_year(match.group("yw"), ctx.lex.numbers)
    return ("DATE", year) if year else None


def _spoken_year(text: str, numbers: NumberWords) -> str:
    """ "nineteen ninety-four" -> "1994", "two thousand and one" -> "2001"; "" if unreadable."""
    words = re.split(r"[\s-]+", text.lower())
    if words[0] == "two":
        rest = (
            numbers.parse_number(" ".join(w for w in words[2:] if w != "and"))
            if len(words) > 2
            else 0
        )
        return str(2000 + int(rest or 0))
    rest = numbers.parse_number(" ".join(words[1:]))
    return f"19{int(rest):02d}" if rest is not None else ""


def _year_of(match: re.Match[str], ctx: DocContext) -> str:
    """The year a match states, in digits or in words; "" if none."""
    groups = match.groupdict()
    if groups.get("year"):
        return groups["year"]
    return _spoken_year(groups["yearw"], ctx.lex.numbers) if groups.get("yearw") else ""


def _quarter(match: re.Match[str], ctx: DocContext, start: int) -> Value | None:
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
    number = ctx.lex.ordinals  # the pattern only lets first..fourth through
    if unit == "half":
        code = "H1" if number.get(ordinal, 2) == 1 else "H2"
        if year_text:
            return "DATE", f"{year_text}-{code}"
        if anchor is None:
            return None
        year = anchor.year + {"last": -1, "next": 1}.get((yrel or "").lower(), 0)
        if not yrel and code == "H2" and anchor.month <= 6 and tense_at(ctx, start) == "past":
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
            value = timex.quarter(anchor, number[ordinal], tense_at(ctx, start))
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


def _weekend(match: re.Match[str], ctx: DocContext, start: int) -> Value | None:
    if ctx.anchor is None:
        return None
    rel = match.group("rel").lower().split()[-1]
    tense = tense_at(ctx, start)
    saturday = date.fromisoformat(
        timex.weekday(ctx.anchor, 6, tense, {"last": "last", "next": "next"}.get(rel, ""))
    )
    return "DATE", timex.week_value(saturday) + "-WE"


def _relative(match: re.Match[str], ctx: DocContext, start: int) -> Value | None:
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


def _year_ago(match: re.Match[str], ctx: DocContext, start: int) -> Value | None:
    if ctx.last_quarter is not None:
        return "DATE", timex.shift_value(ctx.last_quarter[1], -1)
    return ("DATE", str(ctx.anchor.year - 1)) if ctx.anchor else None


def _year_end(match: re.Match[str], ctx: DocContext, start: int) -> Value | None:
    """ "by year-end": the current year (TimeML marks the end with a modifier, not the value)."""
    after = ctx.token(match.end() - 1)
    if ctx.anchor is None or (after.i + 1 < len(after.doc) and after.nbor(1).pos_ == "NOUN"):
        return None  # "year-end results" qualifies a noun
    return "DATE", str(ctx.anchor.year - (tense_at(ctx, start) == "past"))


def _the_year(match: re.Match[str], ctx: DocContext, start: int) -> Value | None:
    word = match.group("unit").lower()
    if match.group("det").lower() == "a":
        if word != "year" or _after_amount(ctx, start):
            return ("SET", f"P1{word[0].upper()}") if _after_amount(ctx, start) else None
        return "DURATION", "P1Y"
    if _PERIOD_END.match(ctx.text, match.end()) or ctx.anchor is None:
        return "DURATION", f"P1{word[0].upper()}"  # "the year ended Sept. 30": a length
    # "for the year", "the end of the month": the one under discussion, the current one
    return "DATE", timex.shift(ctx.anchor, _UNIT_CODES[word], 0)


def _pod_code(lexicon: dict[str, Any], word: str | None) -> str:
    return lexicon["parts_of_day"].get(word.lower(), "") if word else ""


def _amount(text: str, ctx: DocContext) -> float | str | None:
    """The count in a duration: a number, or "X" for vague counts ("several")."""
    text = re.sub(r"\s+", " ", text.lower())
    if text in ("a", "an"):
        return 1.0
    if text.startswith("half"):
        return 0.5
    vague = ctx.lex.words["vague_counts"]
    if text in vague:
        return vague[text] if isinstance(vague[text], int) else "X"
    if text.endswith(" 1/2"):
        base = ctx.lex.numbers.parse_number(text[:-4])
        return base + 0.5 if base is not None else None
    return ctx.lex.numbers.parse_number(text)


def _duration_value(amount: float | str, unit: str, word: str) -> str:
    """TIMEX3 duration; ``word`` tells minutes (``TM``) from months (``M``)."""
    if word.lower().startswith("min"):
        unit = "TM"
    if unit in ("2W", "Q"):
        # TimeML writes quarters as months ("the next three quarters" -> P9M)
        factor, unit = (2, "W") if unit == "2W" else (3, "M")
        return timex.duration(amount * factor if not isinstance(amount, str) else amount, unit)
    return timex.duration(amount, unit)


def _after_amount(ctx: DocContext, start: int) -> bool:
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


def _before_noun(ctx: DocContext, end: int) -> bool:
    token = ctx.token(end - 1)
    return token.i + 1 < len(token.doc) and token.nbor(1).pos_ in ("NOUN", "ADJ", "PROPN")


#: Each pattern rule of ``patterns.json`` and the normaliser that turns its match into a value.
RULES: dict[str, Callable[[re.Match[str], DocContext, int], Value | None]] = {
    "iso": _iso,
    "slash": _slash,
    "month_day": _month_day,
    "day_month": _month_day,
    "month": _month,
    "year": _year,
    "year_words": _year_words,
    "decade": _decade,
    "century": _century,
    "quarter": _quarter,
    "weekday": _weekday,
    "weekend": _weekend,
    "deictic": _deictic,
    "part_of_day": _part_of_day,
    "clock_pod": _clock_pod,
    "bare_pod": _bare_pod,
    "relative": _relative,
    "ago": _ago,
    "year_ago": _year_ago,
    "year_end": _year_end,
    "duration": _duration,
    "the_year": _the_year,
    "bare_plural": _bare_plural,
    "set": _set,
    "set_every": _set_every,
    "set_weekday": _set_weekday,
    "set_month": _set_month,
    "ref": _ref,
    "time": _time,
    "time24": _time,
    "noon": _time,
    "season": _season,
    "holiday": _holiday,
}
