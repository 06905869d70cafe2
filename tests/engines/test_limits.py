"""Limits: too-long documents and slow documents become error lines; the batch goes on."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from claimx.batch import run_extract
from claimx.engines import EngineOptions
from claimx.engines.limits import DocumentTimeout, time_limit
from claimx.types import Article

CLAIMX = [sys.executable, "-m", "claimx"]
STALL = "STALLS-THE-PIPELINE"


def write_feed(path: Path, texts: list[str]) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for i, text in enumerate(texts):
            row = {"id": f"n{i}", "text": text, "published": "2024-05-02"}
            handle.write(json.dumps(row) + "\n")


def story(i: int) -> str:
    return f"Flooding in district {i} forced {i + 20} families from their homes, officials said."


def test_max_chars_turns_a_long_document_into_an_error_line(tmp_path: Path) -> None:
    long = " ".join(story(i) for i in range(40))
    texts = [story(1), long, story(2)]
    source = tmp_path / "feed.jsonl"
    write_feed(source, texts)
    out = tmp_path / "out.jsonl"
    proc = subprocess.run(
        [*CLAIMX, "extract", str(source), "-o", str(out), "-q", "--max-chars", "1000"],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["doc"]["id"] for r in records] == ["n0", "n2"]
    [error] = [
        json.loads(line) for line in (tmp_path / "out.errors.jsonl").read_text().splitlines()
    ]
    assert error["index"] == 1 and error["id"] == "n1"
    assert f"{len(long):,} characters" in error["reason"]
    assert "--max-chars 1,000" in error["reason"]


def test_documents_within_max_chars_are_processed(tmp_path: Path) -> None:
    source = tmp_path / "feed.jsonl"
    write_feed(source, [story(1), story(2)])
    out = tmp_path / "out.jsonl"
    limit = max(len(story(1)), len(story(2)))
    run_extract([str(source)], output=out, options=EngineOptions(max_chars=limit))
    assert len(out.read_text().splitlines()) == 2
    assert not (tmp_path / "out.errors.jsonl").read_text()


def busy(seconds: float) -> None:
    """Keep the interpreter busy (no sleeping in C) for ``seconds``."""
    until = time.monotonic() + seconds
    while time.monotonic() < until:
        pass


def test_time_limit_interrupts_a_worker_thread() -> None:
    outcome: dict[str, Any] = {}

    def work() -> None:
        started = time.monotonic()
        try:
            with time_limit(0.2):
                busy(10)
        except DocumentTimeout:
            outcome["after"] = time.monotonic() - started

    thread = threading.Thread(target=work)
    thread.start()
    thread.join(timeout=10)
    assert outcome["after"] < 2


def test_time_limit_in_a_thread_never_fires_after_its_block() -> None:
    errors: list[BaseException] = []

    def work() -> None:
        try:
            for _ in range(50):
                try:  # finishing right at the limit: a timeout inside the block is fine
                    with time_limit(0.01):
                        busy(0.009)
                except DocumentTimeout:
                    pass
            busy(0.3)  # an exception fired late would land here
        except BaseException as exc:  # the test records any escape
            errors.append(exc)

    thread = threading.Thread(target=work)
    thread.start()
    thread.join(timeout=10)
    assert errors == []


def stalling_record(original: Any) -> Any:
    def build(doc: Any, article: Article) -> dict[str, Any]:
        if STALL in article.text:
            busy(60)
        return original(doc, article)

    return build


def test_dask_engine_enforces_the_time_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Dask runs tasks in worker threads, where SIGALRM cannot reach; the document
    still times out and the rest of the batch is written."""
    distributed = pytest.importorskip("distributed")
    from claimx.engines import local

    monkeypatch.setattr(local, "SECONDS_PER_PIECE", 1.0)
    monkeypatch.setattr(local, "build_record", stalling_record(local.build_record))
    source = tmp_path / "feed.jsonl"
    write_feed(source, [story(1), f"{story(2)} {STALL}", story(3)])
    out = tmp_path / "out.jsonl"
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None
    ) as cluster:
        options = EngineOptions(engine="dask", scheduler=cluster.scheduler_address)
        started = time.monotonic()
        run_extract([str(source)], output=out, options=options)
        elapsed = time.monotonic() - started
    assert elapsed < 30
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["doc"]["id"] for r in records] == ["n0", "n2"]
    [error] = [
        json.loads(line) for line in (tmp_path / "out.errors.jsonl").read_text().splitlines()
    ]
    assert error["id"] == "n1" and "timed out" in error["reason"]


@pytest.mark.parametrize(
    "text",
    [
        '"' * 20_000,
        'The envoy wrote "' + "(" * 5_000 + '" and left. ' + "%2F" * 3_000 + " Talks resume.",
    ],
)
def test_long_runs_of_punctuation_tokenize_in_linear_time(text: str) -> None:
    """spaCy's tokenizer is quadratic in a run of prefix or suffix punctuation (20,000
    quote marks alone take minutes); the engine tokenizes such runs in chunks."""
    import spacy

    from claimx.engines.local import LONG_WORD, tokenize

    nlp = spacy.blank("en")
    started = time.monotonic()
    doc = tokenize(nlp, text)
    assert time.monotonic() - started < 5
    assert doc.text == text
    assert max(len(token) for token in doc) <= LONG_WORD
    assert [t.text for t in tokenize(nlp, "The toll rose to 12, officials said.")] == [
        t.text for t in nlp.make_doc("The toll rose to 12, officials said.")
    ]


def test_pieces_are_bounded_in_tokens_as_well_as_characters(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A text of one-character lines makes a token per character: its pieces are cut
    shorter, so the base model's memory stays bounded."""
    import spacy

    from claimx.engines import local

    monkeypatch.setattr(local, "PIECE_TOKENS", 500)
    nlp = spacy.blank("en")
    text = "Officials said 3 people died.\n\n" * 20 + "a\n" * 3_000
    pieces = list(local._pieces(nlp, text, 4_000))
    assert "".join(piece.text for piece in pieces) == text
    assert all(len(piece) <= 500 and len(piece.text) <= 4_000 for piece in pieces)
