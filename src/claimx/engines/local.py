"""The in-process engine: Articles in, claimx/1 records (or failures) out, in order.

The base model's components run through ``nlp.pipe`` in batches; claimx's own
components then run document by document, so a failure in one article becomes
an :class:`InputFailure` for that article alone. Articles longer than
``PIECE_CHARS`` are parsed in pieces and joined back into one Doc, so offsets
still index the original text. Each block of articles is processed inside
``nlp.memory_zone()`` so the string store does not grow with the corpus.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator
from typing import Any, TypeVar

import numpy
from spacy.language import Language
from spacy.tokens import Doc

from claimx.components.extensions import PUBLISHED
from claimx.engines.limits import DocumentTimeout, time_limit
from claimx.engines.options import MAX_CHARS
from claimx.pipeline import claimx_component_names
from claimx.records import build_record
from claimx.types import Article, InputFailure

T = TypeVar("T")
Record = dict[str, Any]
Outcome = Record | InputFailure

#: Longest piece of text the base model parses at once, in characters and in tokens
#: (100,000 characters of news make about 22,000 tokens; other text can make many more).
PIECE_CHARS = 100_000
PIECE_TOKENS = 25_000
#: Most tokens parsed in one ``nlp.pipe`` batch: the base model's memory grows with a
#: batch's length, and larger batches are no faster.
BATCH_TOKENS = 50_000
#: Time claimx's own components may spend per piece of a document before it is given up.
SECONDS_PER_PIECE = 30.0
#: A run of non-space characters longer than this is tokenized in chunks of ``WORD_CHUNK``:
#: spaCy's tokenizer takes time quadratic in the length of a run of punctuation (1,600
#: quote marks in a row: 1 s; 100,000: hours), and no word in running text is this long.
LONG_WORD = 200
WORD_CHUNK = 100
_LONG_WORD = re.compile(rf"\S{{{LONG_WORD + 1},}}")
_BREAKS = (re.compile(r"\n\s*\n"), re.compile(r"\n"), re.compile(r"[.!?]\s"), re.compile(r"\s"))


def process(
    items: Iterable[Article | InputFailure],
    nlp: Language,
    *,
    batch_size: int = 64,
    start: int = 0,
    max_chars: int = MAX_CHARS,
) -> Iterator[Outcome]:
    """Yield one record or InputFailure per item, in the order of ``items``.

    An article longer than ``max_chars`` characters becomes an InputFailure
    before anything parses it.

    Items are parsed in blocks that end at input positions divisible by
    ``batch_size`` (``start`` is the position of the first item in the whole
    input), each block as one batch in its own memory zone. The model's numbers
    depend slightly on which documents share a batch, so cutting blocks by
    position, not by engine, is what makes every engine, worker count and
    resumed run produce the same records.
    """
    for block in aligned_blocks(limit_length(items, max_chars), batch_size, start):
        with nlp.memory_zone():
            yield from _process_block(block, nlp)


def limit_length(
    items: Iterable[Article | InputFailure], max_chars: int
) -> Iterator[Article | InputFailure]:
    """``items``, with every article longer than ``max_chars`` turned into an InputFailure."""
    for item in items:
        if isinstance(item, Article) and len(item.text) > max_chars:
            yield _failure(
                item,
                f"document too long: {len(item.text):,} characters, more than --max-chars "
                f"{max_chars:,} (raise --max-chars to process it)",
            )
        else:
            yield item


def aligned_blocks(items: Iterable[T], size: int, start: int = 0) -> Iterator[list[T]]:
    """Cut ``items`` into lists ending at positions divisible by ``size``.

    ``start`` is the position of the first item, so the first list may be shorter.

    Example:
        >>> [len(b) for b in aligned_blocks(range(10), 4, start=2)]
        [2, 4, 4]
    """
    iterator = iter(items)
    block = list(itertools.islice(iterator, size - start % size))
    while block:
        yield block
        block = list(itertools.islice(iterator, size))


def _process_block(block: list[Article | InputFailure], nlp: Language) -> Iterator[Outcome]:
    articles = [item for item in block if isinstance(item, Article)]
    docs = _parse_safely(articles, nlp)
    for item in block:
        if isinstance(item, InputFailure):
            yield item
            continue
        doc = next(docs)
        yield doc if isinstance(doc, InputFailure) else _annotate(doc, item, nlp)


def _parse_safely(articles: list[Article], nlp: Language) -> Iterator[Doc | InputFailure]:
    """The parsed Doc of each article as it is ready (one long article's Doc at a time)."""
    done = 0
    try:
        for doc in parse(articles, nlp):
            yield doc
            done += 1
    except Exception:
        # Something in the batch broke the base model: parse the rest one by one.
        yield from (_parse_one(article, nlp) for article in articles[done:])


def _parse_one(article: Article, nlp: Language) -> Doc | InputFailure:
    try:
        return next(parse([article], nlp))
    except Exception as exc:
        return _failure(article, f"base pipeline failed: {type(exc).__name__}: {exc}")


def parse(articles: list[Article], nlp: Language) -> Iterator[Doc]:
    """Run the base components over ``articles``; yields one Doc per article, in order.

    The articles' pieces go through ``nlp.pipe`` in batches of at most
    ``BATCH_TOKENS`` tokens.
    """
    pieces = (
        (piece, index)
        for index, article in enumerate(articles)
        for piece in _pieces(nlp, article.text, PIECE_CHARS)
    )
    disabled = claimx_component_names(nlp)
    parsed = (
        pair
        for batch in _batches(pieces)
        for pair in nlp.pipe(batch, as_tuples=True, batch_size=len(batch), disable=disabled)
    )
    for _, group in itertools.groupby(parsed, key=lambda pair: pair[1]):
        parts = [_without_tensor(doc) for doc, _ in group]
        yield parts[0] if len(parts) == 1 else _joined(parts)


def _without_tensor(doc: Doc) -> Doc:
    """Drop the base model's token vectors (96 floats a token; no claimx component
    reads them), so a long document's parsed pieces take less memory."""
    doc.tensor = numpy.zeros((0,), dtype="float32")
    return doc


def _joined(parts: list[Doc]) -> Doc:
    return Doc.from_docs(parts, ensure_whitespace=False, exclude=["tensor"])


def tokenize(nlp: Language, text: str) -> Doc:
    """``nlp.make_doc(text)``, with runs longer than ``LONG_WORD`` cut into chunks of
    ``WORD_CHUNK`` characters, each tokenized alone (the Doc's text is still ``text``)."""
    bounds = [0]
    for match in _LONG_WORD.finditer(text):
        bounds.extend(range(match.start(), match.end(), WORD_CHUNK))
        bounds.append(match.end())
    if len(bounds) == 1:
        return nlp.make_doc(text)
    bounds.append(len(text))
    return _joined([nlp.make_doc(text[a:b]) for a, b in itertools.pairwise(bounds) if b > a])


def _pieces(nlp: Language, text: str, limit: int) -> Iterator[Doc]:
    """``text`` tokenized in pieces of at most ``limit`` characters and ``PIECE_TOKENS``
    tokens (a piece with too many tokens is cut again, shorter)."""
    for piece in split_text(text, limit):
        doc = tokenize(nlp, piece)
        if len(doc) <= PIECE_TOKENS:
            yield doc
        else:
            yield from _pieces(nlp, piece, max(len(piece) * PIECE_TOKENS // len(doc), 1))


def _batches(pieces: Iterable[tuple[Doc, int]]) -> Iterator[list[tuple[Doc, int]]]:
    batch: list[tuple[Doc, int]] = []
    tokens = 0
    for piece in pieces:
        size = len(piece[0])
        if batch and tokens + size > BATCH_TOKENS:
            yield batch
            batch, tokens = [], 0
        batch.append(piece)
        tokens += size
    if batch:
        yield batch


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
