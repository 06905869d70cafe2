"""The claimx/1 JSON Schema (``claimx-1.schema.json``): the one definition of a record's shape.

:mod:`claimx.records` fills records to it and :mod:`claimx.factcheck.tables`
derives its table columns from it.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

SCHEMA_RESOURCE = "claimx-1.schema.json"


@cache
def json_schema() -> dict[str, Any]:
    """Return the JSON Schema (draft 2020-12) of a claimx/1 record.

    Example:
        >>> json_schema()["properties"]["schema_version"]
        {'const': 'claimx/1'}
    """
    text = resources.files(__name__).joinpath(SCHEMA_RESOURCE).read_text("utf-8")
    return json.loads(text)
