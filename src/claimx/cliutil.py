"""Helpers shared by the claimx commands."""

from __future__ import annotations

import typer

#: The run could not be carried out (bad output path, resume mismatch, unreadable records).
EXIT_FAILED = 1
#: The command was called wrongly.
EXIT_USAGE = 2


def fail(message: str, code: int = EXIT_FAILED) -> typer.Exit:
    """Print ``claimx: error: MESSAGE`` on stderr; return the Exit to raise."""
    typer.echo(f"claimx: error: {message}", err=True)
    return typer.Exit(code)
