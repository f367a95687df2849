"""The command line, `interview-kb` (commands/cli.py): its commands and options, exit statuses and one-line messages.

The commands' work is replaced here by stand-ins where only the command line is tested; the builds
themselves are tested in test_build_swap.py, test_failures.py and the others, through the same entry point.
"""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

import pytest
from interview_kb.commands import build, cli, generate, new, zensical_build
from interview_kb.errors import SeedError
from interview_kb.outputs.site_folder import OutputFolderError

from tests.support import ROOT, command_line

COMMANDS = ["build", "new", "import", "generate", "topics", "zensical"]
HELDOUT = ROOT / "tests" / "data" / "heldout"


def test_the_help_lists_every_command() -> None:
    result = command_line("--help")
    assert result.exit_code == 0
    listed = [line.split()[0] for line in result.stdout.split("Commands:\n")[1].splitlines()]
    assert listed == sorted(COMMANDS)


def test_no_command_shows_the_help() -> None:
    result = command_line()
    shown = result.stdout + result.stderr
    assert result.exit_code == 2
    assert shown.startswith("Usage: interview-kb [OPTIONS] COMMAND") and "\nCommands:\n  build " in shown, shown


@pytest.mark.parametrize(
    ("command", "options"),
    [
        ("build", ["--seeds", "--site", "--replace", "--verbose", "-f, --config"]),
        ("new", ["TRANSCRIPT", "--seeds"]),
        ("import", ["SOURCE", "--seeds"]),
        ("generate", ["--seeds", "--out", "-f, --config"]),
        ("zensical", ["--seeds", "--site", "--replace", "--zensical"]),
        ("topics", ["--seeds"]),
    ],
)
def test_each_command_has_its_options(command: str, options: list[str]) -> None:
    result = command_line(command, "-h")
    assert result.exit_code == 0
    assert result.stdout.startswith(f"Usage: interview-kb {command} ")
    for option in options:
        assert option in result.stdout


def recorded(monkeypatch: pytest.MonkeyPatch, module: Any, name: str, returns: Any = None) -> list[tuple[Any, ...]]:
    """The calls of `module.name`, which does nothing (and returns `returns`)."""
    calls: list[tuple[Any, ...]] = []

    def stand_in(*args: Any, **kwargs: Any) -> Any:
        calls.append((*args, *sorted(kwargs.items())))
        return returns

    monkeypatch.setattr(module, name, stand_in)
    return calls


def test_build_passes_its_options_and_their_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = recorded(monkeypatch, build, "build")
    assert command_line("build").exit_code == 0
    assert command_line("build", "--seeds=s", "--site", "out dir", "--replace", "-f", "other.yml").exit_code == 0
    assert command_line("build", "--config", "third.yml").exit_code == 0
    assert calls == [
        (Path("seeds"), Path("site"), Path("mkdocs.yml"), ("replace", False)),
        (Path("s"), Path("out dir"), Path("other.yml"), ("replace", True)),
        (Path("seeds"), Path("site"), Path("third.yml"), ("replace", False)),
    ]


def test_zensical_and_generate_pass_their_options(monkeypatch: pytest.MonkeyPatch) -> None:
    zensical = recorded(monkeypatch, zensical_build, "build")
    generated = recorded(monkeypatch, generate, "generate", returns=7)
    assert command_line("zensical").exit_code == 0
    assert command_line("zensical", "--seeds", "s", "--site", "z", "--replace", "--zensical", "/bin/z").exit_code == 0
    result = command_line("generate", "--seeds", "s", "--out", "o")
    assert (result.exit_code, result.stdout) == (0, "wrote 7 pages and kb.json to o\n")
    assert command_line("generate", "-f", "other.yml").exit_code == 0
    assert zensical == [
        (Path("seeds"), Path("site-zensical"), zensical_build.DEFAULT_ZENSICAL, ("replace", False)),
        (Path("s"), Path("z"), Path("/bin/z"), ("replace", True)),
    ]
    assert generated == [(Path("s"), Path("o"), Path("mkdocs.yml")), (Path("seeds"), Path("build/generated"), Path("other.yml"))]


def raising(error: BaseException) -> Any:
    def stand_in(*args: Any, **kwargs: Any) -> None:
        raise error

    return stand_in


REFUSED = OutputFolderError(Path("notes"), "this folder holds files that are not a site")


@pytest.mark.parametrize(
    ("error", "status", "line"),
    [
        (REFUSED, 2, str(REFUSED)),
        (SeedError("seeds/a.yml", 3, "what", "todo"), 1, "seeds/a.yml:3: what — todo"),
        (RuntimeError("mkdocs.yml:1: the MkDocs build failed (x) — fix it"), 1, "mkdocs.yml:1: the MkDocs build failed (x) — fix it"),
        (OSError(28, "No space left on device"), 1, "site:1: the disk is full (No space left on device) — free some space"),
    ],
    ids=["output folder refused", "seed mistake", "build failed", "system refused"],
)
@pytest.mark.parametrize("command", ["build", "zensical", "generate"])
def test_a_failure_is_one_line_and_its_exit_status(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, command: str, error: Exception, status: int, line: str
) -> None:
    monkeypatch.chdir(tmp_path)
    module, name = {"build": (build, "build"), "zensical": (zensical_build, "build"), "generate": (generate, "generate")}[command]
    monkeypatch.setattr(module, name, raising(error))
    result = command_line(command, *(["--site", "site"] if command != "generate" else ["--out", "site"]))
    assert result.exit_code == status
    assert result.stderr.count("\n") == 1 and result.stderr.startswith(line), result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize(
    ("replaced", "says"),
    [
        (False, "site:1: the build was stopped (SIGTERM); the previous site is unchanged — build again\n"),
        (True, "site:1: the build was stopped (SIGTERM) as it ended; the new site is in place — nothing to redo\n"),
    ],
)
def test_a_stopped_build_exits_with_128_and_the_signal(monkeypatch: pytest.MonkeyPatch, replaced: bool, says: str) -> None:
    def stopped(*args: Any, **kwargs: Any) -> None:
        build.SIGNALS.replaced = replaced
        raise build.Stopped(signal.SIGTERM)

    monkeypatch.setattr(build, "build", stopped)
    result = command_line("build")
    assert (result.exit_code, result.stderr) == (128 + signal.SIGTERM, says)


def test_ctrl_c_in_another_command_exits_with_128_and_sigint(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(generate, "generate", raising(KeyboardInterrupt()))
    result = command_line("generate")
    assert result.exit_code == 128 + signal.SIGINT
    assert result.stderr.strip() == "interview-kb: stopped (SIGINT)"


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["build", "--bogus"], "interview-kb build: No such option '--bogus'"),
        (["zensical", "--site"], "interview-kb zensical: Option '--site' requires an argument"),
        (["new"], "interview-kb new: Missing argument 'TRANSCRIPT'"),
        (["import", "a", "b"], "interview-kb import: Got unexpected extra argument (b)"),
        (["generate", "--out"], "interview-kb generate: Option '--out' requires an argument"),
        (["biuld"], "interview-kb: No such command 'biuld'"),
    ],
)
def test_a_mistake_in_the_command_line_is_one_line_and_exit_2(args: list[str], says: str) -> None:
    result = command_line(*args)
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and result.stderr.startswith(says), result.stderr
    assert result.stderr.endswith(f" — see `{says.split(':')[0]} --help`\n"), result.stderr


def test_a_transcript_whose_name_starts_with_a_dash_follows_two_dashes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copy(HELDOUT / "lines-qa.txt", tmp_path / "-qa.txt")
    assert command_line("new", "--seeds", "seeds", "-qa.txt").exit_code == 2  # read as options
    result = command_line("new", "--seeds", "seeds", "--", "-qa.txt")
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in (tmp_path / "seeds").iterdir()) == ["qa.txt", "qa.yml"]


@pytest.mark.parametrize(
    ("command", "says"),
    [
        ("new", "no transcript given — give its path: make new TRANSCRIPT=path/to/interview.txt\n"),
        ("import", "no folder given — give the folder of transcripts: make import SOURCE=path/to/folder\n"),
    ],
)
def test_no_path_given_is_one_line_and_reads_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str, says: str) -> None:
    """`make new` without TRANSCRIPT passes an empty path, which is not the folder the command runs in."""
    monkeypatch.chdir(tmp_path)
    shutil.copy(HELDOUT / "lines-qa.txt", tmp_path / "qa.txt")
    result = command_line(command, "--seeds", "seeds", "--", "")
    assert (result.exit_code, result.stderr) == (1, says)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["qa.txt"]


def test_import_drafts_a_folder_as_new_does_and_refuses_a_file(tmp_path: Path) -> None:
    folder = tmp_path / "archive"
    folder.mkdir()
    shutil.copy(HELDOUT / "lines-qa.txt", folder / "qa.txt")
    seeds = tmp_path / "seeds"
    result = command_line("import", "--seeds", str(seeds), str(folder))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith(f"1 draft written, 0 skipped, from {folder} into {seeds}\n")
    again = command_line("new", "--seeds", str(seeds), str(folder))  # a folder given to new: the same, all skipped
    assert again.exit_code == 0 and again.stdout.startswith("0 drafts written, 1 skipped")
    refused = command_line("import", "--seeds", str(seeds), str(folder / "qa.txt"))
    assert refused.exit_code == 1
    assert refused.stderr == f"{folder / 'qa.txt'}:1: not a folder — give the folder of transcripts: make import SOURCE=path/to/folder\n"


def test_new_passes_the_transcript_and_the_seeds_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = recorded(monkeypatch, new, "new", returns=["said"])
    (tmp_path / "a.txt").write_text("Ann: Why?\n", encoding="utf-8")
    result = command_line("new", str(tmp_path / "a.txt"))
    assert (result.exit_code, result.stdout, calls) == (0, "said\n", [(tmp_path / "a.txt", Path("seeds"))])


def test_the_console_script_and_python_m_run_the_command_line() -> None:
    """In a process of its own, as make runs it: the status is the process's."""
    (script,) = entry_points(group="console_scripts", name="interview-kb")
    assert script.load() is cli.cli
    programs = [[sys.executable, "-m", "interview_kb"]]
    installed = Path(sys.executable).parent / "interview-kb"  # by `pip install -e .` (make)
    if installed.exists():
        programs.append([str(installed)])
    for program in programs:
        result = subprocess.run([*program, "build", "--bogus"], cwd=ROOT, capture_output=True, text=True, check=False)
        assert result.returncode == 2
        assert result.stderr.count("\n") == 1 and "build: No such option '--bogus'" in result.stderr, result.stderr


def test_topics_drafts_beside_topics_yml_and_says_what_it_covers(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    shutil.copytree(ROOT / "seeds", seeds)
    result = command_line("topics", "--seeds", str(seeds))
    assert result.exit_code == 0, result.stderr
    assert (seeds / "topics.draft.yml").is_file()
    assert (seeds / "topics.yml").read_bytes() == (ROOT / "seeds" / "topics.yml").read_bytes()
    assert "covered" in result.stdout


def test_topics_of_a_missing_folder_is_one_line(tmp_path: Path) -> None:
    result = command_line("topics", "--seeds", str(tmp_path / "missing"))
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and "the seeds folder does not exist" in result.stderr
