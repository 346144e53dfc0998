"""The ``actorgraph`` command line: a thin layer over the library.

Commands
--------
``validate FILE...``
    Read each file and lint its graph; every problem on its own line.
``info SOURCE``
    Counts by actor kind and relation type, the period covered, the sources cited.
``query SOURCE QUESTION ACTOR``
    Supporters, opponents, designators, allies, adversaries, lineage, relations...
``draw SOURCE -o OUT``
    A network, ego, matrix, timeline or small-multiple diagram to PNG, SVG or PDF.
``convert IN OUT``
    Any readable format to any writable one (the suffixes pick them).
``import acled|gdelt|ucdp PATH... -o OUT``
    Event data aggregated into relations.
``diff SOURCE --from DATE --to DATE`` or ``diff OLD NEW``
    What began, ended or changed between two dates, or between two files.
``balance SOURCE``
    Structural balance of the signed ties.

A SOURCE is a bundled dataset's name (``aleppo-2024``), a file or folder in any readable
format, or ``-`` for standard input: the native YAML or JSON document, or the format that
``--format`` (``--from`` for ``convert``) names; formats whose readers need a file (GraphML,
GEXF, a CSV zip...) go through a temporary file, and their problems still name ``<stdin>``.
An OUT of ``-`` writes a text format to standard output (YAML unless ``--to`` names
another); a binary format (the CSV zip) or a figure to standard output is bad usage, never
bytes on a terminal. Files are written atomically: a failed command leaves the old file.
Commands that print results print aligned plain-text tables, or JSON with ``--json``
(stable keys, UTF-8 text).

Exit codes
----------
0
    Success (``diff`` also exits 0 when it finds changes).
1
    Bad data: a file with problems (listed one per line, ``file:line: field: what``), a
    missing or unreadable file, an unknown actor (with the nearest names), a bad date,
    malformed import rows under ``--strict``.
2
    Bad usage: an unknown command or option, a missing argument, a suffix that names no
    format, an option that does not fit (``--kind ego`` without ``--actor``).
3
    An internal error: an unexpected exception is a bug, reported in one line that says
    so rather than swallowed; please report it with the output of ``--debug``.

Problems are printed to standard error, one line each and never as a traceback;
``--debug`` (before or after the command) re-raises the error to show its traceback.
Import problems (malformed rows that were skipped) are listed as ``skipped:`` lines.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import io
import json
import math
import os
import re
import sys
import tempfile
import textwrap
import warnings
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from . import __version__, datasets, query
from .exceptions import ActorGraphError, FormatError, Problem, SchemaError
from .graph import ActorGraph
from .model import Actor, Relation
from .readwrite import document, dot, gexf, graphml, html, mermaid, nodelink

if TYPE_CHECKING:
    from .readwrite import FileFormat

__all__ = ["build_parser", "load_source", "main"]

_STDIO = "-"
#: Formats that can be written to standard output, and how.
_TEXT_DUMPERS: dict[str, Callable[[ActorGraph], str]] = {
    "yaml": document.dump_yaml,
    "json": document.dump_json,
    "graphml": graphml.dump_graphml,
    "gexf": gexf.dump_gexf,
    "nodelink": nodelink.dump_nodelink,
    "dot": dot.to_dot,
    "mermaid": mermaid.to_mermaid,
    "html": html.to_html,
}
#: How many import problems are listed before the rest are counted.
MAX_LISTED_PROBLEMS = 100


class UsageError(Exception):
    """Bad command-line usage (exit code 2)."""


# -- reading and writing ---------------------------------------------------------------------


def load_source(source: str, *, format: str | None = None) -> ActorGraph:
    """A bundled dataset by name, a file or folder read by its suffix, or ``-`` for stdin.

    Parameters
    ----------
    source : str
        A bundled dataset's name (see :func:`actorgraph.datasets.names`), the path of a
        file in any readable format, a folder of CSV tables, or ``"-"`` to read standard
        input.
    format : str, optional
        The format's name (``"yaml"``, ``"json"``, ``"graphml"``...) when the suffix does
        not say it; standard input defaults to the native document, YAML or JSON.

    Returns
    -------
    ActorGraph

    Raises
    ------
    FileNotFoundError
        No such file and no bundled dataset of that name.
    SchemaError
        The file has problems; all of them are listed.
    FormatError
        The suffix or ``format`` names no readable format.

    Examples
    --------
    >>> load_source("aleppo-2024").name
    'aleppo-2024'
    """
    from .readwrite import FORMATS, format_of

    named = None
    if format is not None:  # a bad --format is bad usage, whatever the source
        try:
            named = format_of(source, format)
        except ActorGraphError as err:
            raise UsageError(str(err)) from err
        if named.read is None:
            raise UsageError(f"the {named.name} format can be written but not read")
    if source == _STDIO:
        return _read_stdin(named)
    if named is None and source in datasets.names() and not os.path.exists(source):
        return datasets.load(source)
    if not os.path.exists(source):
        raise FileNotFoundError(
            f"{source}: no such file, and no bundled dataset of that name "
            f"(bundled: {', '.join(datasets.names())})"
        )
    if named is None and os.path.isdir(source):
        named = FORMATS["csv"]
    if named is None:
        try:
            named = format_of(source)
        except ActorGraphError as err:
            raise UsageError(_cli_words(str(err), "--format FORMAT")) from err
        if named.read is None:
            raise UsageError(f"{source}: the {named.name} format can be written but not read")
    assert named.read is not None
    return named.read(source)


#: The name standard input goes by in messages.
_STDIN_NAME = "<stdin>"


def _read_stdin(named: FileFormat | None) -> ActorGraph:
    """Read standard input: the native document, or the format ``named``.

    YAML and JSON are parsed from the text; the other formats' readers take a
    path, so their bytes go through a temporary file whose name never reaches a
    message (problems name ``<stdin>``).
    """
    from .readwrite.document import MAX_BYTES, parse_json, parse_yaml

    raw = getattr(sys.stdin, "buffer", None)  # a text stream without bytes (tests, IDEs)
    data = raw.read(MAX_BYTES + 1) if raw is not None else sys.stdin.read().encode("utf-8")
    if len(data) > MAX_BYTES:
        raise FormatError(f"{_STDIN_NAME} is larger than the limit of {MAX_BYTES:,} bytes")
    if named is None or named.name in ("yaml", "json"):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as err:
            line = data.count(b"\n", 0, err.start) + 1
            raise SchemaError(
                [
                    Problem(
                        f"not valid UTF-8 text: byte 0x{data[err.start]:02x} ({err.reason})",
                        _STDIN_NAME,
                        line,
                    )
                ]
            ) from None
        as_json = named is None and text.lstrip().startswith("{")
        if as_json or (named is not None and named.name == "json"):
            return parse_json(text, file=_STDIN_NAME)
        return parse_yaml(text, file=_STDIN_NAME)
    assert named.read is not None
    # a CSV graph can only come down a stream as a zip of its tables
    suffix = ".zip" if named.name == "csv" else named.suffixes[0]
    with tempfile.TemporaryDirectory(prefix="actorgraph-stdin-") as tmp:
        path = os.path.join(tmp, "stdin" + suffix)
        with open(path, "wb") as fh:
            fh.write(data)
        try:
            return named.read(path)
        except SchemaError as err:
            problems = [
                dataclasses.replace(
                    p,
                    file=None if p.file is None else p.file.replace(path, _STDIN_NAME),
                    message=p.message.replace(path, _STDIN_NAME),
                )
                for p in err.problems
            ]
            raise SchemaError(problems) from err
        except FormatError as err:
            raise FormatError(str(err).replace(path, _STDIN_NAME)) from err


def _cli_words(message: str, option: str) -> str:
    """A library message that suggests ``format=...``, with the command-line option instead."""
    return message.replace("pass format=...", f"give {option}")


def _output_format(out: str, format: str | None) -> str:
    from .readwrite import format_of

    if format is None and out != _STDIO and (out.endswith(("/", os.sep)) or os.path.isdir(out)):
        return "csv"  # a folder of CSV tables
    if out == _STDIO:
        if format is None:
            return "yaml"
        try:
            name = format_of("stdout", format).name
        except ActorGraphError as err:
            raise UsageError(str(err)) from err
        if name not in _TEXT_DUMPERS:
            raise UsageError(
                f"the {name} format cannot go to standard output; write a file instead "
                f"(text formats: {', '.join(_TEXT_DUMPERS)})"
            )
        return name
    try:
        return format_of(out, format).name
    except ActorGraphError as err:
        raise UsageError(_cli_words(str(err), "--to FORMAT")) from err


def _write_graph(G: ActorGraph, out: str, format: str | None) -> str:
    """Write ``G`` to ``out`` (``-`` for stdout); the format's name."""
    from .readwrite import FORMATS

    name = _output_format(out, format)
    if out == _STDIO:
        text = _TEXT_DUMPERS[name](G)
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        return name
    writer = FORMATS[name].write
    if writer is None:
        raise UsageError(f"the {name} format can be read but not written")
    writer(G, out.rstrip("/" + os.sep) if name == "csv" else out)
    return name


# -- output ----------------------------------------------------------------------------------


#: Control characters that would move the cursor, recolour or clear a terminal (tab and
#: newline excepted); data can carry them, so readable output shows them as symbols.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def _visible(m: re.Match[str]) -> str:
    c = ord(m.group())
    if c < 0x20:
        return chr(0x2400 + c)  # the Unicode control picture: ␛ for ESC
    return "\u2421" if c == 0x7F else "\ufffd"


def _echo(text: object = "", *, err: bool = False) -> None:
    """Print readable output (stdout, or stderr with ``err``) with control characters shown."""
    print(_CONTROLS.sub(_visible, str(text)), file=sys.stderr if err else sys.stdout)


def _dump_json(data: Any) -> None:
    # default=str: free attrs read from other formats may hold values JSON has no type for
    print(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def _table(rows: Sequence[Sequence[Any]], headers: Sequence[str], indent: str = "") -> None:
    """Print ``rows`` as aligned columns; numbers right-aligned."""
    cells = [[str(h) for h in headers]] + [["" if c is None else str(c) for c in r] for r in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]
    numeric = [
        all(isinstance(r[i], int | float) for r in rows) and rows for i in range(len(headers))
    ]
    for n, r in enumerate(cells):
        parts = [
            c.rjust(w) if numeric[i] else c.ljust(w)
            for i, (c, w) in enumerate(zip(r, widths, strict=True))
        ]
        _echo(indent + "  ".join(parts).rstrip())
        if n == 0:
            _echo(indent + "  ".join("-" * w for w in widths))


def _rel_json(r: Relation) -> dict[str, Any]:
    data: dict[str, Any] = {"id": r.id, "source": r.source, "type": r.type, "target": r.target}
    for name in ("start", "end"):
        if getattr(r, name) is not None:
            data[name] = str(getattr(r, name))
    for name in ("status", "confidence", "asserted_by"):
        if getattr(r, name) is not None:
            data[name] = getattr(r, name)
    if r.sources:
        data["sources"] = [s.to_dict() for s in r.sources]
    if r.attrs:
        data["attrs"] = dict(r.attrs)
    return data


# -- commands --------------------------------------------------------------------------------


def _info(G: ActorGraph) -> dict[str, Any]:
    start, end = G.period()
    kinds = Counter(a.kind or "(none)" for a in G.actors())
    types = Counter(r.type for r in G.relations())
    status = Counter(r.status for r in G.relations())
    cited: Counter[str] = Counter()
    for r in G.relations():
        for s in {s.document for s in r.sources}:
            cited[str(s)] += 1
    return {
        "name": G.name,
        "title": G.attrs.get("title"),
        "actors": len(G),
        "relations": G.number_of_relations(),
        "period": [str(start) if start else None, str(end) if end else None],
        "kinds": dict(kinds.most_common()),
        "types": dict(types.most_common()),
        "status": dict(status.most_common()),
        "sources": dict(cited.most_common()),
    }


def _cmd_info(args: argparse.Namespace) -> int:
    G = load_source(args.source, format=args.format)
    if args.at:
        G = query.as_of(G, args.at)
    info = _info(G)
    if args.json:
        _dump_json(info)
        return 0
    p0, p1 = info["period"]
    _echo(
        f"{info['name'] or '(unnamed graph)'}: {info['actors']} actors, "
        f"{info['relations']} relations, {p0 or '…'} to {p1 or '…'}"
        + (f" (as of {args.at})" if args.at else "")
    )
    if info["title"]:
        _echo(info["title"])
    for title, key, head in (
        ("Actor kinds", "kinds", "kind"),
        ("Relation types", "types", "type"),
        ("Status", "status", "status"),
        ("Sources", "sources", "source"),
    ):
        if info[key]:
            _echo(f"\n{title}:")
            _table(list(info[key].items()), [head, "relations" if key != "kinds" else "actors"])
    return 0


_QUESTIONS: dict[str, Callable[..., list[query.Related]]] = {
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
    G = load_source(args.source, format=args.format)
    if args.question == "lineage":
        lin = query.lineage(G, args.actor, at=args.at)
        if args.json:
            _dump_json([a.id for a in lin])
        else:
            _echo(lin)
        return 0
    if args.question == "relations":
        a = G.actor(args.actor).id
        rels = [r for r in G.relations(at=args.at) if a in (r.source, r.target)]
        if args.json:
            _dump_json([_rel_json(r) for r in rels])
        elif not rels:
            _echo("(none)")
        else:
            _table(
                [
                    (r.id, r.source, r.type, r.target, r.start or "…", r.end or "…", r.status)
                    for r in rels
                ],
                ["id", "source", "type", "target", "start", "end", "status"],
            )
        return 0
    found = _QUESTIONS[args.question](G, args.actor, at=args.at)
    if args.json:
        _dump_json(
            [
                {
                    "actor": x.actor.id,
                    "name": x.actor.name,
                    "types": list(x.types),
                    "relations": [r.id for r in x.relations],
                }
                for x in found
            ]
        )
        return 0
    if not found:
        _echo("(none)")
    for x in found:
        _echo(x)
        for r in x.relations:
            src = "; ".join(str(s) for s in r.sources) or "no source"
            _echo(f"    {r.id}: {src}")
    return 0


def _one_stdin(*sources: str | None) -> None:
    if sum(s == _STDIO for s in sources) > 1:
        raise UsageError("standard input (-) can be read only once")


def _cmd_validate(args: argparse.Namespace) -> int:
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
            entry["problems"] = [_error_message(err)]
        if entry["problems"]:
            if not args.json:
                for line in entry["problems"]:
                    _echo(line, err=True)
            bad += 1
            continue
        for finding in query.validate(G):
            entry["findings"].append(
                {
                    "severity": finding.severity,
                    "code": finding.code,
                    "message": finding.message,
                    "actors": list(finding.actors),
                    "relations": list(finding.relations),
                }
            )
            if not args.json:
                _echo(f"{f}: {finding}", err=True)
            errors += finding.severity == "error"
            warned += finding.severity != "error"
            bad += finding.severity == "error" or args.strict
    if args.json:
        _dump_json(report)
    else:
        n = len(args.files)
        unread = sum(bool(e["problems"]) for e in report)
        _echo(
            f"{n} file{'s' if n > 1 else ''} checked: "
            + (f"{unread} unreadable, " if unread else "")
            + f"{errors} error{'s' if errors != 1 else ''}, "
            + f"{warned} warning{'s' if warned != 1 else ''}"
        )
    return 1 if bad else 0


_FIGURE_SUFFIXES = (".png", ".svg", ".pdf")
#: The highest --dpi: print quality is 300 to 600; far more only exhausts memory.
_MAX_DPI = 1200
_KINDS = ("network", "ego", "matrix", "timeline", "snapshots")


def _dates(values: list[str] | None) -> list[str]:
    return [d.strip() for v in values or () for d in v.split(",") if d.strip()]


def _cmd_draw(args: argparse.Namespace) -> int:
    suffix = os.path.splitext(args.output)[1].lower()
    if args.output == _STDIO:
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
    import matplotlib

    matplotlib.use("Agg")  # the command line never opens a window
    import matplotlib.pyplot as plt

    from . import plotting
    from .readwrite._atomic import atomic_write_bytes

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
    _echo(f"wrote {args.output}")
    return 0


def _cmd_convert(args: argparse.Namespace) -> int:
    _output_format(args.output, args.to_format)  # bad usage fails before reading
    try:
        G = load_source(args.input, format=args.from_format)
    except UsageError as err:
        raise UsageError(str(err).replace("--format FORMAT", "--from FORMAT")) from err
    name = _write_graph(G, args.output, args.to_format)
    if args.output != _STDIO:
        _echo(f"wrote {args.output} ({name}): {len(G)} actors, {G.number_of_relations()} relations")
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
        from .vocabulary import Vocabulary

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


def _cmd_import(args: argparse.Namespace) -> int:
    from . import importers

    if _STDIO in args.paths:
        raise UsageError("import reads files, not standard input; save the export first")
    if args.json and args.output == _STDIO:
        raise UsageError("--json and -o - would both print to standard output; pick one")
    _output_format(args.output, args.to_format)
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
            _echo(f"skipped: {p}", err=True)
        if len(report.problems) > MAX_LISTED_PROBLEMS:
            more = len(report.problems) - MAX_LISTED_PROBLEMS
            _echo(f"skipped: ... and {more} more problems (see --strict)", err=True)
    name = _write_graph(G, args.output, args.to_format)
    if args.json:
        _dump_json({"output": args.output, "format": name, **report.to_dict()})
        return 0
    summary = (
        f"{report.rows} rows read, {report.rows_used} used: {len(G)} actors, "
        f"{G.number_of_relations()} relations"
    )
    _echo(summary if args.output == _STDIO else f"wrote {args.output}: {summary}", err=True)
    return 0


def _relation_changes(old: ActorGraph, new: ActorGraph) -> dict[str, Any]:
    """Actors and relations added, removed or changed from ``old`` to ``new``, by id."""
    a_old = {a.id: a for a in old.actors()}
    a_new = {a.id: a for a in new.actors()}
    r_old = {r.id: r for r in old.relations()}
    r_new = {r.id: r for r in new.relations()}

    def fields(x: Relation | Actor, y: Relation | Actor) -> list[str]:
        names = [f.name for f in dataclasses.fields(x) if not f.name.startswith("_")]
        return [f for f in names if getattr(x, f) != getattr(y, f)]

    return {
        "actors_added": sorted(set(a_new) - set(a_old)),
        "actors_removed": sorted(set(a_old) - set(a_new)),
        "actors_changed": {
            k: fields(a_old[k], a_new[k])
            for k in sorted(set(a_old) & set(a_new))
            if a_old[k] != a_new[k]
        },
        "relations_added": [_rel_json(r_new[k]) for k in sorted(set(r_new) - set(r_old))],
        "relations_removed": [_rel_json(r_old[k]) for k in sorted(set(r_old) - set(r_new))],
        "relations_changed": {
            k: fields(r_old[k], r_new[k])
            for k in sorted(set(r_old) & set(r_new))
            if r_old[k] != r_new[k]
        },
    }


def _cmd_diff(args: argparse.Namespace) -> int:
    if args.other is None:
        if not (args.date_from and args.date_to):
            raise UsageError("diff needs --from DATE --to DATE, or two files: diff OLD NEW")
        G = load_source(args.source, format=args.format)
        d = query.diff(G, args.date_from, args.date_to)
        if args.json:
            _dump_json(
                {
                    "from": str(d.date1),
                    "to": str(d.date2),
                    "began": [_rel_json(r) for r in d.began],
                    "ended": [_rel_json(r) for r in d.ended],
                    "changed": [
                        {
                            "source": c.source,
                            "target": c.target,
                            "before": sorted({r.type for r in c.before}),
                            "after": sorted({r.type for r in c.after}),
                        }
                        for c in d.changed
                    ],
                    "actors_appeared": list(d.actors_appeared),
                    "actors_gone": list(d.actors_gone),
                }
            )
        else:
            _echo(d.summary())
        return 0
    if args.date_from or args.date_to:
        raise UsageError("diff OLD NEW compares two files; --from/--to compare two dates of one")
    _one_stdin(args.source, args.other)
    old = load_source(args.source, format=args.format)
    new = load_source(args.other, format=args.format)
    changes = _relation_changes(old, new)
    if args.json:
        _dump_json(changes)
        return 0
    _echo(f"from {args.source} to {args.other}:")
    lines = [f"  + actor {a}" for a in changes["actors_added"]]
    lines += [f"  - actor {a}" for a in changes["actors_removed"]]
    lines += [f"  ~ actor {k}: {', '.join(v)}" for k, v in changes["actors_changed"].items()]
    lines += [
        f"  + {r['id']}: {r['source']} {r['type']} {r['target']}"
        for r in changes["relations_added"]
    ]
    lines += [
        f"  - {r['id']}: {r['source']} {r['type']} {r['target']}"
        for r in changes["relations_removed"]
    ]
    lines += [f"  ~ {k}: {', '.join(v)}" for k, v in changes["relations_changed"].items()]
    _echo("\n".join(lines) if lines else "  no change")
    return 0


def _cmd_balance(args: argparse.Namespace) -> int:
    from .signed import balance

    G = load_source(args.source, format=args.format)
    exact = True if args.exact else None
    r = balance(G, at=args.at, exact=exact, time_limit=args.time_limit)
    data = {
        "at": args.at,
        "actors": r.nodes,
        "ties": r.ties,
        "positive": r.positive,
        "negative": r.negative,
        "triangles": r.triangles,
        "balanced": r.balanced,
        "unbalanced": r.unbalanced,
        "unbalanced_triangles": [list(t) for t in r.unbalanced_triangles],
        "triangle_index": r.triangle_index,
        "walk_index": r.walk_index,
        "frustration": r.frustration,
        "normalized_frustration": r.normalized_frustration,
        "frustration_optimal": r.frustration_optimal,
    }
    if args.json:
        _dump_json(data)
        return 0

    def num(x: float | None) -> str:
        return "n/a" if x is None else f"{x:.4f}"

    fr = "n/a" if r.frustration is None else str(r.frustration)
    if r.frustration is not None and not r.frustration_optimal:
        fr += " (not proven optimal)"
    rows = [
        ("signed ties", f"{r.ties} between {r.nodes} actors (+{r.positive} / -{r.negative})"),
        ("triangles", f"{r.triangles} ({r.balanced} balanced, {r.unbalanced} unbalanced)"),
        ("triangle index", num(r.triangle_index)),
        ("walk index (Estrada)", num(r.walk_index)),
        ("frustration index", fr),
        ("normalised (1 - 2L/m)", num(r.normalized_frustration)),
    ]
    _echo(f"{G.name or args.source}" + (f", as of {args.at}" if args.at else "") + ":")
    _table(rows, ["measure", "value"], indent="  ")
    for t in r.unbalanced_triangles[:20]:
        _echo("  unbalanced: " + " / ".join(str(x) for x in t))
    return 0


# -- the parser ------------------------------------------------------------------------------

_DESCRIPTION = """\
Sourced, time-aware actor graphs: who does what to whom.

A SOURCE is a bundled dataset's name (aleppo-2024), a file or folder in any
readable format, or - for standard input. Commands that print results print
tables, or JSON with --json. Run 'actorgraph COMMAND --help' for each command.
"""

_EPILOG = """\
examples:
  actorgraph info aleppo-2024
  actorgraph query aleppo-2024 supporters "Syrian government" --at 2024-11-30
  actorgraph draw aleppo-2024 -o aleppo.png --at 2024-11-30
  actorgraph validate my-conflict.yaml
  actorgraph convert my-conflict.yaml my-conflict.gexf
  actorgraph import acled events.csv -o events.yaml --period month
  actorgraph diff aleppo-2024 --from 2024-11-26 --to 2024-11-30
  actorgraph balance aleppo-2024 --json

exit codes: 0 ok, 1 bad data, 2 bad usage, 3 internal error (--debug shows the traceback)
"""


def _wrap(text: str) -> str:
    """Fill each paragraph to 79 columns (the help keeps the epilog's layout as written)."""
    return "\n\n".join(textwrap.fill(" ".join(par.split()), 79) for par in text.split("\n\n"))


#: Examples shown under each command's help (and in the documentation).
_EXAMPLES: dict[str, tuple[str, ...]] = {
    "validate": (
        "actorgraph validate my-conflict.yaml",
        "actorgraph validate --strict a.yaml b.yaml  # warnings fail too",
        "cat my-conflict.yaml | actorgraph validate -",
    ),
    "info": (
        "actorgraph info aleppo-2024",
        "actorgraph info my-conflict.yaml --at 2016-12-31 --json",
    ),
    "query": (
        'actorgraph query aleppo-2024 supporters "Syrian government"',
        "actorgraph query aleppo-2024 designators HTS --at 2024-11-30 --json",
        "actorgraph query aleppo-2024 lineage HTS",
        "actorgraph query aleppo-2024 relations Russia",
    ),
    "draw": (
        "actorgraph draw aleppo-2024 -o aleppo.png --at 2024-11-30",
        "actorgraph draw aleppo-2024 -o hts.svg --kind ego --actor HTS",
        "actorgraph draw aleppo-2024 -o m.pdf --kind matrix",
        "actorgraph draw aleppo-2024 -o t.png --kind timeline --actor HTS",
        "actorgraph draw aleppo-2024 -o s.png --kind snapshots --at 2016,2024-11-26,2024-11-30",
    ),
    "convert": (
        "actorgraph convert my-conflict.yaml my-conflict.gexf      # for Gephi",
        "actorgraph convert my-conflict.yaml tables/               # a folder of CSV tables",
        "actorgraph convert tables.zip my-conflict.yaml",
        "actorgraph convert my-conflict.yaml - --to mermaid        # to standard output",
        "curl -s https://example.org/g.graphml | actorgraph convert - g.yaml --from graphml",
    ),
    "import": (
        "actorgraph import acled events.csv -o events.yaml",
        "actorgraph import acled jan.csv feb.csv -o monthly.yaml --period month",
        "actorgraph import gdelt 20241130.export.CSV -o gdelt.yaml --actor-key name",
        "actorgraph import ucdp esd.csv -o esd.yaml --json",
    ),
    "diff": (
        "actorgraph diff aleppo-2024 --from 2024-11-26 --to 2024-11-30",
        "actorgraph diff old.yaml new.yaml --json",
    ),
    "balance": (
        "actorgraph balance aleppo-2024",
        "actorgraph balance my-conflict.yaml --at 2016 --exact --time-limit 30 --json",
    ),
}


def _int(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None


def _count(text: str) -> int:
    """An argparse type: a whole number, 0 or more."""
    n = _int(text)
    if n < 0:
        raise argparse.ArgumentTypeError(f"must be 0 or more, got {n}")
    return n


def _dpi(text: str) -> int:
    """An argparse type: a resolution a figure can be saved at."""
    n = _int(text)
    if not 1 <= n <= _MAX_DPI:
        raise argparse.ArgumentTypeError(f"must be between 1 and {_MAX_DPI}, got {n}")
    return n


def _seconds(text: str) -> float:
    """An argparse type: a positive, finite number of seconds."""
    try:
        x = float(text)
    except ValueError:
        x = math.nan
    if not (math.isfinite(x) and x > 0):
        raise argparse.ArgumentTypeError(f"must be a positive number of seconds, got {text}")
    return x


def _add_source(p: argparse.ArgumentParser, name: str = "source") -> None:
    p.add_argument(
        name,
        metavar=name.upper(),
        help="a bundled dataset (aleppo-2024), a file or folder, or - for standard input",
    )
    p.add_argument(
        "--format",
        metavar="FORMAT",
        help="the input's format when its suffix does not say (yaml, json, graphml, ...)",
    )


def _add_at(p: argparse.ArgumentParser, what: str) -> None:
    p.add_argument("--at", metavar="DATE", help=f"{what} as of a date: YYYY, YYYY-MM or YYYY-MM-DD")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``actorgraph`` command.

    Returns
    -------
    argparse.ArgumentParser
        With one sub-parser per command; the documentation's command-line
        reference is generated from it.

    Examples
    --------
    >>> parser = build_parser()
    >>> args = parser.parse_args(["info", "aleppo-2024", "--json"])
    >>> args.command, args.source, args.json
    ('info', 'aleppo-2024', True)
    """
    debug = argparse.ArgumentParser(add_help=False)
    debug.add_argument(
        "--debug",
        action="store_true",
        default=argparse.SUPPRESS,
        help="show the traceback of an error instead of one line",
    )
    as_json = argparse.ArgumentParser(add_help=False)
    as_json.add_argument("--json", action="store_true", help="print JSON for scripts")
    fmt = argparse.RawDescriptionHelpFormatter

    p = argparse.ArgumentParser(
        prog="actorgraph",
        description=_wrap(_DESCRIPTION),
        epilog=_EPILOG,
        formatter_class=fmt,
    )
    p.add_argument("--version", action="version", version=f"actorgraph {__version__}")
    p.add_argument(
        "--debug",
        action="store_true",
        help="show the traceback of an error instead of one line (also after the command)",
    )
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, help: str, description: str, *parents: Any) -> Any:
        return sub.add_parser(
            name,
            help=help,
            description=_wrap(description),
            epilog="examples:\n" + "\n".join(f"  {e}" for e in _EXAMPLES[name]),
            parents=[debug, *parents],
            formatter_class=fmt,
        )

    val = command(
        "validate",
        "check files and lint their graphs",
        "Read each file and lint its graph. Schema problems and lint findings are printed "
        "one per line, each with its file, line and field. Exit code 1 when a file has an error "
        "(or, with --strict, any finding).",
        as_json,
    )
    val.add_argument("files", nargs="+", metavar="FILE", help="files to check (- for stdin)")
    val.add_argument("--format", metavar="FORMAT", help="the files' format, if not the suffix")
    val.add_argument("--strict", action="store_true", help="warnings fail too")

    info = command(
        "info",
        "summarise a dataset or file",
        "Counts of actors by kind and relations by type and status, the period covered "
        "and the sources cited.",
        as_json,
    )
    _add_source(info)
    _add_at(info, "summarise the graph")

    q = command(
        "query",
        "ask who supports, opposes, designates... an actor",
        "Answer a question about one actor. Each answer lists the claims behind it with "
        "their sources.",
        as_json,
    )
    _add_source(q)
    q.add_argument(
        "question",
        metavar="QUESTION",
        choices=[*sorted(_QUESTIONS), "lineage", "relations"],
        help="one of: " + ", ".join([*sorted(_QUESTIONS), "lineage", "relations"]),
    )
    q.add_argument("actor", metavar="ACTOR", help="an actor's id, name or alias")
    _add_at(q, "answer")

    d = command(
        "draw",
        "draw a diagram to PNG, SVG or PDF",
        "Draw a diagram; the output's suffix picks the format. --kind snapshots draws "
        "small multiples, one panel per date (--at 2024-11-26,2024-11-30).",
    )
    _add_source(d)
    d.add_argument(
        "-o", "--output", required=True, metavar="OUT", help="the figure: .png, .svg or .pdf"
    )
    d.add_argument(
        "--kind", choices=_KINDS, default="network", help="the kind of diagram (default: network)"
    )
    d.add_argument("--actor", help="the actor in the centre (ego) or to follow (timeline)")
    d.add_argument(
        "--at",
        action="append",
        metavar="DATE",
        help="draw the graph as of a date (YYYY, YYYY-MM or YYYY-MM-DD); for snapshots, "
        "several dates, repeated or comma-separated",
    )
    d.add_argument("--title", help="the figure's title (default: the graph's title or name)")
    d.add_argument(
        "--radius", type=_count, default=1, metavar="N", help="ego: hops out from --actor (1)"
    )
    d.add_argument(
        "--seed", type=int, default=0, metavar="N", help="network, snapshots: layout seed (0)"
    )
    d.add_argument(
        "--dpi", type=_dpi, default=200, metavar="N", help="resolution of PNG output (200)"
    )

    c = command(
        "convert",
        "convert between file formats",
        "Read IN and write OUT; the suffixes pick the formats (.yaml .json .zip .graphml "
        ".gexf .nodelink.json .dot .mmd .html, a folder for CSV tables).\n\n"
        "IN may be - for standard input: the native YAML or JSON document, or the format "
        "--from names. OUT may be - for standard output, in a text format (yaml unless --to "
        "names another); the binary CSV zip cannot go to standard output.",
    )
    c.add_argument("input", metavar="IN", help="a bundled dataset, a file or folder, or -")
    c.add_argument("output", metavar="OUT", help="a file, a folder (ending in /), or -")
    c.add_argument(
        "--from",
        dest="from_format",
        metavar="FORMAT",
        help="the input's format, if not its suffix's (for -: yaml or json unless given)",
    )
    c.add_argument(
        "--to",
        dest="to_format",
        metavar="FORMAT",
        help="the output's format, if not its suffix's (for -: yaml unless given)",
    )

    imp = command(
        "import",
        "import ACLED, GDELT or UCDP event data",
        "Aggregate event data into relations, one per actor pair, type and period. Rows "
        "with problems are skipped and listed (or fail the import with --strict). "
        "Needs DuckDB for acled and gdelt: pip install 'actorgraph[events]'.",
        as_json,
    )
    imp.add_argument("dataset", choices=["acled", "gdelt", "ucdp"], help="the dataset's layout")
    imp.add_argument(
        "paths", nargs="+", metavar="PATH", help="export files or globs (quote the globs)"
    )
    imp.add_argument(
        "-o", "--output", required=True, metavar="OUT", help="the graph to write (- for stdout)"
    )
    imp.add_argument("--to", dest="to_format", metavar="FORMAT", help="the output's format")
    imp.add_argument("--name", help="the graph's name (default: the dataset's)")
    imp.add_argument("--strict", action="store_true", help="refuse the import if any row is bad")
    imp.add_argument(
        "--vocabulary",
        metavar="FILE",
        help="a vocabulary file (YAML or JSON) whose crosswalk codes map the event types",
    )
    imp.add_argument(
        "--period",
        choices=["year", "month", "day", "none"],
        help="acled, gdelt: one relation per pair, type and period (default: year)",
    )
    imp.add_argument(
        "--no-event-ids",
        action="store_true",
        help="acled, gdelt: do not list every event's id in the relation",
    )
    imp.add_argument(
        "--no-assoc", action="store_true", help="acled: associated actors do not join a side"
    )
    imp.add_argument(
        "--actor-key",
        choices=["code", "name"],
        help="gdelt: an actor is its CAMEO code (default) or its name",
    )
    imp.add_argument("--actor-column", metavar="COLUMN", help="ucdp: the supported party's column")
    imp.add_argument("--supporter-column", metavar="COLUMN", help="ucdp: the supporter's column")
    imp.add_argument(
        "--no-merge-years",
        action="store_true",
        help="ucdp: one relation per year rather than per run of years",
    )

    df = command(
        "diff",
        "what changed between two dates, or two files",
        "With --from and --to: the relations that began, ended or changed between two "
        "dates. With two files: actors and relations added, removed or changed, by id.",
        as_json,
    )
    _add_source(df)
    df.add_argument("other", nargs="?", metavar="NEW", help="a second file to compare with")
    df.add_argument("--from", dest="date_from", metavar="DATE", help="the earlier date")
    df.add_argument("--to", dest="date_to", metavar="DATE", help="the later date")

    b = command(
        "balance",
        "structural balance of the signed ties",
        "Triangle counts and index, Estrada's walk index and the frustration index of "
        "the signed ties (see the signed-networks guide).",
        as_json,
    )
    _add_source(b)
    _add_at(b, "measure the graph")
    b.add_argument("--exact", action="store_true", help="prove the frustration index optimal")
    b.add_argument(
        "--time-limit", type=_seconds, metavar="SECONDS", help="stop the frustration search"
    )
    return p


_COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "info": _cmd_info,
    "validate": _cmd_validate,
    "query": _cmd_query,
    "draw": _cmd_draw,
    "convert": _cmd_convert,
    "import": _cmd_import,
    "diff": _cmd_diff,
    "balance": _cmd_balance,
}


@contextlib.contextmanager
def _closing_pipe() -> Iterator[None]:
    try:
        yield
    except BrokenPipeError:  # `actorgraph ... | head`
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def _error_message(err: BaseException) -> str:
    """One line for an expected error: bad data or an operating-system refusal."""
    if isinstance(err, UnicodeDecodeError):
        return f"not UTF-8 text: {err}"
    if isinstance(err, OSError) and err.filename and err.strerror:
        return f"{err.filename}: {err.strerror}"
    text = str(err)
    if isinstance(err, KeyError) and len(err.args) == 1 and text == repr(err.args[0]):
        text = str(err.args[0])  # KeyError quotes its message
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return "; ".join(lines) or type(err).__name__


def _fail(message: str) -> None:
    _echo(f"actorgraph: {message}", err=True)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line.

    Parameters
    ----------
    argv : sequence of str, optional
        The arguments after the program's name; ``sys.argv[1:]`` by default.

    Returns
    -------
    int
        The exit code: 0 success, 1 bad data, 2 bad usage, 3 internal error.

    Examples
    --------
    >>> main(["query", "aleppo-2024", "designators", "HTS", "--json"])  # doctest: +ELLIPSIS
    [
      {
        "actor": "usa",
    ...
    0
    >>> main(["info", "no-such-file.yaml"])
    1
    """
    args = build_parser().parse_args(argv)
    debug = bool(getattr(args, "debug", False))
    try:
        with _closing_pipe():
            return _COMMANDS[args.command](args)
    except UsageError as err:
        if debug:
            raise
        _fail(str(err))
        return 2
    except SchemaError as err:
        if debug:
            raise
        for prob in err.problems:
            _fail(str(prob))
        return 1
    except (ActorGraphError, OSError, UnicodeDecodeError) as err:
        if debug:
            raise
        _fail(_error_message(err))
        return 1
    except KeyboardInterrupt:
        return 130
    except Exception as err:
        if debug:
            raise
        _fail(f"internal error: {type(err).__name__}: {err} (run with --debug for the traceback)")
        return 3
