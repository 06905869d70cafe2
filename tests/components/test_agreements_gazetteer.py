"""Linking cited agreements to the built-in gazetteer and a user's list, on text written here."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from spacy.language import Language
from typer.testing import CliRunner

import claimx.gazetteer as gazetteer
from claimx.cli import app
from claimx.components.agreements import AgreementTagger
from claimx.components.extensions import AGREEMENTS
from claimx.gazetteer import (
    Gazetteer,
    GazetteerError,
    KnownAgreement,
    load_agreements,
    load_builtin,
)
from claimx.resources import load_json

BEFORE_AGREEMENTS = ("claimx_entities", "claimx_dates", "claimx_figures")
#: Entries the shipped gazetteer is guaranteed to hold, with the facts tests rely on.
GUARANTEED = {
    "trilateral-statement-2020": "2020-11-10",
    "unsc-resolution-2231": "2015-07-20",
    "good-friday-agreement": "1998-04-10",
    "paris-agreement": "2015-12-12",
    "treaty-of-lisbon": "2007-12-13",
    "jcpoa": "2015-07-14",
    "new-start": "2010-04-08",
    "minsk-ii": "2015-02-12",
}


@pytest.fixture(scope="module")
def linked(nlp: Language, annotate: Callable[..., Any]) -> Callable[..., list[dict[str, Any]]]:
    """``linked(text, published)`` -> the agreement records, linked to the built-in gazetteer."""
    tagger = nlp.get_pipe("claimx_agreements")

    def run(text: str, published: str) -> list[dict[str, Any]]:
        doc = tagger(annotate(text, published, only=BEFORE_AGREEMENTS))
        return doc._.get(AGREEMENTS)

    return run


def test_builtin_holds_the_guaranteed_entries() -> None:
    known = {entry.id: entry for entry in load_builtin()}
    assert {i: known[i].date for i in GUARANTEED} == GUARANTEED
    assert "Paris climate accord" in known["paris-agreement"].aliases


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        (
            "Both leaders said they would honour the Trilateral Statement signed on "
            "November 10, 2020, which ended the fighting.",
            "2021-05-02",
            "trilateral-statement-2020",
        ),
        ("Ministers met to revive the Paris climate accord.", "2019-06-01", "paris-agreement"),
        (
            "Diplomats recalled THE LISBON-TREATY, as its critics call it.",
            "2012-02-02",
            "treaty-of-lisbon",
        ),
        (
            "Tehran said the U.N. Security Council resolution 2231 still binds Washington.",
            "2019-06-01",
            "unsc-resolution-2231",
        ),
    ],
)
def test_cited_agreements_link(
    linked: Callable[..., list[dict[str, Any]]], text: str, published: str, expected: str
) -> None:
    records = linked(text, published)
    assert [r["gazetteer_id"] for r in records] == [expected], records
    assert records[0]["canonical_name"]


def test_no_link_to_an_agreement_made_after_the_article(
    linked: Callable[..., list[dict[str, Any]]],
) -> None:
    text = "Finance ministers pledged to support the Paris accord on exchange rates."
    (record,) = linked(text, "1987-04-01")
    assert "gazetteer_id" not in record


def test_no_link_for_a_bare_deal(linked: Callable[..., list[dict[str, Any]]]) -> None:
    text = (
        "Iran signed a deal with six world powers. Officials said the deal "
        "would be hard to enforce."
    )
    (record,) = linked(text, "2015-08-01")
    assert record["parties"] == ["Iran"]
    assert "gazetteer_id" not in record  # the parties in a description name no agreement


def test_user_list_is_added_on_top(
    nlp: Language, annotate: Callable[..., Any], tmp_path: Path
) -> None:
    known = tmp_path / "mine.csv"
    known.write_text(
        "id,name,date,parties,aliases\n"
        "my-gfa,Good Friday Agreement,1998-04-10,United Kingdom;Ireland,Belfast Agreement\n"
        "lake-pact,Lake Victoria Fishing Pact,2019-05-05,Kenya;Uganda,\n",
        encoding="utf-8",
    )
    tagger = AgreementTagger(nlp, "claimx_agreements", gazetteer=str(known))
    text = (
        "Unionists still cite the Good Friday Agreement. Kenya and Uganda signed the "
        "Lake Victoria fishing pact in 2019. The Treaty of Lisbon was not discussed."
    )
    records = tagger(annotate(text, "2023-01-01", only=BEFORE_AGREEMENTS))._.get(AGREEMENTS)
    # the user's entry wins a tie with the built-in one; the built-in list still links
    assert [r["gazetteer_id"] for r in records] == ["my-gfa", "lake-pact", "treaty-of-lisbon"]


def test_csv_errors_name_the_line(tmp_path: Path) -> None:
    bad_date = tmp_path / "dates.csv"
    bad_date.write_text(
        "name,date,parties\nGood Pact,2020-01-01,France\nBad Pact,2020-13-45,Spain\n",
        encoding="utf-8",
    )
    with pytest.raises(GazetteerError, match=r"line 3: bad date '2020-13-45'"):
        load_agreements(bad_date)
    no_name = tmp_path / "names.csv"
    no_name.write_text("name,date,parties\n,2020-01-01,France\n", encoding="utf-8")
    with pytest.raises(GazetteerError, match="line 2: the name column is empty"):
        load_agreements(no_name)
    columns = tmp_path / "columns.csv"
    columns.write_text("title,when\nx,y\n", encoding="utf-8")
    with pytest.raises(GazetteerError, match="line 1: expected PA-X columns"):
        load_agreements(columns)
    assert issubclass(GazetteerError, ValueError) and issubclass(GazetteerError, RuntimeError)


@pytest.mark.parametrize(
    "name", ["the LISBON-TREATY", "Lisbon Treaty.", "lisbon  treaty", "the Treaty of Lisbon"]
)
def test_names_in_any_case_or_punctuation(name: str) -> None:
    known = Gazetteer(load_builtin())
    match = known.link({"name": name, "date": ""}, [name], "2020-01-01")
    assert match is not None and match.id == "treaty-of-lisbon"


def test_jsonl_errors_name_the_line(tmp_path: Path) -> None:
    path = tmp_path / "known.jsonl"
    path.write_text('{"id": "a", "name": "A Pact", "date": "2020"}\n{"id": "b"}\n', "utf-8")
    with pytest.raises(GazetteerError, match="line 2: needs an id and a name"):
        load_builtin(path)


def test_cli_bad_gazetteer_exits_1_and_writes_nothing(tmp_path: Path) -> None:
    known = tmp_path / "known.csv"
    known.write_text("name,date,parties\nSea Pact,2020-02-30,Peru\n", encoding="utf-8")
    story = tmp_path / "story.txt"
    story.write_text("LIMA - Peru and Chile signed a sea pact on Monday.\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(
        app, ["extract", str(story), "--agreements", str(known), "-o", str(out), "-q"]
    )
    assert result.exit_code == 1
    assert "line 2" in result.output and "2020-02-30" in result.output
    assert not out.exists()


def test_thirty_cited_agreements_stay_apart(
    linked: Callable[..., list[dict[str, Any]]],
) -> None:
    text = " ".join(
        f"The council adopted Resolution {2300 + n} on March {1 + n % 7}, 2016." for n in range(30)
    )
    records = linked(text, "2016-12-01")
    assert [r["name"] for r in records] == [f"Resolution {2300 + n}" for n in range(30)]
    assert records[8]["date"] == "2016-03-02"


def test_linking_scores_only_candidates(monkeypatch: pytest.MonkeyPatch) -> None:
    """A record is scored against entries sharing a name word, key or day, not the whole list."""
    entries = [
        KnownAgreement(
            f"r{n}", f"Resolution {n}", f"2001-01-{1 + n % 28:02d}", "resolution", (), ()
        )
        for n in range(1000, 3000)
    ]
    known = Gazetteer(entries)
    calls: list[str] = []
    score = gazetteer.score
    monkeypatch.setattr(gazetteer, "score", lambda a, k: calls.append(k.id) or score(a, k))
    found = [known.link({"name": f"Resolution {n}", "date": ""}) for n in range(1000, 1030)]
    assert [k.id for k in found if k] == [f"r{n}" for n in range(1000, 1030)]
    assert len(calls) == 30


def test_types_lists_every_type_the_tagger_emits() -> None:
    data = load_json("agreements/types.json")
    emitted = set(data["heads"].values()) | set(data["modifiers"].values())
    assert emitted <= set(data["types"]) == set(data["type_order"])
    for required in (
        "ceasefire", "peace agreement", "treaty", "trade agreement", "resolution",
        "joint statement", "declaration", "protocol", "memorandum", "convention", "law",
        "plan", "agreement",
    ):  # fmt: skip
        assert required in data["types"]


def test_builtin_file_lines_are_json_objects() -> None:
    path = Path(gazetteer.model_path(gazetteer.BUILTIN))
    for line in path.read_text(encoding="utf-8").splitlines():
        assert isinstance(json.loads(line), dict)
