"""Build the claimx spaCy pipeline from ``models/claimx.cfg`` (once per process)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import spacy
from spacy.language import Language

import claimx.components  # noqa: F401  (registers the claimx factories)
from claimx.resources import model_path

PIPELINE_CONFIG = "claimx.cfg"
#: Characters one spaCy Doc may hold; longer articles are processed in pieces.
MAX_DOC_CHARS = 1_000_000


def claimx_component_names(nlp: Language) -> list[str]:
    """Names of the claimx components in ``nlp``, in pipeline order."""
    return [name for name in nlp.pipe_names if name.startswith("claimx_")]


@cache
def load_pipeline(config: str | None = None, *, agreements: str = "") -> Language:
    """Return the claimx pipeline, built once per process and set of arguments.

    Args:
        config: path of a spaCy config; default: the packaged ``models/claimx.cfg``.
        agreements: path of a CSV of known agreements that ``claimx_agreements``
            links to (see :mod:`claimx.gazetteer`); empty for none.
    """
    path = Path(config) if config else model_path(PIPELINE_CONFIG)
    overrides = {"components.claimx_agreements.gazetteer": agreements} if agreements else {}
    settings = spacy.util.load_config(path, overrides=overrides)
    nlp = spacy.util.load_model_from_config(settings, auto_fill=True)
    nlp.max_length = MAX_DOC_CHARS
    return nlp
