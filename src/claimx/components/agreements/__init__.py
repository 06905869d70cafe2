"""Agreements: treaties, ceasefires, joint statements, resolutions, laws.

Writes ``doc._.claimx_agreements``: a list of dicts ``{"name", "type", "date",
"parties": [str], "mediators": [str], "mentions": [{"start", "end"}]}``. A record
that matches a known agreement (the gazetteer claimx ships, plus a user's list)
also carries ``"canonical_name"`` and ``"gazetteer_id"``.

Mentions are found by name and by description (:mod:`.mentions`), mentions of one
agreement become one record (:mod:`.linking`), and records link to the gazetteer
(:mod:`claimx.gazetteer`). The head words and types are data:
``models/agreements/types.json`` (:mod:`.lexicon`).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from claimx.components.agreements.lexicon import AgreementLexicon, lexicon
from claimx.components.agreements.linking import link
from claimx.components.agreements.mentions import MentionFinder
from claimx.components.extensions import AGREEMENTS, PUBLISHED
from claimx.gazetteer import BUILTIN, Gazetteer, load_agreements, load_builtin
from claimx.resources import model_path

__all__ = ["AgreementLexicon", "AgreementTagger", "lexicon", "make_agreements"]


@Language.factory(
    "claimx_agreements", default_config={"gazetteer": "", "builtin_gazetteer": BUILTIN}
)
def make_agreements(
    nlp: Language, name: str, gazetteer: str, builtin_gazetteer: str
) -> AgreementTagger:
    """Create the ``claimx_agreements`` component.

    Args:
        gazetteer: path of a user's CSV of known agreements (see :mod:`claimx.gazetteer`),
            added on top of the built-in one; ``""`` for none.
        builtin_gazetteer: the JSONL gazetteer claimx ships (a path under ``models/`` or
            an absolute one); ``""`` for none.
    """
    return AgreementTagger(nlp, name, gazetteer=gazetteer, builtin_gazetteer=builtin_gazetteer)


class AgreementTagger:
    """Finds cited agreements, links every mention of the same one, and links records to
    known agreements."""

    def __init__(
        self, nlp: Language, name: str, gazetteer: str = "", builtin_gazetteer: str = BUILTIN
    ) -> None:
        self.name = name
        self.lex = lexicon()
        builtin = load_builtin(model_path(builtin_gazetteer)) if builtin_gazetteer else []
        self.known = Gazetteer(builtin + (load_agreements(gazetteer) if gazetteer else []))
        hashes = frozenset(nlp.vocab.strings.add(h) for h in self.lex.heads)
        self.find = MentionFinder(self.lex, hashes)

    def __call__(self, doc: Doc) -> Doc:
        records = link(self.find(doc), self.lex.order)
        published = str(doc._.get(PUBLISHED) or "")
        for record in records:
            names = record.pop("_named")
            match = self.known.link(record, names, published) if self.known else None
            if match is not None:
                record["canonical_name"] = match.name
                record["gazetteer_id"] = match.id
        doc._.set(AGREEMENTS, records)
        return doc
