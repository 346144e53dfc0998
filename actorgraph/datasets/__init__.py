"""Example datasets bundled with actorgraph.

Each dataset is a native actorgraph YAML document shipped inside this package
(``actorgraph/datasets/<name>.yaml``). Every relation in a bundled dataset cites
its source with a short verbatim quote, so each claim can be checked.

========================  ===================================================
name                      contents
========================  ===================================================
``aleppo-2024``           The HTS-led offensive on Aleppo, 27-30 November
                          2024, built from one news report (The Epoch Times,
                          30 November 2024, with The Associated Press).
========================  ===================================================

Examples
--------
>>> from actorgraph import datasets
>>> "aleppo-2024" in datasets.names()
True
>>> G = datasets.load("aleppo-2024")
>>> G.actor("HTS").name
'Hayʼat Tahrir al-Sham'
>>> sorted(r.source for r in G.relations(target="hts", type="designates_terrorist"))
['russia', 'usa']
"""

from __future__ import annotations

import atexit
import contextlib
import difflib
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import TYPE_CHECKING

from ..exceptions import DatasetNotFoundError

if TYPE_CHECKING:
    from ..graph import ActorGraph

__all__ = ["load", "names", "path"]

_SUFFIX = ".yaml"

# Holds the temporary copies made when the package is imported from a zip file;
# a plain installation hands out the real file and never uses it.
_extracted = contextlib.ExitStack()
atexit.register(_extracted.close)


def _bundled() -> dict[str, Traversable]:
    """The bundled dataset files by name, sorted by name."""
    found = {
        entry.name[: -len(_SUFFIX)]: entry
        for entry in resources.files(__name__).iterdir()
        if entry.name.endswith(_SUFFIX)
        and not entry.name.startswith((".", "_"))
        and entry.is_file()
    }
    return dict(sorted(found.items()))


def names() -> list[str]:
    """The names of the bundled datasets, sorted.

    Returns
    -------
    list of str
        Names that :func:`load` and :func:`path` accept.

    Examples
    --------
    >>> from actorgraph import datasets
    >>> "aleppo-2024" in datasets.names()
    True
    """
    return list(_bundled())


def _entry(name: str) -> Traversable:
    if not isinstance(name, str):
        raise TypeError(f"a dataset name must be text, not {type(name).__name__}")
    files = _bundled()
    key = name.strip().lower().replace("_", "-")
    if key.endswith(_SUFFIX):
        key = key[: -len(_SUFFIX)]
    if key in files:
        return files[key]
    available = list(files)
    close = difflib.get_close_matches(key, available, n=3, cutoff=0.5)
    msg = f"no dataset named {name!r}"
    if close:
        msg += "; did you mean " + " or ".join(repr(c) for c in close) + "?"
    msg += " Available: " + (", ".join(available) if available else "none") + "."
    raise DatasetNotFoundError(msg)


@cache
def _on_disk(filename: str) -> Path:
    entry = resources.files(__name__).joinpath(filename)
    if isinstance(entry, Path):
        return entry
    # Imported from a zip archive: copy the file out once, for this process.
    return _extracted.enter_context(resources.as_file(entry))


def path(name: str) -> Path:
    """The path of a bundled dataset file.

    Parameters
    ----------
    name : str
        A name from :func:`names` (case, ``_`` for ``-`` and a ``.yaml``
        suffix are tolerated).

    Returns
    -------
    pathlib.Path
        The YAML file. When actorgraph is imported from a zip archive the file
        is copied to a temporary location that lasts until the process exits.

    Raises
    ------
    DatasetNotFoundError
        When no bundled dataset has that name; the message suggests close
        names and lists the available ones.

    Examples
    --------
    >>> from actorgraph import datasets
    >>> datasets.path("aleppo-2024").name
    'aleppo-2024.yaml'
    >>> try:
    ...     datasets.path("Aleppo-2042")
    ... except KeyError as err:  # DatasetNotFoundError is also a KeyError
    ...     print(err)  # doctest: +ELLIPSIS
    no dataset named 'Aleppo-2042'; did you mean 'aleppo-2024'? Available: ...
    """
    return _on_disk(_entry(name).name)


def load(name: str) -> ActorGraph:
    """Load a bundled dataset as an :class:`~actorgraph.graph.ActorGraph`.

    Each call reads the file again and returns a new graph, so changing one
    loaded graph does not affect another.

    Parameters
    ----------
    name : str
        A name from :func:`names`.

    Returns
    -------
    ActorGraph
        The dataset; its ``attrs`` hold the description, the source and the
        license.

    Raises
    ------
    DatasetNotFoundError
        When no bundled dataset has that name; the message suggests close
        names and lists the available ones.

    Examples
    --------
    >>> from actorgraph import datasets
    >>> G = datasets.load("aleppo-2024")
    >>> G.name
    'aleppo-2024'
    >>> [a.name for a in G.actors(kind="state")]
    ['United States', 'Russia', 'Iran']
    >>> r = G.relation("russian-forces-attacks-hts")
    >>> r.status, r.asserted_by, r.attrs["claimed_fatalities"]
    ('alleged', 'oleg-ignasyuk', 200)
    """
    file = path(name)  # an unknown name is reported before the reader is imported
    from ..readwrite.document import read_yaml

    return read_yaml(file)
