"""Our GEXF re-saved by graphology (the graph library Gephi Lite is built on), in Node.js.

Optional: needs ``node`` and the npm packages ``graphology`` and ``graphology-gexf``
(found through ``ACTORGRAPH_NODE_PATH`` or ``NODE_PATH``); skipped without them,
mandatory when ``ACTORGRAPH_REQUIRE_TOOLS=1`` (``.ci/run`` installs them).
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from _tools import REQUIRE, need_program

from actorgraph import datasets
from actorgraph.readwrite.gexf import describe_gexf, read_gexf, write_gexf

RESAVE = """
const fs = require("fs");
const Graph = require("graphology");
const gexf = require("graphology-gexf");
const [src, dst] = process.argv.slice(1);
const graph = gexf.parse(Graph, fs.readFileSync(src, "utf-8"));
fs.writeFileSync(dst, gexf.write(graph));
"""


def _node_env() -> dict[str, str]:
    paths = [os.environ.get("ACTORGRAPH_NODE_PATH", ""), os.environ.get("NODE_PATH", "")]
    return {**os.environ, "NODE_PATH": os.pathsep.join(p for p in paths if p)}


@pytest.fixture(scope="module")
def node() -> str:
    exe = need_program("node", "install Node.js")
    found = subprocess.run(
        [exe, "-e", "require.resolve('graphology'); require.resolve('graphology-gexf')"],
        env=_node_env(),
        capture_output=True,
        check=False,
    )
    if found.returncode != 0:
        message = (
            "the npm packages graphology and graphology-gexf are not installed "
            "(npm install --prefix DIR graphology graphology-gexf; ACTORGRAPH_NODE_PATH=DIR/"
            "node_modules)"
        )
        if os.environ.get(REQUIRE) == "1":
            pytest.fail(f"{message}, and {REQUIRE}=1 makes them mandatory")
        pytest.skip(message)
    return exe


def test_gexf_resaved_by_graphology_reads_back_the_same(node: str, tmp_path: Path) -> None:
    G = datasets.load("aleppo-2024")
    G.add_actor("x y&z", name="Spacey", tags=["a", 1], flag=True, blank="")
    G.add_relation("x y&z", "supports", "hts", id="r 1", start="2024-11")
    src, dst = tmp_path / "ours.gexf", tmp_path / "graphology.gexf"
    write_gexf(G, src)
    subprocess.run(
        [node, "-e", RESAVE, str(src), str(dst)], env=_node_env(), check=True, timeout=60
    )
    text = dst.read_text(encoding="utf-8")
    assert 'version="1.2"' in text  # graphology wrote the file anew, in its own dialect
    assert text.count("<node ") == len(G) and text.count("<edge ") == G.number_of_relations()
    assert read_gexf(dst) == G
    assert describe_gexf(dst).ours
