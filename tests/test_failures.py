"""Failures of the machine, not of the seeds, and messages that used to mislead: each is one line saying what to do."""

from __future__ import annotations

import errno
import os
import socket
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from interview_kb.errors import SeedError

from tests.support import ONE_LINE, command_line, fake_pagefind, make_seeds, run_build

pytestmark = pytest.mark.slow  # builds sites (make test-fast leaves it out)


def build_in_process(seeds: Path, site: Path) -> tuple[int, str]:
    result = command_line("build", "--seeds", str(seeds), "--site", str(site))
    return result.exit_code, result.stderr


def refusing(real: Callable[..., object], error: int, when: Callable[[str], bool]) -> Callable[..., object]:
    """`real`, raising OSError(`error`) for the paths `when` accepts."""

    def call(path: str | os.PathLike[str], *args: object, **kwargs: object) -> object:
        if when(os.fsdecode(path)):
            raise OSError(error, os.strerror(error), os.fsdecode(path))
        return real(path, *args, **kwargs)

    return call


def test_a_full_disk_while_writing_the_site_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from mkdocs import utils

    def full(output: bytes, path: str) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(utils, "write_file", full)
    code, err = build_in_process(make_seeds(tmp_path / "seeds"), tmp_path / "site")
    assert code == 1
    assert ONE_LINE.match(err), err
    assert "No space left on device" in err and "free some space" in err
    assert err.startswith("site:1:") or f"{tmp_path / 'site'}:1:" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["seeds"]  # no half-built folder left beside it


def test_a_full_disk_names_the_file_of_the_site_not_the_temporary_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = Path.write_text
    monkeypatch.setattr(Path, "write_text", refusing(real, errno.ENOSPC, lambda path: path.endswith("kb.json")))
    code, err = build_in_process(make_seeds(tmp_path / "seeds"), tmp_path / "site")
    assert code == 1
    assert ONE_LINE.match(err), err
    assert f"{tmp_path / 'site' / 'kb.json'}:1: the disk is full (No space left on device)" in err
    assert ".building-" not in err


@pytest.mark.parametrize(("code", "says"), [(errno.EACCES, "writable"), (errno.EROFS, "remount")])
def test_an_output_folder_that_cannot_be_written_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int, says: str) -> None:
    # As root, a folder without write permission can still be written: the refusal is simulated.
    monkeypatch.setattr(os, "open", refusing(os.open, code, lambda path: path.endswith(".site.lock")))
    exit_code, err = build_in_process(make_seeds(tmp_path / "seeds"), tmp_path / "site")
    assert exit_code == 1
    assert ONE_LINE.match(err), err
    assert os.strerror(code) in err and says in err and str(tmp_path) in err


def test_a_real_read_only_output_folder_is_one_line(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root writes into any folder")
    parent = tmp_path / "out"
    parent.mkdir()
    parent.chmod(0o555)
    try:
        result = run_build(make_seeds(tmp_path / "seeds"), parent / "site")
    finally:
        parent.chmod(0o755)
    assert result.returncode == 1
    assert ONE_LINE.match(result.stderr), result.stderr
    assert "Permission denied" in result.stderr and "writable" in result.stderr


def with_second_metadata(seeds: Path) -> Path:
    (seeds / "x.yml").write_text((seeds / "demo.yml").read_text(encoding="utf-8"), encoding="utf-8")
    return seeds


def folder(seeds: Path) -> None:
    (seeds / "x.txt").mkdir()


def loop(seeds: Path) -> None:
    os.symlink("b", seeds / "a")
    os.symlink("a", seeds / "b")
    os.symlink("a", seeds / "x.txt")


def dangling(seeds: Path) -> None:
    os.symlink("gone.txt", seeds / "x.txt")


def fifo_transcript(seeds: Path) -> None:
    os.mkfifo(seeds / "x.txt")


def fifo_metadata(seeds: Path) -> None:
    """A transcript beside a FIFO `x.yml`: reading the metadata waited for a writer forever."""
    (seeds / "x.yml").unlink()
    (seeds / "x.txt").write_text((seeds / "demo.txt").read_text(encoding="utf-8"), encoding="utf-8")
    os.mkfifo(seeds / "x.yml")


def a_socket(seeds: Path) -> None:
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(seeds / "x.txt"))
    server.close()


@pytest.mark.parametrize(
    ("make", "path", "says"),
    [
        (folder, "x.txt", "this is a folder, where a transcript file belongs"),
        (loop, "x.txt", "symbolic link in a loop"),
        (dangling, "x.txt", "symbolic link to nothing (gone.txt does not exist)"),
        (fifo_transcript, "x.txt", "this is a named pipe (FIFO), where a transcript file belongs"),
        (fifo_metadata, "x.yml", "this is a named pipe (FIFO), where a metadata file belongs"),
        (a_socket, "x.txt", "this is a socket, where a transcript file belongs"),
    ],
    ids=["folder", "symlink loop", "dangling symlink", "FIFO transcript", "FIFO metadata", "socket"],
)
def test_a_seed_that_is_no_regular_file_is_one_line_before_anything_is_read(
    tmp_path: Path, make: Callable[[Path], None], path: str, says: str
) -> None:
    seeds = with_second_metadata(make_seeds(tmp_path / "seeds"))
    make(seeds)
    try:
        result = run_build(seeds, tmp_path / "site", timeout=60)
    except subprocess.TimeoutExpired:
        pytest.fail("the build hangs")
    assert result.returncode == 1
    assert ONE_LINE.match(result.stderr), result.stderr
    assert result.stderr.startswith(f"{seeds / path}:1: "), result.stderr
    assert says in result.stderr
    assert "no transcript" not in result.stderr and "missing" not in result.stderr


def use_pagefind(monkeypatch: pytest.MonkeyPatch, launcher: Path) -> None:
    """Builds run `launcher` as Pagefind: the plugin's `pagefind:` setting, which mkdocs.yml leaves at its default."""
    from interview_kb.plugin.config import KnowledgeBaseConfig

    monkeypatch.setattr(KnowledgeBaseConfig.pagefind, "default", str(launcher))


def test_a_killed_pagefind_says_by_which_signal_and_what_to_do(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    use_pagefind(monkeypatch, fake_pagefind(tmp_path / "bin", "kill -9 $$"))
    code, err = build_in_process(make_seeds(tmp_path / "seeds"), tmp_path / "site")
    assert code == 1
    assert ONE_LINE.match(err), err
    assert "killed by signal 9 (SIGKILL)" in err and "out of memory" in err and "free some memory" in err
    assert "pagefind failed: —" not in err and "the MkDocs build failed" not in err


def test_a_failing_pagefind_without_a_message_says_so(tmp_path: Path) -> None:
    from interview_kb.outputs.search.pagefind import Pagefind

    with pytest.raises(RuntimeError, match=r"Pagefind failed to write the search index \(no message, exit status 3\) — "):
        Pagefind(fake_pagefind(tmp_path / "bin", "exit 3")).index(tmp_path, tmp_path / "out")


def test_another_pagefind_version_fails_the_build_in_one_line_before_the_pages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import mkdocs.commands.build

    pages: list[object] = []
    monkeypatch.setattr(mkdocs.commands.build, "_build_page", lambda *args, **kwargs: pages.append(args))
    use_pagefind(monkeypatch, fake_pagefind(tmp_path / "bin", "exit 0", version="1.5.2"))
    code, err = build_in_process(make_seeds(tmp_path / "seeds"), tmp_path / "site")
    assert code == 1
    assert ONE_LINE.match(err), err
    assert err.startswith(f"{tmp_path / 'bin' / 'pagefind'}:1: Pagefind 1.5.2 is installed") and "npm ci --omit=dev" in err
    assert pages == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bin", "seeds"]


def test_missing_node_is_named_before_pagefind_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "empty").mkdir()
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    code, err = build_in_process(make_seeds(tmp_path / "seeds"), tmp_path / "site")
    assert code == 1
    assert ONE_LINE.match(err), err
    assert "Node.js is missing" in err and "install Node.js" in err
    assert "/usr/bin/env" not in err


def test_a_slug_clash_is_blamed_on_the_file_whose_slug_causes_it(tmp_path: Path) -> None:
    """`a.yml` says `slug: b`, and `b.txt` (no `slug:`) takes its slug from its name: the mistake is a.yml's `slug:` line."""
    from interview_kb.knowledge.base import load

    from tests.support import META, TRANSCRIPT

    seeds = tmp_path / "seeds"
    make_seeds(seeds)
    (seeds / "a.txt").write_text(TRANSCRIPT, encoding="utf-8")
    (seeds / "a.yml").write_text(META + "slug: b\n", encoding="utf-8")
    (seeds / "b.txt").write_text(TRANSCRIPT.replace("First question", "Another question"), encoding="utf-8")
    (seeds / "b.yml").write_text(META, encoding="utf-8")
    with pytest.raises(SeedError) as raised:
        load(seeds)
    assert raised.value.path.endswith("a.yml")
    assert raised.value.line == 8  # the `slug:` line
    assert raised.value.what == "slug 'b' is also the slug of b.txt (from its file name)"
    assert "change this `slug:`" in raised.value.todo


@pytest.mark.parametrize("name", ["topics.txt", "Glossary.md", "entities.txt"])
@pytest.mark.parametrize("fresh", [True, False], ids=["fresh seeds folder", "seeds with the taxonomy"])
def test_make_new_refuses_a_transcript_with_a_reserved_name(tmp_path: Path, name: str, fresh: bool) -> None:
    seeds = tmp_path / "seeds"
    if not fresh:
        make_seeds(seeds)
    before = sorted(seeds.iterdir()) if seeds.exists() else []
    source = tmp_path / "archive" / name
    source.parent.mkdir()
    source.write_text("Ann: Why?\n\nBob: Because.\n\nAnn: Thanks?\n", encoding="utf-8")
    result = command_line("new", "--seeds", str(seeds), str(source))
    assert result.exit_code == 1
    err = result.stderr
    assert ONE_LINE.match(err), err
    stem = Path(name).stem.lower()
    assert f"'{stem}' is a reserved name" in err and "rename the transcript" in err
    assert "remove it" not in err
    assert (sorted(seeds.iterdir()) if seeds.exists() else []) == before  # no draft as topics.yml, nothing copied


def test_a_transcript_with_a_reserved_name_in_the_seeds_is_one_line(tmp_path: Path) -> None:
    from interview_kb.knowledge.base import load

    seeds = make_seeds(tmp_path / "seeds")
    (seeds / "topics.txt").write_text("Ann: Why?\n\nBob: Because.\n", encoding="utf-8")
    with pytest.raises(SeedError) as raised:
        load(seeds)
    assert raised.value.path.endswith("topics.txt")
    assert "'topics' is a reserved name" in raised.value.what and "rename the transcript" in raised.value.todo


def test_tags_json_under_mkdocs_serve_is_the_bytes_of_a_clean_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A topic whose title is not ASCII: the tags plugin writes `\\u00e9`, a rewrite wrote `é`; both now write one form."""
    from mkdocs.commands.build import build as mkdocs_build

    from tests.support import TRANSCRIPT, build_site
    from tests.support import plugin_config as load

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    seeds = make_seeds(tmp_path / "seeds")
    topics = (seeds / "topics.yml").read_text(encoding="utf-8")
    (seeds / "topics.yml").write_text(topics.replace("title: Widgets", "title: Widgets — café"), encoding="utf-8")
    served = tmp_path / "served"
    config = load(served, seeds)
    config.plugins.on_startup(command="serve", dirty=True)  # type: ignore[attr-defined]
    try:
        mkdocs_build(config, serve_url="http://127.0.0.1:8000/", dirty=True)  # type: ignore[arg-type]
        (seeds / "demo.txt").write_text(TRANSCRIPT.replace("widgets.", "widgets (edited)."), encoding="utf-8")
        mkdocs_build(load(served, seeds), serve_url="http://127.0.0.1:8000/", dirty=True)  # type: ignore[arg-type]
    finally:
        config.plugins.on_shutdown()  # type: ignore[attr-defined]
    clean = build_site(tmp_path / "clean", seeds)
    assert clean.returncode == 0, clean.stderr
    assert "Widgets — café" in (clean.site / "tags.json").read_text(encoding="utf-8")
    assert (served / "tags.json").read_bytes() == (clean.site / "tags.json").read_bytes()


def rendered_home(seeds: Path) -> str:
    from interview_kb.knowledge.base import load
    from interview_kb.render import pages

    return pages.render(load(seeds), pages.Site("KB", ""))["index.md"]


def test_an_interview_with_no_guest_names_its_hosts_without_a_dangling_comma(tmp_path: Path) -> None:
    from tests.support import META

    seeds = make_seeds(tmp_path / "seeds")
    (seeds / "demo.yml").write_text(META.replace("interviewer: Ann", "interviewer: [Ann, Bob]"), encoding="utf-8")
    home = rendered_home(seeds)
    assert "Hosted by Ann A (Host, Org) and Bob B (Guest, Org)" in home
    assert ", interviewed by" not in home


def test_one_exchange_is_one_exchange(tmp_path: Path) -> None:
    seeds = make_seeds(tmp_path / "seeds")
    (seeds / "demo.txt").write_text("Ann: First question?\n\nBob: An answer about widgets.\n", encoding="utf-8")
    home = rendered_home(seeds)
    assert " · 1 exchange\n" in home
    assert "1 exchanges" not in home


def test_make_new_counts_one_turn_and_one_label_in_the_singular(tmp_path: Path) -> None:
    source = tmp_path / "solo.txt"
    source.write_text("Ann: Is anyone there?\n", encoding="utf-8")
    result = command_line("new", "--seeds", str(tmp_path / "seeds"), str(source))
    assert result.exit_code == 0
    assert "draft for 1 speaker label (Ann)" in result.stdout
    assert "# 1 turn, 1 ends with ?" in (tmp_path / "seeds" / "solo.yml").read_text(encoding="utf-8")


def test_an_address_ending_in_a_backslash_keeps_it(tmp_path: Path) -> None:
    import dataclasses

    import markdown
    from interview_kb.reading.loader import load_interview
    from interview_kb.render import templates
    from interview_kb.render.markdown_text import markdown_url

    interview = load_interview(make_seeds(tmp_path / "seeds") / "demo.txt")
    interview = dataclasses.replace(interview, media="https://example.com/talk\\", source="https://example.com/page\\")
    turn = dataclasses.replace(interview.transcript.exchanges[0].question, timestamp="0:05")
    extensions = ["attr_list", "pymdownx.escapeall"]
    assert 'href="https://example.com/talk\\#t=5"' in markdown.markdown(templates.timestamp(turn, interview), extensions=extensions)
    link = f"[Original publication](<{markdown_url(interview.source)}>)"
    assert 'href="https://example.com/page\\"' in markdown.markdown(link, extensions=extensions)
    autolink = f"<{markdown_url(interview.source)}>"
    assert 'href="https://example.com/page\\"' in markdown.markdown(autolink, extensions=extensions)


def test_a_full_disk_while_copying_a_theme_file_names_the_site_not_the_file_copied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    real = shutil.copyfile

    def copy(source: str, target: str, **options: object) -> object:
        if str(source).endswith(".js"):  # as the kernel reports it: the file being read when the write failed
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(source))
        return real(source, target, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(shutil, "copyfile", copy)
    code, err = build_in_process(make_seeds(tmp_path / "seeds"), tmp_path / "site")
    assert code == 1 and ONE_LINE.match(err), err
    assert err.startswith(f"{tmp_path / 'site'}:1: the disk is full (No space left on device)") or err.startswith("site:1: the disk"), err
