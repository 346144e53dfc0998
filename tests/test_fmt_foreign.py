"""Our GraphML and GEXF after networkx and igraph re-saved them, and files other tools write.

Each re-save test writes our file, opens it with the tool people use and saves it
there, then reads the tool's file back and compares it with the graph written.
"""

from __future__ import annotations

import json
import warnings
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from _strategies import graphs
from hypothesis import given

from actorgraph import datasets
from actorgraph.exceptions import SchemaError
from actorgraph.graph import ActorGraph
from actorgraph.readwrite.document import to_document
from actorgraph.readwrite.gexf import describe_gexf, read_gexf, write_gexf
from actorgraph.readwrite.graphml import describe_graphml, read_graphml, write_graphml


def _doc(G: ActorGraph) -> str:
    """The graph as canonical JSON: the order of actors and relations does not count."""
    d = to_document(G)
    for part in ("actors", "relations"):
        if part in d:
            d[part] = sorted(d[part], key=lambda x: x["id"])
    return json.dumps(d, sort_keys=True)


def _extended() -> ActorGraph:
    """The bundled dataset plus what breaks naive readers: ids that are not XML names,
    lists, blanks, partial booleans, attribute names with spaces."""
    G = datasets.load("aleppo-2024")
    G.add_actor(
        "x y&z", name="Spacey <b>", rank=3, tags=["a", 1], flag=True, blank="", **{"first seen": 2}
    )
    G.add_relation("x y&z", "supports", "hts", id="r 1&<", note="n", start="2024-11", end="2025")
    return G


def _networkx_resave(src: Path, dst: Path) -> None:
    nx.write_graphml(nx.read_graphml(src, force_multigraph=True), dst)


def _igraph_resave(src: Path, dst: Path) -> None:
    ig = pytest.importorskip("igraph", reason="igraph is not installed (pip install igraph)")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # "could not add edge ids": ours kept
        ig.Graph.Read_GraphML(str(src)).write_graphml(str(dst))


# --------------------------------------------------------------------------
# GraphML re-saved by networkx and igraph
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "tools",
    [("networkx",), ("igraph",), ("networkx", "igraph"), ("igraph", "networkx")],
    ids="+".join,
)
def test_graphml_resaved_by_tools_reads_back_the_same(tmp_path: Path, tools: tuple[str]) -> None:
    G = _extended()
    path = tmp_path / "ours.graphml"
    write_graphml(G, path)
    for i, tool in enumerate(tools):
        out = tmp_path / f"{i}-{tool}.graphml"
        (_networkx_resave if tool == "networkx" else _igraph_resave)(path, out)
        path = out
    assert "urn:actorgraph" not in path.read_text(encoding="utf-8")  # no markers needed
    H = read_graphml(path)
    assert H == G
    assert _doc(H) == _doc(G)
    assert describe_graphml(path).ours


@given(graphs(xml=True))
def test_any_graph_survives_a_networkx_graphml_resave(graph: ActorGraph) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        src, dst = Path(tmp) / "a.graphml", Path(tmp) / "b.graphml"
        write_graphml(graph, src)
        _networkx_resave(src, dst)
        assert _doc(read_graphml(dst)) == _doc(graph)


def test_igraph_resave_notes_its_rounding(tmp_path: Path) -> None:
    """igraph keeps 15 significant digits of numbers: the summary says so; a long that
    igraph rounded to '1.23456789012346e+18' is refused, not read as another number."""
    G = ActorGraph()
    G.add_actor("a", casualties=1234567890123456789)
    src, dst = tmp_path / "a.graphml", tmp_path / "b.graphml"
    write_graphml(G, src)
    _igraph_resave(src, dst)
    assert any("igraph" in n for n in describe_graphml(dst).notes)
    with pytest.raises(
        SchemaError, match=r"casualties: '1\.23456789012346e\+18' is not an integer"
    ):
        read_graphml(dst)


def test_issue_regressions_without_markers(tmp_path: Path) -> None:
    """A plain re-save (markers gone, manifest gone) still gives lists, mappings, sources."""
    G = datasets.load("aleppo-2024")
    text = _strip_manifest(_dump(G, tmp_path))
    p = tmp_path / "stripped.graphml"
    p.write_text(text, encoding="utf-8")
    H = read_graphml(p)
    hts = H.actor("hts")
    assert hts.aliases == G.actor("hts").aliases and len(hts.aliases) > 1
    assert H.actor("russia").ids == G.actor("russia").ids and "ids" not in H.actor("russia").attrs
    assert H.attrs == G.attrs
    assert {r.id: r.sources for r in H.relations()} == {r.id: r.sources for r in G.relations()}
    assert any("JSON text" in n for n in describe_graphml(p).notes)


def _dump(G: ActorGraph, tmp: Path) -> str:
    p = tmp / "g.graphml"
    write_graphml(G, p)
    return p.read_text(encoding="utf-8")


def _strip_manifest(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if "graph.columns" not in line)


# --------------------------------------------------------------------------
# GEXF re-saved by networkx
# --------------------------------------------------------------------------


def test_gexf_resaved_by_networkx_keeps_actors_and_relations(tmp_path: Path) -> None:
    """networkx's GEXF writer drops ``<meta>`` and ``kind``: the relation type comes back from
    the "relation type" column, the display copies (label, polarity, directed, viz) are
    recognised and dropped. Graph data cannot survive (networkx keeps no graph data in GEXF)."""
    G = _extended()
    G.remove_actor("x y&z")  # networkx would read its JSON-typed scalars as text
    src, dst = tmp_path / "ours.gexf", tmp_path / "nx.gexf"
    write_gexf(G, src)
    nx.write_gexf(nx.read_gexf(src), dst)
    assert 'kind="' not in dst.read_text(encoding="utf-8")
    H = read_gexf(dst)
    assert sorted(map(_plain, H.actors())) == sorted(map(_plain, G.actors()))
    assert sorted(map(_plain, H.relations())) == sorted(map(_plain, G.relations()))
    assert not describe_gexf(dst).ours


def _plain(x: Any) -> str:
    return json.dumps(x.to_dict(), sort_keys=True, default=str)


# --------------------------------------------------------------------------
# files other tools write: names, types, ambiguity
# --------------------------------------------------------------------------

CYTOSCAPE = """<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <key id="k0" for="node" attr.name="shared name" attr.type="string"/>
  <key id="k1" for="node" attr.name="name" attr.type="string"/>
  <key id="k2" for="edge" attr.name="interaction" attr.type="string"/>
  <key id="k3" for="edge" attr.name="shared name" attr.type="string"/>
  <key id="k4" for="edge" attr.name="relationship" attr.type="string"/>
  <graph edgedefault="directed">
    <node id="1"><data key="k0">Russia</data><data key="k1">Russian Federation</data></node>
    <node id="2"><data key="k0">Syria</data><data key="k1">Syria</data></node>
    <edge source="1" target="2">
      <data key="k2">supports</data><data key="k3">Russia (supports) Syria</data>
    </edge>
    <edge source="2" target="1">
      <data key="k2">consults</data><data key="k4">negotiates_with</data>
    </edge>
  </graph>
</graphml>
"""


def test_cytoscape_names_types_and_ambiguity(tmp_path: Path) -> None:
    p = tmp_path / "cy.graphml"
    p.write_text(CYTOSCAPE, encoding="utf-8")
    m = describe_graphml(p)
    assert m.columns["node 'name'"] == "name" and m.columns["edge 'interaction'"] == "type"
    assert any("'shared name' differs from 'name'" in n for n in m.notes)
    (problem,) = m.problems  # two type columns that disagree: a refusal, not a guess
    assert problem.field == "edge '2' -> '1', type" and problem.line == 15
    assert "'interaction' says 'consults', 'relationship' says 'negotiates_with'" in str(problem)
    with pytest.raises(SchemaError, match="pass type_attr"):
        read_graphml(p)
    G = read_graphml(p, type_attr="relationship", name_attr="shared name", default_type="supports")
    assert [a.name for a in G.actors()] == ["Russia", "Syria"]
    assert G.actor("1").attrs == {"graphml:name": "Russian Federation"}  # "name" is a field
    assert sorted(r.type for r in G.relations()) == ["negotiates_with", "supports"]


def test_an_unknown_type_or_name_column_is_reported(tmp_path: Path) -> None:
    p = tmp_path / "cy.graphml"
    p.write_text(CYTOSCAPE, encoding="utf-8")
    with pytest.raises(SchemaError, match="no edge column is called 'kind'"):
        read_graphml(p, type_attr="kind")
    q = tmp_path / "g.gexf"
    q.write_text(
        '<gexf xmlns="http://gexf.net/1.3" version="1.3"><graph><nodes><node id="a"/></nodes>'
        "<edges/></graph></gexf>",
        encoding="utf-8",
    )
    with pytest.raises(SchemaError, match="no node column is titled 'nom'"):
        read_gexf(q, name_attr="nom")


def test_igraph_style_ids_are_taken_from_the_id_column(tmp_path: Path) -> None:
    g = nx.DiGraph()
    g.add_edge("ru", "sy", type="supports")
    src, dst = tmp_path / "nx.graphml", tmp_path / "ig.graphml"
    nx.write_graphml(g, src)
    _igraph_resave(src, dst)
    assert '<node id="n0">' in dst.read_text(encoding="utf-8")
    G = read_graphml(dst)
    assert [(r.source, r.type, r.target) for r in G.relations()] == [("ru", "supports", "sy")]
    assert any("'id' data" in n for n in describe_graphml(dst).notes)


# --------------------------------------------------------------------------
# a Gephi-style GEXF 1.3 file (written from the GEXF 1.3 primer and schema)
# --------------------------------------------------------------------------

GEPHI_SAMPLE = Path(__file__).parent / "fixtures" / "gephi-1.3.gexf"


def test_gephi_sample_is_valid_gexf() -> None:
    etree = pytest.importorskip("lxml.etree", reason="lxml is not installed")
    rng = Path(__file__).resolve().parents[2] / "shared" / "schemas" / "gexf13" / "gexf.rng"
    if not rng.is_file():
        pytest.skip(f"the published schemas are not at {rng.parent}")
    schema = etree.RelaxNG(etree.parse(str(rng)))
    assert schema.validate(etree.parse(str(GEPHI_SAMPLE))), schema.error_log


def test_gephi_sample_reads_as_an_actor_graph() -> None:
    text = GEPHI_SAMPLE.read_text(encoding="utf-8")
    G = read_gexf(GEPHI_SAMPLE, default_type="affiliated_with")
    # recount from the file itself
    assert len(G) == text.count("<node ")
    assert G.number_of_relations() == text.count("<edge ")
    hts = G.actor("0")
    assert hts.name == "Hayʼat Tahrir al-Sham" and str(hts.start) == "2017-01-28"
    assert hts.attrs["Modularity Class"] == 1
    assert hts.attrs["viz"]["color"] == {"r": 230, "g": 159, "b": 0, "a": 1.0}
    assert hts.attrs["tags"] == "[HTS, Tahrir al-Sham]"  # a liststring kept as its text
    assert hts.attrs["score"] == [
        {"value": 0.5, "start": "2020-01-01", "end": "2021-12-31"},
        {"value": 0.9, "start": "2022-01-01"},
    ]
    sy = G.actor("1")
    assert (str(sy.start), str(sy.end), sy.attrs["viz"]) == (
        "1971-03-12",
        "2024-12-08",
        {"color": {"hex": "#0072b2"}},
    )
    attack = G.relation("0")
    assert (attack.type, str(attack.start), attack.end) == ("attacks", "2024-11-27", None)
    assert attack.attrs["weight"] == 3.0
    assert G.relation("1").attrs == {"gexf:kind": "backs", "note": "none", "weight": 1.0}
    designation = G.relation("2")
    assert (str(designation.start), str(designation.end)) == ("2020-06-01", "2020-06-01")
    assert G.attrs["gexf:creator"] == "Gephi 0.10.1"
    m = describe_gexf(GEPHI_SAMPLE, default_type="affiliated_with")
    assert any("liststring" in n for n in m.notes)
