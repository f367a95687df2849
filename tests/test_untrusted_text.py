"""Text the site cannot carry is refused where it is; YAML means what it says; names in any script get their own page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from interview_kb.errors import SeedError
from interview_kb.reading import entities_file, glossary_file, loader
from interview_kb.reading.schemas import SLUG, Metadata, validate
from interview_kb.reading.transcript import decode
from interview_kb.reading.yamlfile import read
from markdown.extensions.toc import slugify

from tests.support import interview

META = (
    "title: Demo\ndate: 2020\nsource: https://example.com/demo\ninterviewer: Ann\nspeakers:\n"
    "  Ann: {name: Ann A, role: Host, organization: Org}\n  Bob: {name: Bob B, role: Guest, organization: Org}\n"
)


def refused(data: bytes | str) -> str:
    with pytest.raises(SeedError) as caught:
        decode(data.encode() if isinstance(data, str) else data, "demo.txt")
    assert "\n" not in str(caught.value)
    return str(caught.value)


def yaml_error(tmp_path: Path, text: str | bytes) -> str:
    path = tmp_path / "meta.yml"
    path.write_bytes(text.encode("utf-8", "surrogatepass") if isinstance(text, str) else text)
    with pytest.raises(SeedError) as caught:
        read(path)
    assert "\n" not in str(caught.value)
    return str(caught.value).removeprefix(f"{path}:")


def yaml_data(tmp_path: Path, text: str) -> object:
    path = tmp_path / "meta.yml"
    path.write_text(text, encoding="utf-8")
    return read(path).data


# 1. Characters that are not text


@pytest.mark.parametrize(
    ("char", "kind"),
    [
        ("\x9b", "a C1 control character"),
        ("\x85", "a C1 control character"),
        ("\x80", "a C1 control character"),
        ("\ufffe", "a non-character"),
        ("\uffff", "a non-character"),
        ("\ufdd0", "a non-character"),
        ("\ufdef", "a non-character"),
        ("\U0001fffe", "a non-character"),
        ("\U0010ffff", "a non-character"),
        ("\u202a", "a bidirectional control"),
        ("\u202e", "a bidirectional control"),
        ("\u2066", "a bidirectional control"),
        ("\u2069", "a bidirectional control"),
        ("\ufeff", "a byte order mark"),
    ],
)
def test_a_character_that_is_not_text_is_refused_at_its_line_and_column(char: str, kind: str) -> None:
    message = refused(f"Ann: Q?\n\nBob: an {char}answer.\n")
    assert message.startswith(f"demo.txt:3: character U+{ord(char):04X} ({kind}) at column 9 is not text — delete it")


def test_invisible_characters_before_a_label_are_named() -> None:
    for char, kind in [("\u200b", "zero-width space"), ("\u200c", "zero-width non-joiner"), ("\u200d", "zero-width joiner")]:
        message = refused(f"Ann: Q?\n\n{char}Bob: An answer.\n")
        assert message.startswith(f"demo.txt:3: character U+{ord(char):04X} (a {kind}) at column 1 is invisible and hides what follows")
        assert "delete it" in message
    assert refused("Ann: Q?\n\n  \u2060Bob: A.\n").startswith("demo.txt:3: character U+2060 (a word joiner) at column 3 is invisible")
    assert refused("Ann: Q?\n\n\ufeffBob: A.\n").startswith("demo.txt:3: character U+FEFF (a byte order mark) at column 1 is not text")


def test_text_in_any_script_with_its_joiners_and_marks_is_kept() -> None:
    text = "Ann: Q?\n\nBob: می\u200cخواهم \u200fשלום\u200e क्\u200dष 👩\u200d💻 李明 Ἀθῆναι.\n"
    assert decode(("\ufeff" + text).encode(), "demo.txt") == text


def test_an_invisible_character_before_a_label_is_named_by_the_loader(tmp_path: Path) -> None:
    (tmp_path / "demo.txt").write_text("Ann: First question?\n\n\u200bBob: An answer.\n", encoding="utf-8")
    (tmp_path / "demo.yml").write_text(META, encoding="utf-8")
    with pytest.raises(SeedError) as caught:
        loader.load_interview(tmp_path / "demo.txt")
    assert str(caught.value).startswith(f"{tmp_path / 'demo.txt'}:3: character U+200B (a zero-width space) at column 1 ")


def test_a_character_that_is_not_text_in_yaml_is_refused_at_its_line_and_column(tmp_path: Path) -> None:
    assert yaml_error(tmp_path, "title: T\nrole: ab\u202ecd\n").startswith(
        "2: character U+202E (a bidirectional control) at column 9 is not text — delete it"
    )
    assert yaml_error(tmp_path, "title: T\n# \ufdd0\n").startswith("2: character U+FDD0 (a non-character) at column 3 is not text")
    assert yaml_error(tmp_path, "title: \x9b\n").startswith("1: character U+009B (a C1 control character) at column 8 is not text")
    assert yaml_error(tmp_path, "title: T\nrole: \ufeffCTO\n").startswith("2: character U+FEFF (a byte order mark) at column 7")
    assert read_ok(tmp_path, "\ufefftitle: T\n") == {"title": "T"}  # a BOM that starts the file is no character


def read_ok(tmp_path: Path, text: str) -> object:
    return yaml_data(tmp_path, text)


@pytest.mark.parametrize(
    ("escape", "code", "kind"),
    [
        ("\\x9b", "009B", "a C1 control character"),
        ("\\ud800", "D800", "a lone surrogate"),
        ("\\uffff", "FFFF", "a non-character"),
        ("\\u202e", "202E", "a bidirectional control"),
        ("\\x00", "0000", "a control character"),
        ("\\e", "001B", "a control character"),
    ],
)
def test_an_escape_that_writes_a_character_that_is_not_text_is_refused(tmp_path: Path, escape: str, code: str, kind: str) -> None:
    message = yaml_error(tmp_path, f'title: T\nrole: "CTO {escape}"\n')
    assert message.startswith(f"2: character U+{code} ({kind}) in this value is not text — ")


# 2. Names and terms in any script

NAMES = ["李明", "王芳", "山田太郎", "やまだ はなこ", "محمد علي", "Иван Петров", "Γιώργος Παπαδόπουλος", "김민준", "ראובן"]


@pytest.mark.parametrize("name", NAMES)
def test_a_name_in_any_script_gets_a_readable_stable_slug(name: str) -> None:
    from interview_kb.reading import slugs

    slug = slugs.slug(name, "entity")
    assert SLUG.fullmatch(slug)
    assert re.fullmatch(r"[a-z0-9-]+-[0-9a-f]{6}", slug)
    assert slug.split("-")[0] != "entity"  # transliterated, not a fallback word
    assert slug == slugs.slug(name, "entity")


def test_slugs_of_names_in_other_scripts_are_those_recorded() -> None:
    """A slug is a page's address: the transliteration and the hash are pinned."""
    from interview_kb.reading import slugs

    names = ("李明", "王芳", "Иван Петров", "Γιώργος", "محمد علي")
    recorded = ["liming-aa2271", "wangfang-8ac954", "ivan-petrov-2b8929", "giorgos-8da8de", "mhmd-ly-e6aa0d"]
    assert [slugs.slug(n, "entity") for n in names] == recorded


@pytest.mark.parametrize(
    "name", ["Martin Taylor", "José Müller", "Straße", "Søren Ødegård", "ADVA Optical", "Prayson Pate", "O'Brien", "NFV", "x86"]
)
def test_a_latin_name_keeps_the_slug_it_had(name: str) -> None:
    from interview_kb.reading import slugs

    assert slugs.slug(name, "entity") == (slugify(name, "-") or "entity")


def test_a_name_no_transliteration_reads_gets_the_fallback_word_and_a_hash(monkeypatch: pytest.MonkeyPatch) -> None:
    from interview_kb.reading import slugs

    monkeypatch.setattr(slugs, "anyascii", lambda text: "")
    assert slugs.slug("李明", "entity") == "entity-" + slugs.digest("李明")
    assert slugs.slug("李明", "entity") != slugs.slug("王芳", "entity")


def test_two_speakers_with_chinese_names_get_two_pages() -> None:
    first = interview("Q: First question?\n\nA: An answer.\n", "first")
    second = interview("Q: Second question?\n\nA: An answer.\n", "second")
    first.speakers["A"] = loader.Speaker("A", "李明", "CTO", "Acme")
    second.speakers["A"] = loader.Speaker("A", "王芳", "CTO", "Acme")
    found = {e.name: e.path for e in entities_file.from_speakers((first, second))}
    assert found["李明"].startswith("people/liming-") and found["王芳"].startswith("people/wangfang-")


def test_names_in_any_script_get_pages_of_their_own(tmp_path: Path) -> None:
    path = tmp_path / "entities.yml"
    path.write_text(
        "entities:\n" + "".join(f"  - name: {n}\n    kind: organization\n    about: An organization.\n" for n in NAMES), encoding="utf-8"
    )
    paths = [e.path for e in entities_file.load(path, ())]
    assert len(set(paths)) == len(NAMES)


def test_glossary_terms_in_any_script_get_anchors_of_their_own(tmp_path: Path) -> None:
    path = tmp_path / "glossary.yml"
    terms = ["网络", "功能", "ネットワーク", "شبكة", "сеть", "δίκτυο"]
    path.write_text("terms:\n" + "".join(f"  - term: {t}\n    definition: d\n" for t in terms), encoding="utf-8")
    anchors = [t.slug for t in glossary_file.load(path)]
    assert len(set(anchors)) == len(terms) and "term" not in anchors
    assert all(SLUG.fullmatch(a) for a in anchors)


def test_latin_glossary_anchors_stay() -> None:
    assert glossary_file.Term("Session border controller", "d", "", (), 1).slug == "session-border-controller"


# 3. YAML that means what it says


@pytest.mark.parametrize("written", ["02015", "20:15", "0x7E0", "2_015", "0017", "0b101", "1_000.5", "190:20:30.15", "+0x1", "-017"])
def test_a_scalar_yaml_1_1_would_convert_is_kept_as_written(tmp_path: Path, written: str) -> None:
    assert yaml_data(tmp_path, f"date: {written}\n") == {"date": written}


def test_plain_numbers_are_still_numbers(tmp_path: Path) -> None:
    data = yaml_data(tmp_path, "a: 2015\nb: -3\nc: 1.5\nd: 0\ne: .5\nf: 2.5e3\ng: 0.0\n")
    assert data == {"a": 2015, "b": -3, "c": 1.5, "d": 0, "e": 0.5, "f": 2500.0, "g": 0.0}


@pytest.mark.parametrize("written", ["02015", "20:15", "0x7E0", "2_015"])
def test_a_date_that_yaml_would_convert_is_refused_as_written(tmp_path: Path, written: str) -> None:
    path = tmp_path / "demo.yml"
    path.write_text(META.replace("date: 2020", f"date: {written}"), encoding="utf-8")
    with pytest.raises(SeedError) as caught:
        validate(read(path), Metadata)
    assert str(caught.value) == (
        f"{path}:2: date '{written}' is not a real date written YYYY, YYYY-MM or YYYY-MM-DD — write it as e.g. 2015, 2015-06 or 2015-06-01"
    )


def test_a_repeated_key_is_refused_naming_both_lines(tmp_path: Path) -> None:
    assert yaml_error(tmp_path, "title: A\ndate: 2015\ntitle: B\n").startswith("3: key `title` is given twice, on lines 1 and 3 — ")
    nested = "speakers:\n  Ann:\n    name: A\n    role: B\n    name: C\n"
    assert yaml_error(tmp_path, nested).startswith("5: key `name` is given twice, on lines 3 and 5 — ")
    assert yaml_error(tmp_path, "speakers: {Ann: {name: A}, Ann: {name: B}}\n").startswith("1: key `Ann` is given twice, on lines 1 and 1")


def test_nesting_deeper_than_the_limit_is_refused_at_its_line(tmp_path: Path) -> None:
    assert yaml_error(tmp_path, "title: T\na: " + "[" * 500 + "]" * 500 + "\n").startswith(
        "2: the YAML is nested more than 50 levels deep — "
    )
    block = "title: T\n" + "".join(f"{'  ' * i}k{i}:\n" for i in range(500)) + "  " * 500 + "end\n"
    assert yaml_error(tmp_path, block).startswith("51: the YAML is nested more than 50 levels deep — ")
    assert yaml_data(tmp_path, "a: " + "[" * 40 + "]" * 40 + "\n")  # deep enough for anything real


def test_invalid_utf8_in_yaml_is_reported_at_its_line_and_byte(tmp_path: Path) -> None:
    assert yaml_error(tmp_path, b"title: T\nrole: C\nx: \xe9\n").startswith(
        "3: byte 0xe9 at byte offset 20 is not UTF-8 — save the file as UTF-8"
    )


# 4. Length limits


@pytest.mark.parametrize(
    ("field", "limit"),
    [("title", 300), ("series", 300), ("publication", 300), ("description", 5000)],
)
def test_a_field_above_its_length_limit_is_refused(tmp_path: Path, field: str, limit: int) -> None:
    path = tmp_path / "demo.yml"
    path.write_text(META.replace("title: Demo\n", "") + f"{field}: {'x' * (limit + 1)}\n", encoding="utf-8")
    if field != "title":
        path.write_text(META + f"{field}: {'x' * (limit + 1)}\n", encoding="utf-8")
    with pytest.raises(SeedError) as caught:
        validate(read(path), Metadata)
    assert re.fullmatch(
        rf".*demo\.yml:\d+: `{field}` is {limit + 1:,} characters long, more than the limit of {limit:,} — shorten it.*", str(caught.value)
    )
    path.write_text(META.replace("title: Demo\n", "") + f"title: Demo\n{field}: {'x' * limit}\n", encoding="utf-8")
    if field == "title":
        path.write_text(META.replace("title: Demo\n", f"title: {'x' * limit}\n"), encoding="utf-8")
    validate(read(path), Metadata)


@pytest.mark.parametrize("key", ["name", "role", "organization"])
def test_a_speaker_field_above_its_length_limit_is_refused(tmp_path: Path, key: str) -> None:
    path = tmp_path / "demo.yml"
    path.write_text(META.replace("Bob: {name: Bob B, role: Guest, organization: Org}", f"Bob: {{{key}: {'y' * 201}, name: B}}"))
    if key == "name":
        path.write_text(META.replace("Bob: {name: Bob B,", f"Bob: {{name: {'y' * 201},"))
    with pytest.raises(SeedError) as caught:
        validate(read(path), Metadata)
    assert str(caught.value).startswith(f"{path}:7: `{key}` is 201 characters long, more than the limit of 200 — shorten it")


def test_a_speaker_label_above_its_length_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "demo.yml"
    path.write_text(META.replace("  Bob:", "  " + "B" * 101 + ":"))
    with pytest.raises(SeedError) as caught:
        validate(read(path), Metadata)
    assert str(caught.value).startswith(f"{path}:7: a key under `speakers` is 101 characters long, more than the limit of 100 — ")


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("你在哪里长大？", "你为什么开始写作？"),  # Chinese, full-width question marks, no spaces between sentences
        ("どこで育ちましたか？", "なぜ書き始めたのですか？"),  # Japanese
        ("أين نشأت؟", "لماذا بدأت الكتابة في تلك السنة؟"),  # Arabic question mark
    ],
)
def test_questions_in_other_scripts_open_exchanges(first: str, second: str) -> None:
    from interview_kb.reading.transcript import parse

    text = f"Li: {first}\n\nWang: 在北京。\n\nLi: 谢谢。{second}\n\nWang: 因为我喜欢。\n"
    transcript = parse(text, interview="x", labels=["Li", "Wang"], interviewers=["Li"], path="x.txt")
    assert [e.label for e in transcript.exchanges] == [first, second]


def test_a_term_in_a_script_without_spaces_is_found_inside_its_text() -> None:
    from interview_kb.knowledge import phrases

    found = phrases.find(phrases.pattern(["云计算", "IMS"]), "我们的云计算平台 and claims, an IMS core")
    assert [m.phrase for m in found] == ["云计算", "IMS"]  # "IMS" is still not found inside "claims"


def test_the_page_gives_a_chinese_term_its_tooltip() -> None:
    import markdown
    from interview_kb.render.linear_markdown import LinearMarkdown

    md = markdown.Markdown(extensions=["abbr", LinearMarkdown()])
    html = md.convert("*[云计算]: Cloud computing\n\n我们的云计算平台, claims\n\n*[IMS]: IP Multimedia Subsystem\n")
    assert '<abbr title="Cloud computing">云计算</abbr>' in html and "<abbr" not in html.split("平台")[1]


def test_an_address_with_a_backslash_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "x.yml"
    path.write_text(
        "title: T\ndate: 2020\nsource: https://example.org/a\ninterviewer: A\nspeakers: {A: {name: Al}}\nmedia: 'https://example.org/a.mp3\\'\n"
    )
    with pytest.raises(SeedError, match=r"x.yml:6: media .* is not an http\(s\) URL"):
        validate(read(path), Metadata)
