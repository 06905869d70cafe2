"""TIMEX3 value arithmetic: anchoring, tense, weeks, quarters, durations, named days."""

from __future__ import annotations

from datetime import date

import pytest

from claimx.normalize import timex

ANCHOR = date(2021, 4, 5)  # a Monday


@pytest.mark.parametrize(
    ("published", "expected"),
    [
        ("2021-04-05", date(2021, 4, 5)),
        ("1998-02-13T14:26:00", date(1998, 2, 13)),
        ("", None),
        ("April 2021", None),
    ],
)
def test_parse_anchor(published: str, expected: date | None) -> None:
    assert timex.parse_anchor(published) == expected


@pytest.mark.parametrize(
    ("month", "day", "tense", "expected"),
    [
        (11, 10, "past", "2020-11-10"),
        (11, 10, "future", "2021-11-10"),
        (4, 4, "past", "2021-04-04"),
        (4, 4, "future", "2022-04-04"),
        (4, 20, "", "2021-04-20"),
        (12, 20, "", "2020-12-20"),
        (2, 29, "future", "2022-02-28"),
        (4, 12, "past", "2021-04-12"),  # days after the anchor stay in its year
        (5, 20, "past", "2020-05-20"),
    ],
)
def test_month_day_year_by_tense(month: int, day: int, tense: str, expected: str) -> None:
    assert timex.month_day(ANCHOR, month, day, tense) == expected


@pytest.mark.parametrize(
    ("month", "tense", "expected"),
    [(10, "past", "2020-10"), (10, "future", "2021-10"), (6, "", "2021-06"), (11, "", "2020-11")],
)
def test_month_only(month: int, tense: str, expected: str) -> None:
    assert timex.month_only(ANCHOR, month, tense) == expected


@pytest.mark.parametrize(
    ("iso_day", "tense", "relative", "expected"),
    [
        (5, "past", "", "2021-04-02"),
        (5, "future", "", "2021-04-09"),
        (1, "past", "", "2021-04-05"),
        (1, "", "last", "2021-03-29"),
        (1, "", "next", "2021-04-12"),
        (7, "", "this", "2021-04-11"),
    ],
)
def test_weekday(iso_day: int, tense: str, relative: str, expected: str) -> None:
    assert timex.weekday(ANCHOR, iso_day, tense, relative) == expected


@pytest.mark.parametrize(
    ("unit", "n", "expected"),
    [
        ("D", -1, "2021-04-04"),
        ("W", -1, "2021-W13"),
        ("W", 0, "2021-W14"),
        ("M", -1, "2021-03"),
        ("M", -4, "2020-12"),
        ("Q", -1, "2021-Q1"),
        ("Y", -2, "2019"),
        ("DE", 0, "202"),
        ("CE", 0, "20"),
        ("WE", 0, "2021-W14-WE"),
    ],
)
def test_shift(unit: str, n: int, expected: str) -> None:
    assert timex.shift(ANCHOR, unit, n) == expected


@pytest.mark.parametrize(
    ("value", "years", "expected"),
    [
        ("1989-Q3", -1, "1988-Q3"),
        ("2020-02-29", -1, "2019-02-28"),
        ("2005", 1, "2006"),
        ("PAST_REF", 1, "PAST_REF"),
    ],
)
def test_shift_value(value: str, years: int, expected: str) -> None:
    assert timex.shift_value(value, years) == expected


@pytest.mark.parametrize(
    ("amount", "unit", "expected"),
    [
        (44, "D", "P44D"),
        (6, "W", "P6W"),
        (3, "DE", "P3DE"),
        (30, "Y", "P30Y"),
        (5, "H", "PT5H"),
        (10, "TM", "PT10M"),
        (2.5, "Y", "P2Y6M"),
        (0.5, "H", "PT30M"),
        (1.5, "D", "P1DT12H"),
        ("X", "Y", "PXY"),
    ],
)
def test_duration(amount: float | str, unit: str, expected: str) -> None:
    assert timex.duration(amount, unit) == expected


def test_decade_and_century() -> None:
    assert timex.decade("1990") == "199"
    assert timex.century(20) == "19"
    assert timex.century(11) == "10"


@pytest.mark.parametrize(
    ("anchor", "code", "relative", "tense", "expected"),
    [
        (date(1998, 1, 8), "FA", "last", "", "1997-FA"),
        (date(2021, 10, 5), "FA", "last", "", "2020-FA"),
        (ANCHOR, "SU", "last", "", "2020-SU"),
        (ANCHOR, "SU", "this", "", "2021-SU"),
        (ANCHOR, "WI", "next", "", "2021-WI"),
    ],
)
def test_season(anchor: date, code: str, relative: str, tense: str, expected: str) -> None:
    assert timex.season(anchor, code, relative, tense) == expected


@pytest.mark.parametrize(
    ("number", "tense", "expected"),
    [(1, "past", "2021-Q1"), (3, "past", "2020-Q3"), (3, "future", "2021-Q3"), (2, "", "2021-Q2")],
)
def test_quarter(number: int, tense: str, expected: str) -> None:
    assert timex.quarter(ANCHOR, number, tense) == expected


@pytest.mark.parametrize(
    ("rule", "year", "expected"),
    [
        ({"date": "12-25"}, 2020, date(2020, 12, 25)),
        ({"nth_weekday": [11, 4, 4]}, 2021, date(2021, 11, 25)),
        ({"nth_weekday": [5, -1, 1]}, 2021, date(2021, 5, 31)),
        ({"easter": 0}, 2021, date(2021, 4, 4)),
        ({"easter": -2}, 2024, date(2024, 3, 29)),
    ],
)
def test_holiday(rule: dict, year: int, expected: date) -> None:
    assert timex.holiday(rule, year) == expected


@pytest.mark.parametrize(
    ("tense", "expected"),
    [("past", date(2020, 12, 25)), ("future", date(2021, 12, 25)), ("", date(2020, 12, 25))],
)
def test_nearest_occurrence(tense: str, expected: date) -> None:
    assert timex.nearest_occurrence(ANCHOR, {"date": "12-25"}, tense) == expected
