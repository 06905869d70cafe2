"""Fixtures for the fact-checking tools: the same-event records and their texts."""

from __future__ import annotations

import importlib.util
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
RECORDS = FIXTURES / "same-event.jsonl"
CORPUS = Path(__file__).resolve().parents[2] / "corpora" / "same-event"


@pytest.fixture(scope="session")
def records_path() -> Path:
    """The hand-written claimx/1 records of corpora/same-event."""
    return RECORDS


@pytest.fixture(scope="session")
def records() -> list[dict[str, Any]]:
    """The same records, parsed."""
    return [json.loads(line) for line in RECORDS.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="session")
def texts_glob() -> str:
    """The article texts, as given to `claimx extract`."""
    return str(CORPUS / "*.txt")


@pytest.fixture(scope="session")
def build_records() -> Callable[[], list[dict[str, Any]]]:
    """``fixtures/same_event.py``'s builder, loaded by path (tests are not a package)."""
    spec = importlib.util.spec_from_file_location("same_event", FIXTURES / "same_event.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module.build_records
