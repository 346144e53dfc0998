"""The ``actorgraph`` command line: a thin layer over the library.

Exit codes: 0 success, 1 bad data (a file with problems, an unknown actor),
2 bad usage. Errors are one line per problem, never a traceback (``--debug``
shows it).
"""

from __future__ import annotations

import argparse
import io
import json
import os
import sys
from collections import Counter
from collections.abc import Sequence
from typing import Any

from . import __version__, datasets, query
from .exceptions import ActorGraphError, SchemaError
from .graph import ActorGraph

__all__ = ["load_source", "main"]


def load_source(source: str) -> ActorGraph:
    """A bundled dataset by name, or a file read by its suffix.

    Examples
    --------
    >>> load_source("aleppo-2024").name
    'aleppo-2024'
    """
    from .readwrite import read

    if source in datasets.names() and not os.path.exists(source):
        return datasets.load(source)
    if not os.path.exists(source):
        raise FileNotFoundError(
            f"{source}: no such file, and no bundled dataset of that name "
            f"(bundled: {', '.join(datasets.names())})"
        )
    return read(source)


def _info(G: ActorGraph) -> dict[str, Any]:
    start, end = G.period()
    kinds = Counter(a.kind or "(none)" for a in G.actors())
    types = Counter(r.type for r in G.relations())
    cited: Counter[str] = Counter()
    for r in G.relations():
        for s in {s.document for s in r.sources}:
            cited[str(s)] += 1
    return {
        "name": G.name,
        "actors": len(G),
        "relations": G.number_of_relations(),
        "period": [str(start) if start else None, str(end) if end else None],
        "kinds": dict(kinds.most_common()),
        "types": dict(types.most_common()),
        "sources": dict(cited.most_common()),
    }


def _print_info(info: dict[str, Any]) -> None:
    p0, p1 = info["period"]
    print(
        f"{info['name'] or '(unnamed graph)'}: {info['actors']} actors, "
        f"{info['relations']} relations, {p0 or '…'} to {p1 or '…'}"
    )
    for title, key in (
        ("actor kinds", "kinds"),
        ("relation types", "types"),
        ("sources (relations citing)", "sources"),
    ):
        print(f"\n{title}:")
        width = max((len(k) for k in info[key]), default=0)
        for k, n in info[key].items():
            print(f"  {k:<{width}}  {n:>4}")


_QUESTIONS = {
    "supporters": query.supporters,
    "supported_by": query.supported_by,
    "opponents": query.opponents,
    "designators": query.designators,
    "designated_by": query.designated_by,
    "allies": query.allies,
    "adversaries": query.adversaries,
    "neighbors": query.neighbors,
}


def _cmd_query(args: argparse.Namespace) -> int:
    G = load_source(args.source)
    if args.question == "lineage":
        lin = query.lineage(G, args.actor, at=args.at)
        if args.json:
            print(json.dumps([a.id for a in lin], ensure_ascii=False))
        else:
            print(lin)
        return 0
    if args.question == "relations":
        a = G.actor(args.actor).id
        rels = [r for r in G.relations(at=args.at) if a in (r.source, r.target)]
        if args.json:
            print(json.dumps([r.id for r in rels], ensure_ascii=False))
        for r in rels if not args.json else ():
            print(f"{r}  ({r.id})")
        return 0
    found = _QUESTIONS[args.question](G, args.actor, at=args.at)
    if args.json:
        print(
            json.dumps(
                [
                    {
                        "actor": x.actor.id,
                        "name": x.actor.name,
                        "relations": [r.id for r in x.relations],
                    }
                    for x in found
                ],
                ensure_ascii=False,
                indent=2,
            )
        )
        return 0
    if not found:
        print("(none)")
    for x in found:
        print(x)
        for r in x.relations:
            src = "; ".join(str(s) for s in r.sources) or "no source"
            print(f"    {r.id}: {src}")
    return 0


def _cmd_validate(args: argparse.Namespace) -> int:
    bad = 0
    for f in args.files:
        try:
            G = load_source(f)
        except SchemaError as err:
            for p in err.problems:
                print(str(p), file=sys.stderr)
            bad += 1
            continue
        for finding in query.validate(G):
            print(f"{f}: {finding}")
            bad += finding.severity == "error"
    return 1 if bad else 0


_FIGURE_SUFFIXES = (".png", ".svg", ".pdf")
_KINDS = ("network", "ego", "matrix", "timeline")


class _UsageError(Exception):
    """Bad command-line usage (exit code 2)."""


def _cmd_draw(args: argparse.Namespace) -> int:
    suffix = os.path.splitext(args.output)[1].lower()
    if suffix not in _FIGURE_SUFFIXES:
        raise _UsageError(
            f"{args.output}: the output's suffix picks the format; use one of "
            f"{', '.join(_FIGURE_SUFFIXES)}"
        )
    if args.kind == "ego" and not args.actor:
        raise _UsageError("--kind ego needs --actor (the actor in the centre)")
    import matplotlib

    matplotlib.use("Agg")  # the command line never opens a window
    import matplotlib.pyplot as plt

    from . import plotting
    from .readwrite._atomic import atomic_write_bytes

    G = load_source(args.source)
    title = args.title
    if title is None:
        base = str(G.attrs.get("title") or G.name or os.path.basename(args.source))
        title = base if args.at is None else f"{base}, as of {args.at}"
    plt.close("all")
    if args.kind == "network":
        ax = plotting.plot_network(G, at=args.at, title=title, seed=args.seed)
    elif args.kind == "ego":
        ax = plotting.plot_ego(G, args.actor, at=args.at, radius=args.radius, title=args.title)
    elif args.kind == "matrix":
        ax = plotting.plot_matrix(G, at=args.at, title=title)
    else:
        actors = [args.actor] if args.actor else None
        ax = plotting.plot_timeline(G, actors=actors, title=title)
    fig = ax.get_figure(root=True)
    assert fig is not None
    buffer = io.BytesIO()
    fig.savefig(buffer, format=suffix[1:], dpi=args.dpi, bbox_inches="tight", pad_inches=0.25)
    plt.close(fig)
    atomic_write_bytes(args.output, buffer.getvalue())
    print(f"wrote {args.output}")
    return 0


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="actorgraph",
        description="Sourced, time-aware actor graphs: who does what to whom.",
    )
    p.add_argument("--version", action="version", version=f"actorgraph {__version__}")
    p.add_argument("--debug", action="store_true", help="show tracebacks")
    sub = p.add_subparsers(dest="command", required=True)

    info = sub.add_parser("info", help="summarise a dataset or file")
    info.add_argument("source", help="a bundled dataset name or a file")
    info.add_argument("--at", help="summarise the graph as of a date")
    info.add_argument("--json", action="store_true")

    val = sub.add_parser("validate", help="check files and lint their graphs")
    val.add_argument("files", nargs="+")

    q = sub.add_parser("query", help="ask who supports, opposes, designates... an actor")
    q.add_argument("source")
    q.add_argument("question", choices=[*sorted(_QUESTIONS), "lineage", "relations"])
    q.add_argument("actor")
    q.add_argument("--at", help="a date: YYYY, YYYY-MM or YYYY-MM-DD")
    q.add_argument("--json", action="store_true")

    d = sub.add_parser("draw", help="draw a diagram to PNG, SVG or PDF")
    d.add_argument("source", help="a bundled dataset name or a file")
    d.add_argument("-o", "--output", required=True, help="the figure file; .png, .svg or .pdf")
    d.add_argument("--kind", choices=_KINDS, default="network", help="the kind of diagram")
    d.add_argument("--actor", help="the actor in the centre (ego) or to follow (timeline)")
    d.add_argument("--at", help="draw the graph as of a date: YYYY, YYYY-MM or YYYY-MM-DD")
    d.add_argument("--title", help="the figure's title (default: the graph's name)")
    d.add_argument("--radius", type=int, default=1, help="hops out from --actor (ego)")
    d.add_argument("--seed", type=int, default=0, help="layout seed (network)")
    d.add_argument("--dpi", type=int, default=200, help="resolution of PNG output")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = _parser().parse_args(argv)
    try:
        if args.command == "info":
            G = load_source(args.source)
            if args.at:
                G = query.as_of(G, args.at)
            data = _info(G)
            if args.json:
                print(json.dumps(data, ensure_ascii=False, indent=2))
            else:
                _print_info(data)
            return 0
        if args.command == "validate":
            return _cmd_validate(args)
        if args.command == "draw":
            return _cmd_draw(args)
        return _cmd_query(args)
    except _UsageError as err:
        print(f"actorgraph: {err}", file=sys.stderr)
        return 2
    except SchemaError as err:
        if args.debug:
            raise
        for prob in err.problems:
            print(f"actorgraph: {prob}", file=sys.stderr)
        return 1
    except (ActorGraphError, FileNotFoundError, IsADirectoryError, PermissionError) as err:
        if args.debug:
            raise
        print(f"actorgraph: {err}", file=sys.stderr)
        return 1
