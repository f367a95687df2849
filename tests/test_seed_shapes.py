"""Any YAML shape in any seed file loads or stops with one `path:line: what — what to do` line, never a traceback.

Hypothesis writes random values (text, numbers, yes/no, nulls, lists and
mappings, nested) under the keys each file kind knows and under unknown keys,
into a small seeds folder, and runs the loaders the build runs: interviews and
topics (with topic scoring), then glossary, entities and facts (with linking).
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from interview_kb.errors import SeedError
from interview_kb.knowledge import base
from interview_kb.knowledge import exchange_links as knowledge

from tests.support import META, TOPICS, TRANSCRIPT

pytestmark = pytest.mark.slow  # builds sites (make test-fast leaves it out)

WORDS = ["Ann", "Bob", "widgets", "First", "question", "*", "", " ", "a*", "*b", "0", "amp", "wzxhzdk", "2020", "https://example.com/x"]
KEYS = {
    "demo.yml": ["title", "date", "source", "interviewer", "speakers", "publication", "series", "format", "media", "slug", "name", "role"],
    "topics.yml": ["topics", "threshold", "slug", "title", "description", "evidence", "include", "exclude"],
    "glossary.yml": ["terms", "term", "definition", "also", "link"],
    "entities.yml": ["entities", "name", "kind", "about", "also", "link", "person"],
    "demo.facts.yml": ["facts", "fact", "quote", "date", "when"],
}
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 3000),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(WORDS),
    st.text(max_size=12),
)


def shapes(keys: list[str]) -> st.SearchStrategy[Any]:
    key = st.one_of(st.sampled_from(keys + WORDS), st.text(max_size=6))
    return st.recursive(
        SCALARS,
        lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(key, inner, max_size=5)),
        max_leaves=20,
    )


def seeds_with(folder: Path, name: str, value: Any) -> Path:
    (folder / "demo.txt").write_text(TRANSCRIPT, encoding="utf-8")
    (folder / "demo.yml").write_text(META, encoding="utf-8")
    (folder / "topics.yml").write_text(TOPICS, encoding="utf-8")
    (folder / name).write_text(yaml.safe_dump(value, allow_unicode=True), encoding="utf-8")
    return folder


def loads_or_one_line(name: str, value: Any) -> None:
    with tempfile.TemporaryDirectory() as folder:
        seeds = seeds_with(Path(folder), name, value)
        try:
            kb = base.load(seeds, lambda warning: None)
            knowledge.load(seeds, kb, lambda warning: None)
        except SeedError as error:
            assert "\n" not in str(error) and " — " in str(error), str(error)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(sorted(KEYS)), st.data())
def test_any_yaml_shape_loads_or_is_one_line(name: str, data: st.DataObject) -> None:
    keys = KEYS[name]
    top = data.draw(st.one_of(shapes(keys), st.dictionaries(st.sampled_from(keys), shapes(keys), max_size=6)))
    loads_or_one_line(name, top)


LIST_KEY = {"topics.yml": "topics", "glossary.yml": "terms", "entities.yml": "entities", "demo.facts.yml": "facts"}


WORD = st.sampled_from(WORDS)
# A value of the right type for each field, drawn from words that are edge cases of their own.
PLAUSIBLE: dict[str, st.SearchStrategy[Any]] = {
    "slug": st.sampled_from(["widgets", "other"]),
    "evidence": st.dictionaries(st.sampled_from(["*", "", " ", "-*", "**", "a*b", "widgets", "widget*"]), st.integers(0, 5), min_size=1),
    "threshold": st.integers(0, 5),
    "include": st.lists(WORD, max_size=2),
    "exclude": st.lists(WORD, max_size=2),
    "also": st.one_of(WORD, st.lists(WORD, max_size=3)),
    "kind": st.sampled_from(["person", "organization", "product"]),
    "name": st.sampled_from(["Ann A", "Bob B", "Org", "widgets", "Ann", ""]),
    "quote": st.sampled_from(["First question", "widgets", "An answer", ""]),
    "date": st.sampled_from(["2020", "2020-02-30", ""]),
    "link": st.sampled_from(["https://example.com/x", "x"]),
}
PROSE = st.sampled_from(["T", "widgets", "First question", "An answer about widgets"])


VALID: dict[str, dict[str, Any]] = {
    "topics.yml": {"slug": "widgets", "title": "T", "description": "D", "evidence": {"widgets": 5}},
    "glossary.yml": {"term": "widgets", "definition": "d"},
    "entities.yml": {"name": "Widget Co", "kind": "organization", "about": "a"},
    "demo.facts.yml": {"fact": "f", "quote": "An answer about widgets"},
}


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(sorted(LIST_KEY)), st.data())
def test_any_entry_shape_loads_or_is_one_line(name: str, data: st.DataObject) -> None:
    """Valid entries with some fields removed or replaced, mostly by a value of the right type."""
    entries = []
    for number in range(data.draw(st.integers(1, 3))):
        entry = dict(VALID[name])
        if "slug" in entry:  # each topic its own slug
            entry["slug"] = f"t{number}"
        for key in [k for k in KEYS[name] if data.draw(st.integers(0, 2)) == 2]:
            plausible = PLAUSIBLE.get(key, PROSE)
            choice = data.draw(st.one_of(plausible, plausible, SCALARS, shapes(KEYS[name]), st.none()))
            if choice is None:
                entry.pop(key, None)
            else:
                entry[key] = choice
        entries.append(entry)
    loads_or_one_line(name, {LIST_KEY[name]: entries})
