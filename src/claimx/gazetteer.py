"""Known agreements from a CSV, and the best match for an agreement found in text.

claimx ships no gazetteer; a user points the ``claimx_agreements`` component at
one (factory config ``gazetteer``; CLI ``--agreements PATH``). Two layouts are
read, told apart by their header:

- PA-X (Peace Agreements Database): ``AgtId, Agt, Dat, Con, Stage, Part,
  ThrdPart`` (other columns are ignored);
- generic: ``name, date, parties`` with optional ``id``, ``type`` and
  ``mediators``; lists are separated by ``;`` or ``|``.

Example:
    >>> known = load_agreements("agreements.csv")  # doctest: +SKIP
    >>> match = best_match({"name": "Trilateral Statement", "type": "ceasefire",
    ...     "date": "2020-11-10", "parties": ["Azerbaijan", "Armenia", "Russia"],
    ...     "mediators": ["Russia"]}, known)  # doctest: +SKIP
    >>> match.id, match.name  # doctest: +SKIP
    ('2324', 'Statement by President of the Republic of Azerbaijan, ...')
"""

from __future__ import annotations

import csv
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from claimx.normalize.places import country_of

#: PA-X stage codes -> claimx agreement types.
PAX_STAGES = {"Cea": "ceasefire", "SubComp": "peace agreement"}
#: A match needs at least this score (see :func:`score`).
MIN_SCORE = 4.0

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_LIST_SEPARATORS = re.compile(r"[;|\n]+")
_STOPWORDS = {"the", "of", "on", "and", "a", "an", "for", "to", "in", "by", "between", "with"}
#: Words that name the kind of agreement, not which one.
_GENERIC = {
    "agreement", "agreements", "accord", "accords", "deal", "treaty", "statement", "declaration",
    "protocol", "memorandum", "understanding", "ceasefire", "truce", "resolution", "convention",
}  # fmt: skip
_MAX_NAME_WORDS = 4


@dataclass(frozen=True, slots=True)
class KnownAgreement:
    """One agreement of a gazetteer."""

    id: str
    name: str
    date: str  # YYYY-MM-DD, or "" when unknown
    type: str  # a claimx agreement type, or ""
    parties: tuple[str, ...]  # countries
    mediators: tuple[str, ...]  # countries


def load_agreements(path: str | Path) -> list[KnownAgreement]:
    """Read a gazetteer CSV (PA-X or generic layout) into :class:`KnownAgreement` rows.

    Args:
        path: the CSV file (UTF-8, header row first).

    Raises:
        ValueError: the header has neither the PA-X nor the generic columns.
    """
    return list(_load(str(path)))


@cache
def _load(path: str) -> tuple[KnownAgreement, ...]:
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        fields = {f.strip() for f in reader.fieldnames or []}
        if {"AgtId", "Agt", "Dat"} <= fields:
            return tuple(_from_pax(row) for row in reader)
        if {"name", "date"} <= fields:
            return tuple(_from_generic(number, row) for number, row in enumerate(reader, 1))
    raise ValueError(f"{path}: expected PA-X columns (AgtId, Agt, Dat) or name, date, parties")


def _from_pax(row: Mapping[str, str]) -> KnownAgreement:
    parties = countries_in(" / ".join((row.get("Con", ""), row.get("Part", ""))))
    return KnownAgreement(
        id=row["AgtId"].strip(),
        name=" ".join(row["Agt"].split()),
        date=row["Dat"].strip(),
        type=PAX_STAGES.get(row.get("Stage", "").strip(), ""),
        parties=parties,
        mediators=countries_in(row.get("ThrdPart", "")),
    )


def _from_generic(number: int, row: Mapping[str, str]) -> KnownAgreement:
    def listed(column: str) -> tuple[str, ...]:
        items = _LIST_SEPARATORS.split(row.get(column) or "")
        names = (country_of(item) or item.strip() for item in items)
        return tuple(dict.fromkeys(n for n in names if n))

    return KnownAgreement(
        id=(row.get("id") or str(number)).strip(),
        name=" ".join(row["name"].split()),
        date=(row.get("date") or "").strip(),
        type=(row.get("type") or "").strip().lower(),
        parties=listed("parties"),
        mediators=listed("mediators"),
    )


def countries_in(text: str) -> tuple[str, ...]:
    """Countries named anywhere in free text ("President of the Russian Federation" -> Russia)."""
    words = _WORD.findall(text)
    found: dict[str, None] = {}
    i = 0
    while i < len(words):
        for size in range(min(_MAX_NAME_WORDS, len(words) - i), 0, -1):
            country = country_of(" ".join(words[i : i + size]))
            if country:
                found[country] = None
                i += size
                break
        else:
            i += 1
    return tuple(found)


def score(agreement: Mapping[str, Any], known: KnownAgreement) -> float:
    """How well a found agreement matches a known one: date, parties, type and name.

    Same day +3 (same month +1, another month -2); parties and mediators, Jaccard x 3; same type +1;
    share of the found name's distinctive words in the known name x 4.
    """
    total = 0.0
    date = str(agreement.get("date") or "")
    if date and known.date:
        if date == known.date:
            total += 3.0
        elif date[:7] == known.date[:7]:
            total += 1.0
        else:
            total -= 2.0
    found = set(agreement.get("parties") or []) | set(agreement.get("mediators") or [])
    listed = set(known.parties) | set(known.mediators)
    if found and listed:
        total += 3.0 * len(found & listed) / len(found | listed)
    if agreement.get("type") and agreement.get("type") == known.type:
        total += 1.0
    words = _content_words(str(agreement.get("name") or ""))
    if words:
        total += 4.0 * len(words & _content_words(known.name)) / len(words)
    return total


def best_match(
    agreement: Mapping[str, Any], known: Sequence[KnownAgreement]
) -> KnownAgreement | None:
    """The known agreement that best matches ``agreement`` (a claimx agreement dict), or None.

    A match needs a score of at least :data:`MIN_SCORE` and either the same date
    or half of the found name's content words in the known name.
    """
    best: tuple[float, KnownAgreement] | None = None
    date = str(agreement.get("date") or "")
    words = _content_words(str(agreement.get("name") or ""))
    for candidate in known:
        same_day = bool(date) and date == candidate.date
        named = bool(words) and len(words & _content_words(candidate.name)) * 2 >= len(words)
        if not (same_day or named):
            continue
        value = score(agreement, candidate)
        if value >= MIN_SCORE and (best is None or value > best[0]):
            best = (value, candidate)
    return best[1] if best else None


def _content_words(text: str) -> set[str]:
    words = (w.lower() for w in _WORD.findall(text))
    return {w for w in words if w not in _STOPWORDS and w not in _GENERIC}
