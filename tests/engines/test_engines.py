"""Engines: identical output from every engine, resume after kill -9, limits, no network."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from claimx.batch import run_extract
from claimx.engines import EngineOptions
from claimx.engines.limits import DocumentTimeout, time_limit
from claimx.engines.local import split_text
from claimx.types import Article

CLAIMX = [sys.executable, "-m", "claimx"]


def extract_to(out: Path, inputs: list[Path], **options: object) -> bytes:
    run_extract([str(p) for p in inputs], output=out, **options)
    return out.read_bytes()


@pytest.fixture(scope="module")
def single_process_output(tmp_path_factory: pytest.TempPathFactory, corpora: Path) -> bytes:
    out = tmp_path_factory.mktemp("single") / "out.jsonl"
    return extract_to(out, [corpora / "articles", corpora / "same-event"])


def test_two_workers_give_byte_identical_output(
    tmp_path: Path, corpora: Path, single_process_output: bytes
) -> None:
    got = extract_to(
        tmp_path / "out.jsonl",
        [corpora / "articles", corpora / "same-event"],
        options=EngineOptions(workers=2, chunk_size=3),
    )
    assert got == single_process_output


def test_dask_local_cluster_gives_identical_output(
    tmp_path: Path, corpora: Path, single_process_output: bytes
) -> None:
    pytest.importorskip("distributed")
    got = extract_to(
        tmp_path / "out.jsonl",
        [corpora / "articles", corpora / "same-event"],
        options=EngineOptions(engine="dask", workers=2, chunk_size=4),
    )
    assert got == single_process_output


def feed(path: Path, n: int) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for i in range(n):
            text = (
                f"Officials in district {i} said {i + 2} people were injured on Monday "
                f'when a bridge collapsed. "We are still searching," said mayor Ana Ruiz {i}.'
            )
            handle.write(
                json.dumps({"id": f"doc-{i:04d}", "text": text, "published": "2024-05-02"})
            )
            handle.write("\n")
        handle.write("{broken line\n")


def test_kill_9_then_resume_equals_an_uninterrupted_run(tmp_path: Path) -> None:
    inputs = tmp_path / "feed.jsonl"
    feed(inputs, 400)
    reference = tmp_path / "reference.jsonl"
    subprocess.run([*CLAIMX, "extract", str(inputs), "-o", str(reference), "-q"], check=True)

    out = tmp_path / "out.jsonl"
    part = tmp_path / "out.jsonl.part"
    proc = subprocess.Popen(
        [*CLAIMX, "extract", str(inputs), "-o", str(out), "-q", "--batch-size", "8"]
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and (not part.exists() or part.stat().st_size < 20_000):
        time.sleep(0.05)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert not out.exists(), "a killed run must not leave a final output file"
    written = part.read_bytes()
    assert 0 < written.count(b"\n") < 400
    part.write_bytes(written + b'{"schema_version": "claimx/1", "doc": {"id": "tor')  # torn line

    subprocess.run([*CLAIMX, "extract", str(inputs), "-o", str(out), "-q", "--resume"], check=True)
    assert out.read_bytes() == reference.read_bytes()
    errors = (tmp_path / "out.errors.jsonl").read_text().splitlines()
    assert len(errors) == 1 and json.loads(errors[0])["index"] == 400


def test_no_network_needed(tmp_path: Path) -> None:
    script = (
        "import socket\n"
        "def refuse(*a, **k):\n"
        "    raise OSError('network access attempted')\n"
        "socket.socket.connect = refuse\n"
        "socket.create_connection = refuse\n"
        "socket.getaddrinfo = refuse\n"
        "import claimx\n"
        "r = claimx.extract('Two people were killed in Kyiv on Monday, police said.',"
        " published='2024-05-02')\n"
        "print(len(r['casualties']), len(r['claims']))\n"
    )
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["1", "1"]


def test_time_limit_interrupts_a_slow_block() -> None:
    started = time.monotonic()
    with pytest.raises(DocumentTimeout), time_limit(0.2):
        while True:
            time.sleep(0.01)
    assert time.monotonic() - started < 2


@pytest.mark.parametrize("limit", [50, 400, 5000])
def test_split_text_rejoins_exactly(limit: int) -> None:
    text = ("A sentence about 12 people. " * 40 + "\n\n" + "x" * 3000 + " tail") * 3
    pieces = split_text(text, limit)
    assert "".join(pieces) == text
    assert all(len(piece) <= limit for piece in pieces)


def test_long_document_is_parsed_in_pieces_with_true_offsets(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr("claimx.engines.local.PIECE_CHARS", 2_000)
    paragraph = (
        "The ministry said 14 civilians were killed on Tuesday. "
        '"We will not stop," said Colonel Dana Reyes. '
    )
    text = "\n\n".join(paragraph for _ in range(120))
    (tmp_path / "long.txt").write_text(text, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    run_extract([str(tmp_path / "long.txt")], output=out, published="2024-05-02")
    [record] = [json.loads(line) for line in out.read_text().splitlines()]
    assert record["doc"]["n_chars"] == len(text)
    assert len(record["casualties"]) >= 1
    for name in ("dates", "figures"):
        assert record[name], name
        for item in record[name]:
            assert text[item["start"] : item["end"]] == item["text"]
    assert record["figures"][-1]["start"] > len(text) - len(paragraph)


def test_blocks_end_at_fixed_input_positions() -> None:
    from claimx.engines.local import aligned_blocks

    assert [len(b) for b in aligned_blocks(range(10), 4)] == [4, 4, 2]
    assert [len(b) for b in aligned_blocks(range(10), 4, start=6)] == [2, 4, 4]
    assert list(aligned_blocks([], 4)) == []


def test_a_batch_that_breaks_the_base_model_is_retried_article_by_article(
    nlp: Language, monkeypatch: pytest.MonkeyPatch
) -> None:
    from claimx.engines import local

    articles = [
        Article(text=f"Storm number {i} left {i + 2} people injured, officials said.", id=f"s{i}")
        for i in range(4)
    ]
    expected = list(local.process(articles, nlp))
    real_parse = local.parse

    def flaky(batch: list[Article], nlp: Language) -> Iterator[Doc]:
        docs = real_parse(batch, nlp)
        if len(batch) == 1:
            yield from docs
            return
        yield next(docs)
        raise RuntimeError("the parser fell over")

    monkeypatch.setattr(local, "parse", flaky)
    assert list(local.process(articles, nlp)) == expected
