"""Driving a headless Chromium for the HTML view tests (fixtures ``browser`` and ``open_page``).

The tests marked ``browser`` drive Debian's ``chromium`` and ``chromedriver`` through selenium.
When one of the three is missing they are skipped, with the reason and what to install in the
run's summary; with ``ACTORGRAPH_REQUIRE_BROWSER=1`` (as in CI) they fail instead. A browser
that is there but does not start always fails.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from actorgraph.graph import ActorGraph
from actorgraph.readwrite.html import write_html

CHROMIUM = os.environ.get("ACTORGRAPH_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = (
    os.environ.get("ACTORGRAPH_CHROMEDRIVER")
    or shutil.which("chromedriver")
    or "/usr/bin/chromedriver"
)
#: Set (to 1) where the browser must be there, as in CI: a missing one fails, never skips.
REQUIRE_BROWSER = os.environ.get("ACTORGRAPH_REQUIRE_BROWSER", "") not in ("", "0")


def _missing_browser() -> str | None:
    """What is missing to drive a headless Chromium and how to get it, or None."""
    if importlib.util.find_spec("selenium") is None:
        return "browser tests need selenium (`pip install selenium`, part of the dev extra)"
    for binary in (CHROMIUM, CHROMEDRIVER):
        if not (os.path.isfile(binary) and os.access(binary, os.X_OK)):
            return (
                f"browser tests need {binary} (Debian: `apt-get install chromium "
                "chromium-driver`; or set ACTORGRAPH_CHROMIUM / ACTORGRAPH_CHROMEDRIVER)"
            )
    return None


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    missing = _missing_browser()
    if missing and REQUIRE_BROWSER:
        pytest.fail(f"{missing}; ACTORGRAPH_REQUIRE_BROWSER is set: they must run", pytrace=False)
    if missing:
        pytest.skip(f"{missing}; ACTORGRAPH_REQUIRE_BROWSER=1 makes them mandatory")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="actorgraph-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        f"--user-data-dir={profile}",
        "--window-size=1400,900",
    ):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    try:
        driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    except Exception as err:  # any start-up failure must fail the test, loudly
        shutil.rmtree(profile, ignore_errors=True)
        pytest.fail(f"could not start headless Chromium ({CHROMIUM}): {err}", pytrace=False)
    # a page script that set this flag, or called alert, would be an injection
    driver.execute_cdp_cmd(
        "Page.addScriptToEvaluateOnNewDocument",
        {
            "source": "window.__pwned = 0; window.__alerts = [];"
            "window.alert = function (m) { window.__alerts.push(String(m)); };"
        },
    )
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


class Page:
    """A view opened in the browser, with the questions the tests ask of it."""

    def __init__(self, driver: Any, path: Path) -> None:
        self.driver = driver
        driver.get_log("browser")  # drop what earlier pages logged
        driver.get_log("performance")
        self.url = path.resolve().as_uri()
        driver.get(self.url)
        ready = driver.execute_script("return document.documentElement.dataset.agReady")
        assert ready == "1", "the page script did not finish"

    def js(self, script: str, *args: Any) -> Any:
        return self.driver.execute_script(script, *args)

    def visible(self, selector: str) -> list[str]:
        return list(
            self.js(
                "return Array.from(document.querySelectorAll(arguments[0]))"
                ".filter(e => getComputedStyle(e).display !== 'none')"
                ".map(e => e.getAttribute('data-id'));",
                selector,
            )
        )

    def edges(self) -> set[str]:
        return set(self.visible(".ag-edge"))

    def nodes(self) -> set[str]:
        return set(self.visible(".ag-node"))

    def click(self, selector: str) -> None:
        self.driver.find_element("css selector", selector).click()

    def set_day(self, day: dt.date) -> None:
        self.js(
            "const s = document.querySelector('.ag-slider');"
            "s.value = String(arguments[0]); s.dispatchEvent(new Event('input'));",
            day.toordinal(),
        )

    def console_errors(self) -> list[str]:
        return [e["message"] for e in self.driver.get_log("browser") if e["level"] == "SEVERE"]

    def requests(self) -> tuple[list[str], list[str]]:
        """URLs requested by this page's document, and any http(s)/ws(s) URL requested at all."""
        own, network = [], []
        for entry in self.driver.get_log("performance"):
            msg = json.loads(entry["message"])["message"]
            if msg["method"] == "Network.requestWillBeSent":
                url = msg["params"]["request"]["url"]
                if msg["params"].get("documentURL") == self.url:
                    own.append(url)
                if re.match(r"(https?|wss?):", url):
                    network.append(url)
        return own, network


@pytest.fixture
def open_page(browser: Any, tmp_path: Path) -> Any:
    def opener(graph: ActorGraph, **options: Any) -> Page:
        target = tmp_path / f"view-{len(list(tmp_path.iterdir()))}.html"
        write_html(graph, target, **options)
        return Page(browser, target)

    return opener
