"""Seed YAML schemas: a value of the wrong kind, an unknown key or a broken file is one `path:line: what — what to do` line."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import get_args

import pytest
from interview_kb.errors import SeedError
from interview_kb.reading import entities_file, facts_file, glossary_file, schemas, topics_file
from interview_kb.reading.loader import load_interview
from interview_kb.reading.yamlfile import read

from tests.support import META, ROOT, TRANSCRIPT, interview

TOPIC = "topics:\n  - slug: t\n    title: T\n    description: d\n    evidence: {a: 1}\n"
TERM = "terms:\n  - term: NFV\n    definition: d\n"
ENTITY = "entities:\n  - name: X\n    kind: product\n    about: d\n"
FACT = "facts:\n  - fact: F\n    quote: Yes, IMS is hard.\n"
IMS = "Q: Is IMS hard?\n\nA: Yes, IMS is hard.\n"


def metadata(tmp_path: Path, text: str) -> str:
    (tmp_path / "demo.txt").write_text(TRANSCRIPT, encoding="utf-8")
    (tmp_path / "demo.yml").write_text(text, encoding="utf-8")
    return load_interview(tmp_path / "demo.txt").title


def error(load: str, tmp_path: Path, text: str) -> tuple[int, str, str]:
    """(line, what, what to do) of the SeedError that loading `text` raises."""
    with pytest.raises(SeedError) as caught:
        LOADERS[load](tmp_path, text)
    assert " — " in str(caught.value) and caught.value.todo.strip()
    assert not any(word in str(caught.value) for word in ("Input should", "validation error", "pydantic", "For further information"))
    return caught.value.line, caught.value.what, caught.value.todo


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


LOADERS: dict[str, Callable[[Path, str], object]] = {
    "meta": metadata,
    "topics": lambda tmp, text: topics_file.load(write(tmp, "topics.yml", text)),
    "glossary": lambda tmp, text: glossary_file.load(write(tmp, "glossary.yml", text)),
    "entities": lambda tmp, text: entities_file.load(write(tmp, "entities.yml", text), ()),
    "facts": lambda tmp, text: facts_file.load(write(tmp, "demo.facts.yml", text), interview(IMS), "demo.txt"),
}


@pytest.mark.parametrize(
    ("load", "text", "line", "what", "todo"),
    [
        ("meta", META.replace("title: Demo", "title: [one, {two: 2}]"), 1, "`title` must be text, not a list", "one line of text"),
        ("meta", META.replace("title: Demo", "title:\n  main: Demo"), 1, "`title` must be text, not a mapping", "one line of text"),
        ("meta", META.replace("role: Guest", "role: [Guest, Host]"), 7, "`role` must be text, not a list", "one line of text"),
        ("meta", META.replace("role: Guest", "role: 5"), 7, "`role` must be text, not a number", 'put it in quotes: "5"'),
        ("meta", META.replace("Org}", "yes}", 1), 6, "`organization` must be text, not true/false", 'put it in quotes: "yes"'),
        ("meta", META.replace("date: 2020", "date: 2015.5"), 2, "date '2015.5' is not a real date", "2015-06"),
        ("topics", TOPIC.replace("description: d", "description: [a, b]"), 4, "`description` must be text, not a list", "one line"),
        ("topics", TOPIC + "    include: some-anchor\n", 6, "`include` must be a list", "- item"),
        ("topics", TOPIC.replace("{a: 1}", "{a: true}"), 5, "evidence must map terms to numeric weights", "evidence:"),
        ("topics", TOPIC.replace("{a: 1}", "{2020: 1}"), 5, "a key under `evidence` must be text, not a number", '"2020"'),
        ("topics", "threshold: high\n" + TOPIC, 1, "`threshold` must be a number", "`threshold: 4`"),
        ("topics", TOPIC + TOPIC.removeprefix("topics:\n"), 6, "topic slug 't' is used twice", "its own slug"),
        ("glossary", TERM.replace("definition: d", "definition: {a: b}"), 3, "`definition` must be text, not a mapping", "one line"),
        ("glossary", TERM + "    also: [802.11]\n", 4, "each item of `also` must be text, not a number", 'put it in quotes: "802.11"'),
        ("glossary", TERM + "    also: {a: b}\n", 4, "`also` must be a list", "[first, second]"),
        ("glossary", "- term: NFV\n", 1, "`terms:` list is missing", "(see docs/guide/editors/glossary.md#the-glossary-file)"),
        ("glossary", "terms:\n  - NFV\n", 2, "each glossary entry must be a mapping", "(optional: `also:`, `link:`)"),
        ("entities", ENTITY + "    abuot: e\n", 5, "unknown key `abuot`", "did you mean `about`?"),
        ("entities", ENTITY + "    link: ftp://x\n", 5, "link 'ftp://x' is not an http(s) URL", "or remove `link:`"),
        ("facts", FACT + "    wen: 2014\n", 4, "unknown key `wen`", "did you mean `when`?"),
        ("facts", FACT.replace("fact: F", "fact:"), 2, "fact lacks `fact`", "add `fact:`"),
    ],
)
def test_wrong_values_are_refused_on_their_line(tmp_path: Path, load: str, text: str, line: int, what: str, todo: str) -> None:
    found = error(load, tmp_path, text)
    assert found[0] == line, found
    assert found[1].startswith(what), found
    assert todo in found[2], found


def test_an_unknown_metadata_key_is_refused_with_the_known_keys(tmp_path: Path) -> None:
    line, what, todo = error("meta", tmp_path, META.replace("interviewer:", "interviwer:"))
    assert (line, what) == (4, "unknown key `interviwer`")
    assert todo.startswith("did you mean `interviewer`?")
    assert "title, date, source, interviewer, speakers, publication, series, format, media, slug" in todo
    bob = "  Bob: {name: Bob B, role: Guest, organization: Org}\n"
    line, what, todo = error("meta", tmp_path, META.replace(bob, "  Bob:\n    nmae: Bob B\n"))
    assert what == "unknown key `nmae`" and "did you mean `name`?" in todo


def test_speaker_without_name_is_named(tmp_path: Path) -> None:
    assert error("meta", tmp_path, META + "  Cid: {role: Guest}\n")[:2] == (8, "speaker 'Cid' lacks `name`")
    assert error("meta", tmp_path, META + "  Cid: Cid C\n")[:2] == (8, "speaker 'Cid' must be a mapping")
    no_speakers = META.split("speakers:")[0] + "speakers: {}\n"
    assert error("meta", tmp_path, no_speakers)[:2] == (5, "required field `speakers` is missing")


def test_numbers_and_dates_that_are_text(tmp_path: Path) -> None:
    assert metadata(tmp_path, META.replace("title: Demo", "title: '1984'")) == "1984"
    loaded = load_interview(tmp_path / "demo.txt")
    assert loaded.date == "2020"  # `date: 2020` is a number in YAML
    metadata(tmp_path, META.replace("date: 2020", "date: 2015-06-01"))
    assert load_interview(tmp_path / "demo.txt").date == "2015-06-01"
    terms = glossary_file.load(write(tmp_path, "glossary.yml", TERM + "    also: [5G, '802.11', 3GPP]\n"))
    assert terms[0].forms == ("NFV", "5G", "802.11", "3GPP")
    assert glossary_file.load(write(tmp_path, "glossary.yml", TERM + "    also: NFVs\n"))[0].forms == ("NFV", "NFVs")


def test_blank_optional_values_are_absent_and_text_is_one_line(tmp_path: Path) -> None:
    metadata(tmp_path, META + "publication:\nseries: '  '\nmedia:\n")
    loaded = load_interview(tmp_path / "demo.txt")
    assert (loaded.publication, loaded.series, loaded.media) == ("", "", "")
    assert metadata(tmp_path, META.replace("title: Demo", "title: >\n  A   long\n  title\n")) == "A long title"


def test_shipped_yaml_matches_its_schema() -> None:
    data = ROOT / "tests" / "data"
    files = [*(ROOT / "seeds").glob("*.yml"), *(data / "hostile").glob("*.yml"), data / "second" / "edge-cloud-jose-alvarez.yml"]
    by_name: dict[str, type[schemas.Schema]] = {
        "topics.yml": schemas.TopicsFile,
        "glossary.yml": schemas.GlossaryFile,
        "entities.yml": schemas.EntitiesFile,
    }
    for path in files:
        model = by_name.get(path.name) or (schemas.FactsFile if path.name.endswith(facts_file.SUFFIX) else schemas.Metadata)
        schemas.validate(read(path), model)


def test_entity_kinds_are_the_site_sections() -> None:
    assert set(get_args(schemas.Kind)) == set(entities_file.KINDS)


@pytest.mark.parametrize(
    ("text", "line", "todo"),
    [
        ('title: "Demo\ndate: 2020\nsource: https://example.com\n', 1, "close the quote"),
        ("title: 'Demo\ndate: 2020\n", 1, "close the quote"),
        ("title: Demo\ndate: [2020\n", 3, "fix the YAML syntax"),
    ],
)
def test_yaml_syntax_errors_name_the_line_to_fix(tmp_path: Path, text: str, line: int, todo: str) -> None:
    with pytest.raises(SeedError) as caught:
        read(write(tmp_path, "demo.yml", text))
    assert caught.value.line == line and caught.value.what.startswith("not valid YAML") and todo in caught.value.todo


def test_a_file_is_parsed_once_into_data_and_lines(tmp_path: Path) -> None:
    source = read(write(tmp_path, "demo.yml", "# note\ndate: 2015-06-01\nlist:\n  - a\n  - {b: 2}\n"))
    assert source.data == {"date": "2015-06-01", "list": ["a", {"b": 2}]}
    assert (source.line(), source.line("list", 1, "b"), source.line("missing")) == (2, 5, 2)
