"""The package's structure: layers point one way, no cycles, no module reads another's state."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "actorgraph"

#: Private attributes read on something other than ``self``/``cls``, and why each is fine.
ALLOWED_PRIVATE = {
    # the store is the one module that writes networkx's adjacency (see its docstring)
    ("_store.py", "_node"),
    ("_store.py", "_succ"),
    ("_store.py", "_pred"),
    # a class's own methods reading another instance of the same class
    ("graph.py", "_attrs"),
    ("graph.py", "_g"),
    ("graph.py", "_s"),
    ("graph.py", "_view"),
    ("model.py", "_key"),
    ("vocabulary.py", "_types"),
}
#: The public API of named tuples has underscored names.
NAMEDTUPLE_API = {"_make", "_replace", "_asdict", "_fields", "_field_defaults"}


def _private_reads() -> list[tuple[str, int, str]]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        rel = path.relative_to(PACKAGE).as_posix()
        for node in ast.walk(tree):
            if not isinstance(node, ast.Attribute):
                continue
            name = node.attr
            if not name.startswith("_") or name.startswith("__") or name in NAMEDTUPLE_API:
                continue
            if isinstance(node.value, ast.Name) and node.value.id in ("self", "cls"):
                continue
            if (rel, name) not in ALLOWED_PRIVATE:
                found.append((rel, node.lineno, name))
    return found


def _private_imports() -> list[tuple[str, int, str]]:
    """``from module import _name`` of something that is not itself a module."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        rel = path.relative_to(PACKAGE).as_posix()
        here = path.parent
        for node in ast.walk(tree):
            if not isinstance(node, ast.ImportFrom) or node.level == 0:
                continue
            base = here
            for _ in range(node.level - 1):
                base = base.parent
            for part in (node.module or "").split("."):
                base = base / part if part else base
            for alias in node.names:
                name = alias.name
                if not name.startswith("_") or name.startswith("__"):
                    continue
                if (base / f"{name}.py").exists() or (base / name).is_dir():
                    continue  # a private module of the package: fine to import
                found.append((rel, node.lineno, name))
    return found


def test_no_module_reads_another_modules_private_state() -> None:
    assert _private_reads() == []
    assert _private_imports() == []


def test_the_import_contracts_hold() -> None:
    """Layers, the core without matplotlib/DuckDB, and no cycles (see pyproject.toml)."""
    exe = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    exe = exe or shutil.which("lint-imports")
    if exe is None:
        pytest.skip("import-linter is not installed: pip install -e '.[dev]'")
    done = subprocess.run(
        [exe, "--no-cache"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    assert "BROKEN" not in done.stdout
    assert done.stdout.count("KEPT") >= 3


def test_importing_the_core_loads_no_upper_layer() -> None:
    """What the contracts say statically, checked at run time for the core's own imports."""
    code = (
        "import importlib.util, sys\n"
        "spec = importlib.util.spec_from_file_location('actorgraph', "
        f"{str(PACKAGE / '__init__.py')!r}, submodule_search_locations=[{str(PACKAGE)!r}])\n"
        "pkg = importlib.util.module_from_spec(spec)\n"
        "sys.modules['actorgraph'] = pkg\n"  # the package without running its __init__
        "import actorgraph.graph, actorgraph.query, actorgraph.views, actorgraph.lint\n"
        "import actorgraph.merge, actorgraph.signed, actorgraph.style, actorgraph.layout\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('matplotlib', 'duckdb')\n"
        "    or m.startswith(('actorgraph.plotting', 'actorgraph.readwrite',\n"
        "    'actorgraph.importers', 'actorgraph.cli', 'actorgraph._display')))\n"
        "print(bad)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    assert done.stdout.strip() == "[]"
