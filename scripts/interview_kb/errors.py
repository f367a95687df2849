"""What an editor is told: a mistake (`SeedError`) stops the build, a `SeedWarning` is doubtful but buildable.

Both read `path:line: what — what to do`. Loaders hand warnings to a `Report`
callback; the plugin decides whether they are logged or stop the build.

A build reports every mistake it can find at once: `SeedErrors` carries
several, one line each, sorted by file and line, then a count line. `fail`
raises what was collected: nothing when there is none, the one `SeedError`
itself when there is one (so one mistake prints exactly one line), else
`SeedErrors`. Callers catch both (`MISTAKES`) and print `str(error)`.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterable
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


class SeedErrors(Exception):
    """Several mistakes at once: `errors` sorted by file and line; `str()` is one line each, then how many in how many files."""

    def __init__(self, errors: Iterable[SeedError]) -> None:
        self.errors = tuple(sorted(errors, key=lambda error: (error.path, error.line)))
        super().__init__("\n".join([*map(str, self.errors), self.count()]))

    def count(self) -> str:
        files = len({error.path for error in self.errors})
        mistakes = f"{len(self.errors)} mistake{'s' if len(self.errors) != 1 else ''}"
        return f"{mistakes} in {files} file{'s' if files != 1 else ''} — fix them and build again"


MISTAKES = (SeedError, SeedErrors)  # what a build raises for the seeds: `except MISTAKES as error: print(error)`


def errors_of(error: SeedError | SeedErrors) -> list[SeedError]:
    """The mistakes `error` stands for: itself, or the ones it carries."""
    return list(error.errors) if isinstance(error, SeedErrors) else [error]


def fail(errors: Iterable[SeedError]) -> None:
    """Raise the mistakes collected: none, nothing; one, that `SeedError` (its one line, as ever); more, `SeedErrors`."""
    errors = list(errors)
    if len(errors) == 1:
        raise errors[0]
    if errors:
        raise SeedErrors(errors)


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
    """A `Report` that stops at the first warning, as a mistake."""
    raise warning.as_error()


class Collect:
    """A `Report` for strict builds: every warning becomes a mistake in `errors`, raised with the others (`fail`)."""

    def __init__(self) -> None:
        self.errors: list[SeedError] = []

    def __call__(self, warning: SeedWarning) -> None:
        self.errors.append(warning.as_error())
