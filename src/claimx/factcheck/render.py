"""Write compared statements as a terminal table (rich), JSONL or CSV."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Sequence
from dataclasses import fields
from itertools import groupby
from typing import TextIO

from rich.console import Console
from rich.table import Table
from rich.text import Text

from claimx.factcheck.compare import DEFAULT_KEY, Statement, legend

FORMATS = ("table", "jsonl", "csv")
COLUMNS = [f.name for f in fields(Statement)]
EVIDENCE_WIDTH = 120


def write_jsonl(statements: Iterable[Statement], out: TextIO) -> int:
    """One JSON object per statement; returns how many were written."""
    count = 0
    for statement in statements:
        out.write(json.dumps(statement.as_dict(), ensure_ascii=False) + "\n")
        count += 1
    return count


def write_csv(statements: Iterable[Statement], out: TextIO) -> int:
    """A header row, then one row per statement (flags joined by ``; ``)."""
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    count = 0
    for statement in statements:
        row = statement.as_dict()
        row["flags"] = "; ".join(statement.flags)
        writer.writerow(row)
        count += 1
    return count


def _clip(text: str, width: int = EVIDENCE_WIDTH) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _flag_text(statement: Statement) -> Text:
    text = Text()
    for flag in statement.flags:
        if flag.startswith("revised"):  # the key's heading shows the revision
            continue
        style = "bold red" if flag == "disagreement" else "yellow"
        text.append(flag + "\n", style=style)
    if statement.disagrees_with:
        text.append("vs " + statement.disagrees_with, style="red")
    return text


def print_table(
    statements: Iterable[Statement], console: Console, key: Sequence[str] = DEFAULT_KEY
) -> int:
    """Print the legend, then one table per comparison key; returns the statement count."""
    for line in legend(key):
        console.print(Text(line, style="dim"))
    count = 0
    for (kind, group_key), group in groupby(statements, lambda s: (s.kind, s.key)):
        rows = list(group)
        count += len(rows)
        title = Text(f"{kind}: {group_key}", style="bold")
        if rows[0].revision:
            title.append(f"\nrevised ({rows[0].trend}): {rows[0].revision}", style="cyan")
        table = Table(title=title, title_justify="left", show_lines=True, expand=True)
        table.add_column("date", no_wrap=True, min_width=11)
        table.add_column("value", no_wrap=True)
        for name, ratio in (
            ("speaker", 2),
            ("source", 2),
            ("article / item", 2),
            ("flags", 2),
            ("evidence", 5),
        ):
            table.add_column(name, ratio=ratio, overflow="fold")
        for s in rows:
            inferred = f"\n(inferred {s.inferred})" if s.inferred else ""
            table.add_row(
                s.date + ("" if s.date_from == "claim" else "\n(published)"),
                s.value_text,
                s.speaker or "—",
                s.source or "—",
                f"{s.doc_id}\n{s.item}{inferred}",
                _flag_text(s),
                _clip(s.evidence),
            )
        console.print(table)
    console.print(f"{count} statements")
    return count
