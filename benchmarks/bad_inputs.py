"""Hostile documents next to a normal article: each finishes or becomes an error line.

    python benchmarks/bad_inputs.py [--cases quotes numbers ...] [--tmp /tmp]

Each case is a folder holding one of the bundled articles and one hostile
document; ``claimx extract`` runs on the folder in a fresh process (start-up
included). Printed per case: what became of the hostile document (a record, or
the reason on its error line), wall seconds, peak RSS, and whether records +
errors = inputs (the batch went on). Cases:

- ``huge``: a 50 MB document (the bundled articles repeated), over ``--max-chars``;
- ``lines``: 1,000,000 one-character lines;
- ``quotes``: one line of 500,000 quote marks;
- ``numbers``: 100,000 numbers in a row;
- ``urlencoded``: one 10 MB URL-encoded string (no spaces), over ``--max-chars``.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import urllib.parse
from collections.abc import Callable
from pathlib import Path

from long_documents import make_text
from throughput import run_claimx

ROOT = Path(__file__).resolve().parents[1]
RSS_LIMIT_GB = 3.0

CASES: dict[str, Callable[[], str]] = {
    "huge": lambda: make_text("realistic", 50_000_000),
    "lines": lambda: "a\n" * 1_000_000,
    "quotes": lambda: '"' * 500_000,
    "numbers": lambda: " ".join(str(i) for i in range(100_000)),
    "urlencoded": lambda: urllib.parse.quote(make_text("realistic", 8_000_000), safe="")[
        :10_000_000
    ],
}


def run_case(name: str, folder: Path) -> dict:
    """Extract a folder of one bundled article and the case's document."""
    inputs = folder / name
    inputs.mkdir()
    article = sorted((ROOT / "corpora" / "articles").glob("*.txt"))[0]
    shutil.copy(article, inputs / article.name)
    (inputs / f"{name}.txt").write_text(CASES[name](), encoding="utf-8")
    out = folder / f"{name}.jsonl"
    seconds, rss_kib = run_claimx(["extract", str(inputs), "-o", str(out)])
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    errors_path = out.with_name(f"{name}.errors.jsonl")
    errors = [json.loads(line) for line in errors_path.read_text(encoding="utf-8").splitlines()]
    hostile = [e["reason"] for e in errors if Path(e.get("origin", "")).name == f"{name}.txt"]
    return {
        "seconds": seconds,
        "rss_gb": rss_kib / 2**20,
        "outcome": f"error line: {hostile[0]}" if hostile else "record",
        "complete": len(records) + len(errors) == 2,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", nargs="+", choices=list(CASES), default=list(CASES))
    parser.add_argument("--tmp", type=Path, default=Path(tempfile.gettempdir()))
    args = parser.parse_args(argv)
    failures: list[str] = []
    print("| case | outcome | wall s | peak RSS GB | records + errors = inputs |")
    print("|---|---|---|---|---|")
    with tempfile.TemporaryDirectory(prefix="claimx-bad-", dir=args.tmp) as tmp:
        for name in args.cases:
            result = run_case(name, Path(tmp))
            print(
                f"| {name} | {result['outcome']} | {result['seconds']:.1f} "
                f"| {result['rss_gb']:.2f} | {result['complete']} |",
                flush=True,
            )
            if not result["complete"]:
                failures.append(f"{name}: records + errors != inputs")
            if result["rss_gb"] > RSS_LIMIT_GB:
                failures.append(f"{name}: peak RSS {result['rss_gb']:.2f} GB > {RSS_LIMIT_GB:g}")
    verdict = "NOT MET: " + "; ".join(failures) if failures else "every case finished"
    print(verdict)
    return 0 if not failures else 1


if __name__ == "__main__":
    sys.exit(main())
