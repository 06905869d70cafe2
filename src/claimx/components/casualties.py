"""Casualties: counts of victims.

Writes ``doc._.claimx_casualties``: a list of dicts ``{"start", "end",
"outcome", "count", "low", "high", "qualifier", "group", "part_of": int | None,
"cause", "since", "until", "location"}``; ``part_of`` is the index, in this
same list, of the larger count this one is nested in."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from claimx.components.extensions import CASUALTIES


@Language.factory("claimx_casualties", default_config={})
def make_casualties(nlp: Language, name: str) -> CasualtyTagger:
    """Create the ``claimx_casualties`` component."""
    return CasualtyTagger(nlp, name)


class CasualtyTagger:
    """Finds counts of victims killed, injured, missing, kidnapped, detained or displaced."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        doc._.set(CASUALTIES, [])
        return doc
