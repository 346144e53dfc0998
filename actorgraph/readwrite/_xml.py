"""Safe XML reading and careful XML writing for GraphML and GEXF.

Reading refuses, *before* any parsing, a file larger than the size cap and a
file that declares a DTD or entities (``<!DOCTYPE``, ``<!ENTITY``): the
"billion laughs" and external-entity attacks cannot start. The stdlib expat
parser then runs with handlers that refuse a DTD or an entity again (belt and
braces), and builds a small tree of :class:`Element` that knows the line of
every element, so problems can be reported where they are.

Writing escapes text and attribute values so that they read back exactly:
``& < > "`` and, in attributes, tab, line feed and carriage return as
character references (a parser would otherwise fold them into spaces), and a
carriage return in text as ``&#13;``. Characters XML 1.0 cannot carry at all
(most C0 controls, U+FFFE, U+FFFF, lone surrogates) are refused with a
:class:`~actorgraph.exceptions.FormatError` naming where they are.
"""

from __future__ import annotations

import codecs
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from xml.parsers import expat

from .._loader import check_size
from ..exceptions import FormatError, Problem, SchemaError
from ._stream import PathOrFile, read_file

__all__ = ["Element", "XmlText", "check_xml_text", "esc_attr", "esc_text", "parse_xml"]

#: What XML 1.0 cannot hold, even as a character reference.
ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_DTD = re.compile(r"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
_DECL_ENCODING = re.compile(rb"""^<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._\-]+)["']""")


@dataclass(slots=True, eq=False)
class Element:
    """An XML element: ``tag`` is the local name, ``ns`` its namespace URI."""

    tag: str
    ns: str
    attrs: dict[str, str]
    line: int
    children: list[Element] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The character data directly inside the element."""
        return "".join(self.parts)

    def find(self, tag: str) -> Element | None:
        """The first child with local name ``tag``."""
        return next((c for c in self.children if c.tag == tag), None)

    def findall(self, tag: str) -> list[Element]:
        """The children with local name ``tag``."""
        return [c for c in self.children if c.tag == tag]

    def iter(self, tag: str) -> Iterator[Element]:
        """Every descendant (and self) with local name ``tag``, in document order."""
        stack = [self]
        while stack:
            e = stack.pop()
            if e.tag == tag:
                yield e
            stack.extend(reversed(e.children))


class _RefusedError(Exception):
    def __init__(self, message: str) -> None:
        self.message = message


def _decode(data: bytes, name: str) -> str:
    """XML bytes as text: BOM first, then the declared encoding, else UTF-8."""
    if data.startswith(codecs.BOM_UTF8):
        enc, data = "utf-8", data[3:]
    elif data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        enc = "utf-32"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        enc = "utf-16"
    else:
        m = _DECL_ENCODING.match(data)
        enc = m.group(1).decode("ascii") if m else "utf-8"
    try:
        codecs.lookup(enc)
    except LookupError:
        raise FormatError(f"{name}: unknown XML encoding {enc!r}") from None
    try:
        return data.decode(enc)
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        raise SchemaError(
            [Problem(f"the file is not valid {enc} text ({err.reason})", name, line)]
        ) from None


def parse_xml(path: PathOrFile, *, max_bytes: int) -> Element:
    """Read an XML file (a path or an open file, text or binary) safely into an :class:`Element`.

    Bytes are decoded by their byte order mark, else the encoding the XML
    declaration names, else as UTF-8; a text file's text is taken as it is.

    Raises
    ------
    FormatError
        The file is larger than ``max_bytes`` or declares a DTD or entities.
    SchemaError
        The XML is not well-formed (with line and column).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "bomb.xml"
    >>> _ = p.write_text('<!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>')
    >>> parse_xml(p, max_bytes=1000)
    Traceback (most recent call last):
    ...
    actorgraph.exceptions.FormatError: ...bomb.xml:1: refusing XML with a DTD or entity ...
    """
    if isinstance(path, (str, os.PathLike)):
        name = os.fspath(path)
        with open(name, "rb") as fh:
            data: str | bytes = fh.read(max_bytes + 1)
        check_size(len(data), max_bytes, repr(name))
    else:
        data, name = read_file(path, max_bytes)
    text = data.removeprefix("\ufeff") if isinstance(data, str) else _decode(data, name)
    m = _DTD.search(text)
    if m is not None:
        line = text.count("\n", 0, m.start()) + 1
        raise FormatError(
            f"{name}:{line}: refusing XML with a DTD or entity declarations "
            f"(<!{m.group(1)}...); they can expand without bound or read other files"
        )
    return _parse(text, name)


def _parse(text: str, name: str) -> Element:
    parser = expat.ParserCreate(namespace_separator="\x01")
    root: list[Element] = []
    stack: list[Element] = []

    def start(tag: str, attrs: dict[str, str]) -> None:
        ns, _, local = tag.rpartition("\x01")
        el = Element(local, ns, {}, parser.CurrentLineNumber)
        for k, v in attrs.items():
            ans, _, alocal = k.rpartition("\x01")
            el.attrs[f"{{{ans}}}{alocal}" if ans else alocal] = v
        if stack:
            stack[-1].children.append(el)
        else:
            root.append(el)
        stack.append(el)

    def end(tag: str) -> None:
        stack.pop()

    def chars(data: str) -> None:
        if stack:
            stack[-1].parts.append(data)

    def refuse_dtd(*args: Any) -> None:
        raise _RefusedError("refusing XML with a DTD (<!DOCTYPE ...>)")

    def refuse_entity(*args: Any) -> None:
        raise _RefusedError("refusing XML with entity declarations (<!ENTITY ...>)")

    def refuse_external(*args: Any) -> int:
        raise _RefusedError("refusing XML that refers to external entities")

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = chars
    parser.StartDoctypeDeclHandler = refuse_dtd
    parser.EntityDeclHandler = refuse_entity
    parser.UnparsedEntityDeclHandler = refuse_entity
    parser.ExternalEntityRefHandler = refuse_external
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.buffer_text = True
    try:
        parser.Parse(text, True)
    except _RefusedError as err:
        raise FormatError(f"{name}:{parser.CurrentLineNumber}: {err.message}") from None
    except expat.ExpatError as err:
        raise SchemaError(
            [
                Problem(
                    f"invalid XML: {expat.ErrorString(err.code)}",
                    name,
                    err.lineno,
                    column=err.offset + 1,
                )
            ]
        ) from None
    except RecursionError:  # pragma: no cover - expat is iterative; our handlers are too
        raise FormatError(f"{name}: XML nested too deeply") from None
    if not root:  # pragma: no cover - expat refuses a document without an element
        raise SchemaError([Problem("the file holds no XML element", name, 1)])
    return root[0]


# --------------------------------------------------------------------------
# writing
# --------------------------------------------------------------------------

_TEXT_ESC = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})
_ATTR_ESC = str.maketrans(
    {
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        '"': "&quot;",
        "\t": "&#9;",
        "\n": "&#10;",
        "\r": "&#13;",
    }
)


def esc_text(s: str) -> str:
    """Escape element text (``\\r`` as ``&#13;`` so it is not read as ``\\n``).

    Examples
    --------
    >>> esc_text("a<b> & c\\r")
    'a&lt;b&gt; &amp; c&#13;'
    """
    return s.translate(_TEXT_ESC)


def esc_attr(s: str) -> str:
    """Escape an attribute value written in double quotes (whitespace kept exactly).

    Examples
    --------
    >>> esc_attr('x"y\\n')
    'x&quot;y&#10;'
    """
    return s.translate(_ATTR_ESC)


class XmlText:
    """Collects the strings written to an XML file and the ones XML cannot hold."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.bad: list[str] = []

    def check(self, s: str, where: str) -> str:
        """``s`` if XML can hold it; otherwise remember ``where`` and return a blank."""
        m = ILLEGAL.search(s)
        if m is None:
            return s
        self.bad.append(f"{where}: the character U+{ord(m.group()):04X} cannot be written in XML")
        return ""

    def raise_bad(self, fmt: str) -> None:
        """Raise FormatError listing every value XML cannot hold."""
        if self.bad:
            shown = self.bad[:50]
            more = f"\n  ... and {len(self.bad) - 50} more" if len(self.bad) > 50 else ""
            raise FormatError(
                f"cannot write {fmt}: {len(self.bad)} value(s) hold characters XML 1.0 cannot "
                "carry (control characters other than tab, line feed and carriage return):\n  "
                + "\n  ".join(shown)
                + more
                + "\nuse the native .json or .yaml format, or CSV, for such text"
            )


def scrub(s: str) -> str:
    """``s`` with what XML cannot hold replaced by U+FFFD (for display-only copies).

    Examples
    --------
    >>> scrub("a\x07b")
    'a\ufffdb'
    """
    return ILLEGAL.sub("\ufffd", s)


def check_xml_text(s: str) -> bool:
    """Whether XML 1.0 can hold ``s``.

    Examples
    --------
    >>> check_xml_text("tab\\tok"), check_xml_text("bell\\x07")
    (True, False)
    """
    return ILLEGAL.search(s) is None


def xml_json(text: str) -> str:
    """JSON text made safe for XML: what XML cannot hold becomes a ``\\uXXXX`` escape.

    JSON already escapes control characters; U+FFFE, U+FFFF and lone surrogates
    can only appear inside JSON strings, where the escape means the same.

    Examples
    --------
    >>> xml_json('["a\\ufffe"]')
    '["a\\\\ufffe"]'
    """
    return ILLEGAL.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
