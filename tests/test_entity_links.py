"""Entities: loading, mentions, and links at the first mention of each exchange that keep the text literal."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest
from interview_kb.errors import SeedError
from interview_kb.knowledge.entity_links import Linker
from interview_kb.reading import entities_file, yamlfile
from interview_kb.reading.yamlfile import YamlFile
from interview_kb.render.markdown_text import with_links

from tests.support import interview

ENTITIES = """entities:
  - name: Metaswitch
    kind: organization
    about: A software company.
  - name: AT&T
    kind: organization
    about: An operator.
  - name: Clearwater
    kind: product
    also: [Project Clearwater]
    about: An IMS core.
"""


def load(tmp_path: Path, text: str = ENTITIES, transcript: str = "Q: Hello?\n\nA: Hi.\n") -> tuple[entities_file.Entity, ...]:
    path = tmp_path / "entities.yml"
    path.write_text(text, encoding="utf-8")
    return entities_file.load(path, (interview(transcript),))


def render(paragraph: str) -> str:
    """HTML of one paragraph of Markdown, with the site's escaping extension."""
    return str(
        markdown.markdown(paragraph, extensions=["pymdownx.escapeall"], extension_configs={"pymdownx.escapeall": {"hardbreak": False}})
    )


def test_speakers_become_people_and_file_entries_are_kept(tmp_path: Path) -> None:
    loaded = {e.name: e for e in load(tmp_path)}
    assert [e.name for e in loaded.values()] == ["Ada Answer", "AT&T", "Clearwater", "Metaswitch", "Quinn Asker"]
    ada = loaded["Ada Answer"]
    assert ada.kind == "person" and ada.path == "people/ada-answer.md"
    assert ada.roles[0].interview == "demo" and ada.roles[0].role == "CTO"
    # A one-letter label ("A") is no name: it would link every article "A".
    assert ada.forms_in("demo") == ("Ada Answer",) and ada.forms_in("other") == ("Ada Answer",)
    assert loaded["AT&T"].path == "organizations/att.md"
    assert loaded["Clearwater"].forms == ("Clearwater", "Project Clearwater")


def test_only_the_first_mention_in_an_exchange_is_a_link(tmp_path: Path) -> None:
    linker = Linker(load(tmp_path), "demo")
    pieces = linker.pieces(["Metaswitch and AT&T’s Clearwater.", "Metaswitch again; Project Clearwater, ProjectClearwater.org."])
    linked = [(p.text, p.entity.name) for paragraph in pieces for p in paragraph if p.entity]
    assert linked == [("Metaswitch", "Metaswitch"), ("AT&T", "AT&T"), ("Clearwater", "Clearwater")]
    assert "".join(p.text for p in pieces[1]) == "Metaswitch again; Project Clearwater, ProjectClearwater.org."
    assert [e.name for e in linker.mentioned("Project Clearwater by Metaswitch")] == ["Clearwater", "Metaswitch"]


@pytest.mark.parametrize(
    "text",
    [
        "*Metaswitch* and `AT&T` <script>alert(1)</script>",
        "# Metaswitch [link](javascript:x) &amp; AT&T;",
        "1. Metaswitch\\ *AT&T*_Clearwater_ {: .x} ![i](x)",
        "Metaswitch",
        "-- AT&T --",
    ],
)
def test_linked_paragraph_renders_the_text_literally(tmp_path: Path, text: str) -> None:
    linker = Linker(load(tmp_path), "demo")
    [pieces] = linker.pieces([text])
    html = render(with_links(pieces, lambda e: f"../{e.path}"))
    from bs4 import BeautifulSoup

    paragraph = BeautifulSoup(html, "html.parser")
    assert paragraph.get_text() == text
    links = [(a.get_text(), a["href"]) for a in paragraph.select("a")]
    assert links == [(p.text, f"../{p.entity.path}") for p in pieces if p.entity]
    assert paragraph.select("script, em, strong, code, img, h1, ol") == []


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("entities:\n  - name: X\n    kind: planet\n    about: d\n", "kind 'planet' is unknown"),
        ("entities:\n  - name: X\n    kind: product\n", "entity lacks `about`"),
        (
            "entities:\n  - name: X\n    kind: product\n    about: d\n  - name: X\n    kind: product\n    about: e\n",
            "'X' is already listed",
        ),
        (
            "entities:\n  - name: X\n    kind: product\n    about: d\n  - name: Y\n    also: [X]\n    kind: product\n    about: e\n",
            "'X' names both",
        ),
        ("entities:\n  - name: Ada Answer\n    kind: organization\n    about: d\n", "'Ada Answer' is a speaker"),
    ],
)
def test_entity_file_errors(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(SeedError) as caught:
        load(tmp_path, text)
    assert message in str(caught.value) and str(caught.value).startswith(str(tmp_path / "entities.yml") + ":")


def test_a_speaker_s_metadata_is_read_only_for_a_mistake_that_names_its_line(tmp_path: Path) -> None:
    """Every build merges every speaker; reading each one's metadata file for a line no message uses cost a rebuild a tenth."""
    meta = tmp_path / "demo.yml"
    meta.write_text("title: Demo\nspeakers:\n  Q: {name: Quinn Asker}\n  A: {name: Ada Answer, role: CTO}\n", encoding="utf-8")
    read: list[Path] = []

    def read_yaml(path: Path) -> YamlFile:
        read.append(path)
        return yamlfile.read(path)

    entities = tmp_path / "entities.yml"
    entities.write_text(ENTITIES, encoding="utf-8")
    entities_file.load(entities, (interview("Q: Hello?\n\nA: Hi.\n"),), {"demo": meta}, read_yaml)
    assert read == [entities]
    entities.write_text(
        "entities:\n  - name: Widget Co\n    kind: organization\n    about: A maker.\n    also: [Ada Answer]\n", encoding="utf-8"
    )
    with pytest.raises(SeedError) as caught:
        entities_file.load(entities, (interview("Q: Hello?\n\nA: Hi.\n"),), {"demo": meta}, read_yaml)
    assert (caught.value.path, caught.value.line) == (str(meta), 4)
