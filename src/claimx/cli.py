"""The ``claimx`` command line."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Annotated

import click
import typer
from typer.core import TyperGroup

from claimx import __version__
from claimx.cliutil import EXIT_USAGE, exit_for, fail, interrupted
from claimx.engines.options import ENGINES, MAX_CHARS, EngineOptions
from claimx.ingest import FORMATS, FieldMap, normalise_published
from claimx.progress import Progress

#: Commands of :mod:`claimx.factcheck.cli`, imported (with DuckDB) only when one is called.
FACTCHECK_COMMANDS = ("compare", "report", "export")


class _LazyGroup(TyperGroup):
    """The claimx commands; the fact-check ones are loaded on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return [*super().list_commands(ctx), *FACTCHECK_COMMANDS]

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in FACTCHECK_COMMANDS:
            return super().get_command(ctx, cmd_name)
        from claimx.factcheck import cli as factcheck_cli

        single = typer.Typer(add_completion=False, pretty_exceptions_enable=False)
        single.command()(getattr(factcheck_cli, cmd_name))
        return typer.main.get_command(single)


app = typer.Typer(
    cls=_LazyGroup,
    name="claimx",
    help="Extract claims, dates, figures, casualty counts and agreements from news text.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.command()
def extract(
    inputs: Annotated[
        list[str],
        typer.Argument(
            help="Files, directories (read recursively), glob patterns, or - for stdin. "
            "Formats by suffix: .txt, .jsonl, .json, .html, each optionally .gz.",
            show_default=False,
        ),
    ],
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Records file (JSONL). Default: standard output."),
    ] = None,
    errors: Annotated[
        Path | None,
        typer.Option(
            help="Errors file (JSONL), one line per input that could not be processed. "
            "Default: OUTPUT.errors.jsonl beside -o, or messages on stderr without -o."
        ),
    ] = None,
    published: Annotated[
        str,
        typer.Option(
            help="Publication date (YYYY-MM-DD) for inputs that carry none; "
            "anchors relative dates such as 'last week'."
        ),
    ] = "",
    resume: Annotated[
        bool,
        typer.Option(
            "--resume",
            help="Continue an interrupted run into the same -o file: inputs already written "
            "are skipped, nothing is lost or duplicated.",
        ),
    ] = False,
    input_format: Annotated[
        str,
        typer.Option("--format", help=f"Input format: {', '.join(FORMATS)} (auto: by suffix)."),
    ] = "auto",
    text_field: Annotated[str, typer.Option(help="JSON field holding the article text.")] = "text",
    id_field: Annotated[str, typer.Option(help="JSON field holding the document id.")] = "id",
    published_field: Annotated[
        str, typer.Option(help="JSON field holding the publication date.")
    ] = "published",
    source_field: Annotated[str, typer.Option(help="JSON field holding the outlet.")] = "source",
    title_field: Annotated[str, typer.Option(help="JSON field holding the title.")] = "title",
    author_field: Annotated[str, typer.Option(help="JSON field holding the author.")] = "author",
    url_field: Annotated[str, typer.Option(help="JSON field holding the URL.")] = "url",
    batch_size: Annotated[int, typer.Option(min=1, help="Documents per spaCy batch.")] = 64,
    workers: Annotated[
        int,
        typer.Option(
            min=1,
            help="Worker processes (local engine), or LocalCluster workers (dask engine "
            "without --scheduler). Output is identical for any number.",
        ),
    ] = 1,
    engine: Annotated[
        str, typer.Option(help="Where to run: local (this machine) or dask (Dask distributed).")
    ] = "local",
    scheduler: Annotated[
        str,
        typer.Option(help="Dask scheduler address (tcp://host:8786) for --engine dask."),
    ] = "",
    agreements: Annotated[
        Path | None,
        typer.Option(
            help="CSV of known agreements (PA-X layout, or name,date,parties) to link "
            "cited agreements to: adds canonical_name and gazetteer_id.",
            exists=True,
            dir_okay=False,
        ),
    ] = None,
    chunk_size: Annotated[
        int,
        typer.Option(min=1, help="Documents per task sent to a worker (whole batches)."),
    ] = 128,
    max_chars: Annotated[
        int,
        typer.Option(
            min=1,
            help="Longest document (characters) to process; a longer one becomes an error "
            "line and the run goes on.",
        ),
    ] = MAX_CHARS,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="No progress bar on stderr.")
    ] = False,
    model: Annotated[
        str,
        typer.Option(
            help="Base spaCy pipeline (package name or path): any English pipeline with a "
            "parser and NER, e.g. en_core_web_trf. Default: en_core_web_sm."
        ),
    ] = "",
    gpu: Annotated[
        bool, typer.Option("--gpu", help="Run spaCy on the GPU (needs CuPy and a CUDA GPU).")
    ] = False,
) -> None:
    """Extract claimx/1 records (JSONL) from news articles.

    Every input becomes exactly one line: a record in the output, or a
    readable reason in the errors file. Exit status: 0 when the run
    finished (even if some inputs were bad), 1 when it could not run,
    2 for a usage error.
    """
    from claimx.batch import run_extract

    anchor = normalise_published(published)
    if anchor is None:
        raise fail(f"--published must be a date as YYYY-MM-DD, got {published!r}", EXIT_USAGE)
    if input_format not in FORMATS:
        choices = ", ".join(FORMATS)
        raise fail(f"--format must be one of {choices}, got {input_format!r}", EXIT_USAGE)
    if engine not in ENGINES:
        raise fail(f"--engine must be one of {', '.join(ENGINES)}, got {engine!r}", EXIT_USAGE)
    if scheduler and engine != "dask":
        raise fail("--scheduler goes with --engine dask", EXIT_USAGE)
    if resume and output is None:
        raise fail("--resume needs an output file (-o)", EXIT_USAGE)
    _choose_model(model, gpu)
    fields = FieldMap(
        text=text_field,
        id=id_field,
        published=published_field,
        source=source_field,
        title=title_field,
        author=author_field,
        url=url_field,
    )
    progress = Progress(enabled=not quiet)
    progress.count(inputs, input_format)
    try:
        run_extract(
            inputs,
            output=output,
            errors=errors,
            published=anchor,
            fields=fields,
            fmt=input_format,
            resume=resume,
            options=EngineOptions(
                engine=engine,
                workers=workers,
                scheduler=scheduler,
                batch_size=batch_size,
                chunk_size=chunk_size,
                agreements=str(agreements or ""),
                max_chars=max_chars,
            ),
            progress=progress,
        )
    except KeyboardInterrupt as exc:
        raise interrupted(exc) from None
    except Exception as exc:
        raise exit_for(exc) from None


def _choose_model(model: str, gpu: bool) -> None:
    """Switch spaCy to the GPU and check the base model; exit 1 with a message when they fail."""
    import spacy

    from claimx.pipeline import MODEL_ENV, load_pipeline

    if gpu:
        if not spacy.prefer_gpu():
            raise fail("--gpu: no usable GPU (claimx needs CuPy and a CUDA GPU); run without --gpu")
        typer.echo("claimx: running spaCy on the GPU (CuPy)", err=True)
    if model:
        try:
            load_pipeline(model=model)
        except (OSError, ValueError) as exc:
            raise fail(f"--model {model}: {exc}") from None
        os.environ[MODEL_ENV] = model  # worker processes load the same base


@app.command()
def schema() -> None:
    """Print the JSON Schema (draft 2020-12) of a claimx/1 record."""
    from claimx.records import json_schema

    typer.echo(json.dumps(json_schema(), indent=2))


def _version(value: bool) -> None:
    if value:
        typer.echo(f"claimx {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """claimx: checkable, structured facts from news text."""


def main() -> None:
    """Console entry point."""
    try:
        app()
    except BrokenPipeError:  # e.g. `claimx extract ... | head`
        sys.stderr.close()
