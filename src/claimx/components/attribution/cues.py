"""Attribution candidates over the dependency parse: cue, source head and content.

The proposer is broad: a cue is a verb whose lemma is in the cue lexicon
(``models/claims/cues.json``) or among the verbs the filter was trained on, a
noun among the filter's cue nouns ("claim", "criticism", "support"),
"according to", or a colon after a short source ("Smith: ..."). A verb cue
offers its clausal content ("said that ...", "..., X added", "he said: ...")
and its object content ("criticized the plan", "vowed to repeal it", "called
for talks") as separate candidates; a noun cue offers its complement ("the
claim that ...", "criticism of X"). Cues inside quotations are proposed too
(nested attributions). The learned filter
(:mod:`claimx.components.attribution.scoring`) keeps the good ones; quotations
are then attached to the kept cues.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import accumulate

from spacy.tokens import Doc, Span, Token

from claimx.components.attribution.index import CueIndex, ReportIndex
from claimx.components.attribution.speakers import SpeakerWords

#: Dependents of a cue that are part of the reporting frame, not of the content.
FRAME_DEPS = frozenset(
    {"nsubj", "nsubjpass", "agent", "aux", "auxpass", "neg", "advmod", "npadvmod", "prt", "punct",
     "cc", "dative", "expl", "mark", "intj", "dep"}
)  # fmt: skip
CLAUSE_DEPS = frozenset({"ccomp", "parataxis"})
OBJECT_DEPS = frozenset({"dobj", "xcomp", "ccomp", "attr", "oprd", "acomp"})
OBJECT_PREPS = frozenset(
    {"for", "about", "of", "against", "over", "to", "on", "with", "at", "as", "into"}
)
NOUN_DEPS = frozenset({"acl", "ccomp", "relcl"})
NOUN_PREPS = frozenset({"of", "for", "about", "on", "against", "over", "to", "with", "that"})
NOUN_SOURCE_PREPS = frozenset({"by", "from"})
LEADING_SKIP = frozenset({"that", "whether", "if", ",", ":", ";", "-", "—", "–"})
SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
INHERIT_SUBJECT = frozenset({"conj", "advcl", "xcomp", "ccomp"})
MAX_COLON_SOURCE = 6
#: ``doc.user_data`` key of the sentence index, present while attributions are found.
SENTENCES = ("claimx_claims", "sentences")
#: Tokens to look back for a line break that starts the paragraph.
MAX_PARAGRAPH_WALK = 200
#: A line this long that ends without sentence punctuation is running text that the
#: sender wrapped, not a headline or dateline: the newline after it is no break.
WRAPPED_LINE = 60
#: Parts of speech a headline or dateline does not end with ("who is also", "of the").
OPEN_ENDED = frozenset({"DET", "ADP", "CCONJ", "SCONJ", "AUX", "PART", "PRON", "ADV"})
#: Characters looked back for the start of a line (a longer line is no short one anyway).
LINE_LOOKBACK = 4 * WRAPPED_LINE
#: ``doc.user_data`` key of the doc's text, present while attributions are found.
TEXT = ("claimx_claims", "text")
_LINE_END_MARKS = frozenset(".!?:;\"”’'")
#: Between a cue and the quotation it introduces with a colon ("he added:\n“...").
COLON_INTRO = re.compile(r"(?:[ \t]*[\w’',-]+){0,4}[ \t]*:\s*(?:``|''|[\"“])?")

#: Scores a candidate (higher is better); the filter's ``score``.
Scorer = Callable[["Attribution"], float]


@dataclass
class Attribution:
    """One attribution found in a Doc: token-level cue and source, char-level content.

    ``rule`` names the frame that gave the content (clause, trailing, colon_after,
    object, noun, according, colon); ``head`` is the token whose subtree holds the
    content, where there is one; ``quoted`` says the cue stands inside a quotation,
    ``nested`` inside the content of a clausal report; ``words`` counts the content's words
    and ``marks`` says where quote marks stand (before, after, inside the content).
    """

    cue: Span | None
    lemma: str
    source: Token | None
    content: tuple[int, int]
    quotes: list[tuple[int, int]] = field(default_factory=list)
    rule: str = ""
    head: Token | None = None
    quoted: bool = False
    nested: bool = False
    score: float = 0.0
    words: int = 0
    marks: tuple[str, ...] = ()


@dataclass(frozen=True)
class CueWords:
    """The lemmas the proposer treats as cues (lexicon verbs, learned verbs and nouns) and the
    speaker word lists it consults."""

    lexicon: dict[str, list[str]]
    verbs: frozenset[str]
    nouns: frozenset[str]
    speakers: SpeakerWords


@dataclass(frozen=True)
class Thresholds:
    """Scores a kept candidate needs: anywhere (``filter.json``'s ``threshold``), inside
    another report's content, inside a quotation (the ``claimx_claims`` settings
    ``nested_threshold``, ``quoted_threshold``); and ``colon_reach``, the characters a colon
    introduction can span (four words, the colon, line breaks): cues further back are not
    tried, so each quotation costs the same in a long document (setting ``colon_reach``)."""

    plain: float
    nested: float
    quoted: float
    colon_reach: int


@contextmanager
def indexed_sentences(doc: Doc) -> Iterator[None]:
    """Within the block, each token's sentence bounds are kept in ``doc.user_data``
    (``Token.sent`` walks the whole sentence on every call)."""
    bounds: list[tuple[int, int]] = []
    for sent in doc.sents:
        bounds.extend([(sent.start, sent.end)] * (sent.end - sent.start))
    doc.user_data[SENTENCES] = bounds
    doc.user_data[TEXT] = doc.text
    try:
        yield
    finally:
        doc.user_data.pop(SENTENCES, None)
        doc.user_data.pop(TEXT, None)


def sentence_of(token: Token) -> tuple[int, int]:
    """Start and end (token indices) of the token's sentence."""
    bounds = token.doc.user_data.get(SENTENCES)
    if bounds is None:
        sent = token.sent
        return sent.start, sent.end
    return bounds[token.i]


def find_attributions(
    doc: Doc,
    text: str,
    words: CueWords,
    quotes: list[tuple[int, int]],
    scorer: Scorer,
    thresholds: Thresholds,
) -> list[Attribution]:
    """Return the attributions in ``doc``: the candidates the scorer keeps, with quotations."""
    with indexed_sentences(doc):
        quoted = quoted_tokens(doc, quotes)
        candidates, pending = propose(doc, words, quoted)
        found = _unnest(select(candidates, scorer, thresholds.plain), thresholds, len(text))
        found = [a for a in found if is_statement(a, words.speakers.quoting)]
        found.extend(select(colons(doc, quoted, found), scorer, thresholds.plain))
        taken = {a.cue.start for a in found if a.cue is not None}
        pending = [p for p in pending if p[0].i not in taken]
        _attach_quotes(doc, text, quotes, found, pending, thresholds.colon_reach)
        return sorted(found, key=lambda a: a.content)


def select(candidates: list[Attribution], scorer: Scorer, threshold: float) -> list[Attribution]:
    """The best-scoring candidate of each cue, where it scores ``threshold`` or more."""
    best: dict[tuple[int, int], Attribution] = {}
    for candidate in candidates:
        candidate.score = scorer(candidate)
        key = (candidate.cue.start, candidate.cue.end) if candidate.cue is not None else (-1, -1)
        if key not in best or candidate.score > best[key].score:
            best[key] = candidate
    return [a for a in best.values() if a.score >= threshold]


def is_statement(attribution: Attribution, quoting: frozenset[str]) -> bool:
    """Whether a candidate attributes a statement to someone: an object-frame candidate of a
    passive participle without a source ("is expected to", "was charged with", "is believed
    to") reports no one's words, nor does the quoter's frame of "quoted him as saying ..."
    (the report is the inner "saying")."""
    if attribution.rule != "object" or attribution.cue is None:
        return True
    cue = attribution.cue[0]
    if cue.lemma_.lower() in quoting and any(
        c.dep_ == "prep" and c.lower_ == "as" and any(g.dep_ == "pcomp" for g in c.children)
        for c in cue.children
    ):
        return False
    if attribution.source is not None:
        return True
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in cue.children)
    return not (cue.tag_ == "VBN" and (passive or cue.dep_ in ("acl", "advcl")))


def _unnest(found: list[Attribution], thresholds: Thresholds, length: int) -> list[Attribution]:
    """Drop attributions whose cue lies in another one's content or in a quotation unless they
    reach the nested or quoted threshold (a report inside a report is often just a clause)."""
    flags = nested_flags(found, found, length)
    return [
        a
        for a, nested in zip(found, flags, strict=True)
        if a.score >= (thresholds.nested if nested else thresholds.quoted if a.quoted else 0.0)
    ]


def nested_flags(items: list[Attribution], hosts: list[Attribution], length: int) -> list[bool]:
    """For each item: whether its cue lies in the content of a host with another cue (linear
    in ``length``, the text's characters)."""
    depth = [0] * (length + 2)
    own: dict[int, int] = {}
    for host in hosts:
        start, end = host.content
        depth[start] += 1
        depth[end] -= 1
        at = _cue_at(host)
        if start <= at < end:
            own[at] = own.get(at, 0) + 1
    covered = list(accumulate(depth))
    return [(at := _cue_at(a)) >= 0 and covered[at] > own.get(at, 0) for a in items]


def _cue_at(attribution: Attribution) -> int:
    """The cue's first character, -1 without a cue."""
    return attribution.cue.start_char if attribution.cue is not None else -1


def propose(
    doc: Doc, words: CueWords, quoted: set[int]
) -> tuple[list[Attribution], list[tuple[Token, Token | None]]]:
    """All candidate attributions but colons, and the clause cues that await a quotation."""
    found: list[Attribution] = []
    pending: list[tuple[Token, Token | None]] = []
    not_sources = words.speakers.not_sources
    for token in doc:
        lemma = token.lemma_.lower()
        inside = token.i in quoted
        following = doc[token.i + 1].lower_ if token.i + 1 < len(doc) else ""
        if token.lower_ == "according" and following == "to":
            attribution = _according_to(token, not_sources)
            if attribution:
                attribution.quoted = inside
                found.append(attribution)
        elif token.pos_ in ("VERB", "AUX") and (lemma in words.lexicon or lemma in words.verbs):
            source = subject_of(token, words.speakers.quoting)
            not_source = source is not None and source.lemma_.lower() in not_sources
            options = [] if not_source else _verb_contents(token, source)
            for rule, content, head in options:
                found.append(
                    Attribution(
                        doc[token.i : token.i + 1], token.lemma_, source, content,
                        rule=rule, head=head, quoted=inside,
                    )
                )  # fmt: skip
            clause_cue = "clause" in words.lexicon.get(lemma, ())
            clausal = any(rule != "object" for rule, _, _ in options)
            if not clausal and source is not None and not inside and clause_cue:
                pending.append((token, source))
        elif token.pos_ == "NOUN" and lemma in words.nouns:
            found.extend(_noun_candidates(token, inside))
    strong = [a for a in found if _reports(a, words.lexicon)]
    length = doc[-1].idx + len(doc[-1].text) if len(doc) else 0
    for attribution, nested in zip(found, nested_flags(found, strong, length), strict=True):
        attribution.nested = nested
    measure(doc, found)
    return found, pending


def measure(doc: Doc, candidates: list[Attribution]) -> None:
    """Set each candidate's ``words`` and ``marks`` (prefix sums: linear in the doc)."""
    if not candidates:
        return
    alpha = [0, *accumulate(t.is_alpha for t in doc)]
    quote = [0, *accumulate(t.is_quote for t in doc)]
    for candidate in candidates:
        span = doc.char_span(*candidate.content, alignment_mode="expand")
        if span is None or not len(span):
            continue
        candidate.words = alpha[span.end] - alpha[span.start]
        marks = []
        if span.start > 0 and doc[span.start - 1].is_quote:
            marks.append("before")
        if span.end < len(doc) and doc[span.end].is_quote:
            marks.append("after")
        if quote[span.end] > quote[span.start]:
            marks.append("inside")
        candidate.marks = tuple(marks)


def _reports(attribution: Attribution, lexicon: dict[str, list[str]]) -> bool:
    """A clausal report by a lexicon verb, or "according to": a host for nested ones."""
    if attribution.rule == "according":
        return True
    clausal = attribution.rule in ("clause", "trailing", "colon_after")
    return clausal and "clause" in lexicon.get(attribution.lemma.lower(), ())


def subject_of(verb: Token, quoting: frozenset[str] = frozenset()) -> Token | None:
    """Return the head of the verb's source: its subject, passive agent or inherited subject;
    for "(the agency) quoted him as saying", "he was quoted as saying" (a verb of ``quoting``)
    the one quoted."""
    if verb.dep_ == "pcomp" and verb.head.lower_ == "as" and verb.head.dep_ == "prep":
        quoter = verb.head.head
        if quoter.lemma_.lower() in quoting:
            quoted = (c for c in quoter.children if c.dep_ in ("dobj", "nsubjpass"))
            return next(quoted, None)
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
        if verb.dep_ not in INHERIT_SUBJECT or verb.head.i == verb.i:
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


def _verb_contents(
    cue: Token, source: Token | None
) -> list[tuple[str, tuple[int, int], Token | None]]:
    """The verb cue's candidate contents: (rule, char span, head) by clause and by object."""
    out: list[tuple[str, tuple[int, int], Token | None]] = []
    sent = sentence_of(cue)
    clause: tuple[str, tuple[int, int] | None, Token | None] | None = None
    for child in cue.children:
        if child.dep_ in CLAUSE_DEPS and (child.i > cue.i or _is_trailing(cue, source)):
            if child.i < cue.i:
                clause = ("trailing", _around_frame(cue, source, sent), None)
            else:
                clause = ("clause", _span(cue.doc, child.left_edge.i, child.right_edge.i), child)
            break
    if clause is None and cue.dep_ in ("parataxis", "conj", "ccomp") and _is_trailing(cue, source):
        clause = ("trailing", _around_frame(cue, source, sent), None)
    colon = cue.i + 1
    if clause is None and colon < sent[1] and cue.doc[colon].text == ":" and colon + 1 < sent[1]:
        clause = ("colon_after", _span(cue.doc, colon + 1, sent[1] - 1), None)
    if clause is not None and clause[1] is not None:
        out.append((clause[0], clause[1], clause[2]))
    heads = [
        child
        for child in cue.children
        if child.i > cue.i
        and (
            child.dep_ in OBJECT_DEPS
            or (child.dep_ == "prep" and child.lower_ in OBJECT_PREPS)
            or (child.dep_ == "advcl" and any(c.lower_ == "for" for c in child.children))
        )
    ]
    span = (
        _span(cue.doc, min(h.left_edge.i for h in heads), max(h.right_edge.i for h in heads))
        if heads
        else None
    )
    if span is not None and (not out or span != out[0][1]):
        out.append(("object", span, heads[0]))
    return out


def _noun_candidates(noun: Token, inside: bool) -> list[Attribution]:
    """ "Trump's claim that ...", "criticism of X by Y", "voiced support for X"."""
    heads = [
        child
        for child in noun.children
        if child.i > noun.i
        and (child.dep_ in NOUN_DEPS or (child.dep_ == "prep" and child.lower_ in NOUN_PREPS))
    ]
    if not heads:
        return []
    content = _span(noun.doc, heads[0].left_edge.i, heads[0].right_edge.i)
    if content is None:
        return []
    source = next((c for c in noun.children if c.dep_ == "poss"), None)
    if source is None:
        by = next(
            (c for c in noun.children if c.dep_ == "prep" and c.lower_ in NOUN_SOURCE_PREPS), None
        )
        if by is not None:
            source = next((c for c in by.children if c.dep_ == "pobj"), None)
    if source is None and noun.dep_ in ("dobj", "attr"):
        source = subject_of(noun.head)
    cue = noun.doc[noun.i : noun.i + 1]
    return [
        Attribution(cue, noun.lemma_, source, content, rule="noun", head=heads[0], quoted=inside)
    ]


def _frame_bounds(cue: Token, source: Token | None) -> tuple[int, int, int]:
    """First token, first word and last token of the frame: the cue, its source and the cue's
    non-content dependents (subtrees are contiguous, so their edges suffice)."""
    pieces = [(cue.i, cue.i)]
    for child in cue.children:
        if child.dep_ in FRAME_DEPS or (child.dep_ == "prep" and child.i > cue.i):
            pieces.append((child.left_edge.i, child.right_edge.i))
    if source is not None:
        pieces.append((source.left_edge.i, source.right_edge.i))
    doc = cue.doc
    words = [
        next((i for i in range(lo, hi + 1) if not doc[i].is_punct), cue.i) for lo, hi in pieces
    ]
    return min(lo for lo, _ in pieces), min(words), max(hi for _, hi in pieces)


def _is_trailing(cue: Token, source: Token | None) -> bool:
    """The source and cue come after the content: "..., the minister said (on Monday)."."""
    _, first, _ = _frame_bounds(cue, source)
    start = _paragraph_start(cue)
    alpha = (t for t in cue.doc[start:first] if t.is_alpha)
    return (
        next(alpha, None) is not None
        and next(alpha, None) is not None
        and (cue.doc[first - 1].is_punct)
    )


def _paragraph_start(token: Token) -> int:
    """First token of the token's sentence, or after the last line break before it (looking
    back ``MAX_PARAGRAPH_WALK`` tokens at most)."""
    start = max(sentence_of(token)[0], token.i - MAX_PARAGRAPH_WALK)
    for i in range(token.i - 1, start - 1, -1):
        if "\n" in token.doc[i].text and _breaks_line(token.doc, i):
            return i + 1
    return start


def _breaks_line(doc: Doc, i: int) -> bool:
    """Whether the newline token ``doc[i]`` ends a paragraph, headline or dateline (see
    :func:`line_break_at`); a line ending in a comma or a function word runs on."""
    token = doc[i]
    before = doc[i - 1].text if i > 0 else "."
    if before[-1] not in _LINE_END_MARKS and (doc[i - 1].pos_ in OPEN_ENDED or before == ","):
        return False  # "X, who is also / Nigerian Oil Minister, said": a wrapped line
    return line_break_at(_text_of(doc), token.idx + token.text.index("\n"))


def line_break_at(text: str, at: int) -> bool:
    """Whether the newline at ``text[at]`` ends a paragraph, headline or dateline rather than
    wrapping running text (a hard-wrapped wire story breaks lines mid-sentence): a blank line,
    the text's end or a quote mark next is a break, a lower-case word next is a wrap, and
    otherwise a short line or one ending a sentence is a break."""
    lookback = max(0, at - LINE_LOOKBACK)
    newline = text.rfind("\n", lookback, at)
    line = text[newline + 1 if newline >= 0 else lookback : at].rstrip()
    after = at + 1
    while after < len(text) and text[after] in " \t\r":
        after += 1
    following = text[after : after + 1]
    if not line or following in ("", "\n", '"', "“", "`", "'"):
        return True
    if following.islower():
        return False
    return len(line) < WRAPPED_LINE or line[-1] in _LINE_END_MARKS


def _has_break(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` holds a line break that is not a wrap."""
    at = text.find("\n", start, end)
    while at >= 0:
        if line_break_at(text, at):
            return True
        at = text.find("\n", at + 1, end)
    return False


def _text_of(doc: Doc) -> str:
    """The doc's text, read once while :func:`indexed_sentences` is active."""
    text = doc.user_data.get(TEXT)
    return text if isinstance(text, str) else doc.text


def _around_frame(
    cue: Token, source: Token | None, sent: tuple[int, int]
) -> tuple[int, int] | None:
    """Content of "X, he said, Y" and "X, he said": the sentence around the frame."""
    first, _, last = _frame_bounds(cue, source)
    doc = cue.doc
    start = _paragraph_start(cue)
    alpha = (t for t in doc[last + 1 : sent[1]] if t.is_alpha)
    if next(alpha, None) is not None and next(alpha, None) is not None:
        return _span(doc, start if start < first else last + 1, sent[1] - 1)
    return _span(doc, start, first - 1)


def _according_to(according: Token, not_sources: frozenset[str]) -> Attribution | None:
    """ "According to X, Y" and "Y, according to X": content is the clause around the phrase."""
    to = according.doc[according.i + 1]
    source = next((c for c in to.children if c.dep_ == "pobj"), None)
    if source is None:
        source = next((c for c in according.children if c.dep_ == "pobj"), None)
    if source is None or source.ent_type_ == "LAW" or source.lemma_ in not_sources:
        return None
    phrase_lo = min(according.left_edge.i, to.left_edge.i)
    phrase_hi = max(according.right_edge.i, to.right_edge.i)
    head = according.head
    while head.dep_ not in ("ROOT", "ccomp", "conj") and head.head.i != head.i:
        head = head.head
    doc = according.doc
    lo, hi = head.left_edge.i, head.right_edge.i
    while lo <= hi and (phrase_lo <= lo <= phrase_hi or doc[lo].is_punct):
        lo += 1
    while hi >= lo and (phrase_lo <= hi <= phrase_hi or doc[hi].is_punct):
        hi -= 1
    content = _span(doc, lo, hi)
    if content is None:
        return None
    return Attribution(
        according.doc[according.i : according.i + 2], "according to", source, content,
        rule="according",
    )  # fmt: skip


def colons(doc: Doc, quoted: set[int], found: list[Attribution]) -> list[Attribution]:
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
        content = _span(doc, colon.i + 1, sent.end - 1)
        if content:
            out.append(
                Attribution(doc[colon.i : colon.i + 1], ":", names[-1], content, rule="colon")
            )
    measure(doc, out)
    return out


def _attach_quotes(
    doc: Doc,
    text: str,
    quotes: list[tuple[int, int]],
    found: list[Attribution],
    pending: list[tuple[Token, Token | None]],
    colon_reach: int,
) -> None:
    """Give each quotation to the cue that introduces it (a colon introduction within
    ``colon_reach`` characters), or to the previous speaker (positions indexed, so each
    quotation costs the same in a long document)."""
    reports = ReportIndex(found)
    cues: CueIndex[Attribution | tuple[Token, Token | None]] = CueIndex(
        [(a.cue[0], (0, n), a) for n, a in enumerate(found) if _introduces(a)]
        + [(p[0], (1, n), p) for n, p in enumerate(pending)]
    )
    for start, end in quotes:
        if len(text[start:end].split()) < 3 or _covered(start, end, reports):
            continue
        near = _nearest_cue(doc, text, (start, end), cues, colon_reach)
        if isinstance(near, Attribution):
            reports.grow(near, start, end)
            near.quotes.append((start, end))
        elif near is not None:
            cue, source = near
            attribution = Attribution(
                doc[cue.i : cue.i + 1], cue.lemma_, source, (start, end), [(start, end)]
            )
            found.append(attribution)
            reports.add(attribution)
            cues.replace(cue, near, attribution, (0, len(found) - 1))
        else:
            last = reports.last_before(start)
            if last is not None and _only_quotes_since(text[last.content[1] : start]):
                reports.grow(last, start, end)
                last.quotes.append((start, end))


def _introduces(attribution: Attribution) -> bool:
    """Whether a kept report's cue can introduce a quotation."""
    return (
        attribution.cue is not None
        and attribution.lemma != "according to"
        and not attribution.quoted
    )


def _nearest_cue(
    doc: Doc,
    text: str,
    quote: tuple[int, int],
    cues: CueIndex[Attribution | tuple[Token, Token | None]],
    colon_reach: int,
) -> Attribution | tuple[Token, Token | None] | None:
    """The cue in the quotation's sentences (outside it, no line break between) closest to it."""
    start, end = quote
    first = doc.char_span(start, end, alignment_mode="expand")
    if first is None or not len(first):
        return None
    lo, hi = sentence_of(first[0])[0], sentence_of(first[-1])[1]
    if hi < len(doc) and doc[hi - 1].is_punct:
        nxt_start, nxt_end = sentence_of(doc[hi])
        if nxt_end - nxt_start <= 12:
            hi = nxt_end
    best: tuple[int, Attribution | tuple[Token, Token | None]] | None = None
    for cue, option in cues.near(lo, hi, start, colon_reach):
        cue_end = cue.idx + len(cue.text)
        if (
            cue.idx < start
            and start - cue_end <= colon_reach
            and COLON_INTRO.fullmatch(text, cue_end, start)
        ):
            return option
        if lo <= cue.i < hi and not start <= cue.idx < end:
            if _has_break(text, *((end, cue.idx) if cue.idx >= end else (cue.idx, start))):
                continue
            distance = cue.idx - end if cue.idx >= end else start - cue.idx
            if best is None or distance < best[0]:
                best = (distance, option)
    return best[1] if best else None


def _covered(start: int, end: int, reports: ReportIndex) -> bool:
    """Half the quotation or more already lies in some attribution's content (not in one the
    quotation itself holds)."""
    for a in reports.overlapping(start, end):
        if a.cue is not None and start <= a.cue.start_char < end:
            continue
        overlap = min(end, a.content[1]) - max(start, a.content[0])
        if overlap * 2 >= end - start:
            if (start, end) not in a.quotes:
                a.quotes.append((start, end))
            reports.grow(a, start, end)
            return True
    return False


def _only_quotes_since(gap: str) -> bool:
    """Nothing but quotations and paragraph breaks lies between the previous claim and here."""
    return len(gap.split()) <= 6 or (gap.count("\n\n") <= 1 and len(gap) < 400)


def quoted_tokens(doc: Doc, quotes: list[tuple[int, int]]) -> set[int]:
    """Indices of tokens inside a quotation."""
    inside: set[int] = set()
    for start, end in quotes:
        span = doc.char_span(start, end, alignment_mode="contract")
        if span is not None:
            inside.update(range(span.start, span.end))
    return inside


def _span(doc: Doc, lo: int, hi: int) -> tuple[int, int] | None:
    """Char span of tokens ``lo..hi`` (inclusive), edge punctuation and "that" trimmed; None
    without a word or number."""
    while lo <= hi and (doc[lo].lower_ in LEADING_SKIP or doc[lo].is_punct or doc[lo].is_space):
        lo += 1
    while hi >= lo and (doc[hi].is_punct or doc[hi].is_space):
        hi -= 1
    if not any(doc[i].is_alpha or doc[i].like_num for i in range(lo, hi + 1)):
        return None
    return doc[lo].idx, doc[hi].idx + len(doc[hi].text)
