"""`compare` on the same-event records: disagreements, revisions, attribution, outputs."""

from __future__ import annotations

import csv
import io
import json
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from claimx.factcheck.cli import app
from claimx.factcheck.compare import Statement, compare_records, compare_tables
from claimx.factcheck.tables import export

KILLED = "killed | people | novoselsk | -"
INJURED = "injured | people | novoselsk | -"
MISSING = "missing | people | - | -"
OFFICIAL = {
    "Emergencies Ministry",
    "Nurbol Kassymov",
    "Kazakhstan government commission",
    "Yerlan Abenov",
    "Aidar Sultanov",
}

runner = CliRunner()


@pytest.fixture(scope="module")
def found(records_path: Path) -> list[Statement]:
    return list(compare_records([records_path]))


def _group(found: list[Statement], key: str) -> list[Statement]:
    return [s for s in found if s.kind == "casualty" and s.key == key]


def test_the_dead_are_grouped_across_all_six_articles(found: list[Statement]) -> None:
    killed = _group(found, KILLED)
    assert len({s.doc_id for s in killed}) == 6
    assert sorted((s.date, s.value_text) for s in killed) == [
        ("2025-04-14", "12"),
        ("2025-04-14", "≥12"),
        ("2025-04-14", "≥15"),
        ("2025-04-15", "19"),
        ("2025-04-15", "19"),
        ("2025-04-15", "≥22"),
        ("2025-04-16", "23"),
        ("2025-04-17", "23"),
        ("2025-04-17", "26"),
    ]


def test_same_day_disagreements_between_officials_and_volunteers(
    found: list[Statement],
) -> None:
    flagged = defaultdict(set)
    for s in _group(found, KILLED):
        if "disagreement" in s.flags:
            flagged[s.date].add((s.value_text, s.source))
    assert flagged == {
        "2025-04-14": {("12", "Astana Courier"), ("≥15", "Astana Courier")},
        "2025-04-15": {
            ("19", "Eurasia Radio News"),
            ("19", "Kazakh Business Daily"),
            ("≥22", "Eurasia Radio News"),
        },
        "2025-04-17": {("23", "Global Relief Wire"), ("26", "Global Relief Wire")},
    }
    ministry_12 = next(s for s in _group(found, KILLED) if s.value_text == "12")
    assert ministry_12.disagrees_with == "≥15 (Zhardem volunteer network, Astana Courier)"
    # "at least 12" is compatible with both 12 and "at least 15"
    steppe = next(s for s in _group(found, KILLED) if s.source == "Steppe Wire")
    assert "disagreement" not in steppe.flags


def test_the_toll_rises_over_time(found: list[Statement]) -> None:
    killed = _group(found, KILLED)
    assert {s.revision for s in killed} == {
        "2025-04-14: 12, ≥12, ≥15 → 2025-04-15: 19, ≥22 → 2025-04-16: 23 → 2025-04-17: 23, 26"
    }
    assert {s.trend for s in killed} == {"rising"}
    official = [s.value for s in sorted(killed, key=lambda s: s.date) if s.speaker in OFFICIAL]
    assert official == sorted(official) and official[-1] == 23
    latest = max(killed, key=lambda s: (s.date, s.value))
    assert (latest.value, latest.date, latest.attribution) == (26, "2025-04-17", "vague")


def test_injured_and_missing(found: list[Statement]) -> None:
    injured = _group(found, INJURED)
    assert injured[0].revision == (
        "2025-04-14: 30, 37 → 2025-04-15: 51, 54 → 2025-04-16: 60 → 2025-04-17: 63"
    )
    assert {(s.date, s.value_text) for s in injured if s.disagrees_with} == {
        ("2025-04-14", "30"),
        ("2025-04-14", "37"),
        ("2025-04-15", "51"),
        ("2025-04-15", "54"),
    }
    missing = _group(found, MISSING)
    assert missing[0].revision == "2025-04-15: 8 → 2025-04-16: 3 → 2025-04-17: 2"
    assert {s.trend for s in missing} == {"falling"}
    assert not any(s.disagrees_with for s in missing)


def test_empty_parts_are_inferred_and_shown(found: list[Statement]) -> None:
    steppe_injured = next(s for s in _group(found, INJURED) if s.source == "Steppe Wire")
    assert steppe_injured.inferred == "group=people, place=novoselsk"


def test_nested_counts_are_keyed_apart(found: list[Statement]) -> None:
    children = [s for s in found if s.key.startswith("killed | children")]
    assert [s.value for s in children] == [7]
    assert children[0].key.endswith("part of a larger count")
    assert not children[0].flags


def test_attribution_flags(found: list[Statement]) -> None:
    funerals = next(s for s in found if s.kind == "figure" and s.span == "11")
    assert funerals.attribution == "unattributed" and "unattributed" in funerals.flags
    assert funerals.evidence == "11" and not funerals.comparable
    daughters = next(s for s in found if s.kind == "figure" and s.key == "count | - | daughter")
    assert daughters.speaker == "neighbours" and "vague" in daughters.flags


def test_one_speakers_different_amounts_are_not_a_disagreement(found: list[Statement]) -> None:
    payments = [s for s in found if s.key == "money | KZT | family"]
    assert [s.value for s in payments] == [1e6, 1e7]
    assert not any(s.disagrees_with for s in payments)


def test_a_wider_key_merges_places(records_path: Path) -> None:
    loose = list(compare_records([records_path], key=("outcome", "group")))
    assert {s.key for s in loose if s.key.startswith("killed | people")} == {
        "killed | people",
        "killed | people | part of a larger count",
    }


def test_exported_tables_give_the_same_statements(
    records_path: Path, found: list[Statement], tmp_path: Path
) -> None:
    export([records_path], tmp_path / "records.duckdb")
    export([records_path], tmp_path / "parquet")
    assert list(compare_tables(tmp_path / "records.duckdb")) == found
    assert list(compare_tables(tmp_path / "parquet")) == found


def test_cli_jsonl(records_path: Path, found: list[Statement]) -> None:
    result = runner.invoke(app, ["compare", str(records_path), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == len(found)
    first_disagreement = next(r for r in rows if "disagreement" in r["flags"])
    assert {"key", "date", "value", "speaker", "source", "doc_id", "evidence"} <= set(
        first_disagreement
    )


def test_cli_csv_to_file(records_path: Path, found: list[Statement], tmp_path: Path) -> None:
    out = tmp_path / "statements.csv"
    result = runner.invoke(app, ["compare", str(records_path), "--format", "csv", "-o", str(out)])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert len(rows) == len(found)
    killed = [r for r in rows if r["key"] == KILLED]
    assert float(killed[0]["value"]) == 12 and killed[0]["flags"].startswith("disagreement")


def test_cli_table_explains_its_keys(records_path: Path) -> None:
    result = runner.invoke(app, ["compare", str(records_path)], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "casualty key = outcome | victim group" in result.stdout
    assert f"casualty: {KILLED}" in result.stdout
    assert "revised (rising): 2025-04-14: 12, ≥12, ≥15" in result.stdout
    assert "disagreement" in result.stdout


def test_cli_db_option(records_path: Path, tmp_path: Path) -> None:
    export([records_path], tmp_path / "r.duckdb")
    result = runner.invoke(
        app, ["compare", "--db", str(tmp_path / "r.duckdb"), "--format", "jsonl"]
    )
    assert result.exit_code == 0, result.output
    assert any(json.loads(line)["key"] == KILLED for line in result.stdout.splitlines())


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["compare", "missing.jsonl"], 1, "no such record file"),
        (["compare"], 2, "give record files or --db"),
        (["compare", "x.jsonl", "--key", "outcome,colour"], 2, "--key parts must be among"),
        (["compare", "x.jsonl", "--format", "xml"], 2, "--format must be one of"),
        (["compare", "--db", "missing.duckdb"], 1, "no such database"),
    ],
)
def test_cli_errors(args: list[str], code: int, message: str) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == code
    assert message in result.stderr


@pytest.mark.parametrize(
    ("bad_line", "message"),
    [
        ("{not json", "bad.jsonl:3: not JSON (Expecting property name"),
        ('{"schema_version": "claimx/0", "doc": {"id": "x"}}', "schema_version is 'claimx/0'"),
        ('{"schema_version": "claimx/1", "doc": {"id": 7}}', "no doc.id string"),
        ("[1, 2]", "bad.jsonl:3: not a claimx record (a JSON list)"),
        ("DROP", "bad.jsonl:3: not JSON"),
    ],
)
def test_malformed_records_fail_readably_at_their_line(
    records: list[dict[str, Any]], tmp_path: Path, bad_line: str, message: str
) -> None:
    bad = tmp_path / "bad.jsonl"
    good = [json.dumps(r) for r in records[:2]]
    bad.write_text(f"{good[0]}\n\n{bad_line}\n{good[1]}\n", encoding="utf-8")
    result = runner.invoke(app, ["compare", str(bad)])
    assert result.exit_code == 1
    assert result.stderr.startswith("claimx: error: cannot read records: ")
    assert message in result.stderr
    assert "bad.jsonl:3: " in result.stderr


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda r: r.pop("figures"), "the record has no 'figures' list"),
        (lambda r: r.update(claims="none"), "claims must be a list, got str"),
        (lambda r: r["casualties"][0].update(count="many"), "casualties[0].count must be a number"),
    ],
)
def test_records_missing_lists_or_with_wrong_types_are_refused(
    records: list[dict[str, Any]], tmp_path: Path, change: Any, message: str
) -> None:
    broken = json.loads(json.dumps(records[1]))
    change(broken)
    bad = tmp_path / "bad.jsonl"
    bad.write_text(f"{json.dumps(records[0])}\n{json.dumps(broken)}\n", encoding="utf-8")
    for command in (["compare"], ["export", "--to", str(tmp_path / "t.duckdb")]):
        result = runner.invoke(app, [command[0], str(bad), *command[1:]])
        assert result.exit_code == 1
        assert f"bad.jsonl:2: {message}" in result.stderr
    assert not (tmp_path / "t.duckdb").exists()
