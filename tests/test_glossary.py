"""Glossary terms: case-correct, whole-word matching that agrees with the `abbr` tooltips; file checks."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest
from interview_kb.errors import SeedError
from interview_kb.knowledge import glossary, phrases
from interview_kb.knowledge.exchange_links import build
from interview_kb.reading import glossary_file

from tests.support import interview, knowledge_base


def found(forms: list[str], text: str) -> list[str]:
    return [m.phrase for m in phrases.find(phrases.pattern(forms), text)]


@pytest.mark.parametrize(
    ("forms", "text", "expected"),
    [
        (["IMS"], "an IMS core, ims, claims, IMSI", ["IMS"]),
        (["DDoS"], "DDOS attacks", []),
        (["DDoS", "DDOS"], "DDoS or DDOS", ["DDoS", "DDOS"]),
        (["VNF", "VNFs"], "one VNF, many VNFs, VNFsx", ["VNF", "VNFs"]),
        (["web-scale"], "web-scale, webscale, web scale", ["web-scale"]),
        (["x86"], "x86 servers, x86-64, ax86", ["x86", "x86"]),
        (["micro services"], "“micro services” and microservices", ["micro services"]),
        (["SBC", "session border controller"], "a session border controller (SBC)", ["session border controller", "SBC"]),
        (["NFV"], "NFV’s promise, NFVI", ["NFV"]),
    ],
)
def test_terms_match_case_correctly_at_word_boundaries(forms: list[str], text: str, expected: list[str]) -> None:
    assert found(forms, text) == expected


@pytest.mark.parametrize(
    "text",
    ["An IMS core in claims of VNFs, not VNF-like DDOS; x86 and web-scale micro services.", "NFV’s VNF (VNFs) SBC/IMS"],
)
def test_matching_agrees_with_the_abbr_extension(text: str) -> None:
    forms = ["IMS", "VNF", "VNFs", "DDOS", "x86", "web-scale", "micro services", "NFV", "SBC"]
    html = markdown.markdown(text, extensions=["abbr"], extension_configs={"abbr": {"glossary": {f: f"def {f}" for f in forms}}})
    shown = [part.split(">", 1)[1] for part in html.split("<abbr")[1:]]
    assert [s.split("</abbr>")[0] for s in shown] == found(forms, text)


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "glossary.yml"
    path.write_text(text, encoding="utf-8")
    return path


def test_load_sorts_terms_and_keeps_spellings(tmp_path: Path) -> None:
    path = write(
        tmp_path, "terms:\n  - term: VNF\n    also: [VNFs]\n    definition: a function\n  - term: appliance\n    definition: a box\n"
    )
    terms = glossary_file.load(path)
    assert [t.term for t in terms] == ["appliance", "VNF"]
    assert terms[1].forms == ("VNF", "VNFs") and terms[1].line == 2
    assert glossary.abbreviations(terms) == {"appliance": "a box", "VNF": "a function", "VNFs": "a function"}


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("terms: nope\n", 1, "`terms:` list is missing"),
        ("terms:\n  - term: NFV\n", 2, "glossary entry lacks `definition`"),
        ("terms:\n  - term: (NFV)\n    definition: d\n", 2, "'(NFV)' does not start and end with a letter or digit"),
        (
            "terms:\n  - term: NFV\n    definition: d\n  - term: nfv\n    also: [NFV]\n    definition: d\n",
            4,
            "'NFV' is already listed under 'NFV'",
        ),
        ("terms:\n  - term: NFV\n    definition: d\n    link: example.com\n", 4, "link 'example.com' is not an http(s) URL"),
        ("terms:\n  - term: amp\n    definition: d\n", 2, "'amp' is a word Python-Markdown uses internally"),
        ("terms:\n  - term: NFV\n    also: [wzxhzdk]\n    definition: d\n", 2, "'wzxhzdk' is a word Python-Markdown uses"),
        ("terms:\n  - term: '42'\n    definition: d\n", 2, "'42' is only digits"),
        ("terms:\n  - term: A\n    definition: d\n", 2, "'A' is one character"),
    ],
)
def test_glossary_errors_name_file_and_line(tmp_path: Path, text: str, line: int, message: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(SeedError) as caught:
        glossary_file.load(path)
    assert str(caught.value).startswith(f"{path}:{line}: {message}")
    assert " — " in str(caught.value)


def test_a_term_no_transcript_uses_is_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from interview_kb.errors import stop
    from interview_kb.knowledge import exchange_links as knowledge

    path = write(tmp_path, "terms:\n  - term: IMS\n    definition: d\n  - term: OTT\n    definition: over the top\n")
    kb = knowledge_base(interview("Q: Is IMS hard?\n\nA: Yes, IMS is hard.\n"))
    layer = knowledge.load(tmp_path, kb)
    assert [t.term for t in layer.unused_terms] == ["OTT"]
    assert f"{path}:4: warning: glossary term 'OTT' occurs in no transcript — " in capsys.readouterr().err
    with pytest.raises(SeedError, match=r":4: glossary term 'OTT' occurs in no transcript — .*strict"):
        knowledge.load(tmp_path, kb, report=stop)
    assert build(kb, glossary_file.load(path), (), ()).using(glossary_file.load(path)[0])


@pytest.mark.parametrize("form", ["wzxhzdk", "0"])
def test_placeholder_words_would_garble_text(form: str) -> None:
    """Why placeholder words and digits are refused: `abbr` matches them inside Python-Markdown's placeholder for `&amp;`."""
    html = markdown.markdown("a &amp; b", extensions=["abbr"], extension_configs={"abbr": {"glossary": {form: "x"}}})
    assert "&amp;" not in html
