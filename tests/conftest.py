"""Shared fixtures (a small hand-built graph whose answers are known) and Hypothesis profiles.

Property tests take their number of examples from a profile, never from their own
``@settings``: ``HYPOTHESIS_PROFILE=default`` (the default) is quick, for everyday runs;
``HYPOTHESIS_PROFILE=ci`` tries five times as many examples (CI sets it). Neither has a
deadline nor the ``too_slow`` health check: no test depends on the machine's speed.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, settings

from actorgraph.graph import ActorGraph

#: Examples per property test in the quick profile; the ``ci`` profile runs five times more.
QUICK_EXAMPLES = 50
_NO_SPEED_CHECKS = [HealthCheck.too_slow]
# Both on Hypothesis's own defaults, whatever it picked itself (it switches when $CI is set).
_BASE = settings.get_profile("default")
settings.register_profile(
    "default",
    _BASE,
    max_examples=QUICK_EXAMPLES,
    deadline=None,
    suppress_health_check=_NO_SPEED_CHECKS,
)
settings.register_profile(
    "ci",
    _BASE,
    max_examples=5 * QUICK_EXAMPLES,
    deadline=None,
    suppress_health_check=_NO_SPEED_CHECKS,
    print_blob=True,  # a failure prints how to reproduce it
)
# Loaded here, before the test modules (and their @settings) are imported.
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


def pytest_report_header() -> str:
    """Say in the run's header how hard the property tests try."""
    name = settings.get_current_profile_name()
    return f"hypothesis profile {name!r}: {settings().max_examples} examples per property test"


SRC = {"publisher": "Test Wire", "title": "A report", "date": "2024-11-30"}


def build_small() -> ActorGraph:
    G = ActorGraph("small")
    G.add_actor("ru", name="Russia", kind="state", ids={"wikidata": "Q159"})
    G.add_actor("ir", name="Iran", kind="state")
    G.add_actor("us", name="United States", kind="state", aliases=["USA", "US"])
    G.add_actor(
        "sy",
        name="Syrian government",
        kind="government",
        aliases=["Assad government"],
        start="1971",
        end="2024-12-08",
    )
    G.add_actor(
        "hts", name="Hayʼat Tahrir al-Sham", kind="armed_group", aliases=["HTS"], start="2017-01"
    )
    G.add_actor("nusra", name="Jabhat al-Nusra", kind="armed_group", start="2012", end="2017-01")
    G.add_actor("aq", name="al-Qaeda", kind="armed_group")
    G.add_actor("lone", name="Lone Actor", kind="person")
    src = [dict(SRC, quote="x")]
    G.add_relation("ru", "supports", "sy", start="2015-09", sources=src, id="ru-sy")
    G.add_relation("ir", "supports", "sy", start="2011", sources=src, id="ir-sy")
    G.add_relation("hts", "attacks", "sy", start="2024-11-27", sources=src, id="hts-sy")
    G.add_relation("us", "designates_terrorist", "hts", start="2018-05", sources=src, id="us-hts")
    G.add_relation("ru", "designates_terrorist", "hts", sources=src, id="ru-hts")
    G.add_relation(
        "ru",
        "attacks",
        "hts",
        start="2024-11-27",
        end="2024-11-30",
        sources=src,
        id="ru-hts-strikes",
        status="alleged",
        asserted_by="ru",
    )
    G.add_relation("hts", "formed_from", "nusra", start="2017-01", sources=src, id="hts-nusra")
    G.add_relation("nusra", "formed_from", "aq", start="2012", sources=src, id="nusra-aq")
    G.add_relation(
        "ru", "consults", "ir", start="2024-11-30", end="2024-11-30", sources=src, id="call"
    )
    return G


@pytest.fixture
def small() -> ActorGraph:
    return build_small()
