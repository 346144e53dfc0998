"""Exceptions raised by actorgraph.

Every error a user can meet derives from :class:`ActorGraphError`, so one
``except ActorGraphError`` catches them all. Where an error refines a builtin
meaning, it also subclasses that builtin, so code written against plain Python
keeps working (``except KeyError`` catches an unknown actor)::

    ActorGraphError
    ├── ValidationError (ValueError)         a value object given bad values
    │   └── DateError                        a partial date that cannot be parsed
    ├── VocabularyError (ValueError)         a broken relation vocabulary (the model)
    │   └── UnknownRelationTypeError (KeyError)
    ├── ActorNotFoundError (KeyError)        a reference that finds no actor
    ├── AmbiguousActorError (KeyError)       a reference that finds several actors
    ├── RelationNotFoundError (KeyError)
    ├── DuplicateError (ValueError)          an id that is already taken
    ├── ReadOnlyGraphError (TypeError)       a change to a view such as ``as_of(G, d)``
    ├── SchemaError (ValueError)             a document with problems; carries every problem
    ├── FormatError (ValueError)             a file whose format cannot be told or read
    └── DatasetNotFoundError (KeyError)

:class:`SchemaError` carries a list of :class:`Problem` records (file, line,
field, message) so a whole file is reported at once rather than one problem
per run.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

__all__ = [
    "ActorGraphError",
    "ActorNotFoundError",
    "AmbiguousActorError",
    "DatasetNotFoundError",
    "DateError",
    "DuplicateError",
    "FormatError",
    "Problem",
    "ReadOnlyGraphError",
    "RelationNotFoundError",
    "SchemaError",
    "UnknownRelationTypeError",
    "ValidationError",
    "VocabularyError",
]


class ActorGraphError(Exception):
    """Base class of every error raised by actorgraph."""


class ValidationError(ActorGraphError, ValueError):
    """A value object (actor, relation, source, date) was given bad values.

    ``problems`` lists every problem found, not only the first.
    """

    def __init__(self, message: str, problems: Sequence[str] = ()) -> None:
        self.problems: tuple[str, ...] = tuple(problems) or (message,)
        super().__init__(message)


class DateError(ValidationError):
    """A partial date that cannot be parsed or is not a real day."""


class VocabularyError(ActorGraphError, ValueError):
    """The relation vocabulary itself is broken (a bad type declaration)."""


class UnknownRelationTypeError(VocabularyError, KeyError):
    """A relation type id that the vocabulary does not declare."""

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0]) if self.args else ""


class _PlainKeyError(KeyError):
    def __str__(self) -> str:  # KeyError would print the repr of the message
        return str(self.args[0]) if self.args else ""


class ActorNotFoundError(ActorGraphError, _PlainKeyError):
    """No actor matches a reference (id, name or alias).

    ``suggestions`` holds the names of close matches, best first.
    """

    def __init__(self, ref: object, suggestions: Sequence[str] = ()) -> None:
        self.ref = ref
        self.suggestions: tuple[str, ...] = tuple(suggestions)
        msg = f"no actor matches {ref!r}"
        if self.suggestions:
            msg += "; did you mean " + ", ".join(repr(s) for s in self.suggestions) + "?"
        super().__init__(msg)


class AmbiguousActorError(ActorGraphError, _PlainKeyError):
    """A reference matches several actors; ``candidates`` holds their ids."""

    def __init__(self, ref: object, candidates: Iterable[str]) -> None:
        self.ref = ref
        self.candidates: tuple[str, ...] = tuple(sorted(candidates))
        super().__init__(
            f"{ref!r} is ambiguous: it matches the actors "
            + ", ".join(repr(c) for c in self.candidates)
            + "; use the actor id"
        )


class RelationNotFoundError(ActorGraphError, _PlainKeyError):
    """No relation has the given id."""


class DuplicateError(ActorGraphError, ValueError):
    """An actor or relation id that is already in use."""


class ReadOnlyGraphError(ActorGraphError, TypeError):
    """A change was attempted on a read-only view (e.g. ``as_of(G, date)``)."""


class FormatError(ActorGraphError, ValueError):
    """A file whose format is unknown or whose syntax cannot be read."""


class DatasetNotFoundError(ActorGraphError, _PlainKeyError):
    """No bundled dataset has the given name."""


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem found in a document.

    Attributes
    ----------
    message : str
        What is wrong, in words.
    file : str or None
        The file it was found in.
    line : int or None
        The 1-based line number.
    field : str or None
        The dotted path of the field, e.g. ``relations[3].start``.
    column : int or None
        The 1-based column, where it is known (syntax errors).

    Examples
    --------
    >>> print(Problem("duplicate key 'name' (lines 2 and 3)", "x.yaml", 3, "name"))
    x.yaml:3: name: duplicate key 'name' (lines 2 and 3)
    >>> print(Problem("invalid JSON: Expecting value", "x.json", 2, column=14))
    x.json:2:14: invalid JSON: Expecting value
    """

    message: str
    file: str | None = None
    line: int | None = None
    field: str | None = None
    column: int | None = None

    def __str__(self) -> str:
        where = self.file or "<input>"
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        head = f"{where}: "
        if self.field:
            head += f"{self.field}: "
        return head + self.message


class SchemaError(ActorGraphError, ValueError):
    """A document (file or mapping) with one or more problems.

    ``problems`` holds every :class:`Problem` found, in file order.
    """

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        n = len(self.problems)
        head = f"{n} problem{'s' if n != 1 else ''} found"
        super().__init__(head + ":\n" + "\n".join(f"  {p}" for p in self.problems))
