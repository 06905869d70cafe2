"""The in-process engine: Articles in, claimx/1 records (or failures) out, in order.

The base model's components run through ``nlp.pipe`` in batches; claimx's own
components then run document by document, so a failure in one article becomes
an :class:`InputFailure` for that article alone. Articles longer than
``nlp.max_length`` are parsed in pieces and joined back into one Doc, so
offsets still index the original text. Each window of articles is processed
inside ``nlp.memory_zone()`` so the string store does not grow with the corpus.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from claimx.components.extensions import PUBLISHED
from claimx.engines.limits import DocumentTimeout, time_limit
from claimx.pipeline import claimx_component_names
from claimx.records import build_record
from claimx.types import Article, InputFailure

Record = dict[str, Any]
Outcome = Record | InputFailure

#: Longest piece of text the base model parses at once.
PIECE_CHARS = 100_000
#: Time claimx's own components may spend per piece of a document before it is given up.
SECONDS_PER_PIECE = 30.0
_BREAKS = (re.compile(r"\n\s*\n"), re.compile(r"\n"), re.compile(r"[.!?]\s"), re.compile(r"\s"))


def process(
    items: Iterable[Article | InputFailure],
    nlp: Language,
    *,
    batch_size: int = 64,
    window: int = 512,
) -> Iterator[Outcome]:
    """Yield one record or InputFailure per item, in the order of ``items``.

    Outcomes stream out batch by batch; every ``window`` items share one memory zone.
    """
    iterator = iter(items)
    while chunk := list(itertools.islice(iterator, window)):
        with nlp.memory_zone():
            yield from _process_window(chunk, nlp, batch_size)


def _process_window(
    chunk: list[Article | InputFailure], nlp: Language, batch_size: int
) -> Iterator[Outcome]:
    docs = _parse([item for item in chunk if isinstance(item, Article)], nlp, batch_size)
    broken = False
    for item in chunk:
        if isinstance(item, InputFailure):
            yield item
            continue
        parsed: Doc | InputFailure | None = None
        if not broken:
            try:
                parsed = next(docs)
            except Exception:
                # A batch broke the base model: parse the rest one article at a time.
                broken = True
        if parsed is None:
            parsed = _parse_one(item, nlp, batch_size)
        yield parsed if isinstance(parsed, InputFailure) else _annotate(parsed, item, nlp)


def _parse_one(article: Article, nlp: Language, batch_size: int) -> Doc | InputFailure:
    try:
        return next(_parse([article], nlp, batch_size))
    except Exception as exc:
        return _failure(article, f"base pipeline failed: {type(exc).__name__}: {exc}")


def _parse(articles: list[Article], nlp: Language, batch_size: int) -> Iterator[Doc]:
    """Run the base components over ``articles``; yields one Doc per article, in order."""
    pieces = (
        (nlp.make_doc(piece), index)
        for index, article in enumerate(articles)
        for piece in split_text(article.text, PIECE_CHARS)
    )
    parsed = nlp.pipe(
        pieces, as_tuples=True, batch_size=batch_size, disable=claimx_component_names(nlp)
    )
    for _, group in itertools.groupby(parsed, key=lambda pair: pair[1]):
        parts = [doc for doc, _ in group]
        yield parts[0] if len(parts) == 1 else Doc.from_docs(parts, ensure_whitespace=False)


def _annotate(doc: Doc, article: Article, nlp: Language) -> Outcome:
    doc._.set(PUBLISHED, article.published)
    stage = ""
    limit = SECONDS_PER_PIECE * (1 + len(article.text) // PIECE_CHARS)
    try:
        with time_limit(limit):
            for stage in claimx_component_names(nlp):
                doc = nlp.get_pipe(stage)(doc)
            stage = "records"
            return build_record(doc, article)
    except DocumentTimeout:
        return _failure(article, f"timed out after {limit:g} s in {stage}")
    except Exception as exc:
        return _failure(article, f"internal error in {stage}: {type(exc).__name__}: {exc}")


def _failure(article: Article, reason: str) -> InputFailure:
    return InputFailure(reason=reason, origin=article.origin, id=article.id)


def split_text(text: str, limit: int) -> list[str]:
    """Cut ``text`` into pieces of at most ``limit`` characters at natural breaks.

    Prefers paragraph breaks, then line breaks, sentence ends and spaces; the
    pieces joined give ``text`` back exactly.
    """
    pieces = []
    start = 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        cut = 0
        for pattern in _BREAKS:
            ends = [m.end() for m in pattern.finditer(window, limit // 2)]
            if ends:
                cut = ends[-1]
                break
        cut = cut or limit
        pieces.append(text[start : start + cut])
        start += cut
    pieces.append(text[start:])
    return pieces
