"""Where claimx finds the pipeline definition and the data files its components read."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any


def models_dir() -> Path:
    """Return the ``models`` folder: inside the installed wheel, else the source checkout's."""
    packaged = Path(str(resources.files("claimx"))) / "models"
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parents[2] / "models"
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError("claimx's models folder is missing from this installation")


def model_path(relative: str) -> Path:
    """Return the path of a file under ``models/``, e.g. ``lexicons/countries.json``."""
    return models_dir() / relative


@cache
def load_json(relative: str) -> Any:
    """Load (once per process) a JSON data file under ``models/``."""
    with model_path(relative).open(encoding="utf-8") as handle:
        return json.load(handle)
