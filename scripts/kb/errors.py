"""What an editor is told: a mistake (`SeedError`) stops the build, a `SeedWarning` is doubtful but buildable.

Both read `path:line: what — what to do`. Loaders hand warnings to a `Report`
callback; the plugin decides whether they are logged or stop the build.
"""

from __future__ import annotations

import re
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


def one_line(text: str) -> str:
    """`text` with line breaks and other control characters written as escapes (`\\n`), so a message stays one line."""
    return re.sub(r"[\x00-\x1f\x7f\u2028\u2029\x85]", lambda m: repr(m.group())[1:-1], text)


class SeedError(Exception):
    """A mistake in a file under `seeds/`, reported as `path:line: what — what to do`."""

    def __init__(self, path: Path | str, line: int, what: str, todo: str) -> None:
        self.path = one_line(shown(path))
        self.line = line
        self.what = one_line(what)
        self.todo = one_line(todo)
        super().__init__(f"{self.path}:{line}: {self.what} — {self.todo}")


@dataclass(frozen=True)
class SeedWarning:
    """Doubtful but buildable input, e.g. a topic with no exchange."""

    path: Path | str
    line: int
    what: str
    todo: str

    def __str__(self) -> str:
        return one_line(f"{shown(self.path)}:{self.line}: warning: {self.what} — {self.todo}")

    def as_error(self) -> SeedError:
        return SeedError(self.path, self.line, self.what, self.todo + " (a strict build makes warnings errors)")


Report = Callable[[SeedWarning], None]


def print_warning(warning: SeedWarning) -> None:
    """The default `Report` outside a site build: one line on stderr."""
    print(warning, file=sys.stderr)


def stop(warning: SeedWarning) -> None:
    """A `Report` for strict builds: the first warning stops the build."""
    raise warning.as_error()
