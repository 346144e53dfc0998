"""Round trips native -> each lossless interchange format -> native, property-tested.

CSV and node-link JSON carry any text (control characters, NUL, CR...). GraphML
and GEXF are XML 1.0, which cannot carry most control characters: their free
values (attrs, aliases, quotes) still round-trip because they travel as JSON
text, but names, kinds and attribute names must be XML text, so the XML
strategy leaves such characters out of those (and a test below checks the
writer refuses them with a clear error).
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from _strategies import graphs, strict_equal
from hypothesis import given

from actorgraph import datasets
from actorgraph.exceptions import FormatError
from actorgraph.graph import ActorGraph
from actorgraph.readwrite import read, write
from actorgraph.readwrite.gexf import read_gexf, write_gexf
from actorgraph.readwrite.graphml import read_graphml, write_graphml
from actorgraph.readwrite.nodelink import read_nodelink, write_nodelink
from actorgraph.readwrite.tables import read_csv, write_csv

Writer = Callable[[ActorGraph, Path], None]
Reader = Callable[[Path], ActorGraph]
FORMATS: dict[str, tuple[str, Writer, Reader]] = {
    "csv-folder": ("tables", write_csv, read_csv),
    "csv-zip": ("g.csv.zip", write_csv, read_csv),
    "nodelink": ("g.nodelink.json", write_nodelink, read_nodelink),
    "graphml": ("g.graphml", write_graphml, read_graphml),
    "gexf": ("g.gexf", write_gexf, read_gexf),
}


def round_trip(fmt: str, graph: ActorGraph) -> ActorGraph:
    name, writer, reader = FORMATS[fmt]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        writer(graph, path)
        first = _snapshot(path)
        H = reader(path)
        writer(H, path)
        assert _snapshot(path) == first  # deterministic: the same graph, the same bytes
        return H


def _snapshot(path: Path) -> dict[str, bytes]:
    if path.is_dir():
        return {p.name: p.read_bytes() for p in sorted(path.iterdir())}
    return {path.name: path.read_bytes()}


@given(graphs())
def test_csv_folder_round_trip(graph: ActorGraph) -> None:
    strict_equal(graph, round_trip("csv-folder", graph))


@given(graphs())
def test_csv_zip_round_trip(graph: ActorGraph) -> None:
    strict_equal(graph, round_trip("csv-zip", graph))


@given(graphs())
def test_nodelink_round_trip(graph: ActorGraph) -> None:
    strict_equal(graph, round_trip("nodelink", graph))


@given(graphs(xml=True))
def test_graphml_round_trip(graph: ActorGraph) -> None:
    strict_equal(graph, round_trip("graphml", graph))


@given(graphs(xml=True))
def test_gexf_round_trip(graph: ActorGraph) -> None:
    strict_equal(graph, round_trip("gexf", graph))


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_bundled_dataset_round_trips(fmt: str) -> None:
    G = datasets.load("aleppo-2024")
    strict_equal(G, round_trip(fmt, G))


@pytest.mark.parametrize("suffix", ["g.csv.zip", "g.graphml", "g.gexf", "g.nodelink.json"])
def test_dispatch_by_suffix(tmp_path: Path, suffix: str) -> None:
    G = datasets.load("aleppo-2024")
    write(G, tmp_path / suffix)
    assert read(tmp_path / suffix) == G


def test_csv_folder_dispatch_with_format(tmp_path: Path) -> None:
    G = datasets.load("aleppo-2024")
    write(G, tmp_path / "tables", format="csv")
    assert read(tmp_path / "tables", format="csv") == G
    assert read(tmp_path / "tables" / "actors.csv") == G  # the .csv path stands for its folder


def test_nodelink_suffix_does_not_clash_with_native_json(tmp_path: Path) -> None:
    G = datasets.load("aleppo-2024")
    write(G, tmp_path / "g.json")
    write(G, tmp_path / "g.nodelink.json")
    assert json.loads((tmp_path / "g.json").read_text("utf-8"))["actorgraph"] == 1
    assert "nodes" in json.loads((tmp_path / "g.nodelink.json").read_text("utf-8"))
    assert "nodes" not in json.loads((tmp_path / "g.json").read_text("utf-8"))


@pytest.mark.parametrize("writer", [write_graphml, write_gexf])
@pytest.mark.parametrize("field", ["name", "kind"])
def test_xml_writers_refuse_what_xml_cannot_hold(
    tmp_path: Path, writer: Writer, field: str
) -> None:
    G = ActorGraph()
    G.add_actor("a", **{field: "bell\x07"})  # type: ignore[arg-type]
    G.add_actor("b", **{field: "nul\x00"})  # type: ignore[arg-type]
    out = tmp_path / "g.xml"
    with pytest.raises(FormatError) as info:
        writer(G, out)
    message = str(info.value)
    assert "actor 'a'" in message and "actor 'b'" in message  # every value listed
    assert "U+0007" in message and "U+0000" in message
    assert not out.exists()  # nothing half-written


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_xml_free_values_with_control_characters_survive(fmt: str) -> None:
    G = ActorGraph()
    G.add_actor("a", aliases=["bell\x07"], note="nul\x00 and \ufffe", notes=["\x01"])
    G.add_actor("b")
    G.add_relation("a", "attacks", "b", sources=[{"publisher": "P", "quote": "q\x02"}], x="\x03")
    strict_equal(G, round_trip(fmt, G))
