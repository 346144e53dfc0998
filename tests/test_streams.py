"""Readers and writers take an open file as well as a path, text or binary.

Through an open file every format gives exactly what it gives through a path: the same
bytes written, an equal graph read back, the same messages (naming the file by its
``name``, or ``<stream>``). Writing to an open file builds everything first and writes
once, so a failure while building writes nothing. An open file has no suffix, so
``read``/``write`` need ``format=``.
"""

from __future__ import annotations

import datetime
import io
import tempfile
from pathlib import Path
from typing import Any

import pytest
from _strategies import graphs, strict_equal
from hypothesis import given
from hypothesis import strategies as st

from actorgraph import datasets
from actorgraph.exceptions import FormatError, SchemaError, ValidationError
from actorgraph.graph import ActorGraph
from actorgraph.readwrite import FORMATS, FileFormat, format_of, read, register_format, write
from actorgraph.readwrite.document import dump_yaml, read_json, read_yaml, write_json, write_yaml
from actorgraph.readwrite.gexf import write_gexf
from actorgraph.readwrite.graphml import read_graphml, write_graphml
from actorgraph.readwrite.nodelink import write_nodelink
from actorgraph.readwrite.tables import read_csv, write_csv

#: The formats that are read and written, with the suffix of a path for them.
LOSSLESS = {
    "yaml": ".yaml",
    "json": ".json",
    "csv": ".csv.zip",
    "graphml": ".graphml",
    "gexf": ".gexf",
    "nodelink": ".nodelink.json",
}
XML = frozenset({"graphml", "gexf"})
TEXT = [name for name in LOSSLESS if name != "csv"]


class Named(io.StringIO):
    """A text stream with a name, as ``open`` gives one."""

    name = "piped.yaml"


class OnlyRead:
    """A binary stream that can neither seek nor tell what it is (a pipe, a socket)."""

    def __init__(self, data: bytes) -> None:
        self._data = io.BytesIO(data)

    def read(self, n: int = -1) -> bytes:
        return self._data.read(n)


class Recorder:
    """A stream of unknown kind that takes text and records every write."""

    def __init__(self) -> None:
        self.calls: list[Any] = []

    def write(self, data: Any) -> int:
        self.calls.append(data)
        return len(data)


@pytest.fixture
def aleppo() -> ActorGraph:
    return datasets.load("aleppo-2024")


def _via_path(G: ActorGraph, fmt: str, suffix: str) -> tuple[bytes, ActorGraph]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / ("g" + suffix)
        write(G, path, format=fmt)
        return path.read_bytes(), read(path, format=fmt)


def _same_as_path(G: ActorGraph, fmt: str) -> None:
    data, from_path = _via_path(G, fmt, LOSSLESS[fmt])
    binary = io.BytesIO()
    write(G, binary, format=fmt)
    assert binary.getvalue() == data
    strict_equal(from_path, read(io.BytesIO(data), format=fmt))
    if fmt != "csv":
        text = io.StringIO()
        write(G, text, format=fmt)
        assert text.getvalue().encode("utf-8") == data
        strict_equal(from_path, read(io.StringIO(data.decode("utf-8")), format=fmt))


# -- round trips --------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", list(LOSSLESS))
def test_the_bundled_dataset_through_streams_as_through_a_path(
    aleppo: ActorGraph, fmt: str
) -> None:
    _same_as_path(aleppo, fmt)
    strict_equal(aleppo, read(io.BytesIO(_via_path(aleppo, fmt, LOSSLESS[fmt])[0]), format=fmt))


@given(graphs(), st.sampled_from(["yaml", "json", "csv", "nodelink"]))
def test_any_graph_through_streams_as_through_a_path(G: ActorGraph, fmt: str) -> None:
    _same_as_path(G, fmt)


@given(graphs(xml=True), st.sampled_from(sorted(XML)))
def test_any_graph_through_xml_streams_as_through_a_path(G: ActorGraph, fmt: str) -> None:
    _same_as_path(G, fmt)


@given(graphs())
def test_drawings_to_streams_as_to_a_path(G: ActorGraph) -> None:
    for fmt, suffix in (("dot", ".dot"), ("mermaid", ".mmd")):
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / ("g" + suffix)
            write(G, path)
            data = path.read_bytes()
        text, binary = io.StringIO(), io.BytesIO()
        write(G, text, format=fmt)
        write(G, binary, format=fmt)
        assert text.getvalue().encode("utf-8") == binary.getvalue() == data


def test_html_to_streams_as_to_a_path(tmp_path: Path, aleppo: ActorGraph) -> None:
    write(aleppo, tmp_path / "g.html", at="2024-11-30")
    text, binary = io.StringIO(), io.BytesIO()
    write(aleppo, text, format="html", at="2024-11-30")
    write(aleppo, binary, format="html", at="2024-11-30")
    assert (
        text.getvalue().encode("utf-8") == binary.getvalue() == (tmp_path / "g.html").read_bytes()
    )


@pytest.mark.parametrize("fmt", list(LOSSLESS))
def test_files_open_from_a_path_read_like_the_path(
    tmp_path: Path, aleppo: ActorGraph, fmt: str
) -> None:
    path = tmp_path / ("g" + LOSSLESS[fmt])
    write(aleppo, path)
    with open(path, "rb") as fh:
        strict_equal(aleppo, read(fh, format=fmt))
    if fmt != "csv":
        with open(path, encoding="utf-8", newline="") as fh:
            strict_equal(aleppo, read(fh, format=fmt))
    with open(tmp_path / "copy", "wb") as fh:
        write(aleppo, fh, format=fmt)
    assert (tmp_path / "copy").read_bytes() == path.read_bytes()


def test_streams_are_read_from_where_they_stand_and_left_open(aleppo: ActorGraph) -> None:
    out = io.StringIO("# before\n")
    out.seek(0, io.SEEK_END)
    write_yaml(aleppo, out)
    assert not out.closed and out.getvalue().startswith("# before\nactorgraph: 1\n")
    source = io.StringIO(out.getvalue())
    source.readline()
    assert read_yaml(source) == aleppo and not source.closed
    zipped = io.BytesIO(b"junk")
    zipped.seek(0, io.SEEK_END)
    write_csv(aleppo, zipped)
    zipped.seek(4)
    assert read_csv(zipped) == aleppo


def test_a_byte_order_mark_is_dropped_from_text_and_bytes() -> None:
    doc = "\ufeffactorgraph: 1\nname: demo\n"
    assert read_yaml(io.StringIO(doc)).name == read_yaml(io.BytesIO(doc.encode())).name == "demo"
    xml = '\ufeff<?xml version="1.0"?><graphml><graph><node id="a"/></graph></graphml>'
    assert [a.id for a in read_graphml(io.StringIO(xml))] == ["a"]
    assert [a.id for a in read_graphml(io.BytesIO(xml.encode()))] == ["a"]


def test_xml_bytes_follow_their_declaration_and_text_is_taken_as_it_is() -> None:
    xml = (
        '<?xml version="1.0" encoding="ISO-8859-1"?>\n<graphml>'
        '<key id="n" for="node" attr.name="name" attr.type="string"/>'
        '<graph><node id="a"><data key="n">Ségou</data></node></graph></graphml>'
    )
    as_bytes = read_graphml(io.BytesIO(xml.encode("latin-1")))
    as_text = read_graphml(io.StringIO(xml))
    assert as_bytes.actor("a").name == as_text.actor("a").name == "Ségou"


def test_a_pipe_that_cannot_seek_holds_a_zip(aleppo: ActorGraph) -> None:
    out = io.BytesIO()
    write_csv(aleppo, out)
    assert read_csv(OnlyRead(out.getvalue())) == aleppo  # type: ignore[arg-type]
    assert read(OnlyRead(out.getvalue()), format="zip") == aleppo  # type: ignore[arg-type]


def test_a_stream_of_unknown_kind_gets_text_in_one_write(aleppo: ActorGraph) -> None:
    for fmt in ("yaml", "graphml", "dot"):
        rec = Recorder()
        write(aleppo, rec, format=fmt)  # type: ignore[arg-type]
        assert len(rec.calls) == 1 and isinstance(rec.calls[0], str)
    binary: list[bytes] = []

    class Bytes:
        def write(self, data: bytes) -> int:
            if not isinstance(data, bytes):
                raise TypeError("a bytes-like object is required")
            binary.append(data)
            return len(data)

    write_json(aleppo, Bytes())  # type: ignore[arg-type]
    assert len(binary) == 1 and read_json(io.BytesIO(binary[0])) == aleppo


# -- a failure while writing writes nothing ------------------------------------------------


def _unwritable(why: str) -> tuple[ActorGraph, type[Exception]]:
    G = ActorGraph()
    if why == "nan":
        G.add_actor("a", x=float("nan"))
        return G, FormatError
    if why == "date":
        G.add_actor("a", when=datetime.date(2024, 11, 27))
        return G, ValidationError
    G.add_actor("a", name="bell\x07")
    return G, FormatError


@pytest.mark.parametrize(
    ("writer", "why"),
    [
        (write_json, "nan"),
        (write_nodelink, "nan"),
        (write_yaml, "date"),
        (write_json, "date"),
        (write_csv, "date"),
        (write_graphml, "xml"),
        (write_gexf, "xml"),
    ],
)
def test_a_failure_while_building_writes_nothing(writer: Any, why: str) -> None:
    G, error = _unwritable(why)
    streams: list[Any] = [io.BytesIO(), Recorder()]
    if writer is not write_csv:
        streams.append(io.StringIO())
    for out in streams:
        with pytest.raises(error):
            writer(G, out)
        assert (out.calls if isinstance(out, Recorder) else out.getvalue()) in ([], b"", "")


# -- messages name the stream --------------------------------------------------------------


def test_problems_name_the_stream_or_its_name() -> None:
    doc = "actorgraph: 1\nname: a\nname: b\n"
    for source, name in (
        (io.StringIO(doc), "<stream>"),
        (io.BytesIO(doc.encode()), "<stream>"),
        (Named(doc), "piped.yaml"),
    ):
        with pytest.raises(SchemaError) as info:
            read_yaml(source)
        assert info.value.problems[0].file == name
        assert str(info.value).splitlines()[1].strip().startswith(f"{name}:3: name:")


@pytest.mark.parametrize(
    ("fmt", "data"),
    [
        ("yaml", b"actorgraph: 1\nname: \xff\n"),
        ("json", b'{"actorgraph": 1, "attrs": {"x": NaN}}'),
        ("nodelink", b'{"nodes": [{"id": "a"}], "links": [{"source": "a", "target": "b"}]}'),
        ("graphml", b"<graphml><graph><node></graph>"),
        ("gexf", b'<!DOCTYPE x [<!ENTITY a "aaaa">]><gexf/>'),
        ("csv", b"PK\x03\x04 not really a zip"),
    ],
)
def test_a_file_open_from_a_path_fails_as_the_path_does(
    tmp_path: Path, fmt: str, data: bytes
) -> None:
    path = tmp_path / ("bad" + LOSSLESS[fmt])
    path.write_bytes(data)
    with pytest.raises((SchemaError, FormatError)) as by_path:
        read(path)
    with open(path, "rb") as fh, pytest.raises(type(by_path.value)) as by_file:
        read(fh, format=fmt)
    assert str(by_file.value) == str(by_path.value)
    with pytest.raises(type(by_path.value)) as by_stream:
        read(io.BytesIO(data), format=fmt)
    assert str(by_stream.value) == str(by_path.value).replace(str(path), "<stream>")


def test_size_limits_name_the_stream() -> None:
    for source in (io.StringIO("x" * 20), io.BytesIO(b"x" * 20)):
        with pytest.raises(FormatError, match="'<stream>' is larger than the limit of 10 bytes"):
            read_yaml(source, max_bytes=10)
    with pytest.raises(FormatError, match="'<stream>' is larger"):
        read_graphml(io.StringIO("<graphml/>" * 5), max_bytes=10)


@given(st.text(st.characters(exclude_categories=["Cs"]), max_size=20), st.integers(-2, 1))
def test_a_text_stream_is_measured_in_utf8_bytes_as_a_file_is(name: str, delta: int) -> None:
    G = ActorGraph(name)
    doc = dump_yaml(G)
    limit = len(doc.encode("utf-8")) + delta
    outcomes = []
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "g.yaml"
        path.write_bytes(doc.encode("utf-8"))
        for source in (path, io.StringIO(doc), io.BytesIO(doc.encode("utf-8"))):
            try:
                outcomes.append(read_yaml(source, max_bytes=limit) == G)
            except FormatError:
                outcomes.append(False)
    assert outcomes == [delta >= 0] * 3


# -- format= for streams; the declared registry --------------------------------------------


def test_a_stream_needs_format_and_the_message_names_the_choices(aleppo: ActorGraph) -> None:
    with pytest.raises(FormatError) as info:
        read(io.StringIO("actorgraph: 1\n"))
    message = str(info.value)
    assert "'<stream>'" in message and "pass format=" in message
    readable = "csv, ftm, gexf, graphml, json, nodelink, stix, wikidata, yaml"
    assert readable in message and "dot" not in message
    out = io.StringIO()
    with pytest.raises(FormatError, match="csv, dot, gexf, graphml, html, json, kumu, mermaid"):
        write(aleppo, out)
    assert out.getvalue() == ""
    with pytest.raises(FormatError, match=r"'piped\.yaml': it has no suffix"):
        format_of(Named())
    with pytest.raises(FormatError, match="can be written but not read"):
        read(io.StringIO(), format="dot")
    assert format_of(io.BytesIO(), "gv").name == "dot"


def test_a_format_of_paths_only_refuses_streams(tmp_path: Path) -> None:
    written: list[Any] = []
    register_format(FileFormat("note", (".note",), write=lambda G, path: written.append(path)))
    try:
        with pytest.raises(
            FormatError, match=r"written to a path, not an open file \('<stream>'\)"
        ):
            write(ActorGraph(), io.StringIO(), format="note")
        write(ActorGraph(), tmp_path / "a.note")
        assert written == [tmp_path / "a.note"]
        assert not FORMATS["note"].text and not FORMATS["note"].streams
    finally:
        del FORMATS["note"]


def test_csv_tables_in_an_open_file_are_a_zip_in_binary(aleppo: ActorGraph) -> None:
    for call in (lambda: write_csv(aleppo, io.StringIO()), lambda: read_csv(io.StringIO("a"))):
        with pytest.raises(FormatError) as info:
            call()
        message = str(info.value)
        assert "'<stream>'" in message and "binary mode" in message and "needs a path" in message
    with pytest.raises(FormatError, match="binary mode"):
        write(aleppo, io.StringIO(), format="csv")


BUILT_IN = ("yaml", "json", "csv", "graphml", "gexf", "nodelink", "dot", "mermaid", "html")


def test_the_registry_declares_text_encoding_and_streams() -> None:
    declared = {f.name: (f.text, f.encoding, f.streams) for f in FORMATS.values()}
    utf8 = (True, "utf-8", True)
    for name, (text, encoding, _) in declared.items():  # formats other modules register too
        assert (encoding is not None) == text, name
    assert {k: v for k, v in declared.items() if k in BUILT_IN} == {
        "yaml": utf8,
        "json": utf8,
        "csv": (False, None, True),
        "graphml": utf8,
        "gexf": utf8,
        "nodelink": utf8,
        "dot": utf8,
        "mermaid": utf8,
        "html": utf8,
    }


@pytest.fixture
def no_temporary_files(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("a temporary file was made")

    for name in ("TemporaryDirectory", "NamedTemporaryFile", "mkstemp", "mkdtemp"):
        monkeypatch.setattr(tempfile, name, refuse)


def test_streams_need_no_temporary_file(no_temporary_files: None, aleppo: ActorGraph) -> None:
    for fmt in LOSSLESS:
        out = io.BytesIO()
        write(aleppo, out, format=fmt)
        assert read(io.BytesIO(out.getvalue()), format=fmt) == aleppo
