"""Sphinx configuration for the actorgraph documentation site.

Build it (warnings are errors, as in CI)::

    sphinx-build -W --keep-going -b html docs docs/_build/html

Pages are Markdown (MyST); the API reference comes from the numpydoc docstrings; the gallery
runs every ``examples/plot_*.py`` and shows the figure it draws; the relation vocabulary table
is generated from ``actorgraph/data/vocabulary.yaml`` on every build; the command-line
reference is read from the parser itself.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE / "_ext"))

import actorgraph  # noqa: E402
from actorgraph.vocabulary import vocabulary_table  # noqa: E402

# -- the vocabulary table, generated from its data file ------------------------------------
GENERATED = HERE / "_generated"
GENERATED.mkdir(exist_ok=True)
(GENERATED / "vocabulary.md").write_text(
    vocabulary_table().replace("by `python docs/gen_vocabulary.py`", "when this site was built"),
    encoding="utf-8",
)

# The gallery scripts save their PNG where ACTORGRAPH_EXAMPLES_OUT says: into the build folder,
# which every build reuses, not the source tree (sphinx-gallery collects the figures from
# matplotlib itself).
_EXAMPLES_OUT = Path(__file__).resolve().parent / "_build" / "examples-out"
_EXAMPLES_OUT.mkdir(parents=True, exist_ok=True)
os.environ.setdefault("ACTORGRAPH_EXAMPLES_OUT", str(_EXAMPLES_OUT))

project = "actorgraph"
author = "The actorgraph developers"
copyright = "2026, The actorgraph developers"
version = release = actorgraph.__version__

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    "numpydoc",
    "sphinx_gallery.gen_gallery",
    "matplotlib.sphinxext.plot_directive",
    "sphinxarg.ext",
]

source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
root_doc = "index"
# curly quotes and ellipses, but never turn the -- of an option into a dash
smartquotes_action = "qe"
exclude_patterns = [
    "_build",
    "_ext",
    "_generated",
    # the GitHub copy of the table; the site generates its own (reference/vocabulary.md)
    "vocabulary.md",
    "auto_examples/*.ipynb",
    "auto_examples/*.py",
    "auto_examples/*.zip",
    "auto_examples/*.json",
    "auto_examples/*.md5",
]

# -- MyST ------------------------------------------------------------------------------------
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3
# the argparse extension adds a domain that cannot resolve Markdown links; keep to these
myst_ref_domains = ["std", "py"]

# -- API reference ---------------------------------------------------------------------------
autosummary_generate = True
autosummary_imported_members = True
autodoc_typehints = "none"  # numpydoc sections already give the types
autodoc_default_options = {"members": False}
numpydoc_show_class_members = False
numpydoc_class_members_toctree = False
numpydoc_xref_param_type = False
add_module_names = False

# -- gallery ---------------------------------------------------------------------------------
sphinx_gallery_conf = {
    "examples_dirs": str(ROOT / "examples"),
    "gallery_dirs": "auto_examples",
    "filename_pattern": r"/plot_",
    "download_all_examples": False,
    "remove_config_comments": True,
    "matplotlib_animations": False,
    "image_scrapers": ("matplotlib",),
    "reset_modules": ("matplotlib",),
    "within_subsection_order": "FileNameSortKey",
    "show_memory": False,
    # show printed output, not the repr of a last expression such as the returned Axes
    "capture_repr": (),
    "plot_gallery": "True",
    "abort_on_example_error": True,
    "only_warn_on_example_error": False,
}

# -- figures in pages (```{plot}``` blocks run during the build) ---------------------------
plot_include_source = True
plot_html_show_source_link = False
# each page figure links to its original PNG (shown at full size, see _static/actorgraph.css)
plot_html_show_formats = True
plot_formats = [("png", 110)]
plot_rcparams = {"figure.dpi": 110}

# -- HTML ------------------------------------------------------------------------------------
html_theme = "pydata_sphinx_theme"
html_title = f"actorgraph {release}"
html_static_path = ["_static"]
html_css_files = ["actorgraph.css"]
html_theme_options = {
    "navigation_with_keys": False,
    "show_toc_level": 2,
    # the vocabulary table needs the whole width
    "secondary_sidebar_items": {"**": ["page-toc"], "reference/vocabulary": []},
    "footer_start": ["copyright"],
    "footer_end": [],
}
html_show_sourcelink = False
html_sidebars = {"reference/vocabulary": []}
html_context = {"default_mode": "light"}
