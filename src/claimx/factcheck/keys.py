"""Pure functions that turn extracted phrases into comparison keys.

They are deliberately simple and explainable: a person reading the key in
``claimx compare`` output should be able to see why two statements were put
side by side. DuckDB calls them as SQL functions (see :mod:`claimx.factcheck.compare`).
"""

from __future__ import annotations

import re

# Words after which a noun phrase's head has been passed ("citizens of Azerbaijan").
_CUT = re.compile(
    r"\s*(?:,|;|\(|\b(?:of|in|at|from|on|near|including|who|which|that|after|during|with|by"
    r"|among|for|across|since|close|familiar|speaking)\b).*$",
    re.IGNORECASE | re.DOTALL,
)
_WORD = re.compile(r"[^\W\d_][\w'-]*")
_PROPER = re.compile(r"\b[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)*")
_DETERMINERS = {"a", "an", "the", "this", "that", "these", "those", "some", "its", "their"}
_PLURALS = {"person": "people", "child": "children", "man": "men", "woman": "women"}
_INVARIANT = {"people", "children", "men", "women", "police", "staff", "personnel", "military"}
_SAME_AS_PEOPLE = {"persons", "individuals", "bodies", "victims", "dead", "lives", "casualties"}

# Heads of speakers that name nobody in particular (surface forms: "authorities" is vague,
# "the regional water authority" is not).
VAGUE_HEADS = frozenset(
    {
        *("official", "officials", "source", "sources", "expert", "experts", "analyst"),
        *("analysts", "observer", "observers", "witness", "witnesses", "resident", "residents"),
        *("locals", "neighbours", "neighbors", "reports", "media", "diplomat", "diplomats"),
        *("insider", "insiders", "authorities", "people", "someone", "activists", "critics"),
        *("volunteers", "rescuers", "relatives", "survivors"),
        *("he", "she", "they", "it", "we", "i", "you"),
    }
)
_VAGUE_OPENERS = {
    "a",
    "an",
    "some",
    "several",
    "many",
    "unnamed",
    "anonymous",
    "unidentified",
    "certain",
}
_SKIP_AFTER_FIGURE = _DETERMINERS | {
    "of",
    "to",
    "for",
    "each",
    "every",
    "per",
    "more",
    "than",
    "about",
    "around",
    "another",
    "additional",
    "other",
    "new",
    "from",
    "in",
    "on",
    "at",
    "into",
    "by",
    "with",
}


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def head_word(phrase: str) -> str:
    """Return the last word before the phrase's first preposition or clause, lower-cased.

    Example:
        >>> head_word("citizens of Azerbaijan")
        'citizens'
    """
    words = _words(_CUT.sub("", phrase))
    return words[-1].lower().removesuffix("'s").removesuffix("'") if words else ""


def singular(word: str) -> str:
    """Crude English singular: ``families`` -> ``family``, ``officials`` -> ``official``."""
    for one, many in _PLURALS.items():
        if word == many:
            return one
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("sses"):
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def plural(word: str) -> str:
    """Crude English plural, the form victim groups are keyed by (``civilian`` -> ``civilians``)."""
    if not word or word in _INVARIANT:
        return word
    one = singular(word)
    if one in _PLURALS:
        return _PLURALS[one]
    if one.endswith("y") and one[-2:-1] not in "aeiou":
        return one[:-1] + "ies"
    return one + ("es" if one.endswith(("s", "x", "ch", "sh")) else "s")


def victim_group(group: str) -> str:
    """Key a casualty's victim group by its plural head noun.

    ``"Azerbaijani civilians"`` -> ``civilians``; ``"citizens of Azerbaijan"`` ->
    ``citizens``; ``"persons"``, ``"bodies"``, ``"victims"`` -> ``people``.
    """
    word = plural(head_word(group))
    return "people" if word in _SAME_AS_PEOPLE else word


def place(location: str) -> str:
    """Key a location by its first proper name; a description without one is no key.

    ``"the town of Novoselsk"`` and ``"Novoselsk and the village of Karaoy"`` both
    give ``novoselsk``; ``"the flooded town"`` gives ``""`` (the place is not named,
    so it cannot tell two events apart, nor join them).
    """
    for match in _PROPER.finditer(location):
        name = " ".join(w for w in match.group().split() if w.lower() not in _DETERMINERS)
        if name:
            return name.casefold()
    return ""


def phrase(text: str) -> str:
    """Lower-case words without determiners: ``"The dam collapse"`` -> ``dam collapse``."""
    return " ".join(w for w in (w.lower() for w in _words(text)) if w not in _DETERMINERS)


def period(since: str, until: str) -> str:
    """Key the period a count covers: ``since 2020-11-10``, ``until …``, ``A..B`` or ``""``."""
    if since and until:
        return f"{since}..{until}"
    if since:
        return f"since {since}"
    return f"until {until}" if until else ""


def is_vague(name: str) -> bool:
    """True for a speaker that names nobody in particular.

    Unresolved pronouns, unnamed groups ("officials", "Ukrainian officials",
    "a source close to the talks") and vague quantities ("some experts").
    """
    words = [w.lower() for w in _words(name)]
    if not words:
        return True
    return words[0] in _VAGUE_OPENERS or head_word(name) in VAGUE_HEADS


def counted(content: str, content_start: int, figure_start: int, figure_end: int) -> str:
    """What a figure counts: the first content word after it inside its claim's text.

    ``"pay 1 million tenge to each family whose home ..."`` with the figure
    ``1 million tenge`` gives ``family``. Returns ``""`` when the figure lies
    outside the content or punctuation comes first.
    """
    offset = figure_end - content_start
    if figure_start < content_start or offset > len(content):
        return ""
    for token in re.findall(r"[^\W\d_][\w'-]*|[^\w\s]", content[offset:]):
        if not token[0].isalpha():
            return ""
        if token.lower() not in _SKIP_AFTER_FIGURE:
            return singular(token.lower())
    return ""
