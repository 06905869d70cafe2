"""Train the candidate filter on a PolNeAR bench folder (claims-train), CPU only.

    python training/train_claims_filter.py \\
        /work/shared/bench/data/claims-train -o models/claims/filter.json

Parses the folder's ``inputs.jsonl`` with the claimx pipeline (up to
``claimx_claims``), derives the cue lemmas PolNeAR annotates (verbs and nouns
heading a gold cue at least ``min_cue`` times, default once), proposes candidates with
:func:`~claimx.components.attribution.cues.propose`, labels each one positive
when its cue overlaps a gold cue whose content it covers by 0.3 or more of the
words, and fits an L2-regularised logistic regression (numpy, full batch).
The threshold maximises the kept candidates' F1 on out-of-fold scores.
"""

from __future__ import annotations

import argparse
import json
import re
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import numpy as np
from spacy.tokens import Doc

from claimx.components.attribution.cues import (
    Attribution,
    CueWords,
    colons,
    indexed_sentences,
    propose,
    quoted_tokens,
)
from claimx.components.attribution.quotes import quote_spans
from claimx.components.attribution.scoring import features
from claimx.components.attribution.speakers import load_speaker_words
from claimx.components.extensions import PUBLISHED
from claimx.resources import load_json

COVERAGE = 0.3
_WORD = re.compile(r"\w+")

Example = tuple[list[str], int, str]  # features, label, document id


def parse(folder: Path, n_process: int = 2) -> Iterator[tuple[str, Doc]]:
    """(id, Doc) of each input, through the pipeline up to ``claimx_claims``."""
    from claimx.pipeline import load_pipeline

    nlp = load_pipeline()
    rows = [json.loads(line) for line in (folder / "inputs.jsonl").open(encoding="utf-8")]
    stop = nlp.pipe_names.index("claimx_claims")
    disable = nlp.pipe_names[stop:]
    texts = []
    for row in rows:
        doc = nlp.make_doc(row["text"])
        doc._.set(PUBLISHED, row.get("published", ""))
        texts.append(doc)
    with nlp.select_pipes(disable=disable):
        for row, doc in zip(rows, nlp.pipe(texts, n_process=n_process, batch_size=16), strict=True):
            yield row["id"], doc


def cue_lemmas(docs: dict[str, Doc], gold: dict[str, dict], min_count: int) -> tuple[list, list]:
    """Verb and noun lemmas that head a gold cue at least ``min_count`` times."""
    verbs: Counter[str] = Counter()
    nouns: Counter[str] = Counter()
    for doc_id, doc in docs.items():
        for attribution in gold[doc_id]["attributions"]:
            for cue in attribution["cue"]:
                span = doc.char_span(cue["start"], cue["end"], alignment_mode="expand")
                if span is None or not len(span):
                    continue
                root = span.root
                if root.pos_ in ("VERB", "AUX"):
                    verbs[root.lemma_.lower()] += 1
                elif root.pos_ == "NOUN":
                    nouns[root.lemma_.lower()] += 1
    keep = sorted(w for w, n in verbs.items() if n >= min_count)
    return keep, sorted(w for w, n in nouns.items() if n >= min_count)


def candidates(doc: Doc, words: CueWords) -> list[Attribution]:
    """Every candidate the proposer makes in ``doc``, colons included."""
    text = doc.text
    quoted = quoted_tokens(doc, quote_spans(text))
    with indexed_sentences(doc):
        found, _ = propose(doc, words, quoted)
        return found + colons(doc, quoted, found)


def label(candidate: Attribution, attributions: list[dict[str, Any]]) -> int:
    """1 when the candidate's cue overlaps a gold cue whose content it covers enough."""
    if candidate.cue is None:
        return 0
    cs, ce = candidate.cue.start_char, candidate.cue.end_char
    start, end = candidate.content
    for gold in attributions:
        if not any(c["start"] < ce and cs < c["end"] for c in gold["cue"]):
            continue
        words = [
            (p["start"] + m.start(), p["start"] + m.end())
            for p in gold["content"]
            for m in _WORD.finditer(p["text"])
        ]
        if words and sum(s < end and start < e for s, e in words) >= COVERAGE * len(words):
            return 1
    return 0


def examples(docs: dict[str, Doc], gold: dict[str, dict], words: CueWords) -> Iterable[Example]:
    """Features and label of every candidate."""
    for doc_id, doc in docs.items():
        attributions = gold[doc_id]["attributions"]
        for candidate in candidates(doc, words):
            yield features(candidate, words), label(candidate, attributions), doc_id


def fit(
    rows: list[list[int]], y: np.ndarray, n_features: int, l2: float, epochs: int
) -> np.ndarray:
    """Logistic regression weights by full-batch Adam on the mean log loss plus L2."""
    row_idx = np.concatenate([np.full(len(r), i) for i, r in enumerate(rows)])
    col_idx = np.concatenate([np.asarray(r, dtype=np.int64) for r in rows])
    w = np.zeros(n_features)
    m = np.zeros(n_features)
    v = np.zeros(n_features)
    n = len(rows)
    for step in range(1, epochs + 1):
        z = np.bincount(row_idx, weights=w[col_idx], minlength=n)
        p = 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))
        grad = np.bincount(col_idx, weights=(p - y)[row_idx], minlength=n_features) / n
        grad += l2 * w
        m = 0.9 * m + 0.1 * grad
        v = 0.999 * v + 0.001 * grad**2
        w -= 0.05 * (m / (1 - 0.9**step)) / (np.sqrt(v / (1 - 0.999**step)) + 1e-8)
    return w


def predict(rows: list[list[int]], w: np.ndarray) -> np.ndarray:
    """Probabilities for feature-index rows."""
    z = np.array([w[r].sum() for r in rows])
    return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))


def best_threshold(scores: np.ndarray, y: np.ndarray, n_gold: int) -> tuple[float, float]:
    """The threshold with the best F1 of kept candidates against ``n_gold`` attributions."""
    best = (0.5, 0.0)
    for t in np.arange(0.2, 0.8, 0.01):
        kept = scores >= t
        tp = float(y[kept].sum())
        f1 = 2 * tp / (kept.sum() + n_gold) if kept.sum() else 0.0
        if f1 > best[1]:
            best = (round(float(t), 2), f1)
    return best


def train(
    docs: dict[str, Doc],
    gold: dict[str, dict],
    *,
    min_cue: int = 1,
    min_feature: int = 5,
    l2: float = 1e-4,
    epochs: int = 300,
    folds: int = 4,
) -> dict[str, Any]:
    """The ``filter.json`` dict trained on ``docs`` against ``gold``."""
    lexicon = {k: v["frames"] for k, v in load_json("claims/cues.json")["lemmas"].items()}
    verbs, nouns = cue_lemmas(docs, gold, min_cue)
    words = CueWords(lexicon, frozenset(verbs), frozenset(nouns), load_speaker_words())
    data = list(examples(docs, gold, words))
    counts = Counter(f for feats, _, _ in data for f in set(feats))
    vocab = {f: i for i, f in enumerate(sorted(f for f, n in counts.items() if n >= min_feature))}
    rows = [[vocab[f] for f in feats if f in vocab] for feats, _, _ in data]
    y = np.array([lab for _, lab, _ in data], dtype=float)
    ids = sorted(docs)
    fold_of = {doc_id: i % folds for i, doc_id in enumerate(ids)}
    out_of_fold = np.zeros(len(rows))
    for k in range(folds):
        inner = [i for i, (_, _, d) in enumerate(data) if fold_of[d] != k]
        outer = [i for i, (_, _, d) in enumerate(data) if fold_of[d] == k]
        w = fit([rows[i] for i in inner], y[inner], len(vocab), l2, epochs)
        out_of_fold[outer] = predict([rows[i] for i in outer], w)
    n_gold = sum(len(g["attributions"]) for d, g in gold.items() if d in docs)
    threshold, f1 = best_threshold(out_of_fold, y, n_gold)
    w = fit(rows, y, len(vocab), l2, epochs)
    weights = {f: round(float(w[i]), 3) for f, i in vocab.items() if abs(w[i]) >= 1e-3}
    return {
        "source": (
            "Trained by training/train_claims_filter.py on PolNeAR's train split "
            "(bench data/claims-train; Newell et al. LREC 2018); never on dev or test."
        ),
        "threshold": threshold,
        "out_of_fold_f1": round(f1, 4),
        "candidates": len(rows),
        "positives": int(y.sum()),
        "settings": {"min_cue": min_cue, "min_feature": min_feature, "l2": l2, "epochs": epochs},
        "verbs": verbs,
        "nouns": nouns,
        "weights": dict(sorted(weights.items())),
    }


def main(argv: list[str] | None = None) -> None:
    """Command line: parse the folder, train, write the JSON."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, help="bench folder with inputs.jsonl and gold.jsonl")
    parser.add_argument("-o", "--output", type=Path, required=True)
    parser.add_argument("--processes", type=int, default=2)
    args = parser.parse_args(argv)
    started = time.time()
    gold = {}
    for line in (args.folder / "gold.jsonl").open(encoding="utf-8"):
        record = json.loads(line)
        gold[record["id"]] = record
    docs = dict(parse(args.folder, args.processes))
    print(f"parsed {len(docs)} documents in {time.time() - started:.0f}s", flush=True)
    model = train(docs, gold)
    args.output.write_text(json.dumps(model, indent=0, ensure_ascii=False) + "\n")
    print(
        f"{model['candidates']} candidates, {model['positives']} positive, "
        f"threshold {model['threshold']} (out-of-fold F1 {model['out_of_fold_f1']}), "
        f"{len(model['weights'])} weights; {time.time() - started:.0f}s in all"
    )


if __name__ == "__main__":
    main()
