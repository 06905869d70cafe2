"""The claimx_figures component, on sentences written for these tests."""

from __future__ import annotations

import math
from typing import Any

import pytest
from spacy.language import Language

from claimx.components.extensions import FIGURES

Expected = tuple[str, float, float, float, str, str, str]


@pytest.fixture(scope="module")
def figures(nlp: Language) -> Any:
    """``figures(text)`` -> the figures the component finds, each with its ``text``."""
    needed = ("claimx_dates", "claimx_figures")
    others = [n for n in nlp.pipe_names if n.startswith("claimx_") and n not in needed]

    def run(text: str) -> list[dict[str, Any]]:
        with nlp.select_pipes(disable=others):
            doc = nlp(text)
        return [{**f, "text": text[f["start"] : f["end"]]} for f in doc._.get(FIGURES)]

    return run


def _assert_figure(found: list[dict[str, Any]], expected: Expected) -> None:
    text, value, low, high, qualifier, unit, kind = expected
    matches = [f for f in found if f["text"] == text]
    assert matches, f"{text!r} not among {[f['text'] for f in found]}"
    figure = matches[0]
    assert figure["value"] == pytest.approx(value)
    assert (figure["low"], figure["high"]) == (pytest.approx(low), pytest.approx(high))
    assert (figure["qualifier"], figure["unit"], figure["kind"]) == (qualifier, unit, kind)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The club sold 1,250 tickets.", ("1,250", 1250, 1250, 1250, "=", "ticket", "count")),
        ("The river rose 3.75 metres.", ("3.75 metres", 3.75, 3.75, 3.75, "=", "metre", "measure")),
        (
            "Rescuers freed 12,000,000 litres.",
            ("12,000,000 litres", 12e6, 12e6, 12e6, "=", "litre", "measure"),
        ),
        ("Twenty-five pupils passed.", ("Twenty-five", 25, 25, 25, "=", "pupil", "count")),
        ("She owns a dozen hens.", ("a dozen", 12, 12, 12, "=", "hen", "count")),
        (
            "It took two and a half hours.",
            ("two and a half hours", 2.5, 2.5, 2.5, "=", "hour", "duration"),
        ),
        (
            "They planted one hundred and five trees.",
            ("one hundred and five", 105, 105, 105, "=", "tree", "count"),
        ),
        (
            "The town has 3.4 million residents.",
            ("3.4 million", 3.4e6, 3.4e6, 3.4e6, "=", "resident", "count"),
        ),
        ("The app has 40k users.", ("40k", 4e4, 4e4, 4e4, "=", "user", "count")),
        (
            "The port handled 2.1bn tonnes.",
            ("2.1bn tonnes", 2.1e9, 2.1e9, 2.1e9, "=", "tonne", "measure"),
        ),
        ("The farm lost 6 mln chickens.", ("6 mln", 6e6, 6e6, 6e6, "=", "chicken", "count")),
        ("The dam cost $1.5-billion.", ("$1.5-billion", 1.5e9, 1.5e9, 1.5e9, "=", "USD", "money")),
        ("The state set aside Rs 40 crore.", ("Rs 40 crore", 4e8, 4e8, 4e8, "=", "INR", "money")),
    ],
)
def test_numbers(figures: Any, sentence: str, expected: Expected) -> None:
    _assert_figure(figures(sentence), expected)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Dozens of ducks flew over.", ("Dozens", 66, 12, 120, "~", "", "count")),
        ("Hundreds gathered outside.", ("Hundreds", 550, 100, 1000, "~", "", "count")),
        ("They fed thousands of families.", ("thousands", 5500, 1e3, 1e4, "~", "", "count")),
        (
            "Tens of thousands fled the fires.",
            ("Tens of thousands", 55e3, 1e4, 1e5, "~", "", "count"),
        ),
        (
            "It displaced hundreds of thousands of people.",
            ("hundreds of thousands", 550e3, 1e5, 1e6, "~", "", "count"),
        ),
        ("Millions tuned in.", ("Millions", 5.5e6, 1e6, 1e7, "~", "", "count")),
        (
            "The firm hired several hundred drivers.",
            ("several hundred", 550, 100, 1000, "~", "driver", "count"),
        ),
        (
            "It cost millions of dollars.",
            ("millions of dollars", 5.5e6, 1e6, 1e7, "~", "USD", "money"),
        ),
    ],
)
def test_vague_magnitudes(figures: Any, sentence: str, expected: Expected) -> None:
    _assert_figure(figures(sentence), expected)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("A third of the orchard burned.", ("A third", 1 / 3, 1 / 3, 1 / 3, "=", "", "fraction")),
        ("Two-thirds of members agreed.", ("Two-thirds", 2 / 3, 2 / 3, 2 / 3, "=", "", "fraction")),
        ("Half the stalls were empty.", ("Half", 0.5, 0.5, 0.5, "=", "", "fraction")),
        (
            "Almost three quarters of the staff left.",
            ("Almost three quarters", 0.75, 0.75, 0.75, "~", "", "fraction"),
        ),
        ("Sales grew fourfold.", ("fourfold", 4, 4, 4, "=", "times", "multiple")),
        ("Cut a 3/4 inch board.", ("3/4 inch", 0.75, 0.75, 0.75, "=", "inch", "measure")),
        ("The bond pays 6 1/2%.", ("6 1/2%", 6.5, 6.5, 6.5, "=", "percent", "percent")),
    ],
)
def test_fractions_and_multiples(figures: Any, sentence: str, expected: Expected) -> None:
    _assert_figure(figures(sentence), expected)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Turnout fell 25% this spring.", ("25%", 25, 25, 25, "=", "percent", "percent")),
        ("Rents rose 4.5 per cent.", ("4.5 per cent", 4.5, 4.5, 4.5, "=", "percent", "percent")),
        ("Nearly 60 percent voted.", ("Nearly 60 percent", 60, 60, 60, "~", "percent", "percent")),
        (
            "The bank cut rates by 50 basis points.",
            ("50 basis points", 50, 50, 50, "=", "basis point", "percent"),
        ),
    ],
)
def test_percentages(figures: Any, sentence: str, expected: Expected) -> None:
    _assert_figure(figures(sentence), expected)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "The bridge cost $350 million.",
            ("$350 million", 350e6, 350e6, 350e6, "=", "USD", "money"),
        ),
        ("He paid US$12.50 for lunch.", ("US$12.50", 12.5, 12.5, 12.5, "=", "USD", "money")),
        ("The fine was €2,000.", ("€2,000", 2000, 2000, 2000, "=", "EUR", "money")),
        ("A ticket is £8.", ("£8", 8, 8, 8, "=", "GBP", "money")),
        (
            "The loan reached 40 billion roubles.",
            ("40 billion roubles", 40e9, 40e9, 40e9, "=", "RUB", "money"),
        ),
        ("Salaries average 900 manat.", ("900 manat", 900, 900, 900, "=", "AZN", "money")),
        ("The grant was USD 5 million.", ("USD 5 million", 5e6, 5e6, 5e6, "=", "USD", "money")),
        (
            "Imports totalled 3.2bn euros.",
            ("3.2bn euros", 3.2e9, 3.2e9, 3.2e9, "=", "EUR", "money"),
        ),
        ("A kilo of rice costs 12 yuan.", ("12 yuan", 12, 12, 12, "=", "CNY", "money")),
        (
            "The club spent 60 million pounds.",
            ("60 million pounds", 60e6, 60e6, 60e6, "=", "GBP", "money"),
        ),
        ("Bread went up 15 cents.", ("15 cents", 15, 15, 15, "=", "cent", "money")),
        ("The deficit hit $-4.2bn.", ("$-4.2bn", -4.2e9, -4.2e9, -4.2e9, "=", "USD", "money")),
    ],
)
def test_money(figures: Any, sentence: str, expected: Expected) -> None:
    _assert_figure(figures(sentence), expected)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "The hall seats between 5,000 and 7,000 fans.",
            ("5,000 and 7,000", 6000, 5000, 7000, "=", "fan", "count"),
        ),
        ("Each box holds 10-15 apples.", ("10-15", 12.5, 10, 15, "=", "apple", "count")),
        ("The trip takes 5 to 7 days.", ("5 to 7 days", 6, 5, 7, "=", "day", "duration")),
        (
            "Flats cost from $200,000 to $1.2 million.",
            ("$200,000 to $1.2 million", 700e3, 200e3, 1.2e6, "=", "USD", "money"),
        ),
        ("Bids ran $3 to $4 billion.", ("$3 to $4 billion", 3.5e9, 3e9, 4e9, "=", "USD", "money")),
        (
            "Inflation eased from 6.1 to 5.4 percent.",
            ("6.1 to 5.4 percent", 5.75, 5.4, 6.1, "=", "percent", "percent"),
        ),
        ("About 20-30 boats sank.", ("About 20-30", 25, 20, 30, "~", "boat", "count")),
        ("It weighs 2-3kg.", ("2-3kg", 2.5, 2, 3, "=", "kilogram", "measure")),
        ("Fares were up 5 to 8 percent.", ("5 to 8 percent", 6.5, 5, 8, "=", "percent", "percent")),
    ],
)
def test_ranges(figures: Any, sentence: str, expected: Expected) -> None:
    _assert_figure(figures(sentence), expected)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Almost 40 lorries waited.", ("Almost 40", 40, 40, 40, "~", "lorry", "count")),
        ("They walked about 12 miles.", ("about 12 miles", 12, 12, 12, "~", "mile", "measure")),
        ("Some 300 sheep escaped.", ("Some 300", 300, 300, 300, "~", "sheep", "count")),
        (
            "More than 80 flights were cancelled.",
            ("More than 80", 80, 80, 80, ">", "flight", "count"),
        ),
        (
            "The tower is over 90 metres tall.",
            ("over 90 metres", 90, 90, 90, ">", "metre", "measure"),
        ),
        ("At least 17 people were hurt.", ("At least 17", 17, 17, 17, ">=", "people", "count")),
        ("The hall holds up to 400 guests.", ("up to 400", 400, 400, 400, "<=", "guest", "count")),
        ("Fewer than 10 shops opened.", ("Fewer than 10", 10, 10, 10, "<", "shop", "count")),
        ("It costs less than $5.", ("less than $5", 5, 5, 5, "<", "USD", "money")),
        ("Anyone aged 65 or more qualifies.", ("65 or more", 65, 65, 65, ">=", "year", "age")),
    ],
)
def test_qualifiers(figures: Any, sentence: str, expected: Expected) -> None:
    _assert_figure(figures(sentence), expected)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "The siege lasted almost three decades.",
            ("almost three decades", 3, 3, 3, "~", "decade", "duration"),
        ),
        ("They met after a 44-day strike.", ("44-day", 44, 44, 44, "=", "day", "duration")),
        ("Talks took six weeks.", ("six weeks", 6, 6, 6, "=", "week", "duration")),
        ("The 72-year-old mayor resigned.", ("72-year-old", 72, 72, 72, "=", "year", "age")),
        ("Her son is 9 years old.", ("9 years old", 9, 9, 9, "=", "year", "age")),
        (
            "The car reached 180 km/h.",
            ("180 km/h", 180, 180, 180, "=", "kilometre per hour", "measure"),
        ),
        ("The lake covers 40 sq km.", ("40 sq km", 40, 40, 40, "=", "square kilometre", "measure")),
        (
            "It dipped to minus 12 degrees.",
            ("minus 12 degrees", -12, -12, -12, "=", "degree", "measure"),
        ),
        ("The engine makes 300 hp.", ("300 hp", 300, 300, 300, "=", "horsepower", "measure")),
    ],
)
def test_durations_ages_measures(figures: Any, sentence: str, expected: Expected) -> None:
    _assert_figure(figures(sentence), expected)


@pytest.mark.parametrize(
    ("sentence", "not_figures"),
    [
        ("The treaty was signed in 1994 and revised in 2006.", ["1994", "2006"]),
        ("The vote is on November 10, 2020.", ["10", "2020"]),
        ("They met on 4 April.", ["4"]),
        ("The council adopted Resolution 242.", ["242"]),
        ("Critics of the 22nd amendment protested.", ["22"]),
        ("The shop opens at 9 a.m. and closes at 5:30 pm.", ["9", "5", "30"]),
        ("Call 555-201-3344 for tickets.", ["555", "201", "3344"]),
        ("Fans queued for the iPhone 13 launch.", ["13"]),
        ("The report is dated 2021-04-05.", ["2021", "04", "05"]),
        ("The music of the 1980s returned.", ["1980"]),
        ("Everyone wants the same one.", ["one"]),
        ("Prices went up by No. 3 in the ranking.", ["3"]),
    ],
)
def test_not_figures(figures: Any, sentence: str, not_figures: list[str]) -> None:
    found = figures(sentence)
    spans = [(f["start"], f["end"]) for f in found]
    for text in not_figures:
        start = sentence.index(text)
        assert not any(s < start + len(text) and start < e for s, e in spans), (text, found)


@pytest.mark.parametrize(
    ("sentence", "texts"),
    [
        ("Copper rose $1.10 to $9.80 a pound.", ["$1.10", "$9.80"]),
        ("Output grew by 40 tonnes to 900 tonnes.", ["40 tonnes", "900 tonnes"]),
        ("The clinic is open 24/7 and has 3 doctors.", ["3"]),
        ("He joined in the 2018-19 season with 2 others.", ["2"]),
        ("For the year to Sept. 30 C$4.1 million was lost.", ["C$4.1 million"]),
        ("Trade reached dlrs 3 billion.", ["dlrs 3 billion"]),
        ('The sale ended on June 2 and he said "we sold 45".', ["45"]),
        ("Source: example.org/news?q=flood%20toll%2012%0A says 8 died.", ["8"]),
        ("Prices rose 5%-10% in 3 months.", ["5%-10%", "3 months"]),
    ],
)
def test_exact_texts(figures: Any, sentence: str, texts: list[str]) -> None:
    assert [f["text"] for f in figures(sentence)] == texts


def test_list_numbering_is_not_a_figure(figures: Any) -> None:
    text = "Steps:\n1. Open the lid.\n2. Add 3 cups of water."
    assert [f["text"] for f in figures(text)] == ["3"]


def test_offsets_index_the_text(figures: Any) -> None:
    text = "Officials said “about 1,200” homes – nearly 40% – lost power for 3 days."
    for figure in figures(text):
        assert text[figure["start"] : figure["end"]] == figure["text"]
        assert figure["low"] <= figure["value"] <= figure["high"]


@pytest.mark.parametrize(
    ("number", "huge"),
    [
        ("9" * 400, "9" * 400),
        ("1" + "0" * 320, "1" + "0" * 320),
        ("1" * 100_000, "1" * 100_000),
        (f"between 5 and {'8' * 400}", "8" * 400),
        ("9" * 307 + " billion", "9" * 307),
    ],
)
def test_a_number_too_large_for_a_float_is_no_figure(figures: Any, number: str, huge: str) -> None:
    text = f"The agency counted {number} cases and 12 deaths."
    found = figures(text)
    start = text.index(huge)
    assert [f["text"] for f in found][-1:] == ["12"]
    assert all(math.isfinite(f[key]) for f in found for key in ("value", "low", "high"))
    assert not [f for f in found if f["start"] < start + len(huge) and start < f["end"]]
