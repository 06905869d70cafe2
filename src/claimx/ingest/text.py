"""Text of any bytes: BOM-aware decoding, valid Unicode for JSON, HTML text without a tree."""

from __future__ import annotations

import codecs
import re
from html.parser import HTMLParser

# UTF-32 first: its little-endian BOM starts with the UTF-16 one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
    (codecs.BOM_UTF8, "utf-8-sig"),
)
#: Encodings a byte-order mark announces whose text holds NUL bytes.
WIDE_ENCODINGS = ("utf-16", "utf-32")
_SURROGATE = re.compile("[\ud800-\udfff]")


def bom_encoding(head: bytes) -> str:
    """The encoding a byte-order mark at the start of ``head`` announces, or ``""``."""
    return next((name for bom, name in _BOMS if head.startswith(bom)), "")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    # U+DC80..U+DCFF are the bytes a file name could not decode (os.fsdecode).
    return f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else f"\\u{code:04x}"


def readable(name: str) -> str:
    """``name`` (a file name or an id) as valid Unicode, undecodable parts written out.

    Example:
        >>> readable("caf\\udcff.txt"), readable("id-\\ud800")
        ('caf\\\\xff.txt', 'id-\\\\ud800')
    """
    return _SURROGATE.sub(_escape, name)


def valid_text(text: str) -> str:
    """``text`` with every lone surrogate replaced by U+FFFD (offsets are kept)."""
    return _SURROGATE.sub("\ufffd", text)


_SKIPPED_TAGS = {"script", "style", "noscript", "template", "nav", "header", "footer", "aside"}
_BLOCK_TAGS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "article"}
_BLOCK_TAGS |= {"section", "blockquote", "pre", "table", "ul", "ol", "dd", "dt", "figcaption"}


class _TextCollector(HTMLParser):
    """Collects a page's text in one linear pass, however deep its elements nest."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.pieces: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED_TAGS:
            self.skipping += 1
        elif tag in _BLOCK_TAGS:
            self.pieces.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED_TAGS:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCK_TAGS:
            self.pieces.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.pieces.append(data)


def html_text(html: str) -> str:
    """The visible text of a page (no scripts, navigation, headers or footers), one
    paragraph per line; a fallback for pages an HTML tree parser cannot hold."""
    collector = _TextCollector()
    collector.feed(html)
    collector.close()
    lines = (" ".join(line.split()) for line in "".join(collector.pieces).split("\n"))
    return "\n".join(line for line in lines if line)
