"""Columns found by name: without regard to case, under older names, each once.

A dataset's readers name the columns they use by their current names; a file
may write them in another case (``EVENT_DATE``) or under the name an older
layout used (``ALLY_ACTOR_1`` for ``assoc_actor_1``). :func:`resolve` finds
each column in a header and refuses a header that is not the dataset's,
listing the columns it does have.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..exceptions import Problem, SchemaError


def fold(name: str) -> str:
    """A column name as matched: trimmed, case-folded, a BOM removed.

    Examples
    --------
    >>> fold("  EVENT_DATE"), fold("\\ufeffevent_id_cnty")
    ('event_date', 'event_id_cnty')
    """
    return name.replace("\ufeff", "").strip().casefold()


def resolve(
    header: Sequence[str],
    aliases: Mapping[str, Sequence[str]],
    required: Sequence[str],
    *,
    file: str | None,
    dataset: str,
) -> dict[str, str | None]:
    """Each column a reader uses -> the header's name of it (``None`` when absent).

    Parameters
    ----------
    header : sequence of str
        The file's column names as read.
    aliases : mapping
        Every column the reader uses (its current name) -> older names of it.
    required : sequence of str
        The columns without which the file is not the dataset.
    file : str or None
        For messages.
    dataset : str
        For messages (``"ACLED"``).

    Raises
    ------
    SchemaError
        When a required column is missing (the columns found listed), or a
        column is given twice (in two cases, or under two names).

    Examples
    --------
    >>> resolve(["GWNO", "EVENT_DATE", "ALLY_ACTOR_1"],
    ...         {"event_date": (), "assoc_actor_1": ("ally_actor_1",), "actor2": ()},
    ...         ["event_date"], file="a.csv", dataset="ACLED")
    {'event_date': 'EVENT_DATE', 'assoc_actor_1': 'ALLY_ACTOR_1', 'actor2': None}
    """
    by_fold: dict[str, list[str]] = {}
    for h in header:
        by_fold.setdefault(fold(h), []).append(h)
    found: dict[str, str | None] = {}
    problems: list[Problem] = []
    line = 1 if file is not None else None
    for name, older in aliases.items():
        hits = [h for n in (name, *older) for h in by_fold.get(fold(n), [])]
        if len(hits) > 1:
            problems.append(
                Problem(
                    f"the column is given {len(hits)} times ({', '.join(map(repr, hits))}); "
                    "keep one",
                    file,
                    line,
                    name,
                )
            )
        found[name] = hits[0] if hits else None
    missing = [c for c in required if found.get(c) is None]
    if missing:
        shown = ", ".join(h for h in header) or "none"
        problems.append(
            Problem(
                f"not {dataset_article(dataset)} {dataset} export: missing column(s) "
                f"{', '.join(missing)} (the columns found: {shown})",
                file,
                line,
            )
        )
    if problems:
        raise SchemaError(problems)
    return found


def dataset_article(dataset: str) -> str:
    """``"an"`` before a vowel sound as dataset names are read (ACLED, UCDP), else ``"a"``."""
    return "an" if dataset[:1].upper() in "AEIOU" else "a"
