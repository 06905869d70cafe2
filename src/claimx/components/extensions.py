"""The ``Doc._`` attributes claimx components read and write.

Each holds plain values only (str, numbers, lists and dicts with character
offsets into ``doc.text``), never Span objects, so Docs pickle for
multiprocessing and survive DocBin.
"""

from __future__ import annotations

from spacy.tokens import Doc

#: ``YYYY-MM-DD`` anchor for relative dates, set by the caller before the pipeline runs.
PUBLISHED = "claimx_published"
#: The base model (``lang_name-version``) under the claimx components that annotated the Doc.
MODEL = "claimx_model"
#: One list per record list; each item is a dict with the fields of that list's items in the
#: claimx/1 schema (``claimx/schema/claimx-1.schema.json``) that the component knows.
ENTITIES = "claimx_entities"
DATES = "claimx_dates"
FIGURES = "claimx_figures"
CLAIMS = "claimx_claims"
CASUALTIES = "claimx_casualties"
AGREEMENTS = "claimx_agreements"

LIST_ATTRIBUTES = (ENTITIES, DATES, FIGURES, CLAIMS, CASUALTIES, AGREEMENTS)


def register_extensions() -> None:
    """Register claimx's Doc extensions (idempotent)."""
    for name in (PUBLISHED, MODEL):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default="")
    for name in LIST_ATTRIBUTES:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


def get_list(doc: Doc, name: str) -> list[dict]:
    """Return the list a component stored under ``doc._.<name>`` (``[]`` if it did not run)."""
    return doc._.get(name) or []


register_extensions()
