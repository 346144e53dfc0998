"""One function per command: read the arguments, call the library, print the answer.

Each takes the parsed arguments and returns the exit code; errors propagate to
:func:`actorgraph.cli.main`, which prints them as one line each.
"""

from __future__ import annotations

import argparse
import dataclasses
import io
import os
import warnings
from collections.abc import Callable
from typing import Any, cast

from .. import query
from ..exceptions import ActorGraphError, Problem, SchemaError
from ..graph import ActorGraph
from ..lint import validate
from ..model import Undated
from ..quotes import Archives
from ..readwrite import format_of
from ..report import compare, describe
from ..rollup import roll_up
from ..views import as_of, diff
from ._io import (
    FOREIGN_OPTIONS,
    HTML_OPTIONS,
    STDIO,
    cli_words,
    html_options,
    load_source,
    output_format,
    write_graph,
)
from ._output import (
    UsageError,
    dump_json,
    echo,
    error_message,
    show_answers,
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
FIGURE_KINDS = ("network", "ego", "matrix", "timeline", "snapshots", "balance")
_FIGURE_SUFFIXES = (".png", ".svg", ".pdf")
#: How many import problems are listed before the rest are counted.
MAX_LISTED_PROBLEMS = 100


def _one_stdin(*sources: str | None) -> None:
    if sum(s == STDIO for s in sources) > 1:
        raise UsageError("standard input (-) can be read only once")


def cmd_info(args: argparse.Namespace) -> int:
    """``info SOURCE``: counts by actor kind and relation type, period, sources."""
    undated = _undated(args)
    options = {k: getattr(args, k) for k in FOREIGN_OPTIONS}
    if args.columns:
        return _show_columns(args, options)
    G = _converted(lambda: load_source(args.source, format=args.format, options=options))
    if args.at:
        G = as_of(G, args.at, undated=undated)
    info = describe(G).to_dict()
    if args.json:
        dump_json(info)
    else:
        show_info(info, args.at)
    return 0


def cmd_query(args: argparse.Namespace) -> int:
    """``query SOURCE QUESTION ACTOR``: the actors that answer, with the claims behind them."""
    undated = _undated(args)
    if args.undated is not None and args.question == "lineage":
        raise UsageError("--undated is for the other questions: lineage has no undated policy")
    G = load_source(args.source, format=args.format)
    rolled = bool(getattr(args, "roll_up", False))
    if args.question == "lineage":
        lin = query.lineage(G, args.actor, at=args.at)
        if args.json:
            dump_json(lin.to_dict()["actors"])
        else:
            echo(lin)
        return 0
    if args.question == "relations":
        a = query.find_actor(G, args.actor).id
        if rolled:
            G = roll_up(G, at=args.at, undated=undated)
        held = G if args.at is None else as_of(G, args.at, undated=undated)
        rels = [r for r in held.relations() if a in (r.source, r.target)]
        if args.json:
            dump_json([r.to_dict() for r in rels])
        elif not rels:
            echo("(none)")
        else:
            name = {x.id: x.name for x in G.actors()}
            table(
                [
                    (
                        r.id,
                        name.get(r.source, r.source),
                        r.type,
                        name.get(r.target, r.target),
                        r.start or ("date unknown" if r.undated else "…"),
                        r.end or "…",
                        r.status,
                    )
                    for r in rels
                ],
                ["id", "source", "type", "target", "start", "end", "status"],
            )
        return 0
    found = QUESTIONS[args.question](G, args.actor, at=args.at, undated=undated, roll_up=rolled)
    if args.json:
        dump_json([x.to_dict() for x in found])
        return 0
    show_answers(G, found)
    return 0


def _undated(args: argparse.Namespace) -> Undated:
    """The ``--undated`` policy; it says what happens as of a date, so it needs ``--at``."""
    if args.undated is not None and not args.at:
        raise UsageError("--undated says how claims without dates count as of a date: give --at")
    return cast("Undated", args.undated or "mark")


def _archives(source: str) -> Archives | None:
    """Where the archives of a file's sources are: the file's folder, or the dataset's."""
    from .. import datasets

    if source == STDIO:
        return os.getcwd()
    if source in datasets.names() and not os.path.exists(source):
        return datasets.path(source).parent
    return os.path.dirname(os.path.abspath(source))


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
        archives = args.archives if getattr(args, "archives", None) else _archives(f)
        for finding in validate(G, archives=archives):
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
    if args.kind in ("snapshots", "balance"):
        if not dates:
            what = "one per panel" if args.kind == "snapshots" else "one point per date"
            raise UsageError(f"--kind {args.kind} needs dates, {what}: --at D1,D2,...")
    elif len(dates) > 1:
        raise UsageError(f"--kind {args.kind} draws one date; give --at once")
    at = dates[0] if dates and args.kind not in ("snapshots", "balance") else None
    return suffix, dates, at


def _draw_types(G: Any, args: argparse.Namespace) -> list[str] | None:
    """The relation types ``--types`` and ``--polarity`` keep (None: every type)."""
    wanted = _dates(getattr(args, "types", None)) or None
    polarity = getattr(args, "polarity", None)
    if polarity is None:
        return wanted
    # a polarity is a class of the vocabulary: "+1" is "cooperative"...
    chosen = G.vocabulary.resolve(
        {"+1": "cooperative", "-1": "hostile", "0": "structural"}.get(polarity, polarity)
    )
    if wanted is not None:
        chosen &= G.vocabulary.resolve(wanted)  # an unknown type is an error, not an empty figure
        if not chosen:
            raise UsageError(f"none of --types {', '.join(wanted)} has --polarity {polarity}")
    return [t.id for t in G.vocabulary if t.id in chosen]


def _draw_figure(
    args: argparse.Namespace, G: Any, dates: list[str], at: str | None, title: str
) -> Any:
    """The figure ``draw`` writes, with the options given."""
    from .. import plotting

    types = _draw_types(G, args)
    size: str | None = getattr(args, "size", None)
    legend = not getattr(args, "no_legend", False)
    lang: str | None = getattr(args, "lang", None)
    if args.kind == "snapshots":
        return plotting.plot_snapshots(
            G, dates, title=title, seed=args.seed, types=types, lang=lang, size=size, legend=legend
        )
    if args.kind == "balance":
        ax = plotting.plot_balance_over_time(G, dates, title=args.title, size=size, legend=legend)
    elif args.kind == "network":
        ax = plotting.plot_network(
            G, at=at, title=title, seed=args.seed, types=types, lang=lang, size=size, legend=legend
        )
    elif args.kind == "ego":
        ax = plotting.plot_ego(
            G, args.actor, at=at, radius=args.radius, title=args.title, types=types, lang=lang,
            size=size, legend=legend,
        )  # fmt: skip
    elif args.kind == "matrix":
        ax = plotting.plot_matrix(G, at=at, title=title, types=types, size=size, colorbar=legend)
    else:
        actors = [args.actor] if args.actor else None
        ax = plotting.plot_timeline(
            G, actors=actors, title=title, at=at, types=types, size=size, legend=legend
        )
    root = ax.get_figure(root=True)
    assert root is not None
    return root


def cmd_draw(args: argparse.Namespace) -> int:
    """``draw SOURCE -o OUT``: a diagram to PNG, SVG or PDF."""
    suffix, dates, at = _draw_checks(args)
    import matplotlib

    matplotlib.use("Agg")  # the command line never opens a window
    import matplotlib.pyplot as plt

    from ..readwrite._atomic import atomic_write_bytes

    G = load_source(args.source, format=args.format)
    if getattr(args, "roll_up", False):
        G = roll_up(G)
    title = args.title
    if title is None:
        base = str(G.attrs.get("title") or G.name or os.path.basename(args.source))
        title = base if at is None else f"{base}, as of {at}"
        if getattr(args, "roll_up", False):
            title += f" (rolled up: {G.attrs['rolled_up']})"
    plt.close("all")
    fig = _draw_figure(args, G, dates, at, title)
    buffer = io.BytesIO()
    # a print size is kept exactly; otherwise the figure is cropped to what was drawn
    exact = getattr(args, "size", None) is not None
    fig.savefig(
        buffer,
        format=suffix[1:],
        dpi=args.dpi,
        bbox_inches=None if exact else "tight",
        pad_inches=0.25,
    )
    plt.close(fig)
    atomic_write_bytes(args.output, buffer.getvalue())
    echo(f"wrote {args.output}")
    return 0


def cmd_convert(args: argparse.Namespace) -> int:
    """``convert IN OUT``: any readable format to any writable one."""
    # bad usage fails before reading
    html = {k: getattr(args, k) for k in HTML_OPTIONS}
    html_options(output_format(args.output, args.to_format), html)
    options = {k: getattr(args, k) for k in FOREIGN_OPTIONS}
    try:
        G = _converted(lambda: load_source(args.input, format=args.from_format, options=options))
    except UsageError as err:
        raise UsageError(str(err).replace("--format FORMAT", "--from FORMAT")) from err
    name = write_graph(G, args.output, args.to_format, options=html)
    if args.output != STDIO:
        echo(f"wrote {args.output} ({name}): {len(G)} actors, {G.number_of_relations()} relations")
    return 0


def _converted(read: Callable[[], ActorGraph]) -> ActorGraph:
    """``read()``, its problems worded in the command line's options."""
    try:
        return read()
    except SchemaError as err:  # the readers' advice, in this command's options
        raise SchemaError(
            [dataclasses.replace(p, message=cli_words(p.message)) for p in err.problems]
        ) from None


def _show_columns(args: argparse.Namespace, options: dict[str, Any]) -> int:
    """``info FILE --columns``: what the GraphML or GEXF reader makes of each column."""
    from ..readwrite.gexf import describe_gexf
    from ..readwrite.graphml import describe_graphml

    if args.source == STDIO or args.at or args.undated:
        raise UsageError("--columns describes a GraphML or GEXF file: give its path, no --at")
    if not os.path.exists(args.source):
        raise FileNotFoundError(f"{args.source}: no such file (--columns describes a file)")
    try:
        fmt = format_of(args.source, args.format)
    except ActorGraphError as err:
        raise UsageError(cli_words(str(err))) from err
    readers = {"graphml": describe_graphml, "gexf": describe_gexf}
    if fmt.name not in readers:
        raise UsageError(f"--columns is for GraphML and GEXF files, not {fmt.name}")
    mapping = readers[fmt.name](args.source, **{k: v for k, v in options.items() if v})
    if args.json:
        dump_json(mapping.to_dict())
    else:
        echo(cli_words(str(mapping)))
    return 1 if mapping.problems else 0


#: Import options and the datasets whose reader takes them.
_IMPORT_OPTIONS: dict[str, tuple[str, tuple[str, ...]]] = {
    "period": ("--period", ("acled", "gdelt", "ucdp-ged")),
    "no_assoc": ("--no-assoc", ("acled",)),
    "date_formats": ("--date-format", ("acled",)),
    "no_sources": ("--no-sources", ("acled",)),
    "no_event_ids": ("--no-event-ids", ("acled", "gdelt")),
    "actor_key": ("--actor-key", ("gdelt",)),
    "actor_column": ("--actor-column", ("ucdp",)),
    "supporter_column": ("--supporter-column", ("ucdp",)),
    "no_merge_years": ("--no-merge-years", ("ucdp", "ucdp-dyadic")),
    "level": ("--level", ("ucdp",)),
    "sheet": ("--sheet", ("ucdp", "ucdp-dyadic", "ucdp-ged")),
    "member": ("--member", ("ucdp", "ucdp-dyadic", "ucdp-ged")),
    "max_sources": ("--max-sources", ("gdelt", "ucdp-ged")),
}


#: Lists of designations and threat intelligence: dataset -> the importer reading one file.
RECORD_DATASETS = {"ftm": "read_ftm", "stix": "read_stix", "wikidata": "read_wikidata"}


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
    if args.max_sources is not None:
        if args.dataset not in ("gdelt", "ucdp-ged"):  # 0 would pass the check above
            raise UsageError(f"--max-sources is for gdelt and ucdp-ged, not {args.dataset}")
        options["max_sources"] = args.max_sources
    if args.dataset.startswith("ucdp"):
        return _ucdp_options(args, options)
    if args.dataset in RECORD_DATASETS:
        if len(args.paths) != 1:
            raise UsageError(f"import {args.dataset} reads one file")
        return options
    options["progress"] = args.progress
    options["period"] = None if args.period == "none" else args.period or "year"
    options["event_ids"] = not args.no_event_ids
    if args.dataset == "acled":
        options["assoc"] = not args.no_assoc
        options["sources"] = not args.no_sources
        if args.date_formats:
            options["date_formats"] = args.date_formats
    elif args.actor_key:
        options["actor_key"] = args.actor_key
    return options


def _ucdp_options(args: argparse.Namespace, options: dict[str, Any]) -> dict[str, Any]:
    """The options of the UCDP readers (one file each, no DuckDB)."""
    if len(args.paths) != 1:
        raise UsageError(f"import {args.dataset} reads one file")
    if args.dataset == "ucdp-ged":
        options["period"] = None if args.period == "none" else args.period or "year"
    else:
        options["merge_years"] = not args.no_merge_years
    for dest in ("actor_column", "supporter_column", "level", "sheet", "member"):
        if getattr(args, dest):
            options[dest] = getattr(args, dest)
    return options


def cmd_import(args: argparse.Namespace) -> int:
    """``import DATASET PATH... -o OUT``: events aggregated into relations, or a list read."""
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
        elif args.dataset == "ucdp-dyadic":
            G = importers.read_ucdp_dyadic(args.paths[0], **options)
        elif args.dataset == "ucdp-ged":
            G = importers.read_ucdp_ged(args.paths[0], **options)
        elif args.dataset in RECORD_DATASETS:
            reader = getattr(importers, RECORD_DATASETS[args.dataset])
            G = reader(args.paths[0], **options)
        else:
            G = importers.read_ucdp_esd(args.paths[0], **options)
    report = importers.import_report(G)
    if not args.json:
        for p in report.problems[:MAX_LISTED_PROBLEMS]:
            echo(f"skipped: {p}", err=True)
        if len(report.problems) > MAX_LISTED_PROBLEMS:
            more = len(report.problems) - MAX_LISTED_PROBLEMS
            echo(f"skipped: ... and {more} more problems (see --strict)", err=True)
    if report.rows_used == 0:  # nothing imported: no file written, and a failure
        if args.json:
            dump_json({"output": None, "format": None, **report.to_dict()})
        else:
            echo(f"{import_summary(report)}", err=True)
            echo("error: no row could be used; nothing was written", err=True)
        return 1
    name = write_graph(G, args.output, args.to_format)
    if args.json:
        dump_json({"output": args.output, "format": name, **report.to_dict()})
        return 0
    summary = import_summary(report)
    echo(summary if args.output == STDIO else f"wrote {args.output}: {summary}", err=True)
    return 0


def import_summary(report: Any) -> str:
    """One paragraph: rows read, used, refused by reason; what the graph received."""
    lines = [
        f"{report.rows} rows read, {report.rows_used} used: {report.actors} actors, "
        f"{report.relations} relations"
    ]
    if report.malformed_rows:
        lines.append(f"  malformed (skipped): {report.malformed_rows}")
    for reason, n in sorted(report.skipped.items(), key=lambda kv: (-kv[1], kv[0])):
        lines.append(f"  skipped, {reason}: {n}")
    return "\n".join(lines)


def cmd_diff(args: argparse.Namespace) -> int:
    """``diff SOURCE --from DATE --to DATE`` or ``diff OLD NEW``: what changed."""
    if args.other is None:
        if not (args.date_from and args.date_to):
            raise UsageError("diff needs --from DATE --to DATE, or two files: diff OLD NEW")
        G = load_source(args.source, format=args.format)
        d = diff(G, args.date_from, args.date_to, undated=getattr(args, "undated", "mark"))
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
