"""Every public function has a complete numpydoc docstring.

The API reference is rendered from the docstrings, so a parameter left out there is missing
from the documentation. Each public function (a plain function named in one of the ``__all__``
lists below; classes, constants and the command line are left out) is checked with numpydoc's
own validator for the problems a reader would notice:

====  =================================================================
PR01  a parameter of the signature is not documented
PR02  a documented parameter is not in the signature
PR03  the parameters are documented in another order than the signature's
PR04  a parameter has no type
PR07  a parameter has no description
RT01  a function that returns something has no Returns section
RT03  the return value has no description
EX01  no Examples section (the examples run as doctests)
SS01  no one-line summary
GL06  a section numpydoc does not know (e.g. "Return" for "Returns")
GL07  sections out of numpydoc's order
GL08  no docstring at all
====  =================================================================
"""

from __future__ import annotations

import importlib
import inspect

import pytest
from numpydoc.docscrape import get_doc_object
from numpydoc.validate import validate

#: The modules whose ``__all__`` make the public API.
MODULES = (
    "actorgraph",
    "actorgraph.datasets",
    "actorgraph.importers",
    "actorgraph.plotting",
    "actorgraph.readwrite",
    "actorgraph.readwrite.document",
    "actorgraph.readwrite.dot",
    "actorgraph.readwrite.frames",
    "actorgraph.readwrite.gexf",
    "actorgraph.readwrite.graphml",
    "actorgraph.readwrite.html",
    "actorgraph.readwrite.mermaid",
    "actorgraph.readwrite.nodelink",
    "actorgraph.readwrite.tables",
    "actorgraph.signed",
    "actorgraph.vocabulary",
)

CHECKED = frozenset(
    {"PR01", "PR02", "PR03", "PR04", "PR07", "RT01", "RT03", "EX01", "SS01", "GL06", "GL07", "GL08"}
)

#: Docstrings known to be incomplete, in modules still being written. When one is completed
#: its test passes unexpectedly and fails: then delete its entry here.
KNOWN_GAPS: dict[str, str] = {}


def public_functions() -> list[str]:
    """The public functions, each once, under the first public name that reaches it."""
    seen: set[int] = set()
    names: list[str] = []
    for module_name in MODULES:
        module = importlib.import_module(module_name)
        for name in module.__all__:
            obj = getattr(module, name)
            if inspect.isfunction(obj) and id(obj) not in seen:
                seen.add(id(obj))
                names.append(f"{module_name}.{name}")
    return names


FUNCTIONS = public_functions()


def _param(name: str) -> object:
    if name in KNOWN_GAPS:
        reason = f"incomplete docstring ({KNOWN_GAPS[name]}); delete it from KNOWN_GAPS when done"
        return pytest.param(name, marks=pytest.mark.xfail(strict=True, reason=reason), id=name)
    return pytest.param(name, id=name)


@pytest.mark.parametrize("name", [_param(n) for n in FUNCTIONS])
def test_docstring_is_complete(name: str) -> None:
    errors = [(code, msg) for code, msg in validate(name)["errors"] if code in CHECKED]
    if errors:
        pytest.fail(
            f"{name}: incomplete docstring\n" + "\n".join(f"  {c} {m}" for c, m in errors),
            pytrace=False,
        )


def test_the_whole_api_is_collected() -> None:
    # a broken collection would check nothing and pass
    for name in (
        "actorgraph.supporters",
        "actorgraph.plot_network",
        "actorgraph.readwrite.format_of",
        "actorgraph.readwrite.document.write_yaml",
        "actorgraph.importers.gdelt_sql",
        "actorgraph.datasets.load",
    ):
        assert name in FUNCTIONS
    assert not any(n.startswith("actorgraph.cli") for n in FUNCTIONS)
    assert len(FUNCTIONS) == len(set(FUNCTIONS)) > 80


def test_known_gaps_are_public_functions() -> None:
    assert set(KNOWN_GAPS) <= set(FUNCTIONS)


def test_the_check_finds_an_undocumented_parameter() -> None:
    # the validator reports what this file relies on, for a function written to fail
    def half_documented(graph: object, at: object = None) -> int:
        """Count something.

        Parameters
        ----------
        graph : object
            A graph.

        Examples
        --------
        >>> half_documented(None)
        0
        """
        return 0

    codes = {code for code, _ in validate(get_doc_object(half_documented))["errors"]}
    assert {"PR01", "RT01"} <= codes
    assert "EX01" not in codes
