"""Node-link JSON: D3 and networkx compatibility, strict reading with lines."""

from __future__ import annotations

import json
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
    assert [(r.source, r.target) for r in H.relations()] == [("a", "b")]
    assert H.actor("a").attrs == {"x": 1.5, "y": 2.0, "index": 0}


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
