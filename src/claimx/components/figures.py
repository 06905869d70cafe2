"""Figures: every number that states an amount.

Writes ``doc._.claimx_figures``: one dict per figure, the ``figures`` items of
the claimx/1 schema (``claimx/schema/claimx-1.schema.json``) without ``id`` and
``claim`` (offsets into ``doc.text``; finite floats only).

A figure is a number in digits or words, a fraction ("two-thirds of") or a
vague magnitude ("hundreds of thousands", low..high an order of magnitude
wide, qualifier ``~``), with what is written around it: a currency (unit =
ISO code, kind ``money``), a unit (``percent``, durations, ages, measures), a
qualifier ("about" -> ``~``, "more than" -> ``>``) and a second number that
makes it a range ("between 5 and 7", "10-15", "5 to 7 miles"). Kinds:
count, money, percent, duration, age, measure, multiple, fraction. Counts
take the counted noun's lemma as unit.

Not figures: years and days of the month, times of day, ordinals, numbers in
names ("Resolution 242", "iPhone 11"), list numbering, phone numbers and numeric dates.
"""

from __future__ import annotations

import bisect
import itertools
import math
import re
from dataclasses import dataclass
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Token

from claimx.components.base import ClaimxComponent
from claimx.components.extensions import DATES, FIGURES, get_list
from claimx.normalize.money import Currencies
from claimx.normalize.numbers import NumberWords, alternation
from claimx.normalize.units import Units

_TIME_AFTER = re.compile(
    r"^\s?(?:[ap]\.?m\b\.?|[AP]\.?M\b\.?|o'clock|(?:GMT|UTC|EDT|EST|EET|BST|CET|CEST|PST|PDT|"
    r"CST|CDT|MSK|ET|PT|local time|hrs|hours GMT)\b)"
)
_NOT_AMOUNT_AFTER = re.compile(r"^(?:st|nd|rd|th|s|'s|’s)\b")
_YEAR_BEFORE = re.compile(
    r"(?:\b(?:in|since|until|till|during|before|after|circa|early|late|mid|"
    r"summer|winter|spring|autumn|fall|A\.?D\.?|B\.?C\.?|c\.)|’|')\s*$",
    re.IGNORECASE,
)
_NAME_MARK_BEFORE = re.compile(r"(?:\bNo\.?|\bno\.|#|\bnumber|\bNumber)\s*$")
_LIST_ITEM = re.compile(r"(?:^|\n)[ \t]*$")
_LIST_ITEM_AFTER = re.compile(r"^[.)]\s")
_NOT_FIGURES = re.compile(
    r"(?:\+\d{1,3}[\s.-]?)?\(?\b\d{3}\)?[\s.-]\d{3}[\s.-]\d{4}\b"
    r"|\b\d{4}-\d{1,2}-\d{1,2}\b|\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b"
)
#: A number does not start right after a word, a decimal point or separator, a slash or colon
#: (paths, times) or a percent sign (URL escapes: %20, %2F).
_NOT_GLUED = r"(?<![\w.,/:%])"
_MINUS_BEFORE = re.compile(r"(?i:\bminus)[\s-]?$")
_DENOMINATORS = (2, 3, 4, 5, 8, 16)
_CODE_BEFORE = re.compile(r"[A-Za-z]\w*-\d+-$")
_SEASON_BEFORE = re.compile(r"\b(?:1[89]|20)\d\d[-–/]$")
_HYPHEN_WORD_BEFORE = re.compile(r"([A-Za-z][\w&.]*)-$")
_BETWEEN_BEFORE = re.compile(r"(?i:\bbetween)\s+$")
_FROM_BEFORE = re.compile(r"(?i:\bfrom)\s+$")
_RANGE_LINK = re.compile(r"^\s*(?:-|–|—|to|to-|-to-|through|thru|up to)\s*$", re.IGNORECASE)
_AND_LINK = re.compile(r"^\s*and\s*$", re.IGNORECASE)
_FROM_TO_LINK = re.compile(r"^[^,;()]{0,30}?\s(?:to|up to)\s+$", re.IGNORECASE)
_PER_UNIT = re.compile(r"/([A-Za-z]\w*)")
_TIGHT_LINK = re.compile(r"^[-–]$")
_AGED_BEFORE = re.compile(r"(?i:\b(?:aged|age of|ages of))\s+$")
_OF_CURRENCY = re.compile(r"^\s+of\s+")
_ONE_PRONOUN_BEFORE = re.compile(
    r"(?i:\b(?:the|same|this|that|each|every|any|no|which|another|little|loved|young|"
    r"only|other|right|wrong|new|old|big|small|last|first|next))\s+$"
)
_ONE_PRONOUN_AFTER = re.compile(r"^(?:\s+another\b|-(?![Dd]ay|[Yy]ear|[Hh]our|[Ww]eek|[Mm]onth))")
_HALF_BEFORE = re.compile(
    r"(?i:\b(?:the|a|an|first|second|third|fourth|final|latter|former|other|each|this|that|"
    r"last|next|its|his|her|their|our|my|your))\s+$"
)
_FRACTION_OF = re.compile(r"^\s+of\b")
_HALF_OF = re.compile(
    r"^\s+(?:of|the|a|an|its|their|his|her|our|my|your|this|that|these|those|all)\b",
    re.IGNORECASE,
)


def _core_pattern(lex: dict[str, Any], money: Currencies) -> re.Pattern[str]:
    """The regex for a number's core: digits (with a scale), words, a fraction or a vague size."""
    word = alternation([*lex["units"], *lex["tens"], *lex["scales"], *lex["multiples"]])
    scale = alternation([*lex["scales"]])
    numerator = alternation(["a", *lex["units"]])
    denominator = alternation([*lex["fractions"]])
    vague = alternation([w for w in lex["vague"] if w != "tens"])
    attached = [p for p in money.prefixes() if re.search(r"[\w.]$", p)]
    after_prefix = "|".join(f"(?<={re.escape(p)})" for p in attached)
    scale_words = alternation(
        [w for w in [*lex["scale_abbreviations"], *lex["scales"]] if len(w) > 1]
    )
    digits = (
        rf"(?=[-−]?\d)(?:{after_prefix}|{_NOT_GLUED})"
        r"(?:[-−](?=\d))?(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.\d+)?(?![\d:])"
        rf"(?:[\s-]?(?:{scale_words})\b|(?-i:[kKmMbB]|bn)(?![^\W_])|\s(?-i:[MB])(?![^\W_]))?"
        rf"|{_NOT_GLUED}\.\d+(?![\d:])"
    )
    return re.compile(
        r"(?:(?<![^\W\d_])|(?=\d))"
        rf"(?:(?P<vague>(?<!\w)(?:(?:tens|dozens|hundreds|scores)\s+of\s+)?(?:{vague})(?!\w)"
        rf"|(?<!\w)(?:several|a\s+few|few)\s+(?:{scale}|dozen)(?!\w))"
        rf"|(?P<fold>(?<![\w-])(?:{word}|\d+(?:\.\d+)?)[\s-]?fold(?!\w))"
        rf"|(?P<fraction>(?<![\w-])(?:(?:{numerator})[\s-]+(?:{denominator})|half)(?!\w))"
        rf"|(?P<words>(?<![\w-])(?:a\s+(?=(?:{scale}|dozen)\b))?(?:{word})"
        rf"(?:(?:[\s-]+|(?<=hundred)\s+and\s+|(?<=thousand)\s+and\s+)(?:{word}))*"
        r"(?:\s+and\s+a\s+half)?(?!\w))"
        rf"|(?P<ratio>{_NOT_GLUED}(?:\d+\s)?\d{{1,2}}/\d{{1,2}}(?![\d/]))"
        rf"|(?P<digits>{digits}))",
        re.IGNORECASE,
    )


@dataclass
class _Figure:
    """A figure being built: offsets, value and what was read around its number."""

    start: int
    end: int
    value: float
    low: float
    high: float
    num_start: int
    num_end: int
    group: str
    qualifier: str = "="
    unit: str = ""
    kind: str = "count"
    scale: float = 1.0
    raw: float = 0.0
    has_unit: bool = False
    body_start: int = 0

    def is_finite(self) -> bool:
        """Whether value, low and high are all finite (a 400-digit number is no figure)."""
        return math.isfinite(self.value) and math.isfinite(self.low) and math.isfinite(self.high)

    def as_dict(self) -> dict:
        """The figure as the plain dict stored in ``doc._.claimx_figures``."""
        return {
            "start": self.start,
            "end": self.end,
            "value": float(self.value),
            "low": float(self.low),
            "high": float(self.high),
            "qualifier": self.qualifier,
            "unit": self.unit,
            "kind": self.kind,
        }


@dataclass(frozen=True)
class _Tables:
    """What a figures component reads with, built from its data files."""

    pattern: re.Pattern[str]
    numbers: NumberWords
    units: Units
    money: Currencies
    month_before: re.Pattern[str]
    month_after: re.Pattern[str]
    change_lemmas: frozenset[str]
    years: tuple[int, int, int]  # earliest, first and last likely year


#: The component's data files (config setting -> packaged file under ``models/``).
DATA_FILES = {
    "numbers": "lexicons/numbers.json",
    "calendar": "lexicons/calendar.json",
    "units": "figures/units.json",
    "qualifiers": "figures/qualifiers.json",
    "currencies": "figures/currencies.json",
    "changes": "figures/changes.json",
}


@Language.factory(
    "claimx_figures",
    default_config={"data": DATA_FILES},
    requires=[f"doc._.{DATES}", "token.tag", "token.dep", "token.lemma", "doc.ents"],
    assigns=[f"doc._.{FIGURES}"],
)
def make_figures(nlp: Language, name: str, data: dict[str, str]) -> FigureTagger:
    """Create the ``claimx_figures`` component: its data files (``DATA_FILES``)."""
    return FigureTagger(nlp, name, data=data)


class FigureTagger(ClaimxComponent):
    """Finds figures (amounts) and normalises their values."""

    upstream = (DATES,)
    annotations = ("TAG", "DEP")

    def setup(self, data: dict[str, Any]) -> None:
        """Compile the number pattern and the unit, currency and calendar tables."""
        money = Currencies(data["currencies"])
        months = sorted({m.capitalize() for m in data["calendar"]["months"]}, key=len, reverse=True)
        month = f"(?:{'|'.join(months)})"
        years = data["calendar"]["years"]
        self.tables = _Tables(
            pattern=_core_pattern(data["numbers"], money),
            numbers=NumberWords(data["numbers"]),
            units=Units(data["units"], data["qualifiers"]),
            money=money,
            month_before=re.compile(rf"\b{month}\.?,?\s+$"),
            month_after=re.compile(rf"^(?:st|nd|rd|th)?,?\s+(?:of\s+)?{month}\b"),
            change_lemmas=frozenset(data["changes"]["lemmas"]),
            years=(years["earliest"], *years["likely"]),
        )

    def process(self, doc: Doc) -> Doc:
        """Store the document's figures in ``doc._.claimx_figures``."""
        text = doc.text
        skipped = [m.span() for m in _NOT_FIGURES.finditer(text)]  # sorted, disjoint
        skipped_starts = [start for start, _ in skipped]
        reader = _DocReader(doc, self.tables)
        figures = []
        for match in self.tables.pattern.finditer(text):
            before = bisect.bisect_right(skipped_starts, match.start()) - 1
            if before >= 0 and match.start() < skipped[before][1]:
                continue
            figure = _read(text, match, reader)
            if figure is not None:
                figures.append(figure)
        joined = _join_ranges(text, figures, reader)
        doc._.set(FIGURES, [f.as_dict() for f in joined if f.is_finite()])
        return doc


class _DocReader:
    """Looks up the tokens, entities and dates around a character offset."""

    def __init__(self, doc: Doc, tables: _Tables) -> None:
        self.doc = doc
        self.t = tables
        self._starts: list[int] | None = None
        self.dates = sorted(
            (d["start"], d["end"])
            for d in get_list(doc, DATES)
            if d.get("type") in ("DATE", "TIME")
        )
        self._date_starts = [start for start, _ in self.dates]
        # the furthest end among the dates up to each one: a date holding ``start`` ends there
        self._reach = list(itertools.accumulate((end for _, end in self.dates), max))

    def token_at(self, offset: int) -> Token:
        """The token covering character ``offset``."""
        if self._starts is None:
            self._starts = [token.idx for token in self.doc]
        return self.doc[max(bisect.bisect_right(self._starts, offset) - 1, 0)]

    def in_date(self, start: int, end: int) -> bool:
        """Whether ``start..end`` lies inside a date or time found by claimx_dates."""
        last = bisect.bisect_right(self._date_starts, start) - 1
        return last >= 0 and end <= self._reach[last]


def _read(text: str, match: re.Match[str], reader: _DocReader) -> _Figure | None:
    """Build the figure around one core match, or None when it is not an amount."""
    group = match.lastgroup or ""
    start, end = match.span()
    core = match.group(0)
    numbers = reader.t.numbers
    low = high = None
    if group == "vague":
        bounds = numbers.vague_range(core)
        if bounds is None:
            return None
        low, high = bounds
        value = (low + high) / 2
    elif group == "fold":
        value = numbers.parse_number(re.sub(r"[\s-]?fold$", "", core, flags=re.IGNORECASE)) or 0.0
    elif group == "fraction":
        value = numbers.fraction_value(core) or 0.0
        if not _is_fraction(text, start, end, core):
            return None
    elif group == "ratio":
        whole, _, ratio = core.rpartition(" ")
        numerator, denominator = (int(n) for n in ratio.split("/"))
        if not 0 < numerator < denominator or denominator not in _DENOMINATORS:
            return None
        value, group = int(whole or 0) + numerator / denominator, "fraction"
    else:
        value = numbers.parse_number(core)
        if value is None:
            return None
    low, high = (value, value) if low is None or high is None else (low, high)
    figure = _Figure(start, end, value, low, high, start, end, group, body_start=start)
    figure.raw = numbers.parse_number(re.sub(r"(?i)\s?[a-z]+$", "", core)) or value
    figure.scale = value / figure.raw if figure.raw else 1.0
    if group == "vague":
        figure.qualifier = "~"
    elif group == "fold":
        figure.unit, figure.kind, figure.has_unit = "times", "multiple", True
    elif group == "fraction":
        figure.kind = "fraction" if value < 1 else "count"
        figure.raw, figure.scale = value, 1.0
    if group == "words" and not _is_number_word(text, start, end, core, reader):
        return None
    if group == "digits" and not _digits_context(text, figure):
        return None
    if _TIME_AFTER.match(text[end : end + 12]):
        return None
    _read_right(text, figure, reader.t)
    _read_left(text, figure, reader.t)
    if _is_not_amount(text, figure, reader):
        return None
    if not figure.has_unit and figure.kind == "count":
        figure.unit = _counted_noun(reader, figure.end - 1)
    return figure


def _is_fraction(text: str, start: int, end: int, core: str) -> bool:
    words = re.split(r"[\s-]+", core.lower())
    after = text[end : end + 12]
    if words == ["half"]:
        return bool(_HALF_OF.match(after)) and not _HALF_BEFORE.search(
            text[max(0, start - 12) : start]
        )
    if words[0] in ("a", "one") or not words[-1].endswith("s"):
        return bool(_FRACTION_OF.match(after))
    return True


def _is_number_word(text: str, start: int, end: int, core: str, reader: _DocReader) -> bool:
    token = reader.token_at(start)
    if token.tag_ != "CD" and not core.lower().startswith("a "):
        return False
    if (
        core.lower() in reader.t.numbers.lexicon["scales"]
        or text[max(0, start - 4) : start].lower() == "per "
    ):
        return False
    if core.lower() == "one":
        before = text[max(0, start - 12) : start]
        if _ONE_PRONOUN_BEFORE.search(before) or _ONE_PRONOUN_AFTER.match(text[end : end + 10]):
            return False
    return True


def _digits_context(text: str, figure: _Figure) -> bool:
    """Check the characters around a digit core; set its sign. False for non-amounts."""
    start, end = figure.start, figure.end
    before = text[max(0, start - 12) : start]
    if _SEASON_BEFORE.search(before) or _CODE_BEFORE.search(before):
        return False
    if before.endswith("-"):
        word = _HYPHEN_WORD_BEFORE.search(before)
        if word and word.group(1).lower() == "minus":
            _negate(figure)
            figure.start -= len(word.group(0))
        elif word and word.group(1).lower() != "sub" and not word.group(1).islower():
            return False
    elif _MINUS_BEFORE.search(before):
        _negate(figure)
        figure.start -= len(_MINUS_BEFORE.search(before).group(0))
    return not _NOT_AMOUNT_AFTER.match(text[end : end + 3])


def _negate(figure: _Figure) -> None:
    figure.value, figure.low, figure.high = -figure.value, -figure.high, -figure.low
    figure.raw = -figure.raw


def _read_right(text: str, figure: _Figure, tables: _Tables) -> None:
    """Read a currency, unit or trailing qualifier after the number."""
    money, units = tables.money, tables.units
    after = text[figure.end : figure.end + 40]
    if figure.group == "vague":
        of = _OF_CURRENCY.match(after)
        if of and money.currency_after(" " + after[of.end() :]):
            length, code = money.currency_after(" " + after[of.end() :])
            figure.unit, figure.kind, figure.has_unit = code, "money", True
            figure.end += of.end() + length - 1
        return
    if figure.group == "fold":
        return
    found = money.currency_after(after)
    if found is None and figure.scale > 1:
        found = money.ambiguous_after(after)
    if found is not None:
        length, code = found
        figure.unit, figure.kind, figure.has_unit = code, "money", True
        figure.end += length
    else:
        unit = units.unit_after(after)
        if unit is not None:
            length, figure.unit, figure.kind = unit
            figure.has_unit = True
            figure.end += length
            per = _PER_UNIT.match(text, figure.end)
            if per and figure.kind == "measure":
                figure.unit += "/" + per.group(1)
                figure.end = per.end()
    trailing = units.qualifier_after(text[figure.end : figure.end + 15])
    if trailing is not None:
        figure.qualifier = trailing[1]
        figure.end += trailing[0]


def _read_left(text: str, figure: _Figure, tables: _Tables) -> None:
    """Read a currency sign and a qualifier before the number."""
    money, units = tables.money, tables.units
    before = text[max(0, figure.start - 40) : figure.start]
    if figure.group != "vague":
        found = money.currency_before(before)
        if found is not None:
            length, code = found
            if figure.kind != "money" or not figure.unit:
                figure.unit, figure.kind, figure.has_unit = code, "money", True
            figure.start -= length
            before = before[:-length]
    figure.body_start = figure.start
    qualifier = units.qualifier_before(before)
    if qualifier is not None and figure.group != "vague":
        figure.qualifier = qualifier[1]
        figure.start -= qualifier[0]
    elif _AGED_BEFORE.search(before) and not figure.has_unit:
        figure.unit, figure.kind = "year", "age"


def _is_not_amount(text: str, figure: _Figure, reader: _DocReader) -> bool:
    """Years, days of the month, times, numbers in names, list numbering."""
    start, end = figure.num_start, figure.num_end
    before = text[max(0, figure.start - 30) : figure.start]
    after = text[end : end + 20]
    core = text[start:end]
    integer = core.isdigit()
    if (
        integer
        and figure.value <= 31
        and figure.kind not in ("money", "percent")
        and (
            reader.t.month_before.search(before) or reader.t.month_after.match(text[end : end + 16])
        )
    ):
        return True
    if figure.has_unit or figure.group in ("vague", "fold", "fraction"):
        return False
    if reader.in_date(start, end):
        return True
    if integer and _is_year(text, figure, core, before, reader):
        return True
    if _NAME_MARK_BEFORE.search(before):
        return True
    if integer and _LIST_ITEM.search(before) and _LIST_ITEM_AFTER.match(after):
        return True
    return figure.scale == 1 and _in_name(text, figure, reader)


def _is_year(text: str, figure: _Figure, core: str, before: str, reader: _DocReader) -> bool:
    if len(core) != 4 or figure.qualifier != "=":
        return False
    earliest, first, last = reader.t.years
    if first <= figure.value <= last:
        token = reader.token_at(figure.num_start)
        head = token.head if token.dep_ == "nummod" else None
        return head is None or head.tag_ != "NNS" or token.ent_type_ == "DATE"
    if figure.value < earliest or figure.value > last:
        return False
    return (
        bool(_YEAR_BEFORE.search(before)) or reader.token_at(figure.num_start).ent_type_ == "DATE"
    )


def _in_name(text: str, figure: _Figure, reader: _DocReader) -> bool:
    """A number right after a proper name ("Resolution 242", "BBC One", "TA-35")."""
    if figure.start == 0 or not text[figure.start - 1].isspace():
        return False
    token = reader.token_at(figure.num_start)
    if token.i == 0:
        return False
    previous = token.doc[token.i - 1]
    if previous.idx + len(previous.text) > figure.start:
        return False
    named = any(c.isupper() for c in previous.text[1:]) or (
        previous.text[:1].isupper() and previous.pos_ in ("PROPN", "NOUN", "X")
    )
    if not named or (previous.is_sent_start and previous.pos_ != "PROPN"):
        return False
    following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    is_age = (
        previous.ent_type_ == "PERSON"
        and following is not None
        and following.pos_ in ("VERB", "AUX")
    )
    return not is_age


def _counted_noun(reader: _DocReader, offset: int) -> str:
    """The lemma of the noun right after a number ("20 young citizens" -> "citizen"), else ""."""
    doc = reader.doc
    index = reader.token_at(offset).i + 1
    for token in doc[index : index + 4]:
        if token.pos_ == "NOUN" and token.dep_ not in ("compound", "amod"):
            return token.lemma_.lower()
        if token.pos_ not in ("ADJ", "NOUN", "PROPN") or token.dep_ not in ("amod", "compound"):
            return ""
    return ""


def _join_ranges(text: str, figures: list[_Figure], reader: _DocReader) -> list[_Figure]:
    """Join "A-B" first, then "between A and B", "A to B" and "from A ... to B", into ranges."""
    for tight in (True, False):
        out: list[_Figure] = []
        for figure in figures:
            if out and _joins(text, out[-1], figure, tight, reader):
                out[-1] = _range(out[-1], figure)
            else:
                out.append(figure)
        figures = out
    return figures


def _joins(text: str, first: _Figure, second: _Figure, tight: bool, reader: _DocReader) -> bool:
    if first.low != first.high or second.low != second.high or second.start < first.end:
        return False
    link = text[first.end : second.body_start]
    if tight:
        return bool(_TIGHT_LINK.match(link)) and second.start == second.body_start
    before = text[max(0, first.start - 10) : first.start]
    from_before = bool(_FROM_BEFORE.search(before))
    if not from_before and first.has_unit and _after_change(reader, first):
        return False
    if _AND_LINK.match(link):
        linked = bool(_BETWEEN_BEFORE.search(before))
    elif _RANGE_LINK.match(link):
        linked = True
    else:
        linked = from_before and bool(_FROM_TO_LINK.match(link))
    if not linked:
        return False
    if first.kind == second.kind and first.unit == second.unit:
        return True
    if not first.has_unit:
        return True
    return from_before and not second.has_unit and second.kind == "count"


def _after_change(reader: _DocReader, figure: _Figure) -> bool:
    """Whether a word of change ("rose", "down", "by") comes right before the figure.

    After it, "A to B" with a unit on A is a change and a new level ("rose $1 to $78").
    """
    token = reader.token_at(figure.start)
    if token.i == 0:
        return False
    return reader.doc[token.i - 1].lemma_.lower() in reader.t.change_lemmas


def _range(first: _Figure, second: _Figure) -> _Figure:
    low_value = first.value
    if second.scale > 1 and first.scale == 1 and abs(first.raw) <= abs(second.raw):
        low_value = first.raw * second.scale
    low, high = sorted((low_value, second.value))
    if second.has_unit:
        unit, kind = second.unit, second.kind
    elif first.has_unit:
        unit, kind = first.unit, first.kind
    else:
        unit = second.unit or first.unit
        kind = first.kind if first.kind != "count" else second.kind
    return _Figure(
        first.start,
        second.end,
        (low + high) / 2,
        low,
        high,
        first.num_start,
        second.num_end,
        "range",
        qualifier=first.qualifier,
        unit=unit,
        kind=kind,
        has_unit=first.has_unit or second.has_unit,
        body_start=first.body_start,
    )
