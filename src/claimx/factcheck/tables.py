"""claimx/1 records as relational tables in DuckDB, and their export to Parquet or DuckDB.

Every list of a record becomes one table (``documents``, ``claims``, ``figures``,
``casualties``, ``agreements``, ``dates``, ``entities``) whose rows carry the
record's ``doc_id`` next to the item's own ``id``. Nested objects are flattened
with underscores (``speaker.name`` -> ``speaker_name``); lists of ids or mentions
stay list columns. The columns and their types are derived from the claimx/1
schema (``claimx/schema/claimx-1.schema.json``), so they follow it field for field.

DuckDB reads the JSONL itself (``read_json`` with the schema spelled out below,
``.gz`` included) and streams it, so neither loading nor export holds the input
in Python memory.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import duckdb

from claimx.schema import json_schema

TABLES = ("documents", "claims", "figures", "casualties", "agreements", "dates", "entities")

# A type is a DuckDB scalar type name, a dict (STRUCT) or a one-element list (LIST).
Type = str | dict[str, "Type"] | list["Type"]

_SCALARS = {"string": "VARCHAR", "integer": "BIGINT", "number": "DOUBLE", "boolean": "BOOLEAN"}


def schema_type(node: dict[str, Any]) -> Type:
    """The DuckDB type of a JSON Schema node: a scalar name, a STRUCT dict or a LIST.

    Example:
        >>> schema_type({"type": "array", "items": {"type": "integer"}})
        ['BIGINT']
    """
    kind = node.get("type")
    if kind == "object":
        return {name: schema_type(sub) for name, sub in node["properties"].items()}
    if kind == "array":
        return [schema_type(node["items"])]
    return _SCALARS.get(kind, "VARCHAR")  # "schema_version" is a const string


def _record_types() -> tuple[dict[str, Type], dict[str, dict[str, Type]]]:
    """The doc struct and each list's item struct, from the claimx/1 schema."""
    properties = json_schema()["properties"]
    doc = schema_type(properties["doc"])
    items = {name: schema_type(properties[name]["items"]) for name in TABLES[1:]}
    assert isinstance(doc, dict) and all(isinstance(v, dict) for v in items.values())
    return doc, items


#: Column types of the ``documents`` table and of each list's table, from the schema file.
DOC_TYPE, ITEM_TYPES = _record_types()


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
