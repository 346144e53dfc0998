"""pandas DataFrames: :func:`to_pandas` and :func:`from_pandas` (optional extra ``pandas``).

``to_pandas(G)`` gives two frames, one row per actor and one per relation.
Fields are columns (``aliases`` a list, ``ids`` a dict, ``sources`` a list of
dicts, dates their partial-date text such as ``"2024-11"``, missing values
``None``/``NaN``); each free attribute is a column of its own, after the
fields; the relations frame also has the type's ``polarity`` (from the
vocabulary, for filtering; ignored when read back).

``from_pandas(actors, relations)`` reads such frames back, or frames made
any other way: columns it does not know become ``attrs``; ``NaN``, ``None``
and ``NaT`` mean "not set"; numpy numbers become Python numbers; a
``Timestamp`` or ``date`` becomes a day (``"2024-11-27"``); a cell of
``aliases``, ``ids`` or ``sources`` may also be JSON text. Every problem is
reported at once with the frame, the row's index label and the column.

Round trip: ``from_pandas(*to_pandas(G)) == G``, except that an attribute
whose value is ``None`` is dropped (a missing cell and ``None`` look alike).

Examples
--------
>>> from actorgraph import ActorGraph, datasets
>>> G = ActorGraph()
>>> for aid in ("ru", "ir", "sy", "hts"):
...     _ = G.add_actor(aid)
>>> _ = G.add_relation("ru", "supports", "sy", start="2015-09", confidence=0.9)
>>> _ = G.add_relation("ir", "supports", "sy", start="2011")
>>> _ = G.add_relation("hts", "attacks", "sy", start="2024-11-27", fatalities=12)
>>> actors, relations = to_pandas(G)
>>> relations[relations.polarity > 0][["source", "target", "start", "confidence"]]
  source target    start  confidence
0     ru     sy  2015-09         0.9
1     ir     sy     2011         NaN
>>> from_pandas(actors, relations) == G
True
>>> G = datasets.load("aleppo-2024")
>>> from_pandas(*to_pandas(G), name=G.name, attrs=G.attrs) == G
True
"""

from __future__ import annotations

import datetime as _dt
import importlib
import math
from typing import Any

from .._docstrings import shared_docs
from ..graph import ActorGraph
from ..vocabulary import Vocabulary, default_vocabulary
from . import _flat
from ._flat import ACTOR_FIELDS, RELATION_FIELDS, Assembler, Origin, data_node, text_node
from .document import plain

#: A pandas DataFrame (pandas is optional, so it is not named in annotations).
DataFrame = Any

__all__ = ["from_pandas", "to_pandas"]


def _pandas() -> Any:
    try:
        pandas = importlib.import_module("pandas")
    except ImportError as err:  # pragma: no cover - depends on the environment
        raise ImportError("to_pandas/from_pandas need pandas: install actorgraph[pandas]") from err
    return pandas


@shared_docs
def to_pandas(G: ActorGraph) -> tuple[DataFrame, DataFrame]:
    """The actors and the relations of ``G`` as two DataFrames.

    Parameters
    ----------
    {G_write}

    Returns
    -------
    actors : pandas.DataFrame
        One row per actor, in order: the fields (``id``, ``name``, ``kind``, ``aliases``,
        ``start``, ``end``, ``ids``), then one column per free attribute.
    relations : pandas.DataFrame
        One row per relation, in order: the fields (``id``, ``source``, ``type``,
        ``target``, dates as text such as ``"2024-11"``, ``confidence``...), the type's
        ``polarity``, then one column per free attribute.

    Raises
    ------
    ImportError
        Without pandas (``pip install actorgraph[pandas]``).
    ValidationError
        When an ``attrs`` value is not plain data (e.g. a ``datetime``).

    See Also
    --------
    from_pandas : The other direction.

    Examples
    --------
    >>> from actorgraph import ActorGraph
    >>> G = ActorGraph(); _ = G.add_actor("007", aliases=["Bond"], rank=3)
    >>> actors, relations = to_pandas(G)
    >>> actors.to_dict("records")
    [{'id': '007', 'name': '007', 'kind': None, 'aliases': ['Bond'], 'start': None, 'end': None,
      'ids': {}, 'rank': 3}]
    >>> list(relations.columns)[:4]
    ['id', 'source', 'type', 'target']
    """
    pd = _pandas()
    rec = _flat.records(G)
    a_rows: list[dict[str, Any]] = []
    a_extra: dict[str, None] = {}
    for a in rec.actors:
        row: dict[str, Any] = {f: a.get(f) for f in ACTOR_FIELDS if f != "attrs"}
        row["aliases"] = list(a.get("aliases", []))
        row["ids"] = dict(a.get("ids", {}))
        for k, v in a.get("attrs", {}).items():
            a_extra.setdefault(k, None)
            row[k] = v
        a_rows.append(row)
    a_cols = [f for f in ACTOR_FIELDS if f != "attrs"] + list(a_extra)
    r_rows: list[dict[str, Any]] = []
    r_extra: dict[str, None] = {}
    voc = G.vocabulary
    for r in rec.relations:
        row = {f: r.get(f) for f in RELATION_FIELDS if f != "attrs"}
        row["sources"] = list(r.get("sources", []))
        row["polarity"] = voc[r["type"]].polarity
        for k, v in r.get("attrs", {}).items():
            r_extra.setdefault(k, None)
            row[k] = v
        r_rows.append(row)
    r_cols = [f for f in RELATION_FIELDS if f != "attrs"] + ["polarity", *r_extra]
    # object columns keep each value's own type (an int attribute next to a
    # missing one is not turned into a float); confidence is numeric.
    actors = pd.DataFrame(
        [[row.get(c) for c in a_cols] for row in a_rows], columns=a_cols, dtype=object
    )
    relations = pd.DataFrame(
        [[row.get(c) for c in r_cols] for row in r_rows], columns=r_cols, dtype=object
    )
    relations["confidence"] = relations["confidence"].astype(float)
    relations["polarity"] = relations["polarity"].astype(int)
    return actors, relations


def _missing(v: Any) -> bool:
    if v is None:
        return True
    if isinstance(v, float):
        return math.isnan(v)
    try:
        pd = _pandas()
        return v is pd.NA or v is pd.NaT
    except ImportError:  # pragma: no cover
        return False


def _py(v: Any) -> Any:
    """A cell as plain Python data."""
    if hasattr(v, "tolist") and not isinstance(v, (str, bytes)):
        v = v.tolist()  # numpy scalars and arrays
    elif hasattr(v, "item") and not isinstance(v, (str, bytes, list, dict)):
        v = v.item()
    if isinstance(v, _dt.datetime):
        return v.date().isoformat()
    if isinstance(v, _dt.date):
        return v.isoformat()
    if isinstance(v, dict):
        return {str(k): _py(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [_py(x) for x in v]
    return v


_TEXT = frozenset(
    {"id", "name", "kind", "start", "end", "source", "type", "target", "status", "asserted_by"}
)
_STRUCT = {"aliases": list, "ids": dict, "sources": list, "attrs": dict}


def _cell(asm: Assembler, origin: Origin, col: str, v: Any) -> Any:
    """The node of a field cell; None when missing or bad (reported)."""
    v = _py(v)
    if col in _TEXT:
        if isinstance(v, float) and v.is_integer():
            v = int(v)
        if isinstance(v, (int, float)) and not isinstance(v, bool):
            v = str(v)
        return text_node(v, None) if isinstance(v, str) else data_node(v, None)
    if col in _STRUCT:
        if isinstance(v, str):
            if col == "aliases" and not v.lstrip().startswith("["):
                return data_node([v], None)
            try:
                v = _flat.load_json_value(v)
            except ValueError as err:
                asm.fail(origin.problem(str(err), col))
                return None
        return data_node(v, None)
    return data_node(v, None)


def _rows(
    asm: Assembler, frame: Any, what: str, fields: tuple[str, ...], ignore: frozenset[str]
) -> list[tuple[dict[str, Any], Origin]]:
    out: list[tuple[dict[str, Any], Origin]] = []
    cols = [str(c) for c in frame.columns]
    if len(set(cols)) != len(cols):
        dup = sorted({c for c in cols if cols.count(c) > 1})
        asm.fail(Origin(what, None).problem(f"duplicate columns {dup}", None))
        return out
    for label, values in zip(frame.index, frame.itertuples(index=False, name=None), strict=True):
        origin = Origin(what, None, f"row {_py(label)!r}")
        rec: dict[str, Any] = {}
        extra: dict[str, Any] = {}
        for col, v in zip(cols, values, strict=True):
            if col in ignore:
                continue
            if isinstance(v, (list, tuple, dict)) or hasattr(v, "shape"):
                pass  # a structured cell is never "missing"
            elif _missing(v):
                continue
            if col in fields:
                node = _cell(asm, origin, col, v)
                if node is not None:
                    rec[col] = node
            else:
                extra[col] = _py(v)
        if extra:
            attrs = rec.get("attrs")
            merged = dict(_flat_plain(attrs)) if attrs is not None else {}
            for k in extra:
                if k in merged:
                    asm.fail(origin.problem(f"the column {k!r} clashes with attrs[{k!r}]", k))
            merged.update(extra)
            rec["attrs"] = data_node(merged, None)
        out.append((rec, origin))
    return out


def _flat_plain(node: Any) -> dict[str, Any]:
    v = plain(node)
    return v if isinstance(v, dict) else {}


@_flat.paused
def from_pandas(
    actors: DataFrame | None,
    relations: DataFrame | None = None,
    *,
    name: str | None = None,
    attrs: dict[str, Any] | None = None,
    vocabulary: Vocabulary | None = None,
) -> ActorGraph:
    """Build a graph from an actors frame and a relations frame.

    Parameters
    ----------
    actors : pandas.DataFrame or None
        Needs an ``id`` column; see the module notes for the others.
    relations : pandas.DataFrame, optional
        Needs ``source``, ``type`` and ``target`` columns (ids, names or aliases).
    name : str, optional
        The graph's name.
    attrs : dict, optional
        The graph's attrs.
    vocabulary : Vocabulary, optional
        Relation types beyond the default ones.

    Returns
    -------
    ActorGraph
        A new graph holding the rows.

    Raises
    ------
    SchemaError
        Every problem, each with the frame, the row label and the column.
    ImportError
        Without pandas (``pip install actorgraph[pandas]``).

    See Also
    --------
    to_pandas : The other direction.

    Examples
    --------
    >>> import pandas as pd
    >>> actors = pd.DataFrame({"id": ["ru", "sy"], "name": ["Russia", "Syria"],
    ...                        "founded": [1991, None]})
    >>> relations = pd.DataFrame({"source": ["Russia", "ru"], "type": ["supports", "backs"],
    ...                           "target": ["sy", "sy"], "start": ["2015-09", "2015-13"]})
    >>> from_pandas(actors, relations)
    Traceback (most recent call last):
    ...
    actorgraph.exceptions.SchemaError: 2 problems found:
      relations: row 1, type: unknown relation type 'backs'...
      relations: row 1, start: '2015-13' is not a real date: month 13 is out of range 1..12
    >>> G = from_pandas(actors, relations.iloc[:1])
    >>> G.actor("ru").attrs, [r.id for r in G.relations()]
    ({'founded': 1991.0}, ['ru-supports-sy'])
    """
    _pandas()
    asm = Assembler(
        "<DataFrame>",
        Origin("graph", None),
        vocabulary_hint="pass vocabulary=... with the type",
    )
    if name is not None:
        asm.graph_field("name", text_node(name, None))
    if attrs:
        asm.graph_field("attrs", data_node(attrs, None))
    if vocabulary is not None:
        defaults = {t.id: t for t in default_vocabulary()}
        custom = [t.to_dict() for t in vocabulary if defaults.get(t.id) != t]
        if custom:
            asm.vocabulary(custom, Origin("vocabulary", None))
    if actors is not None:
        for rec, origin in _rows(asm, actors, "actors", ACTOR_FIELDS, frozenset()):
            asm.actor(rec, origin)
    if relations is not None:
        ignore = frozenset({"polarity", "label", "directed"})
        for rec, origin in _rows(asm, relations, "relations", RELATION_FIELDS, ignore):
            asm.relation(rec, origin)
    return asm.build()
