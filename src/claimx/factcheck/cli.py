"""The fact-checking commands: ``compare``, ``report`` and ``export``.

``app`` holds the three commands; the main claimx CLI registers them with
``app.command()(compare)`` (and so on) or ``app.add_typer(factcheck.cli.app)``.
"""

from __future__ import annotations

import itertools
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, TextIO

import duckdb
import typer
from rich.console import Console

from claimx.cliutil import EXIT_USAGE, exit_for, fail
from claimx.factcheck.compare import DEFAULT_KEY, KEY_PARTS, Statement
from claimx.factcheck.validate import RecordError, check_record_files
from claimx.guards import atomic_output, check_outputs, output_lock
from claimx.ingest import expand

app = typer.Typer(
    help="Fact-checking tools: compare figures across articles, report, export tables.",
    no_args_is_help=True,
    add_completion=False,
)

RecordFiles = Annotated[
    list[Path], typer.Argument(help="claimx/1 record files (JSONL, optionally .gz).")
]
KeyOption = Annotated[
    str,
    typer.Option(
        "--key",
        help=f"Comma-separated parts of the casualty comparison key, among {', '.join(KEY_PARTS)}.",
    ),
]
DEFAULT_KEY_TEXT = ",".join(DEFAULT_KEY)


def _parse_key(key: str) -> tuple[str, ...]:
    parts = tuple(p.strip() for p in key.split(",") if p.strip())
    if not parts or any(p not in KEY_PARTS for p in parts):
        raise fail(f"--key parts must be among {', '.join(KEY_PARTS)}, got {key!r}", 2)
    return parts


@contextmanager
def _output(path: Path | None) -> Iterator[TextIO]:
    """Standard output, or ``path`` (locked, and replaced only once complete)."""
    if path is None:
        yield sys.stdout
        return
    with output_lock(path), atomic_output(path) as handle:
        yield handle


@contextmanager
def _errors_as_exit() -> Iterator[None]:
    """Turn bad arguments, missing files and unusable records into one readable error line."""
    try:
        yield
    except FileNotFoundError as exc:
        raise fail(str(exc)) from None
    except RecordError as exc:
        raise fail(f"cannot read records: {exc}") from None
    except duckdb.Error as exc:
        raise fail(f"cannot read records: {exc}") from None
    except Exception as exc:
        raise exit_for(exc) from None


def _check_export_target(to: Path) -> None:
    """``--to`` is a directory (new or existing) or a ``.duckdb`` file that is a database."""
    if to.suffix == ".duckdb":
        if to.is_dir():
            raise fail(f"--to {to} is a directory; a FILE.duckdb must be a file", EXIT_USAGE)
        if to.exists() and not _is_duckdb(to):
            raise fail(f"--to {to} exists and is not a DuckDB database; left untouched", EXIT_USAGE)
    elif to.exists() and not to.is_dir():
        message = f"--to {to} is an existing file; give a directory (Parquet) or a FILE.duckdb"
        raise fail(message, EXIT_USAGE)


def _is_duckdb(path: Path) -> bool:
    """Whether ``path`` starts like a DuckDB database file (magic bytes at offset 8)."""
    with path.open("rb") as handle:
        return handle.read(12)[8:12] == b"DUCK"


def compare(
    records: Annotated[
        list[Path] | None,
        typer.Argument(help="claimx/1 record files (JSONL, optionally .gz).", show_default=False),
    ] = None,
    db: Annotated[
        Path | None,
        typer.Option(
            "--db", help="Compare exported tables instead: a FILE.duckdb or a Parquet directory."
        ),
    ] = None,
    output_format: Annotated[
        str, typer.Option("--format", help="table (terminal), jsonl or csv.")
    ] = "table",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")
    ] = None,
    key: KeyOption = DEFAULT_KEY_TEXT,
) -> None:
    """Group comparable casualty counts and figures across articles and flag them.

    Flags disagreements (same key and date, incompatible values), revisions
    over time (the sequence of values per key) and unattributed or vaguely
    attributed statements. The first lines of the table explain the keys.
    """
    from claimx.factcheck.compare import compare_records, compare_tables
    from claimx.factcheck.render import FORMATS, print_table, write_csv, write_jsonl

    if output_format not in FORMATS:
        raise fail(f"--format must be one of {', '.join(FORMATS)}, got {output_format!r}", 2)
    if bool(records) == (db is not None):
        raise fail("give record files or --db, not both and not neither", EXIT_USAGE)
    parts = _parse_key(key)
    with _errors_as_exit():
        check_outputs({"-o": output}, [*(records or []), *([db] if db else [])])
        if records:
            check_record_files(records)
    with _errors_as_exit(), _output(output) as out:
        found: Iterator[Statement] = (
            compare_tables(db, parts) if db is not None else compare_records(records or [], parts)
        )
        if output_format == "jsonl":
            write_jsonl(found, out)
        elif output_format == "csv":
            write_csv(found, out)
        else:
            console = Console(file=out, width=None if output is None else 160)
            print_table(found, console, parts)


def report(
    records: RecordFiles,
    text: Annotated[
        list[str] | None,
        typer.Option(
            "--text",
            help="The articles the records were extracted from (the inputs given to "
            "`claimx extract`: files, directories or globs; repeat the option for more).",
        ),
    ] = None,
    output: Annotated[Path, typer.Option("--output", "-o", help="The HTML file to write.")] = Path(
        "report.html"
    ),
    key: KeyOption = DEFAULT_KEY_TEXT,
) -> None:
    """Write one self-contained HTML report: highlighted articles and a summary.

    Without --text (or for an article whose text changed since extraction)
    the extracted items are listed without highlighting.
    """
    from claimx.factcheck.report import write_report

    parts = _parse_key(key)
    with _errors_as_exit():
        texts = (path for spec in text or [] for path in expand(spec))
        check_outputs({"-o": output}, itertools.chain(records, texts))
        check_record_files(records)
        with output_lock(output):
            summary = write_report(records, text or [], output, parts)
    typer.echo(f"wrote {output}: {summary}", err=True)


def export(
    records: RecordFiles,
    to: Annotated[
        Path,
        typer.Option(
            "--to", help="A directory (one Parquet file per table) or a FILE.duckdb database."
        ),
    ],
) -> None:
    """Export records as tables keyed by document id, to Parquet files or DuckDB.

    Tables: documents, claims, figures, casualties, agreements, dates, entities.
    """
    from claimx.factcheck.tables import export as export_tables

    _check_export_target(to)
    with _errors_as_exit():
        check_outputs({"--to": to}, records, directories=["--to"])
        check_record_files(records)
        with output_lock(to):
            counts = export_tables(records, to)
    typer.echo(", ".join(f"{name}: {n}" for name, n in counts.items()), err=True)


for _command in (compare, report, export):
    app.command()(_command)
