"""Claims: who said what, when, where.

Writes ``doc._.claimx_claims``: a list of dicts ``{"speaker": {"start", "end",
"name", "role", "affiliation"}, "cue": {"start", "end", "lemma"},
"content": {"start", "end"}, "kind": "direct|indirect|mixed", "date",
"channel"}`` (offsets into ``doc.text``).

Attributions come from the dependency parse and a cue lexicon
(:mod:`claimx.components.attribution.cues`), quotations from quote-mark
pairing (:mod:`claimx.components.attribution.quotes`); speakers are resolved
document-wide (:mod:`claimx.components.attribution.speakers`). A claim's date is a
calendar date attached to its cue ("said on April 4"); its channel comes
from the cue's phrases ("on Twitter", "in a statement"). Claims by the same
speaker share a date or channel that only one of them states.
"""

from __future__ import annotations

import re
from typing import Any, ClassVar

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from claimx.components.attribution.channels import channel_of
from claimx.components.attribution.cues import (
    Attribution,
    CueWords,
    Thresholds,
    find_attributions,
)
from claimx.components.attribution.quotes import quote_spans
from claimx.components.attribution.scoring import FILTER_FILE, load_filter
from claimx.components.attribution.speakers import (
    DESCRIPTION_WINDOW,
    SPEAKERS_FILE,
    SpeakerResolver,
    SpeakerWords,
    speaker_words,
)
from claimx.components.base import ClaimxComponent
from claimx.components.extensions import CLAIMS, DATES, ENTITIES, get_list

#: The component's data files (config ``data`` key -> packaged file under ``models/``).
DATA_FILES = {"cues": "claims/cues.json", "model": FILTER_FILE, "speakers": SPEAKERS_FILE}
#: A calendar day, possibly with a part of the day ("2024-03-04TNI": "last night").
_DAY = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:T.*)?$")
_WORD = re.compile(r"\w+")
#: Unquoted words a quote split around its cue may hold ("Aliyev said on Monday").
SPLIT_FRAME_WORDS = 8
#: Dependents of a cue that say when or where it was said.
PHRASE_DEPS = frozenset({"prep", "agent", "npadvmod", "advmod", "dative", "dobj", "advcl"})
#: Tokens such a phrase may hold (longer ones are clauses, not "on Monday" or "on Twitter").
MAX_PHRASE = 30


#: Score a candidate whose cue lies inside another report's content needs (chosen on
#: PolNeAR train, see models/claims/README.md).
NESTED_THRESHOLD = 0.8
#: Score a candidate whose cue lies inside a quotation needs (chosen on PolNeAR train).
QUOTED_THRESHOLD = 0.6
#: Characters a colon introduction ("Aliyev said on Monday: ...") can span back from a quotation.
COLON_REACH = 200


@Language.factory(
    "claimx_claims",
    default_config={
        "data": DATA_FILES,
        "nested_threshold": NESTED_THRESHOLD,
        "quoted_threshold": QUOTED_THRESHOLD,
        "colon_reach": COLON_REACH,
        "description_window": DESCRIPTION_WINDOW,
    },
    requires=[
        f"doc._.{ENTITIES}",
        f"doc._.{DATES}",
        "token.dep",
        "token.pos",
        "token.tag",
        "token.lemma",
        "doc.ents",
    ],
    assigns=[f"doc._.{CLAIMS}"],
)
def make_claims(
    nlp: Language,
    name: str,
    data: dict[str, str],
    nested_threshold: float,
    quoted_threshold: float,
    colon_reach: int,
    description_window: int,
) -> ClaimTagger:
    """Create the ``claimx_claims`` component. ``data`` names its data files (``DATA_FILES``:
    the cue lexicon, the trained filter, the speaker word lists); the thresholds are the scores
    a candidate nested in another report, or quoted, needs; ``colon_reach`` the characters a
    colon introduction may span; ``description_window`` the characters back a definite
    description ("the spokesman") looks for its earlier mention."""
    return ClaimTagger(
        nlp,
        name,
        data=data,
        nested_threshold=nested_threshold,
        quoted_threshold=quoted_threshold,
        colon_reach=colon_reach,
        description_window=description_window,
    )


class ClaimTagger(ClaimxComponent):
    """Finds attributed statements and resolves their speakers."""

    upstream: ClassVar[tuple[str, ...]] = (ENTITIES, DATES)
    annotations: ClassVar[tuple[str, ...]] = ("DEP", "POS", "TAG", "LEMMA", "ENT_IOB")

    def __init__(
        self,
        nlp: Language,
        name: str,
        *,
        data: dict[str, str] = DATA_FILES,
        nested_threshold: float = NESTED_THRESHOLD,
        quoted_threshold: float = QUOTED_THRESHOLD,
        colon_reach: int = COLON_REACH,
        description_window: int = DESCRIPTION_WINDOW,
    ) -> None:
        super().__init__(nlp, name, data=data)
        self.nested_threshold = nested_threshold
        self.quoted_threshold = quoted_threshold
        self.colon_reach = colon_reach
        self.description_window = description_window

    def setup(self, data: dict[str, Any]) -> None:
        """Build the cue words, the speaker word lists and the filter from the loaded files."""
        lexicon: dict[str, list[str]] = {
            lemma: entry["frames"] for lemma, entry in data["cues"]["lemmas"].items()
        }
        self.speakers = speaker_words(data["speakers"])
        self.filter, self._words = load_filter(data["model"], lexicon, self.speakers)
        self.thresholds = Thresholds(
            self.filter.threshold, self.nested_threshold, self.quoted_threshold, self.colon_reach
        )

    @property
    def words(self) -> CueWords:
        """The cue words (the data files are read first if they have not been)."""
        _ = self.data
        return self._words

    def process(self, doc: Doc) -> Doc:
        """Store the document's claims in ``doc._.claimx_claims``."""
        text = doc.text  # built anew on each access: read it once
        attributions = find_attributions(
            doc, text, self.words, quote_spans(text), self.filter.score, self.thresholds
        )
        resolver = SpeakerResolver(doc, text, self.speakers, self.description_window)
        days = _calendar_days(doc)
        claims: list[tuple[int, dict[str, Any]]] = []
        for attribution in sorted(attributions, key=_source_position):
            claim = _claim(days, text, attribution, self.speakers)
            if attribution.source is not None:
                claim["speaker"] = resolver.resolve(attribution.source).as_dict()
            claims.append((_source_position(attribution), claim))
        _share_by_speaker([c for _, c in claims])
        doc._.set(CLAIMS, [c for _, c in sorted(claims, key=lambda pc: pc[1]["content"]["start"])])
        return doc


def _source_position(attribution: Attribution) -> int:
    """Where the source stands (or the content, without one): the resolver's reading order."""
    if attribution.source is not None:
        return attribution.source.idx
    return attribution.content[0]


def _claim(
    days: dict[int, tuple[int, str]],
    text: str,
    attribution: Attribution,
    words: SpeakerWords,
) -> dict[str, Any]:
    """The claim dict for an attribution, without its speaker."""
    start, end = attribution.content
    cue = {"start": 0, "end": 0, "lemma": ""}
    date = channel = ""
    if attribution.cue is not None:
        span = attribution.cue
        cue = {"start": span.start_char, "end": span.end_char, "lemma": attribution.lemma.lower()}
        phrases = _cue_phrases(span, attribution.source)
        outside = [t for t in phrases if not _in_content(t.idx, attribution)]
        date = _date_near(days, outside)
        channel = channel_of(span, attribution.source, {t.i for t in outside}, words)
    kind = _kind(text, attribution, cue)
    return {
        "speaker": {"start": 0, "end": 0, "name": "", "role": "", "affiliation": ""},
        "cue": cue,
        "content": {"start": start, "end": end},
        "kind": kind,
        "date": date,
        "channel": channel,
    }


def _in_content(at: int, attribution: Attribution) -> bool:
    """Whether offset ``at`` lies in the content: inside one of its quotations, or for an
    unquoted content inside its span (a quote split around its cue holds the frame)."""
    if attribution.quotes:
        return any(start <= at < end for start, end in attribution.quotes)
    return attribution.content[0] <= at < attribution.content[1]


def _kind(text: str, attribution: Attribution, cue: dict[str, Any]) -> str:
    """direct: the content is quoted (a quote split around its cue counts); mixed: partly."""
    if not attribution.quotes:
        return "indirect"
    start, end = attribution.content
    unquoted, position = [], start
    for quote_start, quote_end in sorted(attribution.quotes):
        unquoted.append(text[position : max(position, quote_start)])
        position = max(position, quote_end)
    unquoted.append(text[position:end])
    words = len(_WORD.findall(" ".join(unquoted)))
    split_around_cue = start <= cue["start"] < end and words <= SPLIT_FRAME_WORDS
    return "direct" if words == 0 or split_around_cue else "mixed"


def _cue_phrases(cue: Span, source: Token | None) -> list[Token]:
    """Tokens of the adverbial and prepositional dependents of the cue and source ("Aliyev on
    February 26 said", "said on Twitter")."""
    heads = [*cue, source] if source is not None else list(cue)
    return [
        t
        for head in heads
        for child in head.children
        if child.dep_ in PHRASE_DEPS and child.right_edge.i - child.left_edge.i < MAX_PHRASE
        for t in child.subtree
    ]


def _calendar_days(doc: Doc) -> dict[int, tuple[int, str]]:
    """Start offset -> (list position, YYYY-MM-DD value) of the doc's calendar dates."""
    days: dict[int, tuple[int, str]] = {}
    for position, date in enumerate(get_list(doc, DATES)):
        day = _DAY.match(str(date.get("value", "")))
        start = date.get("start")
        if isinstance(start, int) and day and start not in days:
            days[start] = (position, day.group(1))
    return days


def _date_near(days: dict[int, tuple[int, str]], tokens: list[Token]) -> str:
    """The calendar date (YYYY-MM-DD) of a date expression among ``tokens``, or ""."""
    found = [days[t.idx] for t in tokens if t.idx in days]
    return min(found)[1] if found else ""


def _share_by_speaker(claims: list[dict[str, Any]]) -> None:
    """Give a speaker's undated (channel-less) claims the one date (channel) it states."""
    for key in ("date", "channel"):
        values: dict[str, set[str]] = {}
        for claim in claims:
            name = claim["speaker"]["name"]
            if name and claim[key]:
                values.setdefault(name, set()).add(claim[key])
        for claim in claims:
            known = values.get(claim["speaker"]["name"], set())
            if not claim[key] and len(known) == 1:
                claim[key] = next(iter(known))
