"""The guide (docs/guide/) holds: every reference into it resolves, its commands exist, its generated pages are current.

Error messages and comments point into the guide as `docs/guide/<page>.md#<anchor>`;
an anchor is a heading's id as Python-Markdown's `toc` makes it, which is also
GitHub's for the guide's plain headings (checked too, since the guide is read in
the repository). The README stays short, and every `make <target>` it or the guide
names is a target of the Makefile.
"""

from __future__ import annotations

import json
import re
import shutil
import unicodedata
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

import markdown
import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "docs" / "guide"
README = ROOT / "README.md"
# A reference from code or text: the page, and the heading's anchor if any.
REFERENCE = re.compile(r"docs/guide/((?:[\w.-]+/)*[\w.-]+\.md)(?:#([\w-]+))?")
# `make <target>`, `make -s <target>`, `VAR=value make <target>`, in code spans and code blocks.
MAKE = re.compile(r"(?<![\w./-])make\s+(?:-\w+\s+)*([a-z][\w-]*)")
SOURCES = ("scripts", "tests")
TEXT_SUFFIXES = (".py", ".md", ".txt", ".yml", ".yaml", ".json", ".toml", ".j2", ".html", ".js", ".css")
MAX_README_LINES = 100


def guide_pages() -> list[Path]:
    return sorted(GUIDE.rglob("*.md"))


def html_of(text: str) -> tuple[str, list[dict[str, object]]]:
    """A Markdown text as HTML, and its headings (`toc_tokens`), as Python-Markdown's toc makes them."""
    md = markdown.Markdown(extensions=["toc", "attr_list", "fenced_code", "tables"])
    html = md.convert(text)
    return html, md.toc_tokens


@cache
def anchors(path: Path) -> frozenset[str]:
    """Every id in the page: its headings' and any written with `{#id}`."""
    html, _ = html_of(path.read_text(encoding="utf-8"))
    return frozenset(str(element["id"]) for element in BeautifulSoup(html, "html.parser").select("[id]"))


def headings(tokens: Iterable[dict[str, object]]) -> Iterator[dict[str, object]]:
    for token in tokens:
        yield token
        yield from headings(token["children"])  # type: ignore[arg-type]


def github_anchor(heading: str) -> str:
    """GitHub's anchor for a heading's text: lower case, punctuation but `-` and `_` dropped, each space a `-` (approximate)."""
    text = heading.strip().lower()
    kept = "".join(c for c in text if c in " -_" or unicodedata.category(c)[0] in "LN")
    return kept.replace(" ", "-")


def unresolved(page: str, anchor: str | None, base: Path = GUIDE) -> str | None:
    """Why `page#anchor` (relative to `base`) does not resolve, or None when it does."""
    path = (base / page).resolve()
    if not path.is_file():
        return f"no file {page}"
    if anchor and anchor not in anchors(path):
        return f"no heading #{anchor} in {page}"
    return None


def references(text: str) -> Iterator[tuple[str, str | None]]:
    for match in REFERENCE.finditer(text):
        yield match.group(1), match.group(2)


def source_files() -> Iterator[Path]:
    for folder in SOURCES:
        for path in sorted((ROOT / folder).rglob("*")):
            parts = set(path.relative_to(ROOT).parts)
            skipped = parts & {"__pycache__", "node_modules"} or any(part.endswith(".egg-info") for part in parts)
            if path.is_file() and path.suffix in TEXT_SUFFIXES and not skipped:
                yield path
    yield from (ROOT / name for name in ("Makefile", "mkdocs.yml", "pyproject.toml"))


def named(path: Path) -> str:
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else path.name


def broken_references(paths: Iterable[Path]) -> list[str]:
    problems = []
    for path in paths:
        for page, anchor in references(path.read_text(encoding="utf-8", errors="replace")):
            why = unresolved(page, anchor)
            if why:
                problems.append(f"{named(path)}: docs/guide/{page}{'#' + anchor if anchor else ''}: {why}")
    return problems


def broken_links(page: Path) -> list[str]:
    """The page's relative links (outside code) that name no file, or no heading in it."""
    html, _ = html_of(page.read_text(encoding="utf-8"))
    problems = []
    for link in BeautifulSoup(html, "html.parser").select("a[href]"):
        href = str(link["href"])
        if re.match(r"[a-z]+:", href):
            continue
        target, _, anchor = href.partition("#")
        why = unresolved(target or page.name, anchor or None, page.parent)
        if why:
            problems.append(f"{named(page)}: link {href}: {why}")
    return problems


def code_of(text: str) -> Iterator[str]:
    """The code in a Markdown text: fenced blocks and code spans."""
    fenced = re.compile(r"^```.*?^```", re.M | re.S)
    yield from (m.group() for m in fenced.finditer(text))
    yield from re.findall(r"`([^`\n]+)`", fenced.sub("", text))


def make_targets() -> set[str]:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    return {name for names in re.findall(r"^([\w .-]+?):(?!=)", makefile, re.M) for name in names.split()}


def unknown_targets(text: str, targets: set[str]) -> set[str]:
    return {target for code in code_of(text) for target in MAKE.findall(code)} - targets


# ---------------------------------------------------------------- references and links


def test_every_reference_from_code_and_tests_to_the_guide_resolves() -> None:
    assert broken_references(source_files()) == []


def test_the_code_points_into_the_guide() -> None:
    """The messages that send an editor to read on name a page and a heading of the guide."""
    found = {ref for path in source_files() for ref in references(path.read_text(encoding="utf-8", errors="replace"))}
    assert len({page for page, anchor in found if anchor}) >= 5


def test_nothing_points_to_a_readme_section_any_more() -> None:
    """Sections of the old long README: each moved into a guide page (`see docs/guide/…`)."""
    pattern = re.compile("README" + r"""(?:, ['"]|\)| \()""")  # `README, 'Topics'`, `(see README)`; not `README.md`
    found = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in source_files()
        if path.name != "test_guide.py"
        for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1)
        if pattern.search(line)
    ]
    assert found == []


@pytest.mark.parametrize("page", guide_pages(), ids=lambda p: str(p.relative_to(GUIDE)))
def test_every_link_of_the_guide_resolves(page: Path) -> None:
    assert broken_links(page) == []
    assert broken_references([page]) == []


def test_every_link_of_the_readme_resolves() -> None:
    html, _ = html_of(README.read_text(encoding="utf-8"))
    links = [str(a["href"]) for a in BeautifulSoup(html, "html.parser").select("a[href]")]
    assert any(link.startswith("docs/guide/") for link in links)
    assert broken_links(README) == []


@pytest.mark.parametrize("page", guide_pages(), ids=lambda p: str(p.relative_to(GUIDE)))
def test_headings_have_the_same_anchor_on_github(page: Path) -> None:
    """A link that works in MkDocs' Markdown works on GitHub too, where the guide is read."""
    _, tokens = html_of(page.read_text(encoding="utf-8"))
    for heading in headings(tokens):
        text = BeautifulSoup(str(heading["name"]), "html.parser").get_text()
        if not str(heading["id"]).endswith(tuple(f"_{n}" for n in range(1, 10))):  # a repeated heading: toc adds _1
            assert github_anchor(text) == heading["id"], f"{page.name}: heading {text!r}"


def test_the_checks_catch_what_is_broken(tmp_path: Path) -> None:
    """Each check fails on a reference, link or command that does not hold."""
    guide = "docs" + "/guide"  # written apart, so that this file's own references stay the ones that resolve
    source = tmp_path / "x.py"
    refs = ("editors/topics.md#no-such-heading", "editors/nothing.md", "editors/topics.md#evidence")
    source.write_text("".join(f'"see {guide}/{ref}"\n' for ref in refs), encoding="utf-8")
    assert broken_references([source]) == [
        f"x.py: {guide}/editors/topics.md#no-such-heading: no heading #no-such-heading in editors/topics.md",
        f"x.py: {guide}/editors/nothing.md: no file editors/nothing.md",
    ]
    shutil.copy(GUIDE / "editors" / "topics.md", tmp_path)
    page = tmp_path / "probe.md"
    page.write_text("# Probe\n\n[a](topics.md#evidence) [b](topics.md#nope) [c](gone.md) [d](#probe) [e](#nope) `[f](gone.md)`\n")
    assert broken_links(page) == [
        "probe.md: link topics.md#nope: no heading #nope in topics.md",
        "probe.md: link gone.md: no file gone.md",
        "probe.md: link #nope: no heading #nope in probe.md",
    ]
    code = "run `make site` and `make -s sitee`, then\n```sh\nSITE_URL=x make nonesuch\n```\nto make it"
    assert unknown_targets(code, make_targets()) == {"sitee", "nonesuch"}
    assert github_anchor("A second engine: Zensical") == "a-second-engine-zensical"
    assert github_anchor("Parts — not the interview") == "parts--not-the-interview"  # toc would make it parts-not-the-interview


# ---------------------------------------------------------------- commands and length


def test_every_make_target_the_readme_and_the_guide_name_exists() -> None:
    targets = make_targets()
    assert {"site", "serve", "test", "test-fast", "lint", "reference"} <= targets
    for path in [README, *guide_pages()]:
        assert unknown_targets(path.read_text(encoding="utf-8"), targets) == set(), path.relative_to(ROOT)


def test_the_readme_lists_every_make_target_with_a_description() -> None:
    described = set(re.findall(r"^## ([\w-]+):", (ROOT / "Makefile").read_text(encoding="utf-8"), re.M))
    readme = README.read_text(encoding="utf-8")
    assert {t for t in described if f"`make {t}" not in readme} == set()


def test_the_readme_is_short() -> None:
    lines = README.read_text(encoding="utf-8").splitlines()
    assert len(lines) < MAX_README_LINES, f"README.md has {len(lines)} lines: move text into docs/guide/"


# ---------------------------------------------------------------- generated reference


def test_the_generated_reference_is_up_to_date(tmp_path: Path) -> None:
    from scripts.tools import reference

    assert reference.main(["--out", str(tmp_path)]) == 0
    for written in sorted(tmp_path.iterdir()):
        committed = GUIDE / "reference" / written.name
        assert committed.is_file(), f"{committed.relative_to(ROOT)} is missing: run `make reference`"
        assert committed.read_text(encoding="utf-8") == written.read_text(encoding="utf-8"), (
            f"{committed.relative_to(ROOT)} is out of date: run `make reference`"
        )


def test_the_error_catalogue_finds_messages_in_every_layer() -> None:
    from scripts.tools import reference

    found = list(reference.messages())
    assert {m.module.split("/")[0] for m in found} >= {"reading", "knowledge", "outputs", "commands"}
    texts = {m.text for m in found}
    assert any("is not one of the speakers" in t for t in texts)
    assert any(t.startswith("warning: ") for t in texts)


def generated_kb(seeds: Path, out: Path) -> tuple[Any, list[Any]]:
    """kb.json and every interview's file, as `make generate` writes them."""
    from interview_kb.commands.generate import generate

    generate(seeds, out, ROOT / "mkdocs.yml")
    index = json.loads((out / "kb.json").read_text(encoding="utf-8"))
    return index, [json.loads((out / i["data"]).read_text(encoding="utf-8")) for i in index["interviews"]]


def validated(index: object, pieces: list[object]) -> list[Any]:
    """Every interview's file, checked against its model, after kb.json against its own."""
    from interview_kb.outputs import kb_json

    kb_json.validate(index)
    return [kb_json.validate_interview(piece) for piece in pieces]


def test_kb_json_of_the_seeds_and_of_published_shapes_validates_against_its_models(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    validated(*generated_kb(ROOT / "seeds", tmp_path / "seeds-out"))
    # The shipped topics find nothing in the shapes: warnings, which a strict build (CI's) would make mistakes.
    monkeypatch.setenv("KB_STRICT", "false")
    shapes = tmp_path / "shapes"
    shutil.copytree(ROOT / "tests" / "data" / "shapes", shapes)
    shutil.copy(ROOT / "seeds" / "topics.yml", shapes)
    pieces = validated(*generated_kb(shapes, tmp_path / "shapes-out"))
    assert any(piece["outside"] for piece in pieces)  # the parts that are not the interview are checked too


def test_validation_refuses_what_the_models_do_not_say(tmp_path: Path) -> None:
    from interview_kb.outputs import kb_json
    from pydantic import ValidationError

    index, pieces = generated_kb(ROOT / "seeds", tmp_path)
    data = pieces[0]
    data["exchanges"][0]["unknown"] = 1
    with pytest.raises(ValidationError):
        kb_json.validate_interview(data)
    del data["exchanges"][0]["unknown"]
    data["exchanges"][0]["answer"] = "text"
    with pytest.raises(ValidationError):
        kb_json.validate_interview(data)
    index["exchanges"] = data["exchanges"]  # the single file's shape is not kb.json's any more
    with pytest.raises(ValidationError):
        kb_json.validate(index)


def test_the_published_schemas_are_the_reference_s(tmp_path: Path) -> None:
    generated_kb(ROOT / "seeds", tmp_path)
    assert (tmp_path / "kb.schema.json").read_text(encoding="utf-8") == (ROOT / "docs/guide/reference/kb.schema.json").read_text(
        encoding="utf-8"
    )
    published = (tmp_path / "kb" / "interview.schema.json").read_text(encoding="utf-8")
    assert published == (ROOT / "docs/guide/reference/kb-interview.schema.json").read_text(encoding="utf-8")


@pytest.mark.slow
def test_the_built_site_has_no_guide_and_its_kb_json_validates(built) -> None:
    assert not (built.site / "guide").exists()
    assert "guide/" not in (built.site / "sitemap.xml").read_text(encoding="utf-8")
    index = json.loads((built.site / "kb.json").read_text(encoding="utf-8"))
    validated(index, [json.loads((built.site / i["data"]).read_text(encoding="utf-8")) for i in index["interviews"]])
