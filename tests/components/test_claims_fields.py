"""claimx_claims: the fields of a claim (role, affiliation, channel, date), speaker choice,
statements versus passives, and bad quotation input."""

from __future__ import annotations

from typing import Any

import pytest
from spacy.language import Language
from test_claims import claims_of  # tests/components is on pytest's pythonpath


def said(claims: list[dict[str, Any]], content_start: str) -> dict[str, Any]:
    """The one claim whose content starts with ``content_start``."""
    found = [c for c in claims if c["content"]["text"].startswith(content_start)]
    assert len(found) == 1, [c["content"]["text"] for c in claims]
    return found[0]


@pytest.mark.parametrize(
    ("text", "name", "role", "affiliation"),
    [
        (
            "Saudi Arabian Oil Minister Khalid Nasser said output would stay flat.",
            "Khalid Nasser",
            "Oil Minister",
            "Saudi Arabia",
        ),
        (
            "Kuwait's Oil Minister, Sheikh Ahmad al-Fahd, said there were no plans for a meeting.",
            "Ahmad al-Fahd",
            "Oil Minister",
            "Kuwait",
        ),
        (
            "A spokeswoman for the UN mission, Lena Ortiz, said the convoy was safe.",
            "Lena Ortiz",
            "spokeswoman",
            "UN mission",
        ),
        (
            "Regional governor Petro Lysenko said two people were killed in the strike.",
            "Petro Lysenko",
            "Regional governor",
            "",
        ),
        (
            "Germany's hostage coordinator, Tomas Brenner, said talks with the kidnappers were "
            "continuing.",
            "Tomas Brenner",
            "hostage coordinator",
            "Germany",
        ),
        (
            "A senior U.S. official said the proposal was unworkable.",
            "A senior U.S. official",
            "senior official",
            "United States",
        ),
        ("The Indian government said the militants came from abroad.", "", "", "India"),
        ("Iraq said its forces had repelled the attack.", "Iraq", "", "Iraq"),
    ],
    ids=[
        "title-before-name",
        "possessive-title-apposition",
        "spokeswoman-for",
        "lower-case-title",
        "country-possessive",
        "vague-official",
        "institution",
        "country-speaks",
    ],
)
def test_role_and_affiliation(
    nlp: Language, text: str, name: str, role: str, affiliation: str
) -> None:
    (claim,) = claims_of(nlp, text)
    speaker = claim["speaker"]
    if name:
        assert speaker["name"] == name
    assert speaker["role"] == role
    assert speaker["affiliation"] == affiliation


def test_role_from_an_earlier_mention(nlp: Language) -> None:
    text = (
        "Foreign Secretary Perfecto Ramos met officials in Washington on Monday. "
        "Ramos said the alliance remained strong."
    )
    claim = said(claims_of(nlp, text), "the alliance")
    assert claim["speaker"]["name"] == "Perfecto Ramos"
    assert claim["speaker"]["role"] == "Foreign Secretary"


@pytest.mark.parametrize(
    ("text", "channel"),
    [
        ("The company said in a statement that its staff would return on Monday.", "statement"),
        (
            "Speaking at a press conference in Kyiv, the minister said the shelling stopped.",
            "press conference",
        ),
        (
            "A spokeswoman for the mission told Reuters that the convoy had reached the city.",
            "Reuters",
        ),
        ('"The ceasefire must hold," Lysenko wrote on Telegram.', "Telegram"),
        (
            '"We will rebuild," the mayor said in an interview with Reuters.',
            "interview with Reuters",
        ),
        ("The minister said the roads would reopen by Friday.", ""),
    ],
    ids=["statement", "press-conference", "told-outlet", "platform", "interview", "none"],
)
def test_channel(nlp: Language, text: str, channel: str) -> None:
    claims = claims_of(nlp, text)
    assert len(claims) == 1
    assert claims[0]["channel"] == channel


def test_quote_split_around_a_statement_frame_keeps_its_channel(nlp: Language) -> None:
    text = (
        '"We have seen real progress," Labor Secretary Anna Kovacs said in a statement, '
        '"and both sides have shown good faith."'
    )
    (claim,) = claims_of(nlp, text)
    assert claim["kind"] == "direct"
    assert claim["channel"] == "statement"
    assert "Secretary" in claim["speaker"]["role"]


def test_date_of_the_statement_not_the_publication(nlp: Language) -> None:
    claims = claims_of(
        nlp,
        "The ministry said on Tuesday that 12 soldiers were wounded. "
        "The minister said the army would respond.",
        published="2024-03-07",
    )
    assert said(claims, "12 soldiers")["date"] == "2024-03-05"
    assert said(claims, "the army")["date"] == ""


def test_he_after_an_agency_is_the_minister_it_reported(nlp: Language) -> None:
    text = (
        "Energy Minister Omar Haddad reaffirmed the kingdom's support for the accord, the "
        "official news agency SNA said. He said all members wanted to keep to the quotas."
    )
    claim = said(claims_of(nlp, text), "all members")
    assert claim["speaker"]["text"] == "He"
    assert claim["speaker"]["name"] == "Omar Haddad"


def test_he_is_never_a_country(nlp: Language) -> None:
    text = (
        "Jonas Berg, the speaker of parliament, warned of reprisals. Sweden said on Friday "
        'that its ships were ready. "We will not be intimidated," he said.'
    )
    claim = said(claims_of(nlp, text), "We will not")
    assert claim["speaker"]["name"] == "Jonas Berg"


@pytest.mark.parametrize(
    "text",
    [
        "The suspect is expected to appear in court on Monday.",
        "Two men were charged with arson after the fire.",
        "The group is believed to have planted the device.",
    ],
    ids=["expected-to", "charged-with", "believed-to"],
)
def test_passive_without_a_source_is_no_claim(nlp: Language, text: str) -> None:
    assert claims_of(nlp, text) == []


@pytest.mark.parametrize(
    ("text", "attributed"),
    [
        ('He said "the talks failed. \'They never began," she added» and left.', True),
        ("«Nous restons, » said the mayor. “We stay,\" he said. ''Never,” she said.", False),
        ('The minister said: "We will stay until the end\n\nand the town will be rebuilt.', True),
        ('“\n\n”\n\n"\n\n“”\n\nThe minister said the town would be rebuilt.', True),
        ('"She told me: \'He said "no" to them\' twice," the aide said.', True),
        (
            '"' + "The shelling went on all night and the town burned.\n" * 300 + "Nothing was "
            'left," he said.',
            True,
        ),
    ],
    ids=["unbalanced", "mixed-marks", "never-closes", "only-marks", "nested", "300-lines"],
)
def test_bad_quotations_give_claims_not_errors(nlp: Language, text: str, attributed: bool) -> None:
    claims = claims_of(nlp, text)
    for claim in claims:
        start, end = claim["content"]["start"], claim["content"]["end"]
        assert 0 <= start < end <= len(text)
    if attributed:
        assert any(c["cue"]["text"] in ("said", "added") for c in claims)


def test_guillemets_pair_as_quotation_marks() -> None:
    from claimx.components.attribution.quotes import quote_spans

    text = "«Nous restons», a dit le maire. «Toujours.»"
    assert [text[s:e] for s, e in quote_spans(text)] == ["Nous restons", "Toujours."]


def test_surname_alone_is_the_person_named_before(nlp: Language) -> None:
    text = (
        "“Terrorism is a war crime,” said diplomat Mira Kapoor. Officials in the capital "
        "welcomed the remarks. Kapoor said the country would respond. She also noted that "
        "the talks were over."
    )
    claims = claims_of(nlp, text)
    assert said(claims, "the country")["speaker"]["name"] == "Mira Kapoor"
    assert said(claims, "the talks")["speaker"]["name"] == "Mira Kapoor"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "The official news agency quoted the minister as saying that the border would stay "
            "closed.",
            "the minister",
        ),
        ("Haddad was quoted by the agency as saying the quotas would hold.", "Haddad"),
    ],
    ids=["active", "passive"],
)
def test_quoted_as_saying_names_the_one_quoted(nlp: Language, text: str, speaker: str) -> None:
    (claim,) = claims_of(nlp, text)
    assert claim["cue"]["text"] == "saying"
    assert claim["speaker"]["text"] == speaker
