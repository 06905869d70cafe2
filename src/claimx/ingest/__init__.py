"""Ingest: turn files, directories, globs and stdin into Articles."""

from claimx.ingest.header import Header, parse_header
from claimx.ingest.readers import (
    DEFAULT_FIELDS,
    FORMATS,
    FieldMap,
    expand,
    normalise_published,
    read_inputs,
)

__all__ = [
    "DEFAULT_FIELDS",
    "FORMATS",
    "FieldMap",
    "Header",
    "expand",
    "normalise_published",
    "parse_header",
    "read_inputs",
]
