"""Turn an annotated Doc into a claimx/1 record, filled to the schema.

The record's shape is defined once, by ``claimx/schema/claimx-1.schema.json``
(:func:`claimx.schema.json_schema`). Components store plain dicts with character
offsets in ``Doc._`` (see :mod:`claimx.components.extensions`). This module sorts
them, gives them ids, fills every key the schema fixes with a value of the right
type (``doc.model`` names the base model the components ran on), and links
the lists to each other by offsets: a figure or casualty inside a claim's
content belongs to that claim, a casualty count is tied to the figure that
states it.
"""

from __future__ import annotations

import bisect
import hashlib
import heapq
import itertools
from collections.abc import Callable
from typing import Any

from spacy.tokens import Doc

from claimx.components.extensions import (
    AGREEMENTS,
    CASUALTIES,
    CLAIMS,
    DATES,
    ENTITIES,
    FIGURES,
    MODEL,
    get_list,
)
from claimx.schema import json_schema
from claimx.types import Article

__all__ = ["SCHEMA_VERSION", "build_record", "json_schema"]

SCHEMA_VERSION = "claimx/1"

_SPAN = {"text": "", "start": 0, "end": 0}
_DATE = {"id": "", "text": "", "start": 0, "end": 0, "type": "DATE", "value": ""}
_FIGURE = {
    "id": "",
    "text": "",
    "start": 0,
    "end": 0,
    "value": 0.0,
    "low": 0.0,
    "high": 0.0,
    "qualifier": "=",
    "unit": "",
    "kind": "count",
    "claim": "",
}
_CASUALTY = {
    "id": "",
    "outcome": "",
    "count": 0.0,
    "low": 0.0,
    "high": 0.0,
    "qualifier": "=",
    "group": "",
    "part_of": "",
    "cause": "",
    "since": "",
    "until": "",
    "location": "",
    "start": 0,
    "end": 0,
    "figure": "",
    "claim": "",
}
_SPEAKER = {
    "text": "",
    "start": 0,
    "end": 0,
    "name": "",
    "entity": "",
    "role": "",
    "affiliation": "",
}
_CUE = {"text": "", "start": 0, "end": 0, "lemma": ""}
_CLAIM = {"id": "", "kind": "indirect", "date": "", "channel": ""}
_AGREEMENT = {
    "id": "", "name": "", "type": "", "date": "", "parties": [], "mediators": [],
    "canonical_name": "", "gazetteer_id": "",
}  # fmt: skip


def build_record(doc: Doc, article: Article) -> dict[str, Any]:
    """Return the claimx/1 record for ``doc``, the processed text of ``article``."""
    text = doc.text
    entities = _entities(text, get_list(doc, ENTITIES))
    dates = _numbered(text, get_list(doc, DATES), _DATE, "t")
    figures = _numbered(text, get_list(doc, FIGURES), _FIGURE, "f")
    claims = _claims(text, get_list(doc, CLAIMS), entities)
    casualties = _casualties(text, get_list(doc, CASUALTIES), figures)
    agreements = _agreements(text, get_list(doc, AGREEMENTS))
    _link_to_claims(claims, figures, casualties, agreements)
    return {
        "schema_version": SCHEMA_VERSION,
        "doc": {
            "id": article.id,
            "source": article.source,
            "url": article.url,
            "title": article.title,
            "author": article.author,
            "published": article.published,
            "language": "en",
            "n_chars": len(text),
            "text_sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
            "model": str(doc._.get(MODEL) or ""),
        },
        "entities": entities,
        "claims": claims,
        "dates": dates,
        "figures": figures,
        "casualties": casualties,
        "agreements": agreements,
    }


def _filled(item: dict[str, Any], template: dict[str, Any]) -> dict[str, Any]:
    """Copy ``template`` with ``item``'s values, each coerced to the template's type."""
    out = {}
    for key, default in template.items():
        value = item.get(key, default)
        if value is None:
            value = default
        if isinstance(default, float):
            value = float(value)
        elif isinstance(default, int):
            value = int(value)
        elif isinstance(default, str):
            value = str(value)
        elif isinstance(default, list):
            value = [str(v) for v in value]
        out[key] = value
    return out


def _span(text: str, item: dict[str, Any] | None, template: dict[str, Any]) -> dict[str, Any]:
    span = _filled(item or {}, template)
    span["text"] = text[span["start"] : span["end"]]
    return span


def _numbered(
    text: str, items: list[dict[str, Any]], template: dict[str, Any], prefix: str
) -> list[dict[str, Any]]:
    ordered = sorted(items, key=lambda it: (it.get("start", 0), it.get("end", 0)))
    out = []
    for number, item in enumerate(ordered, start=1):
        row = _span(text, item, template)
        row["id"] = f"{prefix}{number}"
        out.append(row)
    return out


def _entities(text: str, items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    def first_start(item: dict[str, Any]) -> int:
        return min((m["start"] for m in item.get("mentions", [])), default=0)

    out = []
    for number, item in enumerate(sorted(items, key=first_start), start=1):
        mentions = sorted(
            (_span(text, m, _SPAN) for m in item.get("mentions", [])), key=lambda m: m["start"]
        )
        out.append(
            {
                "id": f"e{number}",
                "name": str(item.get("name", "")),
                "label": str(item.get("label", "")),
                "country": str(item.get("country", "")),
                "mentions": mentions,
            }
        )
    return out


def _claims(
    text: str, items: list[dict[str, Any]], entities: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    ordered = sorted(items, key=lambda it: (it["content"]["start"], it["content"]["end"]))
    by_mention = {(m["start"], m["end"]): e["id"] for e in entities for m in e["mentions"]}
    out = []
    for number, item in enumerate(ordered, start=1):
        speaker = _span(text, item.get("speaker"), _SPEAKER)
        if not speaker["entity"]:
            speaker["entity"] = by_mention.get((speaker["start"], speaker["end"]), "")
        row = _filled(item, _CLAIM)
        row["id"] = f"c{number}"
        out.append(
            {
                "id": row["id"],
                "speaker": speaker,
                "cue": _span(text, item.get("cue"), _CUE),
                "content": _span(text, item.get("content"), _SPAN),
                "kind": row["kind"],
                "date": row["date"],
                "channel": row["channel"],
                "figures": [],
                "casualties": [],
                "agreements": [],
            }
        )
    return out


def _casualties(
    text: str, items: list[dict[str, Any]], figures: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    order = sorted(
        range(len(items)), key=lambda i: (items[i].get("start", 0), items[i].get("end", 0))
    )
    new_id = {old: f"k{number}" for number, old in enumerate(order, start=1)}
    figure_for = _figure_finder(figures)
    out = []
    for old in order:
        item = items[old]
        row = _filled(item, _CASUALTY)
        row["id"] = new_id[old]
        parent = item.get("part_of")
        row["part_of"] = new_id.get(parent, "") if isinstance(parent, int) else ""
        earlier = item.get("revised_from")
        row["revised_from"] = [] if earlier is None else [float(earlier)]
        row["figure"] = figure_for(row)
        row["claim"] = ""
        out.append(row)
    return out


def _figure_finder(figures: list[dict[str, Any]]) -> Callable[[dict[str, Any]], str]:
    """A lookup from a casualty count to the id of the figure that states it: the first
    figure (in ``figures``' order, sorted by start) overlapping its span with the same value.

    Figures are indexed by start and by the running maximum of their ends, so each
    lookup only visits the figures that can overlap the span.
    """
    starts = [figure["start"] for figure in figures]
    reach = list(itertools.accumulate((figure["end"] for figure in figures), max))

    def figure_for(casualty: dict[str, Any]) -> str:
        first = bisect.bisect_right(reach, casualty["start"])
        last = bisect.bisect_left(starts, casualty["end"])
        tolerance = 1e-9 * max(1.0, abs(casualty["count"]))
        for figure in figures[first:last]:
            if (
                figure["end"] > casualty["start"]
                and abs(figure["value"] - casualty["count"]) <= tolerance
            ):
                return figure["id"]
        return ""

    return figure_for


def _agreements(text: str, items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    def first_start(item: dict[str, Any]) -> int:
        return min((m["start"] for m in item.get("mentions", [])), default=0)

    out = []
    for number, item in enumerate(sorted(items, key=first_start), start=1):
        row = _filled(item, _AGREEMENT)
        row["id"] = f"a{number}"
        row["mentions"] = sorted(
            (_span(text, m, _SPAN) for m in item.get("mentions", [])), key=lambda m: m["start"]
        )
        out.append(row)
    return out


def _narrowest_holders(
    claims: list[dict[str, Any]], spans: list[dict[str, Any]]
) -> list[dict[str, Any] | None]:
    """For each span, the narrowest claim whose content holds it (None if no claim does).

    Of equally narrow holders the first in ``claims`` wins. One sweep over spans and
    claims in order of start: a heap keeps the claims begun so far that have not yet
    ended, so each span is compared only with the claims open at its start.
    """
    claim_order = sorted(range(len(claims)), key=lambda c: claims[c]["content"]["start"])
    open_claims: list[tuple[int, int]] = []  # (content end, claim index), a heap
    found: list[dict[str, Any] | None] = [None] * len(spans)
    begun = 0
    for index in sorted(range(len(spans)), key=lambda i: spans[i]["start"]):
        start, end = spans[index]["start"], spans[index]["end"]
        while begun < len(claim_order) and claims[claim_order[begun]]["content"]["start"] <= start:
            number = claim_order[begun]
            heapq.heappush(open_claims, (claims[number]["content"]["end"], number))
            begun += 1
        while open_claims and open_claims[0][0] < start:
            heapq.heappop(open_claims)
        holders = [
            (content_end - claims[number]["content"]["start"], number)
            for content_end, number in open_claims
            if end <= content_end
        ]
        if holders:
            found[index] = claims[min(holders)[1]]
    return found


def _link_to_claims(
    claims: list[dict[str, Any]],
    figures: list[dict[str, Any]],
    casualties: list[dict[str, Any]],
    agreements: list[dict[str, Any]],
) -> None:
    """Tie every figure, casualty and agreement mention to the claim that states it:
    the narrowest claim whose content holds it (a claim reported inside another
    claim keeps its own figures)."""
    for kind, items in (("figures", figures), ("casualties", casualties)):
        for item, claim in zip(items, _narrowest_holders(claims, items), strict=True):
            if claim:
                item["claim"] = claim["id"]
                claim[kind].append(item["id"])
    mentions = [(agreement, m) for agreement in agreements for m in agreement["mentions"]]
    holders = _narrowest_holders(claims, [mention for _, mention in mentions])
    linked: dict[tuple[str, str], dict[str, Any]] = {}
    for (agreement, _), claim in zip(mentions, holders, strict=True):
        if claim:
            linked.setdefault((agreement["id"], claim["id"]), claim)
    for (agreement_id, _), claim in linked.items():
        claim["agreements"].append(agreement_id)
