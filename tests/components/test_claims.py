"""claimx_claims: attribution forms, speaker resolution, quote pairing, dates and channels."""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from spacy.language import Language

from claimx.components.attribution.quotes import quote_spans
from claimx.components.extensions import CLAIMS, PUBLISHED

#: The filter's training script (outside the runtime package), loaded from its file.
_SCRIPT = Path(__file__).resolve().parents[2] / "training" / "train_claims_filter.py"
_SPEC = importlib.util.spec_from_file_location("train_claims_filter", _SCRIPT)
assert _SPEC is not None and _SPEC.loader is not None
TRAINING = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(TRAINING)


def claims_of(nlp: Language, text: str, published: str = "2021-04-05") -> list[dict[str, Any]]:
    """Run the pipeline and return claims with their span texts filled in."""
    doc = nlp.make_doc(text)
    doc._.set(PUBLISHED, published)
    for name, component in nlp.pipeline:
        doc = component(doc)
        if name == "claimx_claims":
            break
    out = []
    for claim in doc._.get(CLAIMS):
        row = dict(claim)
        for key in ("speaker", "cue", "content"):
            row[key] = dict(claim[key], text=text[claim[key]["start"] : claim[key]["end"]])
        out.append(row)
    return out


def only(claims: list[dict[str, Any]], cue: str) -> dict[str, Any]:
    """The one claim whose cue text is ``cue``."""
    found = [c for c in claims if c["cue"]["text"].lower() == cue]
    assert len(found) == 1, [c["cue"]["text"] for c in claims]
    return found[0]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('“Yes,” he said. "No."', ["Yes,", "No."]),
        ("``We will win,'' she said.", ["We will win,"]),
        ('He said "a b c.\n\n"d e f," he added.', ['a b c.\n\n"d e f,']),
        ('An odd "quote\n\nNext paragraph.', ["quote"]),
        ("x ”only close” y", ["x ", "only close"]),
        ("“He said ‘no’ to me,” she said.", ["He said ‘no’ to me,"]),
        ("''We will win,'' she said. ''Soon.''", ["We will win,", "Soon."]),
        ("''We will\n''win,'' she said.", ["We will\n''win,"]),
    ],
    ids=[
        "straight-curly",
        "typewriter",
        "multi-paragraph",
        "odd-marks",
        "stray-closer",
        "nested",
        "two-apostrophes-both-ways",
        "two-apostrophes-paragraphs",
    ],
)
def test_quote_spans(text: str, expected: list[str]) -> None:
    assert [text[s:e] for s, e in quote_spans(text)] == expected


@pytest.mark.parametrize(
    ("text", "cue", "speaker", "content", "kind"),
    [
        (
            "The minister said that the talks would resume next week.",
            "said",
            "The minister",
            "the talks would resume next week",
            "indirect",
        ),
        (
            "The talks will resume next week, the minister added.",
            "added",
            "the minister",
            "The talks will resume next week",
            "indirect",
        ),
        (
            '"We will rebuild every village," Ilham Aliyev said on Monday.',
            "said",
            "Ilham Aliyev",
            "We will rebuild every village,",
            "direct",
        ),
        (
            "“We will rebuild,” Aliyev said, “and every family will return home.”",
            "said",
            "Aliyev",
            "We will rebuild,” Aliyev said, “and every family will return home.",
            "direct",
        ),
        (
            "Some experts believe that the mines cost $350 million.",
            "believe",
            "Some experts",
            "the mines cost $350 million",
            "indirect",
        ),
        (
            "The Foreign Ministry warned that the strikes violated the ceasefire.",
            "warned",
            "Foreign Ministry",
            "the strikes violated the ceasefire",
            "indirect",
        ),
        (
            "The senator told reporters that the bill would pass.",
            "told",
            "The senator",
            "the bill would pass",
            "indirect",
        ),
        (
            "The mayor said: the roads will be cleared by Friday.",
            "said",
            "The mayor",
            "the roads will be cleared by Friday",
            "indirect",
        ),
    ],
    ids=[
        "said-that",
        "trailing-cue",
        "direct",
        "split-quote",
        "belief",
        "institution",
        "told",
        "colon",
    ],
)
def test_attribution_forms(
    nlp: Language, text: str, cue: str, speaker: str, content: str, kind: str
) -> None:
    claim = only(claims_of(nlp, text), cue)
    assert claim["speaker"]["text"] == speaker
    assert claim["content"]["text"].startswith(content.rstrip(".,"))
    assert claim["kind"] == kind


@pytest.mark.parametrize(
    ("text", "source", "content"),
    [
        (
            "According to the United Nations, 20 civilians were killed in the blasts.",
            "the United Nations",
            "20 civilians were killed in the blasts",
        ),
        (
            "Twenty civilians were killed, according to local officials.",
            "local officials",
            "Twenty civilians were killed",
        ),
    ],
    ids=["according-first", "according-last"],
)
def test_according_to(nlp: Language, text: str, source: str, content: str) -> None:
    claim = only(claims_of(nlp, text), "according to")
    assert claim["speaker"]["text"] and source.endswith(claim["speaker"]["text"])
    assert claim["content"]["text"] == content


def test_floating_quote_continues_previous_speaker(nlp: Language) -> None:
    text = (
        '"The border is calm," said Colonel John Smith, a spokesman for the army.\n\n'
        '"Our patrols saw no movement overnight and none is expected today."'
    )
    claims = claims_of(nlp, text)
    assert len(claims) == 1
    assert claims[0]["content"]["text"].endswith("none is expected today.")
    assert claims[0]["speaker"]["name"] == "John Smith"


def test_according_to_a_law_is_no_source(nlp: Language) -> None:
    text = "According to international law, the occupation is illegal."
    assert claims_of(nlp, text) == []


def test_sign_off_is_not_swallowed(nlp: Language) -> None:
    text = (
        '"We expect the vote to pass," the commissioner said.\n\n— Commissioner Jane Doe\n\n'
        "The vote is on Friday."
    )
    claims = claims_of(nlp, text)
    assert [c["content"]["text"] for c in claims] == ["We expect the vote to pass,"]


def test_odd_quote_marks_stay_in_paragraph(nlp: Language) -> None:
    text = 'He said "the war is over.\n\nThe army said that troops would leave the city.'
    claims = claims_of(nlp, text)
    army = next(c for c in claims if c["speaker"]["text"] == "The army")
    assert "the war" not in army["content"]["text"]


@pytest.mark.parametrize(
    ("text", "pronoun", "name"),
    [
        (
            "Presidential aide Hikmat Hajiyev said the mines were a threat. "
            "He said that the maps were withheld.",
            "He",
            "Hikmat Hajiyev",
        ),
        (
            "The Azerbaijani Foreign Ministry said the mines were a threat. "
            "It stressed that the region was unsafe.",
            "It",
            "Azerbaijani Foreign Ministry",
        ),
        (
            "The Azerbaijani Foreign Ministry said the mines were a threat. "
            "The statement noted that the maps were withheld.",
            "The statement",
            "Azerbaijani Foreign Ministry",
        ),
        (
            "The Azerbaijani Foreign Ministry said the mines were a threat. "
            "The ministry underlined that the maps were withheld.",
            "The ministry",
            "Azerbaijani Foreign Ministry",
        ),
    ],
    ids=["he", "it", "the-statement", "the-ministry"],
)
def test_speaker_resolution(nlp: Language, text: str, pronoun: str, name: str) -> None:
    claim = next(c for c in claims_of(nlp, text) if c["speaker"]["text"] == pronoun)
    assert name.split()[-1] in claim["speaker"]["name"]


@pytest.mark.parametrize(
    ("text", "role", "affiliation"),
    [
        ("Azerbaijani President Ilham Aliyev said the war was over.", "President", "Azerbaijan"),
        ("Presidential aide Hikmat Hajiyev said the mines were a threat.", "Presidential aide", ""),
        (
            "John Smith, a spokesman for the ministry, said the talks had failed.",
            "spokesman",
            "ministry",
        ),
    ],
    ids=["premodifier-demonym", "premodifier-title", "appositive"],
)
def test_role_and_affiliation(nlp: Language, text: str, role: str, affiliation: str) -> None:
    speaker = claims_of(nlp, text)[0]["speaker"]
    assert speaker["role"] == role
    assert speaker["affiliation"] == affiliation


def test_vague_source_keeps_phrase(nlp: Language) -> None:
    claim = only(claims_of(nlp, "Some experts believe that the deal will collapse."), "believe")
    assert claim["speaker"]["name"] == "some experts"


def test_channel_and_shared_date(nlp: Language) -> None:
    text = (
        "Hikmat Hajiyev said on Twitter that the mines were a threat. "
        "He added that the maps were withheld."
    )
    claims = claims_of(nlp, text)
    assert {c["channel"] for c in claims} == {"Twitter"}


def test_tweeted_is_twitter(nlp: Language) -> None:
    claim = claims_of(nlp, "The senator tweeted that the vote was rigged.")[0]
    assert claim["channel"] == "Twitter"
    assert claim["cue"]["lemma"] == "tweet"


def test_quote_not_given_to_a_cue_on_the_next_line(nlp: Language) -> None:
    text = (
        "The rally ended late.\n“We will all be back here next year and the year after that.”\n"
        "The senator described the rally as a success."
    )
    described = only(claims_of(nlp, text), "described")
    assert "back here" not in described["content"]["text"]


@pytest.mark.parametrize(
    ("text", "cue", "speaker", "content"),
    [
        (
            "Trump's claim that the election was rigged drew criticism.",
            "claim",
            "Trump",
            "the election was rigged",
        ),
        (
            "Sanders voiced support for a single-payer health care system.",
            "voiced",
            "Sanders",
            "support for a single-payer health care system",
        ),
        (
            "The senator is calling for the United States to take a stronger role in Syria.",
            "calling",
            "The senator",
            "for the United States to take a stronger role in Syria",
        ),
        (
            "A new poll by Quinnipiac University shows Clinton leading Trump by five points.",
            "shows",
            "A new poll",
            "Clinton leading Trump by five points",
        ),
        (
            "The survey found that most voters distrust both candidates.",
            "found",
            "The survey",
            "most voters distrust both candidates",
        ),
        (
            "Democrats plan to block the nomination of the judge.",
            "plan",
            "Democrats",
            "to block the nomination of the judge",
        ),
        (
            "The governor appears to believe that the tax cut will pay for itself.",
            "appears",
            "The governor",
            "to believe that the tax cut will pay for itself",
        ),
    ],
    ids=["noun-claim-that", "noun-support-for", "call-for-to", "poll", "finding", "plan", "appear"],
)
def test_learned_forms(nlp: Language, text: str, cue: str, speaker: str, content: str) -> None:
    claim = only(claims_of(nlp, text), cue)
    assert claim["speaker"]["text"] == speaker
    assert claim["content"]["text"] == content


@pytest.mark.parametrize(
    "text",
    [
        "Armenia refuses to release the maps, the ministry said.",
        "“We urge Armenia to release the maps,” the ministry said.",
    ],
    ids=["in-content", "in-quotation"],
)
def test_weak_nested_cue_is_dropped(nlp: Language, text: str) -> None:
    assert [c["cue"]["text"] for c in claims_of(nlp, text)] == ["said"]


def test_filter_training_helpers(nlp: Language) -> None:
    import numpy as np

    candidates, fit, label, predict = (
        getattr(TRAINING, name) for name in ("candidates", "fit", "label", "predict")
    )

    text = "The minister said that the talks would resume next week."
    doc = nlp.make_doc(text)
    for name, component in nlp.pipeline:
        if name == "claimx_claims":
            break
        doc = component(doc)
    said = next(
        c for c in candidates(doc, nlp.get_pipe("claimx_claims").words) if c.rule == "clause"
    )
    gold = {
        "cue": [{"start": 13, "end": 17, "text": "said"}],
        "content": [{"start": 23, "end": 56, "text": text[23:56]}],
    }
    assert label(said, [gold]) == 1
    assert label(said, [dict(gold, cue=[{"start": 0, "end": 3, "text": "The"}])]) == 0
    rows, y = [[0, 1], [0, 2], [0, 1], [0, 2]], np.array([1.0, 0.0, 1.0, 0.0])
    scores = predict(rows, fit(rows, y, 3, l2=1e-4, epochs=200))
    assert scores[0] > 0.9 > 0.1 > scores[1]


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        (
            "The rally ended late. The president added:\n“I know a bit about this, and so do you.”",
            "added",
        ),
        (
            "Cruz replied in a statement:\n\n“We will win this race in November, and win it big.”",
            "replied",
        ),
    ],
    ids=["line-break", "paragraph-break"],
)
def test_colon_introduces_next_line_quote(nlp: Language, text: str, cue: str) -> None:
    claim = only(claims_of(nlp, text), cue)
    assert claim["content"]["text"].startswith(("I know", "We will win"))
    assert claim["kind"] == "direct"


def test_agreement_is_no_source(nlp: Language) -> None:
    text = "The signed agreement obliged Armenia to withdraw its troops from the region."
    assert claims_of(nlp, text) == []


def test_hard_wrapped_lines_are_running_text(nlp: Language) -> None:
    text = (
        "BRASILIA - At least 9 people were killed when a bus fell into a ravine on Sunday, the\n"
        "state fire department said in a statement released late in the evening.\n\n"
        '"The road was wet and the driver lost control before anyone could react,"\n'
        "said Captain Rui Lopes, who leads the rescue teams in the region.\n"
    )
    speakers = {c["speaker"]["name"]: c["content"]["text"] for c in claims_of(nlp, text)}
    assert speakers.get("state fire department", "").startswith("BRASILIA - At least 9")
    assert speakers.get("Rui Lopes", "").startswith("The road was wet")


@pytest.mark.parametrize(
    ("ran", "missing"),
    [(("claimx_dates",), "claimx_entities"), (("claimx_entities",), "claimx_dates")],
)
def test_a_missing_upstream_component_is_named(
    nlp: Language, annotate: Callable[..., Any], ran: tuple[str, ...], missing: str
) -> None:
    """Without entities or dates before it, claims stops with a message naming the missing one."""
    doc = annotate("The minister said the talks would resume on Monday.", "2024-05-02", only=ran)
    with pytest.raises(ValueError, match=f"claimx_claims needs {missing}"):
        nlp.get_pipe("claimx_claims")(doc)
