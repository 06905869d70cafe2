"""The learned candidate filter: a logistic regression over sparse string features.

Weights, threshold and the learned cue lemmas live in ``models/claims/filter.json``
(written by ``training/train_claims_filter.py``). A candidate's score is
the sigmoid of the summed weights of its features.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from spacy.tokens import Token

from claimx.components.attribution.cues import Attribution, CueWords
from claimx.components.attribution.speakers import SpeakerWords

FILTER_FILE = "claims/filter.json"
#: Content length buckets, in words.
LENGTHS = (1, 2, 4, 8, 16, 32)


def features(candidate: Attribution, words: CueWords) -> list[str]:
    """The candidate's features: cue, frame, source and content shape."""
    lexicon = words.lexicon
    rule = candidate.rule
    lemma = candidate.lemma.lower()
    cue = candidate.cue[0] if candidate.cue is not None else None
    feats = ["bias", f"rule={rule}", f"lemma={lemma}", f"lemma_rule={lemma}|{rule}"]
    frames = lexicon.get(lemma)
    if frames is not None:
        frame = "clause" if rule in ("clause", "trailing", "colon_after") else rule
        feats.append(f"lex_frame={frame in frames}|{rule}")
    if cue is not None:
        feats += [f"dep={cue.dep_}", f"tag={cue.tag_}", f"rule_dep={rule}|{cue.dep_}"]
        children = {c.dep_ for c in cue.children}
        if "neg" in children:
            feats.append("neg")
        if "nsubjpass" in children or "auxpass" in children:
            feats.append(f"passive|{rule}")
        if cue.dep_ in ("amod", "acl", "relcl", "xcomp", "advcl", "pcomp", "pobj"):
            feats.append(f"lemma_dep={lemma}|{cue.dep_}")
    head = candidate.head
    if head is not None:
        link = f"{head.dep_}:{head.lower_}" if head.dep_ == "prep" else head.dep_
        feats += [f"link={link}|{rule}", f"lemma_link={lemma}|{link}", f"head_tag={head.tag_}"]
        first = head.left_edge
        feats.append(f"first={first.lower_ if first.is_stop or first.is_punct else first.pos_}")
        word = head.lemma_.lower()
        if head.dep_ == "prep":
            pobj = next((c for c in head.children if c.dep_ in ("pobj", "pcomp")), None)
            word = f"{head.lower_} {pobj.lemma_.lower()}" if pobj is not None else word
        feats += [f"head_word={word}", f"lemma_head_word={lemma}|{word}"]
    if cue is not None and cue.i + 1 < len(cue.doc):
        feats.append(f"next={lemma}|{cue.doc[cue.i + 1].lower_}")
    source_feats = _source_features(candidate.source, rule, words.speakers)
    feats += source_feats
    feats.append(f"lemma_{source_feats[0]}|{lemma}")
    start, end = candidate.content
    feats.append(f"len={_bucket(candidate.words)}|{rule}")
    feats += [f"quote_mark={mark}|{rule}" for mark in candidate.marks]
    if candidate.nested:
        feats += ["nested", f"nested_rule={rule}", f"nested_lex={frames is not None}"]
    if candidate.quoted:
        feats += ["quoted", f"quoted_rule={rule}"]
    if cue is not None:
        position = "before" if cue.idx < start else "inside" if cue.idx < end else "after"
        feats.append(f"cue_at={position}|{rule}")
    return feats


def _source_features(source: Token | None, rule: str, lists: SpeakerWords) -> list[str]:
    """Whether there is a source, and what kind of word it is."""
    if source is None:
        return [f"src=none|{rule}"]
    kind = source.ent_type_ or source.pos_
    if source.lower_ in lists.pronouns:
        kind = f"pron:{source.lower_}"
    elif source.lemma_.lower() in lists.documents:
        kind = "document"
    return [f"src={kind}|{rule}", f"src_any|{rule}", f"src_word={source.lemma_.lower()}"]


def _bucket(n: int) -> int:
    """The largest bucket bound not above ``n``."""
    return max((b for b in LENGTHS if b <= n), default=0)


@dataclass
class CandidateFilter:
    """Scores candidates with the trained weights of ``models/claims/filter.json``."""

    weights: dict[str, float]
    threshold: float
    words: CueWords

    def score(self, candidate: Attribution) -> float:
        """The probability that the candidate is an attribution PolNeAR would annotate."""
        z = sum(self.weights.get(f, 0.0) for f in features(candidate, self.words))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def load_filter(
    data: dict, lexicon: dict[str, list[str]], speakers: SpeakerWords
) -> tuple[CandidateFilter, CueWords]:
    """The filter and the cue words of a ``filter.json`` dict."""
    words = CueWords(lexicon, frozenset(data["verbs"]), frozenset(data["nouns"]), speakers)
    return CandidateFilter(data["weights"], data["threshold"], words), words
