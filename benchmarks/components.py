"""Cost of each claimx component as a share of the base spaCy pipeline, in one run.

    python benchmarks/components.py [--input FILE.jsonl] [--rounds 3]

Parses the input texts with the base model's components (timed), then runs
each claimx component in pipeline order on the parsed Docs (each timed), and
prints every component's time as a share of the base pipeline's. Median of
``--rounds`` rounds. Default input: the dates dev texts of ../shared/bench,
else the bundled corpus.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from throughput import DEFAULT_INPUT, load_texts

from claimx.components.extensions import PUBLISHED
from claimx.pipeline import claimx_component_names, load_pipeline


def measure(docs: list[dict], rounds: int) -> dict[str, float]:
    """Median seconds of the base pipeline and of each claimx component."""
    nlp = load_pipeline()
    ours = claimx_component_names(nlp)
    timings: dict[str, list[float]] = {"base": [], **{name: [] for name in ours}}
    for _ in range(rounds):
        with nlp.memory_zone():
            made = []
            for doc_in in docs:
                doc = nlp.make_doc(doc_in["text"])
                doc._.set(PUBLISHED, doc_in.get("published", ""))
                made.append(doc)
            started = time.perf_counter()
            parsed = list(nlp.pipe(made, batch_size=64, disable=ours))
            timings["base"].append(time.perf_counter() - started)
            for name in ours:
                component = nlp.get_pipe(name)
                started = time.perf_counter()
                parsed = [component(doc) for doc in parsed]
                timings[name].append(time.perf_counter() - started)
    return {name: statistics.median(values) for name, values in timings.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--input", type=Path, default=DEFAULT_INPUT)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
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
