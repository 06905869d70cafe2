"""Fuzzing the extractor: arbitrary text never raises, hangs or breaks the schema."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import jsonschema
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimx.records import json_schema

FRAGMENTS = [
    '"',
    "\u201c",
    "\u201d",
    "''",
    "``",
    "'",
    " said ",
    " told reporters ",
    "according to ",
    ": ",
    "\u2014 Commissioner Ruiz",
    "1,000,000",
    "9" * 40,
    "7" * 400,
    "3.5bn",
    "$",
    "\u20ac",
    "%",
    " between ",
    " and ",
    " to ",
    "-",
    "\u2013",
    "hundreds of thousands",
    "dozens",
    "almost",
    " killed",
    " injured",
    " including ",
    " civilians",
    " ceasefire ",
    "Treaty of ",
    "November 10, 2020",
    "last week",
    "1990s",
    "Tuesday",
    "\n\n",
    "\t",
    "\x00",
    "\x1b[31m",
    "\ufeff",
    "\u200b",
    "\U0001f600",
    "e\u0301",
    "(Reuters) -",
    "He",
    "The ministry",
]

#: Spaces and line breaks: never at the edge of a span a component found.
BLANKS = " \t\n\r\u00a0"

texts = (
    st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=30)), min_size=1, max_size=60)
    .map("".join)
    .filter(lambda text: bool(text.strip()))
)


@settings(
    max_examples=120,
    deadline=10_000,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(text=texts, published=st.sampled_from(["", "2024-02-29", "1999-12-31"]))
def test_arbitrary_text_gives_a_valid_record(
    extract: Callable[..., dict[str, Any]], text: str, published: str
) -> None:
    record = extract(text, published=published)
    jsonschema.validate(record, json_schema())
    assert record["doc"]["n_chars"] == len(text)
    found = [item for name in ("dates", "figures") for item in record[name]]
    found += [claim["cue"] for claim in record["claims"]]
    found += [m for entity in record["entities"] for m in entity["mentions"]]
    for span in found:  # what a component found is a non-empty, trimmed stretch of the text
        inside = text[span["start"] : span["end"]]
        assert 0 <= span["start"] < span["end"] <= len(text)
        assert inside.strip(BLANKS) == inside, span
    for figure in record["figures"]:
        bounds = (figure["low"], figure["value"], figure["high"])
        assert all(math.isfinite(b) for b in bounds) and figure["low"] <= figure["high"], figure
    for claim in record["claims"]:
        for part in ("speaker", "cue", "content"):
            assert 0 <= claim[part]["start"] <= claim[part]["end"] <= len(text)
