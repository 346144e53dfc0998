"""Node-link JSON: D3 and networkx compatibility, strict reading with lines."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import networkx as nx
import pytest

from actorgraph import datasets
from actorgraph.exceptions import FormatError, SchemaError
from actorgraph.graph import ActorGraph
from actorgraph.readwrite.nodelink import dump_nodelink, read_nodelink, to_nodelink, write_nodelink


def test_layout_is_what_d3_expects() -> None:
    G = datasets.load("aleppo-2024")
    data = to_nodelink(G)
    ids = {n["id"] for n in data["nodes"]}
    assert all(isinstance(i, str) for i in ids)
    assert all(link["source"] in ids and link["target"] in ids for link in data["links"])
    attacks = next(link for link in data["links"] if link["type"] == "attacks")
    assert attacks["polarity"] == -1 and attacks["directed"] is True
    assert all("attrs" not in n or isinstance(n["attrs"], dict) for n in data["nodes"])


def test_networkx_output_of_to_networkx_reads_back_equal(tmp_path: Path) -> None:
    G = datasets.load("aleppo-2024")
    p = tmp_path / "nx.nodelink.json"
    p.write_text(json.dumps(nx.node_link_data(G.to_networkx(), edges="links")), "utf-8")
    assert read_nodelink(p) == G
    g = nx.node_link_graph(to_nodelink(G), edges="links")
    assert g.number_of_edges() == G.number_of_relations()


def test_links_as_d3_leaves_them(tmp_path: Path) -> None:
    G = ActorGraph()
    G.add_actor("a")
    G.add_actor("b")
    G.add_relation("a", "attacks", "b", id="r1")
    data = to_nodelink(G)
    nodes = {n["id"]: dict(n, x=1.5, y=2.0, index=i) for i, n in enumerate(data["nodes"])}
    data["nodes"] = list(nodes.values())
    data["links"][0]["source"] = nodes["a"]
    data["links"][0]["target"] = nodes["b"]
    p = tmp_path / "d3.nodelink.json"
    p.write_text(json.dumps(data), "utf-8")
    H = read_nodelink(p)
    assert H == G  # D3's layout state is not data
    assert read_nodelink(p, positions=True).actor("a").attrs == {"pos": [1.5, 2.0]}


def test_foreign_links_without_type_are_all_listed(tmp_path: Path) -> None:
    p = tmp_path / "plain.nodelink.json"
    data = nx.node_link_data(nx.path_graph(4), edges="edges")
    p.write_text(json.dumps(data, indent=1), "utf-8")
    with pytest.raises(SchemaError) as info:
        read_nodelink(p)
    assert len(info.value.problems) == 3
    assert all(x.field and x.field.endswith(", type") for x in info.value.problems)
    G = read_nodelink(p, default_type="cooperates_with")
    assert [a.id for a in G.actors()] == ["0", "1", "2", "3"]


def test_every_problem_with_its_line(tmp_path: Path) -> None:
    p = tmp_path / "bad.nodelink.json"
    p.write_text(
        "{\n"
        ' "actorgraph": 1,\n'
        ' "nodes": [{"id": "a"}, {"id": "a"},\n'
        '   {"id": "b", "start": "2024-13"}],\n'
        ' "links": [{"source": "a", "target": "zz", "type": "attacks"},\n'
        '   {"source": "a", "target": "b", "type": "hugs"}]\n'
        "}\n",
        "utf-8",
    )
    with pytest.raises(SchemaError) as info:
        read_nodelink(p)
    got = [(x.line, x.field) for x in info.value.problems]
    assert got == [
        (3, "node 'a', id"),
        (4, "node 'b', start"),
        (5, "link 'a' -> 'zz', target"),
        (6, "link 'a' -> 'b', type"),
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"nodes": [{"id": "a", "id": "b"}]}', "duplicate key 'id'"),
        ('{"nodes": [{"id": "a", "w": NaN}]}', "NaN is not allowed"),
        ('{"nodes": [', "invalid JSON"),
        ("[1, 2]", "node-link JSON must be an object"),
        ('{"nodes": {"id": "a"}}', "nodes must be a list"),
    ],
)
def test_strict_json(tmp_path: Path, text: str, message: str) -> None:
    p = tmp_path / "x.nodelink.json"
    p.write_text(text, "utf-8")
    with pytest.raises(SchemaError, match=message):
        read_nodelink(p)


def test_size_cap_and_nan_on_write(tmp_path: Path) -> None:
    G = ActorGraph()
    G.add_actor("a", score=float("nan"))
    with pytest.raises(FormatError, match="NaN"):
        dump_nodelink(G)
    H = ActorGraph()
    H.add_actor("a")
    p = tmp_path / "g.nodelink.json"
    write_nodelink(H, p)
    with pytest.raises(FormatError, match="larger than the limit"):
        read_nodelink(p, max_bytes=10)


def test_networkx_default_arguments_load_it(tmp_path: Path) -> None:
    """``nx.node_link_graph(d)`` as is: 'edges' by default from networkx 3.6, 'links' before."""
    G = datasets.load("aleppo-2024")
    p = tmp_path / "g.nodelink.json"
    write_nodelink(G, p)
    data = json.loads(p.read_text("utf-8"))
    g = nx.node_link_graph(data)
    assert isinstance(g, nx.MultiDiGraph)
    assert sorted(g.nodes) == sorted(a.id for a in G.actors())
    assert sorted((u, v, d["id"]) for u, v, d in g.edges(data=True)) == sorted(
        (r.source, r.target, r.id) for r in G.relations()
    )
    for key in ("links", "edges"):  # either name, as networkx before and after 3.6 read it
        assert nx.node_link_graph(data, edges=key).number_of_edges() == G.number_of_relations()
        alone = {k: v for k, v in data.items() if k != ({"links", "edges"} - {key}).pop()}
        p.write_text(json.dumps(alone), "utf-8")
        assert read_nodelink(p) == G


def test_links_and_edges_that_differ_are_refused(tmp_path: Path) -> None:
    G = ActorGraph()
    G.add_actor("a")
    G.add_actor("b")
    G.add_relation("a", "attacks", "b", id="r1")
    data = json.loads(dump_nodelink(G))
    data["links"][0]["type"] = "supports"  # edited in one place only
    p = tmp_path / "g.nodelink.json"
    p.write_text(json.dumps(data, indent=1), "utf-8")
    with pytest.raises(SchemaError, match="both 'links' and 'edges' and they differ"):
        read_nodelink(p)


def d3_layout(data: dict[str, object]) -> dict[str, object]:
    """What a D3 page does to the data in Python terms: layout state, ends as node objects."""
    nodes = {}
    for i, n in enumerate(data["nodes"]):  # type: ignore[attr-defined]
        n.update(index=i, x=10.0 * i, y=-3.5, vx=0.01, vy=-0.02)
        nodes[n["id"]] = n
    nodes[next(iter(nodes))].update(fx=1.0, fy=2.0)
    for i, link in enumerate(data["links"]):  # type: ignore[attr-defined]
        link.update(index=i, source=nodes[link["source"]], target=nodes[link["target"]])
    return data


def test_a_file_d3_laid_out_reads_back_equal(tmp_path: Path) -> None:
    G = datasets.load("aleppo-2024")
    data = d3_layout(json.loads(dump_nodelink(G)))
    p = tmp_path / "laid-out.nodelink.json"
    p.write_text(json.dumps(data), "utf-8")
    assert read_nodelink(p) == G
    H = read_nodelink(p, positions=True)
    first, second = list(H.actors())[:2]
    assert first.attrs["pos"] == [1.0, 2.0]  # pinned: fx, fy
    assert second.attrs["pos"] == [10.0, -3.5]
    assert all("index" not in a.attrs and "vx" not in a.attrs for a in H.actors())


D3_SCRIPT = """
const d3 = require("d3-force");
let text = "";
process.stdin.on("data", (c) => (text += c));
process.stdin.on("end", () => {
  const data = JSON.parse(text);
  data.nodes[0].fx = 5;
  data.nodes[0].fy = 7;
  const sim = d3.forceSimulation(data.nodes)
    .force("link", d3.forceLink(data.links).id((d) => d.id))
    .force("charge", d3.forceManyBody())
    .stop();
  sim.tick(30);
  process.stdout.write(JSON.stringify(data));
});
"""


def test_real_d3_force_layout_reads_back_equal(tmp_path: Path) -> None:
    """The real d3-force, in Node.js, when it is installed (npm install d3-force)."""
    node = shutil.which("node")  # optional, like d3-force itself
    if (
        node is None
        or subprocess.run([node, "-e", "require('d3-force')"], capture_output=True).returncode
    ):
        pytest.skip("the d3-force package is not installed (npm install d3-force; NODE_PATH)")
    G = datasets.load("aleppo-2024")
    run = subprocess.run(
        [node, "-e", D3_SCRIPT], input=dump_nodelink(G), capture_output=True, text=True,
        check=True, timeout=60,
    )  # fmt: skip
    p = tmp_path / "d3.nodelink.json"
    p.write_text(run.stdout, "utf-8")
    laid_out = json.loads(run.stdout)
    assert isinstance(laid_out["links"][0]["source"], dict) and "vx" in laid_out["nodes"][0]
    assert read_nodelink(p) == G
    H = read_nodelink(p, positions=True)
    assert next(iter(H.actors())).attrs["pos"] == [5.0, 7.0]
    for a, n in zip(H.actors(), laid_out["nodes"], strict=True):
        assert a.attrs["pos"] == ([n["fx"], n["fy"]] if "fx" in n else [n["x"], n["y"]])
