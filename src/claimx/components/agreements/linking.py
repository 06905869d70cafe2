"""Mentions of one agreement become one record; distinct agreements stay apart.

A mention joins an earlier record with the same proper name or the same date;
a definite description or anaphor ("the deal", "the pricing agreement") joins
the most recent record of a compatible type, unless it is marked as another
one ("the new accord" joins only a record introduced as new).
"""

from __future__ import annotations

from typing import Any

from claimx.components.agreements.mentions import Mention, strip_article
from claimx.gazetteer import content_words

#: Types an agreement keeps whatever a later mention calls it.
_FIXED = {"law", "resolution", "convention", "constitution", "amnesty"}


def link(mentions: list[Mention], order: tuple[str, ...]) -> list[dict[str, Any]]:
    """One record per agreement, with the keys of its proper names under ``"_named"``."""
    records: list[dict[str, Any]] = []
    for mention in mentions:
        record = _antecedent(mention, records)
        if record is None and mention.anaphor and not mention.named:
            continue
        if record is None:
            record = {
                "name": "",
                "type": mention.type,
                "date": "",
                "parties": [],
                "mediators": [],
                "mentions": [],
                "_named": set(),
                "_context": set(),
            }
            records.append(record)
        _merge(record, mention, order)
    for record in records:
        del record["_context"]
    return records


def _antecedent(mention: Mention, records: list[dict[str, Any]]) -> dict[str, Any] | None:
    key = mention.key
    for record in records:
        if key and key in record["_named"]:
            return record
    if mention.date:
        for record in records:
            if record["date"] == mention.date and _same_name(mention, record):
                return record
    if (mention.definite or mention.novel) and (mention.anaphor or not mention.named):
        for record in reversed(records):
            if (
                _compatible(record["type"], mention.type)
                and _same_name(mention, record)
                and not (mention.date and record["date"] and mention.date != record["date"])
                and mention.novel <= record["_context"]
            ):
                return record
    return None


def _same_name(mention: Mention, record: dict[str, Any]) -> bool:
    """A proper name refers back only to a record without one or sharing a word with it
    ("the Batken deal" after "the Batken protocol"; not "the Lake Victoria pact" after
    "the Good Friday Agreement")."""
    if not (mention.proper and record["_named"]):
        return True
    return any(mention.proper & content_words(key) for key in record["_named"])


def _compatible(a: str, b: str) -> bool:
    """Types one agreement can carry in different mentions."""
    return a == b or not ({a, b} & _FIXED)


def _merge(record: dict[str, Any], mention: Mention, order: tuple[str, ...]) -> None:
    name = strip_article(mention.name)
    if mention.named:
        if not record["_named"]:
            record["name"] = name
        record["_named"].add(mention.key)
    elif not record["name"]:
        record["name"] = name
    record["type"] = min(record["type"], mention.type, key=order.index)
    record["date"] = record["date"] or mention.date
    for key in ("parties", "mediators"):
        record[key].extend(c for c in getattr(mention, key) if c not in record[key])
    record["_context"] |= mention.context
    record["mentions"].append({"start": mention.start, "end": mention.end})
