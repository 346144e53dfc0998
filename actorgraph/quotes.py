"""Quotes checked against the text they were read from.

Every claim cites its sources with a short quote; a quote is only worth something when
it is really in the source. A :class:`~actorgraph.model.Source` may name its
``archive``, the text it was read from (a file in the data file's folder), and a
``checksum`` of it. :func:`check_quotes` looks each quote up in its archive after
normalising what copying changes without changing the words: Unicode form, runs of
whitespace and line breaks, typographic quotes and apostrophes, dashes and hyphens, the
ellipsis, soft hyphens. A quote that is not found comes with the closest passage of the
archive, so the typo (or the paraphrase) shows; a placeholder quote (``"..."``,
``"TODO"``) is flagged whether or not there is an archive.

:func:`~actorgraph.lint.validate` reports what fails as findings; ``actorgraph validate``
checks the quotes of a file against the archives next to it.
"""

from __future__ import annotations

import difflib
import hashlib
import os
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from ._docstrings import shared_docs
from .graph import ActorGraph
from .model import Source

__all__ = ["QuoteCheck", "check_quotes", "closest_passage", "is_placeholder", "normalise"]

Status = Literal[
    "found", "missing", "placeholder", "no-archive", "archive-not-found", "archive-changed"
]

_FOLD: dict[int, str | None] = {
    **dict.fromkeys(map(ord, "\u2018\u2019\u201a\u201b\u2032\u02bc\u02bb\u0060\u00b4"), "'"),
    **dict.fromkeys(map(ord, "\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb"), '"'),
    **dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"), "-"),
    0x00AD: None,  # soft hyphen
    0x200B: None,  # zero-width space
    0x2026: "...",
}
_SPACE = re.compile(r"\s+")
_DASH_SPACE = re.compile(r" ?- ?")
_PLACEHOLDERS = frozenset(
    {"tbd", "tba", "todo", "fixme", "xxx", "quote", "placeholder", "n/a", "na", "none", "-"}
)
#: The largest archive read (bytes): a source text, not a corpus.
MAX_ARCHIVE_BYTES = 20_000_000


def normalise(text: str) -> str:
    """``text`` with what copying changes folded away: the key quotes are matched by.

    NFKC form; typographic quotes, apostrophes and primes to ``'`` and ``"``; every
    dash and minus to ``-`` (with the spaces around it dropped, so "war—a" matches
    "war - a"); the ellipsis character to ``...``; soft hyphens and zero-width spaces
    removed; runs of whitespace to one space. Case and letters are kept.

    Examples
    --------
    >>> normalise("they\\u2019ve  conducted\\nstrikes \\u2014 \\u201cintense\\u201d")
    'they\\'ve conducted strikes-"intense"'
    """
    folded = unicodedata.normalize("NFKC", text).translate(_FOLD)
    folded = _SPACE.sub(" ", folded).strip()
    return _DASH_SPACE.sub("-", folded)


def is_placeholder(quote: str) -> bool:
    """Whether a quote stands in for one: no letter or digit, or a word such as "TODO".

    Examples
    --------
    >>> [is_placeholder(q) for q in ("...", "TODO", "“…”", "HTS is designated.")]
    [True, True, True, False]
    """
    text = normalise(quote).casefold().strip(" .'\"[]()")
    if not any(ch.isalnum() for ch in text):
        return True
    return text in _PLACEHOLDERS or text.startswith("lorem ipsum")


def closest_passage(text: str, quote: str) -> tuple[str, float]:
    """The passage of ``text`` most like ``quote``, and how alike they are (0 to 1).

    Both are compared normalised (see :func:`normalise`); the passage is cut from the
    normalised text, as long as the quote, around the longest stretch they share.

    Examples
    --------
    >>> passage, score = closest_passage("The offensive began on Nov. 27 and spread.",
    ...                                  "The offensive started on Nov. 27")
    >>> passage, round(score, 2)
    ('The offensive began on Nov. 27 and', 0.81)
    """
    return _closest(normalise(text), normalise(quote))


def _closest(hay: str, needle: str) -> tuple[str, float]:
    """:func:`closest_passage` of a text and a quote normalised already."""
    if not hay or not needle:
        return "", 0.0
    if needle in hay:
        return needle, 1.0
    matcher = difflib.SequenceMatcher(None, hay, needle, autojunk=False)
    block = matcher.find_longest_match(0, len(hay), 0, len(needle))
    best, best_score = "", 0.0
    # the window that aligns the shared stretch, then windows around it: the best wins
    anchor = block.a - block.b
    for shift in range(-len(needle) // 4, len(needle) // 4 + 1, max(1, len(needle) // 20)):
        lo = max(0, anchor + shift)
        window = hay[lo : lo + len(needle)]
        score = difflib.SequenceMatcher(None, window, needle, autojunk=False).ratio()
        if score > best_score:
            best, best_score = window, score
    return _whole_words(hay, best), best_score


def _whole_words(hay: str, window: str) -> str:
    """``window`` widened to whole words of ``hay``."""
    at = hay.find(window)
    if at < 0 or not window:
        return window
    lo, hi = at, at + len(window)
    while lo > 0 and not hay[lo - 1].isspace():
        lo -= 1
    while hi < len(hay) and not hay[hi].isspace():
        hi += 1
    return hay[lo:hi]


@dataclass(frozen=True, slots=True)
class QuoteCheck:
    """What checking one quote found.

    ``status`` is ``"found"``, ``"missing"`` (not in the archive: ``closest`` and
    ``score`` say what is nearest), ``"placeholder"``, ``"no-archive"`` (the source
    names none, or no folder was given to find it in), ``"archive-not-found"`` or
    ``"archive-changed"`` (its checksum differs).
    """

    relation: str
    index: int
    quote: str
    status: Status
    archive: str | None = None
    closest: str = ""
    score: float = 0.0

    @property
    def ok(self) -> bool:
        """Whether the quote was found in its archive."""
        return self.status == "found"

    def __str__(self) -> str:
        where = f"{self.relation!r} (source {self.index + 1})"
        if self.status == "found":
            return f"{where}: the quote is in {self.archive}"
        if self.status == "placeholder":
            return f"{where}: the quote {self.quote!r} is a placeholder, not a quote"
        if self.status == "missing":
            return (
                f"{where}: the quote is not in {self.archive}; closest passage "
                f"({self.score:.0%} alike): {self.closest!r}"
            )
        if self.status == "archive-not-found":
            return f"{where}: the archive {self.archive!r} is not there"
        if self.status == "archive-changed":
            return f"{where}: the archive {self.archive!r} does not match its checksum"
        return f"{where}: no archive to check the quote against"

    def to_dict(self) -> dict[str, Any]:
        """The check as plain data (what ``validate --json`` reports).

        Examples
        --------
        >>> QuoteCheck("r1", 0, "...", "placeholder").to_dict()["status"]
        'placeholder'
        """
        return {
            "relation": self.relation,
            "index": self.index,
            "quote": self.quote,
            "status": self.status,
            "archive": self.archive,
            "closest": self.closest,
            "score": round(self.score, 3),
        }


Archives = str | os.PathLike[str] | Mapping[str, str]


@shared_docs
def check_quotes(G: ActorGraph, archives: Archives | None = None) -> list[QuoteCheck]:
    """Check every quote of every claim against the archived text of its source.

    Parameters
    ----------
    {G_view}
    archives : path or mapping, optional
        Where the archives are: the folder the ``archive`` paths are relative to (the
        data file's folder), or a mapping of ``archive`` names to texts. Default: no
        archive is read; only placeholder quotes are found.

    Returns
    -------
    list of QuoteCheck
        One per quote, in the order of the relations and their sources.

    Raises
    ------
    TypeError
        When ``G`` is not an ActorGraph or ``archives`` is neither a path nor a mapping.

    Examples
    --------
    >>> import actorgraph as ag
    >>> G = ag.datasets.load("aleppo-2024")
    >>> checks = check_quotes(G, ag.datasets.path("aleppo-2024").parent)
    >>> len(checks) > 20, all(c.ok for c in checks)
    (True, True)
    """
    if not isinstance(G, ActorGraph):
        raise TypeError(f"check_quotes() takes an ActorGraph, not {type(G).__name__}")
    if archives is not None and not isinstance(archives, (str, os.PathLike, Mapping)):
        raise TypeError(
            f"archives must be a folder or a mapping of names to texts, not "
            f"{type(archives).__name__}"
        )
    texts: dict[str, str | None] = {}  # normalised text by archive; None: not there / changed
    status: dict[str, Status] = {}
    out: list[QuoteCheck] = []
    for r in G.relations():
        for i, src in enumerate(r.sources):
            if src.quote is None:
                continue
            out.append(_check(r.id, i, src, archives, texts, status))
    return out


def _check(
    rid: str,
    i: int,
    src: Source,
    archives: Archives | None,
    texts: dict[str, str | None],
    status: dict[str, Status],
) -> QuoteCheck:
    quote = src.quote or ""
    if is_placeholder(quote):
        return QuoteCheck(rid, i, quote, "placeholder", src.archive)
    if src.archive is None or archives is None:
        return QuoteCheck(rid, i, quote, "no-archive", src.archive)
    key = f"{src.archive}\0{src.checksum}"
    if key not in texts:
        texts[key], status[key] = _read(src, archives)
    text = texts[key]
    if text is None:
        return QuoteCheck(rid, i, quote, status[key], src.archive)
    needle = normalise(quote)  # the archive text is normalised when read
    if needle in text:
        return QuoteCheck(rid, i, quote, "found", src.archive)
    passage, score = _closest(text, needle)
    return QuoteCheck(rid, i, quote, "missing", src.archive, passage, score)


def _read(src: Source, archives: Archives) -> tuple[str | None, Status]:
    """The normalised archive text of ``src`` (None when missing or changed)."""
    name = src.archive or ""
    if isinstance(archives, Mapping):
        raw = archives.get(name)
        if raw is None:
            return None, "archive-not-found"
        data = raw.encode("utf-8")
    else:
        path = Path(archives) / name
        try:
            if not path.is_file() or path.stat().st_size > MAX_ARCHIVE_BYTES:
                return None, "archive-not-found"
            data = path.read_bytes()
        except OSError:
            return None, "archive-not-found"
    if src.checksum is not None and "sha256:" + hashlib.sha256(data).hexdigest() != src.checksum:
        return None, "archive-changed"
    return normalise(data.decode("utf-8", errors="replace")), "found"
