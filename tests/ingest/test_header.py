"""Metadata read from the first lines of plain-text articles."""

from __future__ import annotations

import pytest

from claimx.ingest import Header, parse_header


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            " date 2023-06-14 By Caspian Daily\n\n\n\nBy Leyla Mammadova\n\nBAKU - Officials said.",
            Header(published="2023-06-14", source="Caspian Daily", author="Leyla Mammadova"),
        ),
        (
            "By Tomas Reyes, Metro Wire\nPublished: 2022-01-09\n\nThe council voted on Monday.",
            Header(published="2022-01-09", source="Metro Wire", author="Tomas Reyes"),
        ),
        (
            "KHARKIV, Ukraine, March 3 (Reuters) - Shelling hit the city overnight.",
            Header(published="", source="Reuters", author=""),
        ),
        (
            "Ankara, Feb 11, 2025 (AFP) - The death toll rose to 17.",
            Header(published="", source="AFP", author=""),
        ),
        (
            "date 2020-02-01T08:30:00Z\nBy Anna de Vries\n\nText of the story.",
            Header(published="2020-02-01", source="", author="Anna de Vries"),
        ),
        ("The minister said the talks would resume by spring.", Header()),
    ],
)
def test_parse_header(text: str, expected: Header) -> None:
    assert parse_header(text) == expected


def test_byline_deep_in_the_body_is_ignored() -> None:
    body = "\n".join(f"Paragraph {n} of the story." for n in range(20))
    assert parse_header(body + "\nBy Late Author\n").author == ""
