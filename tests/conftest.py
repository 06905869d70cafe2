"""Shared fixtures: the pipeline is loaded once per test session."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from spacy.language import Language
from spacy.tokens import Doc

import claimx
from claimx.components.extensions import PUBLISHED
from claimx.pipeline import load_pipeline

CORPORA = Path(__file__).resolve().parents[1] / "corpora"


@pytest.fixture(scope="session")
def corpora() -> Path:
    """The bundled sample corpus (``corpora/`` in the source tree)."""
    return CORPORA


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The full claimx pipeline (base model + claimx components)."""
    return load_pipeline()


@pytest.fixture(scope="session")
def annotate(nlp: Language) -> Callable[..., Doc]:
    """``annotate(text, published="", only=None)`` -> the Doc after the base components
    and the claimx components named in ``only`` (all of them when None), in pipeline order.
    """

    def run(text: str, published: str = "", only: tuple[str, ...] | None = None) -> Doc:
        doc = nlp.make_doc(text)
        doc._.set(PUBLISHED, published)
        for name, component in nlp.pipeline:
            if only is None or not name.startswith("claimx_") or name in only:
                doc = component(doc)
        return doc

    return run


@pytest.fixture(scope="session")
def extract(nlp: Language) -> Callable[..., dict[str, Any]]:
    """``extract(text, published="YYYY-MM-DD")`` -> claimx/1 record, on the shared pipeline."""
    return claimx.extract
