"""GEXF carries the figures' visual language for Gephi: colours, line shapes, positions."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import actorgraph as ag
from actorgraph.readwrite.gexf import GEPHI_SCALE, GEXF_NS, VIZ_NS, dump_gexf, read_gexf
from actorgraph.style import EDGE_STYLES, kind_style

NS = {"g": GEXF_NS, "viz": VIZ_NS}


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    return tuple(int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))  # type: ignore[return-value]


def test_positions_colours_and_shapes_reach_gephi(tmp_path: Path) -> None:
    G = ag.datasets.load("aleppo-2024")
    pos = ag.network_layout(G, seed=1)
    ag.store_positions(G, pos)
    root = ET.fromstring(dump_gexf(G))
    nodes = {n.get("id"): n for n in root.iterfind(".//g:node", NS)}
    assert set(nodes) == {a.id for a in G.actors()}
    for a in G.actors():
        p = nodes[a.id].find("viz:position", NS)
        assert p is not None
        x, y = pos[a.id]
        assert abs(float(p.get("x", "nan")) - x * GEPHI_SCALE) < 1e-3 * GEPHI_SCALE
        assert abs(float(p.get("y", "nan")) - y * GEPHI_SCALE) < 1e-3 * GEPHI_SCALE
        c = nodes[a.id].find("viz:color", NS)
        assert c is not None
        assert (int(c.get("r", "")), int(c.get("g", "")), int(c.get("b", ""))) == _rgb(
            kind_style(a.kind).color
        )
    shapes = {}
    for e in root.iterfind(".//g:edge", NS):
        shape = e.find("viz:shape", NS)
        colour = e.find("viz:color", NS)
        assert shape is not None and colour is not None
        shapes[e.get("kind")] = shape.get("value")
        rgb = (int(colour.get("r", "")), int(colour.get("g", "")), int(colour.get("b", "")))
        assert rgb in {_rgb(s.color) for s in EDGE_STYLES.values()}
    assert shapes["supports"] == "solid"
    assert shapes["attacks"] == "dashed"
    assert shapes["designates_terrorist"] == "double"
    assert shapes["part_of"] == "dotted"
    # our own viz is derived, so reading the file back gives the same graph
    path = tmp_path / "aleppo.gexf"
    ag.write(G, path)
    assert read_gexf(path) == G


def test_an_actor_without_a_position_gets_no_viz_position() -> None:
    G = ag.ActorGraph()
    G.add_actor("a", pos=["x", 1])
    G.add_actor("b")
    root = ET.fromstring(dump_gexf(G))
    assert root.find(".//viz:position", NS) is None
    assert len(root.findall(".//viz:color", NS)) == 2
