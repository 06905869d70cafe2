"""Fixtures for the fact-checking tools: the same-event records and their texts."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from claimx.ingest import read_inputs

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
def same_event() -> ModuleType:
    """``fixtures/same_event.py`` (the annotation builder), loaded by path."""
    spec = importlib.util.spec_from_file_location("same_event", FIXTURES / "same_event.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


HOSTILE_TEXT = """date 2025-04-18 By Evil Wire

By Mallory

Officials said <script>window.__pwned=1</script> 5 people were killed in Novoselsk.
<img src=x onerror="window.__pwned=1"> A resident said 7 people died.
"""


@pytest.fixture(scope="session")
def hostile(same_event: ModuleType, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """An article whose text and speaker name carry markup that must never run.

    Returns (records JSONL, article text file).
    """
    folder = tmp_path_factory.mktemp("hostile")
    text_file = folder / "evil-wire.txt"
    text_file.write_text(HOSTILE_TEXT, encoding="utf-8")
    article = next(iter(read_inputs([str(text_file)])))
    m = same_event
    annotation = m.Annotation(
        claims=[
            m.Claim(
                "Officials",
                "said",
                "<script>window.__pwned=1</script> 5 people were killed in Novoselsk",
                name='"><img src=x onerror="window.__pwned=1">',
                date="2025-04-18",
                figures=[
                    m.Fig(
                        "5", 5, casualty=m.Cas("5 people", "killed", "people", location="Novoselsk")
                    )
                ],
            ),
            m.Claim(
                "A resident",
                "said",
                "7 people died",
                figures=[m.Fig("7", 7, casualty=m.Cas("7 people", "killed", "people"))],
            ),
        ],
        entities=[("Novoselsk", "GPE")],
    )
    records = folder / "evil-wire.jsonl"
    records.write_text(json.dumps(m.build_record(article, annotation)) + "\n", encoding="utf-8")
    return records, text_file
