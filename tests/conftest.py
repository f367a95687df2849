"""Shared fixtures: a site built from `seeds/` once per test session; the browser marker. Helpers are in support.py."""

from __future__ import annotations

import pytest

from tests.support import Build, build_site


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
