"""A hostile but realistic user (issue 15): never lose data, never a traceback.

Each numbered case of the issue is one section below. Every test asserts the
promises that matter: records + errors = inputs, the inputs unchanged, the
documented exit status, and no traceback.
"""

from __future__ import annotations

import json
import math
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest
from click.testing import Result
from typer.testing import CliRunner

from claimx.cli import app
from claimx.guards import lock_path, output_lock

runner = CliRunner()
RECORDS = Path(__file__).parent / "factcheck" / "fixtures" / "same-event.jsonl"

STORIES = [
    "Firefighters said 14 homes were destroyed when the blaze crossed the ridge on Sunday.",
    "The transport minister said the coastal rail line would reopen on March 3.",
    "At least 9 people were injured in the collision, a police spokeswoman said.",
    "Union leaders said 2,300 dock workers would strike from Monday over pay.",
]


# -- helpers ---------------------------------------------------------------------------
def claimx(*args: object, stdin: str | None = None) -> Result:
    """Run the CLI in-process; fail on any exception other than a clean exit."""
    result = runner.invoke(app, [str(a) for a in args], input=stdin)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"claimx {args} raised {result.exception!r}") from result.exception
    assert "Traceback" not in result.output
    return result


def claimx_process(*args: object, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """Run the CLI as a process (what a user runs), with a time limit."""
    command = [sys.executable, "-m", "claimx", *map(str, args)]
    proc = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
    assert "Traceback" not in proc.stderr
    return proc


def lines(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def snapshot(*roots: Path) -> dict[Path, bytes]:
    """The bytes of every regular file under ``roots``, to show inputs are unchanged."""
    files: dict[Path, bytes] = {}
    for root in roots:
        paths = [root] if not root.is_dir() else sorted(root.rglob("*"))
        for path in paths:
            if path.is_file() and not path.is_symlink():
                files[path] = path.read_bytes()
    return files


def accounted(out: Path, n_inputs: int) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Records and errors of a finished run; asserts records + errors = inputs,
    one line per input index, and no partial or lock file left."""
    errors_path = out.with_name(out.name.removesuffix(".jsonl") + ".errors.jsonl")
    records, errors = lines(out), lines(errors_path)
    assert len(records) + len(errors) == n_inputs
    assert len({e["index"] for e in errors}) == len(errors)
    assert all(0 <= e["index"] < n_inputs for e in errors)
    for path in (out, errors_path):
        assert not path.with_name(path.name + ".part").exists()
        assert not lock_path(path).exists()
    return records, errors


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A folder of four small wire stories."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    for number, story in enumerate(STORIES, start=1):
        (folder / f"story{number}.txt").write_text(story + "\n", encoding="utf-8")
    return folder


@pytest.fixture
def records_file(tmp_path: Path) -> Path:
    """A copy of the fact-check fixture records (six claimx/1 records)."""
    return Path(shutil.copy(RECORDS, tmp_path / "records.jsonl"))


# -- 1. an output path that is an input ------------------------------------------------
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["extract", "{a}", "-o", "{a}"], "-o {a} is also an input"),
        (["extract", "{a}", "-o", "{link}"], "-o {link} is also an input"),
        (["extract", "{corpus}/../corpus/story1.txt", "-o", "{a}"], "is also an input"),
        (["extract", "{corpus}", "-o", "{a}"], "-o {a} is also an input"),
        (["extract", "{a}", "-o", "{out}", "--errors", "{a}"], "--errors {a} is also an input"),
        (["extract", "{a}", "-o", "{out}", "--errors", "{out}"], "-o and --errors name the same"),
        (["compare", "{rec}", "-o", "{rec}", "--format", "jsonl"], "-o {rec} is also an input"),
        (["compare", "{rec}", "-o", "{reclink}"], "is also an input ({rec})"),
        (["report", "{rec}", "-o", "{rec}"], "-o {rec} is also an input"),
        (["report", "{rec}", "--text", "{corpus}", "-o", "{a}"], "-o {a} is also an input"),
        (["export", "{rec}", "--to", "{rec}"], "--to {rec} is an existing file"),
    ],
)
def test_1_an_output_that_is_an_input_is_refused_before_any_work(
    tmp_path: Path, corpus: Path, records_file: Path, args: list[str], message: str
) -> None:
    names = {
        "a": corpus / "story1.txt",
        "link": tmp_path / "link.jsonl",
        "corpus": corpus,
        "out": tmp_path / "out.jsonl",
        "rec": records_file,
        "reclink": tmp_path / "rec-link.jsonl",
    }
    names["link"].symlink_to(names["a"])
    names["reclink"].symlink_to(records_file)
    before = snapshot(corpus, records_file)
    result = claimx(*(arg.format(**names) for arg in args))
    assert result.exit_code == 2
    assert message.format(**names) in result.stderr
    assert snapshot(corpus, records_file) == before
    assert not names["out"].exists()
    assert not list(tmp_path.rglob("*.part")) and not list(tmp_path.rglob("*.lock"))


# -- 2. two runs writing the same output; 10. SIGTERM ------------------------------------
def _wait_for(condition: Any, what: str, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.1)


def test_2_and_10_a_second_writer_fails_fast_and_sigterm_keeps_the_part_for_resume(
    tmp_path: Path,
) -> None:
    feed = [json.dumps({"id": f"w{n}", "text": STORIES[n % 4]}) + "\n" for n in range(8)]
    out = tmp_path / "out.jsonl"
    part = tmp_path / "out.jsonl.part"
    first = subprocess.Popen(
        [sys.executable, "-m", "claimx", "extract", "-", "-o", str(out), "-q", "--batch-size", "1"],
        stdin=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert first.stdin is not None and first.stderr is not None
        first.stdin.writelines(feed[:3])
        first.stdin.flush()  # the run now waits for more input, holding the lock
        _wait_for(lambda: part.exists() and len(part.read_text().splitlines()) == 3, "3 records")
        second = claimx("extract", "-", "-o", out, stdin="".join(feed))
        assert second.exit_code == 1
        assert f"another claimx run (pid {first.pid}) is writing {out}" in second.stderr
        first.send_signal(signal.SIGTERM)
        assert first.wait(timeout=60) == 143
        assert "terminated (SIGTERM); run again with --resume" in first.stderr.read()
    finally:
        first.kill()
        first.stdin.close()
    assert not out.exists() and not lock_path(out).exists()
    assert [r["doc"]["id"] for r in lines(part)] == ["w0", "w1", "w2"]
    resumed = claimx("extract", "-", "-o", out, "--resume", "-q", stdin="".join(feed))
    assert resumed.exit_code == 0
    records, errors = accounted(out, len(feed))
    assert [r["doc"]["id"] for r in records] == [f"w{n}" for n in range(8)] and not errors


def test_2_a_run_waits_for_no_one_once_the_writer_is_gone(tmp_path: Path, corpus: Path) -> None:
    out = tmp_path / "out.jsonl"
    with output_lock(out):
        locked = claimx("extract", corpus, "-o", out, "-q")
        assert locked.exit_code == 1 and "is writing" in locked.stderr
    assert claimx("extract", corpus, "-o", out, "-q").exit_code == 0
    accounted(out, len(STORIES))


# -- 3. --resume after an input changed ------------------------------------------------
def test_3_resume_refuses_an_input_whose_text_changed(tmp_path: Path, corpus: Path) -> None:
    out = tmp_path / "out.jsonl"
    assert claimx("extract", corpus, "-o", out, "-q").exit_code == 0
    written = out.read_bytes()
    (corpus / "story2.txt").write_text("Officials said the rail line stays shut.\n")
    resumed = claimx("extract", corpus, "-o", out, "--resume", "-q")
    assert resumed.exit_code == 1
    assert "input 2 (" in resumed.stderr and "changed since its record was written" in (
        resumed.stderr
    )
    assert out.read_bytes() == written
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus", "out.errors.jsonl", "out.jsonl"]
    (corpus / "story4.txt").unlink()
    (corpus / "story2.txt").write_text(STORIES[1] + "\n")
    fewer = claimx("extract", corpus, "-o", out, "--resume", "-q")
    assert fewer.exit_code == 1
    assert "accounts for 4 inputs but there are only 3 now" in fewer.stderr
    assert out.read_bytes() == written
    (corpus / "story4.txt").write_text(STORIES[3] + "\n")
    (corpus / "story2.txt").write_text("Officials said the rail line stays shut.\n")
    assert claimx("extract", corpus, "-o", out, "-q").exit_code == 0
    records, _ = accounted(out, len(STORIES))
    assert records[1]["doc"]["n_chars"] == len("Officials said the rail line stays shut.\n")


# -- 4. names and ids of any bytes -----------------------------------------------------
def test_4_file_names_and_ids_of_any_bytes_are_written_readably(
    tmp_path: Path, corpus: Path
) -> None:
    odd = corpus / os.fsdecode(b"caf\xff\xfe.txt")
    odd.write_text(STORIES[0], encoding="utf-8")
    (corpus / os.fsdecode(b"vide\xe9.txt")).write_bytes(b"")
    feed = corpus / "feed.jsonl"
    feed.write_text(
        '{"id": "\\ud800wire", "text": "The mayor said \\udcff 30 buses were added."}\n'
        '{"id": "x\\udcff", "title": "\\ud83d", "text": "Police said 4 people were hurt."}\n',
        encoding="utf-8",
    )
    before = snapshot(corpus)
    out = tmp_path / "out.jsonl"
    result = claimx("extract", corpus, odd, "-o", out, "-q")
    assert result.exit_code == 0
    n_inputs = len(STORIES) + 2 + 2 + 1
    records, errors = accounted(out, n_inputs)
    out.read_bytes().decode("utf-8")  # strictly valid UTF-8
    ids = [r["doc"]["id"] for r in records]
    assert ids[:3] == ["caf\\xff\\xfe", "\\ud800wire", "x\\xff"]
    assert ids[-1] == "caf\\xff\\xfe#2"  # the same file given twice
    assert records[1]["doc"]["n_chars"] == len("The mayor said \udcff 30 buses were added.")
    assert [(e["id"], e["origin"]) for e in errors] == [
        ("vide\\xe9", str(corpus / "vide\\xe9.txt"))
    ]
    assert snapshot(corpus) == before


# -- 5. FIFOs, devices -----------------------------------------------------------------
def test_5_special_files_become_error_lines_and_never_block(tmp_path: Path, corpus: Path) -> None:
    os.mkfifo(corpus / "inbox.txt")
    fifo = tmp_path / "pipe.jsonl"
    os.mkfifo(fifo)
    out = tmp_path / "out.jsonl"
    proc = claimx_process("extract", corpus, fifo, "/dev/null", "-o", out, "-q", timeout=120)
    assert proc.returncode == 0
    records, errors = accounted(out, len(STORIES) + 3)
    assert len(records) == len(STORIES)
    assert {(Path(e["origin"]).name, e["reason"]) for e in errors} == {
        ("inbox.txt", "not a regular file: a FIFO"),
        ("pipe.jsonl", "not a regular file: a FIFO"),
        ("null", "not a regular file: a character device"),
    }


# -- 6. every command, bad arguments: a message and the documented exit status ----------
def _bad_arguments(tmp: Path, corpus: Path, records: Path) -> Iterator[tuple[list[object], int]]:
    page = tmp / "known.html"
    page.write_text("<!doctype html><html><body><p>Agreements</p></body></html>")
    utf16 = tmp / "known.csv"
    utf16.write_bytes("name,date\nDoha truce,2024-01-12\n".encode("utf-16"))
    other = tmp / "other.jsonl"
    other.write_text(records.read_text().replace('"claimx/1"', '"claimx/2"'))
    twice = tmp / "twice.jsonl"
    twice.write_text(records.read_text() * 2)
    not_db = tmp / "notes.duckdb"
    not_db.write_text("not a database")
    folder = tmp / "folder"
    folder.mkdir()
    story = corpus / "story1.txt"
    yield ["extract", story, "--agreements", page], 1
    yield ["extract", story, "--agreements", utf16], 1
    yield ["extract", story, "--agreements", tmp / "missing.csv"], 2
    yield ["extract", story, "--published", "2021-02-29"], 2
    yield ["extract", story, "--published", "2021-03-03T25:99:00Z"], 2
    yield ["extract", story, "--format", "pdf"], 2
    yield ["extract", story, "--engine", "spark"], 2
    yield ["extract", story, "--batch-size", "0"], 2
    yield ["extract", story, "--resume"], 2
    yield ["extract"], 2
    yield ["extract", story, "-o", folder], 2
    yield ["extract", story, "-o", story / "out.jsonl"], 1
    yield ["schema", "extra"], 2
    yield ["compare"], 2
    yield ["compare", records, "-o", folder], 2
    yield ["compare", records, "--key", "colour"], 2
    yield ["compare", records, "--format", "xml"], 2
    yield ["compare", tmp / "missing.jsonl"], 1
    yield ["compare", page], 1
    yield ["compare", utf16], 1
    yield ["compare", other], 1
    yield ["compare", twice], 1
    yield ["compare", "--db", not_db], 1
    yield ["compare", "--db", folder], 1
    yield ["report", records, "-o", folder], 2
    yield ["report", page, "-o", tmp / "r.html"], 1
    yield ["report", other, "-o", tmp / "r.html"], 1
    yield ["export", records, "--to", story], 2
    yield ["export", records, "--to", not_db], 2
    yield ["export", twice, "--to", tmp / "t.duckdb"], 1
    yield ["export", other, "--to", tmp / "t2"], 1
    yield ["export", utf16, "--to", tmp / "t3"], 1
    yield ["export", tmp / "missing.jsonl", "--to", tmp / "t4"], 1


def test_6_no_traceback_for_any_bad_argument_of_any_command(
    tmp_path: Path, corpus: Path, records_file: Path
) -> None:
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    cases = list(_bad_arguments(inputs, corpus, records_file))
    before = snapshot(inputs, corpus, records_file)
    for args, code in cases:
        result = claimx(*args)
        assert result.exit_code == code, (args, result.output)
        if code:
            assert result.stderr.strip(), args  # a message, not silence
    assert {command for command, *_ in (args for args, _ in cases)} == {
        "extract",
        "schema",
        "compare",
        "report",
        "export",
    }
    after = snapshot(inputs, corpus, records_file)
    assert {path: after[path] for path in before} == before


def test_6_no_traceback_as_a_process_either(tmp_path: Path, records_file: Path) -> None:
    page = tmp_path / "known.html"
    page.write_text("<!doctype html><html><body></body></html>")
    for args, code in (
        (["export", records_file, "--to", records_file], 2),
        (["compare", records_file, "-o", tmp_path], 2),
        (["compare", page], 1),
    ):
        assert claimx_process(*args).returncode == code
    assert records_file.read_bytes() == RECORDS.read_bytes()


# -- 7. duplicate document ids ---------------------------------------------------------
def test_7_duplicate_ids_get_a_suffix_and_export_keys_are_unique(
    tmp_path: Path, corpus: Path
) -> None:
    feed = corpus / "feed.jsonl"
    feed.write_text(
        "".join(
            json.dumps(row) + "\n"
            for row in (
                {"id": "wire-7", "text": STORIES[0]},
                {"id": "wire-7", "text": STORIES[1]},
                {"text": STORIES[2]},
                {"text": STORIES[2]},
                {"id": "wire-7#2", "text": STORIES[3]},
            )
        )
    )
    out = tmp_path / "out.jsonl"
    result = claimx("extract", feed, corpus / "story1.txt", corpus / "story1.txt", "-o", out, "-q")
    assert result.exit_code == 0
    records, _ = accounted(out, 7)
    ids = [r["doc"]["id"] for r in records]
    assert len(set(ids)) == 7
    assert ids[:2] == ["wire-7", "wire-7#2"] and ids[3] == ids[2] + "#2"
    assert ids[4] == "wire-7#2#2" and ids[5:] == ["story1", "story1#2"]
    assert result.stderr.count("repeats the document id") == 4
    assert claimx("export", out, "--to", tmp_path / "t.duckdb").exit_code == 0
    with duckdb.connect(str(tmp_path / "t.duckdb"), read_only=True) as con:
        assert con.execute("SELECT count(DISTINCT doc_id), count(*) FROM documents").fetchone() == (
            7,
            7,
        )
    both = claimx("export", out, out, "--to", tmp_path / "u.duckdb")
    assert both.exit_code == 1
    assert f"{out}:1: document id 'wire-7' repeats the one at {out}:1" in both.stderr


# -- 8. records of another schema or with lists missing ---------------------------------
@pytest.mark.parametrize("command", ["compare", "export", "report"])
def test_8_records_are_validated_with_file_and_line(
    tmp_path: Path, records_file: Path, command: str
) -> None:
    rows = records_file.read_text().splitlines()
    foreign = json.loads(rows[2])
    foreign["schema_version"] = "claimx/0"
    lacking = json.loads(rows[2])
    del lacking["casualties"]
    target = {"export": ["--to", tmp_path / "t"], "report": ["-o", tmp_path / "r.html"]}
    for bad, message in (
        (foreign, "schema_version is 'claimx/0'"),
        (lacking, "the record has no 'casualties' list"),
    ):
        path = tmp_path / "bad.jsonl"
        path.write_text("\n".join([*rows[:2], "", json.dumps(bad), *rows[3:]]) + "\n")
        before = path.read_bytes()
        result = claimx(command, path, *target.get(command, []))
        assert result.exit_code == 1
        assert f"cannot read records: {path}:4: {message}" in result.stderr
        assert path.read_bytes() == before
    assert not (tmp_path / "t").exists() and not (tmp_path / "r.html").exists()


# -- 9. numbers, deep pages, UTF-16 ----------------------------------------------------
def _finite(value: object) -> bool:
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, dict):
        return all(_finite(v) for v in value.values())
    if isinstance(value, list):
        return all(_finite(v) for v in value)
    return True


def test_9_a_document_of_100000_digits_is_a_record_with_finite_numbers(tmp_path: Path) -> None:
    digits = tmp_path / "digits.txt"
    digits.write_text("Officials said " + "7" * 100_000 + " people were displaced.\n")
    out = tmp_path / "out.jsonl"
    assert claimx("extract", digits, "-o", out, "-q").exit_code == 0
    [record], errors = accounted(out, 1)
    assert errors == [] and _finite(record)


def test_9_a_deep_page_and_utf16_and_utf32_files_are_text(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    depth = 90_000  # far deeper than libxml2's tree limit; the page is about 1 MB
    paragraph = " ".join(STORIES)
    (folder / "deep.html").write_text(
        "<html><body>" + "<div>" * depth + f"<p>{paragraph}</p>" + "</div>" * depth + "</body>"
    )
    (folder / "wide16.txt").write_bytes(STORIES[1].encode("utf-16"))
    (folder / "wide32.txt").write_bytes(STORIES[2].encode("utf-32"))
    (folder / "feed16.jsonl").write_bytes(
        (json.dumps({"id": "f16", "text": STORIES[3]}) + "\n").encode("utf-16")
    )
    before = snapshot(folder)
    out = tmp_path / "out.jsonl"
    assert claimx("extract", folder, "-o", out, "-q").exit_code == 0
    records, errors = accounted(out, 4)
    assert errors == []
    texts = {r["doc"]["id"]: r["doc"]["n_chars"] for r in records}
    assert texts == {
        "deep": len(paragraph),
        "f16": len(STORIES[3]),
        "wide16": len(STORIES[1]),
        "wide32": len(STORIES[2]),
    }
    assert snapshot(folder) == before


# -- 10. dates, non-string ids, line numbers, earlier outputs ---------------------------
def test_10_bad_published_dates_and_non_string_ids(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    rows = [
        {"id": "leap", "published": "2021-02-29", "text": STORIES[0]},
        {"id": "clock", "published": "2021-03-03T25:99:00Z", "text": STORIES[1]},
        {"id": "fine", "published": "2024-02-29T23:59:60Z", "text": STORIES[2]},
        {"id": 12, "text": STORIES[3]},
        {"id": 2.5, "text": STORIES[0]},
        {"id": True, "text": STORIES[1]},
        {"id": {"a": 1}, "text": STORIES[2]},
        {"id": ["x"], "text": STORIES[3]},
    ]
    feed.write_text("".join(json.dumps(row) + "\n" for row in rows))
    out = tmp_path / "out.jsonl"
    assert claimx("extract", feed, "-o", out, "-q").exit_code == 0
    records, errors = accounted(out, len(rows))
    assert [(r["doc"]["id"], r["doc"]["published"]) for r in records] == [
        ("fine", "2024-02-29"),
        ("12", ""),
        ("2.5", ""),
        ("true", ""),
    ]
    assert [(e["index"], e["reason"].split(":")[0]) for e in errors] == [
        (0, "'published' is not a YYYY-MM-DD date or ISO timestamp"),
        (1, "'published' is not a YYYY-MM-DD date or ISO timestamp"),
        (6, "'id' must be a string or a number, got dict"),
        (7, "'id' must be a string or a number, got list"),
    ]


def test_10_compare_names_the_right_line(tmp_path: Path, records_file: Path) -> None:
    rows = records_file.read_text().splitlines()
    bad = tmp_path / "bad.jsonl"
    bad.write_text("\n".join([rows[0], rows[1], '{"schema_version": "claimx/1", "doc"', *rows[2:]]))
    result = claimx("compare", bad, "--format", "jsonl")
    assert result.exit_code == 1
    assert f"{bad}:3: not JSON (Expecting ':' delimiter at column 37)" in result.stderr


def test_10_a_second_run_over_a_folder_skips_the_first_runs_outputs(corpus: Path) -> None:
    out = corpus / "out.jsonl"
    assert claimx("extract", corpus, "-o", out, "-q").exit_code == 0
    first = out.read_bytes()
    (corpus / "old.jsonl.part").write_text("{}\n")
    again = claimx("extract", corpus, "-o", corpus / "again.jsonl", "-q")
    assert again.exit_code == 0
    assert f"skipped {out}: claimx records of an earlier run" in again.stderr
    assert f"skipped {corpus / 'out.errors.jsonl'}: the errors file of an earlier run" in (
        again.stderr
    )
    assert "old.jsonl.part: an unfinished output" in again.stderr
    accounted(corpus / "again.jsonl", len(STORIES))
    assert out.read_bytes() == first
    rerun = claimx("extract", corpus, "-o", out, "-q")  # its own output: no note
    assert rerun.exit_code == 0 and f"skipped {out}:" not in rerun.stderr
