"""Small typed records shared by the stages of claimx."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field


def text_id(text: str) -> str:
    """Return the stable id claimx gives a document that has none: a hash of its text."""
    return "doc-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class Article:
    """One input document with the metadata claimx records.

    Attributes:
        text: the exact article text; every offset claimx writes indexes into it.
        id: a stable identifier (a hash of ``text`` when the input gives none).
        published: ``YYYY-MM-DD`` or ``""``; the anchor for relative dates.
        origin: where the article came from, for messages (``file.jsonl:12``).
    """

    text: str
    id: str = ""
    published: str = ""
    source: str = ""
    title: str = ""
    author: str = ""
    url: str = ""
    origin: str = ""
    extra: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.id:
            object.__setattr__(self, "id", text_id(self.text))


@dataclass(frozen=True, slots=True)
class InputFailure:
    """An input that could not become an Article, with a readable reason."""

    reason: str
    origin: str = ""
    id: str = ""
