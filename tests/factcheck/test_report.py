"""`report`: one self-contained HTML page with highlighted articles and a summary."""

from __future__ import annotations

import json
from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from claimx.factcheck.cli import app
from claimx.factcheck.report import build_report


class _Marks(HTMLParser):
    """Collects, per <section id>, the item ids of its <mark> elements and their titles."""

    def __init__(self) -> None:
        super().__init__()
        self.section = ""
        self.items: dict[str, set[str]] = defaultdict(set)
        self.titles: dict[str, list[str]] = defaultdict(list)
        self.tags: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        values = dict(attrs)
        if tag == "section":
            self.section = values.get("id") or ""
        if tag == "mark":
            self.items[self.section].update((values.get("data-items") or "").split())
            self.titles[self.section].append(values.get("title") or "")


def _parse(page: str) -> _Marks:
    parser = _Marks()
    parser.feed(page)
    return parser


def _item_ids(record: dict[str, Any]) -> set[str]:
    lists = ("claims", "figures", "casualties", "dates", "entities", "agreements")
    return {item["id"] for name in lists for item in record[name]}


def test_every_item_is_highlighted(
    records_path: Path, records: list[dict[str, Any]], texts_glob: str
) -> None:
    page, summary = build_report([records_path], [texts_glob])
    assert summary.startswith("6 articles (6 highlighted)")
    marks = _parse(page)
    for number, record in enumerate(records, start=1):
        assert marks.items[f"doc-{number}"] == _item_ids(record)
    assert "Not highlighted" not in page


def test_hover_titles_carry_normalised_values(records_path: Path, texts_glob: str) -> None:
    marks = _parse(build_report([records_path], [texts_glob])[0])
    titles = "\n".join(marks.titles["doc-3"])  # Eurasia Radio News
    assert "casualty k2: killed ≥22 bodies; claim c2" in titles
    assert "claim c2 (indirect) by Zhardem volunteer network on 2025-04-15" in titles
    assert "figure f1: 19 (count); claim c1" in titles


def test_summary_has_the_comparison_and_a_chart(records_path: Path, texts_glob: str) -> None:
    page = build_report([records_path], [texts_glob])[0]
    assert '<section id="summary">' in page
    assert "casualty: killed | people | novoselsk | -" in page
    assert "revised (rising): 2025-04-14: 12, ≥12, ≥15" in page
    assert page.count('<tr class="disagreement">') == 11
    chart = page[page.index("<figcaption>killed | people | novoselsk | -") :]
    chart = chart[: chart.index("</figure>")]
    assert chart.count("<circle") == 9 and "<polyline" in chart
    assert "Global Relief Wire: 26 on 2025-04-17 (a volunteer group)" in chart


def test_page_is_self_contained(records_path: Path, texts_glob: str) -> None:
    page = build_report([records_path], [texts_glob])[0]
    tags = _parse(page).tags
    assert not tags & {"script", "link", "img", "iframe", "object", "embed"}
    assert "script-src 'none'" in page and "default-src 'none'" in page
    assert "http://" not in page and "https://" not in page and "url(" not in page


def test_markup_in_articles_is_escaped(hostile: tuple[Path, Path]) -> None:
    records, text = hostile
    page = build_report([records], [str(text)])[0]
    assert "<script" not in page and "<img" not in page
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in page
    assert "onerror=&quot;window.__pwned=1&quot;" in page
    marks = _parse(page)
    assert marks.items["doc-1"] == {"c1", "c2", "f1", "f2", "k1", "k2", "e1"}
    assert not marks.tags & {"script", "img"}


def test_missing_text_lists_items_without_highlighting(
    records_path: Path, records: list[dict[str, Any]]
) -> None:
    page, summary = build_report([records_path], [])
    assert summary.startswith("6 articles (0 highlighted)")
    assert "<mark" not in page
    assert page.count("The article text was not supplied (--text)") == 6
    assert page.count("<details open>") == 6
    assert "casualty k2: killed ≥22 bodies" in page


def test_changed_text_is_not_highlighted(
    records: list[dict[str, Any]], texts_glob: str, tmp_path: Path
) -> None:
    changed = tmp_path / "day1-steppe-wire-2025-04-14.txt"
    original = Path(texts_glob).parent / changed.name
    changed.write_text(original.read_text(encoding="utf-8").replace("12", "13"), encoding="utf-8")
    steppe = tmp_path / "steppe.jsonl"
    steppe.write_text(json.dumps(records[1]) + "\n", encoding="utf-8")
    assert records[1]["doc"]["id"] == "day1-steppe-wire-2025-04-14"
    page = build_report([steppe], [str(changed)])[0]
    assert "The article text differs from the one extracted" in page
    assert "<mark" not in page


def test_offsets_outside_the_text_are_reported(
    records: list[dict[str, Any]], texts_glob: str, tmp_path: Path
) -> None:
    record = json.loads(json.dumps(records[1]))
    record["figures"][0].update(start=5000, end=5002)
    broken = tmp_path / "broken.jsonl"
    broken.write_text(json.dumps(record) + "\n", encoding="utf-8")
    page = build_report([broken], [texts_glob])[0]
    assert "Not highlighted (offsets do not fit the text): f1" in page


def test_cli_report(records_path: Path, texts_glob: str, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    result = CliRunner().invoke(
        app, ["report", str(records_path), "--text", texts_glob, "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "6 articles (6 highlighted)" in result.stderr
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_gold_record_agreement_mentions_and_nested_counts(tmp_path: Path, corpora: Path) -> None:
    """A hand-made gold record of the bundled corpus: agreement mentions and a nested count."""
    name = "lebanon-drone-strike-2025-01-16"
    gold = json.loads((corpora / "gold" / f"{name}.gold.json").read_text(encoding="utf-8"))
    records = tmp_path / "gold.jsonl"
    records.write_text(json.dumps(gold) + "\n", encoding="utf-8")
    page = build_report([records], [str(corpora / "articles" / f"{name}.txt")])[0]
    marks = _parse(page)
    [agreement] = gold["agreements"]
    assert marks.items["doc-1"] == _item_ids(gold)  # all four agreement mentions among them
    lines = [line for title in marks.titles["doc-1"] for line in title.splitlines()]
    titles = [line for line in lines if line.startswith("agreement a1:")]
    assert len(agreement["mentions"]) == 4 and len(titles) >= 4
    assert (
        f"agreement a1: {agreement['name']} ({agreement['type']}, {agreement['date']})" in titles[0]
    )
    assert "parties: Israel, Hezbollah; mediators: United States" in titles[0]
    assert "| part of" in page


def test_a_failed_report_leaves_the_previous_page_whole(
    records_path: Path, texts_glob: str, tmp_path: Path
) -> None:
    out = tmp_path / "report.html"
    runner = CliRunner()
    assert runner.invoke(app, ["report", str(records_path), "-o", str(out)]).exit_code == 0
    page = out.read_bytes()
    broken = tmp_path / "broken.jsonl"
    broken.write_text(records_path.read_text(encoding="utf-8") + "{\n", encoding="utf-8")
    result = runner.invoke(app, ["report", str(broken), "--text", texts_glob, "-o", str(out)])
    assert result.exit_code == 1
    assert f"{broken}:7: not JSON" in result.stderr
    assert out.read_bytes() == page
    assert sorted(p.name for p in tmp_path.iterdir()) == ["broken.jsonl", "report.html"]
