"""GraphML and GEXF: safe reading, files from other tools, Gephi's timeline."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest

from actorgraph import datasets
from actorgraph.exceptions import FormatError, SchemaError
from actorgraph.graph import ActorGraph
from actorgraph.readwrite.gexf import dump_gexf, read_gexf, write_gexf
from actorgraph.readwrite.graphml import dump_graphml, read_graphml, write_graphml

READERS = {"graphml": read_graphml, "gexf": read_gexf}
ROOTS = {
    "graphml": '<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph/></graphml>',
    "gexf": '<gexf xmlns="http://gexf.net/1.3" version="1.3"><graph/></gexf>',
}


# --------------------------------------------------------------------------
# hostile XML
# --------------------------------------------------------------------------

BOMB = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
"""
EXTERNAL = """<?xml version="1.0"?>
<!-- a comment first -->
<!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
"""


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
@pytest.mark.parametrize("head", [BOMB, EXTERNAL], ids=["billion-laughs", "external-entity"])
def test_dtds_and_entities_are_refused_before_parsing(tmp_path: Path, fmt: str, head: str) -> None:
    body = ROOTS[fmt].replace("<graph/>", "<graph><node id='&lol3;&xxe;'/></graph>")
    p = tmp_path / f"evil.{fmt}"
    p.write_text(head + body, encoding="utf-8")
    with pytest.raises(FormatError, match=r"evil\.\w+:\d+: refusing XML with a DTD or entity"):
        READERS[fmt](p)


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_a_dtd_in_utf16_is_seen_too(tmp_path: Path, fmt: str) -> None:
    p = tmp_path / f"evil16.{fmt}"
    text = '<?xml version="1.0" encoding="UTF-16"?>\n<!DOCTYPE x [<!ENTITY a "b">]>' + ROOTS[fmt]
    p.write_bytes(text.encode("utf-16"))
    with pytest.raises(FormatError, match="refusing XML with a DTD"):
        READERS[fmt](p)


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_a_utf16_file_without_dtd_is_read(tmp_path: Path, fmt: str) -> None:
    G = ActorGraph()
    G.add_actor("a", name="هيئة")
    text = dump_graphml(G) if fmt == "graphml" else dump_gexf(G)
    p = tmp_path / f"g16.{fmt}"
    p.write_bytes(text.replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16"))
    assert READERS[fmt](p) == G


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_size_is_capped(tmp_path: Path, fmt: str) -> None:
    p = tmp_path / f"big.{fmt}"
    p.write_text(ROOTS[fmt] + " " * 5000, encoding="utf-8")
    with pytest.raises(FormatError, match="larger than the limit of 1,000 bytes"):
        READERS[fmt](p, max_bytes=1000)


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_malformed_xml_gives_line_and_column(tmp_path: Path, fmt: str) -> None:
    p = tmp_path / f"broken.{fmt}"
    p.write_text(ROOTS[fmt].replace("<graph/>", "<graph>\n<node id='a'>\n</graph>"), "utf-8")
    with pytest.raises(SchemaError) as info:
        READERS[fmt](p)
    (problem,) = info.value.problems
    assert problem.line == 3 and problem.column is not None
    assert "invalid XML: mismatched tag" in problem.message


def test_wrong_root_is_reported(tmp_path: Path) -> None:
    p = tmp_path / "x.graphml"
    p.write_text("<html/>", encoding="utf-8")
    with pytest.raises(SchemaError, match="not a GraphML file: the root element is <html>"):
        read_graphml(p)
    p = tmp_path / "x.gexf"
    p.write_text(ROOTS["graphml"], encoding="utf-8")
    with pytest.raises(SchemaError, match="not a GEXF file"):
        read_gexf(p)


def test_written_names_are_escaped() -> None:
    G = ActorGraph('a"b<c>&')
    G.add_actor("x\"y'<z>&", name="</data><data key='n0'>evil</data>", kind="a]]>b")
    G.add_relation("x\"y'<z>&", "attacks", "x\"y'<z>&", id='r"1<')
    for text in (dump_graphml(G), dump_gexf(G)):
        ET.fromstring(text.encode())  # well-formed
        assert "<data key='n0'>evil" not in text


# --------------------------------------------------------------------------
# GraphML from other tools
# --------------------------------------------------------------------------


def test_networkx_plain_graph(tmp_path: Path) -> None:
    g = nx.Graph(name="plain", year=2024)
    g.add_node(1, label="Russia", population=144.1, member=True)
    g.add_node(2, label="Syria")
    g.add_node("007")
    g.add_edge(1, 2, weight=3, note="since 2015")
    g.add_edge(2, "007")
    p = tmp_path / "nx.graphml"
    nx.write_graphml(g, p)
    with pytest.raises(SchemaError) as info:
        read_graphml(p)
    assert len(info.value.problems) == 2  # every untyped edge listed
    assert all("default_type" in p.message for p in info.value.problems)
    G = read_graphml(p, default_type="affiliated_with")
    assert (G.name, G.attrs) == ("plain", {"year": 2024})
    ru = G.actor("1")
    assert (ru.name, ru.attrs) == ("Russia", {"population": 144.1, "member": True})
    assert G.actor("007").name == "007"
    rels = {(r.source, r.target): r for r in G.relations()}
    assert rels["1", "2"].attrs == {"weight": 3, "note": "since 2015"}
    assert rels["2", "007"].type == "affiliated_with"


def test_networkx_reads_what_we_write(tmp_path: Path) -> None:
    G = datasets.load("aleppo-2024")
    p = tmp_path / "g.graphml"
    write_graphml(G, p)
    g = nx.read_graphml(p)
    assert g.is_directed()
    assert g.number_of_nodes() == len(G) and g.number_of_edges() == G.number_of_relations()
    first = G.actors()[0]
    assert g.nodes[first.id]["name"] == first.name


YED = """<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:y="http://www.yworks.com/xml/graphml">
  <key for="node" id="d6" yfiles.type="nodegraphics"/>
  <key for="edge" id="d10" yfiles.type="edgegraphics"/>
  <key attr.name="description" attr.type="string" for="node" id="d5"/>
  <key attr.name="label" attr.type="string" for="edge" id="d9"/>
  <key attr.name="strength" attr.type="int" for="edge" id="d11"><default>1</default></key>
  <graph edgedefault="directed" id="G">
    <node id="n0">
      <data key="d5">a state</data>
      <data key="d6"><y:ShapeNode><y:NodeLabel>Russia</y:NodeLabel></y:ShapeNode></data>
    </node>
    <node id="n1">
      <data key="d6"><y:ShapeNode><y:NodeLabel>Syria</y:NodeLabel></y:ShapeNode></data>
    </node>
    <edge id="e0" source="n0" target="n1">
      <data key="d9">supports</data>
      <data key="d10"><y:PolyLineEdge/></data>
    </edge>
    <edge id="e1" source="n1" target="n0">
      <data key="d9">likes</data>
      <data key="d11">x</data>
    </edge>
  </graph>
</graphml>
"""


def test_yed_file_names_types_defaults_and_bad_values(tmp_path: Path) -> None:
    p = tmp_path / "yed.graphml"
    p.write_text(YED, encoding="utf-8")
    with pytest.raises(SchemaError) as info:
        read_graphml(p)
    problems = sorted(str(x) for x in info.value.problems)
    assert len(problems) == 2
    assert ":20: edge 'e1', type: the edge has no relation type" in problems[0]
    assert ":22: edge 'e1', strength: 'x' is not an integer (attr.type int)" in problems[1]
    p.write_text(YED.replace('<data key="d11">x</data>', ""), encoding="utf-8")
    G = read_graphml(p, default_type="affiliated_with")
    assert [a.name for a in G.actors()] == ["Russia", "Syria"]
    assert G.actor("n0").attrs == {"description": "a state"}
    e0 = G.relation("e0")
    assert (e0.type, e0.attrs) == ("supports", {"strength": 1})  # label was a type; default 1


def test_undeclared_key_and_hyperedge(tmp_path: Path) -> None:
    p = tmp_path / "odd.graphml"
    p.write_text(
        ROOTS["graphml"].replace(
            "<graph/>",
            '<graph>\n<node id="a"><data key="nope">1</data></node>\n'
            '<hyperedge><endpoint node="a"/></hyperedge>\n</graph>',
        ),
        encoding="utf-8",
    )
    with pytest.raises(SchemaError) as info:
        read_graphml(p)
    messages = [str(x) for x in info.value.problems]
    assert any(
        ":2: node 'a', nope: data refers to the undeclared key 'nope'" in m for m in messages
    )
    assert any(":3: hyperedge: hyperedges are not supported" in m for m in messages)


def test_graphml_problems_name_the_node_and_line(tmp_path: Path) -> None:
    G = ActorGraph()
    G.add_actor("a")
    G.add_actor("b")
    G.add_relation("a", "attacks", "b", id="r1")
    text = dump_graphml(G).replace(">a</data>", ">a</data>\n", 1)
    text = text.replace('<edge id="r1" source="a"', '<edge id="r1" source="zz"')
    p = tmp_path / "bad.graphml"
    p.write_text(text, encoding="utf-8")
    with pytest.raises(SchemaError) as info:
        read_graphml(p)
    (problem,) = info.value.problems
    assert problem.field == "edge 'r1', source"
    assert "no actor matches 'zz'" in problem.message
    assert problem.line == text[: text.index('<edge id="r1"')].count("\n") + 1


# --------------------------------------------------------------------------
# GEXF: spells and Gephi files
# --------------------------------------------------------------------------

NS = {"g": "http://gexf.net/1.3"}


def test_validity_is_written_as_spells_for_gephis_timeline() -> None:
    G = ActorGraph()
    G.add_actor("hts", start="2017-01")
    G.add_actor("sy", start="1971", end="2024-12-08")
    G.add_actor("ru")
    G.add_relation("hts", "attacks", "sy", start="2024-11", end="2024", id="r1")
    G.add_relation("ru", "consults", "sy", start="2024-11-30", end="2024-11-30", id="call")
    G.add_relation("ru", "supports", "sy", id="open")
    root = ET.fromstring(dump_gexf(G).encode())
    graph = root.find("g:graph", NS)
    assert graph is not None
    assert (graph.get("mode"), graph.get("timeformat")) == ("dynamic", "date")

    def spells(xpath: str) -> list[dict[str, str]]:
        el = root.find(xpath, NS)
        assert el is not None
        return [dict(s.attrib) for s in el.findall("g:spells/g:spell", NS)]

    assert spells(".//g:node[@id='hts']") == [{"start": "2017-01-01"}]
    assert spells(".//g:node[@id='sy']") == [{"start": "1971-01-01", "end": "2024-12-08"}]
    assert spells(".//g:node[@id='ru']") == []
    assert spells(".//g:edge[@id='r1']") == [{"start": "2024-11-01", "end": "2024-12-31"}]
    assert spells(".//g:edge[@id='call']") == [{"start": "2024-11-30", "end": "2024-11-30"}]
    assert spells(".//g:edge[@id='open']") == []
    edge = root.find(".//g:edge[@id='r1']", NS)
    assert edge is not None and edge.get("kind") == "attacks"


GEPHI = """<?xml version="1.0" encoding="UTF-8"?>
<gexf xmlns="http://www.gexf.net/1.2draft" xmlns:viz="http://www.gexf.net/1.2draft/viz"
      version="1.2">
  <meta lastmodifieddate="2024-12-01">
    <creator>Gephi 0.10</creator><description></description>
  </meta>
  <graph defaultedgetype="directed" mode="dynamic" timeformat="date">
    <attributes class="node" mode="dynamic">
      <attribute id="score" title="score" type="double"/>
      <attribute id="0" title="Modularity Class" type="integer"/>
    </attributes>
    <attributes class="edge" mode="static">
      <attribute id="t" title="type" type="string"/>
    </attributes>
    <nodes>
      <node id="hts" label="HTS" start="2017-01-28">
        <attvalues>
          <attvalue for="0" value="1"/>
          <attvalue for="score" value="0.5" start="2020-01-01" end="2021-12-31"/>
          <attvalue for="score" value="0.9" start="2022-01-01"/>
        </attvalues>
        <viz:size value="10.0"/><viz:position x="1.5" y="-2.0"/><viz:color r="230" g="159" b="0"/>
      </node>
      <node id="sy" label="Syria">
        <spells>
          <spell start="1971-01-01" end="1990-01-01"/><spell start="2000-01-01" end="2024-12-08"/>
        </spells>
      </node>
    </nodes>
    <edges>
      <edge id="0" source="hts" target="sy" weight="2.0">
        <attvalues><attvalue for="t" value="attacks"/></attvalues>
        <spells><spell start="2024-11-27T00:00:00" end="2024-12-08"/></spells>
      </edge>
      <edge id="1" source="sy" target="hts" label="condemns"/>
      <edge id="2" source="sy" target="hts" label="dislikes"/>
    </edges>
  </graph>
</gexf>
"""


def test_gephi_export_is_read_sensibly(tmp_path: Path) -> None:
    p = tmp_path / "gephi.gexf"
    p.write_text(GEPHI, encoding="utf-8")
    with pytest.raises(SchemaError) as info:
        read_gexf(p)
    (problem,) = info.value.problems
    assert problem.field == "edge '2', type"
    assert problem.line == GEPHI[: GEPHI.index('<edge id="2"')].count("\n") + 1
    G = read_gexf(p, default_type="opposes")
    hts = G.actor("hts")
    assert hts.name == "HTS" and str(hts.start) == "2017-01-28" and hts.end is None
    assert hts.attrs == {
        "Modularity Class": 1,
        "score": [
            {"value": 0.5, "start": "2020-01-01", "end": "2021-12-31"},
            {"value": 0.9, "start": "2022-01-01"},
        ],
        "viz": {
            "size": {"value": 10.0},
            "position": {"x": 1.5, "y": -2.0},
            "color": {"r": 230, "g": 159, "b": 0},
        },
    }
    sy = G.actor("sy")
    assert (str(sy.start), str(sy.end)) == ("1971-01-01", "2024-12-08")
    assert sy.attrs["gexf:spells"][0] == {"start": "1971-01-01", "end": "1990-01-01"}
    r0 = G.relation("0")
    assert (r0.type, str(r0.start), str(r0.end)) == ("attacks", "2024-11-27", "2024-12-08")
    assert r0.attrs == {"weight": 2.0}
    assert G.relation("1").type == "condemns"  # a label that is a type id
    assert G.relation("2").attrs == {"gexf:label": "dislikes"}
    assert G.attrs == {"gexf:creator": "Gephi 0.10", "gexf:lastmodifieddate": "2024-12-01"}


def test_networkx_gexf_round_trip_both_ways(tmp_path: Path) -> None:
    G = datasets.load("aleppo-2024")
    p = tmp_path / "g.gexf"
    write_gexf(G, p)
    g = nx.read_gexf(p)
    assert g.number_of_edges() == G.number_of_relations()
    plain = nx.DiGraph()
    plain.add_edge("a", "b", weight=1.5)
    q = tmp_path / "plain.gexf"
    nx.write_gexf(plain, q)
    H = read_gexf(q, default_type="cooperates_with")
    (r,) = H.relations()
    assert (r.source, r.target, r.type, r.attrs) == ("a", "b", "cooperates_with", {"weight": 1.5})


def test_gexf_typed_value_errors_are_all_listed(tmp_path: Path) -> None:
    G = ActorGraph()
    G.add_actor("a", n=1)
    G.add_actor("b", n=2)
    text = dump_gexf(G).replace('value="1"', 'value="one"').replace('value="2"', 'value="2.5"')
    p = tmp_path / "bad.gexf"
    p.write_text(text, encoding="utf-8")
    with pytest.raises(SchemaError) as info:
        read_gexf(p)
    assert [(x.field, "is not an integer" in x.message) for x in info.value.problems] == [
        ("node 'a', n", True),
        ("node 'b', n", True),
    ]


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_unknown_types_are_listed_or_fall_back(tmp_path: Path, fmt: str) -> None:
    G = ActorGraph()
    G.add_actor("a")
    G.add_actor("b")
    G.add_relation("a", "attacks", "b", id="r1")
    G.add_relation("b", "attacks", "a", id="r2")
    text = dump_graphml(G) if fmt == "graphml" else dump_gexf(G)
    text = text.replace(">attacks<", ">likes<").replace('kind="attacks"', 'kind="likes"')
    text = text.replace('value="attacks"', 'value="likes"')
    p = tmp_path / f"likes.{fmt}"
    p.write_text(text, encoding="utf-8")
    with pytest.raises(SchemaError) as info:
        READERS[fmt](p)
    assert [x.field for x in info.value.problems] == ["edge 'r1', type", "edge 'r2', type"]
    assert all("unknown relation type 'likes'" in x.message for x in info.value.problems)
    H = READERS[fmt](p, default_type="affiliated_with")
    key = "graphml:type" if fmt == "graphml" else "gexf:kind"
    assert [(r.type, r.attrs) for r in H.relations()] == [("affiliated_with", {key: "likes"})] * 2


def test_gexf_timestamps_and_other_xml_attributes(tmp_path: Path) -> None:
    p = tmp_path / "ts.gexf"
    p.write_text(
        '<gexf xmlns="http://gexf.net/1.3" version="1.3">'
        '<graph timerepresentation="timestamp" timeformat="date"><nodes>'
        '<node id="a" pid="root"><spells><spell timestamp="2020-05-01"/></spells></node>'
        '<node id="b" timestamp="2021-01-02"/></nodes>'
        '<edges><edge source="a" target="b" kind="consults" type="undirected"/></edges>'
        "</graph></gexf>",
        encoding="utf-8",
    )
    G = read_gexf(p)
    a, b = G.actor("a"), G.actor("b")
    assert (str(a.start), str(a.end), a.attrs) == ("2020-05-01", "2020-05-01", {"gexf:pid": "root"})
    assert (str(b.start), str(b.end)) == ("2021-01-02", "2021-01-02")
    (r,) = G.relations()
    assert (r.id, r.type, r.attrs) == ("a-consults-b", "consults", {"gexf:type": "undirected"})


# --------------------------------------------------------------------------
# readers refuse what they cannot represent, listing every problem
# --------------------------------------------------------------------------

BAD_GRAPHML = """<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
<key id="s" for="edge" attr.name="start" attr.type="string"/>
<key id="t" for="edge" attr.name="type" attr.type="string"/>
<key id="w" for="edge" attr.name="weight" attr.type="decimal"/>
<key id="x" for="edge" attr.name="strength" attr.type="double"/>
<graph>
<node id=""/>
<node/>
<node id="b"/>
<edge source="b" target="b"><data key="t">attacks</data><data key="t">supports</data>
<data key="s">2024-02-30</data><data key="x">abc</data></edge>
<edge id="" source="" target="b"><data key="t">attacks</data></edge>
</graph></graphml>
"""

BAD_GEXF = """<gexf xmlns="http://gexf.net/1.3" version="1.3">
<graph timeformat="date">
<attributes class="edge"><attribute id="t" title="type" type="string"/>
<attribute id="d" title="n" type="decimal"/></attributes>
<nodes><node id=""/><node id="b"/><node id="c" start="2024-13-01"/></nodes>
<edges>
<edge source="b" target="b" kind="attacks" weight="abc" start="2024-02-30"/>
<edge source="b" target="c"><attvalues><attvalue for="t" value="attacks"/>
<attvalue for="t" value="supports"/></attvalues>
<spells><spell start="yesterday"/></spells></edge>
</edges></graph></gexf>
"""


def _problems(fmt: str, text: str, tmp_path: Path) -> list[str]:
    p = tmp_path / f"bad.{fmt}"
    p.write_text(text, encoding="utf-8")
    with pytest.raises(SchemaError) as info:
        READERS[fmt](p)
    assert all(x.file == str(p) for x in info.value.problems)
    return [f"{x.line}: {x.field}: {x.message}" for x in info.value.problems]


def test_graphml_reader_lists_every_fault(tmp_path: Path) -> None:
    assert _problems("graphml", BAD_GRAPHML, tmp_path) == [
        "4: key 'w', attr.type: unknown attr.type 'decimal' (GraphML has boolean, int, long, "
        "float, double and string)",
        "7: node '', id: the required field 'id' is empty",
        "8: node '', id: the required field 'id' is empty",
        "10: edge 'b' -> 'b', type: 'type' is given twice (lines 10 and 10)",
        "11: edge 'b' -> 'b', strength: 'abc' is not a number (attr.type double)",
        "11: edge 'b' -> 'b', start: '2024-02-30' is not a real date: day 30 does not exist "
        "in 2024-02",
        "12: edge '' -> 'b', id: the field 'id' is empty; leave it out or give a value",
        "12: edge '' -> 'b', source: the required field 'source' is empty",
    ]


def test_gexf_reader_lists_every_fault(tmp_path: Path) -> None:
    assert _problems("gexf", BAD_GEXF, tmp_path) == [
        "4: attribute 'd', type: unknown attribute type 'decimal'",
        "5: node 'c', start: '2024-13-01' is not a real date: month 13 is out of range 1..12",
        "5: node '', id: the required field 'id' is empty",
        "7: edge 'b' -> 'b', start: '2024-02-30' is not a real date: day 30 does not exist "
        "in 2024-02",
        "7: edge 'b' -> 'b', weight: weight 'abc' is not a number",
        "9: edge 'b' -> 'c', type: 'type' is given twice (lines 8 and 9)",
        "10: edge 'b' -> 'c', start: 'yesterday' is not a date (timeformat date)",
    ]


def test_unknown_format_versions_are_refused(tmp_path: Path) -> None:
    G = ActorGraph()
    G.add_actor("a")
    graphml = dump_graphml(G).replace(
        '<data key="graph.actorgraph">1<', '<data key="graph.actorgraph">7<'
    )
    assert "format version 7 is not supported" in _problems("graphml", graphml, tmp_path)[0]
    gexf = dump_gexf(G).replace('{"actorgraph": 1, ', '{"actorgraph": 7, ')
    assert "format version 7 is not supported" in _problems("gexf", gexf, tmp_path)[0]
    gexf = dump_gexf(G).replace('version="1.3"', 'version="2.0"')
    assert _problems("gexf", gexf, tmp_path)[0].endswith(
        "GEXF version '2.0' is not supported (1.1, 1.2 and 1.3 are)"
    )


def test_duplicated_declarations_are_refused(tmp_path: Path) -> None:
    text = BAD_GRAPHML.replace(
        '<key id="x"', '<key id="x2" for="edge" attr.name="type" attr.type="string"/>\n<key id="x"'
    )
    assert any(
        "attr.name 'type' for edge is declared twice" in p
        for p in _problems("graphml", text, tmp_path)
    )
    gexf = BAD_GEXF.replace(
        '<attribute id="d"', '<attribute id="t" title="x" type="string"/><attribute id="d"'
    )
    assert any(
        "attribute id 't' is declared twice for edges" in p
        for p in _problems("gexf", gexf, tmp_path)
    )


def test_old_files_with_ag_markers_still_read(tmp_path: Path) -> None:
    """Files written before the column manifest marked JSON columns with ``ag:json``."""
    old = """<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:ag="urn:actorgraph">
  <key id="g0" for="graph" attr.name="actorgraph" attr.type="long"/>
  <key id="n1" for="node" attr.name="name" attr.type="string"/>
  <key id="n2" for="node" attr.name="aliases" attr.type="string" ag:json="true"/>
  <key id="n3" for="node" attr.name="label" attr.type="string" ag:derived="true"/>
  <key id="n4" for="node" attr.name="note" attr.type="string" ag:json="true"/>
  <graph id="G" edgedefault="directed">
    <data key="g0">1</data>
    <node id="hts"><data key="n1">HTS</data><data key="n2">["Tahrir"]</data>
      <data key="n3">HTS</data><data key="n4">"[1, 2]"</data></node>
  </graph>
</graphml>"""
    p = tmp_path / "old.graphml"
    p.write_text(old, encoding="utf-8")
    a = read_graphml(p).actor("hts")
    assert (a.name, a.aliases, a.attrs) == ("HTS", ("Tahrir",), {"note": "[1, 2]"})
