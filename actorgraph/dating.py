"""Undated claims in time views: the ``undated=`` policy shared by every view of a date.

A claim with neither ``start`` nor ``end`` is *undated*: its sources say that it
holds, not when. Read as an open interval it would hold on every date ("the United
States designates HTS in 1990"), which no source says. Every time view
(:func:`~actorgraph.views.as_of`, :func:`~actorgraph.views.between`,
:func:`~actorgraph.views.diff`, :func:`~actorgraph.rollup.roll_up` at a date, and the
figures and pages built on them) takes one policy, :data:`~actorgraph.model.Undated`:

``"mark"`` (the default)
    Keep the claim, unchanged (no period is invented), and say so: the view's label
    counts the undated claims it shows, and figures draw them as "date unknown".
``"drop"``
    Leave undated claims out.
``"keep"``
    Take them to hold on every date (the open-ended reading), as an explicit assumption.
``"reported"``
    Take each to hold from the earliest date of its sources on
    (:attr:`Relation.reported_by <actorgraph.model.Relation.reported_by>`, the date by
    which it was reported), and leave out one whose sources carry no date.

This module sits below the questions and the views, so that both read the same rule.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from .exceptions import ValidationError
from .graph import OPEN_END, OPEN_START, ActorGraph
from .model import UNDATED_POLICIES, DateLike, PartialDate, Undated

__all__ = ["check_undated", "dated_view", "period_mask", "undated_mask"]


def check_undated(undated: object) -> Undated:
    """``undated`` when it is one of the policies; a clear error otherwise.

    Raises
    ------
    ValidationError
        When ``undated`` is not ``"mark"``, ``"drop"``, ``"keep"`` or ``"reported"``.

    Examples
    --------
    >>> check_undated("drop")
    'drop'
    >>> check_undated("never")
    Traceback (most recent call last):
    ...
    actorgraph.exceptions.ValidationError: undated must be one of 'mark', 'drop', ...
    """
    if not isinstance(undated, str) or undated not in UNDATED_POLICIES:
        choices = ", ".join(map(repr, UNDATED_POLICIES))
        raise ValidationError(f"undated must be one of {choices}, got {undated!r}")
    return undated  # type: ignore[return-value]


def undated_mask(G: ActorGraph) -> NDArray[np.bool_]:
    """Which relation slots of ``G`` hold an undated claim that ``G`` shows.

    Examples
    --------
    >>> import actorgraph as ag
    >>> G = ag.datasets.load("aleppo-2024")
    >>> ix = G.index()
    >>> "usa-designates-hts" in {r.id for r in ix.relations(np.flatnonzero(undated_mask(G)))}
    True
    """
    ix = G.index()
    first, last = ix.days(np.arange(ix.n_slots, dtype=np.intp))
    found: NDArray[np.bool_] = ix.mask() & (first == OPEN_START) & (last == OPEN_END)
    return found


def period_mask(
    G: ActorGraph,
    start: PartialDate,
    end: PartialDate,
    undated: Undated,
    und: NDArray[np.bool_] | None = None,
) -> tuple[NDArray[np.bool_], int]:
    """The slots active at some point from ``start`` to ``end`` under the policy.

    ``und`` is :func:`undated_mask` of ``G`` when the caller has it already.

    Returns
    -------
    mask : numpy array of bool
        One entry per relation slot.
    n_undated : int
        How many undated claims the mask keeps (before their actors are checked).

    Examples
    --------
    >>> import actorgraph as ag
    >>> G = ag.datasets.load("aleppo-2024")
    >>> d = PartialDate.parse("2016")
    >>> [int(period_mask(G, d, d, p)[0].sum()) for p in ("mark", "drop", "reported")]
    [15, 2, 2]
    """
    ix = G.index()
    mask = ix.mask(start, end)
    if und is None:
        und = undated_mask(G)
    if undated in ("keep", "mark"):
        return mask, int(np.count_nonzero(mask & und))
    mask &= ~und
    if undated == "drop":
        return mask, 0
    # "reported": an undated claim holds from the earliest date of its sources on
    slots = np.flatnonzero(und)
    n = 0
    for slot, rel in zip(slots.tolist(), ix.relations(slots), strict=True):
        seen = rel.reported_by
        if seen is not None and seen.lo <= end.hi:
            mask[slot] = True
            n += 1
    return mask, n


def dated_view(
    G: ActorGraph,
    start: DateLike,
    end: DateLike | None,
    undated: Undated,
    label: str,
) -> ActorGraph:
    """The read-only view of what held from ``start`` to ``end`` (``end=None``: on ``start``).

    Actors are kept when their existence period overlaps the dates; relations by
    :func:`period_mask`. With ``"mark"`` the label says how many undated claims the
    view shows.

    Examples
    --------
    >>> import actorgraph as ag
    >>> G = ag.datasets.load("aleppo-2024")
    >>> dated_view(G, "2016", None, "mark", "as of 2016")
    <ActorGraph 'aleppo-2024' view (as of 2016; 13 undated claims marked): 16 actors, 15 relations>
    """
    policy = check_undated(undated)
    s = PartialDate.parse(start)
    e = s if end is None else PartialDate.parse(end)
    if e.hi < s.lo:
        raise ValidationError(f"the period ends ({e}) before it starts ({s})")
    und = undated_mask(G)
    mask, n = period_mask(G, s, e, policy, und)
    actors = G.actors_active(s, e)
    if policy == "mark" and n:
        shown = _shown(G, np.flatnonzero(mask & und), actors)
        if shown:
            label += f"; {shown} undated claim{'s' if shown != 1 else ''} marked"
    return G.view(actors, mask, label)


def _shown(G: ActorGraph, slots: NDArray[np.intp], actors: list[str]) -> int:
    """How many of ``slots`` have both ends among ``actors`` (what the view will show)."""
    ix = G.index()
    present = np.zeros(ix.n_positions, dtype=np.bool_)
    present[[ix.position(a) for a in actors]] = True
    src, tgt = ix.ends(slots)
    return int(np.count_nonzero(present[src] & present[tgt]))
