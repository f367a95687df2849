"""The unit tests of the site's scripts (`tests/js/*.test.js`), run with Node.js's own test runner."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from tests.support import ROOT


def test_the_scripts_unit_tests_pass() -> None:
    node = shutil.which("node")
    if not node:
        pytest.skip("Node.js is missing")
    result = subprocess.run([node, "--test", "tests/js/"], cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
