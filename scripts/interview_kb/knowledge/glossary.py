"""The glossary's terms as the pages use them: the spellings that get a tooltip, and the term each spelling names."""

from __future__ import annotations

from interview_kb.reading.glossary_file import Term


def abbreviations(terms: tuple[Term, ...]) -> dict[str, str]:
    """Every spelling → its definition: the `glossary` option of Python-Markdown's `abbr` extension."""
    return {form: term.definition for term in terms for form in term.forms}


def by_form(terms: tuple[Term, ...]) -> dict[str, Term]:
    return {form: term for term in terms for form in term.forms}
