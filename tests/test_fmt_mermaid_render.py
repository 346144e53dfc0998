"""Mermaid itself draws our flowcharts: each node shows exactly its name, no directive runs.

Needs a headless Chromium (the ``browser`` fixture) and mermaid's own script, from the
npm package (``npm install mermaid``; found through Node's ``require.resolve`` with
``NODE_PATH``, or given as ``ACTORGRAPH_MERMAID_JS``); skipped without them.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import _browser
import pytest

from actorgraph.graph import ActorGraph
from actorgraph.readwrite.mermaid import to_mermaid

browser = _browser.browser

NAMES = [
    "%%{init: {'theme': 'dark', 'themeCSS': '.node rect {fill: red}'}}%%",
    "%% not a comment", "a\\nb literal backslash-n", "A &amp; C", "x&y<z>", "<b>bold</b>",
    '"quoted"', "`tick`", "|pipe|", "#35;", "end", "graph", "a --> b", "back\\slash",
    "هيئة تحرير الشام", "😀 e\u0301", "two\nlines", "cr\rhere",
    "Hayʼat Tahrir al-Sham (Levant Liberation Committee)",
]  # fmt: skip


def mermaid_js() -> Path:
    given = os.environ.get("ACTORGRAPH_MERMAID_JS")
    if given:
        return Path(given)
    node = shutil.which("node")
    if node is not None:
        found = subprocess.run(
            [node, "-p", "require.resolve('mermaid/dist/mermaid.min.js')"],
            capture_output=True, text=True, check=False,
        )  # fmt: skip
        if found.returncode == 0:
            return Path(found.stdout.strip())
    pytest.skip("mermaid's script is not installed (npm install mermaid; NODE_PATH)")


RENDER = """
const [text, done] = arguments;
mermaid.initialize({startOnLoad: false, securityLevel: "strict"});
mermaid.render("g", text).then(({svg}) => {
  const box = document.getElementById("out");
  box.innerHTML = svg;
  const labels = [...box.querySelectorAll("g.node")].map((g) => {
    const span = g.querySelector(".nodeLabel") || g.querySelector("text");
    return span.innerText;
  });
  const css = [...box.querySelectorAll("style")].map((s) => s.textContent).join("\\n");
  done({labels, css, fill: getComputedStyle(box.querySelector("g.node rect")).fill});
}).catch((e) => done({error: String(e)}));
"""


def test_mermaid_draws_exactly_the_names(browser: Any, tmp_path: Path) -> None:
    script = mermaid_js()
    G = ActorGraph()
    for i, name in enumerate(NAMES):
        G.add_actor(f"a{i}", name=name)
    for i in range(1, len(NAMES)):
        G.add_relation(f"a{i - 1}", "attacks", f"a{i}")
    page = tmp_path / "mermaid.html"
    page.write_text(
        f'<!doctype html><meta charset="utf-8"><script src="{script.as_uri()}"></script>'
        '<div id="out"></div>',
        encoding="utf-8",
    )
    browser.get(page.as_uri())
    browser.set_script_timeout(60)
    got = browser.execute_async_script(RENDER, to_mermaid(G))
    assert "error" not in got, got
    assert "fill: red" not in got["css"] and "fill:red" not in got["css"]
    assert got["fill"] != "rgb(255, 0, 0)"
    want = [a.name.replace("\r", "\n") for a in G.actors()]  # names are NFC
    drawn = [label.replace("\n", " ") for label in got["labels"]]
    assert drawn == [w.replace("\n", " ") for w in want], json.dumps(got["labels"])
    assert got["labels"][NAMES.index("two\nlines")] == "two\nlines"
