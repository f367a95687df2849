"""Shared fixtures: a site built from `seeds/` once per test session; the browser marker. Helpers are in support.py."""

from __future__ import annotations

import os

import pytest
from hypothesis import settings

from tests.support import Build, build_site

# The property tests draw the same cases on every run (for a given Hypothesis and test), so that `make test`
# passes or fails by the code, not by the draw; a case found at random gets a test of its own.
# HYPOTHESIS_PROFILE=default draws anew on each run, to look for more.
settings.register_profile("deterministic", derandomize=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "deterministic"))


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Build:
    build = build_site(tmp_path_factory.mktemp("site") / "site")
    assert build.returncode == 0, build.stderr
    return build


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test under tests/browser/ is a `browser` test (for `make test-fast`, which leaves them out)."""
    for item in items:
        if "browser" in item.path.parts:
            item.add_marker(pytest.mark.browser)
