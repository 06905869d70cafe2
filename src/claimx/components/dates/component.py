"""The ``claimx_dates`` factory and component: find candidates, resolve them, re-anchor quotes."""

from __future__ import annotations

import re
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from claimx.components.base import ClaimxComponent
from claimx.components.dates.context import (
    in_a_title,
    learn_named_days,
    named_day_mentions,
    named_day_value,
    reanchor_quotes,
    remember,
)
from claimx.components.dates.lexicon import DateLexicon
from claimx.components.dates.normalisers import RULES
from claimx.components.dates.records import Candidate, DocContext, Resolved, Value, Windows
from claimx.components.extensions import DATES, PUBLISHED
from claimx.normalize import timex

#: The component's data files (config setting -> packaged file under ``models/``).
DATA_FILES = {
    "lexicon": "dates/lexicon.json",
    "patterns": "dates/patterns.json",
    "holidays": "dates/holidays.json",
    "calendar": "lexicons/calendar.json",
    "numbers": "lexicons/numbers.json",
}
_DEFAULT_WINDOWS = Windows()


@Language.factory(
    "claimx_dates",
    default_config={
        "data": DATA_FILES,
        "trigger_window": _DEFAULT_WINDOWS.trigger_window,
        "prefix_window": _DEFAULT_WINDOWS.prefix_window,
        "attribution_window": _DEFAULT_WINDOWS.attribution_window,
        "quarter_memory": _DEFAULT_WINDOWS.quarter_memory,
    },
    requires=[f"doc._.{PUBLISHED}", "token.dep", "token.tag", "token.lemma", "doc.ents"],
    assigns=[f"doc._.{DATES}"],
)
def make_dates(
    nlp: Language,
    name: str,
    data: dict[str, str],
    trigger_window: int,
    prefix_window: int,
    attribution_window: int,
    quarter_memory: int,
) -> DateTagger:
    """Create the ``claimx_dates`` component: its data files (``DATA_FILES``), its windows."""
    windows = Windows(trigger_window, prefix_window, attribution_window, quarter_memory)
    return DateTagger(nlp, name, data=data, windows=windows)


class DateTagger(ClaimxComponent):
    """Finds temporal expressions and normalises them to TIMEX3 values."""

    annotations = ("DEP",)

    def __init__(
        self, nlp: Language, name: str, *, data: dict[str, str], windows: Windows = _DEFAULT_WINDOWS
    ) -> None:
        super().__init__(nlp, name, data=data)
        self.windows = windows
        self.lex: DateLexicon | None = None

    def setup(self, data: dict[str, Any]) -> None:
        """Compile the patterns and tables of the data files."""
        self.lex = DateLexicon(data)

    def process(self, doc: Doc) -> Doc:
        """Store the document's dates in ``doc._.claimx_dates``."""
        assert self.lex is not None
        anchor = timex.parse_anchor(doc._.get(PUBLISHED) or "")
        starts = doc.to_array("IDX").tolist() if len(doc) else [0]
        ctx = DocContext(doc, doc.text, anchor, starts, self.lex, self.windows)
        ctx.named_days = learn_named_days(ctx)
        found = self._resolve(self._candidates(ctx), ctx)
        reanchor_quotes(found, ctx, self._value)
        doc._.set(
            DATES,
            [
                {
                    "start": r.candidate.start,
                    "end": r.candidate.end,
                    "type": r.type,
                    "value": r.value,
                }
                for r in found
            ],
        )
        return doc

    def _candidates(self, ctx: DocContext) -> list[Candidate]:
        """Pattern matches near their triggers, plus dated named days; longest first per start."""
        text, lex = ctx.text, ctx.lex
        hits: dict[int, list[int]] = {}
        for hit in lex.trigger.finditer(text):
            key = hit.group("w").lower() if hit.group("w") else "#" + (hit.lastgroup or "")
            # "year's" (a holiday trigger, as in "New Year's") also wakes the patterns of "year"
            stem = re.split(r"['\u2019]", key)[0]
            for index in lex.owners.get(key, set()) | lex.owners.get(stem, set()):
                hits.setdefault(index, []).append(hit.start())
        found = []
        for index, positions in hits.items():
            rule, regex, _ = lex.patterns[index]
            for lo, hi in _windows(positions, len(text), self.windows.trigger_window):
                for match in regex.finditer(text, lo, hi):
                    start, end = _span(match)
                    if rule == "duration" and "-" not in match.group():
                        start = self._extend_left(ctx, start, lex.duration_prefix)
                    elif rule == "ago":
                        start = self._extend_left(ctx, start, lex.approximator_prefix)
                    if end > start:
                        found.append(
                            (start, -(end - start), index, Candidate(start, end, rule, match))
                        )
        for start, end in named_day_mentions(ctx):
            found.append((start, -(end - start), -1, Candidate(start, end, "named_day", None)))
        found.sort(key=lambda item: item[:3])
        return [item[3] for item in found]

    def _resolve(self, candidates: list[Candidate], ctx: DocContext) -> list[Resolved]:
        """Keep non-overlapping candidates, left to right, whose normaliser yields a value."""
        kept: list[Resolved] = []
        taken_until = -1
        for cand in candidates:
            if cand.start < taken_until:
                continue
            value = self._value(cand, ctx)
            if value is not None:
                kept.append(Resolved(cand, *value))
                taken_until = cand.end
        return kept

    def _extend_left(self, ctx: DocContext, start: int, prefix: re.Pattern[str]) -> int:
        """Move a duration's start over the ``prefix`` before it ("almost", "the past")."""
        found = prefix.search(ctx.text, max(start - self.windows.prefix_window, 0), start)
        return found.start() if found else start

    @staticmethod
    def _value(cand: Candidate, ctx: DocContext) -> Value | None:
        """The candidate's (type, value), or None when its rule rejects it."""
        if cand.match is None:
            return named_day_value(cand, ctx)
        if cand.rule != "holiday" and in_a_title(ctx, cand):
            return None
        value = RULES[cand.rule](cand.match, ctx, cand.start)
        if value is not None:
            remember(ctx, cand, value[1], cand.match.group())
        return value


def _span(match: re.Match[str]) -> tuple[int, int]:
    """The part of a match that is the expression: its ``span`` (or ``span2``) group, or all."""
    for name in ("span", "span2"):
        if name in match.re.groupindex and match.start(name) >= 0:
            return match.span(name)
    return match.span()


def _windows(positions: list[int], length: int, reach: int) -> list[tuple[int, int]]:
    """Merged character windows of ``reach`` on either side of each trigger position.

    Example:
        >>> _windows([10, 50, 400], 1000, 90)
        [(0, 140), (310, 490)]
    """
    windows: list[tuple[int, int]] = []
    for pos in sorted(positions):
        lo, hi = max(0, pos - reach), min(length, pos + reach)
        if windows and lo <= windows[-1][1]:
            windows[-1] = (windows[-1][0], hi)
        else:
            windows.append((lo, hi))
    return windows
