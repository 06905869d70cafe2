"""Dates: temporal expressions with TIMEX3 values.

Writes ``doc._.claimx_dates``: a list of dicts
``{"start": int, "end": int, "type": "DATE|TIME|DURATION|SET", "value": str}``
with character offsets into ``doc.text``; ``value`` is resolved against
``doc._.claimx_published`` (YYYY-MM-DD or "")."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from claimx.components.extensions import DATES


@Language.factory("claimx_dates", default_config={})
def make_dates(nlp: Language, name: str) -> DateTagger:
    """Create the ``claimx_dates`` component."""
    return DateTagger(nlp, name)


class DateTagger:
    """Finds temporal expressions and normalises them to TIMEX3 values."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        doc._.set(DATES, [])
        return doc
