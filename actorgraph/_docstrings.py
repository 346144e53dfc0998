"""Parameter documentation written once and shared by the functions that take the parameter.

A docstring names a shared entry with a line holding only ``{name}`` in its Parameters
section; :func:`shared_docs` replaces that line with the entry, indented as the line was.
Other braces in a docstring are left alone (no ``str.format``), so examples keep their dict
literals. The functions' ``__doc__`` is complete at import, so ``help()``, Sphinx and
``numpydoc.validate`` see the whole text.

An entry belongs here once two functions share it word for word; an entry only one function
uses stays in its docstring. ``tests/test_shared_docs.py`` holds the package to that, and
fails on a ``{name}`` line left unfilled (a function without the decorator).

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

__all__ = ["PARAMS", "fill", "placeholders", "shared_docs"]

#: The shared entries, by name: the numpydoc text of one parameter (first line unindented),
#: word for word what each docstring that names it shows.
PARAMS: dict[str, str] = {
    # questions and views (query.py, views.py, lint.py, layout.py)
    "G_query": """
        G : ActorGraph
            The graph to ask; a view such as ``as_of(G, date)`` works too.
        """,
    "G_view": """
        G : ActorGraph
            The graph (or a view of one).
        """,
    "actor": """
        actor : str or Actor
            The actor: its id, a name or an alias (matched by :func:`match_key`).
        """,
    "at_keep": """
        at : str, int, datetime.date or PartialDate, optional
            Keep only the relations active on that date, ``"YYYY"``, ``"YYYY-MM"``
            or ``"YYYY-MM-DD"`` (a year or month means any day of it). Default:
            every relation, whatever its period.
        """,
    "types_support": """
        types : str or iterable of str, optional
            Relation type ids to follow instead of the directed types of
            polarity +1 in the vocabulary (supports, funds, arms, trains, hosts...).
        """,
    "types_designation": """
        types : str or iterable of str, optional
            Relation type ids to follow instead of the types of category
            ``designation`` (designates_terrorist).
        """,
    "sheet_import": """
        sheet : str or int, optional
            The workbook's sheet (default: the one with the data).
        """,
    "member_import": """
        member : str, optional
            The zip member (default: the only data file in the archive).
        """,
    "roll_up_query": """
        roll_up : bool, default False
            Ask the graph rolled up (:func:`~actorgraph.roll_up`): the claims of a unit,
            an official or a ministry count for the state or government it belongs to,
            as derived claims that name their chain.
        """,
    "undated_at": """
        undated : {"mark", "drop", "keep", "reported"}, default "mark"
            With ``at``: how claims without a period count on that date (see
            :func:`~actorgraph.as_of`); the default keeps them, and each one says
            ``relation.undated``.
        """,
    # signed analysis (signed/)
    "G_signed": """
        G : ActorGraph or signed networkx graph
            An ActorGraph is projected with :func:`signed_graph` (default rules); a
            networkx Graph, DiGraph, MultiGraph or MultiDiGraph (or a view) needs a
            ``sign`` of +1 or -1 (an int or a float, NumPy's too) on every edge; ties
            joining the same pair are collapsed (see :func:`~actorgraph.signed.as_signed`).
        """,
    "at_signed": """
        at : str, int, datetime.date or PartialDate, optional
            Project the ActorGraph as of that date, ``"YYYY"``, ``"YYYY-MM"`` or
            ``"YYYY-MM-DD"`` (see :func:`as_of`); not allowed with a networkx graph.
        """,
    # figures (plotting/)
    "G_draw": """
        G : ActorGraph
            The graph to draw.
        """,
    "actor_centre": """
        actor : str or Actor
            Id, name or alias of the actor in the centre.
        """,
    "seed_figure": """
        seed : int, default 0
            Layout seed: the same seed gives the same figure.
        """,
    "types_kinds_draw": """
        types, kinds : str or iterable of str, optional
            Draw only these relation types (and the actors they join) / actor kinds.
        """,
    # event datasets (importers/)
    "strict_import": """
        strict : bool, default False
            Refuse the whole import when any row is malformed (default: skip them, report them
            and warn).
        """,
    "period_import": """
        period : {"year", "month", "day", None}, default "year"
            One relation per actor pair, type and period; ``None``: one per pair and type.
        """,
    "progress": """
        progress : bool, optional
            Show a progress bar (tqdm or rich, when installed); default: only on a terminal.
        """,
    "vocabulary_cameo": """
        vocabulary : Vocabulary, optional
            Its ``cameo`` crosswalk codes map the event codes; default
            :func:`~actorgraph.default_vocabulary`.
        """,
    # the interactive HTML view (readwrite/html.py: to_html, write_html)
    "G_html": """
        G : ActorGraph
            The graph to show (a view shows what it holds).
        """,
    "at_html": """
        at : str, int, datetime.date or PartialDate, optional
            Open the view as of this date, ``"YYYY"``, ``"YYYY-MM"`` or ``"YYYY-MM-DD"``
            (``"2016"``: any day of 2016, as :func:`~actorgraph.as_of` reads it). By
            default every relation is shown and the slider is off.
        """,
    "title_html": """
        title : str, optional
            Page heading; defaults to the graph's name.
        """,
    "pos_html": """
        pos : mapping of actor reference to (x, y), optional
            Positions to pin (y up, as in matplotlib), e.g. from
            :func:`~actorgraph.network_layout` or a figure drawn
            earlier; the other actors are laid out around them. Positions stored in
            the actors' ``pos`` attribute are pinned too.
        """,
    "layout_html": """
        layout : str or callable, default "auto"
            The layout of :func:`~actorgraph.network_layout`
            (``"auto"``: the signed layout ``plot_network`` uses), deterministic for
            a given ``seed``. Without pins the picture is then widened to fit a
            screen, and actors whose labels would overlap are nudged apart.
        """,
    "seed_html": """
        seed : int, default 0
            Seed of the layout.
        """,
    "edge_labels_html": """
        edge_labels : bool, optional
            Write the relation type on each line; by default only for graphs of
            at most 60 relations (the page has a switch for it either way).
        """,
    "embed_html": """
        embed : bool, default False
            Open in embed mode, for an article's ``<iframe>``: only the diagram, the
            date control and the details of what is tapped. Any page also opens in
            embed mode when its address ends in ``#embed``.
        """,
    "undated_html": """
        undated : {"mark", "drop", "keep", "reported"}, default "mark"
            How the date slider treats claims with no period (see :data:`~actorgraph.Undated`):
            ``"mark"`` shows them at every date, drawn faded and labelled "date unknown",
            with a switch to leave them out; ``"drop"`` opens with that switch off;
            ``"keep"`` draws them as ordinary claims holding on every date; ``"reported"``
            shows each from the date of its first source on ("reported by ...").
        """,
    # readers and writers (readwrite/)
    "G_write": """
        G : ActorGraph
            The graph (a view gives what it shows).
        """,
    "max_bytes": """
        max_bytes : int, default MAX_BYTES (200 MB)
            Refuse larger files.
        """,
    "dates_label": """
        dates : bool, default True
            Show each relation's period in its label (``2024-11-27``, ``2011 – …``).
        """,
    "file_name": """
        file : str, optional
            A name to report problems under.
        """,
}

_F = TypeVar("_F", bound=Callable[..., object])
_LINE = re.compile(r"^(?P<indent>[ \t]*)\{(?P<name>[A-Za-z_][A-Za-z0-9_]*)\}[ \t]*$", re.M)


def _entry(name: str, indent: str) -> str:
    try:
        entry = PARAMS[name]
    except KeyError:
        known = ", ".join(sorted(PARAMS))
        raise KeyError(f"no shared parameter entry {name!r} (known: {known})") from None
    return textwrap.indent(textwrap.dedent(entry).strip("\n"), indent)


def placeholders(doc: str) -> list[str]:
    """The names of the ``{name}`` lines of a docstring, in order (none once filled)."""
    return [m["name"] for m in _LINE.finditer(doc)]


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
