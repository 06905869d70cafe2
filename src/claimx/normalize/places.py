"""Country names, aliases, demonyms and capitals, from ``models/lexicons/countries.json``."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from claimx.resources import load_json

COUNTRIES_FILE = "lexicons/countries.json"


@dataclass(frozen=True, slots=True)
class Place:
    """What a surface string names: a country, by name, demonym or capital."""

    country: str
    kind: str  # "name" | "demonym" | "capital"


class PlaceIndex:
    """Surface strings (names, aliases, demonyms, capitals) -> :class:`Place`, from the lexicon.

    Example:
        >>> index = PlaceIndex({"countries": [{"name": "Chad", "capitals": ["N'Djamena"]}]})
        >>> index.lookup("N'Djamena")
        Place(country='Chad', kind='capital')
    """

    def __init__(self, lexicon: dict[str, Any]) -> None:
        self._index: dict[str, Place] = {}
        for entry in lexicon["countries"]:
            country = entry["name"]
            for kind, strings in (
                ("name", [country, *entry.get("aliases", [])]),
                ("demonym", entry.get("demonyms", [])),
                ("capital", entry.get("capitals", [])),
            ):
                for string in strings:
                    self._index.setdefault(_key(string), Place(country, kind))

    def lookup(self, text: str) -> Place | None:
        """Return the country a name, alias, demonym or capital refers to, or None."""
        return self._index.get(_key(text))


@cache
def _default_index() -> PlaceIndex:
    return PlaceIndex(load_json(COUNTRIES_FILE))


def _key(text: str) -> str:
    text = text.strip().replace("\u2019", "'")
    if text.lower().startswith("the "):
        text = text[4:]
    if text.endswith("'s"):
        text = text[:-2]
    return text.casefold()


def lookup(text: str) -> Place | None:
    """Return the country a name, alias, demonym or capital refers to, or None (packaged lexicon).

    Example:
        >>> lookup("Baku")
        Place(country='Azerbaijan', kind='capital')
    """
    return _default_index().lookup(text)


def country_of(text: str) -> str:
    """Return the country ``text`` names (``""`` when it names none)."""
    place = lookup(text)
    return place.country if place else ""
