"""The synthetic podcast archive (scripts/tools/synthetic_podcast.py): repeatable, and read as a podcast is."""

from __future__ import annotations

from pathlib import Path

import pytest
from interview_kb.errors import SeedWarning
from interview_kb.knowledge import base
from interview_kb.reading.conversation import COLD_OPEN, INTRO, OUTRO, SPONSOR

from scripts.tools.synthetic_podcast import write_archive

EPISODES = 2
WORDS = 800


def contents(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_archive(EPISODES, tmp_path_factory.mktemp("podcast") / "archive", words_per_episode=WORDS)


def test_the_same_arguments_write_the_same_bytes(archive: Path, tmp_path: Path) -> None:
    again = write_archive(EPISODES, tmp_path / "again", words_per_episode=WORDS)
    assert contents(again) == contents(archive)
    assert contents(write_archive(EPISODES, tmp_path / "other", seed=2, words_per_episode=WORDS)) != contents(archive)


def test_files_look_like_an_imported_archive(archive: Path) -> None:
    names = sorted(path.name for path in archive.iterdir())
    assert "topics.yml" in names
    transcripts = [name for name in names if name.endswith(".md")]
    assert len(transcripts) == EPISODES
    for name in transcripts:
        text = (archive / name).read_text(encoding="utf-8")
        assert text.startswith("---\ntitle: ") and "\n## Transcript\n" in text
        assert "\n(00:" in text  # the same speaker going on
        meta = (archive / name).with_suffix(".yml").read_text(encoding="utf-8")
        assert "title:" not in meta and "date:" not in meta and "interviewer:" in meta


def test_every_episode_is_read_with_its_parts_and_answered_exchanges(archive: Path) -> None:
    warnings: list[SeedWarning] = []
    kb = base.load(archive, report=warnings.append)
    assert len(kb.interviews) == EPISODES
    for interview in kb.interviews:
        transcript = interview.transcript
        assert transcript.format == "timestamped"
        assert interview.date and interview.source.startswith("https://") and interview.description  # from the front matter
        kinds = [part.what for part in transcript.recognised]
        assert kinds[:2] == [COLD_OPEN, INTRO] and kinds[-1] == OUTRO and SPONSOR in kinds, interview.slug
        assert len(transcript.exchanges) >= 2
        assert all(any(not turn.aside for turn in exchange.answers) for exchange in transcript.exchanges)
        assert any(turn.aside for exchange in transcript.exchanges for turn in exchange.answers)
        assert all(turn.speaker != "" for part in transcript.recognised for turn in part.turns)
