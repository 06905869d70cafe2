"""Helpers shared by the claimx commands."""

from __future__ import annotations

import typer

from claimx.guards import Terminated, UsageError

#: The run could not be carried out (bad output path, resume mismatch, unreadable records).
EXIT_FAILED = 1
#: The command was called wrongly.
EXIT_USAGE = 2
#: Stopped by Ctrl-C (SIGINT) or by SIGTERM: 128 + the signal number.
EXIT_INTERRUPTED = 130
EXIT_TERMINATED = 143


def fail(message: str, code: int = EXIT_FAILED) -> typer.Exit:
    """Print ``claimx: error: MESSAGE`` on stderr; return the Exit to raise."""
    typer.echo(f"claimx: error: {message}", err=True)
    return typer.Exit(code)


def exit_for(exc: Exception) -> typer.Exit:
    """The Exit (and message) for a failure a user can cause; re-raises anything else.

    Usage errors (an output that is an input) exit 2; runs that cannot go on
    (output locked by another run, a resume mismatch, a bad ``--agreements`` file,
    an unwritable output) exit 1.
    """
    if isinstance(exc, UsageError):
        return fail(str(exc), EXIT_USAGE)
    if isinstance(exc, RuntimeError):
        return fail(str(exc))
    if isinstance(exc, OSError):
        return fail(f"cannot write output: {exc}")
    raise exc


def interrupted(exc: KeyboardInterrupt) -> typer.Exit:
    """The Exit for a run stopped by Ctrl-C or SIGTERM; its partial output is kept."""
    if isinstance(exc, Terminated):
        return fail("terminated (SIGTERM); run again with --resume to continue", EXIT_TERMINATED)
    return fail("interrupted; run again with --resume to continue", EXIT_INTERRUPTED)
