"""The one error type an editor sees: where the problem is, what it is, what to do."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def shown(path: Path | str) -> str:
    """The path as an editor typed it: relative to the working folder when it lies inside it."""
    absolute = Path(path).absolute()
    try:
        return str(absolute.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


class SeedError(Exception):
    """A mistake in a file under `seeds/`, reported as `path:line: what — what to do`."""

    def __init__(self, path: Path | str, line: int, what: str, todo: str) -> None:
        self.path = shown(path)
        self.line = line
        self.what = what
        self.todo = todo
        super().__init__(f"{self.path}:{line}: {what} — {todo}")


def warn(path: Path | str, line: int, what: str, todo: str) -> None:
    """Report a doubtful but buildable input on stderr; with KB_STRICT=1 (CI) it is an error."""
    if os.environ.get("KB_STRICT") == "1":
        raise SeedError(path, line, what, todo + " (KB_STRICT=1 makes warnings errors)")
    print(f"{shown(path)}:{line}: warning: {what} — {todo}", file=sys.stderr)
