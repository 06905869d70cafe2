"""The report in headless Chromium: highlights render, injected markup never runs.

Needs Debian's ``chromium`` and ``chromium-driver`` (``apt-get install -y chromium
chromium-driver``) and the ``selenium`` package; skips with the reason otherwise.
Screenshots go to ``$CLAIMX_ARTIFACTS`` (default: ``tmp/artifacts`` in the repository).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from claimx.factcheck.report import write_report

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--window-size=1280,2000",
)
ARTIFACTS = Path(
    os.environ.get("CLAIMX_ARTIFACTS", Path(__file__).resolve().parents[2] / "tmp" / "artifacts")
)

pytestmark = pytest.mark.skipif(
    not (CHROMIUM.is_file() and CHROMEDRIVER.is_file()),
    reason="headless Chromium is not installed (apt-get install -y chromium chromium-driver)",
)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in FLAGS:
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def report_page(
    records_path: Path,
    texts_glob: str,
    hostile: tuple[Path, Path],
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[Path, str]:
    records, text = hostile
    page = tmp_path_factory.mktemp("report") / "report.html"
    write_report([records_path, records], [texts_glob, str(text)], page)
    return page, page.read_text(encoding="utf-8")


def test_report_in_chromium(browser: Any, report_page: tuple[Path, str]) -> None:
    path, html = report_page
    browser.get(path.as_uri())
    js = browser.execute_script

    assert js("return typeof window.__pwned") == "undefined"
    assert js("return document.querySelectorAll('script, img, iframe').length") == 0
    marks = js("return document.querySelectorAll('mark').length")
    assert marks == html.count("<mark ") and marks > 100
    per_section = js(
        "return Array.from(document.querySelectorAll('section[id^=doc-]'))"
        ".map(s => s.querySelectorAll('mark').length)"
    )
    assert len(per_section) == 7 and all(n > 0 for n in per_section)

    hostile = "document.getElementById('doc-7')"
    text = js(f"return {hostile}.querySelector('.text').textContent")
    assert "<script>window.__pwned=1</script>" in text
    assert '<img src=x onerror="window.__pwned=1">' in text
    title = js(f"return {hostile}.querySelector('mark[data-items~=k1]').title")
    assert "casualty k1: killed 5 people" in title
    speaker = js(f"return {hostile}.querySelector('mark.speaker').title")
    assert 'by "><img src=x onerror="window.__pwned=1">' in speaker

    # the page's own stylesheet is allowed by the CSP (hash) and applied
    style = "return getComputedStyle(document.querySelector('{}')).backgroundColor"
    assert js(style.format("mark.figure:not(.casualty)")) == "rgb(201, 242, 199)"
    assert js(style.format("mark.figure.casualty")) == "rgb(255, 196, 196)"  # casualty wins
    assert js("return document.querySelectorAll('#summary svg circle').length") >= 9

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    browser.save_screenshot(str(ARTIFACTS / "report-summary.png"))
    js(f"{hostile}.scrollIntoView()")
    browser.save_screenshot(str(ARTIFACTS / "report-hostile-article.png"))
    js("document.getElementById('doc-3').scrollIntoView()")
    browser.save_screenshot(str(ARTIFACTS / "report-article.png"))
    shutil.copy(path, ARTIFACTS / "report.html")
    assert (ARTIFACTS / "report-summary.png").stat().st_size > 10_000
