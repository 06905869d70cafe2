"""A saved pipeline carries its components' data: it no longer reads the installed models/."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from spacy.language import Language

from claimx.engines import process
from claimx.resources import MODELS_ENV, models_dir
from claimx.types import Article

ARTICLES = [
    Article(
        id="talks",
        published="2024-03-07",
        text=(
            "GENEVA (Example Wire) - Negotiators from Armenia and Azerbaijan met on Tuesday "
            "and agreed to meet again on March 20, a foreign ministry spokesman said. "
            "About 1,200 families left the area in March, the ministry said."
        ),
    ),
    Article(
        id="market",
        published="2023-11-02",
        text=(
            "Shares fell 4.5% on Tuesday after the central bank raised rates in March, "
            "the third rise since January."
        ),
    ),
    Article(
        id="blast",
        published="2024-05-12",
        text=(
            "BELFAST (Example Wire) - At least 12 people were killed and 30 wounded when a car "
            "bomb exploded near a market on Saturday, police said in a statement. Politicians "
            "said the attack would not undo the Good Friday Agreement."
        ),
    ),
]

#: Runs in a fresh process: prints the records of ARTICLES_JSON made by ``spacy.load(path)``,
#: or, with an empty path, by a freshly built claimx pipeline.
CHILD = """
import json, sys
import spacy
from claimx.engines import process
from claimx.pipeline import load_pipeline
from claimx.types import Article

path, articles = sys.argv[1], json.loads(sys.argv[2])
nlp = spacy.load(path) if path else load_pipeline()
docs = [Article(**a) for a in articles]
print(json.dumps(list(process(docs, nlp))))
"""


def _records(nlp: Language) -> list[dict[str, Any]]:
    return json.loads(json.dumps(list(process(ARTICLES, nlp))))


def _in_fresh_process(path: str, models: Path) -> list[dict[str, Any]]:
    articles = json.dumps(
        [{"id": a.id, "published": a.published, "text": a.text} for a in ARTICLES]
    )
    env = {**os.environ, MODELS_ENV: str(models)}
    done = subprocess.run(
        [sys.executable, "-c", CHILD, path, articles],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    return json.loads(done.stdout)


def _edit(path: Path, change: Any) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data), encoding="utf-8")


def test_saved_pipeline_gives_its_records_whatever_the_installed_lexicons(
    nlp: Language, tmp_path: Path
) -> None:
    saved = tmp_path / "claimx-pipeline"
    nlp.to_disk(saved)
    assert (saved / "claimx_dates" / "lexicon.json").is_file()
    assert (saved / "claimx_figures" / "calendar.json").is_file()
    assert (saved / "claimx_casualties" / "outcomes.json").is_file()
    assert (saved / "claimx_agreements" / "gazetteer.jsonl").is_file()
    assert (saved / "claimx_claims" / "cues.json").is_file()
    assert (saved / "claimx_claims" / "speakers.json").is_file()
    expected = _records(nlp)
    assert any(r["dates"] for r in expected) and any(r["figures"] for r in expected)
    killed = [c for r in expected for c in r["casualties"] if c["outcome"] == "killed"]
    assert [c["count"] for c in killed] == [12]
    linked = [a.get("gazetteer_id") for r in expected for a in r["agreements"]]
    assert linked == ["good-friday-agreement"]
    claims = [c for r in expected for c in r["claims"]]
    assert "statement" in {c["channel"] for c in claims}

    # another models folder: no month names, no Tuesday, no Armenia
    models = tmp_path / "models"
    shutil.copytree(models_dir(), models)
    _edit(models / "lexicons" / "calendar.json", lambda d: d["months"].clear())
    _edit(models / "dates" / "lexicon.json", lambda d: d["weekdays"].pop("tuesday"))
    _edit(
        models / "lexicons" / "countries.json",
        lambda d: d.update(countries=[c for c in d["countries"] if c["name"] != "Armenia"]),
    )
    # no killing verbs or states, and a gazetteer without the Good Friday Agreement
    _edit(
        models / "casualties" / "outcomes.json",
        lambda d: (d["verbs"]["killed"].clear(), d["states"]["killed"].clear()),
    )
    gazetteer = models / "agreements" / "gazetteer.jsonl"
    lines = gazetteer.read_text(encoding="utf-8").splitlines()
    gazetteer.write_text(
        "\n".join(line for line in lines if "good-friday-agreement" not in line),
        encoding="utf-8",
    )

    # no cue verbs in the lexicon, and no "statement" among the venues a claim is made in
    _edit(models / "claims" / "cues.json", lambda d: d["lemmas"].clear())
    _edit(
        models / "claims" / "speakers.json", lambda d: d["channels"]["venues"].remove("statement")
    )

    changed = _in_fresh_process("", models)
    for field in ("dates", "entities", "casualties", "agreements", "claims"):
        assert [r[field] for r in changed] != [r[field] for r in expected], field
    changed_claims = [c for r in changed for c in r["claims"]]
    assert len(changed_claims) < len(claims)
    assert "statement" not in {c["channel"] for c in changed_claims}
    assert _in_fresh_process(str(saved), models) == expected
