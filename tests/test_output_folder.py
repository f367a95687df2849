"""A build replaces only a previous site: never the project, the seeds, the docs or a folder of the editor's."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from interview_kb.outputs import site_folder
from interview_kb.outputs.site_folder import MARKER, OutputFolderError, check

from tests.support import ONE_LINE, ROOT, make_seeds, run_build

pytestmark = pytest.mark.slow  # builds sites (make test-fast leaves it out)


def fake_project(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    for folder in ("seeds", "docs", "overrides", "scripts", ".git"):
        (project / folder).mkdir(parents=True)
        (project / folder / "kept").write_text("kept")
    (project / "Makefile").write_text("all:\n")
    return project


def keep(project: Path) -> list[tuple[str, Path]]:
    return [("the seeds folder", project / "seeds"), ("the docs folder", project / "docs"), ("the overrides folder", project / "overrides")]


@pytest.mark.parametrize(
    ("site", "says"),
    [
        (".", "is the project"),
        ("..", "holds the project"),
        ("seeds", "is the seeds folder"),
        ("seeds/site", "lies inside the seeds folder"),
        ("docs", "is the docs folder"),
        ("docs/out", "lies inside the docs folder"),
        ("overrides", "is the overrides folder"),
        ("scripts", "the project's own scripts"),
        (".git/site", "the project's own .git"),
        ("Makefile", "the project's own Makefile"),
    ],
)
def test_folders_a_build_reads_or_the_project_are_refused(tmp_path: Path, site: str, says: str) -> None:
    project = fake_project(tmp_path)
    with pytest.raises(OutputFolderError, match=says) as refused:
        check(project / site, project=project, keep=keep(project), replace=True)
    assert ONE_LINE.match(f"{refused.value}\n"), refused.value


def test_a_folder_holding_the_seeds_folder_is_refused(tmp_path: Path) -> None:
    seeds = make_seeds(tmp_path / "work" / "seeds")
    with pytest.raises(OutputFolderError, match="holds the seeds folder"):
        check(tmp_path / "work", project=fake_project(tmp_path), keep=[("the seeds folder", seeds)], replace=True)


def test_a_symbolic_link_to_the_seeds_folder_is_refused(tmp_path: Path) -> None:
    project = fake_project(tmp_path)
    (tmp_path / "link").symlink_to(project / "seeds")
    with pytest.raises(OutputFolderError, match="is the seeds folder"):
        check(tmp_path / "link", project=project, keep=keep(project))


def test_a_folder_of_other_files_is_replaced_only_when_the_editor_says_so(tmp_path: Path) -> None:
    project = fake_project(tmp_path)
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "draft.txt").write_text("mine")
    with pytest.raises(OutputFolderError, match=r"not empty \(draft.txt\) and is not a site built here.*--replace"):
        check(notes, project=project, keep=keep(project))
    check(notes, project=project, keep=keep(project), replace=True)


def test_new_empty_and_previous_sites_are_accepted(tmp_path: Path) -> None:
    project = fake_project(tmp_path)
    (tmp_path / "empty").mkdir()
    previous = tmp_path / "previous"
    previous.mkdir()
    site_folder.mark(previous)
    (previous / "index.html").write_text("old site")
    legacy = tmp_path / "legacy"
    (legacy / "pagefind").mkdir(parents=True)
    (legacy / "kb.json").write_text("{}")
    (legacy / "pagefind" / "pagefind-entry.json").write_text("{}")
    for site in (tmp_path / "new", tmp_path / "empty", previous, legacy, project / "site"):
        check(site, project=project, keep=keep(project))


def test_a_file_is_refused_even_with_replace(tmp_path: Path) -> None:
    project = fake_project(tmp_path)
    (tmp_path / "site.txt").write_text("mine")
    with pytest.raises(OutputFolderError, match="is a file, not a folder"):
        check(tmp_path / "site.txt", project=project, keep=keep(project), replace=True)


def test_the_build_command_refuses_the_seeds_folder_with_one_line_and_exit_2(tmp_path: Path) -> None:
    seeds = make_seeds(tmp_path / "seeds")
    before = sorted(p.name for p in seeds.iterdir())
    result = run_build(seeds, seeds)
    assert result.returncode == 2, result.stderr
    assert ONE_LINE.match(result.stderr), result.stderr
    assert "is the seeds folder" in result.stderr
    assert sorted(p.name for p in seeds.iterdir()) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["seeds"]


def test_the_build_command_refuses_a_folder_of_notes_and_replaces_it_when_told(tmp_path: Path) -> None:
    seeds = make_seeds(tmp_path / "seeds")
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "draft.txt").write_text("mine")
    refused = run_build(seeds, notes)
    assert refused.returncode == 2 and ONE_LINE.match(refused.stderr), refused.stderr
    assert sorted(p.name for p in notes.iterdir()) == ["draft.txt"]
    replaced = run_build(seeds, notes, "--replace")
    assert replaced.returncode == 0, replaced.stderr
    assert (notes / MARKER).is_file() and not (notes / "draft.txt").exists()
    assert run_build(seeds, notes).returncode == 0  # now a previous site


@pytest.mark.parametrize(
    ("site", "says"),
    [(".", ".:1: the output folder is the project"), ("docs/sub", "docs/sub:1: the output folder lies inside the docs folder")],
)
def test_make_site_into_the_project_or_its_docs_leaves_the_project_as_it_was(tmp_path: Path, site: str, says: str) -> None:
    """`make site SITE=.` in a copy of the project (the command's project is the folder it runs from); MkDocs' own
    refusal of a site inside the docs folder (two lines, exit 1) comes after the output folder's check."""
    copy = tmp_path / "copy"
    copy.mkdir()
    for name in ("scripts", "seeds", "docs", "overrides"):
        shutil.copytree(ROOT / name, copy / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("mkdocs.yml", "Makefile", "pyproject.toml"):
        shutil.copy2(ROOT / name, copy / name)
    before = sorted(str(p.relative_to(copy)) for p in copy.rglob("*"))
    result = run_build("seeds", site, cwd=copy)
    assert result.returncode == 2, result.stderr
    assert ONE_LINE.match(result.stderr), result.stderr
    assert result.stderr.startswith(says)
    assert sorted(str(p.relative_to(copy)) for p in copy.rglob("*") if "__pycache__" not in p.parts) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["copy"]


def test_make_site_takes_paths_as_written_without_the_shell(tmp_path: Path) -> None:
    odd = tmp_path / "a `touch hacked` $(touch hacked2) $100 \"q\" 'x'"
    seeds = make_seeds(odd / "seeds")
    site = odd / "-site"  # a leading dash is a path, not an option
    command = ["make", "--no-print-directory", "-C", str(ROOT), "site", f"SEEDS={seeds}", f"SITE={site}"]
    result = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, check=False, env={**os.environ, "KB_STRICT": "false"})
    assert result.returncode == 0, result.stderr
    assert (site / "index.html").is_file() and (site / MARKER).is_file()
    assert not any((folder / name).exists() for folder in (tmp_path, ROOT, odd) for name in ("hacked", "hacked2"))
