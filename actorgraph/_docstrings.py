"""Parameter documentation written once and shared by the functions that take the parameter.

A docstring names a shared entry with a line holding only ``{name}`` in its Parameters
section; :func:`shared_docs` replaces that line with the entry, indented as the line was.
Other braces in a docstring are left alone (no ``str.format``), so examples keep their dict
literals. The functions' ``__doc__`` is complete at import, so ``help()``, Sphinx and
``numpydoc.validate`` see the whole text.

Examples
--------
>>> @shared_docs
... def f(G, at=None):
...     '''Do something.
...
...     Parameters
...     ----------
...     {G_query}
...     {at_keep}
...     '''
>>> print(f.__doc__.splitlines()[4])
    G : ActorGraph
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable
from typing import TypeVar

__all__ = ["PARAMS", "shared_docs"]

_DATE_FORMS = '``"YYYY"``, ``"YYYY-MM"`` or ``"YYYY-MM-DD"``'

#: The shared entries, by name: the numpydoc text of one parameter (first line unindented).
PARAMS: dict[str, str] = {
    "G_query": """
        G : ActorGraph
            The graph to ask; a view such as ``as_of(G, date)`` works too.
        """,
    "G_view": """
        G : ActorGraph
            The graph (or a view of one).
        """,
    "G_write": """
        G : ActorGraph
            The graph (a view gives what it shows).
        """,
    "G_draw": """
        G : ActorGraph
            The graph to draw.
        """,
    "G_signed": """
        G : ActorGraph or signed networkx.Graph
            An ActorGraph is projected with :func:`signed_graph` (default rules);
            a networkx graph must be undirected with a ``sign`` edge attribute of +1 or -1.
        """,
    "actor": """
        actor : str or Actor
            The actor: its id, a name or an alias (matched by :func:`match_key`).
        """,
    "at_keep": f"""
        at : str, int, datetime.date or PartialDate, optional
            Keep only the relations active on that date, {_DATE_FORMS} (a year or month
            means any day of it). Default: every relation, whatever its period.
        """,
    "max_bytes": """
        max_bytes : int, default MAX_BYTES (200 MB)
            Refuse larger files.
        """,
    "dates_label": """
        dates : bool, default True
            Show each relation's period in its label (``2024-11-27``, ``2011 – …``).
        """,
    "strict_import": """
        strict : bool, default False
            Refuse the import when any row is malformed (default: skip them, report them
            and warn).
        """,
    "file_name": """
        file : str, optional
            A name to report problems under.
        """,
}

_F = TypeVar("_F", bound=Callable[..., object])
_LINE = re.compile(r"^(?P<indent>[ \t]*)\{(?P<name>[A-Za-z_][A-Za-z0-9_]*)\}[ \t]*$", re.M)


def _entry(name: str, indent: str) -> str:
    text = textwrap.dedent(PARAMS[name]).strip("\n")
    return textwrap.indent(text, indent)


def fill(doc: str) -> str:
    """The docstring with each ``{name}`` line replaced by the shared entry.

    Raises
    ------
    KeyError
        When a ``{name}`` line names no shared entry (a typo must not reach the docs).
    """
    return _LINE.sub(lambda m: _entry(m["name"], m["indent"]), doc)


def shared_docs(func: _F) -> _F:
    """Fill the shared parameter entries of ``func``'s docstring (a decorator)."""
    if func.__doc__:
        func.__doc__ = fill(func.__doc__)
    return func
