"""The key under which agreement names and aliases are compared."""

from __future__ import annotations

import re
import unicodedata

_APOSTROPHES_AND_HYPHENS = re.compile(r"['’‘\-‐‑–]")
_NOT_ALNUM = re.compile(r"[^0-9a-z]+")


def name_key(text: str) -> str:
    """Fold case, accents, hyphens and punctuation, and drop a leading "the".

    Two spellings of one name get one key, so a gazetteer can hold each
    alias once and text can be matched against it in any case or punctuation.

    Example:
        >>> name_key("The Cease-Fire Agreement (Nagorno-Karabakh)")
        'ceasefire agreement nagornokarabakh'
        >>> name_key("Communiqué of Doha") == name_key("communique of  DOHA.")
        True
    """
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()
    joined = _APOSTROPHES_AND_HYPHENS.sub("", plain)
    key = _NOT_ALNUM.sub(" ", joined).strip()
    return key.removeprefix("the ").strip()
