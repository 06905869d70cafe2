"""Attribution rules over the dependency parse: cue, source head and content.

A cue is a verb whose lemma is in the cue lexicon (``models/claims/cues.json``),
"according to", or a colon after a short source ("Smith: ..."). Its content is
found by the lemma's frames: ``clause`` takes a clausal complement ("said that
...", "..., X added", a quotation the cue introduces), ``object`` takes the
object, infinitive or prepositional complement ("criticized the plan",
"vowed to repeal it", "called for talks").
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from claimx.normalize.speakers import speaker_words

#: Dependents of a cue that are part of the reporting frame, not of the content.
FRAME_DEPS = frozenset(
    {"nsubj", "nsubjpass", "agent", "aux", "auxpass", "neg", "advmod", "npadvmod", "prt", "punct",
     "cc", "dative", "expl", "mark", "intj", "dep"}
)  # fmt: skip
CLAUSE_DEPS = frozenset({"ccomp", "parataxis"})
OBJECT_DEPS = frozenset({"dobj", "xcomp", "ccomp", "attr", "oprd", "acomp"})
OBJECT_PREPS = frozenset({"for", "about", "of", "against", "over"})
LEADING_SKIP = frozenset({"that", "whether", "if", ",", ":", ";", "-", "—", "–"})
SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
INHERIT_SUBJECT = frozenset({"conj", "advcl", "xcomp", "ccomp"})
MAX_COLON_SOURCE = 6


@dataclass
class Attribution:
    """One attribution found in a Doc: token-level cue and source, char-level content."""

    cue: Span | None
    lemma: str
    source: Token | None
    content: tuple[int, int]
    quotes: list[tuple[int, int]] = field(default_factory=list)


def find_attributions(
    doc: Doc, text: str, lexicon: dict[str, list[str]], quotes: list[tuple[int, int]]
) -> list[Attribution]:
    """Return the attributions in ``doc``: verb cues, "according to", colons, then quotations."""
    found: list[Attribution] = []
    pending: list[tuple[Token, Token | None]] = []
    quoted = _quoted_tokens(doc, quotes)
    for token in doc:
        if token.i in quoted:
            continue
        frames = lexicon.get(token.lemma_.lower())
        if frames and token.pos_ in ("VERB", "AUX") and token.dep_ not in ("amod", "acl"):
            source = subject_of(token)
            content = _content(token, frames, source)
            if content:
                found.append(Attribution(doc[token.i : token.i + 1], token.lemma_, source, content))
            elif source is not None and "clause" in frames:
                pending.append((token, source))
        elif (
            token.lower_ == "according"
            and token.i + 1 < len(doc)
            and doc[token.i + 1].lower_ == "to"
        ):
            attribution = _according_to(token)
            if attribution:
                found.append(attribution)
    found.extend(_colons(doc, quoted, found))
    _attach_quotes(doc, text, quotes, found, pending)
    return sorted(found, key=lambda a: a.content)


def subject_of(verb: Token) -> Token | None:
    """Return the head of the verb's source: its subject, passive agent or inherited subject."""
    for _ in range(4):
        for child in verb.children:
            if child.dep_ in SUBJECT_DEPS:
                if child.lower_ in ("who", "that", "which") and verb.dep_ == "relcl":
                    return verb.head
                return _same_line_subject(child, verb)
            if child.dep_ == "agent":
                return next((c for c in child.children if c.dep_ == "pobj"), None)
        if verb.dep_ == "relcl":
            return verb.head
        if verb.dep_ not in INHERIT_SUBJECT or verb.head is verb:
            return None
        if any(c.dep_ == "nsubjpass" for c in verb.children):
            return None
        verb = verb.head
    return None


def _same_line_subject(subject: Token, verb: Token) -> Token | None:
    """The subject, or when a line break (a merged headline) parts it from the verb, the last
    noun between that break and the verb."""
    start = _paragraph_start(verb)
    if subject.i >= start:
        return subject
    nouns = [t for t in verb.doc[start : verb.i] if t.pos_ in ("NOUN", "PROPN", "PRON")]
    return nouns[-1] if nouns else None


def _content(cue: Token, frames: list[str], source: Token | None) -> tuple[int, int] | None:
    """The content's char span for a verb cue, by its frames; None when it has none."""
    sent = cue.sent
    if "clause" in frames:
        for child in cue.children:
            if child.dep_ in CLAUSE_DEPS and (child.i > cue.i or _is_trailing(cue, source)):
                if child.i < cue.i:
                    return _around_frame(cue, source, sent)
                return _char_span(list(child.subtree))
        if cue.dep_ in ("parataxis", "conj", "ccomp") and _is_trailing(cue, source):
            return _around_frame(cue, source, sent)
        colon = cue.i + 1
        if colon < sent.end and cue.doc[colon].text == ":" and colon + 1 < sent.end:
            return _char_span(list(cue.doc[colon + 1 : sent.end]))
    if "object" in frames:
        pieces = [
            t
            for child in cue.children
            if child.i > cue.i
            and (
                child.dep_ in OBJECT_DEPS or (child.dep_ == "prep" and child.lower_ in OBJECT_PREPS)
            )
            for t in child.subtree
        ]
        if pieces:
            return _char_span(pieces)
    return None


def _frame_tokens(cue: Token, source: Token | None) -> set[int]:
    """Token indices of the cue, its source and the cue's non-content dependents."""
    frame = {cue.i}
    for child in cue.children:
        if child.dep_ in FRAME_DEPS or (child.dep_ == "prep" and child.i > cue.i):
            frame.update(t.i for t in child.subtree)
    if source is not None:
        frame.update(t.i for t in source.subtree)
    return frame


def _is_trailing(cue: Token, source: Token | None) -> bool:
    """The source and cue come after the content: "..., the minister said (on Monday)."."""
    first = min(i for i in _frame_tokens(cue, source) if not cue.doc[i].is_punct)
    start = _paragraph_start(cue)
    before = [t for t in cue.doc[start:first] if t.is_alpha]
    return len(before) >= 2 and cue.doc[first - 1].is_punct


def _paragraph_start(token: Token) -> int:
    """First token of the token's sentence, or after the last line break before it."""
    start = token.sent.start
    for i in range(token.i - 1, start - 1, -1):
        if "\n" in token.doc[i].text:
            return i + 1
    return start


def _around_frame(cue: Token, source: Token | None, sent: Span) -> tuple[int, int] | None:
    """Content of "X, he said, Y" and "X, he said": the sentence around the frame."""
    frame = _frame_tokens(cue, source)
    first, last = min(frame), max(frame)
    before = list(cue.doc[_paragraph_start(cue) : first])
    after = [t for t in cue.doc[last + 1 : sent.end] if t.i not in frame]
    if sum(t.is_alpha for t in after) >= 2:
        return _char_span(before + after)
    return _char_span(before)


def _according_to(according: Token) -> Attribution | None:
    """ "According to X, Y" and "Y, according to X": content is the clause around the phrase."""
    to = according.doc[according.i + 1]
    source = next((c for c in to.children if c.dep_ == "pobj"), None)
    if source is None:
        source = next((c for c in according.children if c.dep_ == "pobj"), None)
    if source is None or source.ent_type_ == "LAW" or source.lemma_ in speaker_words().not_sources:
        return None
    phrase = {t.i for t in according.subtree} | {t.i for t in to.subtree} | {according.i, to.i}
    head = according.head if according.head is not according else according
    while head.dep_ not in ("ROOT", "ccomp", "conj") and head.head is not head:
        head = head.head
    tokens = [t for t in head.subtree if t.i not in phrase]
    content = _char_span(tokens)
    if content is None:
        return None
    return Attribution(
        according.doc[according.i : according.i + 2], "according to", source, content
    )


def _colons(doc: Doc, quoted: set[int], found: list[Attribution]) -> list[Attribution]:
    """ "Smith: we will win": a short source before a colon opening its sentence."""
    taken = {a.cue.start for a in found if a.cue is not None}
    out = []
    for sent in doc.sents:
        colon = next((t for t in sent[: MAX_COLON_SOURCE + 1] if t.text == ":"), None)
        if colon is None or colon.i in quoted or colon.i + 2 >= sent.end:
            continue
        head_part = doc[sent.start : colon.i]
        if any(t.pos_ in ("VERB", "AUX") or t.i in taken for t in head_part):
            continue
        names = [t for t in head_part if t.pos_ in ("PROPN", "NOUN", "PRON")]
        if not names:
            continue
        content = _char_span(list(doc[colon.i + 1 : sent.end]))
        if content:
            out.append(Attribution(doc[colon.i : colon.i + 1], ":", names[-1], content))
    return out


def _attach_quotes(
    doc: Doc,
    text: str,
    quotes: list[tuple[int, int]],
    found: list[Attribution],
    pending: list[tuple[Token, Token | None]],
) -> None:
    """Give each quotation to the cue that introduces it, or to the previous speaker."""
    for start, end in quotes:
        if len(text[start:end].split()) < 3 or _covered(start, end, found):
            continue
        near = _nearest_cue(doc, start, end, found, pending)
        if isinstance(near, Attribution):
            near.content = (min(near.content[0], start), max(near.content[1], end))
            near.quotes.append((start, end))
        elif near is not None:
            cue, source = near
            pending.remove(near)
            found.append(
                Attribution(
                    doc[cue.i : cue.i + 1], cue.lemma_, source, (start, end), [(start, end)]
                )
            )
        else:
            previous = [a for a in found if a.content[1] <= start and a.source is not None]
            last = max(previous, key=lambda a: a.content, default=None)
            if last is not None and _only_quotes_since(text[last.content[1] : start]):
                last.content = (last.content[0], end)
                last.quotes.append((start, end))


def _nearest_cue(
    doc: Doc,
    start: int,
    end: int,
    found: list[Attribution],
    pending: list[tuple[Token, Token | None]],
) -> Attribution | tuple[Token, Token | None] | None:
    """The cue in the quotation's sentences (outside it) closest to it."""
    first = doc.char_span(start, end, alignment_mode="expand")
    if first is None or not len(first):
        return None
    lo, hi = first[0].sent.start, first[-1].sent.end
    if hi < len(doc) and doc[hi - 1].is_punct:
        nxt = doc[hi].sent
        if nxt.end - nxt.start <= 12:
            hi = nxt.end
    best: tuple[int, Attribution | tuple[Token, Token | None]] | None = None
    options: list[tuple[Token, Attribution | tuple[Token, Token | None]]] = [
        (a.cue[0], a) for a in found if a.cue is not None and a.lemma != "according to"
    ]
    options += [(p[0], p) for p in pending]
    for cue, option in options:
        if lo <= cue.i < hi and not start <= cue.idx < end:
            distance = cue.idx - end if cue.idx >= end else start - cue.idx
            if best is None or distance < best[0]:
                best = (distance, option)
    return best[1] if best else None


def _covered(start: int, end: int, found: list[Attribution]) -> bool:
    """Half the quotation or more already lies in some attribution's content."""
    for a in found:
        overlap = min(end, a.content[1]) - max(start, a.content[0])
        if overlap * 2 >= end - start:
            if (start, end) not in a.quotes:
                a.quotes.append((start, end))
            a.content = (min(start, a.content[0]), max(end, a.content[1]))
            return True
    return False


def _only_quotes_since(gap: str) -> bool:
    """Nothing but quotations and paragraph breaks lies between the previous claim and here."""
    return len(gap.split()) <= 6 or (gap.count("\n\n") <= 1 and len(gap) < 400)


def _quoted_tokens(doc: Doc, quotes: list[tuple[int, int]]) -> set[int]:
    """Indices of tokens inside a quotation."""
    inside: set[int] = set()
    for start, end in quotes:
        span = doc.char_span(start, end, alignment_mode="contract")
        if span is not None:
            inside.update(range(span.start, span.end))
    return inside


def _char_span(tokens: list[Token]) -> tuple[int, int] | None:
    """Char span from the first to the last token, edge punctuation and "that" trimmed."""
    tokens = sorted(tokens, key=lambda t: t.i)
    while tokens and (tokens[0].lower_ in LEADING_SKIP or tokens[0].is_punct or tokens[0].is_space):
        tokens.pop(0)
    while tokens and (tokens[-1].is_punct or tokens[-1].is_space):
        tokens.pop()
    if not tokens or not any(t.is_alpha or t.like_num for t in tokens):
        return None
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
