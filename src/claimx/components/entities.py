"""Entities: the base NER, corrected and grouped into document-level entities.

Writes ``doc._.claimx_entities``: one dict per entity, the ``entities`` items of
the claimx/1 schema (``claimx/schema/claimx-1.schema.json``). Corrections: a country name,
alias or capital is a GPE and a demonym a NORP whatever the model said; a
surface form takes its most frequent label across the document; a person's
bare surname joins the earlier full name it ends ("Hajiyev" -> "Hikmat
Hajiyev"); a leading "the" and a trailing possessive are not part of a name.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from spacy.language import Language
from spacy.tokens import Doc, Span

from claimx.components.base import ClaimxComponent
from claimx.components.extensions import ENTITIES
from claimx.normalize.places import PlaceIndex

NAMED_LABELS = (
    "PERSON",
    "ORG",
    "GPE",
    "NORP",
    "LOC",
    "FAC",
    "EVENT",
    "LAW",
    "PRODUCT",
    "WORK_OF_ART",
)


@Language.factory(
    "claimx_entities",
    default_config={"labels": list(NAMED_LABELS), "data": {"countries": "lexicons/countries.json"}},
    requires=["doc.ents", "token.tag"],
    assigns=[f"doc._.{ENTITIES}"],
)
def make_entities(
    nlp: Language, name: str, labels: list[str], data: dict[str, str]
) -> EntityGrouper:
    """Create the ``claimx_entities`` component (``data["countries"]``: the places lexicon)."""
    return EntityGrouper(nlp, name, labels=labels, data=data)


class EntityGrouper(ClaimxComponent):
    """Corrects the base model's entity labels and groups mentions by canonical name."""

    annotations = ("ENT_IOB",)

    def __init__(
        self, nlp: Language, name: str, *, labels: list[str], data: dict[str, str]
    ) -> None:
        super().__init__(nlp, name, data=data)
        self.labels = set(labels)
        self.places: PlaceIndex | None = None

    def setup(self, data: dict) -> None:
        """Index the places lexicon."""
        self.places = PlaceIndex(data["countries"])

    def process(self, doc: Doc) -> Doc:
        """Store the document's entities in ``doc._.claimx_entities``."""
        text = doc.text
        mentions = [m for m in (self._mention(ent, text) for ent in doc.ents) if m is not None]
        label_votes: dict[str, Counter[str]] = defaultdict(Counter)
        for surface, label, _, _, _ in mentions:
            label_votes[surface][label] += 1
        full_names: dict[str, str] = {}
        groups: dict[tuple[str, str], dict] = {}
        for surface, label, start, end, country in mentions:
            if not country:  # a place's label was fixed by the lexicon in _mention
                label = label_votes[surface].most_common(1)[0][0]
            name = surface
            if label == "PERSON":
                if " " in surface:
                    full_names.setdefault(surface.split()[-1], surface)
                else:
                    name = full_names.get(surface, surface)
            if label not in self.labels:
                continue
            group = groups.setdefault(
                (name, label), {"name": name, "label": label, "country": country, "mentions": []}
            )
            group["mentions"].append({"start": start, "end": end})
        doc._.set(ENTITIES, list(groups.values()))
        return doc

    def _mention(self, ent: Span, text: str) -> tuple[str, str, int, int, str] | None:
        """(surface, label, start, end, country) with "the" and "'s" trimmed off the span."""
        tokens = list(ent)
        while tokens and tokens[0].lower_ == "the":
            tokens.pop(0)
        while tokens and tokens[-1].tag_ == "POS":
            tokens.pop()
        if not tokens:
            return None
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
        surface = text[start:end]
        label = ent.label_
        assert self.places is not None
        place = self.places.lookup(surface)
        country = ""
        if place is not None:
            label = "NORP" if place.kind == "demonym" else "GPE"
            country = place.country
        return surface, label, start, end, country
