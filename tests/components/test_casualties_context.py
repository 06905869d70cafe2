"""claimx_casualties: who is counted once, and the place, cause and period of each count."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from claimx.components.extensions import CASUALTIES

Found = list[dict[str, Any]]
CORPUS = Path(__file__).resolve().parents[2] / "corpora"
KHARKIV = "kharkiv-shelling-2024-03-03"


@pytest.fixture(scope="module")
def casualties(annotate: Callable[..., Any]) -> Callable[..., Found]:
    """``casualties(text, published)`` -> the records (all components run), with ``text``."""

    def run(text: str, published: str = "2024-05-02") -> Found:
        doc = annotate(text, published)
        return [{**k, "text": text[k["start"] : k["end"]]} for k in doc._.get(CASUALTIES)]

    return run


def _shape(records: list[dict[str, Any]], parent: Callable[[dict[str, Any]], Any]) -> list:
    """Outcome, count and the count of the parent of each record, in text order."""
    return sorted(
        (r["outcome"], r["count"], p["count"] if (p := parent(r)) else None) for r in records
    )


def test_kharkiv_article_records(casualties: Callable[..., Found]) -> None:
    """The team's Kharkiv article: the dead and the wounded get Kharkiv as their place (the
    dateline and the sentence name it, the hospital is where the wounded were taken), the
    paramedic among the dead is one of the 11 (not of the three children), and no victim
    is counted twice."""
    text = (CORPUS / "articles" / f"{KHARKIV}.txt").read_text()
    gold = json.loads((CORPUS / "gold" / f"{KHARKIV}.gold.json").read_text())["casualties"]
    found = casualties(text, "2024-03-03")
    by_id = {g["id"]: g for g in gold}
    assert _shape(found, lambda r: found[r["part_of"]] if r["part_of"] is not None else None) == (
        _shape(gold, lambda g: by_id.get(g["part_of"]))
    )
    for record in found:
        assert "Kharkiv" in record["location"], record
        assert "hospital" not in record["location"].lower(), record
    paramedic = next(r for r in found if r["group"] == "paramedic")
    assert found[paramedic["part_of"]]["count"] == 11


@pytest.mark.parametrize(
    ("text", "location"),
    [
        # the dateline names the place when the sentence does not
        (
            "MOSUL, Iraq, May 4 (Reuters) - A car bomb killed 9 people on Saturday, police said.",
            "Mosul",
        ),
        # most specific first, then the larger place
        (
            "Four workers were killed in the Industrial district of Dnipro on Monday.",
            "Industrial district",
        ),
        # the injured are taken to a hospital: that is not where they were hurt
        (
            "Shells hit a market in Donetsk, wounding 12 people who were taken to a hospital.",
            "Donetsk",
        ),
    ],
)
def test_place(casualties: Callable[..., Found], text: str, location: str) -> None:
    found = casualties(text)
    assert found, text
    assert location in found[0]["location"]
    assert "hospital" not in found[0]["location"]


#: sentence -> (publication date, since, until)
PERIODS = {
    "Some 300 soldiers were killed since the war began in 2014.": ("2020-06-01", "2014", ""),
    "Dozens were killed by militants over the last 3 years.": ("2016-08-27", "2013", "2016-08-27"),
    "In 1995 and 1996, rebels seized hundreds of hostages.": ("2018-03-01", "1995", "1996"),
    "Two people were killed in the blast on Tuesday.": ("2024-05-02", "", ""),
}


@pytest.mark.parametrize(("text", "period"), PERIODS.items())
def test_period(casualties: Callable[..., Found], text: str, period: tuple[str, str, str]) -> None:
    published, since, until = period
    found = casualties(text, published)
    assert (found[0]["since"], found[0]["until"]) == (since, until)


def test_cause_falls_back_to_the_lede(casualties: Callable[..., Found]) -> None:
    text = (
        "A roadside bomb struck an army convoy near the town of Gao on Monday.\n\n"
        "Officials said on Tuesday that seven soldiers had died and 11 were wounded."
    )
    found = casualties(text)
    assert {k["outcome"]: k["count"] for k in found} == {"killed": 7, "injured": 11}
    assert all(k["cause"] == "roadside bomb" for k in found), found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a combined count is neither killed nor injured
        ("Rebels said they had killed or wounded 300 soldiers.", [("killed_or_injured", 300)]),
        ("Police said 40 people were dead or injured.", [("killed_or_injured", 40)]),
        # people arrested are suspects, not victims
        ("Police arrested five men after the riot.", []),
        # a bare count is counted as people, or as the group counted before it
        (
            "Twelve miners were killed and 30 injured in the explosion.",
            [("killed", 12, "miners"), ("injured", 30, "miners")],
        ),
    ],
)
def test_outcomes_and_groups(casualties: Callable[..., Found], text: str, expected: list) -> None:
    found = casualties(text)
    assert len(found) == len(expected), found
    for record, want in zip(found, expected, strict=True):
        assert (record["outcome"], record["count"], record["group"])[: len(want)] == want


def test_a_named_victim_repeats_the_toll(casualties: Callable[..., Found]) -> None:
    text = (
        "Three people were shot dead outside a bar in Leeds on Friday, police said. "
        "The victims were named as John Hale, 31, Peter Moss, 40, and Sam Reid, 27."
    )
    found = casualties(text)
    assert [(k["outcome"], k["count"]) for k in found] == [("killed", 3)]


def test_another_incident_is_not_part_of_the_lede_toll(casualties: Callable[..., Found]) -> None:
    text = (
        "Militants killed 17 soldiers in an attack on an army camp in Uri on Sunday.\n\n"
        "In January, seven military personnel were killed in an attack on an air base in "
        "Pathankot."
    )
    found = casualties(text, "2016-09-18")
    assert [(k["count"], k["part_of"]) for k in found] == [(17, None), (7, None)]


def test_a_single_victim_included_and_a_separate_incident(
    casualties: Callable[..., Found],
) -> None:
    text = (
        "A drone strike on a truck killed four people on Monday, including a nurse, "
        "officials said.\n\n"
        "In a separate incident, a 30-year-old farmer was shot dead near the village of Qana."
    )
    found = casualties(text)
    assert [(k["count"], k["group"], k["part_of"]) for k in found] == [
        (4, "people", None),
        (1, "nurse", 0),
        (1, "farmer", None),
    ]


def test_each_clause_keeps_its_own_outcome(casualties: Callable[..., Found]) -> None:
    text = "Police said three protesters were detained and that one officer was slightly injured."
    found = casualties(text)
    assert [(k["outcome"], k["count"]) for k in found] == [("injured", 1)]
