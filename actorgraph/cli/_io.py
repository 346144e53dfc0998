"""Where the command line reads graphs from and writes them to: files, datasets, ``-``.

Every format comes from the registry of :mod:`actorgraph.readwrite`
(:data:`~actorgraph.readwrite.FORMATS`, :func:`~actorgraph.readwrite.format_of`); this
module adds only what a command line needs: bundled datasets by name, standard input and
output, and messages that name command-line options.
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Mapping
from typing import Any

from .. import datasets
from ..exceptions import ActorGraphError, FormatError, Problem, SchemaError
from ..graph import ActorGraph
from ..readwrite import FORMATS, FileFormat, format_of
from ..readwrite.document import MAX_BYTES, parse_json, parse_yaml
from ._output import UsageError

__all__ = [
    "FOREIGN_OPTIONS",
    "HTML_OPTIONS",
    "STDIN_NAME",
    "STDIO",
    "cli_words",
    "html_options",
    "load_source",
    "output_format",
    "write_graph",
]

#: The name of standard input and output on the command line.
STDIO = "-"
#: The name standard input goes by in messages.
STDIN_NAME = "<stdin>"


#: The readers that take the options of files from other tools, and those options.
FOREIGN_FORMATS = ("graphml", "gexf")
FOREIGN_OPTIONS = {
    "name_attr": "--name-attr",
    "type_attr": "--type-attr",
    "default_type": "--default-type",
}


def load_source(
    source: str, *, format: str | None = None, options: Mapping[str, Any] | None = None
) -> ActorGraph:
    """A bundled dataset by name, a file or folder read by its suffix, or ``-`` for stdin.

    Parameters
    ----------
    source : str
        A bundled dataset's name (see :func:`actorgraph.datasets.names`), the path of a
        file in any readable format, a folder of CSV tables, or ``"-"`` to read standard
        input.
    format : str, optional
        The format's name (``"yaml"``, ``"json"``, ``"graphml"``...) when the suffix does
        not say it; standard input defaults to the native document, YAML or JSON.
    options : mapping, optional
        Keyword arguments of the GraphML and GEXF readers (``name_attr``, ``type_attr``,
        ``default_type``; see :data:`FOREIGN_OPTIONS`); given for another format, they are
        bad usage.

    Returns
    -------
    ActorGraph

    Raises
    ------
    FileNotFoundError
        No such file and no bundled dataset of that name.
    SchemaError
        The file has problems; all of them are listed.
    FormatError
        The suffix or ``format`` names no readable format.

    Examples
    --------
    >>> load_source("aleppo-2024").name
    'aleppo-2024'
    """
    named = None
    if format is not None:  # a bad --format is bad usage, whatever the source
        try:
            named = format_of(source, format)
        except ActorGraphError as err:
            raise UsageError(str(err)) from err
        if named.read is None:
            raise UsageError(f"the {named.name} format can be written but not read")
    given = {k: v for k, v in (options or {}).items() if v is not None}
    if source == STDIO:
        return _read_stdin(named, given)
    if named is None and source in datasets.names() and not os.path.exists(source):
        if given:
            raise UsageError(f"{_flags(given)}: for GraphML and GEXF input, not a dataset")
        return datasets.load(source)
    if not os.path.exists(source):
        raise FileNotFoundError(
            f"{source}: no such file, and no bundled dataset of that name "
            f"(bundled: {', '.join(datasets.names())})"
        )
    if named is None and os.path.isdir(source):
        named = FORMATS["csv"]
    if named is None:
        try:
            named = format_of(source)
        except ActorGraphError as err:
            raise UsageError(cli_words(str(err))) from err
        if named.read is None:
            raise UsageError(f"{source}: the {named.name} format can be written but not read")
    assert named.read is not None
    return named.read(source, **_foreign_options(named, given))


def _foreign_options(named: FileFormat, given: Mapping[str, Any]) -> dict[str, Any]:
    """The reader options ``given``, refused unless ``named`` is GraphML or GEXF."""
    if given and named.name not in FOREIGN_FORMATS:
        raise UsageError(f"{_flags(given)}: for GraphML and GEXF input, not {named.name}")
    return dict(given)


def _flags(given: Mapping[str, Any]) -> str:
    """The command-line options of the reader options ``given``."""
    return ", ".join(FOREIGN_OPTIONS.get(k, k) for k in given)


def _read_stdin(named: FileFormat | None, options: Mapping[str, Any]) -> ActorGraph:
    """Read standard input: the native document, or the format ``named``.

    Standard input is read once, within the size limit; YAML and JSON are parsed
    from its text (JSON is told from YAML by its first character), the other
    formats' readers read its bytes as an open file named ``<stdin>``, so every
    problem names ``<stdin>``.
    """
    if named is not None and not named.streams:
        raise UsageError(f"the {named.name} format cannot be read from standard input")
    if options and named is None:
        raise UsageError(f"{_flags(options)}: give --from")
    kwargs = _foreign_options(named, options) if named is not None else {}
    raw = getattr(sys.stdin, "buffer", None)  # a text stream without bytes (tests, IDEs)
    data = raw.read(MAX_BYTES + 1) if raw is not None else sys.stdin.read().encode("utf-8")
    if len(data) > MAX_BYTES:
        raise FormatError(f"{STDIN_NAME} is larger than the limit of {MAX_BYTES:,} bytes")
    if named is None or named.name in ("yaml", "json"):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as err:
            line = data.count(b"\n", 0, err.start) + 1
            why = f"not valid UTF-8 text: byte 0x{data[err.start]:02x} ({err.reason})"
            raise SchemaError([Problem(why, STDIN_NAME, line)]) from None
        as_json = named is None and text.lstrip().startswith("{")
        if as_json or (named is not None and named.name == "json"):
            return parse_json(text, file=STDIN_NAME)
        return parse_yaml(text, file=STDIN_NAME)
    assert named.read is not None
    # a CSV graph comes down a stream as a zip of its tables
    return named.read(_NamedBytes(data), **kwargs)


class _NamedBytes(io.BytesIO):
    """Bytes read from standard input, as an open file that messages call ``<stdin>``."""

    name = STDIN_NAME


#: What the readers advise in keyword arguments, as the command line takes it.
_CLI_WORDS = {
    "pass default_type=...": "give --default-type TYPE",
    "pass type_attr=...": "give --type-attr COLUMN",
    "pass name_attr=...": "give --name-attr COLUMN",
    "pass name_attr=": "give --name-attr ",
    "pass type_attr=": "give --type-attr ",
}


def cli_words(message: str, format_option: str = "--format FORMAT") -> str:
    """A library message with the command-line options in place of the keyword arguments.

    Examples
    --------
    >>> cli_words("unknown suffix; pass format=...", "--to FORMAT")
    'unknown suffix; give --to FORMAT'
    >>> cli_words("the edge has no type; pass default_type=... to give one")
    'the edge has no type; give --default-type TYPE to give one'
    """
    message = message.replace("pass format=...", f"give {format_option}")
    for said, option in _CLI_WORDS.items():
        message = message.replace(said, option)
    return message


def _is_text(fmt: FileFormat) -> bool:
    """Whether ``fmt`` can go to standard output: the registry says it writes text to streams."""
    return fmt.write is not None and fmt.text and fmt.streams


def output_format(out: str, format: str | None) -> FileFormat:
    """The format ``out`` is written in (``-``: standard output, YAML unless ``format``).

    Checked before any work is done, so bad usage fails fast: a name that is no format, a
    format that cannot be written, or one that cannot go to standard output.
    """
    if format is None and out != STDIO and (out.endswith(("/", os.sep)) or os.path.isdir(out)):
        return FORMATS["csv"]  # a folder of CSV tables
    if out == STDIO:
        try:
            fmt = format_of("stdout", "yaml" if format is None else format)
        except ActorGraphError as err:
            raise UsageError(str(err)) from err
        if not _is_text(fmt):
            texts = [f.name for f in FORMATS.values() if _is_text(f)]
            raise UsageError(
                f"the {fmt.name} format cannot go to standard output; write a file instead "
                f"(text formats: {', '.join(texts)})"
            )
        return fmt
    try:
        fmt = format_of(out, format)
    except ActorGraphError as err:
        raise UsageError(cli_words(str(err), "--to FORMAT")) from err
    if fmt.write is None:
        raise UsageError(f"the {fmt.name} format can be read but not written")
    return fmt


#: The options of the HTML view's writer, and the command-line options giving them.
HTML_OPTIONS = {
    "at": "--at",
    "title": "--title",
    "embed": "--embed",
    "undated": "--undated",
    "seed": "--seed",
    "edge_labels": "--edge-labels",
}


def html_options(fmt: FileFormat, options: Mapping[str, Any] | None) -> dict[str, Any]:
    """The HTML writer's options given (not ``None``); bad usage for another format."""
    given = {k: v for k, v in (options or {}).items() if v is not None}
    if given and fmt.name != "html":
        flags = ", ".join(HTML_OPTIONS.get(k, k) for k in given)
        raise UsageError(f"{flags}: for HTML output, not {fmt.name}")
    return given


def write_graph(
    G: ActorGraph, out: str, format: str | None, options: Mapping[str, Any] | None = None
) -> str:
    """Write ``G`` to ``out`` (``-`` for standard output); the format's name.

    ``options`` are keyword arguments of the HTML writer (:data:`HTML_OPTIONS`); those
    that are not ``None`` are bad usage for another format.
    """
    fmt = output_format(out, format)
    assert fmt.write is not None
    given = html_options(fmt, options)
    if out == STDIO:  # output_format checked the format writes text to streams
        fmt.write(G, sys.stdout, **given)
        return fmt.name
    fmt.write(G, out.rstrip("/" + os.sep) if fmt.name == "csv" else out, **given)
    return fmt.name
