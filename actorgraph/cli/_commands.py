"""One function per command: read the arguments, call the library, print the answer.

Each takes the parsed arguments and returns the exit code; errors propagate to
:func:`actorgraph.cli.main`, which prints them as one line each.
"""

from __future__ import annotations

import argparse
import io
import os
import warnings
from collections.abc import Callable
from typing import Any

from .. import query
from ..exceptions import ActorGraphError, Problem, SchemaError
from ..lint import validate
from ..report import compare, describe
from ..views import as_of, diff
from ._io import STDIO, load_source, output_format, write_graph
from ._output import (
    UsageError,
    dump_json,
    echo,
    error_message,
    show_balance,
    show_changes,
    show_info,
    table,
)

__all__ = ["COMMANDS", "FIGURE_KINDS", "MAX_LISTED_PROBLEMS", "QUESTIONS"]

#: The questions ``query`` answers with a list of actors, by name.
QUESTIONS: dict[str, Callable[..., list[query.Related]]] = {
    "supporters": query.supporters,
    "supported_by": query.supported_by,
    "opponents": query.opponents,
    "designators": query.designators,
    "designated_by": query.designated_by,
    "allies": query.allies,
    "adversaries": query.adversaries,
    "neighbors": query.neighbors,
}
#: The kinds of diagram ``draw`` makes.
FIGURE_KINDS = ("network", "ego", "matrix", "timeline", "snapshots")
_FIGURE_SUFFIXES = (".png", ".svg", ".pdf")
#: How many import problems are listed before the rest are counted.
MAX_LISTED_PROBLEMS = 100


def _one_stdin(*sources: str | None) -> None:
    if sum(s == STDIO for s in sources) > 1:
        raise UsageError("standard input (-) can be read only once")


def cmd_info(args: argparse.Namespace) -> int:
    """``info SOURCE``: counts by actor kind and relation type, period, sources."""
    G = load_source(args.source, format=args.format)
    if args.at:
        G = as_of(G, args.at)
    info = describe(G).to_dict()
    if args.json:
        dump_json(info)
    else:
        show_info(info, args.at)
    return 0


def cmd_query(args: argparse.Namespace) -> int:
    """``query SOURCE QUESTION ACTOR``: the actors that answer, with the claims behind them."""
    G = load_source(args.source, format=args.format)
    if args.question == "lineage":
        lin = query.lineage(G, args.actor, at=args.at)
        if args.json:
            dump_json(lin.to_dict()["actors"])
        else:
            echo(lin)
        return 0
    if args.question == "relations":
        a = G.actor(args.actor).id
        rels = [r for r in G.relations(at=args.at) if a in (r.source, r.target)]
        if args.json:
            dump_json([r.to_dict() for r in rels])
        elif not rels:
            echo("(none)")
        else:
            table(
                [
                    (r.id, r.source, r.type, r.target, r.start or "…", r.end or "…", r.status)
                    for r in rels
                ],
                ["id", "source", "type", "target", "start", "end", "status"],
            )
        return 0
    found = QUESTIONS[args.question](G, args.actor, at=args.at)
    if args.json:
        dump_json([x.to_dict() for x in found])
        return 0
    if not found:
        echo("(none)")
    for x in found:
        echo(x)
        for r in x.relations:
            src = "; ".join(str(s) for s in r.sources) or "no source"
            echo(f"    {r.id}: {src}")
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    """``validate FILE...``: schema problems and lint findings, one per line."""
    _one_stdin(*args.files)
    bad = errors = warned = 0
    report: list[dict[str, Any]] = []
    for f in args.files:
        entry: dict[str, Any] = {"file": f, "problems": [], "findings": []}
        report.append(entry)
        try:
            G = load_source(f, format=args.format)
        except SchemaError as err:
            entry["problems"] = [str(p) for p in err.problems]
        except (ActorGraphError, OSError) as err:  # missing, a folder, unreadable...
            entry["problems"] = [error_message(err)]
        if entry["problems"]:
            if not args.json:
                for line in entry["problems"]:
                    echo(line, err=True)
            bad += 1
            continue
        for finding in validate(G):
            entry["findings"].append(finding.to_dict())
            if not args.json:
                echo(f"{f}: {finding}", err=True)
            errors += finding.severity == "error"
            warned += finding.severity != "error"
            bad += finding.severity == "error" or args.strict
    if args.json:
        dump_json(report)
    else:
        n = len(args.files)
        unread = sum(bool(e["problems"]) for e in report)
        echo(
            f"{n} file{'s' if n > 1 else ''} checked: "
            + (f"{unread} unreadable, " if unread else "")
            + f"{errors} error{'s' if errors != 1 else ''}, "
            + f"{warned} warning{'s' if warned != 1 else ''}"
        )
    return 1 if bad else 0


def _dates(values: list[str] | None) -> list[str]:
    return [d.strip() for v in values or () for d in v.split(",") if d.strip()]


def _draw_checks(args: argparse.Namespace) -> tuple[str, list[str], str | None]:
    """The figure's suffix, the dates and the one date: bad usage fails before any work."""
    suffix = os.path.splitext(args.output)[1].lower()
    if args.output == STDIO:
        raise UsageError("draw writes a figure file, not standard output: -o NAME.png|.svg|.pdf")
    if suffix not in _FIGURE_SUFFIXES:
        raise UsageError(
            f"{args.output}: the output's suffix picks the format; use one of "
            f"{', '.join(_FIGURE_SUFFIXES)}"
        )
    if args.kind == "ego" and not args.actor:
        raise UsageError("--kind ego needs --actor (the actor in the centre)")
    dates = _dates(args.at)
    if args.kind == "snapshots":
        if not dates:
            raise UsageError("--kind snapshots needs dates, one per panel: --at D1,D2,...")
    elif len(dates) > 1:
        raise UsageError(f"--kind {args.kind} draws one date; give --at once")
    at = dates[0] if dates and args.kind != "snapshots" else None
    return suffix, dates, at


def cmd_draw(args: argparse.Namespace) -> int:
    """``draw SOURCE -o OUT``: a diagram to PNG, SVG or PDF."""
    suffix, dates, at = _draw_checks(args)
    import matplotlib

    matplotlib.use("Agg")  # the command line never opens a window
    import matplotlib.pyplot as plt

    from .. import plotting
    from ..readwrite._atomic import atomic_write_bytes

    G = load_source(args.source, format=args.format)
    title = args.title
    if title is None:
        base = str(G.attrs.get("title") or G.name or os.path.basename(args.source))
        title = base if at is None else f"{base}, as of {at}"
    plt.close("all")
    if args.kind == "snapshots":
        fig = plotting.plot_snapshots(G, dates, title=title, seed=args.seed)
    else:
        if args.kind == "network":
            ax = plotting.plot_network(G, at=at, title=title, seed=args.seed)
        elif args.kind == "ego":
            ax = plotting.plot_ego(G, args.actor, at=at, radius=args.radius, title=args.title)
        elif args.kind == "matrix":
            ax = plotting.plot_matrix(G, at=at, title=title)
        else:
            actors = [args.actor] if args.actor else None
            ax = plotting.plot_timeline(G, actors=actors, title=title)
        root = ax.get_figure(root=True)
        assert root is not None
        fig = root
    buffer = io.BytesIO()
    fig.savefig(buffer, format=suffix[1:], dpi=args.dpi, bbox_inches="tight", pad_inches=0.25)
    plt.close(fig)
    atomic_write_bytes(args.output, buffer.getvalue())
    echo(f"wrote {args.output}")
    return 0


def cmd_convert(args: argparse.Namespace) -> int:
    """``convert IN OUT``: any readable format to any writable one."""
    output_format(args.output, args.to_format)  # bad usage fails before reading
    try:
        G = load_source(args.input, format=args.from_format)
    except UsageError as err:
        raise UsageError(str(err).replace("--format FORMAT", "--from FORMAT")) from err
    name = write_graph(G, args.output, args.to_format)
    if args.output != STDIO:
        echo(f"wrote {args.output} ({name}): {len(G)} actors, {G.number_of_relations()} relations")
    return 0


#: Import options and the datasets whose reader takes them.
_IMPORT_OPTIONS: dict[str, tuple[str, tuple[str, ...]]] = {
    "period": ("--period", ("acled", "gdelt")),
    "no_assoc": ("--no-assoc", ("acled",)),
    "no_event_ids": ("--no-event-ids", ("acled", "gdelt")),
    "actor_key": ("--actor-key", ("gdelt",)),
    "actor_column": ("--actor-column", ("ucdp",)),
    "supporter_column": ("--supporter-column", ("ucdp",)),
    "no_merge_years": ("--no-merge-years", ("ucdp",)),
}


def _import_options(args: argparse.Namespace) -> dict[str, Any]:
    """The reader's keyword arguments; an option the reader does not take is bad usage."""
    for dest, (flag, readers) in _IMPORT_OPTIONS.items():
        if getattr(args, dest) not in (None, False) and args.dataset not in readers:
            raise UsageError(f"{flag} is for {' and '.join(readers)}, not {args.dataset}")
    options: dict[str, Any] = {"strict": args.strict}
    if args.name:
        options["name"] = args.name
    if args.vocabulary:
        from ..vocabulary import Vocabulary

        options["vocabulary"] = Vocabulary.from_file(args.vocabulary)
    if args.dataset == "ucdp":
        if len(args.paths) != 1:
            raise UsageError("import ucdp reads one file")
        options["merge_years"] = not args.no_merge_years
        for dest in ("actor_column", "supporter_column"):
            if getattr(args, dest):
                options[dest] = getattr(args, dest)
        return options
    options["progress"] = False
    options["period"] = None if args.period == "none" else args.period or "year"
    options["event_ids"] = not args.no_event_ids
    if args.dataset == "acled":
        options["assoc"] = not args.no_assoc
    elif args.actor_key:
        options["actor_key"] = args.actor_key
    return options


def cmd_import(args: argparse.Namespace) -> int:
    """``import acled|gdelt|ucdp PATH... -o OUT``: event data aggregated into relations."""
    from .. import importers

    if STDIO in args.paths:
        raise UsageError("import reads files, not standard input; save the export first")
    if args.json and args.output == STDIO:
        raise UsageError("--json and -o - would both print to standard output; pick one")
    output_format(args.output, args.to_format)
    options = _import_options(args)
    missing = [p for p in args.paths if not any(c in p for c in "*?[") and not os.path.exists(p)]
    if missing:
        raise SchemaError([Problem("no such file", p) for p in missing])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", importers.ImportProblemsWarning)
        if args.dataset == "acled":
            G = importers.read_acled(args.paths, **options)
        elif args.dataset == "gdelt":
            G = importers.read_gdelt(args.paths, **options)
        else:
            G = importers.read_ucdp_esd(args.paths[0], **options)
    report = importers.import_report(G)
    if not args.json:
        for p in report.problems[:MAX_LISTED_PROBLEMS]:
            echo(f"skipped: {p}", err=True)
        if len(report.problems) > MAX_LISTED_PROBLEMS:
            more = len(report.problems) - MAX_LISTED_PROBLEMS
            echo(f"skipped: ... and {more} more problems (see --strict)", err=True)
    name = write_graph(G, args.output, args.to_format)
    if args.json:
        dump_json({"output": args.output, "format": name, **report.to_dict()})
        return 0
    summary = (
        f"{report.rows} rows read, {report.rows_used} used: {len(G)} actors, "
        f"{G.number_of_relations()} relations"
    )
    echo(summary if args.output == STDIO else f"wrote {args.output}: {summary}", err=True)
    return 0


def cmd_diff(args: argparse.Namespace) -> int:
    """``diff SOURCE --from DATE --to DATE`` or ``diff OLD NEW``: what changed."""
    if args.other is None:
        if not (args.date_from and args.date_to):
            raise UsageError("diff needs --from DATE --to DATE, or two files: diff OLD NEW")
        G = load_source(args.source, format=args.format)
        d = diff(G, args.date_from, args.date_to)
        if args.json:
            dump_json(d.to_dict())
        else:
            echo(d.summary())
        return 0
    if args.date_from or args.date_to:
        raise UsageError("diff OLD NEW compares two files; --from/--to compare two dates of one")
    _one_stdin(args.source, args.other)
    old = load_source(args.source, format=args.format)
    new = load_source(args.other, format=args.format)
    found = compare(old, new).to_dict()
    if args.json:
        dump_json(found)
    else:
        show_changes(found, args.source, args.other)
    return 0


def cmd_balance(args: argparse.Namespace) -> int:
    """``balance SOURCE``: structural balance of the signed ties."""
    from ..signed import balance

    G = load_source(args.source, format=args.format)
    exact = True if args.exact else None
    r = balance(G, at=args.at, exact=exact, time_limit=args.time_limit)
    if args.json:
        dump_json(r.to_dict())
    else:
        show_balance(r, f"{G.name or args.source}" + (f", as of {args.at}" if args.at else ""))
    return 0


#: The function of each command.
COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "info": cmd_info,
    "validate": cmd_validate,
    "query": cmd_query,
    "draw": cmd_draw,
    "convert": cmd_convert,
    "import": cmd_import,
    "diff": cmd_diff,
    "balance": cmd_balance,
}
