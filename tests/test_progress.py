"""The progress display: a bar on a terminal, plain lines in a pipe, nothing with -q."""

from __future__ import annotations

import gzip
import io
import json
import os
import subprocess
import sys
import time
from pathlib import Path

from claimx.progress import Progress, count_documents

CLAIMX = [sys.executable, "-m", "claimx"]
BAR = "━"  # rich's bar


def make_inputs(folder: Path, n: int) -> Path:
    folder.mkdir()
    for i in range(n):
        (folder / f"story{i}.txt").write_text(
            f"Heavy rain cut power to {i + 3},000 homes in the port city on Sunday, "
            f"the utility said.\n",
            encoding="utf-8",
        )
    return folder


def run_on_pty(args: list[str]) -> tuple[int, str]:
    """Run a command with stderr on a pseudo-terminal; its exit status and what it drew."""
    master, slave = os.openpty()
    proc = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=slave)
    os.close(slave)
    drawn = bytearray()
    while True:
        try:
            chunk = os.read(master, 4096)
        except OSError:  # the terminal closed: the child has exited
            break
        if not chunk:
            break
        drawn += chunk
    os.close(master)
    return proc.wait(timeout=300), drawn.decode("utf-8", "replace")


def test_a_terminal_gets_a_progress_bar(tmp_path: Path) -> None:
    inputs = make_inputs(tmp_path / "in", 3)
    code, drawn = run_on_pty([*CLAIMX, "extract", str(inputs), "-o", str(tmp_path / "o.jsonl")])
    assert code == 0, drawn
    assert BAR in drawn
    assert "3/3" in drawn and "ETA" in drawn
    assert "claimx: 3 records, 0 errors" in drawn


def test_quiet_on_a_terminal_draws_nothing(tmp_path: Path) -> None:
    inputs = make_inputs(tmp_path / "in", 2)
    args = [*CLAIMX, "extract", str(inputs), "-o", str(tmp_path / "o.jsonl"), "-q"]
    code, drawn = run_on_pty(args)
    assert code == 0
    assert drawn == ""


def test_a_pipe_gets_plain_lines_and_no_bar(tmp_path: Path) -> None:
    inputs = make_inputs(tmp_path / "in", 3)
    proc = subprocess.run(
        [*CLAIMX, "extract", str(inputs), "-o", str(tmp_path / "o.jsonl")],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr
    assert BAR not in proc.stderr and "\x1b[" not in proc.stderr and "\r" not in proc.stderr
    assert proc.stderr.splitlines()[-1].startswith("claimx: 3 records, 0 errors")


def test_unknown_totals_keep_the_counter_line() -> None:
    stream = io.StringIO()
    progress = Progress(stream=stream, log_interval=0)
    progress.update(chars=120)
    progress.update(error=True)
    progress.close()
    lines = stream.getvalue().splitlines()
    assert lines[0].startswith("claimx: 1 records, 0 errors, 120 characters")
    assert lines[1].startswith("claimx: 1 records, 1 errors, 120 characters")


def test_known_totals_show_in_plain_lines() -> None:
    stream = io.StringIO()
    progress = Progress(stream=stream, log_interval=0)
    progress.total = 4
    progress.update(chars=50)
    assert "1 of 4 inputs" in stream.getvalue()


def test_count_documents(tmp_path: Path) -> None:
    folder = make_inputs(tmp_path / "in", 2)
    rows = "".join(json.dumps({"id": str(i), "text": "x"}) + "\n" for i in range(5))
    (folder / "feed.jsonl").write_text(rows, encoding="utf-8")
    with gzip.open(folder / "more.jsonl.gz", "wt", encoding="utf-8") as handle:
        handle.write(rows + '{"id": "last", "text": "no newline"}')
    (tmp_path / "list.json").write_text("[]", encoding="utf-8")
    assert count_documents([str(folder)]) == 2 + 5 + 6
    assert count_documents([str(folder), str(tmp_path / "missing.txt")]) == 14
    assert count_documents(["-"]) is None
    assert count_documents([str(tmp_path / "list.json")]) is None


def test_counting_runs_in_the_background(tmp_path: Path) -> None:
    folder = make_inputs(tmp_path / "in", 3)
    progress = Progress(stream=io.StringIO())
    progress.count([str(folder)])
    deadline = time.monotonic() + 10
    while progress.total is None and time.monotonic() < deadline:
        time.sleep(0.01)
    assert progress.total == 3
