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
from ..vocabulary import Vocabulary

__all__ = ["Complicated", "Rule", "as_signed", "check_types", "signed_graph"]

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
    problems = []
    if rule not in _RULES:
        problems.append(f"rule must be one of {', '.join(map(repr, _RULES))}, got {rule!r}")
    if complicated not in _COMPLICATED:
        problems.append(
            f"complicated must be one of {', '.join(map(repr, _COMPLICATED))}, got {complicated!r}"
        )
    if not isinstance(G, ActorGraph):
        problems.append(f"signed_graph needs an ActorGraph, got {type(G).__name__}")
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
    pairs: dict[tuple[str, str], list[tuple[Relation, int]]] = {}
    order = {a.id: i for i, a in enumerate(view.actors())}
    if signed_types:
        for r in view.relations(type=signed_types):
            if r.source == r.target:
                continue
            u, v = (
                (r.source, r.target) if order[r.source] < order[r.target] else (r.target, r.source)
            )
            pairs.setdefault((u, v), []).append((r, pol[r.type]))
    S: nx.Graph[str] = nx.Graph()
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


@shared_docs
def as_signed(G: ActorGraph | nx.Graph[Any], at: DateLike | None = None) -> nx.Graph[Any]:
    """``G`` as a signed :class:`networkx.Graph`: projected, or checked when already signed.

    An :class:`~actorgraph.graph.ActorGraph` goes through :func:`signed_graph`
    (default rules). A networkx graph must be undirected, not a multigraph,
    and have an edge attribute ``sign`` of +1 or -1 on every edge (any
    positive / negative number is read as its sign); every bad edge is
    listed in one :class:`~actorgraph.exceptions.ValidationError`.

    Parameters
    ----------
    G : ActorGraph or networkx.Graph
        The graph to project or to check.
    {at_signed}

    Returns
    -------
    networkx.Graph
        The signed graph: ``G`` itself when it is already clean, else a copy
        whose signs are exactly +1 or -1.

    Raises
    ------
    ValidationError
        When ``G`` is neither kind of graph, is directed or a multigraph, has
        an edge without a non-zero ``sign`` or a self-loop, or ``at`` comes
        with a networkx graph.

    Examples
    --------
    >>> import networkx as nx
    >>> S = as_signed(nx.Graph([("a", "b", {"sign": -2})]))
    >>> S.edges["a", "b"]["sign"]
    -1
    """
    if isinstance(G, ActorGraph):
        return signed_graph(G, at=at)
    if not isinstance(G, nx.Graph):
        raise ValidationError(
            f"expected an ActorGraph or a signed networkx.Graph, got {type(G).__name__}"
        )
    problems: list[str] = []
    if at is not None:
        problems.append("at= needs an ActorGraph; a networkx graph has no dates")
    if G.is_directed() or G.is_multigraph():
        problems.append(
            "a signed graph must be an undirected nx.Graph (not directed, not a multigraph); "
            "use signed_graph() to collapse claims into ties"
        )
    if problems:
        raise ValidationError("; ".join(problems), problems)
    fixes: list[tuple[Any, Any, int]] = []
    for u, v, d in G.edges(data=True):
        s = d.get("sign")
        if isinstance(s, bool) or not isinstance(s, int | float) or s != s or s == 0:
            problems.append(f"edge ({u!r}, {v!r}): sign must be +1 or -1, got {s!r}")
        elif u == v:
            problems.append(f"edge ({u!r}, {v!r}): a self-loop cannot be a signed tie")
        elif s not in (1, -1) or not isinstance(s, int):
            fixes.append((u, v, 1 if s > 0 else -1))
    if problems:
        head = f"{len(problems)} bad edge(s) in the signed graph: " + "; ".join(problems[:5])
        if len(problems) > 5:
            head += f"; ... and {len(problems) - 5} more"
        raise ValidationError(head, problems)
    if fixes:
        G = G.copy()
        for u, v, s in fixes:
            G.edges[u, v]["sign"] = s
    return G
