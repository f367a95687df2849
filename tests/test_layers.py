"""The import package's folders are its pipeline: reading → knowledge → render → outputs, with plugin and commands on top.

docs/guide/internals/architecture.md#layers draws it; this checks the direction
against every import in the code (at module level or inside a function, under
TYPE_CHECKING or not): a folder imports only from itself, the folders before
it and the shared modules (`errors.py`, `urls.py`, `wording.py`, `markdown_syntax.py`), which import none of them.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "scripts" / "interview_kb"
ORDER = ("reading", "knowledge", "render", "outputs")
TOP = ("plugin", "commands")
SHARED = ("errors", "urls", "wording", "markdown_syntax")


def imported(source: str, parts: tuple[str, ...], package: str = "interview_kb") -> set[str]:
    """The first part below `interview_kb` (`reading`, `errors`, …) of every module that `source` imports from the package.

    `parts` is where the source lives in the package (`("reading", "loader")`), for relative imports.
    """
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: from the module's own package, `level` steps up
                base = [package, *parts[: len(parts) - node.level]]
                module = ".".join([*base, *([node.module] if node.module else [])])
                names = [module] if node.module else [f"{module}.{alias.name}" for alias in node.names]
            else:
                module = node.module or ""
                names = [f"{module}.{alias.name}" if module == package else module for alias in node.names]
        for name in names:
            if name.startswith(package + "."):
                found.add(name.split(".")[1])
    return found


def forbidden(folder: str) -> set[str]:
    """What modules of `folder` may not import: every later layer (and, for the shared modules, every layer)."""
    if folder in SHARED:
        return {*ORDER, *TOP}
    if folder in TOP or folder == "__main__":  # `python -m interview_kb` runs the command line, on top
        return set()
    return {*ORDER[ORDER.index(folder) + 1 :], *TOP}


def test_every_folder_of_the_package_is_a_layer_of_the_diagram() -> None:
    folders = {p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    modules = {p.stem for p in PACKAGE.glob("*.py") if p.stem not in ("__init__", "__main__")}
    assert folders == {*ORDER, *TOP}
    assert modules == set(SHARED)


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_go_one_way(path: Path) -> None:
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    folder = parts[0]
    if folder == "__init__":
        return
    wrong = imported(path.read_text(encoding="utf-8"), parts) & forbidden(folder)
    assert not wrong, f"{path.relative_to(PACKAGE)} imports {', '.join(sorted(wrong))}, which come after {folder}/ in the pipeline"


def test_the_check_sees_relative_and_nested_imports() -> None:
    """The check itself: an import inside a function, a relative one and `from interview_kb import x` all count."""
    source = "def f():\n    from interview_kb.render import pages\nfrom ..outputs import kb_json\nfrom interview_kb import plugin\n"
    found = imported(source, ("reading", "sample"))
    assert found == {"render", "outputs", "plugin"}
    assert found <= forbidden("reading")
    assert imported("from . import slugs\nfrom .yamlfile import YamlFile\nimport interview_kb.errors\n", ("reading", "sample")) == {
        "reading",
        "errors",
    }
