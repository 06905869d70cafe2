"""One self-contained HTML report: highlighted articles, comparison table and charts.

The page loads nothing (no scripts, fonts or stylesheets from anywhere); its
Content-Security-Policy allows no script at all and only the page's own
stylesheet (by hash). Every piece of article text and every extracted value is
escaped, so markup inside an article shows as text and never runs. Hover titles
carry the normalised values; each article also lists its items in a table.
"""

from __future__ import annotations

import base64
import hashlib
import html
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import groupby, pairwise
from pathlib import Path
from typing import Any

from claimx import read_records
from claimx.factcheck.compare import DEFAULT_KEY, Statement, compare_records, format_value, legend
from claimx.guards import atomic_output
from claimx.ingest import read_inputs
from claimx.types import Article

# Later kinds win where highlights overlap (CSS order below follows this).
KINDS = ("claim", "entity", "agreement", "date", "figure", "casualty", "speaker", "cue")
PALETTE = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf")
MAX_CHARTS = 6

CSS = """
body { font: 15px/1.5 system-ui, sans-serif; margin: 0 auto; max-width: 1100px; padding: 1em;
       color: #222; }
nav a { margin-right: 1em; }
.text { white-space: pre-wrap; border: 1px solid #ddd; padding: 1em; background: #fcfcfc; }
.hl { border-radius: 2px; color: inherit; background: transparent; }
.claim { background: #fff6c2; box-shadow: inset 0 -2px #e0b800; }
.entity { text-decoration: underline dotted #666; }
.agreement { background: #dccbf7; }
.date { background: #bfe3ff; }
.figure { background: #c9f2c7; }
.casualty { background: #ffc4c4; }
.speaker { background: #ffd8a8; font-weight: 600; }
.cue { font-style: italic; text-decoration: underline #b08900; }
mark.hl:hover { outline: 2px solid #333; }
.chip { display: inline-block; padding: 0 .4em; margin-right: .4em; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { border: 1px solid #ddd; padding: 3px 6px; text-align: left; vertical-align: top; }
tr.group th { background: #eef; }
tr.disagreement td { background: #fff0f0; }
.flag { color: #b00; font-weight: 600; }
.note { color: #666; font-size: 13px; }
.missing { color: #a60; }
figure.chart { display: inline-block; margin: 0 1em 1em 0; vertical-align: top; }
svg { background: #fff; border: 1px solid #ddd; }
svg text { font-size: 11px; fill: #444; }
svg .axis { stroke: #999; }
svg circle { fill: var(--c); }
svg polyline { stroke: var(--c); fill: none; stroke-width: 2; }
.swatch { display: inline-block; width: .8em; height: .8em; background: var(--c); }
ul.series { list-style: none; padding: 0; margin: 0; font-size: 13px; }
""" + "".join(f".s{i} {{ --c: {colour}; }}\n" for i, colour in enumerate(PALETTE))


def esc(value: object) -> str:
    """Escape any value for HTML text or a quoted attribute."""
    return html.escape(str(value), quote=True)


@dataclass(frozen=True, slots=True)
class Item:
    """One extracted item: what the side table lists and the spans it highlights."""

    id: str
    kind: str
    text: str
    label: str
    spans: tuple[tuple[int, int, str, str], ...]  # start, end, kind, expected text


def _span(obj: dict[str, Any], kind: str) -> tuple[int, int, str, str]:
    return (obj.get("start", -1), obj.get("end", -1), kind, obj.get("text", ""))


def _value(obj: dict[str, Any], number: str = "value", unit: str = "") -> str:
    return format_value(
        obj.get(number), obj.get("low"), obj.get("high"), obj.get("qualifier"), unit
    )


def items_of(record: dict[str, Any]) -> list[Item]:
    """Every item of a record with a readable, normalised label."""
    items = []
    for c in record.get("claims", []):
        sp = c.get("speaker", {})
        who = ", ".join(x for x in (sp.get("role"), sp.get("affiliation")) if x)
        label = (
            f"claim {c['id']} ({c.get('kind', '')}) by {sp.get('name') or sp.get('text') or '?'}"
            + (f" [{who}]" if who else "")
            + f" on {c.get('date') or 'an unstated date'}"
            + (f" via {c['channel']}" if c.get("channel") else "")
            + f"; cue: {c.get('cue', {}).get('text', '')}"
        )
        linked = c.get("figures", []) + c.get("casualties", []) + c.get("agreements", [])
        if linked:
            label += "; links " + ", ".join(linked)
        spans = (_span(c["content"], "claim"), _span(sp, "speaker"), _span(c["cue"], "cue"))
        items.append(Item(c["id"], "claim", c["content"].get("text", ""), label, spans))
    for d in record.get("dates", []):
        label = f"date {d['id']}: {d.get('type', '')} {d.get('value', '')}"
        items.append(Item(d["id"], "date", d.get("text", ""), label, (_span(d, "date"),)))
    for f in record.get("figures", []):
        label = (
            f"figure {f['id']}: {_value(f, unit=f.get('unit', ''))} ({f.get('kind', '')})"
            f"; claim {f.get('claim') or 'none'}"
        )
        items.append(Item(f["id"], "figure", f.get("text", ""), label, (_span(f, "figure"),)))
    for k in record.get("casualties", []):
        details = [
            f"{name} {k[field]}"
            for name, field in (
                ("cause", "cause"),
                ("in", "location"),
                ("since", "since"),
                ("until", "until"),
                ("part of", "part_of"),
                ("claim", "claim"),
            )
            if k.get(field)
        ]
        label = f"casualty {k['id']}: {k.get('outcome', '')} {_value(k, 'count')} " + (
            k.get("group") or "(group not stated)"
        )
        label += "; " + "; ".join(details) if details else ""
        span = (k.get("start", -1), k.get("end", -1), "casualty", "")
        items.append(Item(k["id"], "casualty", "", label, (span,)))
    for kind, key in (("agreement", "agreements"), ("entity", "entities")):
        for a in record.get(key, []):
            extra = [a.get(f) for f in ("type", "label", "date") if a.get(f)]
            label = f"{kind} {a['id']}: {a.get('name', '')}" + (
                f" ({', '.join(extra)})" if extra else ""
            )
            for role in ("parties", "mediators"):
                if a.get(role):
                    label += f"; {role}: {', '.join(a[role])}"
            spans = tuple(_span(m, kind) for m in a.get("mentions", []))
            items.append(Item(a["id"], kind, a.get("name", ""), label, spans))
    return items


def highlight(text: str, items: Iterable[Item]) -> tuple[str, list[str]]:
    """HTML of ``text`` with one ``<mark>`` per stretch covered by the same items.

    Returns the HTML and the ids of items with a span that does not fit the text.
    """
    spans: list[tuple[int, int, str, Item]] = []
    misplaced = []
    for item in items:
        for start, end, kind, expected in item.spans:
            fits = isinstance(start, int) and isinstance(end, int) and 0 <= start < end
            if fits and end <= len(text) and (not expected or text[start:end] == expected):
                spans.append((start, end, kind, item))
            elif item.id not in misplaced:
                misplaced.append(item.id)
    cuts = sorted({0, len(text), *(s[0] for s in spans), *(s[1] for s in spans)})
    parts = []
    for start, end in pairwise(cuts):
        piece = esc(text[start:end])
        covering = [s for s in spans if s[0] <= start and end <= s[1]]
        if not covering:
            parts.append(piece)
            continue
        kinds = sorted({s[2] for s in covering}, key=KINDS.index)
        ids = list(dict.fromkeys(s[3].id for s in covering))
        labels = "\n".join(dict.fromkeys(s[3].label for s in covering))
        parts.append(
            f'<mark class="hl {" ".join(kinds)}" data-items="{esc(" ".join(ids))}" '
            f'title="{esc(labels)}">{piece}</mark>'
        )
    return "".join(parts), misplaced


def _items_table(items: Sequence[Item]) -> str:
    rows = "".join(
        f'<tr><td>{esc(i.id)}</td><td><span class="chip hl {i.kind}">{i.kind}</span></td>'
        f"<td>{esc(i.text)}</td><td>{esc(i.label)}</td></tr>"
        for i in items
    )
    return (
        "<table><thead><tr><th>id</th><th>kind</th><th>text</th><th>normalised</th></tr>"
        f"</thead><tbody>{rows}</tbody></table>"
    )


def _article_section(
    anchor: str, record: dict[str, Any], article: Article | None, problem: str
) -> str:
    doc = record["doc"]
    items = items_of(record)
    heading = doc.get("title") or doc["id"]
    meta = " · ".join(x for x in (doc.get("source"), doc.get("published"), doc["id"]) if x)
    parts = [f'<section id="{anchor}"><h2>{esc(heading)}</h2><p class="note">{esc(meta)}</p>']
    if article is None:
        parts.append(f'<p class="missing">{esc(problem)}; items listed without highlighting.</p>')
    else:
        body, misplaced = highlight(article.text, items)
        if misplaced:
            parts.append(
                f'<p class="missing">Not highlighted (offsets do not fit the text): '
                f"{esc(', '.join(misplaced))}</p>"
            )
        parts.append(f'<div class="text">{body}</div>')
    opened = " open" if article is None else ""
    parts.append(
        f"<details{opened}><summary>Extracted items ({len(items)})</summary>"
        f"{_items_table(items)}</details></section>"
    )
    return "".join(parts)


def _chart(key: str, statements: Sequence[Statement]) -> str:
    """An SVG line chart of one key's values over time, one series per source."""
    width, height, left, right, top, bottom = 640, 260, 50, 20, 20, 40
    dates = sorted({s.date for s in statements})
    sources = sorted({s.source for s in statements})
    top_value = max(max(s.value for s in statements), 1.0) * 1.15
    inner_w, inner_h = width - left - right, height - top - bottom

    def x(date: str) -> float:
        return left + (dates.index(date) + 0.5) * inner_w / len(dates)

    def y(value: float) -> float:
        return top + inner_h * (1 - value / top_value)

    svg = [
        f'<svg viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
        f'aria-label="{esc(key)} over time by source">',
        f'<line class="axis" x1="{left}" y1="{top + inner_h}" x2="{width - right}" '
        f'y2="{top + inner_h}"/><line class="axis" x1="{left}" y1="{top}" x2="{left}" '
        f'y2="{top + inner_h}"/>',
    ]
    for tick in range(5):
        value = top_value * tick / 4
        svg.append(
            f'<text x="{left - 6}" y="{y(value) + 4:.1f}" text-anchor="end">{value:,.0f}</text>'
        )
    for date in dates:
        svg.append(
            f'<text x="{x(date):.1f}" y="{height - bottom + 16}" text-anchor="middle">'
            f"{esc(date)}</text>"
        )
    for number, source in enumerate(sources):
        colour = f"s{number % len(PALETTE)}"
        points = [s for s in statements if s.source == source]
        line = " ".join(f"{x(s.date):.1f},{y(s.value):.1f}" for s in points)
        svg.append(f'<g class="{colour}"><polyline points="{line}"/>')
        for s in points:
            tip = f"{source}: {s.value_text} on {s.date} ({s.speaker or 'unattributed'})"
            svg.append(
                f'<circle cx="{x(s.date):.1f}" cy="{y(s.value):.1f}" r="4"><title>'
                f"{esc(tip)}</title></circle>"
                f'<text x="{x(s.date) + 6:.1f}" y="{y(s.value) - 6:.1f}">{esc(s.value_text)}</text>'
            )
        svg.append("</g>")
    svg.append("</svg>")
    series = "".join(
        f'<li><span class="swatch s{n % len(PALETTE)}"></span> {esc(src or "(no source)")}</li>'
        for n, src in enumerate(sources)
    )
    return (
        f'<figure class="chart"><figcaption>{esc(key)}</figcaption>{"".join(svg)}'
        f'<ul class="series">{series}</ul></figure>'
    )


def _charts(statements: Sequence[Statement]) -> str:
    groups: dict[str, list[Statement]] = defaultdict(list)
    for s in statements:
        if s.kind == "casualty" and s.date:
            groups[s.key].append(s)
    chosen = sorted(
        (k for k, g in groups.items() if len({s.date for s in g}) > 1),
        key=lambda k: -len(groups[k]),
    )[:MAX_CHARTS]
    if not chosen:
        return '<p class="note">No casualty count was stated on more than one date.</p>'
    return "".join(_chart(k, sorted(groups[k], key=lambda s: s.date)) for k in chosen)


def _comparison_table(statements: Sequence[Statement], anchors: dict[str, str]) -> str:
    head = "".join(
        f"<th>{h}</th>"
        for h in ("date", "value", "speaker", "source", "article", "flags", "evidence")
    )
    rows = []
    for (kind, key), group in groupby(statements, lambda s: (s.kind, s.key)):
        group = list(group)
        revision = group[0].revision
        note = f" — revised ({group[0].trend}): {revision}" if revision else ""
        rows.append(f'<tr class="group"><th colspan="7">{esc(f"{kind}: {key}{note}")}</th></tr>')
        for s in group:
            flags = "".join(f'<div class="flag">{esc(f)}</div>' for f in s.flags)
            if s.disagrees_with:
                flags += f'<div class="note">vs {esc(s.disagrees_with)}</div>'
            link = f'<a href="#{anchors.get(s.doc_id, "")}">{esc(s.doc_id)}</a> {esc(s.item)}'
            inferred = f'<div class="note">inferred {esc(s.inferred)}</div>' if s.inferred else ""
            css = ' class="disagreement"' if s.disagrees_with else ""
            rows.append(
                f"<tr{css}><td>{esc(s.date)}</td><td>{esc(s.value_text)}</td>"
                f"<td>{esc(s.speaker or '—')}</td><td>{esc(s.source)}</td>"
                f"<td>{link}{inferred}</td><td>{flags}</td><td>{esc(s.evidence)}</td></tr>"
            )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def _match_articles(
    records: Sequence[dict[str, Any]], text_paths: Sequence[str]
) -> dict[str, tuple[Article | None, str]]:
    """Each record's article (by doc id, else by text hash), or None and the reason."""
    by_id: dict[str, Article] = {}
    by_hash: dict[str, Article] = {}
    for found in read_inputs(text_paths) if text_paths else ():
        if isinstance(found, Article):
            by_id.setdefault(found.id, found)
            by_hash.setdefault(hashlib.sha256(found.text.encode("utf-8")).hexdigest(), found)
    matched = {}
    for record in records:
        doc = record["doc"]
        article = by_hash.get(doc.get("text_sha256", ""))
        if article is not None:
            matched[doc["id"]] = (article, "")
        elif doc["id"] in by_id:
            matched[doc["id"]] = (None, "The article text differs from the one extracted")
        else:
            matched[doc["id"]] = (None, "The article text was not supplied (--text)")
    return matched


def build_report(
    record_paths: Sequence[str | Path],
    text_paths: Sequence[str],
    key: Sequence[str] = DEFAULT_KEY,
) -> tuple[str, str]:
    """Return the report's HTML and a one-line summary of it."""
    records = [r for path in record_paths for r in read_records(path)]
    statements = list(compare_records(record_paths, key))
    matched = _match_articles(records, text_paths)
    anchors = {r["doc"]["id"]: f"doc-{n}" for n, r in enumerate(records, start=1)}
    highlighted = sum(1 for article, _ in matched.values() if article is not None)
    disagreements = sum(1 for s in statements if s.disagrees_with)
    revised = len({(s.kind, s.key) for s in statements if s.revision})
    summary = (
        f"{len(records)} articles ({highlighted} highlighted), {len(statements)} statements, "
        f"{disagreements} in disagreement, {revised} keys revised over time"
    )
    nav = "".join(
        f'<a href="#{anchors[r["doc"]["id"]]}">{esc(r["doc"].get("source") or r["doc"]["id"])}</a>'
        for r in records
    )
    chips = "".join(f'<span class="chip hl {k}">{k}</span>' for k in KINDS)
    legend_items = "".join(f"<li>{esc(line)}</li>" for line in legend(key))
    body = [
        f'<header><h1>claimx fact-check report</h1><p>{esc(summary)}</p><nav><a href="#summary">'
        f"Summary</a>{nav}</nav><p>{chips}</p></header>",
        f'<section id="summary"><h2>Summary</h2><h3>Casualty counts over time, by source</h3>'
        f'{_charts(statements)}<h3>Comparison</h3><ul class="note">{legend_items}</ul>'
        f"{_comparison_table(statements, anchors)}</section>",
    ]
    for record in records:
        article, problem = matched[record["doc"]["id"]]
        body.append(_article_section(anchors[record["doc"]["id"]], record, article, problem))
    style_hash = base64.b64encode(hashlib.sha256(CSS.encode("utf-8")).digest()).decode("ascii")
    policy = f"default-src 'none'; script-src 'none'; style-src 'sha256-{style_hash}'"
    page = (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>claimx report</title><style>{CSS}</style></head><body>"
        + "".join(body)
        + "</body></html>\n"
    )
    return page, summary


def write_report(
    record_paths: Sequence[str | Path],
    text_paths: Sequence[str],
    output: str | Path,
    key: Sequence[str] = DEFAULT_KEY,
) -> str:
    """Write the report to ``output``; returns its one-line summary."""
    page, summary = build_report(record_paths, text_paths, key)
    with atomic_output(Path(output)) as handle:
        handle.write(page)
    return summary
