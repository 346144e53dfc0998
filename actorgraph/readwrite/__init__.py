"""Reading and writing graphs: :func:`read` and :func:`write` pick the format by suffix.

======================  ==============================  ========================================
format                  suffixes                        module
======================  ==============================  ========================================
``yaml`` (native)       ``.yaml .yml``                  :mod:`actorgraph.readwrite.document`
``json`` (native)       ``.json``                       :mod:`actorgraph.readwrite.document`
``csv`` (tables)        ``.csv .csv.zip .zip``, folder  :mod:`actorgraph.readwrite.tables`
``graphml``             ``.graphml``                    :mod:`actorgraph.readwrite.graphml`
``gexf`` (Gephi)        ``.gexf``                       :mod:`actorgraph.readwrite.gexf`
``nodelink`` (D3)       ``.nodelink.json``              :mod:`actorgraph.readwrite.nodelink`
``dot`` (write-only)    ``.dot .gv``                    :mod:`actorgraph.readwrite.dot`
``mermaid`` (write)     ``.mmd .mermaid``               :mod:`actorgraph.readwrite.mermaid`
``html`` (write)        ``.html .htm``                  :mod:`actorgraph.readwrite.html`
``kumu`` (write)        ``.kumu.json``                  :mod:`actorgraph.readwrite.kumu`
``ftm`` (read)          ``.ftm.json .nested.json``      :mod:`actorgraph.importers.ftm`
``stix``                ``.stix.json``                  :mod:`actorgraph.importers.stix`
``wikidata`` (read)     ``.sparql.json``                :mod:`actorgraph.importers.wikidata`
======================  ==============================  ========================================

A CSV graph is a folder (or a ``.zip``) holding ``actors.csv``,
``relations.csv`` and ``graph.csv``; a ``.csv`` path names one of those files
and stands for its folder, and a folder is read or written with
``format="csv"``. ``docs/formats.md`` says what each format keeps and loses.

Format modules register themselves in :data:`FORMATS` with
:func:`register_format`; the longest registered suffix that ends the file
name wins (so ``.graphml.gz`` can differ from ``.gz``).

Every format but the CSV folder also reads from and writes to an open file
(``FileFormat.streams``), text or binary: ``read(sys.stdin, format="yaml")``,
``write(G, sys.stdout, format="dot")``. An open file has no suffix, so it
needs ``format=``. Writing to an open file cannot be atomic: the whole text is
built first and written in one go, so a failure while building writes nothing.
Each format declares whether it is text and in which encoding
(``FileFormat.encoding``; CSV tables, a zip, are bytes).

Examples
--------
>>> import tempfile, pathlib
>>> from actorgraph import ActorGraph
>>> G = ActorGraph("demo"); _ = G.add_actor("hts", name="Hayʼat Tahrir al-Sham")
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> write(G, folder / "demo.yaml"); write(G, folder / "demo.json")
>>> read(folder / "demo.yaml") == read(folder / "demo.json") == G
True
>>> read(folder / "demo.txt")
Traceback (most recent call last):
...
actorgraph.exceptions.FormatError: cannot tell the format of 'demo.txt' from its suffix '.txt'; ...
>>> import io
>>> out = io.StringIO(); write(G, out, format="json")
>>> read(io.StringIO(out.getvalue()), format="json") == G
True
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, Any

from ..exceptions import FormatError
from . import document, dot, gexf, graphml, html, kumu, mermaid, nodelink, tables
from ._stream import PathOrFile, file_name

if TYPE_CHECKING:
    from ..graph import ActorGraph

__all__ = ["FORMATS", "FileFormat", "format_of", "read", "register_format", "write"]


@dataclass(frozen=True, slots=True)
class FileFormat:
    """A file format :func:`read` and :func:`write` can dispatch to.

    Parameters
    ----------
    name : str
        Short name, accepted as ``format=`` (``"yaml"``).
    suffixes : tuple of str
        Lower-case file name endings with their dot (``(".yaml", ".yml")``).
    read : callable, optional
        ``read(path, **options) -> ActorGraph``; ``None`` for write-only formats.
    write : callable, optional
        ``write(G, path, **options) -> None``; ``None`` for read-only formats.
    description : str
        One line for listings.
    encoding : str, optional
        The encoding of a format written as one text file (``"utf-8"``); ``None`` for
        one written as bytes (a zip) or as a folder.
    streams : bool, default False
        Whether ``read`` and ``write`` also take an open file in place of a path
        (text or binary for a text format, binary otherwise).

    Examples
    --------
    >>> FORMATS["dot"].text, FORMATS["dot"].encoding, FORMATS["dot"].streams
    (True, 'utf-8', True)
    >>> FORMATS["csv"].text, FORMATS["csv"].streams  # a zip in a binary file
    (False, True)
    """

    name: str
    suffixes: tuple[str, ...]
    read: Callable[..., ActorGraph] | None = None
    write: Callable[..., None] | None = None
    description: str = ""
    encoding: str | None = None
    streams: bool = False

    @property
    def text(self) -> bool:
        """Whether the format is written as one text file (in :attr:`encoding`)."""
        return self.encoding is not None


#: The registered formats by name.
FORMATS: dict[str, FileFormat] = {}


def register_format(fmt: FileFormat) -> FileFormat:
    """Make ``fmt`` known to :func:`read` and :func:`write` (a later one replaces an earlier).

    Parameters
    ----------
    fmt : FileFormat
        The format; it replaces a registered format of the same name.

    Returns
    -------
    FileFormat
        ``fmt`` itself.

    Raises
    ------
    FormatError
        When ``fmt`` has no suffixes, or one that is not lower case or does not start with
        a dot (a ``ValueError`` too).

    Examples
    --------
    >>> fmt = register_format(FileFormat("note", (".note",), write=lambda G, path: None))
    >>> format_of("a.NOTE").name
    'note'
    >>> del FORMATS["note"]
    """
    bad = [s for s in fmt.suffixes if not s.startswith(".") or s != s.lower()]
    if bad or not fmt.suffixes:
        raise FormatError(f"suffixes must be lower case and start with a dot, got {fmt.suffixes}")
    FORMATS[fmt.name] = fmt
    return fmt


def _suffixes() -> dict[str, FileFormat]:
    return {s: f for f in FORMATS.values() for s in f.suffixes}


def _stream_formats(can: Callable[[FileFormat], bool]) -> str:
    return ", ".join(sorted(f.name for f in FORMATS.values() if f.streams and can(f)))


def _no_suffix(fh: IO[Any], choices: str) -> FormatError:
    return FormatError(
        f"cannot tell the format of the open file {file_name(fh)!r}: it has no suffix; "
        f"pass format=...: {choices}"
    )


def _dispatch(path: PathOrFile, format: str | None, verb: str) -> FileFormat:
    """The format to ``verb`` (read or write) ``path`` in, checked it can."""
    reads = verb == "read"

    def can(f: FileFormat) -> bool:
        return (f.read if reads else f.write) is not None

    if format is None and not isinstance(path, (str, os.PathLike)):
        raise _no_suffix(path, _stream_formats(can))
    fmt = format_of(path, format)
    if not can(fmt):
        other = "written but not read" if reads else "read but not written"
        raise FormatError(f"the {fmt.name} format can be {other}")
    if not fmt.streams and not isinstance(path, (str, os.PathLike)):
        raise FormatError(
            f"the {fmt.name} format is {'read from' if reads else 'written to'} a path, "
            f"not an open file ({file_name(path)!r})"
        )
    return fmt


def format_of(path: PathOrFile, format: str | None = None) -> FileFormat:
    """The format of ``path``: the one named by ``format``, else the one its suffix says.

    The longest registered suffix that ends the file name wins, whatever its case.
    An open file has no suffix: it needs ``format``.

    Parameters
    ----------
    path : str, os.PathLike or file
        The file name; only its name is looked at, the file need not exist. An
        open file is not looked at.
    format : str, optional
        A format name (``"yaml"``) or suffix (``"yml"``, ``".yml"``), any case, to use
        instead of the suffix of ``path``.

    Returns
    -------
    FileFormat
        The registered format.

    Raises
    ------
    FormatError
        When the suffix (or the name) is not a known format, or ``path`` is an open
        file and no ``format`` is given; the message lists the known ones.

    See Also
    --------
    actorgraph.read, actorgraph.write : Dispatch on this.

    Examples
    --------
    >>> format_of("aleppo.YML").name, format_of("x.data", "json").name
    ('yaml', 'json')
    """
    if format is not None:
        key = format.lower().lstrip(".")
        fmt = FORMATS.get(key) or _suffixes().get("." + key)
        if fmt is None:
            raise FormatError(f"unknown format {format!r}; known: {', '.join(sorted(FORMATS))}")
        return fmt
    if not isinstance(path, (str, os.PathLike)):
        raise _no_suffix(path, _stream_formats(lambda f: True))
    name = os.path.basename(os.fspath(path))
    lower = name.lower()
    by_suffix = _suffixes()
    for suffix in sorted(by_suffix, key=len, reverse=True):
        if lower.endswith(suffix) and len(lower) > len(suffix):
            return by_suffix[suffix]
    known = ", ".join(sorted(by_suffix))
    _, ext = os.path.splitext(name)
    what = f"its suffix {ext!r}" if ext else "a name without a suffix"
    raise FormatError(
        f"cannot tell the format of {name!r} from {what}; known suffixes: {known} "
        f"(or pass format=...: {', '.join(sorted(FORMATS))})"
    )


def read(path: PathOrFile, *, format: str | None = None, **options: Any) -> ActorGraph:
    """Read a graph from a file, in the format its suffix (or ``format``) names.

    Parameters
    ----------
    path : str, os.PathLike or file
        The file to read (a folder or ``.zip`` for CSV tables), or a file open for
        reading (text or binary; binary for CSV tables, as a zip).
    format : str, optional
        A format name (``"yaml"``, ``"json"``...) overriding the suffix; needed for
        an open file.
    **options
        Passed to the format's reader (e.g. ``max_bytes`` for YAML and JSON).

    Returns
    -------
    ActorGraph
        A new graph holding what the file holds.

    Raises
    ------
    FormatError
        Unknown suffix or format, a format that cannot be read, or an open file
        without ``format`` (or of a format read from paths only).
    SchemaError
        The file has problems (all of them are listed).
    FileNotFoundError
        The file does not exist.

    See Also
    --------
    write : The other direction.
    actorgraph.readwrite.format_of : The format a path is read in.

    Examples
    --------
    >>> from actorgraph import datasets
    >>> read(datasets.path("aleppo-2024")).name
    'aleppo-2024'
    >>> import io
    >>> read(io.StringIO("actorgraph: 1\\nname: piped\\n"), format="yaml").name
    'piped'
    >>> read(io.StringIO("actorgraph: 1\\n"))
    Traceback (most recent call last):
    ...
    actorgraph.exceptions.FormatError: cannot tell the format of the open file '<stream>': ...
    """
    fmt = _dispatch(path, format, "read")
    assert fmt.read is not None
    return fmt.read(path, **options)


def write(G: ActorGraph, path: PathOrFile, *, format: str | None = None, **options: Any) -> None:
    """Write a graph to a file, in the format its suffix (or ``format``) names.

    Writes to a path are atomic: the file is replaced only once it is complete. An
    open file gets the whole content in one write, once it is built: a failure
    while building writes nothing.

    Parameters
    ----------
    G : ActorGraph
        The graph to write (a view writes what it shows).
    path : str, os.PathLike or file
        The file to write, replaced when it exists (for CSV tables: a folder, a ``.zip`` or
        the path of one of the tables); or a file open for writing (text or binary; binary
        for CSV tables, as a zip).
    format : str, optional
        A format name overriding the suffix; needed for an open file.
    **options
        Passed to the format's writer.

    Raises
    ------
    FormatError
        Unknown suffix or format, a format that cannot be written, or an open file
        without ``format`` (or of a format written to paths only).

    See Also
    --------
    read : The other direction.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from actorgraph import ActorGraph
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "g.yml"
    >>> write(ActorGraph("demo"), p)
    >>> p.read_text()
    'actorgraph: 1\\nname: demo\\n'
    >>> import sys
    >>> write(ActorGraph("demo"), sys.stdout, format="yaml")
    actorgraph: 1
    name: demo
    """
    fmt = _dispatch(path, format, "write")
    assert fmt.write is not None
    fmt.write(G, path, **options)


register_format(
    FileFormat(
        "yaml",
        (".yaml", ".yml"),
        document.read_yaml,
        document.write_yaml,
        "the native actorgraph document (YAML)",
        encoding="utf-8",
        streams=True,
    )
)
register_format(
    FileFormat(
        "json",
        (".json",),
        document.read_json,
        document.write_json,
        "the native actorgraph document (JSON)",
        encoding="utf-8",
        streams=True,
    )
)
register_format(
    FileFormat(
        "csv",
        (".csv", ".csv.zip", ".zip"),
        tables.read_csv,
        tables.write_csv,
        "CSV tables actors.csv + relations.csv (+ graph.csv) in a folder or a zip",
        streams=True,
    )
)
register_format(
    FileFormat(
        "graphml",
        (".graphml",),
        graphml.read_graphml,
        graphml.write_graphml,
        "GraphML (yEd, Cytoscape, Gephi, networkx)",
        encoding="utf-8",
        streams=True,
    )
)
register_format(
    FileFormat(
        "gexf",
        (".gexf",),
        gexf.read_gexf,
        gexf.write_gexf,
        "GEXF 1.3 with validity spells (Gephi)",
        encoding="utf-8",
        streams=True,
    )
)
register_format(
    FileFormat(
        "nodelink",
        (".nodelink.json",),
        nodelink.read_nodelink,
        nodelink.write_nodelink,
        "node-link JSON (D3, networkx.node_link_graph)",
        encoding="utf-8",
        streams=True,
    )
)
register_format(
    FileFormat(
        "dot",
        (".dot", ".gv"),
        None,
        dot.write_dot,
        "Graphviz DOT (a drawing; write-only)",
        encoding="utf-8",
        streams=True,
    )
)
register_format(
    FileFormat(
        "mermaid",
        (".mmd", ".mermaid"),
        None,
        mermaid.write_mermaid,
        "Mermaid flowchart for Markdown (write-only)",
        encoding="utf-8",
        streams=True,
    )
)
register_format(
    FileFormat(
        "html",
        (".html", ".htm"),
        None,
        html.write_html,
        "interactive self-contained HTML view (write-only)",
        encoding="utf-8",
        streams=True,
    )
)
register_format(
    FileFormat(
        "kumu",
        (".kumu.json",),
        None,
        kumu.write_kumu,
        "Kumu JSON import: elements and connections (write-only)",
        encoding="utf-8",
        streams=True,
    )
)
