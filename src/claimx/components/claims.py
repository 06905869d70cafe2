"""Claims: who said what.

Writes ``doc._.claimx_claims``: a list of dicts ``{"speaker": {"start", "end",
"name", "role", "affiliation"}, "cue": {"start", "end", "lemma"},
"content": {"start", "end"}, "kind": "direct|indirect|mixed", "date",
"channel"}`` (offsets into ``doc.text``)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from claimx.components.extensions import CLAIMS


@Language.factory("claimx_claims", default_config={})
def make_claims(nlp: Language, name: str) -> ClaimTagger:
    """Create the ``claimx_claims`` component."""
    return ClaimTagger(nlp, name)


class ClaimTagger:
    """Finds attributed statements and resolves their speakers."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        doc._.set(CLAIMS, [])
        return doc
