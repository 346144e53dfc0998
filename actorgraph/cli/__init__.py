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
``--format`` (``--from`` for ``convert``) names, read by its reader as an open file (GraphML,
GEXF, a CSV zip...); problems name ``<stdin>``.
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

The package: ``_parser`` builds the argument parser, ``_commands`` holds one function
per command, ``_io`` reads sources and writes graphs through the format registry of
:mod:`actorgraph.readwrite`, and ``_output`` prints text, tables, JSON and error lines.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..exceptions import ActorGraphError, SchemaError
from ._commands import COMMANDS
from ._io import load_source
from ._output import UsageError, closing_pipe, error_message, fail
from ._parser import build_parser

__all__ = ["UsageError", "build_parser", "load_source", "main"]


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
        with closing_pipe():
            return COMMANDS[args.command](args)
    except UsageError as err:
        if debug:
            raise
        fail(str(err))
        return 2
    except SchemaError as err:
        if debug:
            raise
        for prob in err.problems:
            fail(str(prob))
        return 1
    except (ActorGraphError, OSError, UnicodeDecodeError) as err:
        if debug:
            raise
        fail(error_message(err))
        return 1
    except KeyboardInterrupt:
        return 130
    except Exception as err:
        if debug:
            raise
        fail(f"internal error: {type(err).__name__}: {err} (run with --debug for the traceback)")
        return 3
