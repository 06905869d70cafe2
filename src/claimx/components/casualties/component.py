"""The ``claimx_casualties`` factory and component: find counts, tie them to outcomes, fill
in their context, reconcile them into one record per stated count."""

from __future__ import annotations

import math
from bisect import bisect_right
from dataclasses import asdict
from typing import Any, ClassVar

from spacy.language import Language
from spacy.tokens import Doc

from claimx.components.base import ClaimxComponent
from claimx.components.casualties.context import ContextReader
from claimx.components.casualties.counts import CountFinder, listed_after
from claimx.components.casualties.lexicon import Vocabulary
from claimx.components.casualties.outcomes import OutcomeReader
from claimx.components.casualties.reconcile import default_groups, keep, nest_in_tolls, reconcile
from claimx.components.casualties.records import Count, Found, Record, Settings
from claimx.components.extensions import CASUALTIES, DATES, ENTITIES, FIGURES, get_list

#: The component's data files (config setting -> packaged file under ``models/``).
DATA_FILES = {
    "outcomes": "casualties/outcomes.json",
    "groups": "casualties/groups.json",
    "causes": "casualties/causes.json",
    "numbers": "lexicons/numbers.json",
    "calendar": "lexicons/calendar.json",
    "qualifiers": "figures/qualifiers.json",
}
#: People detained or arrested are suspects, not victims: no records (ANNOTATION.md).
_NOT_VICTIMS = {"detained"}
_SEPARATE = {"separate", "separately", "unrelated", "elsewhere"}
_NEW_VICTIM = {"second", "third", "fourth", "other"}
_DEFAULTS = Settings()


@Language.factory(
    "claimx_casualties",
    default_config={"data": DATA_FILES, "settings": asdict(_DEFAULTS)},
    requires=[
        f"doc._.{DATES}",
        f"doc._.{FIGURES}",
        f"doc._.{ENTITIES}",
        "token.dep",
        "token.tag",
        "token.lemma",
        "doc.ents",
    ],
    assigns=[f"doc._.{CASUALTIES}"],
)
def make_casualties(
    nlp: Language, name: str, data: dict[str, str], settings: dict[str, Any]
) -> CasualtyTagger:
    """Create the ``claimx_casualties`` component: its data files (``DATA_FILES``), its
    tuning values (``settings``, the fields of :class:`Settings`)."""
    return CasualtyTagger(nlp, name, data=data, settings=Settings(**settings))


class CasualtyTagger(ClaimxComponent):
    """Finds counts of victims killed, injured, missing, kidnapped, detained or displaced."""

    upstream: ClassVar[tuple[str, ...]] = (DATES, FIGURES)
    annotations: ClassVar[tuple[str, ...]] = ("DEP", "TAG", "ENT_IOB")

    def __init__(
        self, nlp: Language, name: str, *, data: dict[str, str], settings: Settings = _DEFAULTS
    ) -> None:
        super().__init__(nlp, name, data=data)
        self.settings = settings
        self.vocab = nlp.vocab

    def setup(self, data: dict[str, Any]) -> None:
        """Build the lexicons and the stages that read with them."""
        words = Vocabulary(data, self.vocab)
        self.genders = words.lex.genders
        self.counts = CountFinder(words, self.settings)
        self.outcomes = OutcomeReader(words, self.settings)
        self.context = ContextReader(words, self.settings)

    def process(self, doc: Doc) -> Doc:
        """Store the document's casualty counts in ``doc._.claimx_casualties``."""
        records: list[Record] = []
        figures = sorted(get_list(doc, FIGURES), key=lambda f: f["start"])
        figure_starts = [f["start"] for f in figures]
        sentences = list(doc.sents)
        starts = [sent.start for sent in sentences]
        lede = set(starts[: self.settings.lede_sentences])
        previous: Count | None = None
        for count in self.counts.find(doc):
            count.sent = sentences[bisect_right(starts, count.head.i) - 1]
            found = self.outcomes.outcome(doc, count)
            if previous is not None and previous.nested and listed_after(doc, previous, count):
                count.nested = True  # "including nine Italians, seven Japanese and one Indian"
            previous = count
            if found is None and not count.nested:
                continue
            record = self._record(doc, count, found, (figures, figure_starts), lede)
            if record is not None:
                records.append(record)
        records = reconcile(records, self.genders, self.settings.lookback)
        self.outcomes.fatal_event(doc, records)
        self.context.fill(doc, records)
        records = nest_in_tolls(records)
        default_groups(records)
        victims = keep([r for r in records if r.outcome not in _NOT_VICTIMS])
        index = {record: i for i, record in enumerate(victims)}
        doc._.set(CASUALTIES, [record.as_dict(index) for record in victims])
        return doc

    def _record(
        self,
        doc: Doc,
        count: Count,
        found: Found | None,
        figures: tuple[list[dict[str, Any]], list[int]],
        lede: set[int],
    ) -> Record | None:
        """The record of a count, its number refined by the figure over it; None when
        that number is not a plausible toll (infinite, absurd)."""
        start = doc[count.start].idx
        end = doc[count.end - 1].idx + len(doc[count.end - 1])
        low, high, qualifier = count.low, count.high, count.qualifier
        number_end = doc[count.start].idx + len(doc[count.start])
        listed, starts = figures
        at = bisect_right(starts, number_end - 1) - 1  # the last figure starting in the number
        if at >= 0 and start < listed[at]["end"]:
            figure = listed[at]
            if figure.get("low", low) <= low <= figure.get("high", high):
                low, high = float(figure["low"]), float(figure["high"])
                qualifier = str(figure.get("qualifier", qualifier)) or qualifier
        finite = math.isfinite(low) and math.isfinite(high)
        if not (finite and 0 < low <= high <= self.settings.max_count) or count.sent is None:
            return None
        first = doc[count.start]
        return Record(
            start=start,
            end=end,
            outcome=found.outcome if found else "",
            count=(low + high) / 2,
            low=low,
            high=high,
            qualifier=qualifier,
            group=count.group,
            single=count.single,
            key=count.key,
            proper=count.proper,
            separate=any(t.lower_ in _SEPARATE for t in count.sent[:4]),
            nested=count.nested,
            anaphor=count.anaphor,
            new=any(t.lower_ in _NEW_VICTIM for t in doc[count.start : count.end])
            or (first.lower_ == "another" and bool(first.is_sent_start)),
            another=first.lower_ == "another",
            lemma=count.head.lemma_.lower(),
            conjuncts=frozenset(t.i for t in count.head.conjuncts),
            weak=bool(found and found.weak),
            revision=bool(found and found.revision),
            sent=count.sent.start,
            lede=count.sent.start in lede,
            sentence=count.sent,
            head=count.head.i,
        )
