"""The relation vocabulary: relation types declared as data.

The default set lives in ``actorgraph/data/vocabulary.yaml``. Each
:class:`RelationType` has a polarity (+1 cooperative, 0 structural or neutral,
-1 hostile), says whether it is directed, names its inverse ("supports" /
"is supported by"), belongs to a category, and carries crosswalk codes to
CAMEO, PLOVER, ACLED, UCDP, STIX, FollowTheMoney and Wikidata.

Users load their own file with :meth:`Vocabulary.from_file` or add types at run
time with :meth:`Vocabulary.add`.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from ._loader import load_data
from .exceptions import UnknownRelationTypeError, VocabularyError

__all__ = [
    "CLASSES",
    "CODE_SYSTEMS",
    "TYPE_FIELDS",
    "RelationType",
    "Vocabulary",
    "default_vocabulary",
    "vocabulary_table",
]

#: The crosswalk code systems a relation type may carry.
CODE_SYSTEMS: tuple[str, ...] = ("cameo", "plover", "acled", "ucdp", "stix", "ftm", "wikidata")
#: The fields of a relation type declaration (the vocabulary file's schema).
TYPE_FIELDS = (
    "id",
    "label",
    "inverse_label",
    "polarity",
    "directed",
    "category",
    "description",
    "codes",
    "roll_up",
)
#: The classes of relation types a question's ``types=`` also takes, by polarity.
CLASSES: dict[str, int] = {"cooperative": 1, "hostile": -1, "structural": 0, "neutral": 0}


@dataclass(frozen=True, slots=True)
class RelationType:
    """One relation type of a vocabulary.

    Parameters
    ----------
    id : str
        The identifier used in relations, e.g. ``"supports"``.
    label : str
        Reads source -> target ("supports"); defaults to the id with spaces.
    inverse_label : str
        Reads target -> source ("is supported by"); defaults to ``label`` for
        undirected types and ``"<label> (inverse)"`` otherwise.
    polarity : {1, 0, -1}
        Cooperative, structural/neutral or hostile.
    directed : bool
        ``False`` for symmetric types (A fights B is B fights A).
    category : str
        A grouping such as ``cooperation``, ``hostility``, ``designation``,
        ``structure``, ``lineage`` or ``communication``.
    description : str
    codes : mapping of str to list of str
        Crosswalk codes by system (see :data:`CODE_SYSTEMS`).
    roll_up : bool, default False
        Whether the type joins a part to the whole it belongs to (``part_of``,
        ``member_of``, ``represents``): :func:`~actorgraph.roll_up` attributes the
        claims of the source to the target along such relations.

    Examples
    --------
    >>> t = RelationType("mediates", polarity=0, directed=False, category="communication")
    >>> t.label, t.inverse_label
    ('mediates', 'mediates')
    """

    id: str
    label: str = ""
    inverse_label: str = ""
    polarity: int = 0
    directed: bool = True
    category: str = "other"
    description: str = ""
    codes: dict[str, tuple[str, ...]] = field(default_factory=dict, hash=False)
    roll_up: bool = False

    def __post_init__(self) -> None:
        problems: list[str] = []
        if not isinstance(self.roll_up, bool):
            problems.append(f"roll_up must be true or false, got {self.roll_up!r}")
        if not isinstance(self.id, str) or not self.id.strip() or self.id != self.id.strip():
            problems.append(
                f"id must be non-blank text without surrounding spaces, got {self.id!r}"
            )
        if isinstance(self.polarity, bool) or self.polarity not in (-1, 0, 1):
            problems.append(f"polarity must be -1, 0 or 1, got {self.polarity!r}")
        if not isinstance(self.directed, bool):
            problems.append(f"directed must be true or false, got {self.directed!r}")
        for name in ("label", "inverse_label", "category", "description"):
            if not isinstance(getattr(self, name), str):
                problems.append(f"{name} must be text, got {getattr(self, name)!r}")
        codes: dict[str, tuple[str, ...]] = {}
        if not isinstance(self.codes, Mapping):
            problems.append(f"codes must be a mapping of system to codes, got {self.codes!r}")
        else:
            for system, values in self.codes.items():
                if system not in CODE_SYSTEMS:
                    problems.append(
                        f"codes: unknown system {system!r}; known: {', '.join(CODE_SYSTEMS)}"
                    )
                    continue
                if isinstance(values, str):
                    values = (values,)
                if not isinstance(values, Iterable) or not all(isinstance(v, str) for v in values):
                    problems.append(f"codes.{system} must be a list of text codes, got {values!r}")
                    continue
                codes[system] = tuple(values)
        if problems:
            raise VocabularyError(f"relation type {self.id!r}: " + "; ".join(problems))
        label = self.label or self.id.replace("_", " ")
        object.__setattr__(self, "label", label)
        if not self.inverse_label:
            inverse = label if not self.directed else f"{label} (inverse)"
            object.__setattr__(self, "inverse_label", inverse)
        object.__setattr__(self, "codes", codes)

    @property
    def sign(self) -> str:
        """``"+"``, ``"0"`` or ``"-"``."""
        return {1: "+", 0: "0", -1: "-"}[self.polarity]

    def to_dict(self) -> dict[str, Any]:
        """The declaration as plain data (the schema of the vocabulary file)."""
        out: dict[str, Any] = {
            "id": self.id,
            "label": self.label,
            "inverse_label": self.inverse_label,
            "polarity": self.polarity,
            "directed": self.directed,
            "category": self.category,
        }
        if self.description:
            out["description"] = self.description
        out["codes"] = {k: list(v) for k, v in self.codes.items()}
        if self.roll_up:
            out["roll_up"] = True
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> RelationType:
        """Make a type from a mapping with the fields of the vocabulary file."""
        unknown = sorted(str(k) for k in data if k not in TYPE_FIELDS)
        if unknown:
            raise VocabularyError(
                f"relation type {data.get('id')!r}: unknown field(s) {', '.join(unknown)}; "
                f"known: {', '.join(TYPE_FIELDS)}"
            )
        if "id" not in data:
            raise VocabularyError("relation type without an id")
        return cls(**dict(data))


class Vocabulary:
    """An ordered set of :class:`RelationType`, looked up by id.

    Examples
    --------
    >>> v = default_vocabulary()
    >>> v["supports"].polarity, v["fights"].directed
    (1, False)
    >>> v.add(id="mediates", polarity=0, directed=False, category="communication").label
    'mediates'
    >>> "mediates" in v, "mediates" in default_vocabulary()
    (True, False)
    """

    __slots__ = ("_types", "name")

    def __init__(self, types: Iterable[RelationType] = (), *, name: str | None = None) -> None:
        self.name = name
        self._types: dict[str, RelationType] = {}
        for t in types:
            self._put(t, replace=False)

    def _put(self, t: RelationType, *, replace: bool) -> RelationType:
        if not isinstance(t, RelationType):
            raise VocabularyError(f"expected a RelationType, got {type(t).__name__}")
        if not replace and t.id in self._types:
            raise VocabularyError(f"relation type {t.id!r} is declared twice")
        self._types[t.id] = t
        return t

    def add(
        self, type: RelationType | None = None, /, *, replace: bool = False, **fields: Any
    ) -> RelationType:
        """Declare a relation type (a :class:`RelationType` or its fields).

        Raises :class:`~actorgraph.exceptions.VocabularyError` when the id is
        taken, unless ``replace=True``.
        """
        t = type if type is not None else RelationType.from_dict(fields)
        return self._put(t, replace=replace)

    def __getitem__(self, type_id: str) -> RelationType:
        try:
            return self._types[type_id]
        except (KeyError, TypeError):
            import difflib

            close = difflib.get_close_matches(str(type_id), list(self._types), n=3)
            hint = f"; did you mean {', '.join(map(repr, close))}?" if close else ""
            raise UnknownRelationTypeError(
                f"unknown relation type {type_id!r}{hint} (add it with vocabulary.add(...))"
            ) from None

    def get(self, type_id: str) -> RelationType | None:
        """The type, or ``None`` when it is not declared."""
        return self._types.get(type_id)

    def __contains__(self, type_id: object) -> bool:
        return type_id in self._types

    def __iter__(self) -> Iterator[RelationType]:
        return iter(self._types.values())

    def __len__(self) -> int:
        return len(self._types)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Vocabulary):
            return NotImplemented
        return list(self._types.values()) == list(other._types.values())

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"<Vocabulary {self.name or ''} with {len(self)} relation types>".replace("  ", " ")

    @property
    def ids(self) -> tuple[str, ...]:
        """The type ids in declaration order."""
        return tuple(self._types)

    def ids_where(
        self,
        *,
        polarity: int | None = None,
        category: str | Iterable[str] | None = None,
        directed: bool | None = None,
    ) -> frozenset[str]:
        """The ids of the types matching every given condition.

        Examples
        --------
        >>> sorted(default_vocabulary().ids_where(category="lineage"))
        ['formed_from', 'splinter_of', 'successor_of']
        """
        cats = {category} if isinstance(category, str) else set(category or ())
        return frozenset(
            t.id
            for t in self._types.values()
            if (polarity is None or t.polarity == polarity)
            and (not cats or t.category in cats)
            and (directed is None or t.directed == directed)
        )

    @property
    def roll_up_types(self) -> frozenset[str]:
        """The ids of the types declared ``roll_up`` (a part's claims belong to its whole).

        Examples
        --------
        >>> sorted(default_vocabulary().roll_up_types)
        ['member_of', 'part_of', 'represents']
        """
        return frozenset(t.id for t in self._types.values() if t.roll_up)

    def resolve(self, names: str | Iterable[str]) -> frozenset[str]:
        """The type ids that ``names`` stand for: type ids, classes, categories or labels.

        Each name is, in this order, a type id; a class of :data:`CLASSES`
        (``"cooperative"``, ``"hostile"``, ``"structural"``: the types of that polarity);
        a category (``"designation"``, ``"lineage"``...); or a type's label written
        with spaces or underscores (``"consults_with"``).

        Raises
        ------
        UnknownRelationTypeError
            When a name is none of these (close type ids are suggested); every
            unknown name is listed.
        TypeError
            When a name is not text.

        Examples
        --------
        >>> v = default_vocabulary()
        >>> sorted(v.resolve("hostile")) == sorted(v.ids_where(polarity=-1))
        True
        >>> sorted(v.resolve(["consults_with", "lineage"]))
        ['consults', 'formed_from', 'splinter_of', 'successor_of']
        """
        items = [names] if isinstance(names, str) else list(names)
        out: set[str] = set()
        unknown: list[str] = []
        categories = {t.category for t in self._types.values()}
        for name in items:
            if not isinstance(name, str):
                raise TypeError(f"a relation type must be text, not {type(name).__name__}")
            found = self._one(name, categories)
            if found:
                out |= found
            else:
                unknown.append(name)
        if unknown:
            raise UnknownRelationTypeError(self._unknown_message(unknown))
        return frozenset(out)

    def _one(self, name: str, categories: set[str]) -> frozenset[str]:
        if name in self._types:
            return frozenset((name,))
        if name in CLASSES:
            return self.ids_where(polarity=CLASSES[name])
        if name in categories:
            return self.ids_where(category=name)
        key = " ".join(name.replace("_", " ").casefold().split())
        return frozenset(t.id for t in self._types.values() if t.label.casefold() == key)

    def _unknown_message(self, unknown: list[str]) -> str:
        import difflib

        parts = []
        for name in unknown:
            close = difflib.get_close_matches(name, list(self._types), n=3)
            hint = f" (did you mean {', '.join(map(repr, close))}?)" if close else ""
            parts.append(f"{name!r}{hint}")
        classes = ", ".join(CLASSES)
        return (
            f"unknown relation type {', '.join(parts)}; give a type id, a class ({classes}) "
            "or a category of the vocabulary (add a type with vocabulary.add(...))"
        )

    def by_code(self, system: str, code: str) -> list[RelationType]:
        """The types whose crosswalk codes in ``system`` include ``code``.

        CAMEO codes match by prefix: a type declaring root ``"19"`` matches
        ``"193"``; the most specific declaration wins.

        Examples
        --------
        >>> [t.id for t in default_vocabulary().by_code("cameo", "072")]
        ['arms']
        """
        if system not in CODE_SYSTEMS:
            raise VocabularyError(
                f"unknown code system {system!r}; known: {', '.join(CODE_SYSTEMS)}"
            )
        if system != "cameo":
            return [t for t in self._types.values() if code in t.codes.get(system, ())]
        best: list[RelationType] = []
        best_len = 0
        for t in self._types.values():
            for c in t.codes.get("cameo", ()):
                if code.startswith(c) and len(c) >= best_len:
                    if len(c) > best_len:
                        best, best_len = [], len(c)
                    if t not in best:
                        best.append(t)
        return best

    def copy(self) -> Vocabulary:
        """A copy that can be extended without changing this one."""
        return Vocabulary(self._types.values(), name=self.name)

    def to_list(self) -> list[dict[str, Any]]:
        """Every declaration as plain data, in order."""
        return [t.to_dict() for t in self._types.values()]

    @classmethod
    def from_dict(
        cls, data: Mapping[str, Any] | Iterable[Mapping[str, Any]], *, name: str | None = None
    ) -> Vocabulary:
        """Make a vocabulary from ``{"types": [...]}`` or a list of type mappings.

        Every broken declaration is reported in one :class:`VocabularyError`.
        """
        items: Any = data.get("types") if isinstance(data, Mapping) else data
        if not isinstance(items, Iterable) or isinstance(items, (str, bytes, Mapping)):
            raise VocabularyError("a vocabulary is a list of relation types (under 'types:')")
        types: list[RelationType] = []
        problems: list[str] = []
        seen: set[str] = set()
        for i, item in enumerate(items):
            if not isinstance(item, Mapping):
                problems.append(f"types[{i}]: expected a mapping, got {item!r}")
                continue
            try:
                t = RelationType.from_dict(item)
            except (VocabularyError, TypeError) as err:
                problems.append(f"types[{i}]: {err}")
                continue
            if t.id in seen:
                problems.append(f"types[{i}]: relation type {t.id!r} is declared twice")
                continue
            seen.add(t.id)
            types.append(t)
        if problems:
            where = f"{name}: " if name else ""
            raise VocabularyError(where + "invalid vocabulary:\n  " + "\n  ".join(problems))
        return cls(types, name=name)

    @classmethod
    def from_file(cls, path: str | os.PathLike[str]) -> Vocabulary:
        """Load a vocabulary file (YAML or JSON, by suffix).

        The file is read with the native format's safety rules (no tags that
        build objects, duplicate keys refused, YAML 1.2 scalars so ``NO``
        stays text). A file that cannot be read raises
        :class:`~actorgraph.exceptions.SchemaError` with lines; broken
        declarations raise :class:`~actorgraph.exceptions.VocabularyError`
        naming every bad entry.

        Examples
        --------
        >>> import tempfile, pathlib
        >>> p = pathlib.Path(tempfile.mkdtemp()) / "vocab.yaml"
        >>> _ = p.write_text("types:\\n  - {id: mediates, polarity: 0, directed: false}\\n")
        >>> Vocabulary.from_file(p)["mediates"].directed
        False
        """
        path = os.fspath(path)
        data = load_data(path)
        if not isinstance(data, (Mapping, list)):
            raise VocabularyError(f"{path}: expected a mapping with 'types:' or a list of types")
        return cls.from_dict(data, name=path)


@lru_cache(maxsize=1)
def _default_types() -> tuple[RelationType, ...]:
    text = resources.files("actorgraph").joinpath("data/vocabulary.yaml").read_text("utf-8")
    return tuple(Vocabulary.from_dict(yaml.safe_load(text), name="default"))


def default_vocabulary() -> Vocabulary:
    """A fresh copy of the default vocabulary (safe to extend).

    Returns
    -------
    Vocabulary
        A new copy of the bundled vocabulary (``actorgraph/data/vocabulary.yaml``).

    Examples
    --------
    >>> v = default_vocabulary()
    >>> v["designates_terrorist"].inverse_label
    'is designated as terrorist by'
    """
    return Vocabulary(_default_types(), name="default")


def vocabulary_table(vocabulary: Vocabulary | None = None) -> str:
    """The vocabulary as a Markdown page (the docs' table is made by this function).

    Parameters
    ----------
    vocabulary : Vocabulary, optional
        The vocabulary to tabulate; default the default vocabulary.

    Returns
    -------
    str
        A Markdown page: a heading, a note on polarity and one table row per relation type.

    Examples
    --------
    >>> print(vocabulary_table().splitlines()[0])
    # Relation vocabulary
    """
    v = vocabulary if vocabulary is not None else default_vocabulary()

    def cell(text: str) -> str:
        return text.replace("|", "\\|").replace("\n", " ")

    lines = [
        "# Relation vocabulary",
        "",
        "<!-- Generated from actorgraph/data/vocabulary.yaml by "
        "`python docs/gen_vocabulary.py`; do not edit. -->",
        "",
        "Polarity: +1 cooperative, 0 structural or neutral, -1 hostile. "
        "Symmetric types read the same both ways. *Rolls up*: the type links a part to its "
        "whole, and `roll_up` follows it to count the part's claims for the whole.",
        "",
        "| id | label | inverse label | polarity | directed | category | rolls up "
        "| crosswalk codes |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for t in v:
        codes = "; ".join(f"{k}: {', '.join(c)}" for k, c in t.codes.items() if c)
        lines.append(
            f"| `{t.id}` | {cell(t.label)} | {cell(t.inverse_label)} | {t.polarity:+d} | "
            f"{'yes' if t.directed else 'symmetric'} | {t.category} | "
            f"{'yes' if t.roll_up else ''} | {cell(codes)} |"
        )
    lines.append("")
    lines.append("## Descriptions")
    lines.append("")
    for t in v:
        if t.description:
            lines.append(f"- `{t.id}`: {cell(t.description)}")
    return "\n".join(lines) + "\n"
