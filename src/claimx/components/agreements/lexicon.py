"""The word lists the agreements tagger reads: ``models/agreements/types.json`` and
``organisations.json``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from claimx.normalize.names import name_key

#: The component's data files (config setting -> packaged file under ``models/``).
DATA_FILES = {
    "types": "agreements/types.json",
    "organisations": "agreements/organisations.json",
    "countries": "lexicons/countries.json",
    "numbers": "lexicons/numbers.json",
}


@dataclass(frozen=True)
class AgreementLexicon:
    """Head words and their types, modifiers, and the verbs and words around a mention."""

    types: tuple[str, ...]  # every type claimx emits
    heads: dict[str, str]  # head noun -> type
    modifiers: dict[str, str]  # modifier -> a more specific type
    order: tuple[str, ...]  # a merged record takes the first of its mentions' types
    descriptions: frozenset[str]  # heads that name an agreement in lower case
    needs_signing: frozenset[str]  # only with a signing verb ("the document was signed")
    signed_only: frozenset[str]  # in lower case only when made ("a law signed by ...")
    needs_modifier: frozenset[str]  # only typed or signed ("a joint statement")
    by_body: frozenset[str]  # also with a named body ("the UN's resolutions")
    named_only: frozenset[str]  # only in a proper name ("the Companies Act")
    weak: frozenset[str]  # modifiers that do not make a description ("a new deal")
    novel: frozenset[str]  # modifiers that mark another agreement ("the new accord")
    signing: frozenset[str]  # verbs of making one ("signed", "reached")
    signing_nouns: frozenset[str]  # "the signing of", "the adoption of"
    keeping: frozenset[str]  # verbs whose subject is a party ("Japan denied breaking a pact")
    declaring: frozenset[str]  # the same with an indefinite object ("the IRA called a truce")
    brokering: frozenset[str]
    mediation: frozenset[str]  # "with the mediation of", "as guarantors"
    subjects: frozenset[str]  # prepositions of the subject ("a pact on chip trade")
    excluded: frozenset[str]
    not_before: frozenset[str]
    organisations: dict[str, str]  # name_key of a body's form -> its one name ("UN" -> ...)
    referents: dict[str, str]  # "the organisation" -> ORG, "the republic" -> GPE


def read_lexicon(files: dict[str, Any]) -> AgreementLexicon:
    """Build the agreement lexicon from the component's data files (``DATA_FILES``)."""
    data = files["types"]
    lists = (
        "descriptions",
        "needs_signing",
        "needs_modifier",
        "signed_only",
        "by_body",
        "named_only",
        "signing",
        "signing_nouns",
        "keeping",
        "declaring",
        "brokering",
        "mediation",
        "subjects",
        "not_before",
    )
    sets = {key: frozenset(data[key]) for key in lists}
    bodies = files["organisations"]
    return AgreementLexicon(
        types=tuple(data["types"]),
        heads=data["heads"],
        modifiers=data["modifiers"],
        order=tuple(data["type_order"]),
        weak=frozenset(data["weak_modifiers"]),
        novel=frozenset(data["novel"]),
        excluded=frozenset(data["not_agreements"]),
        organisations={name_key(k): v for k, v in bodies["names"].items()},
        referents=bodies["referents"],
        **sets,
    )
