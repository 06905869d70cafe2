"""The claimx_agreements component and the agreements gazetteer, on text written for these tests."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from spacy.language import Language

from claimx.components.agreements import AgreementTagger
from claimx.components.agreements.mentions import Settings
from claimx.components.extensions import AGREEMENTS
from claimx.gazetteer import best_match, countries_in, load_agreements

Found = list[dict[str, Any]]
BEFORE_AGREEMENTS = ("claimx_entities", "claimx_dates", "claimx_figures")


@pytest.fixture(scope="module")
def parsed(annotate: Callable[..., Any]) -> Callable[..., Any]:
    """``parsed(text, published)`` -> the Doc after every component agreements read."""

    def run(text: str, published: str = "2023-03-10") -> Any:
        return annotate(text, published, only=BEFORE_AGREEMENTS)

    return run


@pytest.fixture(scope="module")
def agreements(nlp: Language, parsed: Callable[..., Any]) -> Callable[..., Found]:
    """``agreements(text, published)`` -> the records, mentions with their ``text``."""
    tagger = nlp.get_pipe("claimx_agreements")

    def run(text: str, published: str = "2023-03-10") -> Found:
        doc = tagger(parsed(text, published))
        return [
            {**a, "mentions": [text[m["start"] : m["end"]] for m in a["mentions"]]}
            for a in doc._.get(AGREEMENTS)
        ]

    return run


@pytest.mark.parametrize(
    ("sentence", "name", "type_", "date"),
    [
        (
            "The two governments signed the Treaty of Friendship in Tashkent on May 5, 2019.",
            "Treaty of Friendship",
            "treaty",
            "2019-05-05",
        ),
        (
            "The council adopted Resolution 2231 after long talks.",
            "Resolution 2231",
            "resolution",
            "",
        ),
        ("Both capitals still cite the Minsk agreements.", "Minsk agreements", "agreement", ""),
        ("The Paris Agreement entered into force quickly.", "Paris Agreement", "agreement", ""),
        (
            "The rebels and the army reached a peace deal on 2 February.",
            "peace deal",
            "peace agreement",
            "2023-02-02",
        ),
    ],
)
def test_found_by_name_or_description(
    agreements: Callable[..., Found], sentence: str, name: str, type_: str, date: str
) -> None:
    found = agreements(sentence)
    assert len(found) == 1, found
    assert (found[0]["name"], found[0]["type"], found[0]["date"]) == (name, type_, date)


def test_mentions_of_one_agreement_are_linked(agreements: Callable[..., Found]) -> None:
    text = (
        "A Turkish-brokered truce that Azerbaijan and Armenia signed on 4 March took effect "
        "at midnight. Shelling resumed in the north on Thursday. The truce was broken within "
        "hours, officials said."
    )
    found = agreements(text)
    assert len(found) == 1, found
    truce = found[0]
    assert truce["mentions"] == ["A Turkish-brokered truce", "The truce"]
    assert (truce["type"], truce["date"]) == ("ceasefire", "2023-03-04")
    assert truce["parties"] == ["Azerbaijan", "Armenia"]
    assert truce["mediators"] == ["Turkey"]


def test_same_date_links_a_name_and_a_description(agreements: Callable[..., Found]) -> None:
    text = (
        "Since the signing of the Joint Declaration by the leaders of Kyrgyzstan and Tajikistan "
        "on 7 September 2021, the border has been calm. A ceasefire deal signed on September 7 "
        "had ended the clashes."
    )
    found = agreements(text, "2021-09-20")
    assert len(found) == 1, found
    assert found[0]["name"] == "Joint Declaration"
    assert (found[0]["type"], found[0]["date"]) == ("ceasefire", "2021-09-07")
    assert found[0]["parties"] == ["Kyrgyzstan", "Tajikistan"]


def test_definite_descriptions_and_documents_link_back(agreements: Callable[..., Found]) -> None:
    text = (
        "Georgia and Armenia have signed a memorandum on rail transit. The document was signed "
        "in Tbilisi on June 12. Officials said the agreement would cut freight costs."
    )
    found = agreements(text, "2023-06-14")
    assert len(found) == 1, found
    assert found[0]["mentions"] == ["a memorandum", "The document", "the agreement"]
    assert (found[0]["type"], found[0]["date"]) == ("memorandum", "2023-06-12")
    assert found[0]["parties"] == ["Georgia", "Armenia"]


def test_year_and_glued_broker(agreements: Callable[..., Found]) -> None:
    text = (
        "Rebels cite the Tripoli accord. The 2011 peace deal, signed in Tripoli, ended the war. "
        "A separate U.N.-brokered truce held."
    )
    found = agreements(text, "2024-01-01")
    assert [(a["name"], a["type"], a["date"]) for a in found] == [
        ("Tripoli accord", "peace agreement", "2011"),
        ("separate U.N.-brokered truce", "ceasefire", ""),
    ]
    assert found[0]["parties"] == []  # the capital names the place, not a party


@pytest.mark.parametrize(
    ("text", "date"),
    [
        (
            "NDJAMENA - Chad accused Sudan on Wednesday of breaking the Doha ceasefire, which "
            "the two governments signed on January 12.",
            "2023-01-12",
        ),
        (
            "Farmers protested against the grain pact that both capitals reached on Feb. 3, "
            "saying prices had collapsed.",
            "2023-02-03",
        ),
        ("Officials praised the water accord, which will be signed on March 30.", ""),
    ],
)
def test_date_from_a_signing_relative_clause(
    agreements: Callable[..., Found], text: str, date: str
) -> None:
    [found] = agreements(text)
    assert found["date"] == date


def test_bare_definite_without_antecedent_is_not_a_record(
    agreements: Callable[..., Found],
) -> None:
    assert agreements("Officials said the agreement would cut freight costs.") == []


@pytest.mark.parametrize(
    "sentence",
    [
        "The ministry said the attack broke international humanitarian law.",
        "Both sides must respect international laws, the envoy said.",
        "Today marks the International Day of Peace.",
        "The ministry issued a statement on Monday.",
        "Officials are in agreement that the road must reopen.",
        "He took a plea deal last year.",
        "The BWH statement said the doctor was stable.",
        "Pennsylvania laws limit such sales.",
    ],
)
def test_not_agreements(agreements: Callable[..., Found], sentence: str) -> None:
    assert agreements(sentence) == []


PAX_CSV = (
    "AgtId,Agt,Dat,Con,Stage,StageSub,Agtp,Part,ThrdPart,Loc1ISO,Loc2ISO,Status\n"
    '11,"Statement by the leaders of Azerbaijan and Armenia",2023-03-04,Armenia/Azerbaijan,'
    'Cea,Ceas,Inter,"President of the Republic of Azerbaijan\nPrime Minister of the Republic'
    ' of Armenia",President of Turkey,ARM,AZE,signed\n'
    "12,Protocol on trade between Armenia and Georgia,2023-03-04,Armenia/Georgia,SubPar,,"
    "Inter,Armenia; Georgia,,ARM,GEO,signed\n"
    "13,Agreement on water sharing,2019-05-05,Kyrgyzstan/Tajikistan,Imp,,Inter,"
    "Kyrgyzstan; Tajikistan,,KGZ,TJK,signed\n"
)

GENERIC_CSV = """id,name,date,parties,type,mediators
g1,Treaty of Friendship,2019-05-05,Uzbekistan; Kazakhstan,treaty,
g2,Joint Declaration on Border Peace,2021-09-07,Kyrgyzstan|Tajikistan,statement,Russia
"""


@pytest.fixture
def pax(tmp_path: Path) -> Path:
    path = tmp_path / "pax.csv"
    path.write_text(PAX_CSV, encoding="utf-8")
    return path


@pytest.fixture
def generic(tmp_path: Path) -> Path:
    path = tmp_path / "known.csv"
    path.write_text(GENERIC_CSV, encoding="utf-8")
    return path


def test_load_pax_layout(pax: Path) -> None:
    known = load_agreements(pax)
    assert [k.id for k in known] == ["11", "12", "13"]
    assert known[0].type == "ceasefire"
    assert set(known[0].parties) == {"Armenia", "Azerbaijan"}
    assert known[0].mediators == ("Turkey",)


def test_load_generic_layout(generic: Path) -> None:
    known = load_agreements(generic)
    assert known[1].parties == ("Kyrgyzstan", "Tajikistan")
    assert (known[1].type, known[1].mediators) == ("statement", ("Russia",))


def test_load_rejects_unknown_columns(tmp_path: Path) -> None:
    path = tmp_path / "other.csv"
    path.write_text("title,when\nx,y\n", encoding="utf-8")
    with pytest.raises(ValueError, match="expected PA-X columns"):
        load_agreements(path)


def test_countries_in_free_text() -> None:
    assert countries_in("President of the Russian Federation; Republic of Armenia") == (
        "Russia",
        "Armenia",
    )


@pytest.mark.parametrize(
    ("agreement", "expected"),
    [
        # same day as two rows: the parties and the type decide
        (
            {
                "name": "truce",
                "type": "ceasefire",
                "date": "2023-03-04",
                "parties": ["Azerbaijan", "Armenia"],
                "mediators": ["Turkey"],
            },
            "11",
        ),
        # no date: the name carries it
        (
            {
                "name": "water sharing agreement",
                "type": "agreement",
                "date": "",
                "parties": [],
                "mediators": [],
            },
            "13",
        ),
        # nothing in common
        (
            {
                "name": "Paris Agreement",
                "type": "agreement",
                "date": "2015-12-12",
                "parties": ["France"],
                "mediators": [],
            },
            None,
        ),
    ],
)
def test_best_match(pax: Path, agreement: dict[str, Any], expected: str | None) -> None:
    match = best_match(agreement, load_agreements(pax))
    assert (match.id if match else None) == expected


def test_a_missing_upstream_component_is_named(nlp: Language, annotate: Callable[..., Any]) -> None:
    doc = annotate("The two sides signed a ceasefire on Monday.", only=("claimx_entities",))
    with pytest.raises(ValueError, match="claimx_agreements needs claimx_dates"):
        nlp.get_pipe("claimx_agreements")(doc)


def test_the_link_threshold_is_a_setting(nlp: Language, parsed: Callable[..., Any]) -> None:
    doc = parsed("Leaders signed the Treaty of Lisbon in December 2007.")
    default = nlp.get_pipe("claimx_agreements")
    assert [r.get("gazetteer_id") for r in default(doc)._.get(AGREEMENTS)] == ["treaty-of-lisbon"]
    strict = AgreementTagger(nlp, "strict", settings=Settings(min_score=100.0))
    assert [r.get("gazetteer_id") for r in strict(doc)._.get(AGREEMENTS)] == [None]


def test_component_with_gazetteer(nlp: Language, parsed: Callable[..., Any], generic: Path) -> None:
    tagger = AgreementTagger(nlp, "claimx_agreements", gazetteer=str(generic))
    text = "The two governments signed the Treaty of Friendship in Tashkent on May 5, 2019."
    (record,) = tagger(parsed(text))._.get(AGREEMENTS)
    assert (record["gazetteer_id"], record["canonical_name"]) == ("g1", "Treaty of Friendship")


# -- descriptions, names and fields on wire-style copy ---------------------------------


def test_pact_with_subject_and_parties(agreements: Callable[..., Found]) -> None:
    text = (
        "Kenya denied breaking a pact with Uganda on fishing rights in Lake Victoria, "
        "officials said on Tuesday. The pact was meant to end years of disputes."
    )
    (pact,) = agreements(text)
    assert pact["name"].startswith("Kenya-Uganda pact on fishing rights"), pact
    assert pact["parties"] == ["Kenya", "Uganda"]
    assert pact["mentions"] == ["a pact", "The pact"]


def test_resolution_stated_by_a_body(agreements: Callable[..., Found]) -> None:
    text = (
        "The European Parliament last week called on member states in a non-binding "
        "resolution to suspend arms sales."
    )
    (resolution,) = agreements(text, "2023-03-10")
    assert resolution["type"] == "resolution"
    assert resolution["name"].startswith("European Parliament non-binding resolution")
    assert resolution["parties"] == ["European Parliament"]
    assert resolution["date"] == "2023-03"  # "last week", as a month: a week is no date field


def test_wire_line_break_and_organisation(agreements: Callable[..., Found]) -> None:
    text = (
        "The oil minister reaffirmed the kingdom's support for the OPEC\n"
        "accord to curb output. He said every member would stick to the pricing agreement."
    )
    (accord,) = agreements(text, "2023-03-10")
    assert (accord["name"], accord["parties"]) == ("OPEC accord", ["OPEC"])
    assert len(accord["mentions"]) == 2


def test_age_gives_the_month(agreements: Callable[..., Found]) -> None:
    (truce,) = agreements("The eight-month-old truce between Chad and Sudan is fraying.")
    assert (truce["type"], truce["date"]) == ("ceasefire", "2022-07")
    assert truce["parties"] == ["Chad", "Sudan"]


def test_a_new_accord_is_not_the_old_one(agreements: Callable[..., Found]) -> None:
    text = (
        "The loans are covered by a standstill agreement that expires in June. Under the new "
        "accord, the standstill will be extended for three years. Bankers said the agreement "
        "would be signed next week."
    )
    found = agreements(text)
    assert [a["mentions"] for a in found] == [
        ["a standstill agreement"],
        ["the new accord", "the agreement"],
    ]
    assert found[1]["date"] == ""  # next week's signing has not happened yet


def test_a_new_pact_refers_back_only_to_a_new_one(agreements: Callable[..., Found]) -> None:
    text = (
        "Delegates agreed on the outline of a new International Cocoa Agreement in Geneva. "
        "If a new pact is adopted this week, prices will firm."
    )
    (cocoa,) = agreements(text)
    assert cocoa["name"] == "International Cocoa Agreement"
    assert cocoa["mentions"] == ["International Cocoa Agreement", "a new pact"]
    assert cocoa["date"] == ""  # "if ... adopted this week" is not when it was made
    assert agreements("If a new pact is adopted this week, prices will firm.") == []


def test_sides_named_by_common_nouns(agreements: Callable[..., Found]) -> None:
    text = "Officials welcomed the framework accord reached between growers and millers on sugar."
    (accord,) = agreements(text)
    assert accord["parties"] == ["growers", "millers"]
    assert "on sugar" in accord["name"]


def test_place_names_an_agreement_without_parties(agreements: Callable[..., Found]) -> None:
    text = "Traders welcomed the outline accord reached on Saturday in Nairobi on grain exports."
    (accord,) = agreements(text)
    assert accord["name"] == "Nairobi outline accord on grain exports"
    assert (accord["date"], accord["parties"]) == ("2023-03-04", [])


def test_law_when_passed_with_its_subject(agreements: Callable[..., Found]) -> None:
    text = (
        "Georgia's parliament on Thursday approved a law capping rents for students. "
        "Critics said the law came too late."
    )
    (law,) = agreements(text, "2023-03-10")
    assert law["name"] == "Georgia law capping rents for students"
    assert (law["type"], law["date"], law["parties"]) == ("law", "2023-03-09", ["Georgia"])
    assert law["mentions"] == ["a law", "the law"]


def test_leaders_stand_for_their_countries(agreements: Callable[..., Found]) -> None:
    text = (
        "Chilean President Gabriel Boric and Argentine President Alberto Fernandez signed "
        "a cooperation agreement on lithium mining on Monday."
    )
    (deal,) = agreements(text, "2023-03-10")
    assert deal["parties"] == ["Chile", "Argentina"]
    assert deal["date"] == "2023-03-06"


def test_a_ceasefire_called_by_a_group(agreements: Callable[..., Found]) -> None:
    text = (
        "Hamas and Israel traded fire for a week. By Friday, the group felt strong enough "
        "to call a ceasefire. The ceasefire collapsed two days later."
    )
    (ceasefire,) = agreements(text, "2023-03-10")
    assert ceasefire["mentions"] == ["a ceasefire", "The ceasefire"]
    assert ceasefire["date"] == "2023-03-10"


@pytest.mark.parametrize(
    ("text", "parties", "mediators"),
    [
        (
            "Kyrgyzstan and Tajikistan signed a border protocol on Friday with the mediation "
            "of Kazakhstan.",
            ["Kyrgyzstan", "Tajikistan"],
            ["Kazakhstan"],
        ),
        (
            "Armenia and Azerbaijan signed a truce on Friday with Russia and Turkey as guarantors.",
            ["Armenia", "Azerbaijan"],
            ["Russia", "Turkey"],
        ),
        (
            "Ethiopia and Eritrea signed a peace deal brokered by Saudi Arabia on Friday.",
            ["Ethiopia", "Eritrea"],
            ["Saudi Arabia"],
        ),
    ],
)
def test_mediators_and_guarantors(
    agreements: Callable[..., Found], text: str, parties: list[str], mediators: list[str]
) -> None:
    (agreement,) = agreements(text)
    assert (agreement["parties"], agreement["mediators"]) == (parties, mediators)
    assert agreement["date"] == "2023-03-10"


def test_law_named_with_a_lower_case_head(agreements: Callable[..., Found]) -> None:
    text = "The court said the fund was not a company within the meaning of the U.K. Charities act."
    (law,) = agreements(text)
    assert (law["name"], law["type"], law["parties"]) == (
        "U.K. Charities act",
        "law",
        ["United Kingdom"],
    )


@pytest.mark.parametrize(
    "sentence",
    [
        "Dutch voters dealt a blow to the government on Sunday.",
        "She called the agreement a historic step forward.",
        "The ministry issued a statement on Monday.",
        "Amnesty International said the detainees were beaten.",
    ],
)
def test_not_new_agreements(agreements: Callable[..., Found], sentence: str) -> None:
    assert agreements(sentence) == []
