"""The claimx_casualties component, on sentences written for these tests."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from claimx.components.extensions import CASUALTIES

Found = list[dict[str, Any]]
#: Components that casualties do not read; left out so these tests see only this one's work.
BEFORE_AND_CASUALTIES = ("claimx_entities", "claimx_dates", "claimx_figures", "claimx_casualties")


@pytest.fixture(scope="module")
def casualties(annotate: Callable[..., Any]) -> Callable[..., Found]:
    """``casualties(text, published)`` -> the records, each with its ``text``."""

    def run(text: str, published: str = "2024-05-02") -> Found:
        doc = annotate(text, published, only=BEFORE_AND_CASUALTIES)
        return [{**k, "text": text[k["start"] : k["end"]]} for k in doc._.get(CASUALTIES)]

    return run


def _top(found: Found, outcome: str) -> float:
    """What a scorer sums: counts of one outcome not nested in another record."""
    return sum(k["count"] for k in found if k["outcome"] == outcome and k["part_of"] is None)


@pytest.mark.parametrize(
    ("sentence", "outcome", "count", "low", "high", "qualifier"),
    [
        ("The gunmen opened fire on the bus, killing 6 passengers.", "killed", 6, 6, 6, "="),
        ("The explosion at the depot left 4 dead.", "killed", 4, 4, 4, "="),
        ("By Sunday the death toll had climbed to 52.", "killed", 52, 52, 52, "="),
        ("The number of people killed in the blaze rose to 17.", "killed", 17, 17, 17, "="),
        ("The number of dead has risen to 31, the ministry said.", "killed", 31, 31, 31, "="),
        ("The number of injured reached 120 on Friday.", "injured", 120, 120, 120, "="),
        ("Two workers were shot dead outside the factory.", "killed", 2, 2, 2, "="),
        ("A 40-year-old farmer was killed by the blast.", "killed", 1, 1, 1, "="),
        ("At least 15 civilians died in the floods.", "killed", 15, 15, 15, ">="),
        ("Dozens were hurt in the stampede at the stadium.", "injured", 66, 12, 120, "~"),
        ("Nine pupils were seriously injured when the roof collapsed.", "injured", 9, 9, 9, "="),
        ("Five soldiers are missing after the ambush.", "missing", 5, 5, 5, "="),
        ("Rebels abducted 12 aid workers near the border.", "kidnapped", 12, 12, 12, "="),
        (
            "Hundreds of thousands of people have been displaced by the fighting.",
            "displaced",
            550_000,
            100_000,
            1_000_000,
            "~",
        ),
    ],
)
def test_counts(
    casualties: Callable[..., Found],
    sentence: str,
    outcome: str,
    count: float,
    low: float,
    high: float,
    qualifier: str,
) -> None:
    found = [k for k in casualties(sentence) if k["outcome"] == outcome]
    assert len(found) == 1, found
    record = found[0]
    assert (record["count"], record["low"], record["high"]) == (count, low, high)
    assert record["qualifier"] == qualifier


def test_nesting_group_and_context(casualties: Callable[..., Found]) -> None:
    text = (
        "Since the truce of March 3, 2022, 30 residents of Tavush, including 9 women, "
        "have been killed by landmines in the border area."
    )
    found = casualties(text, "2022-06-01")
    assert [(k["text"], k["count"], k["part_of"]) for k in found] == [
        ("30 residents of Tavush", 30, None),
        ("9 women", 9, 0),
    ]
    total = found[0]
    assert (total["outcome"], total["group"], total["since"]) == (
        "killed",
        "residents of Tavush",
        "2022-03-03",
    )
    assert total["cause"] == "landmines"
    assert total["location"] == "border area, Tavush"  # most specific, then larger
    assert found[1]["group"] == "women"


@pytest.mark.parametrize(
    ("text", "killed", "injured"),
    [
        # victims only: the attacker is never counted
        ("The bomber killed 9 people as well as himself.", 9, 0),
        ("A gunman shot two students before he took his own life.", 0, 2),
        ("A woman shot and killed her neighbour in the yard.", 1, 0),
        # undetermined counts and negations are not records
        ("Many people were killed in the war.", 0, 0),
        ("No one was hurt in the fire, officials said.", 0, 0),
        ("The bullet came close to possibly killing a trooper.", 0, 0),
        # separately stated single victims add up
        ("A man was killed on Friday night. Hours later a woman died in hospital.", 2, 0),
        # the same count said twice is one record
        ("Seven people were killed in the crash. Police said seven people were killed.", 7, 0),
        # a victim first said to be shot, then to have died
        ("A man was shot in the parking lot on Tuesday. He died at the hospital.", 1, 0),
        ("Jane Roe was shot in the leg. Roe later died of her wounds.", 1, 0),
        # singles named after a total are part of it
        ("Two men were killed on Elm Street. One of them, John Doe, was 19.", 2, 0),
        ("Three people were wounded. A woman was hit in the arm.", 0, 3),
    ],
)
def test_article_sums(
    casualties: Callable[..., Found], text: str, killed: float, injured: float
) -> None:
    found = casualties(text)
    assert (_top(found, "killed"), _top(found, "injured")) == (killed, injured), found


def test_revised_toll_keeps_the_latest(casualties: Callable[..., Found]) -> None:
    found = casualties("Officials first said 12 people were killed. The toll later rose to 19.")
    top = [k for k in found if k["outcome"] == "killed" and k["part_of"] is None]
    assert [(k["count"], k.get("revised_from")) for k in top] == [(19, 12)]


def test_headline_glued_to_body(casualties: Callable[..., Found]) -> None:
    text = "Man shot, killed in Riverside | news.example.comA man was shot and killed late Monday."
    assert _top(casualties(text), "killed") == 1


def test_ages_and_years_are_not_counts(casualties: Callable[..., Found]) -> None:
    text = "John Smith, 34, was killed in 2019 in a crash on Route 9."
    assert [(k["text"], k["count"]) for k in casualties(text)] == [("John Smith", 1)]


@pytest.mark.parametrize(
    ("text", "killed", "injured"),
    [
        # a victim described by a wound, not a verb
        ("Officers found a man with a gunshot wound in the alley.", 0, 1),
        ("Police found two victims with gunshot wounds.", 0, 2),
        # an elliptical second victim
        ("Police say one person has died and a second was injured.", 1, 1),
        ("One man was killed and another was wounded in the attack.", 1, 1),
        # a toll inside someone else's statement
        ("Volunteers found 15 bodies, more than the official toll of 12 given by police.", 27, 0),
        ("The ministry said the count of 12 dead included only identified victims.", 12, 0),
        (
            "Officials said 23 people had died, but volunteers said their own count stood at 26.",
            49,
            0,
        ),
    ],
)
def test_wire_phrasings(
    casualties: Callable[..., Found], text: str, killed: float, injured: float
) -> None:
    found = casualties(text)
    assert (_top(found, "killed"), _top(found, "injured")) == (killed, injured), found


@pytest.mark.parametrize(
    ("text", "published", "killed"),
    [
        # a count stated for an earlier incident is a record too (ANNOTATION.md)
        ("Smith was shot and killed on July 26, 2000.", "2016-01-03", 1),
        ("The gunman killed three men at a party in the summer of 2012.", "2016-01-03", 3),
        # a cumulative count since a date is a count; so is a recent date
        ("Since the truce of March 3, 2022, 30 residents have been killed.", "2022-06-01", 30),
        ("Since 2020, 30 residents have been killed by mines.", "2022-06-01", 30),
        ("Two men were shot dead on Dec. 23, 2015.", "2016-01-04", 2),
    ],
)
def test_earlier_incidents(
    casualties: Callable[..., Found], text: str, published: str, killed: float
) -> None:
    assert _top(casualties(text, published), "killed") == killed


@pytest.mark.parametrize(
    ("text", "location"),
    [
        ("Twelve people were killed in the flooded town of Novoselsk.", "Novoselsk"),
        ("Officials said 23 people died in the eastern town of Kharkiv.", "Kharkiv"),
        (
            "Three people were killed by mines in the recently liberated territories.",
            "recently liberated territories",
        ),
    ],
)
def test_location_prefers_a_name(
    casualties: Callable[..., Found], text: str, location: str
) -> None:
    found = [k for k in casualties(text) if k["outcome"] == "killed"]
    assert found[0]["location"] == location, found


def test_more_bodies_add_to_the_toll(casualties: Callable[..., Found]) -> None:
    text = (
        "The death toll from the landslide rose to 31 on Friday after rescuers recovered "
        "four more bodies from the mud, officials said."
    )
    found = casualties(text)
    assert _top(found, "killed") == 31
    assert [(k["count"], k["part_of"] is not None) for k in found] == [(31, False), (4, True)]
