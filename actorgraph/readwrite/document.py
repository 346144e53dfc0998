"""The native actorgraph document, as YAML or JSON (format version 1).

A document holds a whole :class:`~actorgraph.graph.ActorGraph`: its name and
metadata, the relation types it adds to the default vocabulary, a registry of
the sources it cites, its actors and its relations. ``docs/format.md``
describes every field; in short::

    actorgraph: 1
    name: aleppo-2024
    sources:
      epoch-2024-11-30: {publisher: The Epoch Times, date: "2024-11-30"}
    actors:
      - {id: hts, name: Hayʼat Tahrir al-Sham, kind: armed_group, aliases: [HTS]}
      - {id: syrian-government, name: Syrian government, kind: government}
    relations:
      - id: r1
        source: hts
        type: attacks
        target: syrian-government
        start: "2024-11-27"
        sources: [{ref: epoch-2024-11-30, quote: "The offensive began on Nov. 27"}]

Reading is safe and strict:

* YAML is composed into a node tree by PyYAML's safe composer (libyaml when
  available) and converted here: no Python object is ever constructed, tags
  other than the standard ``!!str !!int !!float !!bool !!null !!map !!seq``
  are refused, and aliases may add at most ``MAX_ALIAS_NODES`` nodes (a
  "billion laughs" document is refused before it is expanded).
* Where text is expected (ids, names, dates...) a YAML scalar is taken as
  written, so ``NO``, ``on``, ``012`` and ``2024-11-27`` stay text. Free
  ``attrs`` follow the YAML 1.2 core schema (``null``/``~``, ``true``/``false``,
  integers without leading zeros, floats); YAML 1.1 extras such as ``yes``,
  ``0o12``, ``1_000`` or timestamps stay text.
* Duplicate keys, ``NaN``/``Infinity`` in JSON, unknown fields, bad dates,
  unknown actors, types and sources... every problem of a file is collected
  into one :class:`~actorgraph.exceptions.SchemaError`, each with its line
  and field.

Writing is deterministic and lossless: ``read(write(G)) == G``.

This module holds the public functions. The work is done below it:
``actorgraph._loader`` reads text into located nodes (the strict YAML/JSON
loader, shared with the vocabulary files), ``_schema`` holds the fields of the
format and the checks of their values, ``_build`` builds the graph from a
checked tree and ``_dump`` writes the document.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .._docstrings import shared_docs
from .._loader import MAX_ALIAS_NODES as MAX_ALIAS_NODES
from .._loader import MAX_BYTES as MAX_BYTES
from .._loader import MAX_DEPTH as MAX_DEPTH
from .._loader import Map as Map
from .._loader import Node as Node
from .._loader import Report, data_tree, json_tree, yaml_tree
from .._loader import Scalar as Scalar
from .._loader import Seq as Seq
from .._loader import check_size as check_size
from .._loader import load_data as load_data
from .._loader import plain as plain
from .._loader import read_json_tree as read_json_tree
from .._store import gc_paused
from ..graph import ActorGraph
from ._build import build
from ._build import build_tree as build_tree
from ._dump import document_header as document_header
from ._dump import json_text, yaml_text
from ._dump import to_document as to_document
from ._schema import ACTOR_FIELDS as ACTOR_FIELDS
from ._schema import CITATION_FIELDS as CITATION_FIELDS
from ._schema import FORMAT_VERSION as FORMAT_VERSION
from ._schema import RELATION_FIELDS as RELATION_FIELDS
from ._schema import SOURCE_FIELDS as SOURCE_FIELDS
from ._schema import TOP_FIELDS as TOP_FIELDS
from ._stream import PathOrFile, source_text, write_text

__all__ = [
    "FORMAT_VERSION",
    "MAX_ALIAS_NODES",
    "MAX_BYTES",
    "MAX_DEPTH",
    "dump_json",
    "dump_yaml",
    "from_document",
    "parse_json",
    "parse_yaml",
    "read_json",
    "read_yaml",
    "to_document",
    "write_json",
    "write_yaml",
]

# The located node tree, the document builder and the limits above are also
# re-exported here (``X as X``) for the interchange formats (readwrite/_flat.py,
# nodelink.py...), which read through the same rules. Not public API: not in
# __all__. New code imports them from actorgraph._loader, ._schema and ._build.


@shared_docs
def parse_yaml(text: str, *, file: str | None = None, max_bytes: int = MAX_BYTES) -> ActorGraph:
    """Read a graph from the text of a YAML document.

    Parameters
    ----------
    text : str
        The document.
    {file_name}
    max_bytes : int, default MAX_BYTES (200 MB)
        Refuse longer texts.

    Returns
    -------
    ActorGraph
        A new graph holding what the document holds.

    Raises
    ------
    SchemaError
        With every problem of the document, each with its line and field.
    FormatError
        When the text is longer than ``max_bytes``.

    Examples
    --------
    >>> G = parse_yaml('''
    ... actorgraph: 1
    ... actors:
    ...   - {id: "no", name: NO}
    ...   - {id: hts, name: Hayʼat Tahrir al-Sham}
    ... relations:
    ...   - {source: hts, type: attacks, target: NO, start: 2024-11-27}
    ... ''')
    >>> [a.name for a in G.actors()]
    ['NO', 'Hayʼat Tahrir al-Sham']
    >>> r = G.relations()[0]
    >>> r.id, r.target, str(r.start)
    ('hts-attacks-no', 'no', '2024-11-27')
    >>> parse_yaml("actorgraph: 1\\nname: a\\nname: b\\n", file="x.yaml")
    Traceback (most recent call last):
    ...
    actorgraph.exceptions.SchemaError: 1 problem found:
      x.yaml:3: name: duplicate key 'name' (lines 2 and 3)
    """
    check_size(len(text), max_bytes, "the text")
    report = Report(file)
    with gc_paused():
        return build(yaml_tree(text.removeprefix("\ufeff"), report), report)


@shared_docs
def parse_json(text: str, *, file: str | None = None, max_bytes: int = MAX_BYTES) -> ActorGraph:
    """Read a graph from the text of a JSON document.

    Duplicate keys and ``NaN``/``Infinity`` are refused; every problem comes
    with its line.

    Parameters
    ----------
    text : str
        The document.
    {file_name}
    max_bytes : int, default MAX_BYTES (200 MB)
        Refuse longer texts.

    Returns
    -------
    ActorGraph
        A new graph holding what the document holds.

    Raises
    ------
    SchemaError
        With every problem of the document.
    FormatError
        When the text is longer than ``max_bytes``.

    Examples
    --------
    >>> G = parse_json('{"actorgraph": 1, "actors": [{"id": "hts"}]}')
    >>> [a.id for a in G.actors()]
    ['hts']
    >>> parse_json('{"actorgraph": 1,\\n "attrs": {"x": NaN}}')
    Traceback (most recent call last):
    ...
    actorgraph.exceptions.SchemaError: 1 problem found:
      <input>:2: attrs.x: NaN is not allowed (JSON has no NaN or infinity)
    """
    check_size(len(text), max_bytes, "the text")
    report = Report(file)
    with gc_paused():
        return build(json_tree(text.removeprefix("\ufeff"), report), report)


@shared_docs
def read_yaml(path: PathOrFile, *, max_bytes: int = MAX_BYTES) -> ActorGraph:
    """Read a graph from a YAML document file.


    Parameters
    ----------
    path : str, os.PathLike or file
        The file (UTF-8; a byte order mark is allowed), or a file open for reading, text
        or binary (problems then name its ``name``, or ``<stream>``).
    {max_bytes}

    Returns
    -------
    ActorGraph
        A new graph holding what the file holds.

    Raises
    ------
    FileNotFoundError
        When the file does not exist (the message names it).
    SchemaError
        With every problem of the file, each with its line and field.
    FormatError
        When the file is larger than ``max_bytes``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "g.yaml"
    >>> _ = p.write_text("actorgraph: 1\\nname: demo\\n", encoding="utf-8")
    >>> read_yaml(p).name
    'demo'
    >>> import io
    >>> read_yaml(io.StringIO("actorgraph: 1\\nname: demo\\n")).name
    'demo'
    """
    text, name = source_text(path, max_bytes)
    return parse_yaml(text, file=name, max_bytes=max_bytes)


@shared_docs
def read_json(path: PathOrFile, *, max_bytes: int = MAX_BYTES) -> ActorGraph:
    """Read a graph from a JSON document file.

    Parameters
    ----------
    path : str, os.PathLike or file
        The file (UTF-8; a byte order mark is allowed), or a file open for reading, text
        or binary (problems then name its ``name``, or ``<stream>``).
    {max_bytes}

    Returns
    -------
    ActorGraph
        A new graph holding what the file holds.

    Raises
    ------
    FileNotFoundError
        When the file does not exist (the message names it).
    SchemaError
        With every problem of the file, each with its line and field.
    FormatError
        When the file is larger than ``max_bytes``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "g.json"
    >>> _ = p.write_text('{"actorgraph": 1, "name": "demo"}', encoding="utf-8")
    >>> read_json(p).name
    'demo'
    """
    text, name = source_text(path, max_bytes)
    return parse_json(text, file=name, max_bytes=max_bytes)


@shared_docs
def from_document(data: Mapping[str, Any], *, file: str | None = None) -> ActorGraph:
    """Build a graph from a document held as plain data (what :func:`to_document` gives).

    Parameters
    ----------
    data : mapping
        Text, numbers, booleans, ``None``, lists and mappings only.
    {file_name}

    Returns
    -------
    ActorGraph
        A new graph holding what the document holds.

    Raises
    ------
    SchemaError
        With every problem (plain data has no line numbers).

    See Also
    --------
    to_document : The other direction.

    Examples
    --------
    >>> G = from_document({"actorgraph": 1, "actors": [{"id": "a"}, {"id": "b"}],
    ...                    "relations": [{"source": "a", "type": "fights", "target": "b"}]})
    >>> [r.id for r in G.relations()]
    ['a-fights-b']
    >>> from_document(to_document(G)) == G
    True
    """
    report = Report(file)
    with gc_paused():
        return build(data_tree(data, report), report)


@shared_docs
def dump_yaml(G: ActorGraph) -> str:
    """The graph as the text of a YAML document.

    Text that a YAML reader could take for another type (``NO``, ``1e3``, ``null``) is
    quoted; partial dates are written double-quoted, ``"YYYY"``, ``"YYYY-MM"`` or
    ``"YYYY-MM-DD"``.

    Parameters
    ----------
    {G_write}

    Returns
    -------
    str
        The document, UTF-8 text (non-ASCII kept as written), ending in a newline.

    Raises
    ------
    ValidationError
        When an ``attrs`` value is not plain data (e.g. a ``datetime``).

    See Also
    --------
    parse_yaml : The other direction.
    write_yaml : Write it to a file.

    Examples
    --------
    >>> from actorgraph import ActorGraph
    >>> G = ActorGraph("demo")
    >>> _ = G.add_actor("hts", name="Hayʼat Tahrir al-Sham", aliases=["HTS"], start="2017-01")
    >>> print(dump_yaml(G), end="")
    actorgraph: 1
    name: demo
    actors:
    - id: hts
      name: Hayʼat Tahrir al-Sham
      aliases: [HTS]
      start: "2017-01"
    >>> parse_yaml(dump_yaml(G)) == G
    True
    """
    return yaml_text(G)


@shared_docs
def dump_json(G: ActorGraph) -> str:
    """The graph as the text of a JSON document (UTF-8 text, indented).

    Parameters
    ----------
    {G_write}

    Returns
    -------
    str
        The document, indented by two spaces, non-ASCII kept as written, ending in a newline.

    Raises
    ------
    FormatError
        When an attribute holds NaN or an infinity, which JSON cannot hold.
    ValidationError
        When an ``attrs`` value is not plain data (e.g. a ``datetime``).

    See Also
    --------
    parse_json : The other direction.
    write_json : Write it to a file.

    Examples
    --------
    >>> from actorgraph import ActorGraph
    >>> G = ActorGraph("demo"); _ = G.add_actor("hts", name="Hayʼat Tahrir al-Sham")
    >>> print(dump_json(G), end="")
    {
      "actorgraph": 1,
      "name": "demo",
      "actors": [
        {
          "id": "hts",
          "name": "Hayʼat Tahrir al-Sham"
        }
      ]
    }
    """
    return json_text(G)


@shared_docs
def write_yaml(G: ActorGraph, path: PathOrFile) -> None:
    """Write the graph to a YAML document file, atomically.

    The file is replaced only once the whole document is written; on any
    failure the old file is left as it was. An open file gets the whole
    document in one write, or nothing when it cannot be made.

    Parameters
    ----------
    {G_write}
    path : str, os.PathLike or file
        The file to write (UTF-8); its folder must exist. Or a file open for
        writing, text or binary (given UTF-8).

    Raises
    ------
    ValidationError
        When an ``attrs`` value is not plain data (e.g. a ``datetime``).
    OSError
        When the file cannot be written (``FileNotFoundError`` when its folder does not
        exist).

    See Also
    --------
    read_yaml : The other direction.
    dump_yaml : The document as text.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from actorgraph import ActorGraph
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "g.yaml"
    >>> G = ActorGraph("demo"); _ = G.add_actor("hts")
    >>> write_yaml(G, p)
    >>> read_yaml(p) == G
    True
    """
    write_text(path, dump_yaml(G))


@shared_docs
def write_json(G: ActorGraph, path: PathOrFile) -> None:
    """Write the graph to a JSON document file, atomically.

    The file is replaced only once the whole document is written; on any
    failure the old file is left as it was. An open file gets the whole
    document in one write, or nothing when it cannot be made.

    Parameters
    ----------
    {G_write}
    path : str, os.PathLike or file
        The file to write (UTF-8); its folder must exist. Or a file open for
        writing, text or binary (given UTF-8).

    Raises
    ------
    FormatError
        When an attribute holds NaN or an infinity, which JSON cannot hold.
    ValidationError
        When an ``attrs`` value is not plain data (e.g. a ``datetime``).
    OSError
        When the file cannot be written (``FileNotFoundError`` when its folder does not
        exist).

    See Also
    --------
    read_json : The other direction.
    dump_json : The document as text.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from actorgraph import ActorGraph
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "g.json"
    >>> G = ActorGraph("demo"); _ = G.add_actor("hts")
    >>> write_json(G, p)
    >>> read_json(p) == G
    True
    """
    write_text(path, dump_json(G))
