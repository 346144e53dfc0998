"""What we write validates against the published schemas: GEXF 1.3 (RELAX NG) and GraphML (XSD).

The schemas are read from ``../shared/schemas`` (skipped when the folder or lxml is
absent); they are never copied into the project.
"""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import pytest
from _strategies import HOSTILE, graphs, strict_equal, xml_ok
from hypothesis import given

from actorgraph import datasets
from actorgraph.graph import ActorGraph
from actorgraph.readwrite.gexf import dump_gexf, read_gexf
from actorgraph.readwrite.graphml import dump_graphml, read_graphml

etree = pytest.importorskip("lxml.etree", reason="lxml is not installed (pip install lxml)")

SCHEMAS = Path(__file__).resolve().parents[2] / "shared" / "schemas"
pytestmark = pytest.mark.skipif(
    not (SCHEMAS / "gexf13" / "gexf.rng").is_file(),
    reason=f"the published schemas are not at {SCHEMAS}",
)


@pytest.fixture(scope="module")
def gexf_schema() -> Any:
    return etree.RelaxNG(etree.parse(str(SCHEMAS / "gexf13" / "gexf.rng")))


@pytest.fixture(scope="module")
def graphml_schema() -> Any:
    return etree.XMLSchema(etree.parse(str(SCHEMAS / "graphml" / "graphml.xsd")))


def _errors(schema: Any, text: str) -> list[str]:
    doc = etree.fromstring(text.encode("utf-8"))
    if schema.validate(doc):
        return []
    return [f"{e.line}: {e.message}" for e in schema.error_log]


def _hostile() -> ActorGraph:
    """Ids that are not name tokens, attribute names with spaces, every hostile text."""
    G = ActorGraph('a"b<c>&')
    G.attrs = {"as of": "2024-11-30"}
    names = [h for h in HOSTILE if xml_ok(h) and h.strip()]
    ids = ["a b", "x&y<z>", "007", "-1", "ش", "_x0041_", "e\u0301", "😀"]
    for i, aid in enumerate(ids):
        G.add_actor(
            aid,
            name=names[i % len(names)],
            kind=names[(i + 3) % len(names)],
            aliases=names[i : i + 2],
            **{"first seen": "2024", "Modularity Class": i, "x:y": True, "": ""},
        )
    for i, (s, t) in enumerate(itertools.pairwise(ids)):
        G.add_relation(s, "attacks", t, id=f"r {i}&<{i}>", start="2024-11", quote_of=names[i])
    G.add_relation("a b", "consults", "x&y<z>", start="2024-02-29", end="2024-02-29")
    return G


def test_the_bundled_dataset_is_valid(gexf_schema: Any, graphml_schema: Any) -> None:
    G = datasets.load("aleppo-2024")
    assert _errors(gexf_schema, dump_gexf(G)) == []
    assert _errors(graphml_schema, dump_graphml(G)) == []


def test_hostile_ids_and_names_are_valid_and_read_back(
    gexf_schema: Any, graphml_schema: Any, tmp_path: Path
) -> None:
    G = _hostile()
    gexf, graphml = dump_gexf(G), dump_graphml(G)
    assert _errors(gexf_schema, gexf) == []
    assert _errors(graphml_schema, graphml) == []
    # readable column names: the real name where it is a name token, else a readable one
    assert 'attr.name="first_seen"' in graphml and 'attr.name="Modularity_Class"' in graphml
    assert 'title="first seen"' in gexf and 'title="Modularity Class"' in gexf
    assert 'node id="a_x0020_b"' in graphml  # an XML name token, decoded on reading
    p = tmp_path / "h.graphml"
    p.write_text(graphml, encoding="utf-8")
    strict_equal(G, read_graphml(p))
    q = tmp_path / "h.gexf"
    q.write_text(gexf, encoding="utf-8")
    strict_equal(G, read_gexf(q))


def test_an_empty_graph_is_valid(gexf_schema: Any, graphml_schema: Any) -> None:
    assert _errors(gexf_schema, dump_gexf(ActorGraph())) == []
    assert _errors(graphml_schema, dump_graphml(ActorGraph())) == []


@given(graphs(xml=True))
def test_any_graph_is_valid(graph: ActorGraph) -> None:
    gexf = etree.RelaxNG(etree.parse(str(SCHEMAS / "gexf13" / "gexf.rng")))
    graphml = etree.XMLSchema(etree.parse(str(SCHEMAS / "graphml" / "graphml.xsd")))
    assert _errors(gexf, dump_gexf(graph)) == []
    assert _errors(graphml, dump_graphml(graph)) == []
