"""Reading an editor's YAML: errors name the line where the mistake is, and nothing can expand."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from interview_kb.errors import SeedError
from interview_kb.reading.yamlfile import ParsedFiles, read

from tests.support import yaml_parsed

# Nine nested lists of nine, each naming the one before: a few hundred bytes that PyYAML would expand to gigabytes.
BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)
)


def error_of(tmp_path: Path, text: str | bytes) -> str:
    path = tmp_path / "meta.yml"
    if isinstance(text, str):
        path.write_text(text, encoding="utf-8")
    else:
        path.write_bytes(text)
    with pytest.raises(SeedError) as caught:
        read(path)
    assert "\n" not in str(caught.value)
    return str(caught.value).removeprefix(f"{path}:")


def test_an_alias_bomb_is_refused_at_once(tmp_path: Path) -> None:
    started = time.process_time()
    message = error_of(tmp_path, BOMB + "title: *i\n")
    assert time.process_time() - started < 1
    assert message.startswith("1: YAML anchor &a is not allowed in seed files — ")


def test_an_alias_is_refused_at_its_line(tmp_path: Path) -> None:
    message = error_of(tmp_path, "title: T\nrole:\n  - *nowhere\n")
    assert message.startswith("3: ")
    assert "alias" in message


def test_an_unclosed_quote_is_reported_where_it_opens(tmp_path: Path) -> None:
    text = 'title: T\nrole: "CTO\n' + "".join(f"k{i}: v\n" for i in range(15))
    assert error_of(tmp_path, text).startswith("2: not valid YAML")


def test_a_nul_byte_is_one_line_at_its_line(tmp_path: Path) -> None:
    message = error_of(tmp_path, b"title: T\nrole: C\x00TO\n")
    assert message.startswith("2: character U+0000 (a control character) at column 8 is not text — ")


def test_reading_keeps_nothing_from_one_call_to_the_next(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A plain build parses each file when asked and keeps no copy: what a rebuild reuses lives in its session."""
    path = tmp_path / "demo.yml"
    path.write_text("title: T\n", encoding="utf-8")
    parsed = yaml_parsed(monkeypatch)
    assert read(path).data == read(path).data == {"title": "T"}
    assert parsed == [path, path]


def test_a_session_parses_a_file_again_only_when_its_bytes_change(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "demo.yml"
    path.write_text("title: T\nlist: [a, b]\n", encoding="utf-8")
    parsed = yaml_parsed(monkeypatch)
    files = ParsedFiles()
    first = files.read(path)
    first.data["list"].append("changed by its reader")
    again = files.read(path)
    assert again.data == {"title": "T", "list": ["a", "b"]} and again.line("list") == 2
    assert parsed == [path]
    path.write_text("title: U\n", encoding="utf-8")
    assert files.read(path).data == {"title": "U"}
    assert parsed == [path, path]
    path.write_bytes(b"title: \xff\n")
    with pytest.raises(SeedError, match="not UTF-8"):
        files.read(path)
