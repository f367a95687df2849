"""Transcripts published as Markdown (or MDX): the front matter, and the text the reader sees.

A file that starts with a `---` line, YAML up to the next `---` (or `...`) line,
has front matter, whatever its extension. Its `title`, `date`, address and
`description` are defaults the metadata file beside it may override (see
`FrontMatter.defaults`); `guests` (and `hosts`) name the people `make new` puts
in the draft. Unknown keys are ignored: published files have many.

A Markdown source (front matter present, or a `.md` / `.mdx` file) is read
without its markup: `reader_text` replaces the front matter, headings, HTML
comments, MDX `import`/`export` lines and HTML/JSX tags standing alone on
their lines with empty lines (so every line number the parser reports is still
the line in the file), and strips tags inside speech, keeping their text. A
`.txt`, `.vtt` or `.srt` file without front matter is never changed here: plain
transcripts are shown literally. The download is the file as given.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from interview_kb.errors import SeedError
from interview_kb.reading.schemas import URL
from interview_kb.reading.yamlfile import parse_text

# What a transcript file may be called: `<slug><suffix>`, its metadata `<slug>.yml` beside it.
SUFFIXES = (".txt", ".md", ".mdx", ".vtt", ".srt")
MARKDOWN_SUFFIXES = (".md", ".mdx")
# Keys that may hold the address of the publication, in the order they are tried.
ADDRESS_KEYS = ("url", "link", "source", "address", "permalink")
FRONT_MATTER_LINES = 1000  # a closing `---` further down is not the end of front matter
_FENCE = re.compile(r"---[ \t]*")
_END = re.compile(r"(?:---|\.\.\.)[ \t]*")
_FIRST_KEY = re.compile(r"(?:[a-z_][\w-]*[ \t]*:|#)")
_DATE_FORMATS = ("%B %d, %Y", "%b %d, %Y", "%B %d %Y", "%b %d %Y", "%d %B %Y", "%d %b %Y", "%B %Y", "%b %Y")
_EDITOR_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")

# Markup kept out of the text of a Markdown source.
_HEADING = re.compile(r" {0,3}#{1,6}(?:[ \t].*)?")
_RULE = re.compile(r" {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*")
_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL)
_IMPORT = re.compile(r"import\s+(?:[\w*{}\s,]+\s+from\s+)?['\"][^'\"]+['\"];?\s*")
_EXPORT = re.compile(r"export\s+(?:const|let|var|function|default|class)\b.*")
_ATTRIBUTES = r"""(?:\s+(?:[^<>"'{}]|"[^"]*"|'[^']*'|\{[^{}]*\})*?)?"""
# An HTML element (lower-case name) or a JSX component (capitalised, dots allowed: `<Tabs.Item>`).
_TAG = re.compile(rf"</?(?P<name>[A-Za-z][\w.:-]*){_ATTRIBUTES}\s*/?>")
_TAGS_ALONE = re.compile(rf"\s*(?:{_TAG.pattern}\s*)+")
_OPEN_TAG_START = re.compile(r"\s*<[A-Za-z][\w.:-]*(?:\s[^<>]*)?")  # `<Audio` whose attributes go on over the next lines
_OPEN_TAG_END = re.compile(r"[^<>]*/?>\s*")
TAG_LINES = 50  # a tag spread over more lines than this is not one tag
# HTML elements whose tags are stripped inside speech; another lower-case `<word …>` stays as written.
HTML_ELEMENTS = frozenset(
    {
        *("a", "abbr", "address", "article", "aside", "audio", "b", "bdi", "bdo", "blockquote", "br", "button", "caption", "center"),
        *("cite", "code", "col", "colgroup", "dd", "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "font"),
        *("footer", "header", "hr", "i", "iframe", "img", "ins", "kbd", "label", "li", "main", "mark", "nav", "ol", "p", "picture"),
        *("pre", "q", "s", "samp", "section", "small", "source", "span", "strike", "strong", "sub", "summary", "sup", "table"),
        *("tbody", "td", "tfoot", "th", "thead", "time", "tr", "track", "u", "ul", "var", "video", "wbr"),
    }
)


@dataclass(frozen=True)
class FrontMatter:
    """What a transcript's front matter says, each value checked; `problems` holds a value that could not be used."""

    end: int  # the line of the closing `---`
    title: str = ""
    date: str = ""  # YYYY, YYYY-MM or YYYY-MM-DD
    source: str = ""  # the first http(s) address among ADDRESS_KEYS
    description: str = ""
    guests: tuple[Person, ...] = ()
    hosts: tuple[Person, ...] = ()
    problems: Mapping[str, SeedError] = field(default_factory=dict)  # field → why its value is not used
    tags: tuple[str, ...] = ()  # its `tags:` and `keywords:`, as written (`clean_tags` makes the interview's)

    def defaults(self, given: Mapping[str, object]) -> dict[str, str]:
        """The fields that the metadata (`given`) leaves blank, from the front matter; a field it needs but cannot use is an error."""
        found: dict[str, str] = {}
        for name in ("title", "date", "source", "description"):
            if not _blank(given.get(name)):
                continue
            if name in self.problems:
                raise self.problems[name]
            if getattr(self, name):
                found[name] = getattr(self, name)
        return found


@dataclass(frozen=True)
class Person:
    name: str
    role: str = ""
    organization: str = ""


@dataclass(frozen=True)
class Source:
    """A transcript file as the parser reads it."""

    text: str  # what `transcript.parse` reads: markup replaced by empty lines in a Markdown source
    front_matter: FrontMatter | None
    markdown: bool


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def is_markdown(path: Path | str, text: str) -> bool:
    """Whether the file is read as Markdown: it has front matter, or it is a `.md` or `.mdx` file."""
    return Path(path).suffix.lower() in MARKDOWN_SUFFIXES or front_matter_end(text) > 0


def front_matter_end(text: str) -> int:
    """The 1-based line of the `---` (or `...`) that closes the front matter opening the text; 0 when there is none.

    Front matter starts with a lower-case key (`title:`) or a comment: a `---` line over `Ann: Hello.` is a rule above a turn.
    """
    lines = text.split("\n", FRONT_MATTER_LINES + 1)
    if not lines or not _FENCE.fullmatch(lines[0]):
        return 0
    end = next((number for number, line in enumerate(lines[1:FRONT_MATTER_LINES], start=2) if _END.fullmatch(line)), 0)
    first = next((line for line in lines[1 : end - 1] if line.strip()), "")
    return end if _FIRST_KEY.match(first) or not first else 0


def read_front_matter(text: str, path: Path | str) -> FrontMatter | None:
    """The front matter, or None when the text has none (or its YAML is not a mapping: a `---` rule, then prose)."""
    end = front_matter_end(text)
    if not end:
        return None
    lines = text.split("\n")
    # Blank lines in place of the fences and the text after them, so YAML's line numbers are the file's.
    source = parse_text(Path(path), "\n" + "\n".join(lines[1 : end - 1]) + "\n")
    if not isinstance(source.data, dict) and source.data is not None:
        return None
    data: dict[Any, Any] = source.data or {}
    problems: dict[str, SeedError] = {}
    found: dict[str, str] = {}
    for name in ("title", "description"):
        value = data.get(name)
        if isinstance(value, int | float) and not isinstance(value, bool):
            value = str(value)
        if isinstance(value, str):
            found[name] = " ".join(value.split())
        elif value is not None:
            problems[name] = source.error(
                (name,), f"`{name}` in the front matter is not text", f"write `{name}:` in {Path(path).stem}.yml to replace it"
            )
    if "date" in data and not _blank(data["date"]):
        date = as_date(data["date"])
        if date:
            found["date"] = date
        else:
            problems["date"] = source.error(
                ("date",),
                f"date '{source.written('date') or data['date']}' in the front matter is not a date",
                f"write it as 2023-04-05 or April 5, 2023, or set `date:` in {Path(path).stem}.yml",
            )
    address = next((v.strip() for k in ADDRESS_KEYS if isinstance(v := data.get(k), str) and URL.fullmatch(v.strip())), "")
    return FrontMatter(
        end=end,
        title=found.get("title", ""),
        date=found.get("date", ""),
        source=address,
        description=found.get("description", ""),
        guests=people(data.get("guests")),
        hosts=people(data.get("hosts", data.get("host"))),
        problems=problems,
        tags=tuple(t for key in ("tags", "keywords") for t in tag_values(data.get(key))),
    )


def tag_values(value: object) -> list[str]:
    """`tags:` or `keywords:` as a list, a comma-separated line or one word: its texts (numbers too); nothing else."""
    items = value if isinstance(value, list) else [value]
    texts = [str(v) for v in items if isinstance(v, str | int | float) and not isinstance(v, bool)]
    return [part for text in texts for part in text.split(",")]


def clean_tags(tags: Iterable[str]) -> tuple[str, ...]:
    """Tags with their spaces tidied, each once whatever its case (the first spelling stays), empty ones dropped."""
    seen: dict[str, str] = {}
    for tag in tags:
        text = " ".join(tag.split())
        if text and text.casefold() not in seen:
            seen[text.casefold()] = text
    return tuple(seen.values())


def as_date(value: object) -> str:
    """`2023-04-05`, `2023-04-05T10:00:00Z`, a YAML date, `April 5, 2023`, `2023-04`, `2023` as YYYY[-MM[-DD]]; "" otherwise."""
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()[:10]
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        return ""
    text = " ".join(value.split())
    if _EDITOR_DATE.fullmatch(text):
        try:
            datetime.date.fromisoformat((text + "-01-01")[:10])
        except ValueError:
            return ""
        return text
    try:
        return datetime.datetime.fromisoformat(text).date().isoformat()
    except ValueError:
        pass
    for written in _DATE_FORMATS:
        try:
            parsed = datetime.datetime.strptime(text, written)
        except ValueError:
            continue
        return parsed.date().isoformat()[: 7 if "%d" not in written else 10]
    return ""


def people(value: object) -> tuple[Person, ...]:
    """`guests:` as names, or mappings with `name` (and perhaps `role`, `organization` or `company`); anything else is skipped."""
    items = [value] if isinstance(value, str | dict) else value if isinstance(value, list) else []
    found: list[Person] = []
    for item in items:
        if isinstance(item, str) and item.strip():
            found.append(Person(" ".join(item.split())))
        elif isinstance(item, dict) and isinstance(item.get("name"), str) and item["name"].strip():
            role, organization = item.get("role"), item.get("organization", item.get("company"))
            found.append(
                Person(
                    " ".join(item["name"].split()),
                    " ".join(role.split()) if isinstance(role, str) else "",
                    " ".join(organization.split()) if isinstance(organization, str) else "",
                )
            )
    return tuple(found)


def strip_tags(line: str) -> str:
    """A line of speech without its HTML tags and JSX components, their inner text kept (`<br/>` becomes a space)."""

    def replace(tag: re.Match[str]) -> str:
        name = tag["name"]
        if name.lower() == "br":
            return " "
        return "" if name[0].isupper() or name.lower() in HTML_ELEMENTS else tag.group()

    return _TAG.sub(replace, line)


def _comments_removed(text: str) -> str:
    """HTML comments replaced by the line breaks they held, so that lines keep their numbers."""
    return _COMMENT.sub(lambda comment: "\n" * comment.group().count("\n"), text)


def blank_markup(text: str) -> str:
    """A Markdown source's text with markup that is not speech replaced by empty lines, and tags inside speech stripped.

    Headings, thematic breaks (`---`), HTML comments, MDX `import`/`export`
    statements and lines that hold only HTML/JSX tags become empty lines; the
    number of lines is unchanged.
    """
    lines = _comments_removed(text).split("\n")
    out: list[str] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        if _HEADING.fullmatch(line) or _RULE.fullmatch(line) or _IMPORT.fullmatch(line) or _TAGS_ALONE.fullmatch(line):
            out.append("")
        elif _EXPORT.match(line):  # `export const meta = {` … `}`: up to where the brackets close
            depth = _depth(line)
            out.append("")
            while depth > 0 and index + 1 < len(lines):
                index += 1
                depth += _depth(lines[index])
                out.append("")
        elif _OPEN_TAG_START.fullmatch(line) and (close := _tag_close(lines, index)):
            out.extend([""] * (close - index + 1))
            index = close
        else:
            out.append(strip_tags(line))
        index += 1
    return "\n".join(out)


def _depth(line: str) -> int:
    return sum(line.count(c) for c in "{([") - sum(line.count(c) for c in "})]")


def _tag_close(lines: list[str], start: int) -> int:
    """The index of the line that closes a tag opened alone on line `start` (`<Audio` … `/>`), or 0."""
    for index in range(start + 1, min(start + TAG_LINES, len(lines))):
        if _OPEN_TAG_END.fullmatch(lines[index]):
            return index
        if "<" in lines[index] or not lines[index].strip():
            return 0
    return 0


def reader_text(text: str, path: Path | str) -> Source:
    """What `transcript.parse` reads of a decoded transcript file, and its front matter (see the module's docstring)."""
    front = read_front_matter(text, path)
    markdown = Path(path).suffix.lower() in MARKDOWN_SUFFIXES or front is not None
    if not markdown:
        return Source(text, None, False)
    lines = text.split("\n")
    skip = front.end if front else 0
    body = blank_markup("\n".join(lines[skip:]))
    return Source("\n" * skip + body, front, True)


def transcript_files(seeds: Path) -> list[Path]:
    """Every transcript in `seeds/` (`<stem>` plus one of SUFFIXES); two with one stem are a SeedError naming both."""
    found: dict[str, Path] = {}
    for path in sorted(p for p in seeds.iterdir() if p.suffix in SUFFIXES and p.is_file()) if seeds.is_dir() else []:
        if path.stem in found:
            other = found[path.stem]
            raise SeedError(
                path, 1, f"{other.name} and {path.name} are both transcripts of '{path.stem}'", "keep one of them, or rename the other"
            )
        found[path.stem] = path
    return sorted(found.values())


def transcript_of(meta: Path) -> Path | None:
    """The transcript beside a metadata file `<stem>.yml`, whatever its suffix; None when there is none."""
    return next((path for suffix in SUFFIXES if (path := meta.with_suffix(suffix)).is_file()), None)
