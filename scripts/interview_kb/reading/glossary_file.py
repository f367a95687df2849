"""Read and check `glossary.yml`: terms a reader outside the field trips on, with definitions (knowledge/glossary.py uses them)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import markdown.util

from interview_kb.errors import SeedError
from interview_kb.markdown_syntax import ANGLE_BRACKETS, INLINE_SYNTAX
from interview_kb.reading import slugs, spellings
from interview_kb.reading.entities_file import ENTITIES_FILE, Entity
from interview_kb.reading.schemas import GlossaryFile, validate
from interview_kb.reading.yamlfile import ReadYaml, read

GLOSSARY_FILE = "glossary.yml"


# Characters that rendering escapes inside words, hiding them from `abbr`.
MARKDOWN_SYNTAX = re.compile(f"[{INLINE_SYNTAX}{ANGLE_BRACKETS}]")
# The words of Python-Markdown's internal placeholders (`\x02wzxhzdk:0\x03` stands for `&amp;`, say): `abbr`
# would match a term spelt like one, or made of digits, inside them and garble `<`, `>` and `&` on every page.
PLACEHOLDER_WORDS = frozenset(
    word
    for text in (
        markdown.util.AMP_SUBSTITUTE,
        markdown.util.HTML_PLACEHOLDER,
        markdown.util.INLINE_PLACEHOLDER,
        markdown.util.TAG_PLACEHOLDER,
    )
    for word in re.findall(r"[a-z]+", text)
)


@dataclass(frozen=True)
class Term:
    term: str
    definition: str
    link: str
    forms: tuple[str, ...]  # the spellings matched in text, `term` first
    line: int

    @property
    def slug(self) -> str:
        return slugs.slug(self.term, "term")


def load(path: Path, read_yaml: ReadYaml = read) -> tuple[Term, ...]:
    """Read and check the glossary; a missing file is an empty glossary."""
    if not path.exists():
        return ()
    source = read_yaml(path)
    terms: list[Term] = []
    owner: dict[str, str] = {}
    for index, entry in enumerate(validate(source, GlossaryFile).terms):
        where: tuple[str | int, ...] = ("terms", index)
        term = entry.term
        forms = [term, *entry.also]
        for form in forms:
            if MARKDOWN_SYNTAX.search(form):
                raise source.error(where, f"'{form}' contains Markdown punctuation that a tooltip cannot match", "spell it without it")
            if not spellings.usable(form):
                raise source.error(
                    where, f"'{form}' does not start and end with a letter or digit", "write the spelling without surrounding punctuation"
                )
            if form in PLACEHOLDER_WORDS:
                raise source.error(where, f"'{form}' is a word Python-Markdown uses internally", "spell the term another way")
            if form.isdigit():
                raise source.error(where, f"'{form}' is only digits, which Python-Markdown uses internally", "add the unit or a word")
            if len(form) == 1:
                raise source.error(where, f"'{form}' is one character: every such word would get a tooltip", "use a longer spelling")
            if form in owner:
                raise source.error(where, f"'{form}' is already listed under '{owner[form]}'", "list each spelling once")
            owner[form] = term
        if any(t.slug == slugs.slug(term, "term") for t in terms):
            raise source.error((*where, "term"), f"term '{term}' gives the same page anchor as another term", "merge the two entries")
        terms.append(Term(term, entry.definition, entry.link, tuple(forms), source.line(*where)))
    return tuple(sorted(terms, key=lambda t: (t.term.casefold(), t.term)))


def load_spellings(path: Path, read_yaml: ReadYaml = read) -> tuple[tuple[str, ...], ...]:
    """The glossary's `spellings`: groups of spellings of one word that search matches with each other (none without the file)."""
    if not path.exists():
        return ()
    return tuple(tuple(group) for group in validate(read_yaml(path), GlossaryFile).spellings)


def check_no_overlap(path: Path, terms: tuple[Term, ...], entities: tuple[Entity, ...]) -> None:
    """A word is either a glossary term (a tooltip) or a name (a link), never both."""
    names = {form: e for e in entities for form in e.forms}
    for term in terms:
        for form in term.forms:
            if form in names:
                raise SeedError(
                    path,
                    term.line,
                    f"'{form}' is both a glossary term and the name of '{names[form].name}' in {ENTITIES_FILE}",
                    "keep it in one of the two files",
                )
