"""Number, currency, unit and qualifier parsing."""

from __future__ import annotations

import pytest

from claimx.normalize.money import currency_after, currency_before
from claimx.normalize.numbers import fraction_value, parse_digits, parse_number, vague_range
from claimx.normalize.units import qualifier_after, qualifier_before, unit_after


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("7", 7.0),
        ("1,250.5", 1250.5),
        ("-3.5", -3.5),
        (".75", 0.75),
        ("12,000,000", 12_000_000.0),
        ("1,2345", None),
        ("12a", None),
        ("", None),
    ],
)
def test_parse_digits(text: str, value: float | None) -> None:
    assert parse_digits(text) == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("eleven", 11.0),
        ("forty-two", 42.0),
        ("Ninety Nine", 99.0),
        ("one hundred and seven", 107.0),
        ("three thousand four hundred", 3400.0),
        ("a dozen", 12.0),
        ("a hundred", 100.0),
        ("a million", 1_000_000.0),
        ("two and a half", 2.5),
        ("half a million", 500_000.0),
        ("3.2 million", 3_200_000.0),
        ("6 bn", 6_000_000_000.0),
        ("40k", 40_000.0),
        ("1.5m", 1_500_000.0),
        ("2 trillion", 2_000_000_000_000.0),
        ("three-quarters", 0.75),
        ("a fifth", 0.2),
        ("five and six", None),
        ("m", None),
        ("several", None),
        ("blue", None),
    ],
)
def test_parse_number(text: str, value: float | None) -> None:
    result = parse_number(text)
    assert result == (None if value is None else pytest.approx(value))


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("half", 0.5),
        ("one-third", 1 / 3),
        ("two fifths", 0.4),
        ("a quarter", 0.25),
        ("third", None),
    ],
)
def test_fraction_value(text: str, value: float | None) -> None:
    assert fraction_value(text) == (None if value is None else pytest.approx(value))


@pytest.mark.parametrize(
    ("text", "bounds"),
    [
        ("dozens", (12.0, 120.0)),
        ("hundreds", (100.0, 1000.0)),
        ("thousands", (1000.0, 10_000.0)),
        ("tens of thousands", (10_000.0, 100_000.0)),
        ("hundreds of thousands", (100_000.0, 1_000_000.0)),
        ("millions", (1e6, 1e7)),
        ("several hundred", (100.0, 1000.0)),
        ("a few million", (1e6, 1e7)),
        ("many", None),
    ],
)
def test_vague_range(text: str, bounds: tuple[float, float] | None) -> None:
    assert vague_range(text) == bounds


@pytest.mark.parametrize(
    ("before", "code"),
    [
        ("paid $", "USD"),
        ("paid US$", "USD"),
        ("cost €", "EUR"),
        ("worth £", "GBP"),
        ("raised HK$", "HKD"),
        ("fined AZN ", "AZN"),
        ("a loan of RUB ", "RUB"),
        ("paid ₹", "INR"),
        ("the FORM", None),
    ],
)
def test_currency_before(before: str, code: str | None) -> None:
    found = currency_before(before)
    assert (found[1] if found else None) == code


@pytest.mark.parametrize(
    ("after", "code"),
    [
        (" dollars in cash", "USD"),
        (" euros", "EUR"),
        (" roubles.", "RUB"),
        (" manat to", "AZN"),
        (" Chinese yuan each", "CNY"),
        (" pounds sterling", "GBP"),
        (" cents a litre", "cent"),
        (" dollhouses", None),
    ],
)
def test_currency_after(after: str, code: str | None) -> None:
    found = currency_after(after)
    assert (found[1] if found else None) == code


@pytest.mark.parametrize(
    ("after", "unit", "kind"),
    [
        ("% of", "percent", "percent"),
        (" per cent", "percent", "percent"),
        (" km/h", "kilometre per hour", "measure"),
        ("-day visit", "day", "duration"),
        (" decades", "decade", "duration"),
        ("-year-old girl", "year", "age"),
        (" square feet", "square foot", "measure"),
        ("kg bag", "kilogram", "measure"),
        (" mice", None, None),
    ],
)
def test_unit_after(after: str, unit: str | None, kind: str | None) -> None:
    found = unit_after(after)
    assert (found[1:] if found else (None, None)) == (unit, kind)


@pytest.mark.parametrize(
    ("before", "qualifier"),
    [
        ("the bill came to about ", "~"),
        ("Nearly ", "~"),
        ("more than ", ">"),
        ("well over ", ">"),
        ("at least ", ">="),
        ("up to ", "<="),
        ("fewer than ", "<"),
        ("sub-", "<"),
        ("a hangover ", None),
    ],
)
def test_qualifier_before(before: str, qualifier: str | None) -> None:
    found = qualifier_before(before)
    assert (found[1] if found else None) == qualifier


def test_qualifier_after() -> None:
    assert qualifier_after(" or more were") == (8, ">=")
    assert qualifier_after(" people") is None
