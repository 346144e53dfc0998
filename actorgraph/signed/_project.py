"""The signed projection: typed, directed claims collapsed into signed ties."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import Any, Literal

import networkx as nx

from .._docstrings import shared_docs
from ..exceptions import UnknownRelationTypeError, ValidationError
from ..graph import ActorGraph
from ..model import DateLike, PartialDate, Relation
from ..views import as_of
from ..vocabulary import RelationType, Vocabulary, default_vocabulary
from ._coerce import check_ties, collapse, sign_value

__all__ = [
    "TIE_TYPES",
    "Complicated",
    "Rule",
    "as_actor_graph",
    "as_signed",
    "as_signed_directed",
    "check_types",
    "signed_digraph",
    "signed_graph",
]

#: How the relations between a pair become one sign.
Rule = Literal["net", "any_negative", "latest"]
#: What to do with a pair that has claims of both signs.
Complicated = Literal["rule", "net", "negative", "positive", "drop"]

_RULES = ("net", "any_negative", "latest")
_COMPLICATED = ("rule", "net", "negative", "positive", "drop")


def check_types(vocabulary: Vocabulary, types: Iterable[str]) -> None:
    """Raise one error naming every type id the vocabulary does not declare.

    An unknown type is an error, not an empty answer.

    Examples
    --------
    >>> from actorgraph.vocabulary import default_vocabulary
    >>> try:
    ...     check_types(default_vocabulary(), ["attacks", "atacks", "helps"])
    ... except UnknownRelationTypeError as err:
    ...     print(err)
    2 unknown relation types: 'atacks' (did you mean 'attacks'?); 'helps'
    """
    problems = []
    for t in sorted(set(types), key=str):
        try:
            vocabulary[t]
        except UnknownRelationTypeError:
            close = difflib.get_close_matches(str(t), list(vocabulary.ids), n=2)
            hint = f" (did you mean {', '.join(map(repr, close))}?)" if close else ""
            problems.append(f"{t!r}{hint}")
    if problems:
        word = "type" if len(problems) == 1 else "types"
        raise UnknownRelationTypeError(
            f"{len(problems)} unknown relation {word}: " + "; ".join(problems)
        )


def _start_key(r: Relation) -> tuple[int, int]:
    # Undated claims count as older than every dated one.
    return (-1, -1) if r.start is None else (r.start.lo, r.start.hi)


def _decide(
    rels: list[tuple[Relation, int]], rule: str, complicated: str
) -> tuple[int, bool] | None:
    """The sign of a pair (or None: no tie) and whether the pair is complicated."""
    pos = sum(1 for _, p in rels if p > 0)
    neg = len(rels) - pos
    net = pos - neg
    is_complicated = pos > 0 and neg > 0
    if not is_complicated:
        return (1 if pos else -1), False
    if complicated == "drop":
        return None
    if complicated == "negative":
        return -1, True
    if complicated == "positive":
        return 1, True
    if complicated == "net" or rule == "net":
        return (1 if net > 0 else -1), True
    if rule == "any_negative":
        return -1, True
    # latest: the claims with the latest start decide; a tie among them is netted.
    newest = max(_start_key(r) for r, _ in rels)
    last = sum(p for r, p in rels if _start_key(r) == newest)
    return (1 if last > 0 else -1), True


def signed_graph(
    G: ActorGraph,
    *,
    at: DateLike | None = None,
    types: Iterable[str] | str | None = None,
    rule: Rule = "net",
    complicated: Complicated = "rule",
) -> nx.Graph[str]:
    """Collapse the typed, directed claims between each pair into one signed tie.

    Every relation whose type has polarity +1 (cooperation) or -1 (hostility,
    designation) counts as a claim of that sign between its two actors,
    whatever its direction. Structural and communication types (polarity 0)
    make no tie, nor do self-relations. The claims of a pair then give one sign:

    ``rule="net"``
        The sign of the sum of polarities (more cooperative than hostile
        claims: +1). A zero sum counts as hostile.
    ``rule="any_negative"``
        Any hostile claim makes the tie negative.
    ``rule="latest"``
        The claim with the latest start date decides (undated claims are older
        than dated ones; a partial date is compared by its first, then its last
        day; claims sharing the latest start are netted, a zero sum is hostile).

    A pair with claims of both signs is *complicated* (edge attribute
    ``complicated=True``). ``complicated`` says how such pairs are signed:
    ``"rule"`` (default) applies ``rule``; ``"net"`` applies the net sum
    whatever ``rule`` says; ``"negative"`` / ``"positive"`` force that sign;
    ``"drop"`` leaves the pair without a tie.

    Parameters
    ----------
    G : ActorGraph
        The graph of claims to project.
    at : str, int, datetime.date or PartialDate, optional
        Use only the claims active on that date, ``"YYYY"``, ``"YYYY-MM"`` or
        ``"YYYY-MM-DD"``, among the actors that existed then (see
        :func:`~actorgraph.as_of`).
    types : str or iterable of str, optional
        Only these relation types (unknown ids are an error). Default: every
        type of polarity +1 or -1.
    rule : {"net", "any_negative", "latest"}, default "net"
        How the claims of a pair give its sign (above).
    complicated : {"rule", "net", "negative", "positive", "drop"}, default "rule"
        How a pair with claims of both signs is signed (above).

    Returns
    -------
    networkx.Graph
        Nodes are the ids of the actors with at least one signed tie (node
        attributes ``name`` and ``kind``), in the order the actors were added.
        Each edge has ``sign`` (+1 or -1), ``relations`` (the ids of the claims
        behind it, in insertion order), ``positive`` and ``negative`` (how many
        claims of each sign) and ``complicated``. ``graph.graph`` records
        ``rule``, ``complicated`` and ``at``.

    Raises
    ------
    ValidationError
        For an unknown ``rule`` or ``complicated``, or a ``G`` that is not an
        ActorGraph.
    UnknownRelationTypeError
        For an unknown type in ``types``.
    DateError
        When ``at`` is not a date.

    See Also
    --------
    balance, factions, frustration : Measures of the signed graph.

    Examples
    --------
    >>> import actorgraph as ag
    >>> from actorgraph.signed import signed_graph
    >>> G = ag.datasets.load("aleppo-2024")
    >>> S = signed_graph(G)
    >>> S.number_of_nodes(), S.number_of_edges()
    (7, 8)
    >>> S.edges["hts", "usa"]["sign"], S.edges["hts", "usa"]["relations"]
    (-1, ['usa-designates-hts'])
    >>> S.edges["russia", "syrian-government"]["sign"]
    1
    >>> S.nodes["hts"]["name"]
    'Hayʼat Tahrir al-Sham'
    """
    S = _project(G, at, types, rule, complicated, directed=False)
    assert not S.is_directed()
    return S


def _no_dates(G: Any, at: DateLike | None) -> None:
    """Refuse ``at`` with a networkx graph ``G`` (only an ActorGraph has dates)."""
    if at is not None and isinstance(G, nx.Graph):
        raise ValidationError("at= needs an ActorGraph; a networkx graph has no dates")


@shared_docs
def as_signed(G: Any, at: DateLike | None = None) -> nx.Graph[Any]:
    """``G`` as a signed :class:`networkx.Graph`: projected, or checked when already signed.

    An :class:`~actorgraph.graph.ActorGraph` (or a time view of one) goes
    through :func:`signed_graph` (default rules). A networkx ``Graph``,
    ``DiGraph``, ``MultiGraph`` or ``MultiDiGraph`` (or a view of one) needs
    an edge attribute ``sign`` on every edge: a Python or NumPy integer or
    float equal to +1 or -1. Booleans, other numbers (``2``), ``NaN``,
    infinities and text are refused, every bad tie named in one
    :class:`~actorgraph.exceptions.ValidationError`. Ties joining the same
    pair (parallel edges, the two directions of a directed tie) are collapsed
    into one, signed by their net sum (a zero sum is negative, as in
    :func:`signed_graph`) and marked ``complicated`` when their signs differ.

    Parameters
    ----------
    G : ActorGraph or networkx graph
        The graph to project or to check.
    {at_signed}

    Returns
    -------
    networkx.Graph
        The signed graph: ``G`` itself when it is already an undirected
        ``nx.Graph`` whose signs are the ints +1 and -1, else a new graph.

    Raises
    ------
    ValidationError
        When ``G`` is neither kind of graph, has an edge without a valid
        ``sign`` or a self-loop, or ``at`` comes with a networkx graph.

    Examples
    --------
    >>> import networkx as nx
    >>> import numpy as np
    >>> S = as_signed(nx.DiGraph([("a", "b", {"sign": np.int64(-1)})]))
    >>> type(S).__name__, S.edges["a", "b"]["sign"]
    ('Graph', -1)
    """
    if isinstance(G, ActorGraph):
        return signed_graph(G, at=at)
    _no_dates(G, at)
    return collapse(G)


@shared_docs
def as_signed_directed(G: Any, at: DateLike | None = None) -> nx.DiGraph[Any]:
    """``G`` as a signed :class:`networkx.DiGraph`, for the measures of directed ties.

    An ActorGraph goes through :func:`signed_digraph`; a networkx graph is
    checked as in :func:`as_signed`, parallel ties collapsed, and each tie of
    an undirected graph becomes two reciprocal ones.

    Parameters
    ----------
    G : ActorGraph or networkx graph
        The graph to project or to check.
    {at_signed}

    Returns
    -------
    networkx.DiGraph
        The directed signed graph.

    Raises
    ------
    ValidationError
        As :func:`as_signed`.

    Examples
    --------
    >>> import networkx as nx
    >>> D = as_signed_directed(nx.Graph([("a", "b", {"sign": 1})]))
    >>> sorted(D.edges(data="sign"))
    [('a', 'b', 1), ('b', 'a', 1)]
    """
    if isinstance(G, ActorGraph):
        return signed_digraph(G, at=at)
    _no_dates(G, at)
    D = collapse(G, directed=True)
    assert isinstance(D, nx.DiGraph)
    return D


def signed_digraph(
    G: ActorGraph,
    *,
    at: DateLike | None = None,
    types: Iterable[str] | str | None = None,
    rule: Rule = "net",
    complicated: Complicated = "rule",
) -> nx.DiGraph[str]:
    """Like :func:`signed_graph`, but a tie per direction: who is friend or foe *to* whom.

    The claims from ``u`` to ``v`` give the tie ``u -> v``; a claim of a
    symmetric type (``allied_with``, ``fights``...) counts in both
    directions. The rules and the edge attributes are those of
    :func:`signed_graph`.

    Parameters
    ----------
    G : ActorGraph
        The graph of claims to project.
    at : str, int, datetime.date or PartialDate, optional
        Use only the claims active on that date (as in :func:`signed_graph`).
    types : str or iterable of str, optional
        Only these relation types (as in :func:`signed_graph`).
    rule : {"net", "any_negative", "latest"}, default "net"
        How the claims of an ordered pair give its sign (as in :func:`signed_graph`).
    complicated : {"rule", "net", "negative", "positive", "drop"}, default "rule"
        How an ordered pair with claims of both signs is signed.

    Returns
    -------
    networkx.DiGraph
        Nodes are the actors with a signed tie (``name``, ``kind``); edges
        carry ``sign``, ``relations``, ``positive``, ``negative`` and
        ``complicated``.

    Raises
    ------
    ValidationError, UnknownRelationTypeError, DateError
        As :func:`signed_graph`.

    Examples
    --------
    >>> import actorgraph as ag
    >>> D = signed_digraph(ag.datasets.load("aleppo-2024"))
    >>> D.edges["usa", "hts"]["sign"], D.has_edge("hts", "usa")
    (-1, False)
    """
    D = _project(G, at, types, rule, complicated, directed=True)
    assert isinstance(D, nx.DiGraph)
    return D


def _project(
    G: ActorGraph,
    at: DateLike | None,
    types: Iterable[str] | str | None,
    rule: Rule,
    complicated: Complicated,
    *,
    directed: bool,
) -> nx.Graph[str]:
    """The signed projection, one tie per pair or (``directed``) per ordered pair."""
    problems = []
    if rule not in _RULES:
        problems.append(f"rule must be one of {', '.join(map(repr, _RULES))}, got {rule!r}")
    if complicated not in _COMPLICATED:
        problems.append(
            f"complicated must be one of {', '.join(map(repr, _COMPLICATED))}, got {complicated!r}"
        )
    if not isinstance(G, ActorGraph):
        problems.append(f"the signed projection needs an ActorGraph, got {type(G).__name__}")
    if problems:
        raise ValidationError("; ".join(problems), problems)
    voc = G.vocabulary
    wanted: set[str] | None = None
    if types is not None:
        wanted = {types} if isinstance(types, str) else set(types)
        check_types(voc, wanted)
    view = G
    if at is not None:
        view = as_of(G, at)
    signed_types = voc.ids_where(polarity=1) | voc.ids_where(polarity=-1)
    if wanted is not None:
        signed_types = signed_types & frozenset(wanted)
    pol = {t: voc[t].polarity for t in signed_types}
    both = {t for t in signed_types if directed and not voc[t].directed}
    pairs: dict[tuple[str, str], list[tuple[Relation, int]]] = {}
    order = {a.id: i for i, a in enumerate(view.actors())}
    if signed_types:
        for r in view.relations(type=signed_types):
            if r.source == r.target:
                continue
            if directed:
                pairs.setdefault((r.source, r.target), []).append((r, pol[r.type]))
                if r.type in both:
                    pairs.setdefault((r.target, r.source), []).append((r, pol[r.type]))
                continue
            u, v = (
                (r.source, r.target) if order[r.source] < order[r.target] else (r.target, r.source)
            )
            pairs.setdefault((u, v), []).append((r, pol[r.type]))
    S: nx.Graph[str] = nx.DiGraph() if directed else nx.Graph()
    S.graph.update(
        rule=rule, complicated=complicated, at=None if at is None else str(PartialDate.parse(at))
    )
    edges: list[tuple[str, str, dict[str, Any]]] = []
    for (u, v), rels in pairs.items():
        decided = _decide(rels, rule, complicated)
        if decided is None:
            continue
        sign, is_complicated = decided
        pos = sum(1 for _, p in rels if p > 0)
        edges.append(
            (
                u,
                v,
                {
                    "sign": sign,
                    "relations": [r.id for r, _ in rels],
                    "positive": pos,
                    "negative": len(rels) - pos,
                    "complicated": is_complicated,
                },
            )
        )
    present = {u for u, _, _ in edges} | {v for _, v, _ in edges}
    for a in view.actors():
        if a.id in present:
            S.add_node(a.id, name=a.name or a.id, kind=a.kind)
    S.add_edges_from(edges)
    return S


#: The relation types :func:`as_actor_graph` gives the ties of a signed networkx graph.
TIE_TYPES = (
    RelationType(
        "positive_tie",
        label="positive tie",
        polarity=1,
        directed=False,
        category="cooperation",
        description="A positive tie of a signed graph (sign +1).",
    ),
    RelationType(
        "negative_tie",
        label="negative tie",
        polarity=-1,
        directed=False,
        category="hostility",
        description="A negative tie of a signed graph (sign -1).",
    ),
    RelationType(
        "positive_tie_to",
        label="positive tie to",
        inverse_label="positive tie from",
        polarity=1,
        category="cooperation",
        description="A positive directed tie of a signed graph (sign +1).",
    ),
    RelationType(
        "negative_tie_to",
        label="negative tie to",
        inverse_label="negative tie from",
        polarity=-1,
        category="hostility",
        description="A negative directed tie of a signed graph (sign -1).",
    ),
)


def as_actor_graph(G: Any) -> ActorGraph:
    """``G`` as an :class:`~actorgraph.graph.ActorGraph`, for the functions that draw claims.

    An ActorGraph (or a view of one) is returned as it is. A signed networkx
    graph (``Graph``, ``DiGraph``, ``MultiGraph``, ``MultiDiGraph`` or a view;
    signs checked as in :func:`as_signed`) becomes an ActorGraph with an actor
    per node (id: the node as text; ``name`` and ``kind`` node attributes
    kept when they are text) and one claim per edge, of type
    ``positive_tie`` / ``negative_tie`` (``..._to`` for a directed graph),
    declared in a copy of the default vocabulary (see :data:`TIE_TYPES`).
    Parallel edges stay separate claims, so a pair with both signs is a
    complicated pair, as it would be in an ActorGraph.

    Parameters
    ----------
    G : ActorGraph or signed networkx graph
        The graph to draw.

    Returns
    -------
    ActorGraph
        ``G`` itself, or a new graph of the signed ties as claims.

    Raises
    ------
    ValidationError
        When ``G`` is neither, when a tie has no valid sign (every bad tie is
        named), or when two nodes have the same text.

    Examples
    --------
    >>> import networkx as nx
    >>> H = as_actor_graph(nx.Graph([("a", "b", {"sign": 1}), ("b", 3, {"sign": -1.0})]))
    >>> [(r.source, r.type, r.target) for r in H.relations()]
    [('a', 'positive_tie', 'b'), ('b', 'negative_tie', '3')]
    """
    if isinstance(G, ActorGraph):
        return G
    if not isinstance(G, nx.Graph):
        raise ValidationError(
            f"expected an ActorGraph or a signed networkx graph, got {type(G).__name__}"
        )
    check_ties(G)  # every sign, every bad tie named
    ids: dict[Any, str] = {}
    clash: dict[str, list[Any]] = {}
    for node in G.nodes:
        ids[node] = str(node)
        clash.setdefault(str(node), []).append(node)
    same = [
        f"{' and '.join(map(repr, nodes))} are both {text!r}"
        for text, nodes in clash.items()
        if len(nodes) > 1
    ]
    if same:
        raise ValidationError("nodes whose text is the same: " + "; ".join(same), same)
    voc = default_vocabulary()
    for t in TIE_TYPES:
        voc.add(t)
    H = ActorGraph(G.graph.get("name"), vocabulary=voc)
    for node, d in G.nodes(data=True):
        name, kind = d.get("name"), d.get("kind")
        H.add_actor(
            ids[node],
            name=name if isinstance(name, str) and name.strip() else None,
            kind=kind if isinstance(kind, str) and kind.strip() else None,
        )
    suffix = "_to" if G.is_directed() else ""
    for u, v, s in G.edges(data="sign"):
        kind_of = "positive_tie" if sign_value(s) == 1 else "negative_tie"
        H.add_relation(ids[u], kind_of + suffix, ids[v])
    return H
