"""Where claimx finds the pipeline definition and the data files its components read.

``CLAIMX_MODELS`` (an environment variable) points claimx at another ``models``
folder, for instance a copy with an edited lexicon; components read their data
from it when they are built, and a saved pipeline reads its own copy instead.
"""

from __future__ import annotations

import json
import os
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

#: Environment variable naming a ``models`` folder to use instead of the packaged one.
MODELS_ENV = "CLAIMX_MODELS"


def models_dir() -> Path:
    """Return the ``models`` folder: ``$CLAIMX_MODELS``, else the wheel's, else the checkout's."""
    override = os.environ.get(MODELS_ENV)
    if override:
        return Path(override)
    packaged = Path(str(resources.files("claimx"))) / "models"
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parents[2] / "models"
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError("claimx's models folder is missing from this installation")


def model_path(relative: str) -> Path:
    """Return the path of a data file: ``relative`` under ``models/``, or an absolute path as is.

    Example:
        >>> model_path("/data/my-lexicon.json").as_posix()
        '/data/my-lexicon.json'
    """
    path = Path(relative).expanduser()
    return path if path.is_absolute() else models_dir() / relative


def read_json(relative: str) -> Any:
    """Read a JSON data file (see :func:`model_path`), afresh on every call."""
    with model_path(relative).open(encoding="utf-8") as handle:
        return json.load(handle)


@cache
def load_json(relative: str) -> Any:
    """Load (once per process) a JSON data file under ``models/``.

    Only for code that has no component of its own to hold the data; components
    read theirs with :func:`read_json` when built (see :mod:`claimx.components.base`).
    """
    return read_json(relative)
