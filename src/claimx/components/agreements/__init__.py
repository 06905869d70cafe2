"""Agreements: treaties, ceasefires, joint statements, resolutions, laws.

Writes ``doc._.claimx_agreements``: a list of dicts ``{"name", "type", "date",
"parties": [str], "mediators": [str], "mentions": [{"start", "end"}]}``. A record
that matches a known agreement (the gazetteer claimx ships, plus a user's list)
also carries ``"canonical_name"`` and ``"gazetteer_id"``.

Mentions are found by name and by description (:mod:`.mentions`), mentions of one
agreement become one record (:mod:`.linking`), and records link to the gazetteer
(:mod:`claimx.gazetteer`). The head words and types are data:
``models/agreements/types.json`` and ``organisations.json`` (:mod:`.lexicon`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import asdict
from pathlib import Path
from typing import Any, ClassVar

import srsly
from spacy.language import Language
from spacy.tokens import Doc

from claimx.components.agreements.lexicon import DATA_FILES, AgreementLexicon, read_lexicon
from claimx.components.agreements.linking import link
from claimx.components.agreements.mentions import MentionFinder, Settings
from claimx.components.base import ClaimxComponent
from claimx.components.extensions import AGREEMENTS, DATES, ENTITIES, PUBLISHED
from claimx.gazetteer import (
    BUILTIN,
    Gazetteer,
    KnownAgreement,
    load_agreements,
    load_builtin,
    write_jsonl,
)
from claimx.normalize.numbers import NumberWords
from claimx.normalize.places import PlaceIndex
from claimx.resources import model_path

__all__ = ["AgreementLexicon", "AgreementTagger", "make_agreements"]

_DEFAULTS = Settings()
#: The file ``to_disk`` writes the component's known agreements to (claimx's JSONL layout).
GAZETTEER_FILE = "gazetteer.jsonl"


@Language.factory(
    "claimx_agreements",
    default_config={
        "data": DATA_FILES,
        "gazetteer": "",
        "builtin_gazetteer": BUILTIN,
        "settings": asdict(_DEFAULTS),
    },
    requires=[
        f"doc._.{ENTITIES}",
        f"doc._.{DATES}",
        f"doc._.{PUBLISHED}",
        "token.dep",
        "token.tag",
        "doc.ents",
    ],
    assigns=[f"doc._.{AGREEMENTS}"],
)
def make_agreements(
    nlp: Language,
    name: str,
    data: dict[str, str],
    gazetteer: str,
    builtin_gazetteer: str,
    settings: dict[str, Any],
) -> AgreementTagger:
    """Create the ``claimx_agreements`` component.

    Args:
        data: its word lists (``DATA_FILES``: types and organisations).
        gazetteer: path of a user's CSV of known agreements (see :mod:`claimx.gazetteer`),
            added on top of the built-in one; ``""`` for none.
        builtin_gazetteer: the JSONL gazetteer claimx ships (a path under ``models/`` or
            an absolute one); ``""`` for none.
        settings: windows and the gazetteer threshold (the fields of :class:`.mentions.Settings`).
    """
    return AgreementTagger(
        nlp,
        name,
        data=data,
        gazetteer=gazetteer,
        builtin_gazetteer=builtin_gazetteer,
        settings=Settings(**settings),
    )


class AgreementTagger(ClaimxComponent):
    """Finds cited agreements, links every mention of the same one, and links records to
    known agreements."""

    upstream: ClassVar[tuple[str, ...]] = (ENTITIES, DATES)
    annotations: ClassVar[tuple[str, ...]] = ("DEP", "TAG", "ENT_IOB")

    def __init__(
        self,
        nlp: Language,
        name: str,
        *,
        data: Mapping[str, str] = DATA_FILES,
        gazetteer: str = "",
        builtin_gazetteer: str = BUILTIN,
        settings: Settings = _DEFAULTS,
    ) -> None:
        super().__init__(nlp, name, data=data)
        self.settings = settings
        self.gazetteer_paths = (builtin_gazetteer, gazetteer)
        self.vocab = nlp.vocab
        self._known: Gazetteer | None = None

    def setup(self, data: dict[str, Any]) -> None:
        """Build the lexicon and the mention finder."""
        self.lex = read_lexicon(data)
        hashes = frozenset(self.vocab.strings.add(h) for h in self.lex.heads)
        self.places = PlaceIndex(data["countries"])
        numbers = NumberWords(data["numbers"])
        self.find = MentionFinder(self.lex, hashes, self.places, numbers, self.settings)

    @property
    def known(self) -> Gazetteer:
        """The known agreements: the built-in gazetteer, then the user's (read once)."""
        if self._known is None:
            if self._data is None:  # the places lexicon reads the user's parties
                self.initialize()
            builtin, user = self.gazetteer_paths
            entries = load_builtin(model_path(builtin)) if builtin else []
            user_entries = load_agreements(user, self.places) if user else []
            self._known = Gazetteer(entries + user_entries, self.settings.min_score)
        return self._known

    def initialize(self, get_examples: Any = None, *, nlp: Language | None = None) -> None:
        """Read the word lists and the gazetteers named in the config."""
        super().initialize(get_examples, nlp=nlp)
        self._known = None

    def process(self, doc: Doc) -> Doc:
        """Store the document's agreements in ``doc._.claimx_agreements``."""
        records = link(self.find(doc), self.lex.order)
        published = str(doc._.get(PUBLISHED) or "")
        known = self.known
        for record in records:
            names = record.pop("_named")
            match = known.link(record, names, published) if known else None
            if match is not None:
                record["canonical_name"] = match.name
                record["gazetteer_id"] = match.id
        doc._.set(AGREEMENTS, records)
        return doc

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        """Write the word lists and every known agreement (``gazetteer.jsonl``)."""
        super().to_disk(path, exclude=exclude)
        write_jsonl(self.known.known, Path(path) / GAZETTEER_FILE)

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> AgreementTagger:
        """Read what :meth:`to_disk` wrote."""
        super().from_disk(path, exclude=exclude)
        known = load_builtin(Path(path) / GAZETTEER_FILE)
        self._known = Gazetteer(known, self.settings.min_score)
        return self

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        """The word lists and the known agreements as bytes."""
        known = [entry.as_json() for entry in self.known.known]
        return srsly.msgpack_dumps({"data": self.data, "gazetteer": known})

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> AgreementTagger:
        """Read what :meth:`to_bytes` wrote."""
        saved = srsly.msgpack_loads(data)
        self._use(saved["data"])
        known = [KnownAgreement.from_json(item) for item in saved["gazetteer"]]
        self._known = Gazetteer(known, self.settings.min_score)
        return self
