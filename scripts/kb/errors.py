"""What an editor is told: a mistake (`SeedError`) stops the build, a `SeedWarning` is doubtful but buildable.

Both read `path:line: what — what to do`. Loaders hand warnings to a `Report`
callback; the plugin decides whether they are logged or stop the build.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
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


@dataclass(frozen=True)
class SeedWarning:
    """Doubtful but buildable input, e.g. a topic with no exchange."""

    path: Path | str
    line: int
    what: str
    todo: str

    def __str__(self) -> str:
        return f"{shown(self.path)}:{self.line}: warning: {self.what} — {self.todo}"

    def as_error(self) -> SeedError:
        return SeedError(self.path, self.line, self.what, self.todo + " (a strict build makes warnings errors)")


Report = Callable[[SeedWarning], None]


def print_warning(warning: SeedWarning) -> None:
    """The default `Report` outside a site build: one line on stderr."""
    print(warning, file=sys.stderr)


def stop(warning: SeedWarning) -> None:
    """A `Report` for strict builds: the first warning stops the build."""
    raise warning.as_error()
