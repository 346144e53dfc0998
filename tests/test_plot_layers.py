"""The shared style and layout sit below the figures: writers and the HTML view need no plotting."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

import actorgraph
import actorgraph.layout
import actorgraph.plotting
import actorgraph.plotting._style
import actorgraph.plotting.layout
import actorgraph.style
from actorgraph import ActorGraph, ValidationError
from actorgraph.layout import pinned_positions

PACKAGE = Path(actorgraph.__file__).parent


@pytest.fixture
def aleppo() -> ActorGraph:
    return actorgraph.datasets.load("aleppo-2024")


def _imported_modules(path: Path) -> set[str]:
    """Every module ``path`` imports, at module level or inside functions, made absolute."""
    package = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts[:-1])
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")
            if node.level:
                base = base[: len(base) - node.level + 1]
                name = ".".join([*base, node.module] if node.module else base)
            else:
                name = node.module or ""
            out.add(name)
            out.update(f"{name}.{alias.name}" for alias in node.names)
    return out


LOWER = [PACKAGE / "style.py", PACKAGE / "layout.py", *sorted((PACKAGE / "readwrite").glob("*.py"))]


@pytest.mark.parametrize("path", LOWER, ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_style_layout_and_writers_import_no_plotting(path: Path) -> None:
    plotting = {m for m in _imported_modules(path) if m.startswith("actorgraph.plotting")}
    assert not plotting, f"{path.name} imports {sorted(plotting)}"


@pytest.mark.parametrize("name", ["style.py", "layout.py"])
def test_style_and_layout_import_neither_matplotlib_nor_readwrite(name: str) -> None:
    found = {
        m
        for m in _imported_modules(PACKAGE / name)
        if m.split(".")[0] == "matplotlib" or m.startswith("actorgraph.readwrite")
    }
    assert not found, f"{name} imports {sorted(found)}"


_NO_MATPLOTLIB = """
import json, sys
import actorgraph.style, actorgraph.layout
from actorgraph.readwrite import dot, gexf, html, mermaid
from actorgraph import datasets
G = datasets.load("aleppo-2024")
html.to_html(G); gexf.dump_gexf(G); dot.to_dot(G); mermaid.to_mermaid(G)
actorgraph.layout.network_layout(G)
print(json.dumps(sorted(m for m in sys.modules if m.split(".")[0] == "matplotlib")))
"""


def test_writers_and_the_html_view_run_without_matplotlib() -> None:
    done = subprocess.run(
        [sys.executable, "-c", _NO_MATPLOTLIB], capture_output=True, text=True, check=True
    )
    assert json.loads(done.stdout) == []


def test_plotting_keeps_its_names_as_re_exports() -> None:
    assert actorgraph.plotting.network_layout is actorgraph.layout.network_layout
    assert actorgraph.plotting.store_positions is actorgraph.layout.store_positions
    assert actorgraph.plotting.signed_layout is actorgraph.layout.signed_layout
    assert actorgraph.plotting.layout.network_layout is actorgraph.layout.network_layout
    assert actorgraph.network_layout is actorgraph.layout.network_layout
    for name in actorgraph.style.__all__:
        assert getattr(actorgraph.plotting._style, name) is getattr(actorgraph.style, name)
    assert actorgraph.plotting.network.pair_ranks is actorgraph.layout.pair_ranks


def test_pinned_positions_keep_stored_then_given(aleppo: ActorGraph) -> None:
    G = aleppo
    actorgraph.store_positions(G, {"hts": (1, 2), "russia": (3, 4)})
    pins = pinned_positions(G, {"Russia": (5.5, 6), "not an actor": (0, 0)})
    assert pins == {"hts": (1.0, 2.0), "russia": (5.5, 6.0)}
    assert actorgraph.network_layout(G, pos={"Russia": (5.5, 6)})["russia"] == (5.5, 6.0)


def test_pinned_positions_name_every_bad_entry(aleppo: ActorGraph) -> None:
    with pytest.raises(ValidationError) as info:
        pinned_positions(aleppo, {"hts": (1, "x"), "russia": (float("nan"), 0), "iran": 3})
    message = str(info.value)
    assert "pos['hts']" in message
    assert "pos['russia']: coordinates must be finite" in message
    assert "pos['iran']" in message
