"""Broken seeds stop `make site` with one `path:line: what — what to do` line and leave the old site alone."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from interview_kb.outputs import site_folder

from scripts.tools import builds
from tests.support import BROKEN, META, ONE_LINE, ROOT, TOPICS, TRANSCRIPT, add_interview, broken_seeds, command_line, make_seeds, run_build

pytestmark = pytest.mark.slow  # builds sites (make test-fast leaves it out)


def write(name: str, text: str) -> Callable[[Path], object]:
    return lambda seeds: (seeds / name).write_text(text, encoding="utf-8")


def add_second(seeds: Path, meta: str = META, transcript: str = TRANSCRIPT) -> None:
    (seeds / "other.txt").write_text(transcript, encoding="utf-8")
    (seeds / "other.yml").write_text(meta, encoding="utf-8")


def front_matter_date_not_a_date(seeds: Path) -> None:
    (seeds / "demo.txt").unlink()
    (seeds / "demo.yml").write_text(META.replace("date: 2020\n", ""), encoding="utf-8")
    (seeds / "demo.md").write_text("---\ntitle: Demo\ndate: soon\n---\n" + TRANSCRIPT, encoding="utf-8")


CASES: list[tuple[str, Callable[[Path], object], str, int, str]] = [
    ("empty transcript", write("demo.txt", ""), "demo.txt", 1, "the transcript is empty"),
    (
        "no declared speaker",
        write("demo.txt", "Ann said hello.\n\nBob said hi.\n"),
        "demo.txt",
        1,
        "no paragraph starts with a declared speaker",
    ),
    ("metadata missing", lambda s: (s / "demo.yml").unlink(), "demo.yml", 1, "metadata file is missing"),
    ("metadata not YAML", write("demo.yml", "title: [Demo\ndate: 2020\n"), "demo.yml", 2, "not valid YAML"),
    (
        "metadata lacks a field",
        write("demo.yml", META.replace("source: https://example.com/demo\n", "")),
        "demo.yml",
        1,
        "required field `source`",
    ),
    ("metadata not a mapping", write("demo.yml", "- a list\n"), "demo.yml", 1, "metadata must be a YAML mapping"),
    ("speaker never speaks", write("demo.yml", META + "  Cid: {name: Cid C}\n"), "demo.yml", 8, "speaker 'Cid' never speaks"),
    (
        "interviewer not a speaker",
        write("demo.yml", META.replace("interviewer: Ann", "interviewer: Zed")),
        "demo.yml",
        4,
        "interviewer 'Zed' is not one",
    ),
    ("bad date", write("demo.yml", META.replace("date: 2020", "date: last spring")), "demo.yml", 2, "date 'last spring' is not"),
    (
        "impossible date",
        write("demo.yml", META.replace("date: 2020", "date: 2015-06-31")),
        "demo.yml",
        2,
        "date '2015-06-31' is not a real",
    ),
    ("month 13", write("demo.yml", META.replace("date: 2020", "date: 2015-13")), "demo.yml", 2, "date '2015-13' is not a real"),
    ("date and time", write("demo.yml", META.replace("date: 2020", "date: 2015-06-01T10:00:00")), "demo.yml", 2, "is not a real"),
    (
        "source not a URL",
        write("demo.yml", META.replace("https://example.com/demo", "javascript:alert(1)")),
        "demo.yml",
        3,
        "source 'javascript:alert(1)'",
    ),
    (
        "bytes not UTF-8",
        lambda s: (s / "demo.txt").write_bytes(b"Ann: Q?\n\nBob: caf\xe9.\n"),
        "demo.txt",
        3,
        "byte 0xe9 at byte offset 17 is not UTF-8",
    ),
    ("same slug twice", lambda s: add_second(s, META + "slug: demo\n"), "other.yml", 8, "slug 'demo' is also the slug of demo.txt"),
    (
        "override names no exchange",
        write("topics.yml", TOPICS + "    include: [no-such-exchange-000000]\n"),
        "topics.yml",
        6,
        "topic 'widgets' includes 'no-such-exchange-000000', which is no exchange anchor",
    ),
    ("unknown format", write("demo.yml", META + "format: docx\n"), "demo.yml", 8, "unknown transcript format 'docx'"),
    ("media not a URL", write("demo.yml", META + "media: file.mp3\n"), "demo.yml", 8, "media 'file.mp3' is not an http(s) URL"),
    ("topics file missing", lambda s: (s / "topics.yml").unlink(), "topics.yml", 1, "topics file is missing"),
    ("transcript without metadata", write("lonely.yml", META), "lonely.yml", 1, "metadata file has no transcript"),
    (
        "spelling names a speaker too",
        write("entities.yml", "entities:\n  - name: Widget Co\n    kind: organization\n    about: A maker.\n    also: [Ann A]\n"),
        "demo.yml",
        6,
        "'Ann A' names both 'Widget Co' and 'Ann A'",
    ),
    (
        "transcript control character",
        lambda s: (s / "demo.txt").write_bytes(b"Ann: Q?\n\nBob: a\x00b.\n"),
        "demo.txt",
        3,
        "character U+0000 (a control character) at column 7",
    ),
    ("transcript links outside seeds", lambda s: link_outside(s, "demo.txt"), "demo.txt", 1, "a symbolic link to outside the seeds folder"),
    ("topics link outside seeds", lambda s: link_outside(s, "topics.yml"), "topics.yml", 1, "a symbolic link to outside the seeds folder"),
    (
        "two transcripts of one interview",
        write("demo.md", TRANSCRIPT),
        "demo.txt",
        1,
        "demo.md and demo.txt are both transcripts of 'demo'",
    ),
    (
        "front matter date not a date",
        front_matter_date_not_a_date,
        "demo.md",
        3,
        "date 'soon' in the front matter is not a date",
    ),
]


def link_outside(seeds: Path, name: str) -> None:
    """Replace a seed file by a symbolic link to a copy outside the seeds folder."""
    outside = seeds.parent / f"outside-{name}"
    (seeds / name).rename(outside)
    (seeds / name).symlink_to(outside)


@pytest.fixture
def previous_site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("previous build", encoding="utf-8")
    site_folder.mark(site)  # a site a build made, which the next build may replace
    return site


@pytest.mark.parametrize(("name", "breaks", "file", "line", "what"), CASES, ids=[c[0] for c in CASES])
def test_error_is_one_line_and_site_is_untouched(
    tmp_path: Path, previous_site: Path, name: str, breaks: Callable[[Path], object], file: str, line: int, what: str
) -> None:
    seeds = make_seeds(tmp_path / "seeds")
    breaks(seeds)
    result = run_build(seeds, previous_site)
    assert result.returncode == 1
    match = ONE_LINE.match(result.stderr)
    assert match, f"not one `path:line: what — todo` line: {result.stderr!r}"
    assert match["path"] == str(seeds / file)
    assert int(match["line"]) == line
    assert what in match["what"]
    assert sorted(p.name for p in previous_site.iterdir()) == [site_folder.MARKER, "index.html"]
    assert (previous_site / "index.html").read_text() == "previous build"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_good_seeds_replace_the_site(tmp_path: Path, previous_site: Path) -> None:
    result = run_build(make_seeds(tmp_path / "seeds"), previous_site)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert "previous build" not in (previous_site / "index.html").read_text()
    assert (previous_site / "kb.json").exists()


def test_warning_prints_and_builds_unless_strict(tmp_path: Path, previous_site: Path) -> None:
    seeds = make_seeds(tmp_path / "seeds")
    with (seeds / "topics.yml").open("a") as topics:
        topics.write("  - slug: gadgets\n    title: Gadgets\n    description: Gadgets.\n    evidence: {gadgets: 5}\n")
    relaxed = run_build(seeds, previous_site)
    assert relaxed.returncode == 0
    assert (
        relaxed.stderr
        == f"{seeds / 'topics.yml'}:6: warning: topic 'gadgets' has no exchange — add evidence terms or `include` an exchange\n"
    )
    strict = run_build(seeds, tmp_path / "strict-site", KB_STRICT="true")
    assert strict.returncode == 1
    assert ONE_LINE.match(strict.stderr)
    assert not (tmp_path / "strict-site").exists()


def test_copied_seeds_elsewhere_build_the_same_site(tmp_path: Path) -> None:
    first = run_build(ROOT / "seeds", tmp_path / "a", SOURCE_DATE_EPOCH="1700000000")
    shutil.copytree(ROOT / "seeds", tmp_path / "elsewhere" / "deep" / "seeds")
    second = run_build(tmp_path / "elsewhere" / "deep" / "seeds", tmp_path / "b", SOURCE_DATE_EPOCH="1700000000")
    assert first.returncode == second.returncode == 0, first.stderr + second.stderr
    files_a = {p.relative_to(tmp_path / "a"): p.read_bytes() for p in (tmp_path / "a").rglob("*") if p.is_file()}
    files_b = {p.relative_to(tmp_path / "b"): p.read_bytes() for p in (tmp_path / "b").rglob("*") if p.is_file()}
    assert files_a.keys() == files_b.keys()
    assert [str(k) for k in files_a if files_a[k] != files_b[k]] == []


def test_every_broken_interview_is_reported_at_once(tmp_path: Path, previous_site: Path) -> None:
    seeds = broken_seeds(tmp_path / "seeds", "gamma", "alpha", "beta")
    add_interview(seeds, "omega")  # read after the broken ones: it is fine
    result = run_build(seeds, previous_site)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        *(f"{seeds}/{BROKEN[slug][1]}" for slug in ("alpha", "beta", "gamma")),
        "3 mistakes in 3 files — fix them and build again",
    ]
    assert sorted(p.name for p in previous_site.iterdir()) == [site_folder.MARKER, "index.html"]
    assert (previous_site / "index.html").read_text() == "previous build"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_one_broken_interview_among_good_ones_is_the_one_line_of_today(tmp_path: Path, previous_site: Path) -> None:
    seeds = broken_seeds(tmp_path / "seeds", "beta")
    add_interview(seeds, "omega")
    result = run_build(seeds, previous_site)
    assert result.returncode == 1
    assert result.stderr == f"{seeds}/{BROKEN['beta'][1]}\n"


def test_interview_and_cross_interview_mistakes_are_reported_together(tmp_path: Path, previous_site: Path) -> None:
    seeds = broken_seeds(tmp_path / "seeds", "beta")
    add_second(seeds, META + "slug: demo\n")  # other.yml: demo's slug
    (seeds / "lonely.yml").write_text(META, encoding="utf-8")  # no transcript beside it
    result = run_build(seeds, previous_site)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"{seeds}/{BROKEN['beta'][1]}",
        f"{seeds}/lonely.yml:1: metadata file has no transcript — add lonely.txt, .md, .mdx, .vtt or .srt beside it, or remove it",
        f"{seeds}/other.yml:8: slug 'demo' is also the slug of demo.txt (from its file name)"
        " — change this `slug:` or remove it, so that each interview has its own slug",
        "3 mistakes in 3 files — fix them and build again",
    ]


def test_a_strict_build_reports_every_warning_at_once(tmp_path: Path, previous_site: Path) -> None:
    seeds = broken_seeds(tmp_path / "seeds", "beta")
    with (seeds / "topics.yml").open("a") as topics:
        for slug in ("gadgets", "gizmos"):
            topics.write(f"  - slug: {slug}\n    title: {slug.title()}\n    description: {slug.title()}.\n    evidence: {{{slug}: 5}}\n")
    relaxed = run_build(seeds, previous_site)
    assert relaxed.stderr == f"{seeds}/{BROKEN['beta'][1]}\n", "the topics are not checked while an interview is unread"
    (seeds / "beta.yml").unlink()
    (seeds / "beta.txt").unlink()
    strict = run_build(seeds, previous_site, KB_STRICT="true")
    assert strict.returncode == 1
    todo = "add evidence terms or `include` an exchange (a strict build makes warnings errors)"
    assert strict.stderr.splitlines() == [
        f"{seeds}/topics.yml:6: topic 'gadgets' has no exchange — {todo}",
        f"{seeds}/topics.yml:10: topic 'gizmos' has no exchange — {todo}",
        "2 mistakes in 1 file — fix them and build again",
    ]


def test_no_transcript_at_all_stops_at_once(tmp_path: Path, previous_site: Path) -> None:
    seeds = make_seeds(tmp_path / "seeds")
    (seeds / "demo.txt").unlink()  # demo.yml now has no transcript either: that is not said
    result = run_build(seeds, previous_site)
    assert result.stderr == (
        f"{seeds}:1: no interview transcript (*.txt, *.md, …) found — add <slug>.txt and <slug>.yml"
        " (see docs/guide/editors/adding-interviews.md#the-transcript)\n"
    )


def test_mkdocs_build_shows_every_mistake(tmp_path: Path) -> None:
    from tests.support import build_site

    seeds = broken_seeds(tmp_path / "seeds", "alpha", "beta", "gamma")
    result = build_site(tmp_path / "site", seeds, strict=False, KB_STRICT="false")
    assert result.returncode == 1
    shown = [line.strip().removeprefix("ERROR").strip().removeprefix("-").strip() for line in result.stderr.splitlines()]
    for slug in ("alpha", "beta", "gamma"):
        assert f"{seeds}/{BROKEN[slug][1]}" in shown, result.stderr
    assert "3 mistakes in 3 files — fix them and build again" in shown, result.stderr


def test_generate_prints_every_mistake(tmp_path: Path) -> None:
    seeds = broken_seeds(tmp_path / "seeds", "alpha", "beta")
    result = command_line("generate", "--seeds", str(seeds), "--out", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        *(f"{seeds}/{BROKEN[slug][1]}" for slug in ("alpha", "beta")),
        "2 mistakes in 2 files — fix them and build again",
    ]


def test_the_zensical_build_prints_every_mistake(tmp_path: Path) -> None:
    seeds = broken_seeds(tmp_path / "seeds", "beta", "gamma")
    command = ("interview_kb", "zensical", "--seeds", str(seeds), "--site", str(tmp_path / "site"))
    # The seeds are read before Zensical would run: any file stands for it.
    result = builds.run(*command, "--zensical", sys.executable, env={"KB_STRICT": "false"})
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        *(f"{seeds}/{BROKEN[slug][1]}" for slug in ("beta", "gamma")),
        "2 mistakes in 2 files — fix them and build again",
    ]


def test_mistakes_are_sorted_by_file_then_line_and_counted_by_file() -> None:
    from interview_kb.errors import SeedError, SeedErrors

    errors = SeedErrors([SeedError("b.yml", 2, "b2", "fix"), SeedError("a.yml", 10, "a10", "fix"), SeedError("a.yml", 9, "a9", "fix")])
    assert [(e.path, e.line) for e in errors.errors] == [("a.yml", 9), ("a.yml", 10), ("b.yml", 2)]
    assert str(errors).splitlines() == [
        "a.yml:9: a9 — fix",
        "a.yml:10: a10 — fix",
        "b.yml:2: b2 — fix",
        "3 mistakes in 2 files — fix them and build again",
    ]


def test_load_reads_every_interview_and_raises_every_mistake(tmp_path: Path) -> None:
    from interview_kb.errors import SeedError, SeedErrors
    from interview_kb.knowledge import base
    from interview_kb.reading import loader

    seeds = broken_seeds(tmp_path / "seeds", "alpha", "beta")
    read: list[str] = []

    def reading(path: Path) -> loader.Interview:
        read.append(path.name)
        return loader.load_interview(path)

    with pytest.raises(SeedErrors) as caught:
        base.load(seeds, lambda warning: None, reading)
    assert read == ["alpha.txt", "beta.txt", "demo.txt"]
    assert all(isinstance(error, SeedError) for error in caught.value.errors)
    assert [(Path(e.path).name, e.line) for e in caught.value.errors] == [("alpha.yml", 1), ("beta.yml", 4)]


def test_an_anchor_in_two_interviews_is_reported_with_the_other_mistakes(tmp_path: Path) -> None:
    """Two interviews' anchors differ by their slugs: a reader that gives omega demo's exchanges makes them meet."""
    import dataclasses

    from interview_kb.errors import SeedErrors
    from interview_kb.knowledge import base
    from interview_kb.reading import loader

    seeds = broken_seeds(tmp_path / "seeds", "alpha")
    add_interview(seeds, "omega", META.replace("date: 2020", "date: 2019"))
    demo = loader.load_interview(seeds / "demo.txt")

    def reading(path: Path) -> loader.Interview:
        interview = loader.load_interview(path)
        return dataclasses.replace(interview, transcript=demo.transcript) if path.stem == "omega" else interview

    with pytest.raises(SeedErrors) as caught:
        base.load(seeds, lambda warning: None, reading)
    assert [str(error).removeprefix(f"{seeds}/") for error in caught.value.errors] == [
        BROKEN["alpha"][1],
        *(
            f"omega.txt:{exchange.line}: anchor #{exchange.anchor} is also used in demo.txt — reword this question slightly"
            for exchange in demo.transcript.exchanges
        ),
    ]
    assert caught.value.count() == "3 mistakes in 2 files — fix them and build again"
