"""Check claimx record files before ``compare``, ``report`` or ``export`` reads them.

Every non-blank line must be a ``claimx/1`` record: a JSON object with a
``doc`` holding a string ``id``, and the six lists. Each value the tables read
must have the type their schema gives it (:mod:`claimx.factcheck.tables`),
numbers finite; document ids must be unique across all files, since every
table is keyed by them. A problem is reported with its file and 1-based line.
"""

from __future__ import annotations

import gzip
import json
import math
import zlib
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from claimx.factcheck.tables import DOC_TYPE, ITEM_TYPES, Type

SCHEMA_VERSION = "claimx/1"
_BIGINT = 2**63
_SCALARS: dict[str, tuple[type, ...]] = {
    "VARCHAR": (str,),
    "DOUBLE": (int, float),
    "BIGINT": (int,),
    "BOOLEAN": (bool,),
}


class RecordError(ValueError):
    """A record file that the fact-checking commands cannot use, with file and line."""


def check_record_files(paths: Sequence[str | Path]) -> int:
    """Check every record of ``paths``; returns how many records they hold.

    Raises:
        RecordError: the first problem found, as ``FILE:LINE: what is wrong``.
    """
    if not paths:
        raise RecordError("no record files given")
    first_line: dict[str, str] = {}
    count = 0
    for path in paths:
        for where, record in _records(Path(path)):
            doc_id = _check_record(record, where)
            if doc_id in first_line:
                raise RecordError(
                    f"{where}: document id {doc_id!r} repeats the one at {first_line[doc_id]}; "
                    "the tables are keyed by document id, so ids must be unique across files"
                )
            first_line[doc_id] = where
            count += 1
    return count


def _records(path: Path) -> Iterator[tuple[str, Any]]:
    if not path.exists():
        raise RecordError(f"no such record file: {path}")
    if not path.is_file():
        raise RecordError(f"{path} is not a record file (a directory or a special file)")
    number = 0
    try:
        with path.open("rb") as raw:
            lines = gzip.GzipFile(fileobj=raw) if path.suffix.lower() == ".gz" else raw
            for number, line in enumerate(lines, start=1):
                if line.strip():
                    yield f"{path}:{number}", _parse(line, f"{path}:{number}")
    except (OSError, EOFError, zlib.error) as exc:
        raise RecordError(f"{path}:{number + 1}: cannot read: {exc}") from None


def _parse(line: bytes, where: str) -> Any:
    try:
        return json.loads(line.decode("utf-8").rstrip("\r\n"))
    except UnicodeDecodeError as exc:
        raise RecordError(f"{where}: not UTF-8 text (byte offset {exc.start})") from None
    except json.JSONDecodeError as exc:
        raise RecordError(f"{where}: not JSON ({exc.msg} at column {exc.colno})") from None
    except (ValueError, RecursionError) as exc:
        raise RecordError(f"{where}: not usable JSON ({type(exc).__name__})") from None


def _check_record(record: Any, where: str) -> str:
    """Check one record; returns its document id."""
    if not isinstance(record, dict):
        raise RecordError(f"{where}: not a claimx record (a JSON {type(record).__name__})")
    version = record.get("schema_version")
    if version != SCHEMA_VERSION:
        raise RecordError(
            f"{where}: schema_version is {version!r}, expected {SCHEMA_VERSION!r} "
            "(a record of another claimx version, or not a claimx record)"
        )
    doc = record.get("doc")
    if not isinstance(doc, dict) or not isinstance(doc.get("id"), str):
        raise RecordError(f"{where}: the record has no doc.id string")
    _check_value(doc, DOC_TYPE, where, "doc")
    for name, spec in ITEM_TYPES.items():
        if name not in record:
            raise RecordError(f"{where}: the record has no {name!r} list")
        _check_value(record[name], [spec], where, name)
    return doc["id"]


def _check_value(value: Any, spec: Type, where: str, path: str) -> None:
    """Check ``value`` against a tables type; null stands for any type."""
    if value is None:
        return
    if isinstance(spec, str):
        kinds = _SCALARS.get(spec, ())
        wrong = not isinstance(value, kinds) or (isinstance(value, bool) and spec != "BOOLEAN")
        if wrong:
            raise RecordError(f"{where}: {path} must be {_describe(spec)}, got {value!r:.60}")
        if spec == "DOUBLE" and not math.isfinite(value):
            raise RecordError(f"{where}: {path} is not a finite number ({value!r})")
        if spec == "BIGINT" and not -_BIGINT <= value < _BIGINT:
            raise RecordError(f"{where}: {path} is out of range ({value!r:.60})")
    elif isinstance(spec, list):
        if not isinstance(value, list):
            raise RecordError(f"{where}: {path} must be a list, got {type(value).__name__}")
        for index, item in enumerate(value):
            _check_value(item, spec[0], where, f"{path}[{index}]")
    else:
        if not isinstance(value, dict):
            raise RecordError(f"{where}: {path} must be an object, got {type(value).__name__}")
        for key, sub in spec.items():
            _check_value(value.get(key), sub, where, f"{path}.{key}")


def _describe(spec: str) -> str:
    return {"VARCHAR": "a string", "DOUBLE": "a number", "BIGINT": "an integer"}.get(spec, spec)
