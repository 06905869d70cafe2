"""Readers that turn files, directories, globs and stdin into Articles.

Every input unit (a text file, an HTML page, one JSONL line) yields exactly one
:class:`~claimx.types.Article` or one :class:`~claimx.types.InputFailure`, so a
caller can keep the promise records + errors = inputs.
"""

from __future__ import annotations

import glob
import gzip
import json
import re
import sys
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from claimx.ingest.header import parse_header
from claimx.types import Article, InputFailure

InputItem = Article | InputFailure

TEXT_SUFFIXES = {".txt", ".text"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
JSON_SUFFIXES = {".json"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
KNOWN_SUFFIXES = TEXT_SUFFIXES | JSONL_SUFFIXES | JSON_SUFFIXES | HTML_SUFFIXES
FORMATS = ("auto", "txt", "jsonl", "json", "html")
#: Main text shorter than this is navigation or boilerplate, not an article.
MIN_HTML_WORDS = 8

_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})(?:[T ][0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?\s*$")


@dataclass(frozen=True, slots=True)
class FieldMap:
    """Names of the JSON fields that hold each part of an article."""

    text: str = "text"
    id: str = "id"
    published: str = "published"
    source: str = "source"
    title: str = "title"
    author: str = "author"
    url: str = "url"


DEFAULT_FIELDS = FieldMap()


def normalise_published(value: object) -> str | None:
    """Return ``YYYY-MM-DD`` for a date or ISO timestamp, ``""`` for empty, None if invalid."""
    if value is None or value == "":
        return ""
    if not isinstance(value, str):
        return None
    match = _ISO_DATE.match(value)
    if not match:
        return None
    year, month, day = (int(part) for part in match.groups())
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def read_inputs(
    paths: Iterable[str],
    *,
    published: str = "",
    fields: FieldMap = DEFAULT_FIELDS,
    fmt: str = "auto",
    stdin: BinaryIO | None = None,
) -> Iterator[InputItem]:
    """Yield an Article or an InputFailure for every input unit under ``paths``.

    Args:
        paths: files, directories (walked recursively), glob patterns or ``-`` for stdin.
        published: fallback publication date for articles that carry none.
        fields: JSON field names for JSONL/JSON inputs.
        fmt: ``auto`` (by file suffix) or one of ``txt``, ``jsonl``, ``json``, ``html``.
        stdin: the stream read for ``-`` (defaults to ``sys.stdin.buffer``).
    """
    for spec in paths:
        if spec == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            yield from _read_stream(stream, "<stdin>", fmt, published, fields, default_id="")
            continue
        matched = _expand(spec)
        if not matched:
            yield InputFailure(reason=f"no such file or directory: {spec}", origin=spec)
        for path in matched:
            yield from _read_file(path, fmt, published, fields)


def _expand(spec: str) -> list[Path]:
    path = Path(spec)
    if path.is_dir():
        return sorted(
            p
            for p in path.rglob("*")
            if p.is_file()
            and not any(part.startswith(".") for part in p.relative_to(path).parts)
            and _inner_suffix(p) in KNOWN_SUFFIXES
        )
    if path.exists():
        return [path]
    if glob.has_magic(spec):
        return sorted(Path(p) for p in glob.glob(spec, recursive=True) if Path(p).is_file())
    return []


def _inner_suffix(path: Path) -> str:
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    return suffixes[-1] if suffixes else ""


def _format_of(path: Path, fmt: str) -> str:
    if fmt != "auto":
        return fmt
    suffix = _inner_suffix(path)
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if suffix in JSON_SUFFIXES:
        return "json"
    if suffix in HTML_SUFFIXES:
        return "html"
    return "txt"


def _read_file(path: Path, fmt: str, published: str, fields: FieldMap) -> Iterator[InputItem]:
    origin = str(path)
    try:
        raw = path.open("rb")
    except OSError as exc:
        yield InputFailure(reason=f"cannot open file: {exc.strerror or exc}", origin=origin)
        return
    with raw:
        stream: BinaryIO = gzip.GzipFile(fileobj=raw) if path.suffix.lower() == ".gz" else raw
        try:
            yield from _read_stream(
                stream, origin, _format_of(path, fmt), published, fields, default_id=_stem(path)
            )
        except Exception as exc:  # a reader bug or a broken dependency: report, go on
            reason = f"cannot read file: {type(exc).__name__}: {exc}"
            yield InputFailure(reason=reason, origin=origin, id=_stem(path))


def _stem(path: Path) -> str:
    name = path.name
    for suffix in reversed(path.suffixes):
        if name.lower().endswith(suffix.lower()):
            name = name[: -len(suffix)]
    return name or path.name


def _read_stream(
    stream: BinaryIO, origin: str, fmt: str, published: str, fields: FieldMap, default_id: str
) -> Iterator[InputItem]:
    if fmt == "auto":
        head = stream.peek(64)[:64] if hasattr(stream, "peek") else b""
        fmt = "jsonl" if head.lstrip().startswith(b"{") else "txt"
    try:
        if fmt == "jsonl":
            yield from _read_jsonl(stream, origin, published, fields)
            return
        text = _decode(stream.read(), origin)
    except (OSError, EOFError, zlib.error) as exc:
        yield InputFailure(reason=f"cannot read compressed input: {exc}", origin=origin)
        return
    except _DecodeError as exc:
        yield InputFailure(reason=str(exc), origin=origin, id=default_id)
        return
    if fmt == "json":
        yield from _read_json(text, origin, published, fields)
    elif fmt == "html":
        yield _read_html(text, origin, published, default_id)
    else:
        yield _read_text(text, origin, published, default_id)


class _DecodeError(ValueError):
    pass


def _decode(data: bytes, origin: str) -> str:
    if b"\x00" in data[:8192]:
        raise _DecodeError("binary file (contains NUL bytes), not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _DecodeError(
            f"not valid UTF-8: byte 0x{data[exc.start]:02x} at offset {exc.start}"
        ) from None


def _read_text(text: str, origin: str, published: str, doc_id: str) -> InputItem:
    if not text.strip():
        return InputFailure(reason="empty document (no text)", origin=origin, id=doc_id)
    header = parse_header(text)
    return Article(
        text=text,
        id=doc_id,
        published=header.published or published,
        source=header.source,
        author=header.author,
        origin=origin,
    )


def _read_html(html: str, origin: str, published: str, doc_id: str) -> InputItem:
    import trafilatura

    try:
        extracted = trafilatura.bare_extraction(html, with_metadata=True)
    except Exception as exc:  # trafilatura raises many kinds on broken markup
        return InputFailure(reason=f"cannot parse HTML: {exc}", origin=origin, id=doc_id)
    meta = extracted.as_dict() if extracted is not None else {}
    body = (meta.get("text") or "").strip()
    if len(body.split()) < MIN_HTML_WORDS:
        return InputFailure(reason="HTML page has no article text", origin=origin, id=doc_id)
    return Article(
        text=body.replace("\n", "\n\n"),
        id=doc_id,
        published=normalise_published(meta.get("date")) or published,
        source=meta.get("sitename") or meta.get("hostname") or "",
        title=meta.get("title") or "",
        author=meta.get("author") or "",
        url=meta.get("url") or "",
        origin=origin,
    )


def _read_jsonl(
    stream: BinaryIO, origin: str, published: str, fields: FieldMap
) -> Iterator[InputItem]:
    for number, raw in enumerate(stream, start=1):
        if not raw.strip():
            continue
        where = f"{origin}:{number}"
        try:
            line = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            yield InputFailure(reason=f"line is not valid UTF-8 (offset {exc.start})", origin=where)
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputFailure(
                reason=f"malformed JSON: {exc.msg} at column {exc.colno}", origin=where
            )
            continue
        yield _from_object(obj, where, published, fields)


def _read_json(text: str, origin: str, published: str, fields: FieldMap) -> Iterator[InputItem]:
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        yield InputFailure(reason=f"malformed JSON: {exc.msg} at line {exc.lineno}", origin=origin)
        return
    items = obj if isinstance(obj, list) else [obj]
    for index, item in enumerate(items):
        yield _from_object(item, f"{origin}[{index}]", published, fields)


def _from_object(obj: object, origin: str, published: str, fields: FieldMap) -> InputItem:
    if not isinstance(obj, dict):
        return InputFailure(
            reason=f"expected a JSON object, got {type(obj).__name__}", origin=origin
        )
    raw_id = obj.get(fields.id)
    doc_id = "" if raw_id is None else str(raw_id)
    text = obj.get(fields.text)
    if text is None:
        return InputFailure(reason=f"missing '{fields.text}' field", origin=origin, id=doc_id)
    if not isinstance(text, str):
        return InputFailure(
            reason=f"'{fields.text}' must be a string, got {type(text).__name__}",
            origin=origin,
            id=doc_id,
        )
    if not text.strip():
        return InputFailure(reason="empty document (no text)", origin=origin, id=doc_id)
    date = normalise_published(obj.get(fields.published))
    if date is None:
        return InputFailure(
            reason=f"'{fields.published}' is not a YYYY-MM-DD date or ISO timestamp: "
            f"{obj.get(fields.published)!r}",
            origin=origin,
            id=doc_id,
        )
    return Article(
        text=text,
        id=doc_id,
        published=date or published,
        source=_string(obj.get(fields.source)),
        title=_string(obj.get(fields.title)),
        author=_string(obj.get(fields.author)),
        url=_string(obj.get(fields.url)),
        origin=origin,
    )


def _string(value: object) -> str:
    return value if isinstance(value, str) else ""
