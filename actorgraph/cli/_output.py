"""What the command line prints: readable text, aligned tables, JSON and one-line errors.

Readable output goes through :func:`echo`, which shows control characters as symbols (data
can carry them, and they would move the cursor, recolour or clear a terminal). JSON is
UTF-8 text with stable keys, made from the ``to_dict()`` of the library's result objects.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import sys
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..graph import ActorGraph
    from ..model import Relation, Source
    from ..query import Related
    from ..signed import BalanceReport

__all__ = [
    "Citations",
    "UsageError",
    "claim_text",
    "closing_pipe",
    "dump_json",
    "echo",
    "error_message",
    "fail",
    "show_answers",
    "show_balance",
    "show_changes",
    "show_info",
    "table",
]


class UsageError(Exception):
    """Bad command-line usage (exit code 2)."""


#: Control characters that would move the cursor, recolour or clear a terminal (tab and
#: newline excepted); data can carry them, so readable output shows them as symbols.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def _visible(m: re.Match[str]) -> str:
    c = ord(m.group())
    if c < 0x20:
        return chr(0x2400 + c)  # the Unicode control picture: ␛ for ESC
    return "\u2421" if c == 0x7F else "\ufffd"


def echo(text: object = "", *, err: bool = False) -> None:
    """Print readable output (stdout, or stderr with ``err``) with control characters shown.

    Examples
    --------
    >>> echo("bell\\x07")
    bell␇
    """
    print(_CONTROLS.sub(_visible, str(text)), file=sys.stderr if err else sys.stdout)


def dump_json(data: Any) -> None:
    """Print ``data`` as indented JSON, UTF-8 text rather than ``\\u`` escapes.

    Examples
    --------
    >>> dump_json({"name": "Hayʼat"})
    {
      "name": "Hayʼat"
    }
    """
    # default=str: free attrs read from other formats may hold values JSON has no type for
    print(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def table(rows: Sequence[Sequence[Any]], headers: Sequence[str], indent: str = "") -> None:
    """Print ``rows`` as aligned columns under ``headers``; numbers right-aligned.

    Examples
    --------
    >>> table([("a", 1), ("bb", 22)], ["name", "n"])
    name   n
    ----  --
    a      1
    bb    22
    """
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
        echo(indent + "  ".join(parts).rstrip())
        if n == 0:
            echo(indent + "  ".join("-" * w for w in widths))


def error_message(err: BaseException) -> str:
    """One line for an expected error: bad data or an operating-system refusal.

    Examples
    --------
    >>> error_message(KeyError("no actor matches 'x'"))
    "no actor matches 'x'"
    """
    if isinstance(err, UnicodeDecodeError):
        return f"not UTF-8 text: {err}"
    if isinstance(err, OSError) and err.filename and err.strerror:
        return f"{err.filename}: {err.strerror}"
    text = str(err)
    if isinstance(err, KeyError) and len(err.args) == 1 and text == repr(err.args[0]):
        text = str(err.args[0])  # KeyError quotes its message
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return "; ".join(lines) or type(err).__name__


def fail(message: str) -> None:
    """Print a problem to standard error as one ``actorgraph: ...`` line."""
    echo(f"actorgraph: {message}", err=True)


@contextlib.contextmanager
def closing_pipe() -> Iterator[None]:
    """Stop quietly when the reader of standard output goes away (``actorgraph ... | head``)."""
    try:
        yield
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


# -- what the commands print -----------------------------------------------------------------


def show_info(info: dict[str, Any], at: str | None) -> None:
    """Print a :func:`~actorgraph.report.describe` (as a dict) as text: a headline, then tables."""
    p0, p1 = info["period"]
    echo(
        f"{info['name'] or '(unnamed graph)'}: {info['actors']} actors, "
        f"{info['relations']} relations, {p0 or '…'} to {p1 or '…'}"
        + (f" (as of {at})" if at else "")
    )
    if info["title"]:
        echo(info["title"])
    if info.get("undated"):
        echo(f"{info['undated']} relations have no date (shown as 'date unknown' on any date)")
    for title, key, head in (
        ("Actor kinds", "kinds", "kind"),
        ("Relation types", "types", "type"),
        ("Status", "status", "status"),
        ("Sources", "sources", "source"),
    ):
        if info[key]:
            echo(f"\n{title}:")
            table(list(info[key].items()), [head, "relations" if key != "kinds" else "actors"])


def show_changes(found: dict[str, Any], old: str, new: str) -> None:
    """Print :func:`~actorgraph.report.compare` (as a dict) as ``+``, ``-`` and ``~`` lines."""
    echo(f"from {old} to {new}:")
    lines = [f"  + actor {a}" for a in found["actors_added"]]
    lines += [f"  - actor {a}" for a in found["actors_removed"]]
    lines += [f"  ~ actor {k}: {', '.join(v)}" for k, v in found["actors_changed"].items()]
    lines += [
        f"  + {r['id']}: {r['source']} {r['type']} {r['target']}" for r in found["relations_added"]
    ]
    lines += [
        f"  - {r['id']}: {r['source']} {r['type']} {r['target']}"
        for r in found["relations_removed"]
    ]
    lines += [f"  ~ {k}: {', '.join(v)}" for k, v in found["relations_changed"].items()]
    echo("\n".join(lines) if lines else "  no change")


def _num(x: float | None) -> str:
    return "n/a" if x is None else f"{x:.4f}"


def show_balance(r: BalanceReport, title: str) -> None:
    """Print a balance report as a table of measures, then the unbalanced triangles."""
    fr = "n/a" if r.frustration is None else str(r.frustration)
    if r.frustration is not None and not r.frustration_optimal:
        fr += " (not proven optimal)"
    rows = [
        ("signed ties", f"{r.ties} between {r.nodes} actors (+{r.positive} / -{r.negative})"),
        ("triangles", f"{r.triangles} ({r.balanced} balanced, {r.unbalanced} unbalanced)"),
        ("triangle index", _num(r.triangle_index)),
        ("walk index (Estrada)", _num(r.walk_index)),
        ("frustration index", fr),
        ("normalised (1 - 2L/m)", _num(r.normalized_frustration)),
    ]
    echo(f"{title}:")
    table(rows, ["measure", "value"], indent="  ")
    for t in r.unbalanced_triangles[:20]:
        echo("  unbalanced: " + " / ".join(str(x) for x in t))


class Citations:
    """Numbers each cited document once, in the order first cited (``[1]``, ``[2]``...).

    Examples
    --------
    >>> from actorgraph import Source
    >>> c = Citations()
    >>> ap = Source(publisher="AP", date="2024-11-30", quote="a")
    >>> c.cite([ap, ap.with_quote("b")]), c.cite([Source(publisher="AFP")])
    ('[1]', '[2]')
    >>> c.show()
    sources:
      [1] AP, 2024-11-30
      [2] AFP
    """

    def __init__(self) -> None:
        self.numbers: dict[Source, int] = {}

    def cite(self, sources: Sequence[Source]) -> str:
        """The numbers of ``sources`` (their documents, quotes aside), e.g. ``"[1]"``."""
        found: list[int] = []
        for s in sources:
            n = self.numbers.setdefault(s.document, len(self.numbers) + 1)
            if n not in found:
                found.append(n)
        return "".join(f"[{n}]" for n in found) if found else "(no source)"

    def show(self) -> None:
        """Print each document cited, once, with its number."""
        if not self.numbers:
            return
        echo("sources:")
        for doc, n in self.numbers.items():
            echo(f"  [{n}] {doc}")


def claim_text(G: ActorGraph, r: Relation) -> str:
    """One claim in words, with names: "Russia supports Syrian government (date unknown)".

    Examples
    --------
    >>> import actorgraph as ag
    >>> G = ag.datasets.load("aleppo-2024")
    >>> print(claim_text(G, G.relation("usa-designates-hts")))
    United States designates as terrorist Hayʼat Tahrir al-Sham (date unknown; reported by ...)
    """

    def name(actor_id: str) -> str:
        return G.actor(actor_id).name if G.has_actor(actor_id) else actor_id

    label = G.vocabulary[r.type].label if r.type in G.vocabulary else r.type
    text = f"{name(r.source)} {label} {name(r.target)}"
    if r.undated:
        seen = r.reported_by
        text += " (date unknown" + (f"; reported by {seen})" if seen is not None else ")")
    elif r.start is not None and r.start == r.end:
        text += f" ({r.start})"
    else:
        text += f" ({r.start or '…'} to {r.end or '…'})"
    if r.status is not None and r.status != "confirmed":
        text += f", {r.status}"
    if r.asserted_by is not None:
        text += f", says {name(r.asserted_by)}"
    via = r.attrs.get("derived_via")
    if via is not None:
        text += f"; derived: {via}"
    return text


def show_answers(G: ActorGraph, found: Sequence[Related]) -> None:
    """Each actor found, its claims in words with names, then each source once."""
    if not found:
        echo("(none)")
        return
    cited = Citations()
    for x in found:
        echo(x)
        for r in x.relations:
            echo(f"    {claim_text(G, r)} {cited.cite(r.sources)}")
    echo()
    cited.show()
