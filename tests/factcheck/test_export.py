"""`export`: one table per list, keyed by document id, to Parquet or DuckDB."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import duckdb
import pytest
from typer.testing import CliRunner

from claimx.factcheck.cli import app
from claimx.factcheck.tables import TABLES, export, open_tables


def _expected_counts(records: list[dict[str, Any]]) -> dict[str, int]:
    counts = {name: sum(len(r[name]) for r in records) for name in TABLES if name != "documents"}
    return {"documents": len(records), **counts}


@pytest.mark.parametrize("target", ["records.duckdb", "parquet"])
def test_round_trip_counts(
    records_path: Path, records: list[dict[str, Any]], tmp_path: Path, target: str
) -> None:
    counts = export([records_path], tmp_path / target)
    assert counts == _expected_counts(records)
    with open_tables(tmp_path / target) as con:
        for name, expected in counts.items():
            assert con.execute(f"SELECT count(*) FROM {name}").fetchone() == (expected,)
        row = con.execute(
            "SELECT outcome, count, qualifier, claim FROM casualties "
            "WHERE doc_id = 'day2-eurasia-radio-news-2025-04-15' AND id = 'k2'"
        ).fetchone()
        assert row == ("killed", 22.0, ">=", "c2")
        claim = con.execute(
            "SELECT speaker_name, content_start, casualties FROM claims "
            "WHERE doc_id = 'day2-eurasia-radio-news-2025-04-15' AND id = 'c2'"
        ).fetchone()
        assert claim[0] == "Zhardem volunteer network" and claim[2] == ["k2"]
        mentions = con.execute(
            "SELECT len(mentions) FROM entities WHERE name = 'Novoselsk' "
            "AND doc_id = 'day1-astana-courier-2025-04-14'"
        ).fetchone()
        assert mentions == (2,)


def test_many_gzipped_records_stream_through(records: list[dict[str, Any]], tmp_path: Path) -> None:
    source = tmp_path / "many.jsonl.gz"
    copies = 600  # 3,600 documents: more rows than one DuckDB vector per table
    with gzip.open(source, "wt", encoding="utf-8") as out:
        for n in range(copies):
            for record in records:
                doc = {**record["doc"], "id": f"{record['doc']['id']}-{n}"}
                out.write(json.dumps({**record, "doc": doc}) + "\n")
    counts = export([source], tmp_path / "many.duckdb")
    assert counts == {k: v * copies for k, v in _expected_counts(records).items()}
    with duckdb.connect(str(tmp_path / "many.duckdb"), read_only=True) as con:
        assert con.execute("SELECT count(DISTINCT doc_id) FROM casualties").fetchone() == (
            copies * 6,
        )


def test_cli_export(records_path: Path, records: list[dict[str, Any]], tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["export", str(records_path), "--to", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(
        f"{name}.parquet" for name in TABLES
    )
    assert f"casualties: {_expected_counts(records)['casualties']}" in result.stderr


def test_cli_export_missing_input(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["export", "nope.jsonl", "--to", str(tmp_path / "x.duckdb")])
    assert result.exit_code == 1
    assert "no such record file: nope.jsonl" in result.stderr


def test_cli_export_replaces_the_tables_of_an_existing_database(
    records_path: Path, records: list[dict[str, Any]], tmp_path: Path
) -> None:
    target = tmp_path / "tables.duckdb"
    for _ in range(2):
        result = CliRunner().invoke(app, ["export", str(records_path), "--to", str(target)])
        assert result.exit_code == 0, result.output
    with duckdb.connect(str(target), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM documents").fetchone() == (len(records),)
    assert not (tmp_path / "tables.duckdb.lock").exists()


def test_cli_export_refuses_a_file_that_is_not_a_database(
    records_path: Path, tmp_path: Path
) -> None:
    notes = tmp_path / "notes.duckdb"
    notes.write_text("Call the harbour master on Monday.\n")
    result = CliRunner().invoke(app, ["export", str(records_path), "--to", str(notes)])
    assert result.exit_code == 2
    assert "exists and is not a DuckDB database" in result.stderr
    assert notes.read_text() == "Call the harbour master on Monday.\n"
