"""What each kind of seed YAML file may hold, and the one translation of a mistake into a `SeedError`.

The schemas are pydantic models because pydantic reports where each error is
(`loc`: the keys and indexes down to the value), which `YamlFile.line` turns
into the line of the offending key, so a message names its line exactly; and
because it checks types strictly: `title: [one, {two: 2}]` is refused instead
of being published as "['one', {'two': 2}]", and `role: 5` must be quoted.
The messages are written here from each error's `type` and `loc`, in the
project's `what — what to do` voice, never in pydantic's words.

Checks that need more than one value or file (the interviewer is a speaker, a
quote is in the transcript, slugs and spellings are unique) stay in the loaders.
"""

from __future__ import annotations

import datetime
import difflib
import re
from typing import Annotated, Any, ClassVar, Literal, TypeVar, get_args, get_origin

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, ValidationError, model_validator
from pydantic_core import ErrorDetails, PydanticCustomError

from interview_kb.errors import SeedError
from interview_kb.reading.yamlfile import YamlFile
from interview_kb.wording import names

# An address an editor gives (source, media, reference links): http(s) and nothing that could break out of Markdown or HTML.
URL = re.compile(r"https?://[^\s<>\"'`\\]+")
SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _url(text: str) -> str:
    if not URL.fullmatch(text):
        raise PydanticCustomError("url", "not an http(s) URL")
    return text


def _slug(text: str) -> str:
    if not SLUG.fullmatch(text):
        raise PydanticCustomError("slug", "not a slug")
    return text


def _number_as_text(value: object) -> object:
    """YAML reads `date: 2015` as a number."""
    return str(value) if isinstance(value, int | float) and not isinstance(value, bool) else value


def _real_day(text: str) -> bool:
    try:
        datetime.date.fromisoformat((text + "-01-01")[:10])
    except ValueError:
        return False
    return True


def _editor_date(text: str) -> str:
    if not (re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", text) and _real_day(text)):
        raise PydanticCustomError("date", "not a real date")
    return text


def _times_as_text(value: object) -> object:
    """`turns:` keys as times: YAML 1.1 reads an unquoted `1:05` as the number of seconds, 65."""
    if not isinstance(value, dict):
        return value
    return {
        (f"{key // 3600}:{key // 60 % 60:02d}:{key % 60:02d}" if isinstance(key, int) and not isinstance(key, bool) else key): label
        for key, label in value.items()
    }


def _as_list(value: object) -> object:
    return [value] if isinstance(value, str) else value


# Limits, far above any real value (docs/guide/editors/errors.md#limits): a title is copied into every page's navigation, so a 200 KB
# title grew a one-interview site from 4 MB to 17 MB; a longer value is refused with one line.
MAX_LABEL_CHARS = 100  # a speaker label, a format
MAX_NAME_CHARS = 200  # names, roles, organizations, glossary terms and their spellings, anchors
MAX_TITLE_CHARS = 300  # titles, series, publications
MAX_URL_CHARS = 2_000
MAX_TEXT_CHARS = 5_000  # descriptions, definitions, facts and quotes


def _at_most(chars: int) -> Any:
    return Field(max_length=chars)


# One line of text, runs of whitespace folded.
Text = Annotated[str, AfterValidator(_one_line)]
Label = Annotated[Text, _at_most(MAX_LABEL_CHARS)]
Name = Annotated[Text, _at_most(MAX_NAME_CHARS)]
Title = Annotated[Text, _at_most(MAX_TITLE_CHARS)]
Prose = Annotated[Text, _at_most(MAX_TEXT_CHARS)]
# An http(s) address.
Url = Annotated[str, _at_most(MAX_URL_CHARS), AfterValidator(_one_line), AfterValidator(_url)]
# Lower-case words joined by -.
Slug = Annotated[str, AfterValidator(_slug)]
# YYYY, YYYY-MM or YYYY-MM-DD naming a real year, month or day, kept as written.
EditorDate = Annotated[str, BeforeValidator(_number_as_text), AfterValidator(_one_line), AfterValidator(_editor_date)]
# Other spellings: one, or a list of them.
Also = Annotated[list[Name], BeforeValidator(_as_list)]
Kind = Literal["person", "organization", "product"]


class Schema(BaseModel):
    """Unknown keys are refused (a misspelt key would silently lose its value), and no value is converted to another type."""

    model_config = ConfigDict(extra="forbid", strict=True, allow_inf_nan=False, frozen=True)
    NOUN: ClassVar[str] = ""  # what one entry is called in messages
    GUIDE: ClassVar[str] = ""  # the guide's page and heading about the file, named in messages

    @model_validator(mode="before")
    @classmethod
    def _blank_is_absent(cls, data: Any) -> Any:
        """`publication:` with nothing after it is no publication; a blank required field is missing."""
        if isinstance(data, dict):
            return {k: v for k, v in data.items() if not (v is None or (isinstance(v, str) and not v.strip()))}
        return data


class SpeakerEntry(Schema):
    NOUN = "speaker"
    name: Name
    role: Name = ""
    organization: Name = ""


class Metadata(Schema):
    """`<slug>.yml`: an interview's metadata."""

    NOUN = "metadata"
    GUIDE = "docs/guide/editors/adding-interviews.md#the-metadata"
    title: Title
    date: EditorDate
    source: Url
    interviewer: Annotated[list[Label], BeforeValidator(_as_list), Field(min_length=1)]  # who asks: one label or a list
    speakers: Annotated[
        dict[Annotated[str, _at_most(MAX_LABEL_CHARS)], SpeakerEntry],
        Field(
            min_length=1,
            description="map each transcript label to name, role and organization",
            examples=["{Ann: {name: Ann Lee, role: Host, organization: Example Media}}"],
        ),
    ]
    publication: Title = ""
    series: Title = ""
    format: Label = "auto"
    media: Url = ""
    slug: Slug = ""
    announcer: Annotated[list[Label], BeforeValidator(_as_list)] = []  # neither host nor guest: their turns are not the interview
    description: Prose = ""  # a summary of the interview (a Markdown transcript's front matter may give it)
    # Subjects for the tags page, with the front matter's (a comma-separated line is several):
    tags: Annotated[list[Name], BeforeValidator(_as_list)] = []
    keywords: Annotated[list[Name], BeforeValidator(_as_list)] = []
    # Where the conversation rules are wrong for one exchange (docs/guide/editors/conversation.md#when-a-rule-is-wrong):
    recognise_parts: bool = True  # false: no cold open, introduction, sponsor read or closing is recognised, only markers
    split: Annotated[list[int], BeforeValidator(lambda v: [v] if isinstance(v, int) else v)] = []  # lines where an exchange opens
    join: Annotated[
        list[Name | int], BeforeValidator(lambda v: [v] if isinstance(v, str | int) else v)
    ] = []  # exchanges that go on the one before
    turns: Annotated[dict[str, Text], BeforeValidator(_times_as_text)] = {}  # for captions that name nobody: start time → label


class TopicEntry(Schema):
    NOUN = "topic"
    slug: Slug
    title: Title
    description: Prose = ""  # a drafted topic (topics.draft.yml) has none until the editor writes it
    evidence: Annotated[
        dict[Annotated[str, _at_most(MAX_NAME_CHARS)], float],
        Field(min_length=1, description="map terms to numeric weights", examples=["{SBC: 3, session border controller*: 2}"]),
    ]
    threshold: float | None = None
    include: list[Name] = []
    exclude: list[Name] = []


class TopicsFile(Schema):
    """`topics.yml`: the topic taxonomy."""

    GUIDE = "docs/guide/editors/topics.md#the-topics-file"
    threshold: float = 4
    # Words of the taxonomy's field: an interview that hardly uses them gets no topic from the rules.
    field: list[Annotated[str, _at_most(MAX_NAME_CHARS)]] = []
    # At most this many topics per exchange from the rules: those it has most evidence of (`include` always assigns).
    per_exchange: Annotated[int, Field(ge=1)] | None = None
    topics: list[TopicEntry]


class TermEntry(Schema):
    NOUN = "glossary entry"
    term: Name
    definition: Prose
    also: Also = []
    link: Url = ""


class GlossaryFile(Schema):
    """`glossary.yml`."""

    GUIDE = "docs/guide/editors/glossary.md#the-glossary-file"
    terms: list[TermEntry]
    # Spellings of one word that search matches with each other, beyond its own rules (British and American forms).
    spellings: list[Annotated[list[Name], Field(min_length=2)]] = []


class EntityEntry(Schema):
    NOUN = "entity"
    name: Name
    kind: Kind
    about: Prose
    also: Also = []
    link: Url = ""


class EntitiesFile(Schema):
    """`entities.yml`: people, organizations and products."""

    GUIDE = "docs/guide/editors/entities.md#the-entities-file"
    entities: list[EntityEntry]


class FactEntry(Schema):
    NOUN = "fact"
    fact: Prose
    quote: Prose
    date: EditorDate = ""
    when: Name = ""


class FactsFile(Schema):
    """`<slug>.facts.yml`: key facts and dated events of one interview."""

    GUIDE = "docs/guide/editors/facts.md#the-facts-file"
    facts: list[FactEntry]


M = TypeVar("M", bound=Schema)


def validate(source: YamlFile, model: type[M]) -> M:
    """`source.data` as a `model`; otherwise a SeedError for the mistake nearest the top of the file."""
    try:
        return model.model_validate(source.data)
    except ValidationError as invalid:
        errors = invalid.errors()
        unknown = [e["loc"] for e in errors if e["type"] == "extra_forbidden"]
        # `interviwer:` is one mistake, not also a missing `interviewer:`.
        errors = [e for e in errors if not (e["type"] == "missing" and any(_misspelt(u, e["loc"]) for u in unknown))]
        # At one line, a missing key says more than an unknown one (`nothing: here` lacks `topics:`).
        first = min(errors, key=lambda e: (source.line(*e["loc"]), e["type"] == "extra_forbidden"))
        raise _seed_error(source, model, first) from None


def _misspelt(unknown: tuple[int | str, ...], missing: tuple[int | str, ...]) -> bool:
    """Whether the unknown key is a misspelling of the missing one beside it."""
    return unknown[:-1] == missing[:-1] and bool(difflib.get_close_matches(str(unknown[-1]), [str(missing[-1])]))


def _field(root: type[Schema], loc: tuple[int | str, ...]) -> tuple[type[Schema], str, tuple[int | str, ...], Any]:
    """The model and name of the last field on `loc`, the part of `loc` below that field, and the type expected at `loc`."""
    owner, name, below = root, "", loc
    expected: Any = root
    for depth, key in enumerate(loc):
        if isinstance(expected, type) and issubclass(expected, Schema) and key in expected.model_fields:
            owner, name, below = expected, str(key), loc[depth + 1 :]
            expected = expected.model_fields[str(key)].annotation
        else:  # an index into a list or a key of a mapping: the type of its items
            expected = (get_args(expected) or (None,))[-1]
    return owner, name, below, expected


def _entries(annotation: Any) -> bool:
    """Whether a field is a file's list of entries (`topics:`, `terms:`), not a list of text."""
    item = (get_args(annotation) or (None,))[0]
    return get_origin(annotation) is list and isinstance(item, type) and issubclass(item, Schema)


def _kind(value: object) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    return "a list" if isinstance(value, list) else "a mapping" if isinstance(value, dict) else f"a {type(value).__name__}"


def _seed_error(source: YamlFile, root: type[Schema], error: ErrorDetails) -> SeedError:
    """One pydantic error as `what — what to do`, at the line of the offending key."""
    loc, kind, value = error["loc"], error["type"], error["input"]
    owner, name, below, expected = _field(root, loc)
    shown = source.written(*loc) or str(value)
    listed = next((f for f, info in root.model_fields.items() if _entries(info.annotation)), "")

    if listed and (loc == () or (loc == (listed,) and kind in ("missing", "list_type"))):
        under = f"an `{listed}:`" if listed[0] in "aeiou" else f"a `{listed}:`"
        return source.error(loc, f"`{listed}:` list is missing", f"list the {listed} under {under} key (see {root.GUIDE})")
    if kind == "model_type" and isinstance(expected, type) and issubclass(expected, Schema):
        required = [f for f, info in expected.model_fields.items() if info.is_required()]
        if not loc:
            return source.error(loc, f"{expected.NOUN} must be a YAML mapping", "write `key: value` lines: " + ", ".join(required))
        given = names([f"`{f}:`" for f in required])
        optional = ", ".join(f"`{f}:`" for f, info in expected.model_fields.items() if not info.is_required())
        entry = f"{expected.NOUN} '{loc[-1]}'" if isinstance(loc[-1], str) else f"each {expected.NOUN}"
        return source.error(loc, f"{entry} must be a mapping", f"give it {given}" + (f" (optional: {optional})" if optional else ""))
    if kind in ("missing", "too_short"):
        if owner is root:
            return source.error(loc, f"required field `{name}` is missing", f"add `{name}:` (see {root.GUIDE})")
        entry = f"{owner.NOUN} '{loc[-2]}'" if isinstance(loc[-2], str) else owner.NOUN  # speaker 'Cid'; a list item has no name
        return source.error(loc, f"{entry} lacks `{name}`", f"add `{name}:` to this {owner.NOUN}")
    if kind == "extra_forbidden":
        keys = list(_field(root, loc[:-1])[3].model_fields)
        close = difflib.get_close_matches(str(loc[-1]), keys, n=1)
        hint = f"did you mean `{close[0]}`?" if close else "remove it"
        return source.error(loc, f"unknown key `{loc[-1]}`", f"{hint} (known keys: {', '.join(keys)})")

    subject = f"a key under `{name}`" if below[-1:] == ("[key]",) else f"each item of `{name}`" if below else f"`{name}`"
    if kind in ("string_too_long", "too_long"):
        long = f"a key under `{name}`" if below[-1:] == ("[key]",) else f"an item of `{name}`" if below else f"`{name}`"
        limit = (error.get("ctx") or {}).get("max_length", 0)
        return source.error(loc, f"{long} is {len(value):,} characters long, more than the limit of {limit:,}", "shorten it")
    if kind == "string_type":
        todo = f'put it in quotes: "{shown}"' if isinstance(value, bool | int | float) else "write it as one line of text"
        return source.error(loc, f"{subject} must be text, not {_kind(value)}", todo)
    if kind == "url":
        optional = "" if owner.model_fields[name].is_required() else f", or remove `{name}:`"
        return source.error(loc, f"{name} '{shown}' is not an http(s) URL", f"give the full address, starting https://{optional}")
    if kind == "date":
        return source.error(
            loc, f"{name} '{shown}' is not a real date written YYYY, YYYY-MM or YYYY-MM-DD", "write it as e.g. 2015, 2015-06 or 2015-06-01"
        )
    if kind == "slug":
        entry = "" if owner is root else f"{owner.NOUN} "
        return source.error(loc, f"{entry}{name} '{shown}' is not lower-case words joined by -", "rename it, e.g. 'open-source'")
    if kind == "literal_error":
        return source.error(loc, f"{name} '{shown}' is unknown", "use one of: " + ", ".join(map(str, get_args(expected))))
    info = owner.model_fields.get(name)
    if info and info.description and info.examples:  # a mapping field: its description and example say it all
        return source.error(loc, f"{name} must {info.description}", f"write it as e.g. `{name}: {info.examples[0]}`")
    if kind in ("float_type", "finite_number"):
        return source.error(loc, f"{subject} must be a number", f"write a plain number, e.g. `{name}: 4`")
    if kind == "list_type":
        return source.error(loc, f"{subject} must be a list", f"write `{name}: [first, second]`, or one `- item` line for each")
    return source.error(loc, f"{subject} has a value of the wrong kind", f"see {root.GUIDE}")
