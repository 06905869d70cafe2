"""The built-in agreements gazetteer (``models/agreements/gazetteer.jsonl``) is well formed."""

from __future__ import annotations

import json
import re
from datetime import datetime
from functools import cache
from typing import Any

import pytest

from claimx.normalize.names import name_key
from claimx.normalize.places import country_of
from claimx.resources import load_json, model_path

GAZETTEER = "agreements/gazetteer.jsonl"
KEYS = ["id", "name", "aliases", "type", "date", "parties", "mediators", "source"]
LIST_KEYS = ("aliases", "parties", "mediators")
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
DATE_FORMATS = {
    re.compile(r"^\d{4}$"): "%Y",
    re.compile(r"^\d{4}-\d{2}$"): "%Y-%m",
    re.compile(r"^\d{4}-\d{2}-\d{2}$"): "%Y-%m-%d",
}


@cache
def _lines() -> tuple[str, ...]:
    text = model_path(GAZETTEER).read_text(encoding="utf-8")
    return tuple(line for line in text.splitlines() if line.strip())


@cache
def _entries() -> tuple[dict[str, Any], ...]:
    return tuple(json.loads(line) for line in _lines())


def _names(entry: dict[str, Any]) -> list[str]:
    return [entry["name"], *entry["aliases"]]


def _is_iso_date(value: str) -> bool:
    for pattern, layout in DATE_FORMATS.items():
        if pattern.match(value):
            try:
                datetime.strptime(value, layout)
            except ValueError:
                return False
            return True
    return False


def test_every_line_is_an_object_with_the_keys_in_order_and_the_right_types() -> None:
    for number, line in enumerate(_lines(), start=1):
        entry = json.loads(line)
        assert isinstance(entry, dict), number
        assert list(entry) == KEYS, number
        for key in KEYS:
            if key in LIST_KEYS:
                assert isinstance(entry[key], list), (number, key)
                assert all(isinstance(item, str) and item.strip() for item in entry[key]), (
                    number,
                    key,
                )
                assert len(set(entry[key])) == len(entry[key]), (number, key)
            else:
                assert isinstance(entry[key], str), (number, key)


def test_ids_are_unique_slugs() -> None:
    ids = [entry["id"] for entry in _entries()]
    assert all(SLUG.match(identifier) for identifier in ids), [
        identifier for identifier in ids if not SLUG.match(identifier)
    ]
    assert len(ids) == len(set(ids))


def test_every_date_is_a_valid_iso_date_at_its_precision() -> None:
    bad = [entry["id"] for entry in _entries() if not _is_iso_date(entry["date"])]
    assert not bad


@pytest.mark.parametrize("value", ["2021-02-29", "2020-13", "1998-4-10", "98", "2015-07-20T00"])
def test_the_date_check_rejects_impossible_and_malformed_dates(value: str) -> None:
    assert not _is_iso_date(value)


def test_names_and_aliases_are_non_empty_and_unique_under_the_name_key() -> None:
    owners: dict[str, str] = {}
    for entry in _entries():
        for name in _names(entry):
            key = name_key(name)
            assert key, (entry["id"], name)
            assert owners.setdefault(key, entry["id"]) == entry["id"], (name, owners[key])
    for entry in _entries():
        keys = [name_key(name) for name in _names(entry)]
        assert len(keys) == len(set(keys)), entry["id"]


def test_no_name_or_alias_is_a_bare_type_word() -> None:
    lexicon = load_json("agreements/types.json")
    words = {*lexicon["types"], *lexicon["heads"], *lexicon["descriptions"]}
    bare = {name_key(word) for word in words} | {name_key(word) + "s" for word in words}
    found = [name for entry in _entries() for name in _names(entry) if name_key(name) in bare]
    assert not found


def test_every_type_is_in_the_type_lexicon() -> None:
    types = set(load_json("agreements/types.json")["types"])
    assert {entry["type"] for entry in _entries()} <= types


def test_every_party_or_mediator_that_is_a_country_uses_its_canonical_name() -> None:
    wrong = [
        (entry["id"], name, country_of(name))
        for entry in _entries()
        for name in [*entry["parties"], *entry["mediators"]]
        if country_of(name) not in ("", name)
    ]
    assert not wrong


def test_the_gazetteer_holds_at_least_300_entries() -> None:
    assert len(_entries()) >= 300


def test_every_entry_cites_a_source() -> None:
    assert all(entry["source"].strip() for entry in _entries())


ANCHORS: dict[str, dict[str, Any]] = {
    "trilateral-statement-2020": {
        "name": "Trilateral Statement",
        "type": "ceasefire",
        "date": "2020-11-10",
        "parties": ["Armenia", "Azerbaijan", "Russia"],
        "mediators": ["Russia"],
    },
    "unsc-resolution-2231": {"date": "2015-07-20", "type": "resolution"},
    "good-friday-agreement": {
        "type": "peace agreement",
        "date": "1998-04-10",
        "parties": ["Ireland", "United Kingdom"],
    },
    "paris-agreement": {"name": "Paris Agreement", "type": "treaty", "date": "2015-12-12"},
    "treaty-of-lisbon": {"date": "2007-12-13"},
    "jcpoa": {
        "name": "Joint Comprehensive Plan of Action",
        "date": "2015-07-14",
        "parties": sorted(
            ["Iran", "China", "France", "Germany", "Russia", "United Kingdom", "United States",
             "European Union"]
        ),
    },
    "new-start": {"date": "2010-04-08", "parties": ["Russia", "United States"]},
    "minsk-ii": {"date": "2015-02-12"},
}  # fmt: skip
ANCHOR_ALIASES = {
    "trilateral-statement-2020": "Nagorno-Karabakh ceasefire agreement",
    "good-friday-agreement": "Belfast Agreement",
    "paris-agreement": "Paris climate accord",
    "treaty-of-lisbon": "Lisbon Treaty",
    "jcpoa": "Iran nuclear deal",
}


@pytest.mark.parametrize("identifier", sorted(ANCHORS))
def test_entries_other_components_rely_on_hold_their_facts(identifier: str) -> None:
    entry = {entry["id"]: entry for entry in _entries()}.get(identifier)
    assert entry is not None, identifier
    for key, value in ANCHORS[identifier].items():
        found = sorted(entry[key]) if key in LIST_KEYS else entry[key]
        assert found == value, (identifier, key)
    if identifier in ANCHOR_ALIASES:
        assert ANCHOR_ALIASES[identifier] in entry["aliases"]
