"""System programs some tests need: skipped with a reason when absent, unless CI requires them."""

from __future__ import annotations

import os
import shutil

import pytest

#: Set to 1 (``.ci/run`` does) to make a missing program a failure instead of a skip.
REQUIRE = "ACTORGRAPH_REQUIRE_TOOLS"


def need_program(program: str, install: str) -> str:
    """The path of ``program``; skip the test (or fail it, when required) if it is missing."""
    path = shutil.which(program)
    if path is not None:
        return path
    message = f"the {program} program is not installed ({install})"
    if os.environ.get(REQUIRE) == "1":
        pytest.fail(f"{message}, and {REQUIRE}=1 makes it mandatory")
    pytest.skip(message)
