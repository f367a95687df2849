"""Read an editor's YAML file and remember the line of every value, for error messages."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from scripts.kb.errors import SeedError


@dataclass(frozen=True)
class YamlFile:
    path: Path
    data: Any
    node: yaml.Node | None

    def line(self, *keys: str | int) -> int:
        """1-based line of the value at `keys` (or of its closest existing parent)."""
        node = self.node
        line = node.start_mark.line + 1 if node else 1
        for key in keys:
            if isinstance(node, yaml.MappingNode):
                found = [(k, v) for k, v in node.value if k.value == key]
                if not found:
                    return line
                key_node, node = found[0]
                line = key_node.start_mark.line + 1
            elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
                node = node.value[key]
                line = node.start_mark.line + 1
            else:
                return line
        return line

    def error(self, keys: tuple[str | int, ...], what: str, todo: str) -> SeedError:
        return SeedError(self.path, self.line(*keys), what, todo)


class _Loader(yaml.SafeLoader):
    """SafeLoader that keeps dates as the text the editor wrote, checked by the caller.

    (PyYAML would turn 2015-06-01 into a date, and raise a bare ValueError with no
    line for 2015-06-31.)
    """


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def read(path: Path) -> YamlFile:
    """Parse `path`; a syntax error or bad encoding becomes a SeedError with its line."""
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as error:
        raise SeedError(path, 1, f"byte at offset {error.start} is not UTF-8", "save the file as UTF-8") from None
    try:
        node = yaml.compose(text, Loader=_Loader)
        data = yaml.load(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        raise SeedError(path, line, f"not valid YAML ({error.problem})", "fix the YAML syntax on this line") from None
    except (yaml.YAMLError, ValueError) as error:
        raise SeedError(path, 1, f"not valid YAML ({error})", "fix the YAML syntax") from None
    return YamlFile(path, data, node)


def editor_date(value: object) -> str | None:
    """`YYYY`, `YYYY-MM` or `YYYY-MM-DD` as written, if it names a real year, month or day."""
    text = str(value).strip() if value is not None else ""
    if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", text):
        return None
    try:
        datetime.date.fromisoformat(text if len(text) == 10 else f"{text[:7]}-01" if len(text) == 7 else f"{text}-01-01")
    except ValueError:
        return None
    return text


# An address an editor gives (source, media, reference links): http(s) and nothing that could break out of Markdown or HTML.
URL = re.compile(r"https?://[^\s<>\"'`]+")


def plain_text(value: object) -> str:
    """A YAML scalar as one line of text, runs of whitespace folded ("" for a missing value)."""
    return " ".join(str(value).split()) if value is not None else ""


def also_list(source: YamlFile, where: tuple[str | int, ...], value: object, example: str) -> list[str]:
    """An `also:` value (one spelling or a list of them) as plain texts."""
    if value is None:
        return []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str | int | float) for v in value):
        raise source.error(where, "`also` must be a list of other spellings", f"write e.g. `also: [{example}]`")
    return [plain_text(v) for v in value]
