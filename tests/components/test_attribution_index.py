"""The position indexes that attach quotations answer as a scan of every report would."""

from __future__ import annotations

import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

from claimx.components.attribution.cues import Attribution
from claimx.components.attribution.index import CueIndex, ReportIndex

NLP = spacy.blank("en")
DOC = NLP("Officials said the toll rose, and the ministry added that talks would resume.")
SPEAKER = DOC[0]

contents = st.tuples(st.integers(0, 300), st.integers(1, 80)).map(lambda p: (p[0], p[0] + p[1]))
reports = st.lists(st.tuples(contents, st.booleans(), st.booleans()), max_size=40)


def build(spec: list[tuple[tuple[int, int], bool, bool]]) -> list[Attribution]:
    return [
        Attribution(None, "say", SPEAKER if sourced else None, content, quoted=quoted)
        for content, sourced, quoted in spec
    ]


def scan_overlapping(found: list[Attribution], start: int, end: int) -> list[Attribution]:
    return [a for a in found if min(end, a.content[1]) > max(start, a.content[0])]


def scan_last_before(found: list[Attribution], start: int) -> Attribution | None:
    previous = [a for a in found if a.content[1] <= start and a.source is not None and not a.quoted]
    return max(previous, key=lambda a: a.content, default=None)


@settings(max_examples=200, deadline=None)
@given(reports, st.lists(st.tuples(contents, st.booleans()), min_size=1, max_size=20))
def test_report_index_matches_a_scan_while_contents_grow(
    spec: list[tuple[tuple[int, int], bool, bool]], quotes: list[tuple[tuple[int, int], bool]]
) -> None:
    found = build(spec)
    index = ReportIndex(found)
    for (start, end), grow in quotes:
        assert index.overlapping(start, end) == scan_overlapping(found, start, end)
        assert index.last_before(start) is scan_last_before(found, start)
        hits = scan_overlapping(found, start, end)
        if grow and hits:  # a quotation joins a report: its content widens
            index.grow(hits[0], start, end)
        elif grow:  # or becomes a report of its own
            found.append(Attribution(None, "say", SPEAKER, (start, end)))
            index.add(found[-1])


def test_last_before_prefers_the_latest_content_and_the_first_found_on_a_tie() -> None:
    found = build([((0, 10), True, False), ((20, 30), True, False), ((20, 30), True, False)])
    found.append(Attribution(None, "say", SPEAKER, (25, 60)))  # still open at 40
    found.append(Attribution(None, "say", SPEAKER, (31, 35), quoted=True))  # inside a quote
    index = ReportIndex(found)
    assert index.last_before(40) is found[1]
    assert index.last_before(15) is found[0]
    assert index.last_before(5) is None


def test_cue_index_returns_nearby_cues_in_the_order_given() -> None:
    said, added = DOC[1], DOC[9]
    index: CueIndex[str] = CueIndex([(added, (0, 1), "added"), (said, (1, 0), "said-pending")])
    everything = index.near(0, len(DOC), 0, 0)
    assert everything == [(added, "added"), (said, "said-pending")]
    # only cues in tokens 8..12, or ending within 5 characters before the quotation
    assert index.near(8, 12, DOC[12].idx, 5) == [(added, "added")]
    index.replace(said, "said-pending", "said-kept", (0, 2))
    assert [option for _, option in index.near(0, len(DOC), 0, 0)] == ["added", "said-kept"]
