"""claimx: claims, dates, figures, casualty counts and agreements from news text.

Example:
    >>> import claimx
    >>> record = claimx.extract("Two people were killed, police said.", published="2024-05-02")
    >>> record["schema_version"]
    'claimx/1'
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language

__version__ = "0.1.0"
__all__ = ["__version__", "extract", "load", "read_records"]


def load(model: str = "", *, agreements: str = "") -> Language:
    """Return the claimx spaCy pipeline (built once per process and set of arguments).

    Args:
        model: the base spaCy pipeline, a package name or path: any English pipeline
            with a parser and NER (``en_core_web_trf``, a fine-tuned one); default
            ``en_core_web_sm``. A saved claimx pipeline is used as it is.
        agreements: CSV of known agreements to link cited agreements to ("" for none).

    Raises:
        ValueError: ``model`` has no parser or NER, or is not English.
        OSError: ``model`` is not installed or not found.
    """
    from claimx.pipeline import load_pipeline

    return load_pipeline(agreements=agreements, model=model)


def extract(
    text: str, *, published: str = "", id: str = "", model: str = "", **meta: str
) -> dict[str, Any]:
    """Return the claimx/1 record of one article (fields: ``claimx schema``).

    Args:
        text: the article text; offsets in the record index into it.
        published: publication date (YYYY-MM-DD or ISO timestamp) anchoring relative dates.
        id: document id (default: a hash of the text).
        model: the base spaCy pipeline (see :func:`load`).
        **meta: ``source``, ``title``, ``author`` or ``url``.

    Raises:
        ValueError: the text is empty or ``published`` is not a date.
    """
    from claimx.engines import process
    from claimx.ingest import normalise_published
    from claimx.types import Article, InputFailure

    anchor = normalise_published(published)
    if anchor is None:
        raise ValueError(f"published must be YYYY-MM-DD or an ISO timestamp, got {published!r}")
    if not text.strip():
        raise ValueError("text is empty")
    article = Article(text=text, id=id, published=anchor, **meta)
    outcome = next(process([article], load(model)))
    if isinstance(outcome, InputFailure):
        raise ValueError(outcome.reason)
    return outcome


def read_records(path: str | Path) -> Iterator[dict[str, Any]]:
    """Yield the records of a claimx JSONL file (``.gz`` is read transparently)."""
    import gzip
    import json

    path = Path(path)
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)
