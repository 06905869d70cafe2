"""Known agreements, and the one an agreement found in text refers to.

claimx ships a gazetteer of widely cited agreements (``models/agreements/gazetteer.jsonl``,
one JSON object a line: ``id, name, aliases, type, date, parties, mediators, source``).
A user adds their own list on top (factory config ``gazetteer``; CLI ``--agreements
PATH``), a CSV in one of two layouts told apart by the header:

- PA-X (Peace Agreements Database): ``AgtId, Agt, Dat, Con, Stage, Part,
  ThrdPart`` (other columns are ignored);
- generic: ``name, date, parties`` with optional ``id``, ``type``, ``aliases`` and
  ``mediators``; lists are separated by ``;`` or ``|``.

Names and aliases are compared by :func:`claimx.normalize.names.name_key`, so case,
accents, hyphens and punctuation do not matter.

Example:
    >>> known = Gazetteer(load_builtin() + load_agreements("mine.csv"))  # doctest: +SKIP
    >>> match = known.link({"name": "Trilateral Statement", "type": "ceasefire",
    ...     "date": "2020-11-10", "parties": ["Azerbaijan", "Armenia", "Russia"],
    ...     "mediators": ["Russia"]}, published="2021-04-05")  # doctest: +SKIP
    >>> match.id  # doctest: +SKIP
    'trilateral-statement-2020'
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from claimx.normalize.names import name_key
from claimx.normalize.places import PlaceIndex, country_of
from claimx.resources import model_path

#: The gazetteer claimx ships, under ``models/``.
BUILTIN = "agreements/gazetteer.jsonl"
#: PA-X stage codes -> claimx agreement types.
PAX_STAGES = {"Cea": "ceasefire", "SubComp": "peace agreement"}
#: A match needs at least this score (see :func:`score`).
MIN_SCORE = 4.0
#: Score of a found name that is a known name or alias (same key).
SAME_NAME = 4.0

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_ISO_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
_LIST_SEPARATORS = re.compile(r"[;|\n]+")
_STOPWORDS = {"the", "of", "on", "and", "a", "an", "for", "to", "in", "by", "between", "with"}
#: Words that name the kind of agreement, not which one.
_GENERIC = {
    "agreement", "agreements", "accord", "accords", "deal", "treaty", "statement", "declaration",
    "protocol", "memorandum", "understanding", "ceasefire", "truce", "resolution", "convention",
    "pact", "new", "joint", "un", "security", "council",
}  # fmt: skip
_MAX_NAME_WORDS = 4


class GazetteerError(ValueError, RuntimeError):
    """A gazetteer file that cannot be read; the message names the file and line."""


@dataclass(frozen=True, slots=True)
class KnownAgreement:
    """One agreement of a gazetteer."""

    id: str
    name: str
    date: str  # YYYY-MM-DD, YYYY-MM or YYYY; "" when unknown
    type: str  # a claimx agreement type, or ""
    parties: tuple[str, ...]  # countries and organisations
    mediators: tuple[str, ...]
    aliases: tuple[str, ...] = ()

    def as_json(self) -> dict[str, Any]:
        """The entry as one object of claimx's JSONL layout."""
        return {
            "id": self.id,
            "name": self.name,
            "aliases": list(self.aliases),
            "type": self.type,
            "date": self.date,
            "parties": list(self.parties),
            "mediators": list(self.mediators),
        }

    @classmethod
    def from_json(cls, item: Mapping[str, Any]) -> KnownAgreement:
        """The entry of one object of claimx's JSONL layout (its date already checked)."""
        return cls(
            id=str(item["id"]),
            name=str(item["name"]),
            date=str(item.get("date") or ""),
            type=str(item.get("type") or ""),
            parties=tuple(item.get("parties") or ()),
            mediators=tuple(item.get("mediators") or ()),
            aliases=tuple(item.get("aliases") or ()),
        )


# -- reading -------------------------------------------------------------------


def load_builtin(path: str | Path = "") -> list[KnownAgreement]:
    """Read a gazetteer in claimx's JSONL layout (default: the one claimx ships).

    Raises:
        GazetteerError: a line is not a JSON object with ``id``, ``name`` and a valid ``date``.
    """
    return list(_load_jsonl(str(path or model_path(BUILTIN))))


def load_agreements(path: str | Path, places: PlaceIndex | None = None) -> list[KnownAgreement]:
    """Read a gazetteer CSV (PA-X or generic layout) into :class:`KnownAgreement` rows.

    Args:
        path: the CSV file (UTF-8, header row first).
        places: the places lexicon that names parties' countries (default: the packaged one).

    Raises:
        GazetteerError: the header has neither layout's columns, or a row has no name or
            a date that is not ``YYYY[-MM[-DD]]``; the message names the line.
    """
    return list(_load_csv(str(path), places))


def write_jsonl(known: Iterable[KnownAgreement], path: str | Path) -> None:
    """Write known agreements in claimx's JSONL layout (what :func:`load_builtin` reads)."""
    with open(path, "w", encoding="utf-8") as handle:
        for entry in known:
            handle.write(json.dumps(entry.as_json(), ensure_ascii=False) + "\n")


def _load_jsonl(path: str) -> tuple[KnownAgreement, ...]:
    rows: list[KnownAgreement] = []
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
            except json.JSONDecodeError as exc:
                raise GazetteerError(f"{path}, line {number}: not JSON ({exc.msg})") from None
            if not isinstance(item, dict) or not item.get("id") or not item.get("name"):
                raise GazetteerError(f"{path}, line {number}: needs an id and a name")
            _checked_date(str(item.get("date") or ""), path, number)
            rows.append(KnownAgreement.from_json(item))
    return tuple(rows)


def _load_csv(path: str, places: PlaceIndex | None) -> tuple[KnownAgreement, ...]:
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        fields = {f.strip() for f in reader.fieldnames or []}
        if {"AgtId", "Agt", "Dat"} <= fields:
            read, name_column, date_column = _from_pax, "Agt", "Dat"
        elif {"name", "date"} <= fields:
            read, name_column, date_column = _from_generic, "name", "date"
        else:
            raise GazetteerError(
                f"{path}, line 1: expected PA-X columns (AgtId, Agt, Dat) or name, date, parties"
            )
        rows: list[KnownAgreement] = []
        for number, row in enumerate(reader, 1):
            line = reader.line_num
            if not (row.get(name_column) or "").strip():
                raise GazetteerError(f"{path}, line {line}: the {name_column} column is empty")
            date = _checked_date((row.get(date_column) or "").strip(), path, line)
            rows.append(read(number, {**row, date_column: date}, places))
    return tuple(rows)


def _checked_date(value: str, path: str, line: int) -> str:
    """``value`` if "", YYYY, YYYY-MM or a real YYYY-MM-DD day; else an error naming the line."""
    try:
        if value and _ISO_DATE.match(value):
            dt.date.fromisoformat((value + "-01-01")[:10])
        elif value:
            raise ValueError(value)
    except ValueError:
        raise GazetteerError(f"{path}, line {line}: bad date {value!r} (want YYYY-MM-DD)") from None
    return value


def _from_pax(number: int, row: Mapping[str, str], places: PlaceIndex | None) -> KnownAgreement:
    parties = countries_in(" / ".join((row.get("Con") or "", row.get("Part") or "")), places)
    return KnownAgreement(
        id=(row.get("AgtId") or str(number)).strip(),
        name=" ".join(row["Agt"].split()),
        date=row["Dat"],
        type=PAX_STAGES.get((row.get("Stage") or "").strip(), ""),
        parties=parties,
        mediators=countries_in(row.get("ThrdPart") or "", places),
    )


def _from_generic(number: int, row: Mapping[str, str], places: PlaceIndex | None) -> KnownAgreement:
    def listed(column: str, canonical: bool = True) -> tuple[str, ...]:
        items = (item.strip() for item in _LIST_SEPARATORS.split(row.get(column) or ""))
        names = ((_country(item, places) if canonical else "") or item for item in items)
        return tuple(dict.fromkeys(n for n in names if n))

    return KnownAgreement(
        id=(row.get("id") or str(number)).strip(),
        name=" ".join(row["name"].split()),
        date=row["date"],
        type=(row.get("type") or "").strip().lower(),
        parties=listed("parties"),
        mediators=listed("mediators"),
        aliases=listed("aliases", canonical=False),
    )


def countries_in(text: str, places: PlaceIndex | None = None) -> tuple[str, ...]:
    """Countries named anywhere in free text ("President of the Russian Federation" -> Russia),
    by ``places`` (default: the packaged lexicon)."""
    words = _WORD.findall(text)
    found: dict[str, None] = {}
    i = 0
    while i < len(words):
        for size in range(min(_MAX_NAME_WORDS, len(words) - i), 0, -1):
            country = _country(" ".join(words[i : i + size]), places)
            if country:
                found[country] = None
                i += size
                break
        else:
            i += 1
    return tuple(found)


def _country(text: str, places: PlaceIndex | None) -> str:
    if places is None:
        return country_of(text)
    place = places.lookup(text)
    return place.country if place else ""


# -- matching ------------------------------------------------------------------


def content_words(text: str) -> frozenset[str]:
    """The words of a name that say which agreement it is (not "the", "agreement", "U.N.")."""
    words = name_key(text.replace("-", " ")).split()
    return frozenset(w for w in words if len(w) > 1 and w not in _STOPWORDS | _GENERIC)


def name_keys(text: str) -> set[str]:
    """The keys a name is known by: "Lisbon-Treaty" as written and with the hyphen a space."""
    return {name_key(text), name_key(text.replace("-", " "))} - {""}


def score(agreement: Mapping[str, Any], known: KnownAgreement) -> float:
    """How well a found agreement matches a known one: date, parties, type and name.

    Same date +3 (the same month, or year where one gives no more, +1; another -2); parties and
    mediators, Jaccard x 3; same type +1;
    the largest share of the found name's distinctive words in a known name or alias x 4.
    """
    total = 0.0
    date = str(agreement.get("date") or "")
    if date and known.date:
        size = min(len(date), len(known.date), 7)
        if date == known.date:
            total += 3.0
        elif date[:size] == known.date[:size]:
            total += 1.0
        else:
            total -= 2.0
    found = set(agreement.get("parties") or []) | set(agreement.get("mediators") or [])
    listed = set(known.parties) | set(known.mediators)
    if found and listed:
        total += 3.0 * len(found & listed) / len(found | listed)
    if agreement.get("type") and agreement.get("type") == known.type:
        total += 1.0
    return total + 4.0 * _name_share(content_words(str(agreement.get("name") or "")), known)


def _name_share(words: frozenset[str], known: KnownAgreement) -> float:
    if not words:
        return 0.0
    return max(len(words & content_words(n)) / len(words) for n in (known.name, *known.aliases))


def best_match(
    agreement: Mapping[str, Any], known: Sequence[KnownAgreement]
) -> KnownAgreement | None:
    """The known agreement that best matches ``agreement`` (a claimx agreement dict), or None."""
    return Gazetteer(known).link(agreement)


class Gazetteer:
    """Known agreements indexed by name key, distinctive word and day, for linear-time linking."""

    def __init__(self, known: Iterable[KnownAgreement], min_score: float = MIN_SCORE) -> None:
        self.known = tuple(known)
        self.min_score = min_score
        self.by_key: dict[str, list[int]] = {}
        self.by_word: dict[str, list[int]] = {}
        self.by_day: dict[str, list[int]] = {}
        for index, entry in enumerate(self.known):
            names = (entry.name, *entry.aliases)
            for key in {k for name in names for k in name_keys(name)}:
                self.by_key.setdefault(key, []).append(index)
            for word in {w for name in names for w in content_words(name)}:
                self.by_word.setdefault(word, []).append(index)  # each entry once per word
            if len(entry.date) == 10:
                self.by_day.setdefault(entry.date, []).append(index)

    def __bool__(self) -> bool:
        return bool(self.known)

    def link(
        self, agreement: Mapping[str, Any], names: Iterable[str] = (), published: str = ""
    ) -> KnownAgreement | None:
        """The known agreement ``agreement`` (a claimx agreement dict) refers to, or None.

        A candidate has one of ``names`` (or the record's name) as its name or alias, or
        the same day, or half of the found name's distinctive words in its name (one word
        only when no other entry has it); it must score ``min_score`` (default
        :data:`MIN_SCORE`; a known name counts :data:`SAME_NAME`) and not be dated
        after ``published`` (an article cannot cite a later agreement). Among equals, the
        entry listed last wins, so a user's list added after the built-in one overrides it.
        """
        keys = {k for n in (*names, str(agreement.get("name") or "")) for k in name_keys(n)}
        same_name = {i for key in keys for i in self.by_key.get(key, ())}
        words = content_words(str(agreement.get("name") or ""))
        if not names:  # a description names its parties, which say nothing of which one it is
            sides = (*(agreement.get("parties") or ()), *(agreement.get("mediators") or ()))
            words -= content_words(" ".join(sides))
        # One word that several entries share ("the Paris accord") does not say which it is.
        distinctive = len(words) > 1 or any(len(self.by_word.get(w, ())) == 1 for w in words)
        candidates = set(same_name) | set(self.by_day.get(str(agreement.get("date") or ""), ()))
        candidates.update(i for w in words for i in self.by_word.get(w, ()))
        best: tuple[float, int] | None = None
        for index in sorted(candidates):
            entry = self.known[index]
            if dated_after(entry.date, published):
                continue
            value = score(agreement, entry) + (SAME_NAME if index in same_name else 0.0)
            named = index in same_name or (distinctive and _name_share(words, entry) >= 0.5)
            same_day = bool(entry.date) and entry.date == agreement.get("date")
            enough = value >= self.min_score
            if (named or same_day) and enough and (best is None or value >= best[0]):
                best = (value, index)
        return self.known[best[1]] if best else None


def dated_after(date: str, published: str) -> bool:
    """True when ``date`` is later than ``published`` at the precision both give."""
    size = min(len(date), len(published[:10]))
    return bool(date and published) and date[:size] > published[:size]
