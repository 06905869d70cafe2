"""Records: ids, key completeness, types and cross-links between lists."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
from spacy.language import Language

from claimx.components.extensions import CASUALTIES, CLAIMS, FIGURES
from claimx.factcheck import tables
from claimx.records import build_record, json_schema
from claimx.types import Article

TEXT = (
    'The ministry said "20 citizens, including 14 civilians, have been killed." '
    "Another 3 were hurt."
)


def span(needle: str, text: str = TEXT) -> dict[str, int]:
    start = text.index(needle)
    return {"start": start, "end": start + len(needle)}


def figure(needle: str, value: float, text: str = TEXT) -> dict:
    return {**span(needle, text), "value": value, "low": value, "high": value, "kind": "count"}


def test_lists_are_ordered_numbered_and_linked(nlp: Language) -> None:
    doc = nlp.make_doc(TEXT)
    doc._.set(FIGURES, [figure("3", 3), figure("20", 20), figure("14", 14)])
    doc._.set(
        CASUALTIES,
        [
            {**span("14 civilians"), "outcome": "killed", "count": 14, "part_of": 1},
            {**span("20 citizens"), "outcome": "killed", "count": 20, "part_of": None},
        ],
    )
    content = span("20 citizens, including 14 civilians, have been killed.")
    doc._.set(
        CLAIMS,
        [
            {
                "speaker": {**span("The ministry"), "name": "Health Ministry"},
                "cue": {**span("said"), "lemma": "say"},
                "content": content,
                "kind": "direct",
            }
        ],
    )
    record = build_record(doc, Article(text=TEXT, id="doc-1", published="2024-03-07"))
    jsonschema.validate(record, json_schema())

    assert [f["id"] for f in record["figures"]] == ["f1", "f2", "f3"]
    assert [f["text"] for f in record["figures"]] == ["20", "14", "3"]
    k1, k2 = record["casualties"]
    assert (k1["id"], k1["group"], k1["part_of"], k1["figure"]) == ("k1", "", "", "f1")
    assert TEXT[k2["start"] : k2["end"]] == "14 civilians"
    assert (k2["part_of"], k2["figure"], k2["count"]) == ("k1", "f2", 14.0)
    [claim] = record["claims"]
    assert claim["speaker"]["text"] == "The ministry"
    assert claim["content"]["text"] == "20 citizens, including 14 civilians, have been killed."
    assert claim["figures"] == ["f1", "f2"] and claim["casualties"] == ["k1", "k2"]
    assert [f["claim"] for f in record["figures"]] == ["c1", "c1", ""]
    assert record["doc"]["n_chars"] == len(TEXT)


def test_empty_doc_has_every_key(nlp: Language) -> None:
    record = build_record(nlp.make_doc("Nothing happened."), Article(text="Nothing happened."))
    jsonschema.validate(record, json_schema())
    assert record["doc"]["id"].startswith("doc-")
    assert all(record[key] == [] for key in ("claims", "dates", "figures", "casualties"))


def test_a_figure_belongs_to_the_narrowest_claim_that_holds_it(nlp: Language) -> None:
    text = (
        "Volunteers said they found 15 bodies, more than the ministry's toll of 12, "
        "and would keep searching."
    )
    doc = nlp.make_doc(text)
    doc._.set(FIGURES, [figure("15", 15, text), figure("12", 12, text)])
    outer = span("they found 15 bodies, more than the ministry's toll of 12, and would", text)
    inner = span("toll of 12", text)
    doc._.set(
        CLAIMS,
        [
            {"speaker": span("Volunteers", text), "cue": span("said", text), "content": outer},
            {"speaker": span("ministry", text), "cue": span("toll", text), "content": inner},
        ],
    )
    record = build_record(doc, Article(text=text))
    assert [(f["text"], f["claim"]) for f in record["figures"]] == [("15", "c1"), ("12", "c2")]
    assert [c["figures"] for c in record["claims"]] == [["f1"], ["f2"]]


def _leaves(node: dict[str, Any], prefix: str = "") -> list[str]:
    """Column names a schema object flattens to: nested objects joined by "_", lists kept."""
    names = []
    for name, sub in node["properties"].items():
        if sub.get("type") == "object":
            names += _leaves(sub, f"{prefix}{name}_")
        else:
            names.append(prefix + name)
    return names


def test_exported_tables_have_a_column_for_every_schema_field(
    nlp: Language, tmp_path: Path
) -> None:
    doc = nlp.make_doc(TEXT)
    doc._.set(FIGURES, [figure("3", 3)])
    record = build_record(doc, Article(text=TEXT, id="doc-1", published="2024-03-07"))
    records = tmp_path / "out.jsonl"
    records.write_text(json.dumps(record) + "\n", encoding="utf-8")
    tables.export([records], tmp_path / "tables")
    properties = json_schema()["properties"]
    with tables.open_tables(tmp_path / "tables") as con:
        for table in tables.TABLES:
            columns = [row[0] for row in con.execute(f"DESCRIBE {table}").fetchall()]
            if table == "documents":
                expected = ["doc_id", *_leaves(properties["doc"])[1:], "schema_version"]
            else:
                expected = ["doc_id", *_leaves(properties[table]["items"])]
            assert columns == expected, table
        model = con.execute("SELECT model FROM documents").fetchone()
    assert model == (record["doc"]["model"],)
