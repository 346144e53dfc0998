"""Actor ids made from the names (keys) datasets give actors."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable

from ..model import match_key

_SLUG_DROP = re.compile(r"[^\w]+")


def slugify(name: str) -> str:
    """A deterministic actor id made from a name.

    The name's match key (case, Unicode form and apostrophes folded), accents
    removed from Latin letters, every run of other characters turned into one
    ``-``. Letters of other scripts are kept.

    Parameters
    ----------
    name : str
        An actor's name as a dataset writes it.

    Returns
    -------
    str
        The id: lower case, words joined by ``-``; ``"actor"`` when nothing is left.

    Examples
    --------
    >>> slugify("Military Forces of Syria (2000-2024)")
    'military-forces-of-syria-2000-2024'
    >>> slugify("Hayʼat Tahrir al-Sham"), slugify("Forces Armées")
    ('hay-at-tahrir-al-sham', 'forces-armees')
    >>> slugify("!!!")
    'actor'
    """
    key = match_key(name)
    decomposed = unicodedata.normalize("NFKD", key)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    slug = _SLUG_DROP.sub("-", unicodedata.normalize("NFC", stripped)).replace("_", "-")
    slug = re.sub("-+", "-", slug).strip("-")
    return slug or "actor"


def assign_ids(keys: Iterable[str]) -> dict[str, str]:
    """Actor ids for actor keys: the slug, or slug + a hash of the key on a clash.

    Of the keys that share a slug, the first in code-point order keeps the plain
    slug; the others get ``-`` and six hex digits of the SHA-1 of the key, so an
    id depends only on the key and on which other keys clash with it.
    """
    by_slug: dict[str, list[str]] = defaultdict(list)
    for k in sorted(set(keys)):
        by_slug[slugify(k)].append(k)
    out: dict[str, str] = {}
    for slug, ks in by_slug.items():
        out[ks[0]] = slug
        for k in ks[1:]:
            out[k] = f"{slug}-{hashlib.sha1(k.encode('utf-8')).hexdigest()[:6]}"
    return out
