"""The schema of the native document: its fields, and the checks of their values.

A :class:`Checker` reads the typed value of one field off a located mapping
(see :mod:`actorgraph._loader`): text where text is expected (``NO`` stays
``"NO"``), a number, a list of text, a mapping... Each problem it meets goes
to the document's report, with the line and the path of the field, and the
field's name goes to a ``bad`` set, so that a later problem about the same
field (the model's own checks) is not reported twice.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import Any

from .._loader import Map, Node, Report, Scalar, Seq, join, plain, what

__all__ = [
    "ACTOR_FIELDS",
    "CITATION_FIELDS",
    "FORMAT_VERSION",
    "RELATION_FIELDS",
    "SOURCE_FIELDS",
    "TOP_FIELDS",
    "Checker",
    "Fields",
    "hint",
]

#: The version of the document format this module reads and writes.
FORMAT_VERSION = 1

# The fields of each part of a document, in the order they are written.
TOP_FIELDS = ("actorgraph", "name", "attrs", "vocabulary", "sources", "actors", "relations")
ACTOR_FIELDS = ("id", "name", "kind", "aliases", "start", "end", "ids", "attrs")
RELATION_FIELDS = (
    "id",
    "source",
    "type",
    "target",
    "start",
    "end",
    "confidence",
    "status",
    "asserted_by",
    "sources",
    "attrs",
)
SOURCE_FIELDS = ("publisher", "title", "author", "date", "url", "archive", "checksum")
CITATION_FIELDS = (*SOURCE_FIELDS, "quote")


class Fields:
    """The known fields of one mapping, and the line the mapping starts on."""

    __slots__ = ("items", "line")

    def __init__(self, items: dict[str, tuple[int | None, Node]], line: int | None) -> None:
        self.items = items
        self.line = line

    def get(self, name: str) -> tuple[int | None, Node | None]:
        """(line of the field, its node); a missing field gives the mapping's line."""
        return self.items.get(name, (self.line, None))

    def line_of(self, name: str | None) -> int | None:
        """The line of a field, or of the mapping when the field is missing."""
        return self.items[name][0] if name in self.items else self.line


def _field_of(message: str, names: Iterable[str]) -> str | None:
    """The field a model's problem message is about (it starts with the name)."""
    for name in sorted(names, key=len, reverse=True):
        if message.startswith(name) and message[len(name) : len(name) + 1] in ("", " ", ":", "["):
            return name
    return None


def hint(word: str, choices: Iterable[str]) -> str:
    """``; did you mean 'x'?`` for the close matches of ``word``, or nothing."""
    close = difflib.get_close_matches(word, list(choices), n=3)
    return f"; did you mean {', '.join(map(repr, close))}?" if close else ""


class Checker:
    """Read the typed values of fields, reporting every problem to ``report``."""

    def __init__(self, report: Report) -> None:
        self.report = report
        self.add = report.add

    def fields(
        self, node: Map, allowed: tuple[str, ...], path: str, part: str, ignore: str = ""
    ) -> Fields:
        """The known fields of ``node``; an unknown one is reported with a hint."""
        out: dict[str, tuple[int | None, Node]] = {}
        for key, entry in node.items.items():
            if key in allowed:
                out[key] = entry
            elif key != ignore:
                self.add(
                    f"unknown field {key!r} in {part}{hint(key, allowed)} "
                    f"(known: {', '.join(allowed)})",
                    entry[0],
                    join(path, key),
                )
        return Fields(out, node.line)

    def wrong(self, node: Node, message: str, line: int | None, field: str) -> None:
        """Report a value of the wrong kind, unless it was reported when it was read."""
        if not (isinstance(node, Scalar) and node.invalid):
            self.add(message, line, field)

    def text(
        self,
        f: Fields,
        name: str,
        path: str,
        bad: set[str],
        *,
        required: bool = False,
        blank: bool = True,
    ) -> str | None:
        """The field as text, as written (``NO`` stays ``"NO"``); ``None`` when absent.

        A required field (and one with ``blank=False``) may not be empty or only spaces:
        an id ``""`` is refused, never read as some placeholder actor.
        """
        line, node = f.get(name)
        if isinstance(node, Scalar) and node.invalid:
            bad.add(name)
            return None
        if node is None or (isinstance(node, Scalar) and node.value is None):
            if required:
                bad.add(name)
                where = "missing" if node is None else "empty"
                self.add(f"the required field {name!r} is {where}", line, join(path, name))
            return None
        if isinstance(node, Scalar) and node.text is not None:
            if (required or not blank) and not node.text.strip():
                bad.add(name)
                where = "empty" if not node.text else f"blank ({node.text!r})"
                message = (
                    f"the required field {name!r} is {where}"
                    if required
                    else f"the field {name!r} is {where}; leave it out or give a value"
                )
                self.add(message, line, join(path, name))
                return None
            return node.text
        bad.add(name)
        self.wrong(node, f"{name} must be text, not {what(node)}", line, join(path, name))
        return None

    def number(self, f: Fields, name: str, path: str, bad: set[str]) -> float | None:
        """The field as a number (not a boolean); ``None`` when absent."""
        line, node = f.get(name)
        if node is None or (isinstance(node, Scalar) and node.value is None):
            return None
        if isinstance(node, Scalar):
            v = node.value
            if isinstance(v, (int, float)) and not isinstance(v, bool):
                return v
        bad.add(name)
        self.wrong(node, f"{name} must be a number, not {what(node)}", line, join(path, name))
        return None

    def text_list(self, f: Fields, name: str, path: str, bad: set[str]) -> list[str]:
        """The field as a list of text (one text is a list of one)."""
        line, node = f.get(name)
        if node is None or (isinstance(node, Scalar) and node.value is None):
            return []
        items = node.items if isinstance(node, Seq) else [node]
        out: list[str] = []
        for i, item in enumerate(items):
            if isinstance(item, Scalar) and item.text is not None and item.value is not None:
                out.append(item.text)
            else:
                bad.add(name)
                p = join(join(path, name), i) if isinstance(node, Seq) else join(path, name)
                self.wrong(
                    item, f"{name} must be a list of text, not {what(item)}", item.line or line, p
                )
        return out

    def _mapping(self, f: Fields, name: str, path: str, bad: set[str]) -> Map | None:
        """The field's node when it is a mapping; None when absent or null (or wrong)."""
        line, node = f.get(name)
        if node is None or (isinstance(node, Scalar) and node.value is None):
            return None
        if not isinstance(node, Map):
            bad.add(name)
            self.wrong(node, f"{name} must be a mapping, not {what(node)}", line, join(path, name))
            return None
        return node

    def text_map(self, f: Fields, name: str, path: str, bad: set[str]) -> dict[str, str]:
        """The field as a mapping of text to text."""
        node = self._mapping(f, name, path, bad)
        if node is None:
            return {}
        out: dict[str, str] = {}
        for k, (kline, v) in node.items.items():
            if isinstance(v, Scalar) and v.text is not None and v.value is not None:
                out[k] = v.text
            else:
                bad.add(name)
                self.wrong(v, f"{name} values must be text, not {what(v)}", kline, join(path, name))
        return out

    def free_map(self, f: Fields, name: str, path: str, bad: set[str]) -> dict[str, Any]:
        """The field as a mapping of free values (typed by the YAML 1.2 core schema)."""
        node = self._mapping(f, name, path, bad)
        if node is None:
            return {}
        return {k: plain(v) for k, (_, v) in node.items.items()}

    def seq(self, line: int | None, node: Node | None, path: str) -> list[Node]:
        """The items of a list section (``actors``, ``relations``...); none when absent."""
        if node is None or (isinstance(node, Scalar) and node.value is None):
            return []
        if isinstance(node, Seq):
            return node.items
        self.wrong(node, f"{path} must be a list, not {what(node)}", line, path)
        return []

    def model_problems(
        self,
        problems: Iterable[str],
        f: Fields,
        node: Node,
        path: str,
        names: tuple[str, ...],
        bad: set[str],
    ) -> None:
        """Report a model's problems at the line of the field each is about."""
        for message in problems:
            name = _field_of(message, names)
            if name in bad:
                continue  # already reported as a wrong type or a missing field
            line = f.line_of(name)
            if name and message.startswith(name + ": "):
                message = message[len(name) + 2 :]
            self.add(message, line, join(path, name) if name else path)
