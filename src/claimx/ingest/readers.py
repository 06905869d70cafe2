"""Readers that turn files, directories, globs and stdin into Articles.

Every input unit (a text file, an HTML page, one JSONL line) yields exactly one
:class:`~claimx.types.Article` or one :class:`~claimx.types.InputFailure`, so a
caller can keep the promise records + errors = inputs.
"""

from __future__ import annotations

import codecs
import datetime
import glob
import gzip
import io
import json
import re
import stat
import sys
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from claimx.ingest.header import parse_header
from claimx.ingest.text import WIDE_ENCODINGS, bom_encoding, html_text, readable, valid_text
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

_ISO_DATE = re.compile(
    r"^\s*(\d{4})-(\d{2})-(\d{2})"
    r"(?:[T ](\d{2})(?::(\d{2})(?::(\d{2})(?:[.,]\d+)?)?)?(?:Z|[+-](\d{2}):?(\d{2}))?)?\s*$"
)
#: Largest hour, minute, second, offset hour and offset minute of an ISO timestamp.
_TIME_LIMITS = (23, 59, 60, 23, 59)
#: Earlier claimx outputs that a directory walk never reads: (name ending, what it is).
EARLIER_OUTPUTS = (
    (".errors.jsonl", "the errors file of an earlier run"),
    (".errors.jsonl.gz", "the errors file of an earlier run"),
    (".part", "an unfinished output of a claimx run"),
    (".lock", "the lock file of a claimx run"),
)
_RECORDS_START = re.compile(rb'^\s*\{\s*"schema_version"\s*:\s*"claimx/')
_FILE_KINDS = (
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISDIR, "a directory"),
)


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
    year, month, day, *clock = match.groups()
    try:
        date = datetime.date(int(year), int(month), int(day))
    except ValueError:  # 2021-02-29, month 13, year 0
        return None
    if any(part and int(part) > top for part, top in zip(clock, _TIME_LIMITS, strict=True)):
        return None
    return date.isoformat()


#: Told ``(path, what it is)`` for each earlier claimx output a directory walk skips.
Note = Callable[[Path, str], None]


def note_on_stderr(path: Path, what: str) -> None:
    """Print ``claimx: note: skipped PATH: WHAT`` on stderr."""
    sys.stderr.write(f"claimx: note: skipped {readable(str(path))}: {what}\n")


def read_inputs(
    paths: Iterable[str],
    *,
    published: str = "",
    fields: FieldMap = DEFAULT_FIELDS,
    fmt: str = "auto",
    stdin: BinaryIO | None = None,
    note: Note = note_on_stderr,
) -> Iterator[InputItem]:
    """Yield an Article or an InputFailure for every input unit under ``paths``.

    Args:
        paths: files, directories (walked recursively), glob patterns or ``-`` for stdin.
        published: fallback publication date for articles that carry none.
        fields: JSON field names for JSONL/JSON inputs.
        fmt: ``auto`` (by file suffix) or one of ``txt``, ``jsonl``, ``json``, ``html``.
        stdin: the stream read for ``-`` (defaults to ``sys.stdin.buffer``).
        note: told about each earlier claimx output a directory walk skips.
    """
    for spec in paths:
        if spec == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            yield from _read_stream(stream, "<stdin>", fmt, published, fields, default_id="")
            continue
        matched = expand(spec, note)
        if not matched:
            name = readable(spec)
            yield InputFailure(reason=f"no such file or directory: {name}", origin=name)
        for path in matched:
            yield from _read_file(path, fmt, published, fields)


def expand(spec: str, note: Note | None = None) -> list[Path]:
    """The files ``spec`` names, in reading order.

    A file is itself; a directory gives its files recursively, except hidden
    ones, unknown suffixes and earlier claimx outputs (each of those told to
    ``note``); a glob gives its matches.
    """
    path = Path(spec)
    if path.is_dir():
        return _walk(path, note)
    if path.exists():
        return [path]
    if glob.has_magic(spec):
        return sorted(Path(p) for p in glob.glob(spec, recursive=True) if not Path(p).is_dir())
    return []


def _walk(root: Path, note: Note | None) -> list[Path]:
    found = []
    for path in sorted(root.rglob("*")):
        if path.is_dir() or any(part.startswith(".") for part in path.relative_to(root).parts):
            continue
        if what := earlier_output(path):
            if note is not None:
                note(path, what)
        elif _inner_suffix(path) in KNOWN_SUFFIXES:
            found.append(path)
    return found


def earlier_output(path: Path) -> str:
    """What ``path`` is if claimx wrote it (records, errors, ``.part``, ``.lock``), else ``""``."""
    name = path.name.lower()
    for ending, what in EARLIER_OUTPUTS:
        if name.endswith(ending):
            return what
    if _inner_suffix(path) in JSONL_SUFFIXES and _holds_records(path):
        return "claimx records of an earlier run"
    return ""


def _holds_records(path: Path) -> bool:
    """Whether a regular file's first line starts a claimx record."""
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            return False
        with path.open("rb") as raw:
            stream = gzip.GzipFile(fileobj=raw) if path.suffix.lower() == ".gz" else raw
            head = stream.read(256)
    except (OSError, EOFError, zlib.error):
        return False
    return bool(_RECORDS_START.match(head.removeprefix(codecs.BOM_UTF8)))


def _inner_suffix(path: Path) -> str:
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    return suffixes[-1] if suffixes else ""


def format_of(path: Path, fmt: str) -> str:
    """The format a file is read as: ``fmt`` itself unless it is ``auto``, else by suffix."""
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
    origin, doc_id = readable(str(path)), readable(_stem(path))
    try:
        mode = path.stat().st_mode
        if not stat.S_ISREG(mode):  # reading a FIFO or a device could block forever
            kind = next((name for test, name in _FILE_KINDS if test(mode)), "a special file")
            yield InputFailure(reason=f"not a regular file: {kind}", origin=origin, id=doc_id)
            return
        raw = path.open("rb")
    except OSError as exc:
        yield InputFailure(
            reason=f"cannot open file: {exc.strerror or exc}", origin=origin, id=doc_id
        )
        return
    with raw:
        stream: BinaryIO = gzip.GzipFile(fileobj=raw) if path.suffix.lower() == ".gz" else raw
        try:
            yield from _read_stream(
                stream, origin, format_of(path, fmt), published, fields, default_id=doc_id
            )
        except Exception as exc:  # a reader bug or a broken dependency: report, go on
            reason = f"cannot read file: {type(exc).__name__}: {exc}"
            yield InputFailure(reason=reason, origin=origin, id=doc_id)


def _stem(path: Path) -> str:
    name = path.name
    for suffix in reversed(path.suffixes):
        if name.lower().endswith(suffix.lower()):
            name = name[: -len(suffix)]
    return name or path.name


def _read_stream(
    stream: BinaryIO, origin: str, fmt: str, published: str, fields: FieldMap, default_id: str
) -> Iterator[InputItem]:
    if not hasattr(stream, "peek"):  # e.g. a BytesIO standing in for stdin
        stream = io.BufferedReader(stream)  # type: ignore[arg-type]
    try:
        head = stream.peek(64)[:64]
        encoding = bom_encoding(head)
        if fmt == "auto":
            start = head.decode(encoding or "utf-8", errors="ignore").lstrip()
            fmt = "jsonl" if start.startswith("{") else "txt"
        if fmt == "jsonl":
            wide = encoding in WIDE_ENCODINGS
            lines = io.TextIOWrapper(stream, encoding=encoding) if wide else stream
            yield from _read_jsonl(lines, origin, published, fields)
            return
        text = _decode(stream.read(), encoding)
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


def _decode(data: bytes, encoding: str) -> str:
    """Text of ``data``: UTF-16 or UTF-32 when a byte-order mark says so, else UTF-8."""
    if encoding in WIDE_ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError as exc:
            name = encoding.upper()
            raise _DecodeError(f"not valid {name}: bad bytes at offset {exc.start}") from None
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
        published=normalise_published(header.published) or published,
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
        body = _text_beyond_the_parser(html)
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


def _text_beyond_the_parser(html: str) -> str:
    """The page's text when the tree parser trafilatura relies on loses it (elements
    nested deeper than libxml2 allows), else ``""``: a page the parser reads fully
    and trafilatura finds no article in stays without one."""
    import lxml.etree
    import lxml.html

    try:
        seen = lxml.html.fromstring(html).text_content()
    except (ValueError, lxml.etree.LxmlError):  # an empty page, an XML declaration
        seen = ""
    return "" if len(seen.split()) >= MIN_HTML_WORDS else html_text(html)


def _read_jsonl(
    lines: Iterable[bytes] | Iterable[str], origin: str, published: str, fields: FieldMap
) -> Iterator[InputItem]:
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        where = f"{origin}:{number}"
        try:
            line = raw.decode("utf-8-sig") if isinstance(raw, bytes) else raw
        except UnicodeDecodeError as exc:
            yield InputFailure(reason=f"line is not valid UTF-8 (offset {exc.start})", origin=where)
            continue
        try:
            obj = json.loads(line.rstrip("\r\n"))
        except (ValueError, RecursionError) as exc:
            yield InputFailure(reason=_json_problem(exc), origin=where)
            continue
        yield _from_object(obj, where, published, fields)


def _json_problem(exc: ValueError | RecursionError) -> str:
    """A readable reason for JSON that cannot be loaded."""
    if isinstance(exc, json.JSONDecodeError):
        line = f"line {exc.lineno} " if exc.lineno > 1 else ""
        return f"malformed JSON: {exc.msg} at {line}column {exc.colno}"
    if isinstance(exc, RecursionError):
        return "malformed JSON: nested too deeply"
    return f"malformed JSON: {exc}"  # e.g. an integer of more digits than Python converts


def _read_json(text: str, origin: str, published: str, fields: FieldMap) -> Iterator[InputItem]:
    try:
        obj = json.loads(text)
    except (ValueError, RecursionError) as exc:
        yield InputFailure(reason=_json_problem(exc), origin=origin)
        return
    items = obj if isinstance(obj, list) else [obj]
    for index, item in enumerate(items):
        yield _from_object(item, f"{origin}[{index}]", published, fields)


def _from_object(obj: object, origin: str, published: str, fields: FieldMap) -> InputItem:
    if not isinstance(obj, dict):
        return InputFailure(
            reason=f"expected a JSON object, got {type(obj).__name__}", origin=origin
        )
    doc_id = json_id(obj.get(fields.id))
    if doc_id is None:
        return InputFailure(
            reason=f"'{fields.id}' must be a string or a number, "
            f"got {type(obj.get(fields.id)).__name__}",
            origin=origin,
        )
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
        shown = json.dumps(obj.get(fields.published), ensure_ascii=False)
        return InputFailure(
            reason=f"'{fields.published}' is not a YYYY-MM-DD date or ISO timestamp: "
            f"{readable(shown)}",
            origin=origin,
            id=doc_id,
        )
    return Article(
        text=valid_text(text),
        id=doc_id,
        published=date or published,
        source=_string(obj.get(fields.source)),
        title=_string(obj.get(fields.title)),
        author=_string(obj.get(fields.author)),
        url=_string(obj.get(fields.url)),
        origin=origin,
    )


def json_id(value: object) -> str | None:
    """A JSON document id as a string, or None when an object or array stands for it.

    Strings stay as they are (a lone surrogate written out as ``\\ud800``),
    numbers and booleans become their JSON text (``12``, ``1.5``, ``true``),
    null or a missing id becomes ``""`` (claimx then hashes the text).
    """
    if value is None:
        return ""
    if isinstance(value, str):
        return readable(value)
    if isinstance(value, bool | int | float):
        return json.dumps(value)
    return None


def _string(value: object) -> str:
    return valid_text(value) if isinstance(value, str) else ""
