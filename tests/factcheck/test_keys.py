"""Comparison keys: head nouns, places, periods, vague speakers, counted nouns."""

from __future__ import annotations

import pytest

from claimx.factcheck import keys


@pytest.mark.parametrize(
    ("group", "expected"),
    [
        ("citizens of Azerbaijan", "citizens"),
        ("Azerbaijani civilians", "civilians"),
        ("a civilian", "civilians"),
        ("people", "people"),
        ("elderly people", "people"),
        ("bodies", "people"),
        ("internally displaced persons", "people"),
        ("children", "children"),
        ("one child", "children"),
        ("", ""),
    ],
)
def test_victim_group(group: str, expected: str) -> None:
    assert keys.victim_group(group) == expected


@pytest.mark.parametrize(
    ("location", "expected"),
    [
        ("the town of Novoselsk", "novoselsk"),
        ("Novoselsk and the nearby village of Karaoy", "novoselsk"),
        ("Novoselsk district hospital", "novoselsk"),
        ("eastern Kazakhstan", "kazakhstan"),
        ("recently liberated territories", ""),
        ("the flooded town", ""),
        ("", ""),
    ],
)
def test_place(location: str, expected: str) -> None:
    assert keys.place(location) == expected


@pytest.mark.parametrize(
    ("since", "until", "expected"),
    [
        ("2020-11-10", "", "since 2020-11-10"),
        ("", "2021-01", "until 2021-01"),
        ("2020-11-10", "2021-04-04", "2020-11-10..2021-04-04"),
        ("", "", ""),
    ],
)
def test_period(since: str, until: str, expected: str) -> None:
    assert keys.period(since, until) == expected


@pytest.mark.parametrize(
    "speaker",
    [
        "officials",
        "Ukrainian officials",
        "some experts",
        "he",
        "",
        "a volunteer group",
        "sources close to the talks",
        "Locals",
        "neighbours",
        "local residents",
    ],
)
def test_vague_speakers(speaker: str) -> None:
    assert keys.is_vague(speaker)


@pytest.mark.parametrize(
    "speaker",
    [
        "Hikmat Hajiyev",
        "Emergencies Ministry",
        "Zhardem volunteer network",
        "the regional water authority",
        "Abai regional health department",
    ],
)
def test_named_speakers(speaker: str) -> None:
    assert not keys.is_vague(speaker)


@pytest.mark.parametrize(
    ("content", "figure", "expected"),
    [
        ("pay 1 million tenge to each family whose home", "1 million tenge", "family"),
        ("Kazakhstan has about 650 dams and reservoirs", "about 650", "dam"),
        ("repairs would cost 3.5 billion tenge", "3.5 billion tenge", ""),
        ("3 billion, the minister added", "3 billion", ""),
    ],
)
def test_counted(content: str, figure: str, expected: str) -> None:
    start = 100 + content.index(figure)
    assert keys.counted(content, 100, start, start + len(figure)) == expected


def test_counted_outside_the_claim() -> None:
    assert keys.counted("12 people died", 100, 50, 52) == ""
