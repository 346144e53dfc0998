"""Value objects: :class:`PartialDate`, :class:`Source`, :class:`Actor`, :class:`Relation`.

All four are frozen, slotted dataclasses validated on construction: a bad value
raises :class:`~actorgraph.exceptions.ValidationError` listing every problem
found, never a half-built object.

Date semantics
--------------
A :class:`PartialDate` ("2011", "2024-11", "2024-11-27") covers an interval of
days, from :attr:`PartialDate.first_day` to :attr:`PartialDate.last_day`. A
relation with ``start`` *s* and ``end`` *e* is active on day *d* when
``s.first_day <= d <= e.last_day``; a missing start means "since ever known",
a missing end means "ongoing". ``start == end`` is an instant (one day, month
or year, by precision). A relation with neither is *undated*
(:attr:`Relation.undated`): time views treat it by their ``undated=`` policy
(:data:`Undated`), not as holding on every date. An end is "before" a start
only when ``end.last_day < start.first_day``, so ``start="2024-11-27",
end="2024-11"`` is allowed.
"""

from __future__ import annotations

import calendar
import datetime as _dt
import math
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields
from functools import lru_cache
from typing import Any, Literal, NoReturn

from .exceptions import DateError, ReadOnlyGraphError, ValidationError

__all__ = [
    "ACTOR_FIELDS",
    "NO_ATTRS",
    "RELATION_FIELDS",
    "RESERVED_ACTOR_ATTRS",
    "RESERVED_RELATION_ATTRS",
    "STATUSES",
    "UNDATED_POLICIES",
    "Actor",
    "DateLike",
    "FrozenDict",
    "FrozenList",
    "PartialDate",
    "Precision",
    "Relation",
    "Source",
    "Undated",
    "freeze_attrs",
    "match_key",
]

Precision = Literal["year", "month", "day"]
STATUSES: tuple[str, ...] = ("confirmed", "alleged", "disputed")
#: How a time view treats an undated claim (one with neither ``start`` nor ``end``):
#: ``"mark"`` keeps it, unchanged, and says so (the view's label counts such claims; figures
#: draw them as "date unknown"); ``"drop"`` leaves it out; ``"keep"`` takes it to hold on
#: every date (the open-ended reading, stated as an assumption); ``"reported"`` takes it to
#: hold from the earliest date of its sources (:attr:`Relation.reported_by`) on, and leaves it
#: out when no source is dated. See ``docs/explanation/dates.md``.
Undated = Literal["mark", "drop", "keep", "reported"]
#: The values of :data:`Undated`, the default first.
UNDATED_POLICIES: tuple[str, ...] = ("mark", "drop", "keep", "reported")

_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_APOSTROPHES: dict[int, str | None] = dict.fromkeys(
    map(ord, "\u2019\u2018\u02bc\u02bb\u0060\u00b4"), "'"
)
_APOSTROPHES[0x0640] = None  # Arabic tatweel (kashida) carries no meaning
_WS_RE = re.compile(r"\s+")
_MAX_ORDINAL = _dt.date.max.toordinal()


def _read_only(self: Any, *args: Any, **kwargs: Any) -> NoReturn:
    raise ReadOnlyGraphError(self.READ_ONLY_HINT)


class FrozenDict(dict[str, Any]):
    """A dict that refuses every change: the ``attrs`` and ``ids`` of actors and relations.

    It is a real :class:`dict` (``json.dumps`` and ``isinstance(x, dict)`` work), so
    reading code needs no special case.

    Examples
    --------
    >>> d = FrozenDict({"a": 1})
    >>> d["a"], d == {"a": 1}
    (1, True)
    >>> d["b"] = 2
    Traceback (most recent call last):
    ...
    actorgraph.exceptions.ReadOnlyGraphError: actors, relations and views are read-only: ...
    """

    __slots__ = ()
    #: What the error says when a change is attempted (subclasses say it for their place).
    READ_ONLY_HINT = (
        "actors, relations and views are read-only: use replace(), G.update_actor() or "
        "G.update_relation() for a changed copy"
    )
    __setitem__ = __delitem__ = _read_only
    update = setdefault = pop = popitem = clear = _read_only
    __ior__ = _read_only

    def __reduce__(self) -> tuple[Any, ...]:
        return (FrozenDict, (dict(self),))

    def __copy__(self) -> FrozenDict:
        return self

    def __deepcopy__(self, memo: dict[int, Any]) -> FrozenDict:
        import copy

        return FrozenDict(copy.deepcopy(dict(self), memo))


class FrozenList(list[Any]):
    """A list that refuses every change: lists inside the ``attrs`` of actors and relations.

    It is a real :class:`list` (it compares equal to one, and JSON writes it as one).

    Examples
    --------
    >>> tags = FrozenList(["a", "b"])
    >>> tags == ["a", "b"], tags[0]
    (True, 'a')
    >>> tags.append("c")
    Traceback (most recent call last):
    ...
    actorgraph.exceptions.ReadOnlyGraphError: actors, relations and views are read-only: ...
    """

    __slots__ = ()
    READ_ONLY_HINT = FrozenDict.READ_ONLY_HINT
    __setitem__ = __delitem__ = __iadd__ = __imul__ = _read_only
    append = extend = insert = pop = remove = clear = sort = reverse = _read_only

    def __reduce__(self) -> tuple[Any, ...]:
        return (FrozenList, (list(self),))

    def __copy__(self) -> FrozenList:
        return self

    def __deepcopy__(self, memo: dict[int, Any]) -> FrozenList:
        import copy

        return FrozenList(copy.deepcopy(list(self), memo))


#: Types whose values are kept as they are inside frozen attrs (checked by ``type``, not
#: ``isinstance``: a subclass of ``str`` or ``int`` takes the general path).
_PLAIN = frozenset({str, int, float, bool, type(None)})


def _frozen(value: Any) -> Any:
    kind = type(value)
    if kind in _PLAIN or kind is FrozenDict or kind is FrozenList:
        return value
    if isinstance(value, (FrozenDict, FrozenList)):
        return value
    if isinstance(value, Mapping):
        return FrozenDict({k: _frozen(v) for k, v in value.items()})
    if isinstance(value, list):
        plain = _PLAIN
        return FrozenList([v if type(v) in plain else _frozen(v) for v in value])
    return value


def freeze_attrs(attrs: Mapping[str, Any]) -> FrozenDict:
    """``attrs`` as a :class:`FrozenDict`, with the dicts and lists inside it frozen too.

    A copy: what the caller goes on doing with the mapping it passed changes nothing.

    Examples
    --------
    >>> tags = ["a"]
    >>> frozen = freeze_attrs({"tags": tags, "n": 1})
    >>> tags.append("b")
    >>> frozen
    {'tags': ['a'], 'n': 1}
    """
    if not attrs:
        return NO_ATTRS
    plain = _PLAIN
    values = attrs.values()
    if all(type(v) in plain for v in values):
        return FrozenDict(attrs)  # one copy, as the caller's mapping must not be shared
    return FrozenDict({k: _frozen(v) for k, v in attrs.items()})


#: The ``attrs`` of every relation without attributes (read-only, shared).
NO_ATTRS: FrozenDict = FrozenDict()


def match_key(text: str) -> str:
    """Return the key used to match actor references.

    NFKC normalisation, case folding, the apostrophe family (U+2019, U+2018,
    U+02BC, U+02BB, U+0060, U+00B4) folded to ``'``, Arabic tatweel removed and
    runs of whitespace collapsed to one space.

    Parameters
    ----------
    text : str
        An actor id, name or alias, as written.

    Returns
    -------
    str
        The key; two references find the same actor when their keys are equal.

    See Also
    --------
    ActorGraph : Its ``actor()`` method looks actors up by this key.

    Examples
    --------
    >>> match_key("Hayʼat  Tahrir al-Sham") == match_key("hay'at tahrir AL-SHAM")
    True
    >>> match_key("  Jabhat\\tal-Nusra ")
    'jabhat al-nusra'
    """
    # Fold the apostrophes first: NFKC would decompose U+00B4 into a space and an accent.
    folded = unicodedata.normalize("NFKC", text.translate(_APOSTROPHES)).casefold()
    folded = folded.translate(_APOSTROPHES)
    return _WS_RE.sub(" ", folded).strip()


@dataclass(frozen=True, slots=True, order=False)
class PartialDate:
    """A calendar date known to the year, the month or the day.

    Parameters
    ----------
    year : int
        1 to 9999.
    month : int, optional
        1 to 12; required when ``day`` is given.
    day : int, optional
        A real day of that month.

    Examples
    --------
    >>> d = PartialDate.parse("2024-11")
    >>> d.precision, str(d.first_day), str(d.last_day)
    ('month', '2024-11-01', '2024-11-30')
    >>> str(d)
    '2024-11'
    >>> PartialDate.parse("2011") < PartialDate.parse("2024-11-27")
    True
    """

    year: int
    month: int | None = None
    day: int | None = None
    #: Ordinal (``date.toordinal()``) of the first and last day covered.
    lo: int = field(init=False, repr=False, compare=False, hash=False)
    hi: int = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        problems = []
        for name in ("year", "month", "day"):
            v = getattr(self, name)
            if v is not None and (not isinstance(v, int) or isinstance(v, bool)):
                problems.append(f"{name} must be an integer, not {type(v).__name__}")
        if problems:
            raise DateError("; ".join(problems), problems)
        if not 1 <= self.year <= 9999:
            raise DateError(f"year {self.year} is out of range 1..9999")
        if self.month is None:
            if self.day is not None:
                raise DateError("a day needs a month")
            lo = _dt.date(self.year, 1, 1)
            hi = _dt.date(self.year, 12, 31)
        else:
            if not 1 <= self.month <= 12:
                raise DateError(f"month {self.month} is out of range 1..12")
            last = calendar.monthrange(self.year, self.month)[1]
            if self.day is None:
                lo = _dt.date(self.year, self.month, 1)
                hi = _dt.date(self.year, self.month, last)
            elif not 1 <= self.day <= last:
                raise DateError(
                    f"day {self.day} does not exist in {self.year:04d}-{self.month:02d}"
                )
            else:
                lo = hi = _dt.date(self.year, self.month, self.day)
        object.__setattr__(self, "lo", lo.toordinal())
        object.__setattr__(self, "hi", hi.toordinal())

    @classmethod
    def parse(cls, value: DateLike) -> PartialDate:
        """Make a partial date from a string, a ``date``, a year or a partial date.

        Accepted strings are ``YYYY``, ``YYYY-MM`` and ``YYYY-MM-DD``; a
        ``datetime.datetime`` keeps only its date.

        Raises
        ------
        DateError
            When the value is not a date in one of those forms.

        Examples
        --------
        >>> PartialDate.parse("2024-11-27").precision
        'day'
        >>> PartialDate.parse(2016)
        PartialDate('2016')
        """
        if isinstance(value, PartialDate):
            return value
        if isinstance(value, str):
            return _parse_str(value)
        if isinstance(value, _dt.date):  # datetime is a date too
            return cls(value.year, value.month, value.day)
        if isinstance(value, int) and not isinstance(value, bool):
            return cls(value)
        raise DateError(f"expected a date such as '2011', '2024-11' or '2024-11-27', got {value!r}")

    @property
    def precision(self) -> Precision:
        """``"year"``, ``"month"`` or ``"day"``."""
        if self.month is None:
            return "year"
        return "month" if self.day is None else "day"

    @property
    def first_day(self) -> _dt.date:
        """The first day the date covers."""
        return _dt.date.fromordinal(self.lo)

    @property
    def last_day(self) -> _dt.date:
        """The last day the date covers."""
        return _dt.date.fromordinal(self.hi)

    def contains(self, day: DateLike) -> bool:
        """Whether every day of ``day`` lies inside this date.

        Examples
        --------
        >>> PartialDate.parse("2024").contains("2024-11-27")
        True
        """
        other = PartialDate.parse(day)
        return self.lo <= other.lo and other.hi <= self.hi

    def _key(self) -> tuple[int, int]:
        return (self.lo, self.hi)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self._key() < other._key()

    def __le__(self, other: object) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self._key() <= other._key()

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self._key() > other._key()

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self._key() >= other._key()

    def __str__(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def __repr__(self) -> str:
        return f"PartialDate('{self}')"


DateLike = str | int | _dt.date | PartialDate


@lru_cache(maxsize=65536)
def _parse_str(text: str) -> PartialDate:
    m = _DATE_RE.match(text.strip())
    if m is None:
        raise DateError(
            f"{text!r} is not a date; write YYYY, YYYY-MM or YYYY-MM-DD (e.g. '2024-11-27')"
        )
    y, mo, d = m.groups()
    try:
        return PartialDate(int(y), int(mo) if mo else None, int(d) if d else None)
    except DateError as err:
        raise DateError(f"{text!r} is not a real date: {err}") from None


def _opt_date(value: DateLike | None, name: str, problems: list[str]) -> PartialDate | None:
    if value is None or value == "":
        return None
    try:
        return PartialDate.parse(value)
    except DateError as err:
        problems.append(f"{name}: {err}")
        return None


def _text(value: Any, name: str, problems: list[str], *, required: bool = False) -> str | None:
    if value is None or (value == "" and not required):
        if required:
            problems.append(f"{name} is required")
        return None
    if not isinstance(value, str):
        problems.append(f"{name} must be text, not {type(value).__name__}")
        return None
    text: str = unicodedata.normalize("NFC", value)
    if required and not text.strip():
        problems.append(f"{name} must not be blank")
        return None
    return text


_CHECKSUM_RE = re.compile(r"^sha256:[0-9a-f]{64}$")
_ALLOWED_URL = re.compile(r"^(https?|ftp|mailto|urn|doi):", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Source:
    """A source that backs a claim: a document and, optionally, a short quote.

    At least one of ``publisher``, ``title`` or ``url`` is required. URLs must
    be ``http(s)``, ``ftp``, ``mailto``, ``urn`` or ``doi`` (no ``javascript:``).

    ``archive`` names the text the source was read from: a file in the folder of the
    data file (a relative path, no ``..``), against which ``validate`` checks each quote;
    ``checksum`` (``"sha256:"`` and 64 hex digits) pins that text, so a changed file is
    noticed.

    Examples
    --------
    >>> s = Source(publisher="The Epoch Times", title="Syrian Government Forces Regrouping",
    ...            date="2024-11-30", quote="The offensive began on Nov. 27")
    >>> s.date
    PartialDate('2024-11-30')
    >>> s.document == s.with_quote(None)
    True
    """

    publisher: str | None = None
    title: str | None = None
    author: str | None = None
    date: PartialDate | None = None
    url: str | None = None
    quote: str | None = None
    archive: str | None = None
    checksum: str | None = None

    def __post_init__(self) -> None:
        problems: list[str] = []
        for name in ("publisher", "title", "author", "url", "quote", "archive", "checksum"):
            object.__setattr__(self, name, _text(getattr(self, name), name, problems))
        if self.archive is not None:
            parts = self.archive.replace("\\", "/").split("/")
            if self.archive.startswith(("/", "\\")) or ".." in parts or ":" in parts[0]:
                problems.append(
                    f"archive {self.archive!r} must be a path inside the data file's folder "
                    "(relative, without '..')"
                )
        if self.checksum is not None and not _CHECKSUM_RE.match(self.checksum):
            problems.append(
                f"checksum {self.checksum!r} must be 'sha256:' followed by 64 hex digits"
            )
        object.__setattr__(self, "date", _opt_date(self.date, "date", problems))
        if not (self.publisher or self.title or self.url) and not problems:
            problems.append("a source needs a publisher, a title or a url")
        if self.url is not None and not _ALLOWED_URL.match(self.url.strip()):
            problems.append(f"url {self.url!r} must start with http://, https://, ftp:, doi: ...")
        if problems:
            raise ValidationError("invalid source: " + "; ".join(problems), problems)

    @classmethod
    def coerce(cls, value: Source | Mapping[str, Any]) -> Source:
        """Return ``value`` as a :class:`Source` (a mapping's keys are the fields)."""
        if isinstance(value, Source):
            return value
        if isinstance(value, Mapping):
            unknown = set(value) - set(cls.__slots__)
            if unknown:
                raise ValidationError(
                    "invalid source: unknown field(s) " + ", ".join(sorted(map(str, unknown)))
                )
            return cls(**value)
        raise ValidationError(f"a source must be a Source or a mapping, not {type(value).__name__}")

    @property
    def document(self) -> Source:
        """The source without its quote: what a registry of sources stores once."""
        return self if self.quote is None else self.with_quote(None)

    def with_quote(self, quote: str | None) -> Source:
        """A copy with another quote."""
        return Source(
            self.publisher,
            self.title,
            self.author,
            self.date,
            self.url,
            quote,
            self.archive,
            self.checksum,
        )

    def to_dict(self) -> dict[str, str]:
        """The fields that are set, as plain strings."""
        out: dict[str, str] = {}
        for name in self.__slots__:
            v = getattr(self, name)
            if v is not None:
                out[name] = str(v)
        return out

    def __str__(self) -> str:
        parts = [
            p for p in (self.publisher, self.title, str(self.date) if self.date else None) if p
        ]
        return ", ".join(parts) or (self.url or "")


def _check_id(value: Any, name: str, problems: list[str]) -> str:
    if not isinstance(value, str) or not value.strip():
        problems.append(f"{name} must be non-blank text, got {value!r}")
        return str(value)
    if value != value.strip() or not value.isprintable():
        problems.append(
            f"{name} {value!r} has surrounding whitespace or characters that do not print"
        )
    return value


def _check_attrs(attrs: Any, problems: list[str], reserved: frozenset[str]) -> dict[str, Any]:
    if attrs is None:
        return NO_ATTRS
    # Fast path (the common case): a plain dict of text keys, none of them reserved.
    if type(attrs) is dict and reserved.isdisjoint(attrs) and all(type(k) is str for k in attrs):
        return freeze_attrs(attrs)
    if not isinstance(attrs, Mapping):
        problems.append(f"attrs must be a mapping, not {type(attrs).__name__}")
        return NO_ATTRS
    if not attrs:
        return NO_ATTRS
    bad = [k for k in attrs if not isinstance(k, str)]
    if bad:
        problems.append(f"attrs keys must be text, got {bad[:3]!r}")
    clash = sorted(k for k in attrs if k in reserved)
    if clash:
        problems.append(f"attrs may not use the field name(s) {', '.join(map(repr, clash))}")
    return freeze_attrs(attrs)


@dataclass(frozen=True, slots=True)
class Actor:
    """A political actor: a state, government, armed group, ministry, person...

    Parameters
    ----------
    id : str
        Stable identifier (a slug such as ``"hts"``).
    name : str, optional
        Display name as written (NFC-normalised); defaults to ``id``.
    kind : str, optional
        ``state``, ``government``, ``armed_group``, ``organization``,
        ``ministry``, ``military``, ``person``, ``media``... (free text).
    aliases : sequence of str
        Other names the actor is found by.
    start, end : partial date, optional
        The period the actor existed (a government that fell, a group that
        rebranded); ``as_of`` drops the actor outside it.
    ids : mapping of str to str
        Crosswalk identifiers, e.g. ``{"wikidata": "Q..."}``.
    attrs : mapping
        Free attributes.

    Examples
    --------
    >>> a = Actor("hts", name="Hayʼat Tahrir al-Sham", kind="armed_group", aliases=["HTS"],
    ...           start="2017-01")
    >>> a.aliases, a.start
    (('HTS',), PartialDate('2017-01'))
    >>> a.exists_on("2016-12-31")
    False
    """

    id: str
    name: str = ""
    kind: str | None = None
    aliases: tuple[str, ...] = ()
    start: PartialDate | None = None
    end: PartialDate | None = None
    ids: dict[str, str] = field(default_factory=dict, hash=False)
    attrs: dict[str, Any] = field(default_factory=dict, hash=False)

    def __post_init__(self) -> None:
        problems: list[str] = []
        _check_id(self.id, "id", problems)
        name = _text(self.name or self.id, "name", problems, required=True)
        object.__setattr__(self, "name", name if name is not None else str(self.id))
        object.__setattr__(self, "kind", _text(self.kind, "kind", problems))
        aliases: Any = self.aliases
        if isinstance(aliases, str) or not isinstance(aliases, Iterable | None):
            what = "one text" if isinstance(aliases, str) else type(aliases).__name__
            hint = f"; write aliases=[{aliases!r}] for one" if isinstance(aliases, str) else ""
            problems.append(f"aliases must be a list of names, not {what}{hint}")
            aliases = ()
        # dict.fromkeys: the aliases once each, in order, in linear time
        clean: dict[str, None] = {}
        for i, a in enumerate(aliases or ()):
            t = _text(a, f"aliases[{i}]", problems, required=True)
            if t is not None:
                clean[t] = None
        object.__setattr__(self, "aliases", tuple(clean))
        start = _opt_date(self.start, "start", problems)
        end = _opt_date(self.end, "end", problems)
        object.__setattr__(self, "start", start)
        object.__setattr__(self, "end", end)
        if start and end and end.hi < start.lo:
            problems.append(f"end {end} is before start {start}")
        ids = self.ids or {}
        if not isinstance(ids, Mapping):
            problems.append(f"ids must be a mapping, not {type(ids).__name__}")
            ids = {}
        for k, v in ids.items():
            if not isinstance(k, str) or not isinstance(v, str) or not v:
                problems.append(f"ids[{k!r}] must map text to non-empty text, got {v!r}")
        object.__setattr__(self, "ids", FrozenDict(ids))
        object.__setattr__(self, "attrs", _check_attrs(self.attrs, problems, RESERVED_ACTOR_ATTRS))
        if problems:
            raise ValidationError(f"invalid actor {self.id!r}: " + "; ".join(problems), problems)

    def to_dict(self) -> dict[str, Any]:
        """The fields that are set, as plain data (dates as text, ``attrs`` nested).

        Examples
        --------
        >>> Actor("hts", kind="armed_group", aliases=["HTS"], start="2017-01").to_dict()
        {'id': 'hts', 'name': 'hts', 'kind': 'armed_group', 'aliases': ['HTS'], 'start': '2017-01'}
        """
        out: dict[str, Any] = {"id": self.id, "name": self.name}
        if self.kind is not None:
            out["kind"] = self.kind
        if self.aliases:
            out["aliases"] = list(self.aliases)
        if self.start is not None:
            out["start"] = str(self.start)
        if self.end is not None:
            out["end"] = str(self.end)
        if self.ids:
            out["ids"] = dict(self.ids)
        if self.attrs:
            out["attrs"] = _plain(self.attrs)
        return out

    def to_flat(self) -> dict[str, Any]:
        """The fields but ``id``, flat: ``attrs`` merged in (the node data of ``to_networkx``).

        Examples
        --------
        >>> Actor("ru", name="Russia", kind="state", attrs={"iso3": "RUS"}).to_flat()
        {'name': 'Russia', 'kind': 'state', 'iso3': 'RUS'}
        """
        out = self.to_dict()
        del out["id"]
        out.update(out.pop("attrs", {}))
        return out

    @property
    def names(self) -> tuple[str, ...]:
        """The name followed by the aliases."""
        return (self.name, *self.aliases)

    def exists_on(self, day: DateLike) -> bool:
        """Whether the actor existed on (some part of) ``day``."""
        d = PartialDate.parse(day)
        return _active(self.start, self.end, d.lo, d.hi)

    def replace(self, **changes: Any) -> Actor:
        """A copy with some fields changed (validated again)."""
        fields = {n: getattr(self, n) for n in self.__slots__ if not n.startswith("_")}
        fields.update(changes)
        return Actor(**fields)


def _active(start: PartialDate | None, end: PartialDate | None, first: int, last: int) -> bool:
    """Whether [start, end] overlaps the day ordinals [first, last]."""
    if start is not None and start.lo > last:
        return False
    return not (end is not None and end.hi < first)


@dataclass(frozen=True, slots=True, init=False)
class Relation:
    """A claim: ``source`` -``type``-> ``target`` over a period, with its sources.

    ``source``, ``target`` and ``asserted_by`` are actor ids; ``type`` is a
    relation type id of the vocabulary in use (checked by the graph, not here).

    Parameters
    ----------
    id : str
        Unique within a graph.
    source, type, target : str
        Who does what to whom.
    start, end : partial date, optional
        Validity; open ends allowed, ``start == end`` is an instant.
    sources : sequence of Source or mapping
        What backs the claim.
    confidence : float, optional
        0 to 1.
    status : {"confirmed", "alleged", "disputed"}, optional
    asserted_by : str, optional
        The actor who makes the claim (e.g. a ministry's statement).
    attrs : mapping
        Free attributes.

    Examples
    --------
    >>> r = Relation("r1", "usa", "designates_terrorist", "hts", start="2018-05",
    ...              sources=[{"publisher": "US State Department"}], status="confirmed")
    >>> r.active_on("2024-11-30"), r.active_on("2018-04-30")
    (True, False)
    """

    id: str
    source: str
    type: str
    target: str
    start: PartialDate | None = None
    end: PartialDate | None = None
    sources: tuple[Source, ...] = ()
    confidence: float | None = None
    status: str | None = None
    asserted_by: str | None = None
    attrs: dict[str, Any] = field(default_factory=dict, hash=False)

    def __init__(
        self,
        id: str,
        source: str,
        type: str,
        target: str,
        start: DateLike | None = None,
        end: DateLike | None = None,
        sources: Iterable[Source | Mapping[str, Any]] = (),
        confidence: float | None = None,
        status: str | None = None,
        asserted_by: str | None = None,
        attrs: Mapping[str, Any] | None = None,
    ) -> None:
        # Written out (not generated) so the constructor accepts what the
        # fields are made from: date text, source mappings, any attrs mapping.
        sa = object.__setattr__
        sa(self, "id", id)
        sa(self, "source", source)
        sa(self, "type", type)
        sa(self, "target", target)
        sa(self, "start", start)
        sa(self, "end", end)
        sa(self, "sources", sources)
        sa(self, "confidence", confidence)
        sa(self, "status", status)
        sa(self, "asserted_by", asserted_by)
        sa(self, "attrs", NO_ATTRS if attrs is None else attrs)
        self.__post_init__()

    def __post_init__(self) -> None:
        # Written for speed: bulk loads build millions of these. Cheap checks
        # first; the problem list is only filled on the slow path.
        problems: list[str] = []
        sa = object.__setattr__
        for name in ("id", "source", "type", "target"):
            v = getattr(self, name)
            if not (type(v) is str and v and v.isprintable() and v.strip() is v):
                _check_id(v, name, problems)
        start: Any = self.start
        end: Any = self.end
        if start is not None and type(start) is not PartialDate:
            if type(start) is str and start:
                try:  # the lru_cache'd parser, without two Python calls around it
                    start = _parse_str(start)
                except DateError:  # the slow path words the problem
                    start = _opt_date(start, "start", problems)
            else:
                start = _opt_date(start, "start", problems)
            sa(self, "start", start)
        if end is not None and type(end) is not PartialDate:
            if type(end) is str and end:
                try:
                    end = _parse_str(end)
                except DateError:  # the slow path words the problem
                    end = _opt_date(end, "end", problems)
            else:
                end = _opt_date(end, "end", problems)
            sa(self, "end", end)
        if start is not None and end is not None and end.hi < start.lo:
            problems.append(f"end {end} is before start {start}")
        raw: Any = self.sources
        if raw and not (type(raw) is tuple and all(type(x) is Source for x in raw)):
            if isinstance(raw, (Source, Mapping)):
                raw = (raw,)
            srcs: list[Source] = []
            for i, src in enumerate(raw):
                if type(src) is Source:
                    srcs.append(src)
                    continue
                try:
                    srcs.append(Source.coerce(src))
                except ValidationError as err:
                    problems.extend(f"sources[{i}]: {p}" for p in err.problems)
            sa(self, "sources", tuple(srcs))
        elif type(raw) is not tuple:
            sa(self, "sources", ())
        c = self.confidence
        if c is not None and (type(c) is not float or not 0.0 <= c <= 1.0):
            if isinstance(c, bool) or not isinstance(c, (int, float)):
                problems.append(f"confidence must be a number in 0..1, got {c!r}")
            elif not (math.isfinite(c) and 0.0 <= c <= 1.0):
                problems.append(f"confidence must be in 0..1, got {c!r}")
            else:
                sa(self, "confidence", float(c))
        if self.status is not None and self.status not in STATUSES:
            problems.append(f"status must be one of {', '.join(STATUSES)}, got {self.status!r}")
        if self.asserted_by is not None:
            _check_id(self.asserted_by, "asserted_by", problems)
        attrs = self.attrs
        if attrs or type(attrs) is not dict:
            attrs = _check_attrs(attrs, problems, RESERVED_RELATION_ATTRS)
        # No attributes (the common case): one shared read-only mapping, not a
        # 64-byte empty dict per relation.
        sa(self, "attrs", attrs if attrs else NO_ATTRS)
        if problems:
            raise ValidationError(f"invalid relation {self.id!r}: " + "; ".join(problems), problems)

    def __str__(self) -> str:
        text = f"{self.source} {self.type} {self.target}"
        if self.start is not None or self.end is not None:
            if self.start is not None and self.start == self.end:
                text += f" [{self.start}]"
            else:
                text += f" [{self.start or '…'} to {self.end or '…'}]"
        if self.status is not None:
            text += f" ({self.status})"
        if self.asserted_by is not None:
            text += f", says {self.asserted_by}"
        return text

    def __reduce__(self) -> tuple[Any, ...]:
        # Pickle and (deep)copy through the constructor: an empty ``attrs`` is
        # a shared read-only mapping, which cannot be pickled itself.
        return (
            Relation,
            (
                self.id,
                self.source,
                self.type,
                self.target,
                self.start,
                self.end,
                self.sources,
                self.confidence,
                self.status,
                self.asserted_by,
                dict(self.attrs),
            ),
        )

    def to_dict(self) -> dict[str, Any]:
        """The fields that are set, as plain data (dates as text, sources as dicts).

        Examples
        --------
        >>> Relation("r1", "usa", "designates_terrorist", "hts", start="2018-05",
        ...          sources=[{"publisher": "US State Department"}]).to_dict()
        ... # doctest: +NORMALIZE_WHITESPACE
        {'id': 'r1', 'source': 'usa', 'type': 'designates_terrorist', 'target': 'hts',
         'start': '2018-05', 'sources': [{'publisher': 'US State Department'}]}
        """
        out: dict[str, Any] = {
            "id": self.id,
            "source": self.source,
            "type": self.type,
            "target": self.target,
        }
        flat = self._set_fields()
        if self.attrs:
            flat["attrs"] = _plain(self.attrs)
        out.update(flat)
        return out

    def to_flat(self) -> dict[str, Any]:
        """The fields but ``id``, ``source`` and ``target``, flat: ``attrs`` merged in.

        The edge data of :meth:`ActorGraph.to_networkx` (less what the vocabulary adds).

        Examples
        --------
        >>> Relation("r1", "ru", "supports", "sy", start="2015-09", attrs={"n": 2}).to_flat()
        {'type': 'supports', 'start': '2015-09', 'n': 2}
        """
        out: dict[str, Any] = {"type": self.type}
        out.update(self._set_fields())
        out.update(_plain(self.attrs))
        return out

    def _set_fields(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if self.start is not None:
            out["start"] = str(self.start)
        if self.end is not None:
            out["end"] = str(self.end)
        if self.sources:
            out["sources"] = [s.to_dict() for s in self.sources]
        for name in ("confidence", "status", "asserted_by"):
            value = getattr(self, name)
            if value is not None:
                out[name] = value
        return out

    @property
    def undated(self) -> bool:
        """Whether the claim has no period at all (neither ``start`` nor ``end``).

        Its sources say that it holds, not when: a time view treats it by its ``undated=``
        policy (see :data:`Undated`) instead of reading it as "on every date".

        Examples
        --------
        >>> Relation("r1", "usa", "designates_terrorist", "hts").undated
        True
        >>> Relation("r2", "hts", "attacks", "sy", start="2024-11-27").undated
        False
        """
        return self.start is None and self.end is None

    @property
    def reported_by(self) -> PartialDate | None:
        """The earliest date among the claim's sources: it held by then, as first reported.

        A bound, not a start: the claim may be much older than its first report. ``None``
        when no source is dated.

        Examples
        --------
        >>> r = Relation("r1", "usa", "designates_terrorist", "hts",
        ...              sources=[{"publisher": "AP", "date": "2024-11-30"},
        ...                       {"publisher": "AFP", "date": "2024-11"}])
        >>> r.reported_by
        PartialDate('2024-11')
        >>> Relation("r2", "a", "attacks", "b", sources=[{"publisher": "AP"}]).reported_by is None
        True
        """
        dates = [s.date for s in self.sources if s.date is not None]
        return min(dates, key=lambda d: (d.lo, -d.hi)) if dates else None

    def active_on(self, day: DateLike) -> bool:
        """Whether the claim holds on (some part of) ``day``; open ends are unbounded."""
        d = PartialDate.parse(day)
        return _active(self.start, self.end, d.lo, d.hi)

    def overlaps(self, other: Relation) -> bool:
        """Whether the two validity periods share at least one day."""
        first = other.start.lo if other.start else 0
        last = other.end.hi if other.end else _MAX_ORDINAL
        return _active(self.start, self.end, first, last)

    def replace(self, **changes: Any) -> Relation:
        """A copy with some fields changed (validated again)."""
        fields = {n: getattr(self, n) for n in self.__slots__ if not n.startswith("_")}
        fields.update(changes)
        return Relation(**fields)


def _plain(value: Any) -> Any:
    """A deep copy made of plain dicts and lists (what JSON and YAML writers take)."""
    if isinstance(value, Mapping):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


#: The fields of an :class:`Actor`, in their declared order.
ACTOR_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(Actor))
#: The fields of a :class:`Relation`, in their declared order.
RELATION_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(Relation))
#: Names an actor's ``attrs`` may not use: its fields, and ``actor`` (the key under which
#: ``G.nx`` node data holds the Actor).
RESERVED_ACTOR_ATTRS: frozenset[str] = frozenset(ACTOR_FIELDS) | {"actor"}
#: Names a relation's ``attrs`` may not use: its fields, what
#: :meth:`ActorGraph.to_networkx` derives from the vocabulary, and ``relation`` (the key
#: under which ``G.nx`` edge data holds the Relation).
RESERVED_RELATION_ATTRS = frozenset(RELATION_FIELDS) | {
    "polarity",
    "directed",
    "label",
    "key",
    "relation",
}
