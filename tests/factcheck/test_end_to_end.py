"""`claimx extract` then `compare` on corpora/same-event: the live pipeline, not fixtures."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from claimx.batch import run_extract
from claimx.factcheck.compare import Statement, compare_records


@pytest.fixture(scope="module")
def killed(tmp_path_factory: pytest.TempPathFactory, corpora: Path) -> list[Statement]:
    """The statements of the largest killed group: the dam collapse's death toll."""
    out = tmp_path_factory.mktemp("same-event") / "records.jsonl"
    run_extract([str(corpora / "same-event")], output=out)
    statements = [
        s for s in compare_records([out]) if s.kind == "casualty" and s.key.startswith("killed")
    ]
    keys = Counter(s.key for s in statements)
    return [s for s in statements if s.key == keys.most_common(1)[0][0]]


def test_extracted_tolls_disagree_on_the_same_day(killed: list[Statement]) -> None:
    by_day: dict[str, set[str]] = {}
    for statement in killed:
        if "disagreement" in statement.flags:
            by_day.setdefault(statement.date, set()).add(statement.value_text)
    # EXPECTED.md: officials' 19 against the volunteers' "at least 22" on day 2 (its place
    # comes from the dateline), the commission's 23 against the volunteers' 26 on day 4.
    # (Day 1's "official toll of 12" is extracted inside the volunteers' own statement, so
    # it is not another speaker's figure.)
    assert by_day == {"2025-04-15": {"19", "≥22"}, "2025-04-17": {"23", "26"}}


def test_extracted_toll_rises_over_time(killed: list[Statement]) -> None:
    official = {s.date: s.value for s in killed if "Ministry" in s.speaker}
    assert official["2025-04-15"] == 19 and official["2025-04-16"] == 23
    assert {s.trend for s in killed} == {"rising"}
