"""Agreements: treaties, ceasefires, joint statements, resolutions, laws.

Writes ``doc._.claimx_agreements``: a list of dicts ``{"name", "type", "date",
"parties": [str], "mediators": [str], "mentions": [{"start", "end"}]}``."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from claimx.components.extensions import AGREEMENTS


@Language.factory("claimx_agreements", default_config={})
def make_agreements(nlp: Language, name: str) -> AgreementTagger:
    """Create the ``claimx_agreements`` component."""
    return AgreementTagger(nlp, name)


class AgreementTagger:
    """Finds cited agreements and links every mention of the same one."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        doc._.set(AGREEMENTS, [])
        return doc
