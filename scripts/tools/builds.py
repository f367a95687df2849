"""A build (or `mkdocs serve`) in a child process, run with this Python from the project folder.

Shared by the tools (bench, served_site, live_reload) and the tests: `process` gives the keywords of
`subprocess.run` or `Popen`, `run` runs it to its end. The command is what follows `python -m`:
`("interview_kb", "build", ...)` as `make site` runs it, or `("mkdocs", "build", ...)` with the seeds in `KB_SEEDS`.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]


def process(*command: str, env: Mapping[str, str] | None = None, cwd: Path = ROOT) -> dict[str, Any]:
    """`python -m COMMAND` from `cwd`, in this environment with `env` added (and MkDocs' notice of its version 2 left out)."""
    return {"args": [sys.executable, "-m", *command], "cwd": cwd, "env": {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}}


def run(
    *command: str, env: Mapping[str, str] | None = None, cwd: Path = ROOT, timeout: float | None = None
) -> subprocess.CompletedProcess[str]:
    """`process` run to its end, its output read as text; a failure is its exit status (`returncode`), not an exception."""
    return subprocess.run(**process(*command, env=env, cwd=cwd), capture_output=True, text=True, check=False, timeout=timeout)
