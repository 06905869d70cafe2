"""The same-event fixture records are current and their spans fit the texts."""

from __future__ import annotations

import json
from types import ModuleType
from typing import Any

from claimx.ingest import read_inputs
from claimx.types import Article


def test_fixture_file_matches_its_annotations(
    records: list[dict[str, Any]], same_event: ModuleType
) -> None:
    assert json.loads(json.dumps(same_event.build_records())) == records


def test_spans_fit_the_article_texts(records: list[dict[str, Any]], texts_glob: str) -> None:
    texts = {a.id: a.text for a in read_inputs([texts_glob]) if isinstance(a, Article)}
    assert len(records) == 6
    for record in records:
        text = texts[record["doc"]["id"]]
        spans = [f for f in record["figures"]] + [d for d in record["dates"]]
        spans += [c[part] for c in record["claims"] for part in ("speaker", "cue", "content")]
        for span in spans:
            assert text[span["start"] : span["end"]] == span["text"]
