"""Paths and open files: where the readers read from and the writers write to.

Every single-file reader and writer of :mod:`actorgraph.readwrite` takes a path
(``str`` or ``os.PathLike``) or an open file. A path is read and written as it
always was: with the size limit, replaced atomically (:mod:`._atomic`), named
in messages. An open file:

* is read from where it stands, at most ``max_bytes`` (a text file's
  characters are counted as their UTF-8 bytes), and left open;
* is written with one call once the whole content is built, so a failure while
  building writes nothing (an open file cannot be replaced atomically); it is
  left open and not flushed;
* may be text or binary: text goes to a binary file encoded (UTF-8), bytes
  read from one are decoded as its format says;
* is named in messages by its ``name`` when that is text (what ``open`` gives:
  the path; standard input: ``<stdin>``), else ``<stream>``.
"""

from __future__ import annotations

import csv
import io
import os
import sys
from typing import IO, Any, TypeAlias

from .._loader import Node, Report, check_size, json_tree
from .._loader import read_text as read_path_text
from ..exceptions import FormatError, Problem, SchemaError
from ._atomic import atomic_write_text

__all__ = [
    "STREAM_NAME",
    "PathOrFile",
    "decode_utf8",
    "file_name",
    "json_source_tree",
    "read_file",
    "source_name",
    "source_text",
    "takes_bytes",
    "write_text",
]

#: What a single-file reader or writer takes.
PathOrFile: TypeAlias = str | os.PathLike[str] | IO[str] | IO[bytes]
# Cells of any size are read whole, never refused or dropped: a long ``notes`` column, a
# GDELT ``SOURCEURL``, a table cell of tens of megabytes (the csv module's default limit is
# 131,072 characters). The limit is the csv module's, for the whole process; the files'
# own size limits (``max_bytes``) bound what is read.
csv.field_size_limit(min(sys.maxsize, 2**62))

#: The name of an open file that has no name of its own.
STREAM_NAME = "<stream>"


def file_name(fh: IO[Any]) -> str:
    """The name messages give ``fh``: its ``name`` when that is text, else ``<stream>``.

    Examples
    --------
    >>> import io, os
    >>> with open(os.devnull, "rb") as fh:
    ...     file_name(io.StringIO()), file_name(fh) == os.devnull
    ('<stream>', True)
    """
    name = getattr(fh, "name", None)
    return name if isinstance(name, str) else STREAM_NAME


def source_name(source: PathOrFile) -> str:
    """The name messages give a path (the path as given) or an open file.

    Examples
    --------
    >>> import io, pathlib
    >>> source_name(pathlib.Path("a") / "g.yaml"), source_name(io.BytesIO())
    ('a/g.yaml', '<stream>')
    """
    if isinstance(source, (str, os.PathLike)):
        return os.fspath(source)
    return file_name(source)


def read_file(fh: IO[Any], max_bytes: int) -> tuple[str | bytes, str]:
    """What an open file holds from where it stands (text or bytes, as it gives them), and its name.

    Raises
    ------
    FormatError
        More than ``max_bytes``, or the file gives neither text nor bytes.

    Examples
    --------
    >>> import io
    >>> read_file(io.StringIO("Ω"), 2)
    ('Ω', '<stream>')
    >>> read_file(io.StringIO("ΩΩ"), 3)
    Traceback (most recent call last):
    ...
    actorgraph.exceptions.FormatError: '<stream>' is larger than the limit of 3 bytes; ...
    """
    name = file_name(fh)
    data = fh.read(max_bytes + 1)
    if isinstance(data, str):
        size = len(data)
        if size <= max_bytes and not data.isascii():
            size = len(data.encode("utf-8", "surrogatepass"))
    elif isinstance(data, (bytes, bytearray, memoryview)):
        data = bytes(data)
        size = len(data)
    else:
        raise FormatError(f"{name}: reading gave {type(data).__name__}, neither text nor bytes")
    check_size(size, max_bytes, repr(name))
    return data, name


def decode_utf8(data: bytes, name: str) -> str:
    """UTF-8 bytes as text (a byte order mark is dropped), as a path's are decoded.

    Raises
    ------
    SchemaError
        The bytes are not UTF-8 (the problem has the line and column).

    Examples
    --------
    >>> decode_utf8(b"\\xef\\xbb\\xbfname: x", "<stdin>")
    'name: x'
    >>> decode_utf8(b"a\\n\\xff", "<stdin>")
    Traceback (most recent call last):
    ...
    actorgraph.exceptions.SchemaError: 1 problem found:
      <stdin>:2:1: the file is not valid UTF-8 text: byte 0xff (invalid start byte); ...
    """
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        col = err.start - data.rfind(b"\n", 0, err.start)
        why = f"byte 0x{data[err.start]:02x} ({err.reason}); save it as UTF-8"
        problem = Problem(f"the file is not valid UTF-8 text: {why}", name, line, column=col)
        raise SchemaError([problem]) from None


def source_text(source: PathOrFile, max_bytes: int) -> tuple[str, str]:
    """The UTF-8 text of a path or an open file (a byte order mark dropped), and its name.

    Raises
    ------
    FormatError
        More than ``max_bytes``.
    SchemaError
        Bytes that are not UTF-8.

    Examples
    --------
    >>> import io
    >>> source_text(io.BytesIO("\\ufeffΩ".encode()), 10), source_text(io.StringIO("\\ufeffΩ"), 10)
    (('Ω', '<stream>'), ('Ω', '<stream>'))
    """
    if isinstance(source, (str, os.PathLike)):
        return read_path_text(source, max_bytes), os.fspath(source)
    data, name = read_file(source, max_bytes)
    text = data if isinstance(data, str) else decode_utf8(data, name)
    return text.removeprefix("\ufeff"), name


def json_source_tree(source: PathOrFile, max_bytes: int) -> tuple[Node, str]:
    """The located node tree of the JSON text of a path or an open file, and its name.

    Read as strictly as the native JSON reader reads (duplicate keys, ``NaN``...).

    Raises
    ------
    SchemaError
        Invalid UTF-8 or JSON, every problem listed.
    FormatError
        More than ``max_bytes``.

    Examples
    --------
    >>> import io
    >>> root, name = json_source_tree(io.StringIO('{"a": 1}'), 100)
    >>> sorted(root.items), name
    (['a'], '<stream>')
    """
    text, name = source_text(source, max_bytes)
    report = Report(name)
    root = json_tree(text, report)
    if root is None or report.problems:
        report.fail()
    return root, name


def takes_bytes(fh: IO[Any]) -> bool | None:
    """Whether ``fh`` is written bytes (``True``), text (``False``), or cannot be told (``None``).

    Examples
    --------
    >>> import io
    >>> takes_bytes(io.BytesIO()), takes_bytes(io.StringIO()), takes_bytes(object())
    (True, False, None)
    """
    if isinstance(fh, io.TextIOBase):
        return False
    if isinstance(fh, (io.RawIOBase, io.BufferedIOBase)):
        return True
    mode = getattr(fh, "mode", None)
    if isinstance(mode, str):
        return "b" in mode
    return None


def write_text(target: PathOrFile, text: str, *, encoding: str = "utf-8") -> None:
    """Write all of ``text``: a path is replaced atomically, an open file gets one write.

    A binary file gets the text encoded (before anything is written), a text file the
    text itself.

    Examples
    --------
    >>> import io
    >>> out = io.BytesIO(); write_text(out, "Ω\\n"); out.getvalue()
    b'\\xce\\xa9\\n'
    """
    if isinstance(target, (str, os.PathLike)):
        atomic_write_text(target, text, encoding=encoding)
        return
    fh: IO[Any] = target
    binary = takes_bytes(fh)
    if binary is None:
        try:
            fh.write(text)
            return
        except TypeError:  # a binary file refuses text before writing any of it
            binary = True
    fh.write(text.encode(encoding) if binary else text)
