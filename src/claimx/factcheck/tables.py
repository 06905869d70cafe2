"""claimx/1 records as relational tables in DuckDB, and their export to Parquet or DuckDB.

Every list of a record becomes one table (``documents``, ``claims``, ``figures``,
``casualties``, ``agreements``, ``dates``, ``entities``) whose rows carry the
record's ``doc_id`` next to the item's own ``id``. Nested objects are flattened
with underscores (``speaker.name`` -> ``speaker_name``); lists of ids or mentions
stay list columns. Fields the contract does not fix are not exported.

DuckDB reads the JSONL itself (``read_json`` with the schema spelled out below,
``.gz`` included) and streams it, so neither loading nor export holds the input
in Python memory.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import duckdb

TABLES = ("documents", "claims", "figures", "casualties", "agreements", "dates", "entities")

# A type is a DuckDB scalar type name, a dict (STRUCT) or a one-element list (LIST).
Type = str | dict[str, "Type"] | list["Type"]

_SPAN: dict[str, Type] = {"text": "VARCHAR", "start": "BIGINT", "end": "BIGINT"}
_RANGE: dict[str, Type] = {
    "low": "DOUBLE",
    "high": "DOUBLE",
    "qualifier": "VARCHAR",
}

ITEM_TYPES: dict[str, dict[str, Type]] = {
    "claims": {
        "id": "VARCHAR",
        "speaker": {
            **_SPAN,
            "name": "VARCHAR",
            "entity": "VARCHAR",
            "role": "VARCHAR",
            "affiliation": "VARCHAR",
        },
        "cue": {**_SPAN, "lemma": "VARCHAR"},
        "content": _SPAN,
        "kind": "VARCHAR",
        "date": "VARCHAR",
        "channel": "VARCHAR",
        "figures": ["VARCHAR"],
        "casualties": ["VARCHAR"],
        "agreements": ["VARCHAR"],
    },
    "figures": {
        "id": "VARCHAR",
        **_SPAN,
        "value": "DOUBLE",
        **_RANGE,
        "unit": "VARCHAR",
        "kind": "VARCHAR",
        "claim": "VARCHAR",
    },
    "casualties": {
        "id": "VARCHAR",
        "outcome": "VARCHAR",
        "count": "DOUBLE",
        **_RANGE,
        "group": "VARCHAR",
        "part_of": "VARCHAR",
        "cause": "VARCHAR",
        "since": "VARCHAR",
        "until": "VARCHAR",
        "location": "VARCHAR",
        "start": "BIGINT",
        "end": "BIGINT",
        "figure": "VARCHAR",
        "claim": "VARCHAR",
    },
    "agreements": {
        "id": "VARCHAR",
        "name": "VARCHAR",
        "type": "VARCHAR",
        "date": "VARCHAR",
        "parties": ["VARCHAR"],
        "mediators": ["VARCHAR"],
        "mentions": [_SPAN],
    },
    "dates": {"id": "VARCHAR", **_SPAN, "type": "VARCHAR", "value": "VARCHAR"},
    "entities": {"id": "VARCHAR", "name": "VARCHAR", "label": "VARCHAR", "mentions": [_SPAN]},
}

DOC_TYPE: dict[str, Type] = {
    "id": "VARCHAR",
    "source": "VARCHAR",
    "url": "VARCHAR",
    "title": "VARCHAR",
    "author": "VARCHAR",
    "published": "VARCHAR",
    "language": "VARCHAR",
    "n_chars": "BIGINT",
    "text_sha256": "VARCHAR",
}


def quote(name: str) -> str:
    """Quote a SQL identifier (the contract uses keywords such as ``end`` and ``group``)."""
    return '"' + name.replace('"', '""') + '"'


def _sql_type(spec: Type) -> str:
    if isinstance(spec, str):
        return spec
    if isinstance(spec, list):
        return _sql_type(spec[0]) + "[]"
    return "STRUCT(" + ", ".join(f"{quote(k)} {_sql_type(v)}" for k, v in spec.items()) + ")"


def _flat_columns(spec: dict[str, Type], path: str, prefix: str = "") -> list[str]:
    """``path.field AS prefix_field`` for every leaf; structs are flattened, lists kept."""
    columns = []
    for name, sub in spec.items():
        expr = f"{path}.{quote(name)}"
        if isinstance(sub, dict):
            columns += _flat_columns(sub, expr, f"{prefix}{name}_")
        else:
            columns.append(f"{expr} AS {quote(prefix + name)}")
    return columns


def _read_json_sql(paths: Sequence[str | Path]) -> str:
    columns = {"schema_version": "VARCHAR", "doc": DOC_TYPE} | {
        name: [spec] for name, spec in ITEM_TYPES.items()
    }
    struct = ", ".join(f"'{k}': '{_sql_type(v)}'" for k, v in columns.items())
    files = ", ".join("'" + str(p).replace("'", "''") + "'" for p in paths)
    return (
        f"read_json([{files}], format = 'newline_delimited', columns = {{{struct}}}, "
        "maximum_object_size = 268435456)"
    )


def table_queries(source: str) -> dict[str, str]:
    """The SELECT producing each table from a relation of raw records named ``source``."""
    doc_columns = ", ".join(
        f"doc.{quote(k)} AS {quote('doc_id' if k == 'id' else k)}" for k in DOC_TYPE
    )
    queries = {"documents": f"SELECT {doc_columns}, schema_version FROM {source}"}
    for name, spec in ITEM_TYPES.items():
        columns = ", ".join(_flat_columns(spec, "item"))
        queries[name] = (
            f"SELECT doc_id, {columns} FROM "
            f"(SELECT doc.id AS doc_id, unnest({quote(name)}) AS item FROM {source})"
        )
    return queries


def _check_inputs(paths: Sequence[str | Path]) -> None:
    if not paths:
        raise ValueError("no record files given")
    missing = [str(p) for p in paths if not Path(p).is_file()]
    if missing:
        raise FileNotFoundError(f"no such record file: {', '.join(missing)}")


def load_records(con: duckdb.DuckDBPyConnection, paths: Sequence[str | Path]) -> None:
    """Create the seven tables in ``con`` from claimx JSONL files (replacing existing ones)."""
    _check_inputs(paths)
    con.execute("SET preserve_insertion_order = false")
    con.execute(f"CREATE OR REPLACE TEMP VIEW raw_records AS SELECT * FROM {_read_json_sql(paths)}")
    for name, query in table_queries("raw_records").items():
        con.execute(f"CREATE OR REPLACE TABLE {name} AS {query}")
    con.execute("DROP VIEW raw_records")


def export(paths: Sequence[str | Path], target: str | Path) -> dict[str, int]:
    """Export records to a DuckDB file (``*.duckdb``) or a directory of Parquet files.

    Returns the number of rows written per table.
    """
    target = Path(target)
    if target.suffix == ".duckdb":
        with duckdb.connect(str(target)) as con:
            load_records(con, paths)
            return _counts(con)
    _check_inputs(paths)
    target.mkdir(parents=True, exist_ok=True)
    with duckdb.connect() as con:
        con.execute("SET preserve_insertion_order = false")
        con.execute(f"CREATE TEMP VIEW raw_records AS SELECT * FROM {_read_json_sql(paths)}")
        for name, query in table_queries("raw_records").items():
            out = str(target / f"{name}.parquet").replace("'", "''")
            con.execute(f"COPY ({query}) TO '{out}' (FORMAT parquet)")
    with open_tables(target) as con:
        return _counts(con)


def open_tables(path: str | Path) -> duckdb.DuckDBPyConnection:
    """Open exported tables: a DuckDB file (read-only) or a directory of Parquet files."""
    path = Path(path)
    if path.is_dir():
        con = duckdb.connect()
        for name in TABLES:
            parquet = path / f"{name}.parquet"
            if not parquet.is_file():
                raise FileNotFoundError(f"missing {parquet} (export writes all seven tables)")
            escaped = str(parquet).replace("'", "''")
            con.execute(f"CREATE VIEW {name} AS SELECT * FROM read_parquet('{escaped}')")
        return con
    if not path.is_file():
        raise FileNotFoundError(f"no such database or Parquet directory: {path}")
    return duckdb.connect(str(path), read_only=True)


def _counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    return {name: con.execute(f"SELECT count(*) FROM {name}").fetchone()[0] for name in TABLES}
