"""The argument parser of the ``actorgraph`` command (the documentation is generated from it)."""

from __future__ import annotations

import argparse
import math
import textwrap

from .. import __version__
from ._commands import FIGURE_KINDS, QUESTIONS

__all__ = ["build_parser"]

#: The highest --dpi: print quality is 300 to 600; far more only exhausts memory.
_MAX_DPI = 1200

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
        "actorgraph info from-cytoscape.graphml --columns",
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
        "actorgraph draw aleppo-2024 -o col.pdf --size column --polarity hostile",
        "actorgraph draw aleppo-2024 -o b.svg --kind balance --at 2016,2020,2024-11-30",
    ),
    "convert": (
        "actorgraph convert my-conflict.yaml my-conflict.gexf      # for Gephi",
        "actorgraph convert my-conflict.yaml tables/               # a folder of CSV tables",
        "actorgraph convert tables.zip my-conflict.yaml",
        "actorgraph convert my-conflict.yaml - --to mermaid        # to standard output",
        "curl -s https://example.org/g.graphml | actorgraph convert - g.yaml --from graphml",
        "actorgraph convert gephi.gexf g.yaml --type-attr kind --default-type cooperates_with",
        "actorgraph convert aleppo-2024 aleppo.html --at 2024-11-30 --embed",
    ),
    "import": (
        "actorgraph import acled events.csv -o events.yaml",
        "actorgraph import acled jan.csv feb.csv -o monthly.yaml --period month",
        "actorgraph import gdelt 20241130.export.CSV -o gdelt.yaml --actor-key name",
        "actorgraph import ucdp esd.csv -o esd.yaml --json",
        "actorgraph import ftm entities.ftm.json -o sanctions.yaml",
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


#: The policies for claims without dates (``actorgraph.Undated``).
UNDATED_CHOICES = ["mark", "drop", "keep", "reported"]


def _add_undated(p: argparse.ArgumentParser, when: str, default: str | None = None) -> None:
    p.add_argument(
        "--undated",
        choices=UNDATED_CHOICES,
        default=default,
        help=f"{when}, claims without dates: kept and said to be undated (mark, default), "
        "left out (drop), held on every date (keep), or held from their first report on "
        "(reported)",
    )


class _Subcommands:
    """Adds the sub-parser of each command, with the options every command shares."""

    def __init__(self, parser: argparse.ArgumentParser) -> None:
        self.sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
        self.debug = argparse.ArgumentParser(add_help=False)
        self.debug.add_argument(
            "--debug",
            action="store_true",
            default=argparse.SUPPRESS,
            help="show the traceback of an error instead of one line",
        )
        self.as_json = argparse.ArgumentParser(add_help=False)
        self.as_json.add_argument("--json", action="store_true", help="print JSON for scripts")

    def add(
        self, name: str, help: str, description: str, *, json: bool = False
    ) -> argparse.ArgumentParser:
        parents = [self.debug, self.as_json] if json else [self.debug]
        parser: argparse.ArgumentParser = self.sub.add_parser(
            name,
            help=help,
            description=_wrap(description),
            epilog="examples:\n" + "\n".join(f"  {e}" for e in _EXAMPLES[name]),
            parents=parents,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        return parser


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
    p = argparse.ArgumentParser(
        prog="actorgraph",
        description=_wrap(_DESCRIPTION),
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--version", action="version", version=f"actorgraph {__version__}")
    p.add_argument(
        "--debug",
        action="store_true",
        help="show the traceback of an error instead of one line (also after the command)",
    )
    commands = _Subcommands(p)
    _add_validate_info_query(commands)
    _add_draw(commands)
    _add_convert(commands)
    _add_import(commands)
    _add_diff_balance(commands)
    return p


def _add_validate_info_query(commands: _Subcommands) -> None:
    val = commands.add(
        "validate",
        "check files and lint their graphs",
        "Read each file and lint its graph. Schema problems and lint findings are printed "
        "one per line, each with its file, line and field. Exit code 1 when a file has an error "
        "(or, with --strict, any finding).",
        json=True,
    )
    val.add_argument("files", nargs="+", metavar="FILE", help="files to check (- for stdin)")
    val.add_argument("--format", metavar="FORMAT", help="the files' format, if not the suffix")
    val.add_argument("--strict", action="store_true", help="warnings fail too")
    val.add_argument(
        "--archives",
        metavar="DIR",
        help="the folder of the sources' archived texts the quotes are checked against "
        "(default: each file's own folder)",
    )

    info = commands.add(
        "info",
        "summarise a dataset or file",
        "Counts of actors by kind and relations by type and status, the period covered "
        "and the sources cited.",
        json=True,
    )
    _add_source(info)
    _add_at(info, "summarise the graph")
    _add_undated(info, "with --at")
    info.add_argument(
        "--columns",
        action="store_true",
        help="GraphML and GEXF: what each column of the file becomes (name, type, dates, "
        "attrs), with the notes and problems, instead of the summary; exit 1 when the file "
        "cannot be read",
    )
    _add_foreign(info)

    q = commands.add(
        "query",
        "ask who supports, opposes, designates... an actor",
        "Answer a question about one actor. Each answer lists the claims behind it with "
        "their sources.",
        json=True,
    )
    _add_source(q)
    questions = [*sorted(QUESTIONS), "lineage", "relations"]
    q.add_argument(
        "question", metavar="QUESTION", choices=questions, help="one of: " + ", ".join(questions)
    )
    q.add_argument("actor", metavar="ACTOR", help="an actor's id, name or alias")
    _add_at(q, "answer")
    _add_undated(q, "with --at")
    q.add_argument(
        "--roll-up",
        action="store_true",
        help="count a unit's, an official's or a ministry's claims for the state or "
        "government it belongs to (part_of, member_of, represents)",
    )


def _add_draw(commands: _Subcommands) -> None:
    d = commands.add(
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
        "--kind",
        choices=FIGURE_KINDS,
        default="network",
        help="the kind of diagram (default: network)",
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
        "--roll-up",
        action="store_true",
        help="draw the rolled-up graph: a unit's or an official's claims also drawn for "
        "the state or government it belongs to",
    )
    d.add_argument(
        "--radius", type=_count, default=1, metavar="N", help="ego: hops out from --actor (1)"
    )
    d.add_argument(
        "--seed", type=int, default=0, metavar="N", help="network, snapshots: layout seed (0)"
    )
    d.add_argument(
        "--dpi", type=_dpi, default=200, metavar="N", help="resolution of PNG output (200)"
    )
    d.add_argument(
        "--types",
        action="append",
        metavar="TYPE",
        help="draw only these relation types (vocabulary ids), repeated or comma-separated",
    )
    d.add_argument(
        "--polarity",
        choices=("cooperative", "hostile", "structural", "+1", "-1", "0"),
        help="draw only relations of this sign (cooperative = +1, hostile = -1, incl. "
        "designations, structural = 0)",
    )
    d.add_argument(
        "--size",
        metavar="SIZE",
        help="print size: column, two-column, journal, slide, or a width such as 8cm or "
        "3.2in, or WxH such as 8x6cm (type, markers and lines follow it)",
    )
    d.add_argument("--no-legend", action="store_true", help="leave the legend out")
    d.add_argument(
        "--lang", metavar="LANG", help="names and labels in this language (e.g. ar), when recorded"
    )


def _add_convert(commands: _Subcommands) -> None:
    c = commands.add(
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
    _add_foreign(c)
    view = c.add_argument_group("the interactive HTML view (OUT ending in .html)")
    view.add_argument(
        "--at",
        metavar="DATE",
        help="open the view as of a date (YYYY, YYYY-MM or YYYY-MM-DD); the slider moves it",
    )
    view.add_argument("--title", help="the page's heading (default: the graph's name)")
    view.add_argument(
        "--embed",
        action="store_const",
        const=True,
        help="open in embed mode, for an article's iframe: the diagram, the date control "
        "and what is tapped",
    )
    view.add_argument(
        "--undated",
        choices=UNDATED_CHOICES,
        help="how the date slider shows claims without dates: faded, with a switch (mark, "
        "default), switched off (drop), as ordinary claims (keep), or from their first "
        "report on (reported)",
    )
    view.add_argument("--seed", type=int, help="the layout's seed (default 0)")
    view.add_argument(
        "--edge-labels",
        action=argparse.BooleanOptionalAction,
        help="write each relation's type on its line (default: for at most 60 relations)",
    )


def _add_foreign(p: argparse.ArgumentParser) -> None:
    """The options of the GraphML and GEXF readers for files from other tools."""
    foreign = p.add_argument_group(
        "GraphML and GEXF files from other tools (Gephi, yEd, Cytoscape, igraph, networkx)"
    )
    foreign.add_argument(
        "--name-attr",
        metavar="COLUMN",
        help="the node column holding the actor's name (default: name, label, ... as found)",
    )
    foreign.add_argument(
        "--type-attr",
        metavar="COLUMN",
        help="the edge column holding the relation type (default: type, relation_type, "
        "interaction, ... as found)",
    )
    foreign.add_argument(
        "--default-type",
        metavar="TYPE",
        help="the relation type of edges that name none (without it they are an error)",
    )


def _add_import(commands: _Subcommands) -> None:
    imp = commands.add(
        "import",
        "import ACLED, GDELT or UCDP event data, sanctions lists (FtM) or STIX",
        "Aggregate event data into relations, one per actor pair, type and period, or read "
        "a list of designations (ftm, wikidata) or a threat-intelligence bundle (stix). "
        "Rows with problems are skipped and listed (or fail the import with --strict). "
        "Needs DuckDB for acled and gdelt: pip install 'actorgraph[events]'.",
        json=True,
    )
    imp.add_argument(
        "dataset",
        choices=["acled", "gdelt", "ucdp", "ucdp-dyadic", "ucdp-ged", "ftm", "stix", "wikidata"],
        help="the dataset's layout (ucdp: the External Support Dataset; ucdp-dyadic: the "
        "Dyadic or dyadic battle-deaths dataset; ucdp-ged: GED events; ftm: FollowTheMoney "
        "entities such as an OpenSanctions export; stix: a STIX 2.1 or 2.0 bundle; "
        "wikidata: SPARQL JSON results of the P3461 query)",
    )
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
        "--date-format",
        dest="date_formats",
        action="append",
        metavar="FMT",
        help="acled: the format of event_date (strptime codes, e.g. %%d/%%m/%%Y; repeatable); "
        "by default detected from the whole column",
    )
    imp.add_argument(
        "--no-sources",
        action="store_true",
        help="acled: relations cite ACLED only, not the publishers of the source column",
    )
    imp.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="show progress on standard error (default: when it is a terminal)",
    )
    _add_import_dataset_options(imp)


def _add_import_dataset_options(imp: argparse.ArgumentParser) -> None:
    """The options of one dataset's reader (GDELT, UCDP)."""
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
        help="ucdp, ucdp-dyadic: one relation per year rather than per run of years",
    )
    imp.add_argument(
        "--level",
        choices=["triad", "actor-year"],
        help="ucdp: the ESD file's level (default: told from its columns)",
    )
    imp.add_argument(
        "--sheet", metavar="SHEET", help="ucdp*: the spreadsheet's sheet (default: the data's)"
    )
    imp.add_argument(
        "--member", metavar="NAME", help="ucdp*: the zip member to read (default: the only one)"
    )
    imp.add_argument(
        "--max-sources",
        type=int,
        metavar="N",
        help="gdelt, ucdp-ged: at most N per-event sources cited per relation (default 20)",
    )


def _add_diff_balance(commands: _Subcommands) -> None:
    df = commands.add(
        "diff",
        "what changed between two dates, or two files",
        "With --from and --to: the relations that began, ended or changed between two "
        "dates. With two files: actors and relations added, removed or changed, by id.",
        json=True,
    )
    _add_source(df)
    df.add_argument("other", nargs="?", metavar="NEW", help="a second file to compare with")
    df.add_argument("--from", dest="date_from", metavar="DATE", help="the earlier date")
    df.add_argument("--to", dest="date_to", metavar="DATE", help="the later date")
    df.add_argument(
        "--undated",
        choices=UNDATED_CHOICES,
        default="mark",
        help="claims without dates: listed apart (mark, default), left out (drop), held on "
        "every date (keep), or held from their first report on (reported)",
    )

    b = commands.add(
        "balance",
        "structural balance of the signed ties",
        "Triangle counts and index, Estrada's walk index and the frustration index of "
        "the signed ties (see the signed-networks guide).",
        json=True,
    )
    _add_source(b)
    _add_at(b, "measure the graph")
    b.add_argument("--exact", action="store_true", help="prove the frustration index optimal")
    b.add_argument(
        "--time-limit", type=_seconds, metavar="SECONDS", help="stop the frustration search"
    )
