"""Lint a graph: :func:`validate` returns every :class:`Finding`, each with a stable code."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ._docstrings import shared_docs
from .graph import ActorGraph
from .model import Relation, match_key
from .quotes import Archives, QuoteCheck, check_quotes

__all__ = ["Finding", "validate"]


@dataclass(frozen=True, slots=True)
class Finding:
    """One finding of :func:`validate` or :func:`merge`.

    ``code`` is stable (for filtering), ``severity`` is ``"error"``,
    ``"warning"`` or ``"info"``.
    """

    code: str
    message: str
    severity: str = "warning"
    actors: tuple[str, ...] = ()
    relations: tuple[str, ...] = ()

    def __str__(self) -> str:
        return f"{self.severity}: {self.code}: {self.message}"

    def to_dict(self) -> dict[str, Any]:
        """The finding as plain data: what ``actorgraph validate --json`` prints for it.

        Returns
        -------
        dict
            ``severity``, ``code``, ``message``, ``actors`` and ``relations``
            (lists of ids).

        Examples
        --------
        >>> Finding("unsourced", "'r1' cites no source", relations=("r1",)).to_dict()
        ... # doctest: +NORMALIZE_WHITESPACE
        {'severity': 'warning', 'code': 'unsourced', 'message': "'r1' cites no source",
         'actors': [], 'relations': ['r1']}
        """
        return {
            "severity": self.severity,
            "code": self.code,
            "message": self.message,
            "actors": list(self.actors),
            "relations": list(self.relations),
        }


@shared_docs
def validate(G: ActorGraph, *, archives: Archives | None = None) -> list[Finding]:
    """Lint a graph; returns every finding (an empty list when all is well).

    Codes:

    * ``contradiction`` — cooperative and hostile claims on the same pair in
      overlapping periods (often real, "complicated", but worth a look);
    * ``duplicate-claim`` — the same source, type, target and period twice;
    * ``unsourced`` — a claim with no source;
    * ``outside-existence`` — a claim active only when one of its actors did
      not exist;
    * ``ambiguous-name`` — a name or alias that finds several actors;
    * ``self-relation`` — an actor related to itself;
    * ``isolated`` — an actor with no relations;
    * ``placeholder-quote`` — a quote that stands in for one (``"..."``, ``"TODO"``);
    * ``quote-not-found`` — a quote that is not in its source's archived text (the
      message gives the closest passage); with ``archives`` only;
    * ``archive-not-found`` (warning) / ``archive-changed`` (error) — a source's archive
      is missing (its quotes go unchecked), or does not match its checksum; with
      ``archives`` only.

    An end before a start cannot occur: relations and actors refuse it when
    they are made.

    Parameters
    ----------
    {G_view}
    archives : path or mapping, optional
        The folder the sources' ``archive`` paths are relative to (the data file's
        folder), or a mapping of archive names to texts: each quote is looked up in
        its archive (see :func:`~actorgraph.quotes.check_quotes`). Default: quotes are
        only checked for placeholders.

    Returns
    -------
    list of Finding
        Every finding, each with its code, severity (``"error"``,
        ``"warning"`` or ``"info"``) and the actors and relations concerned.

    See Also
    --------
    merge : Reports conflicts as findings too.

    Examples
    --------
    >>> G = ActorGraph(); _ = G.add_actor("a"); _ = G.add_actor("b"); _ = G.add_actor("c")
    >>> _ = G.add_relation("a", "supports", "b")
    >>> sorted(f.code for f in validate(G))
    ['isolated', 'unsourced']

    The bundled dataset ships the article it was built from; every quote is in it:

    >>> import actorgraph as ag
    >>> folder = ag.datasets.path("aleppo-2024").parent
    >>> [f for f in validate(ag.datasets.load("aleppo-2024"), archives=folder) if "quote" in f.code]
    []
    """
    rels = G.relations()
    voc = G.vocabulary
    out: list[Finding] = []
    pairs: dict[frozenset[str], list[Relation]] = {}
    seen: dict[tuple[object, ...], str] = {}
    for r in rels:
        pairs.setdefault(frozenset((r.source, r.target)), []).append(r)
        sig: tuple[object, ...] = (r.source, r.type, r.target, r.start, r.end, r.asserted_by)
        if not voc[r.type].directed:
            sig = (tuple(sorted((r.source, r.target))), r.type, r.start, r.end, r.asserted_by)
        if sig in seen:
            out.append(
                Finding(
                    "duplicate-claim",
                    f"{r.id!r} repeats {seen[sig]!r} ({r.source} {r.type} {r.target}); "
                    "join their sources",
                    "warning",
                    (r.source, r.target),
                    (seen[sig], r.id),
                )
            )
        else:
            seen[sig] = r.id
        out += _claim_findings(G, r)
    for pair, prs in pairs.items():
        out += _contradictions(G, pair, prs)
    out += _ambiguous_names(G)
    out += _quote_findings(check_quotes(G, archives))
    linked = {x for r in rels for x in (r.source, r.target)}
    out += [
        Finding("isolated", f"{a.id!r} has no relations", "info", (a.id,))
        for a in G.actors()
        if a.id not in linked
    ]
    return out


def _claim_findings(G: ActorGraph, r: Relation) -> list[Finding]:
    """What one claim shows on its own: no source, a self-relation, outside existence."""
    out: list[Finding] = []
    if not r.sources:
        out.append(Finding("unsourced", f"{r.id!r} cites no source", "warning", (), (r.id,)))
    if r.source == r.target:
        out.append(
            Finding(
                "self-relation",
                f"{r.id!r} relates {r.source!r} to itself",
                "warning",
                (r.source,),
                (r.id,),
            )
        )
    for end in (r.source, r.target):
        a = G.actor(end)
        starts = [x.lo for x in (r.start, a.start) if x is not None]
        ends = [x.hi for x in (r.end, a.end) if x is not None]
        if starts and ends and min(ends) < max(starts):
            out.append(
                Finding(
                    "outside-existence",
                    f"{r.id!r} ({r.start or '…'} to {r.end or '…'}) lies outside the "
                    f"existence of {a.id!r} ({a.start or '…'} to {a.end or '…'})",
                    "error",
                    (a.id,),
                    (r.id,),
                )
            )
    return out


def _contradictions(G: ActorGraph, pair: frozenset[str], rels: list[Relation]) -> list[Finding]:
    """One finding when the pair has cooperative and hostile claims that overlap in time."""
    voc = G.vocabulary
    pos = [r for r in rels if voc[r.type].polarity > 0]
    neg = [r for r in rels if voc[r.type].polarity < 0]
    clash = [(p, n) for p in pos for n in neg if p.overlaps(n)]
    if not clash:
        return []
    p, n = clash[0]
    return [
        Finding(
            "contradiction",
            f"{' and '.join(sorted(pair))} have cooperative ({p.id!r}) and hostile "
            f"({n.id!r}) claims in overlapping periods",
            "info",
            tuple(sorted(pair)),
            tuple(dict.fromkeys(x.id for pn in clash for x in pn)),
        )
    ]


def _ambiguous_names(G: ActorGraph) -> list[Finding]:
    """One finding per name or alias (by match key) that finds several actors."""
    keys: dict[str, set[str]] = {}
    for a in G.actors():
        for key in {match_key(x) for x in (a.id, *a.names)}:
            keys.setdefault(key, set()).add(a.id)
    return [
        Finding(
            "ambiguous-name",
            f"the name {k!r} finds the actors {', '.join(sorted(ids))}",
            "warning",
            tuple(sorted(ids)),
        )
        for k, ids in keys.items()
        if len(ids) > 1
    ]


_QUOTE_CODES = {
    "placeholder": "placeholder-quote",
    "missing": "quote-not-found",
    "archive-not-found": "archive-not-found",
    "archive-changed": "archive-changed",
}


def _quote_findings(checks: list[QuoteCheck]) -> list[Finding]:
    """One finding per bad quote, and one per missing or changed archive (all its claims)."""
    out: list[Finding] = []
    by_archive: dict[tuple[str, str | None], list[str]] = {}
    for c in checks:
        if c.status in ("placeholder", "missing"):
            out.append(Finding(_QUOTE_CODES[c.status], str(c), "error", (), (c.relation,)))
        elif c.status in ("archive-not-found", "archive-changed"):
            by_archive.setdefault((c.status, c.archive), []).append(c.relation)
    for (status, archive), rels in by_archive.items():
        ids = tuple(dict.fromkeys(rels))
        n = len(ids)
        if status == "archive-not-found":
            # the quotes go unchecked (a data file copied without its archive): a warning
            text = f"the archive {archive!r} is not there: {n} claim(s) have unchecked quotes"
            out.append(Finding("archive-not-found", text, "warning", (), ids))
        else:
            text = f"the archive {archive!r} does not match its checksum ({n} claim(s) cite it)"
            out.append(Finding("archive-changed", text, "error", (), ids))
    return out
