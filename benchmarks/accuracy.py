"""Run the accuracy benchmarks of ../shared/bench and hold them to recorded floors.

    python benchmarks/accuracy.py [--bench ../shared/bench] [--claimx CMD] [--only NAME ...]
                                  [--update]

Each entry of ``benchmarks/floors.json`` names a bench task, its data folder
and the floor of its main metric (and, for end-to-end runs, of each list's
F1, ``dates_f1``, and of matched items' fields, ``field casualties.location``).
A score more than ``tolerance`` below its floor fails the run (exit 1).
``corpus-e2e`` scores the project's own hand-annotated corpus (``corpora/gold``
with ``corpora/articles``) through the kit's e2e scorer. An entry with
``"half": "even"`` or ``"odd"`` scores one half of its data folder: documents
split by the parity of the number ending their id ("gvdb-46" is even) when every
id ends in one, else by the parity of their line in ``inputs.jsonl`` (0-based);
develop on one half and check on the other. ``--update`` writes
the measured scores back as the new floors (do this when a change lands that
raises them). Dev numbers only: the kit's held-out splits are never built here.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FLOORS = ROOT / "benchmarks" / "floors.json"
_LAST_LINE = re.compile(r"^(\w+) (\S+) ([0-9.]+)$")
#: A matched-item field's agreement in the e2e report: "field casualties.location  0.7500".
_FIELD_ROW = re.compile(r"^field (\S+)\s+([0-9.]+)$")
_LIST_ROW = re.compile(
    r"^(dates|figures|casualties|claims|agreements)\s+[0-9.]+\s+[0-9.]+\s+([0-9.]+)"
)


def corpus_bench(bench: Path, workdir: Path) -> Path:
    """Build an e2e bench folder from corpora/gold + corpora/articles with prepare.py."""
    seeds = workdir / "corpus-seeds"
    seeds.mkdir()
    for gold in sorted((ROOT / "corpora" / "gold").glob("*.gold.json")):
        name = gold.name[: -len(".gold.json")]
        shutil.copy(gold, seeds / gold.name)
        shutil.copy(ROOT / "corpora" / "articles" / f"{name}.txt", seeds / f"{name}.txt")
    out = workdir / "corpus-e2e"
    subprocess.run(
        [
            sys.executable,
            str(bench / "prepare.py"),
            "e2e",
            "--seeds",
            str(seeds),
            "--out",
            str(out),
        ],
        check=True,
        capture_output=True,
    )
    return out


def half_bench(data: Path, half: str, workdir: Path) -> Path:
    """Write the ``half`` ("even" or "odd") of a bench folder to ``workdir``; see the module doc."""
    lines = (data / "inputs.jsonl").read_text().splitlines()
    ids = [json.loads(line)["id"] for line in lines]
    numbers = [re.search(r"(\d+)$", doc_id) for doc_id in ids]
    if all(numbers):
        parities = [int(number.group(1)) % 2 for number in numbers if number]
    else:
        parities = [index % 2 for index in range(len(ids))]
    wanted = int(half == "odd")
    keep = {doc_id for doc_id, parity in zip(ids, parities, strict=True) if parity == wanted}
    out = workdir / f"{data.name}-{half}"
    out.mkdir()
    for name in ("inputs.jsonl", "gold.jsonl"):
        rows = (data / name).read_text().splitlines()
        chosen = [row for row in rows if row.strip() and _doc_id(json.loads(row)) in keep]
        (out / name).write_text("".join(row + "\n" for row in chosen))
    return out


def _doc_id(row: dict) -> str:
    """An input's ``id``, or a claimx/1 gold record's ``doc.id``."""
    return row["id"] if "id" in row else row["doc"]["id"]


def run_task(bench: Path, task: str, data: Path, claimx: str) -> dict[str, float]:
    """Run one bench task; return its main metric and, for e2e, each list's F1 and field."""
    proc = subprocess.run(
        [sys.executable, str(bench / "run.py"), task, "--data", str(data), "--claimx", claimx],
        capture_output=True,
        text=True,
    )
    if proc.returncode:
        raise RuntimeError(f"{task} on {data} failed:\n{proc.stdout}\n{proc.stderr}")
    scores: dict[str, float] = {}
    for line in proc.stdout.splitlines():
        if match := _LIST_ROW.match(line):
            scores[f"{match.group(1)}_f1"] = float(match.group(2))
        elif match := _FIELD_ROW.match(line):
            scores[f"field {match.group(1)}"] = float(match.group(2))
    match = _LAST_LINE.match(proc.stdout.strip().splitlines()[-1])
    if not match:
        raise RuntimeError(f"{task}: unexpected report ending:\n{proc.stdout[-500:]}")
    scores[match.group(2)] = float(match.group(3))
    return scores


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bench", type=Path, default=ROOT.parent / "shared" / "bench")
    parser.add_argument("--claimx", default="claimx", help="the claimx command to measure")
    parser.add_argument("--only", nargs="*", help="names of floors.json entries to run")
    parser.add_argument("--update", action="store_true", help="record measured scores as floors")
    args = parser.parse_args(argv)

    config = json.loads(FLOORS.read_text())
    tolerance = config["tolerance"]
    failures = []
    with tempfile.TemporaryDirectory(prefix="claimx-accuracy-") as tmp:
        for name, entry in config["benchmarks"].items():
            if args.only and name not in args.only:
                continue
            if entry["data"] == "corpus":
                data = corpus_bench(args.bench, Path(tmp))
            else:
                data = args.bench / entry["data"]
            if "half" in entry:
                data = half_bench(data, entry["half"], Path(tmp))
            scores = run_task(args.bench, entry["task"], data, args.claimx)
            for metric, floor in entry["floors"].items():
                got = scores.get(metric)
                ok = got is not None and got >= floor - tolerance
                print(
                    f"{name:16} {metric:22} {got if got is not None else 'missing':>8} "
                    f"(floor {floor:.4f}) {'ok' if ok else 'BELOW FLOOR'}"
                )
                if not ok:
                    failures.append(f"{name} {metric}")
            if args.update:
                entry["floors"] = {m: round(scores[m], 4) for m in entry["floors"] if m in scores}
    if args.update:
        FLOORS.write_text(json.dumps(config, indent=2) + "\n")
    if failures:
        print("below floor: " + ", ".join(failures), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
