"""Figures: every number that states an amount.

Writes ``doc._.claimx_figures``: a list of dicts ``{"start", "end", "value",
"low", "high", "qualifier", "unit", "kind"}`` (offsets into ``doc.text``;
numbers as floats; qualifier one of = ~ > < >= <=)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from claimx.components.extensions import FIGURES


@Language.factory("claimx_figures", default_config={})
def make_figures(nlp: Language, name: str) -> FigureTagger:
    """Create the ``claimx_figures`` component."""
    return FigureTagger(nlp, name)


class FigureTagger:
    """Finds figures (amounts) and normalises their values."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        doc._.set(FIGURES, [])
        return doc
