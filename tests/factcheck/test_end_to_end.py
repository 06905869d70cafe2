"""`claimx extract` then `compare` on corpora/same-event: the live pipeline, not fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimx.batch import run_extract
from claimx.factcheck.compare import Statement, compare_records


@pytest.fixture(scope="module")
def killed(tmp_path_factory: pytest.TempPathFactory, corpora: Path) -> list[Statement]:
    out = tmp_path_factory.mktemp("same-event") / "records.jsonl"
    run_extract([str(corpora / "same-event")], output=out)
    statements = compare_records([out])
    return [s for s in statements if s.kind == "casualty" and s.key.startswith("killed | people")
            and "part of" not in s.key]  # fmt: skip


def test_extracted_tolls_disagree_on_the_same_day(killed: list[Statement]) -> None:
    by_day: dict[str, set[str]] = {}
    for statement in killed:
        if "disagreement" in statement.flags:
            by_day.setdefault(statement.date, set()).add(statement.value_text)
    # Officials' 19 against the volunteers' "at least 22"; on the first day the
    # extracted "at least 12" and "at least 15" can both hold, so they do not clash.
    assert by_day == {"2025-04-15": {"19", "≥22"}}


def test_extracted_toll_rises_over_time(killed: list[Statement]) -> None:
    official = {s.date: s.value for s in killed if "Ministry" in s.speaker}
    assert official["2025-04-15"] == 19 and official["2025-04-16"] == 23
    assert {s.trend for s in killed} == {"rising"}
