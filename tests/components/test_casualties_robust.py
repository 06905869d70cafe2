"""claimx_casualties on bad input: sensible values or no record, never an exception,
time linear in the number of counts."""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from typing import Any

import pytest
from spacy.language import Language

from claimx.components.casualties import DATA_FILES, CasualtyTagger, Settings
from claimx.components.extensions import CASUALTIES

Found = list[dict[str, Any]]


@pytest.fixture(scope="module")
def found_in(annotate: Callable[..., Any]) -> Callable[..., Found]:
    def run(text: str) -> Found:
        return annotate(text, "2024-05-02")._.get(CASUALTIES)

    return run


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # absurd, negative and fractional counts are no records
        ("The militia killed 1,000,000,000 people in the valley.", []),
        ("The attack killed -3 people, the agency said.", []),
        ("The attack killed 3.7 people, the agency said.", []),
        # a toll in words
        ("The bombing killed twenty-three people, police said.", [("killed", 23)]),
        ("Officials said one hundred and seven people had been killed.", [("killed", 107)]),
        # a count split across a line break
        ("Rebels said they had killed\n45 soldiers near the river.", [("killed", 45)]),
        # Roman numerals are not counts of people
        ("Pope Pius XII was born in Rome.", []),
    ],
)
def test_bad_counts(found_in: Callable[..., Found], text: str, expected: list) -> None:
    assert [(k["outcome"], k["count"]) for k in found_in(text)] == expected


@pytest.mark.parametrize(
    "text",
    [
        "1" * 100_000,  # a number too long for a float: no record, no OverflowError
        "9" * 400 + " people were killed.",
        "Town | Killed | Injured\nNorth | 12 | 30\nSouth | 4 | 7\n" * 20,
        " ".join(str(n) for n in range(3000)),
    ],
)
def test_never_an_exception(found_in: Callable[..., Found], text: str) -> None:
    for record in found_in(text):
        assert math.isfinite(record["count"]) and 1 <= record["low"] <= record["high"] <= 1e8


def test_a_list_of_names_of_the_dead(found_in: Callable[..., Found]) -> None:
    names = ", ".join(f"Victim{chr(65 + i % 26)}{chr(65 + i // 26)} Smith" for i in range(200))
    text = f"The ministry said 200 people were killed in the attack. The dead were {names}."
    found = found_in(text)
    assert sum(k["count"] for k in found if k["outcome"] == "killed" and k["part_of"] is None) == (
        200
    )


UPSTREAM = ("claimx_entities", "claimx_dates", "claimx_figures")


def test_a_missing_upstream_component_is_named(nlp: Language, annotate: Callable[..., Any]) -> None:
    """Without claimx_figures before it, casualties stops with a message naming it."""
    doc = annotate("Two people were killed.", "2024-05-02", only=UPSTREAM[:2])
    with pytest.raises(ValueError, match="claimx_casualties needs claimx_figures"):
        nlp.get_pipe("claimx_casualties")(doc)


def test_settings_are_per_component(nlp: Language, annotate: Callable[..., Any]) -> None:
    """A component built with its own ``max_count`` reads the same doc differently."""
    doc = annotate("At least 12 people were killed in the blast.", "2024-05-02", only=UPSTREAM)
    default = nlp.get_pipe("claimx_casualties")
    assert [c["count"] for c in default(doc)._.get(CASUALTIES)] == [12]
    strict = CasualtyTagger(nlp, "strict", data=DATA_FILES, settings=Settings(max_count=10))
    assert strict(doc)._.get(CASUALTIES) == []


def test_time_is_linear_in_counts(nlp: Language, annotate: Callable[..., Any]) -> None:
    """Four times the counts cost about four times as long, never sixteen (all-pairs)."""
    component = nlp.get_pipe("claimx_casualties")
    sentence = "The toll rose to 12, officials said. "
    seconds = []
    for n in (300, 1200):
        doc = annotate(sentence * n, "2024-05-02", only=UPSTREAM)
        start = time.process_time()
        component(doc)
        seconds.append(time.process_time() - start)
        assert len(doc._.get(CASUALTIES)) == 1  # one toll, revised n times
    assert seconds[1] < 8 * seconds[0] + 0.05, seconds
