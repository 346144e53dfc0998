"""Parameter documentation written once: the ``{name}`` lines of ``actorgraph._docstrings``.

A docstring names a shared entry with a line holding only ``{name}``; ``@shared_docs`` fills it
at import. These tests check that nothing reaches a reader unfilled, that every shared entry is
really shared, that a misspelt name fails loudly and that other braces are left alone.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
import textwrap
from collections import Counter
from pathlib import Path

import pytest
from numpydoc.docscrape import NumpyDocString

import actorgraph
from actorgraph._docstrings import PARAMS, fill, placeholders, shared_docs

PACKAGE = Path(actorgraph.__file__).resolve().parent

#: Entries written for modules whose docstrings do not name them yet. When a module starts
#: using one, its test passes unexpectedly and fails: then delete its entry here.
PENDING: dict[str, str] = {}


def _modules() -> list[str]:
    names = ["actorgraph"]
    for info in pkgutil.walk_packages(actorgraph.__path__, "actorgraph."):
        if not info.name.endswith("__main__"):  # importing it would run the command line
            names.append(info.name)
    return names


def _docstrings() -> list[tuple[str, str]]:
    """``(qualified name, __doc__)`` of every module, class, function and method of the package."""
    found: list[tuple[str, str]] = []
    for module_name in _modules():
        module = importlib.import_module(module_name)
        found.append((module_name, module.__doc__ or ""))
        for name, obj in vars(module).items():
            if getattr(obj, "__module__", None) != module_name:
                continue
            if inspect.isfunction(obj):
                found.append((f"{module_name}.{name}", obj.__doc__ or ""))
            elif inspect.isclass(obj):
                found.append((f"{module_name}.{name}", obj.__doc__ or ""))
                for attr, member in vars(obj).items():
                    func = member.fget if isinstance(member, property) else member
                    func = getattr(func, "__func__", func)
                    if inspect.isfunction(func):
                        found.append((f"{module_name}.{name}.{attr}", func.__doc__ or ""))
    return found


def _source_uses() -> dict[str, list[str]]:
    """Shared entry name -> the functions whose source docstring names it (each once)."""
    uses: dict[str, list[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        rel = path.relative_to(PACKAGE).as_posix()
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                doc = ast.get_docstring(node, clean=False) or ""
                for name in dict.fromkeys(placeholders(doc)):
                    uses.setdefault(name, []).append(f"{rel}:{node.name}")
    return uses


USES = _source_uses()


def test_every_placeholder_is_filled_at_import() -> None:
    left = [(where, placeholders(doc)) for where, doc in _docstrings() if placeholders(doc)]
    assert left == [], "docstrings with {name} lines left (missing @shared_docs?)"


def test_the_placeholders_are_found() -> None:
    # a scan that found nothing would check nothing and pass
    assert len(USES.get("G_query", [])) >= 10
    assert "query.py:supporters" in USES["actor"]
    assert set(USES) <= set(PARAMS)


def _used(name: str) -> object:
    if name in PENDING:
        reason = f"not used yet ({PENDING[name]}); delete it from PENDING when it is"
        return pytest.param(name, marks=pytest.mark.xfail(strict=True, reason=reason), id=name)
    return pytest.param(name, id=name)


@pytest.mark.parametrize("name", [_used(n) for n in PARAMS])
def test_every_entry_is_shared(name: str) -> None:
    assert len(USES.get(name, [])) >= 2, f"{name} is used by {USES.get(name, [])}"


def test_pending_entries_exist() -> None:
    assert set(PENDING) <= set(PARAMS)


@pytest.mark.parametrize("name", list(PARAMS))
def test_every_entry_is_one_numpydoc_parameter(name: str) -> None:
    entry = textwrap.dedent(PARAMS[name]).strip("\n")
    parsed = NumpyDocString(f"Summary.\n\nParameters\n----------\n{entry}\n")["Parameters"]
    assert len(parsed) == 1
    assert parsed[0].type and parsed[0].desc
    assert not entry.splitlines()[0].startswith(" ")
    assert all(line.startswith("    ") for line in entry.splitlines()[1:])


@pytest.mark.parametrize("name", [n for n in PARAMS if n not in PENDING])
def test_a_shared_entry_is_not_also_written_out(name: str) -> None:
    # the point of sharing: the text lives in PARAMS, docstrings name it
    entry = textwrap.dedent(PARAMS[name]).strip("\n")
    copies = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name == "_docstrings.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                doc = inspect.cleandoc(ast.get_docstring(node, clean=False) or "")
                if f"\n{entry}\n" in f"\n{doc}\n":
                    copies.append(f"{path.relative_to(PACKAGE).as_posix()}:{node.name}")
    assert copies == [], f"write {{{name}}} instead of the entry"


def test_an_unknown_name_raises_key_error() -> None:
    doc = "Do something.\n\n    Parameters\n    ----------\n    {G_qeury}\n    "
    with pytest.raises(KeyError, match="G_qeury"):
        fill(doc)


def test_an_unknown_name_fails_when_the_function_is_defined() -> None:
    # the decorator runs at import: a typo stops the import instead of reaching the docs
    with pytest.raises(KeyError, match="no_such_entry"):

        @shared_docs
        def f() -> None:
            """Do something.

            Parameters
            ----------
            {no_such_entry}
            """


def test_the_entry_is_indented_like_its_line() -> None:
    doc = fill("Summary.\n\n        Parameters\n        ----------\n        {G_query}\n        ")
    entry = textwrap.dedent(PARAMS["G_query"]).strip("\n")
    assert textwrap.indent(entry, "        ") in doc
    assert placeholders(doc) == []


def test_other_braces_are_left_alone() -> None:
    @shared_docs
    def f(G: object, mapping: object = None) -> dict[str, int]:
        """Count {things} in ``G``; ``{G_query}`` in a sentence is text.

        Parameters
        ----------
        {G_query}
        mapping : {"a", "b"} or dict, optional
            ``{attr: (aggregate, column)}``.

        Returns
        -------
        dict
            ``{"actors": n}``.

        Examples
        --------
        >>> {"a": 1}
        {'a': 1}
        >>> "{x}".format(x=1)
        '1'
            {}
            {0}
        """
        return {}

    expected = textwrap.dedent(
        """\
        Count {things} in ``G``; ``{G_query}`` in a sentence is text.

        Parameters
        ----------
        G : ActorGraph
            The graph to ask; a view such as ``as_of(G, date)`` works too.
        mapping : {"a", "b"} or dict, optional
            ``{attr: (aggregate, column)}``.

        Returns
        -------
        dict
            ``{"actors": n}``.

        Examples
        --------
        >>> {"a": 1}
        {'a': 1}
        >>> "{x}".format(x=1)
        '1'
            {}
            {0}"""
    )
    assert inspect.getdoc(f) == expected
    assert NumpyDocString(f.__doc__ or "")["Parameters"][0].name == "G"


def test_without_a_docstring_nothing_happens() -> None:
    # python -OO strips docstrings: the decorator must not fail then
    def g() -> None:
        pass

    assert shared_docs(g) is g
    assert g.__doc__ is None


def test_the_rendered_parameters_are_the_shared_ones() -> None:
    # what numpydoc (and so the API reference) reads for a decorated function
    params = {p.name: p for p in NumpyDocString(actorgraph.supporters.__doc__ or "")["Parameters"]}
    assert params["G"].desc == [PARAMS["G_query"].strip().splitlines()[1].strip()]
    assert params["at"].type == "str, int, datetime.date or PartialDate, optional"
    counts = Counter(name for names in USES.values() for name in names)
    assert counts["query.py:supporters"] == 6  # G, actor, at, types, roll_up, undated
