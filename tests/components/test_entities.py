"""The claimx_entities component: label corrections and document-level grouping."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from spacy.tokens import Doc

from claimx.components.extensions import ENTITIES
from claimx.normalize.places import country_of, lookup


@pytest.fixture(scope="module")
def entities(annotate: Callable[..., Doc]) -> Callable[[str], dict[str, dict[str, Any]]]:
    """``entities(text)`` -> {name: {"label", "country", "mentions": [texts]}}."""

    def run(text: str) -> dict[str, dict[str, Any]]:
        doc = annotate(text, "2024-05-02", only=("claimx_entities",))
        return {
            e["name"]: {
                "label": e["label"],
                "country": e["country"],
                "mentions": [text[m["start"] : m["end"]] for m in e["mentions"]],
            }
            for e in doc._.get(ENTITIES)
        }

    return run


def test_countries_are_places_whatever_the_model_said(entities: Callable) -> None:
    found = entities(
        "Armenia rejected the proposal. Officials in Yerevan said Armenia would not sign, "
        "while Azerbaijani diplomats in Baku welcomed it."
    )
    assert found["Armenia"]["label"] == "GPE"
    assert found["Armenia"]["mentions"] == ["Armenia", "Armenia"]
    assert (found["Yerevan"]["label"], found["Yerevan"]["country"]) == ("GPE", "Armenia")
    assert (found["Azerbaijani"]["label"], found["Azerbaijani"]["country"]) == (
        "NORP",
        "Azerbaijan",
    )


def test_a_surname_joins_the_full_name_before_it(entities: Callable) -> None:
    found = entities(
        "Foreign Minister Maria Kowalczyk arrived in Vilnius on Monday. "
        "Kowalczyk said the talks would last two days."
    )
    assert found["Maria Kowalczyk"]["label"] == "PERSON"
    assert found["Maria Kowalczyk"]["mentions"] == ["Maria Kowalczyk", "Kowalczyk"]
    assert "Kowalczyk" not in found


def test_leading_the_and_possessive_are_not_part_of_a_name(entities: Callable) -> None:
    found = entities("The European Union's envoy met the United Nations team in Geneva.")
    assert "European Union" in found
    assert found["European Union"]["mentions"] == ["European Union"]


@pytest.mark.parametrize(
    ("text", "country", "kind"),
    [
        ("Baku", "Azerbaijan", "capital"),
        ("U.S.", "United States", "name"),
        ("the UK", "United Kingdom", "name"),
        ("Ukrainians", "Ukraine", "demonym"),
        ("Kiev", "Ukraine", "capital"),
        ("Russia's", "Russia", "name"),
    ],
)
def test_place_lookup(text: str, country: str, kind: str) -> None:
    place = lookup(text)
    assert place is not None and (place.country, place.kind) == (country, kind)


def test_unknown_strings_name_no_country() -> None:
    assert country_of("Springfield") == ""
    assert lookup("ministry") is None
