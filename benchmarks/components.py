"""Cost of each claimx component as a share of the base spaCy pipeline, in one run.

    python benchmarks/components.py [--input FILE.jsonl] [--rounds 3]
    python benchmarks/components.py --long repeated 100000 400000 2000000 [--rounds 1]

Parses the input texts with the base model's components as the engine does
(timed), then runs each claimx component in pipeline order on the parsed Docs
(each timed), and prints every component's time as a share of the base
pipeline's. Median of ``--rounds`` rounds. Default input: the dates dev texts of
../shared/bench, else the bundled corpus. ``--long KIND SIZE...`` measures
instead one document of each size (characters) of a kind of text from
``long_documents.py`` (``repeated`` or ``realistic``), and prints each
component's time per character, so growth faster than the text shows.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from long_documents import make_text
from throughput import DEFAULT_INPUT, load_texts

from claimx.components.extensions import PUBLISHED
from claimx.engines.local import parse
from claimx.pipeline import claimx_component_names, load_pipeline
from claimx.types import Article


def measure(docs: list[dict], rounds: int) -> dict[str, float]:
    """Median seconds of the base pipeline and of each claimx component."""
    nlp = load_pipeline()
    ours = claimx_component_names(nlp)
    timings: dict[str, list[float]] = {"base": [], **{name: [] for name in ours}}
    for _ in range(rounds):
        with nlp.memory_zone():
            articles = [Article(text=d["text"], id=str(n)) for n, d in enumerate(docs)]
            started = time.perf_counter()
            parsed = list(parse(articles, nlp))
            timings["base"].append(time.perf_counter() - started)
            for doc, doc_in in zip(parsed, docs, strict=True):
                doc._.set(PUBLISHED, doc_in.get("published", ""))
            for name in ours:
                component = nlp.get_pipe(name)
                started = time.perf_counter()
                parsed = [component(doc) for doc in parsed]
                timings[name].append(time.perf_counter() - started)
    return {name: statistics.median(values) for name, values in timings.items()}


def long_growth(kind: str, sizes: list[int], rounds: int) -> int:
    """Print each stage's microseconds per character on one document of each size."""
    rows = {}
    for size in sizes:
        rows[size] = measure([{"text": make_text(kind, size)}], rounds)
        print(f"{kind} {size:,} chars: base spaCy {rows[size]['base']:.1f} s", flush=True)
    print(f"microseconds per character ({kind}): " + " | ".join(f"{s:,}" for s in sizes))
    for name in rows[sizes[0]]:
        per_char = [1e6 * rows[size][name] / size for size in sizes]
        growth = per_char[-1] / max(per_char[0], 1e-12)
        cells = " | ".join(f"{value:7.2f}" for value in per_char)
        print(f"  {name:20} {cells}   growth {growth:.2f}x")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--input", type=Path, default=DEFAULT_INPUT)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--long", nargs="+", metavar="KIND SIZE", help="kind, then sizes")
    args = parser.parse_args(argv)
    if args.long:
        return long_growth(args.long[0], [int(size) for size in args.long[1:]], args.rounds)
    docs = load_texts(args.input)
    words = sum(len(d["text"].split()) for d in docs)
    seconds = measure(docs, args.rounds)
    base = seconds.pop("base")
    print(f"{len(docs)} docs, {words:,} words; base spaCy pipeline {base:.2f} s (median)")
    for name, spent in seconds.items():
        print(f"  {name:20} {spent:6.2f} s  {100 * spent / base:5.1f}% of base")
    dates_figures = seconds.get("claimx_dates", 0) + seconds.get("claimx_figures", 0)
    print(
        f"  dates + figures      {dates_figures:6.2f} s  {100 * dates_figures / base:5.1f}% of base"
    )
    total = sum(seconds.values())
    print(f"  all claimx           {total:6.2f} s  {100 * total / base:5.1f}% of base")
    return 0


if __name__ == "__main__":
    sys.exit(main())
