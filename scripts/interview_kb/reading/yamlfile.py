"""Read an editor's YAML file and remember the line of every value, for error messages."""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from interview_kb.errors import SeedError
from interview_kb.reading import characters


@dataclass(frozen=True)
class YamlFile:
    path: Path
    data: Any
    node: yaml.Node | None

    def _find(self, keys: tuple[str | int, ...]) -> tuple[yaml.Node | None, int]:
        """The node at `keys` (None when absent) and its line, or the line of its closest existing parent."""
        node = self.node
        line = node.start_mark.line + 1 if node else 1
        for key in keys:
            if isinstance(node, yaml.MappingNode):
                found = [(k, v) for k, v in node.value if k.value == str(key)]
                if not found:
                    return None, line
                key_node, node = found[0]
                line = key_node.start_mark.line + 1
            elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
                node = node.value[key]
                line = node.start_mark.line + 1
            else:
                return None, line
        return node, line

    def line(self, *keys: str | int) -> int:
        """1-based line of the value at `keys` (or of its closest existing parent)."""
        return self._find(keys)[1]

    def written(self, *keys: str | int) -> str:
        """The scalar at `keys` as the editor wrote it (`yes`, not True; `007`, not 7); "" for none."""
        node = self._find(keys)[0]
        return node.value if isinstance(node, yaml.ScalarNode) else ""

    def error(self, keys: tuple[str | int, ...], what: str, todo: str) -> SeedError:
        return SeedError(self.path, self.line(*keys), what, todo)


# Deeper than any seed file needs (a speaker's fields are three levels down); PyYAML composes nested nodes recursively,
# so a few hundred levels would end in Python's recursion limit, with no line.
MAX_DEPTH = 50
# The only plain scalars read as numbers: decimal integers and decimal fractions, as written. YAML 1.1 would also read
# `02015` as octal (1037), `20:15` as base 60 (1215), `0x7E0` as hex (2016) and `2_015` as 2015; they stay text.
_INT = re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$")
_FLOAT = re.compile(r"^(?:[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$")
_NUMBER_TAGS = ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float", "tag:yaml.org,2002:timestamp")


class _Refused(yaml.MarkedYAMLError):
    """What a seed file may not hold though YAML allows it; `todo` says what to do."""

    def __init__(self, problem: str, mark: yaml.Mark | None, todo: str) -> None:
        super().__init__(problem=problem, problem_mark=mark)
        self.todo = todo


class _Loader(yaml.SafeLoader):
    """SafeLoader that keeps what the editor wrote for the schema to check, and refuses what no seed file needs.

    Dates stay text (PyYAML would turn 2015-06-01 into a date, and raise a bare
    ValueError with no line for 2015-06-31), and so do numbers that are not
    written in plain decimals (`02015`, `20:15`, `0x7E0`, `2_015`). Anchors and
    aliases are refused (a few lines of them expand to gigabytes), and so are a
    key given twice in one mapping (PyYAML keeps the last silently) and nesting
    deeper than MAX_DEPTH.
    """

    _depth = 0

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        event = self.peek_event()  # type: ignore[no-untyped-call]
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            what = "alias *" if isinstance(event, yaml.AliasEvent) else "anchor &"
            raise _Refused(f"YAML {what}{anchor} is not allowed in seed files", event.start_mark, "write the value out in full")
        if self._depth >= MAX_DEPTH:
            raise _Refused(
                f"the YAML is nested more than {MAX_DEPTH} levels deep",
                event.start_mark,
                "write it flatter: seed files need a few levels (see docs/guide/editors/errors.md#yaml)",
            )
        self._depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def compose_mapping_node(self, anchor: Any) -> yaml.MappingNode:
        node = super().compose_mapping_node(anchor)
        first: dict[str, yaml.Node] = {}
        for key, _ in node.value:
            if not isinstance(key, yaml.ScalarNode):
                continue
            if key.value in first:
                lines = f"{first[key.value].start_mark.line + 1} and {key.start_mark.line + 1}"
                raise _Refused(f"key `{key.value}` is given twice, on lines {lines}", key.start_mark, "keep one of them")
            first[key.value] = key
        return node


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag not in _NUMBER_TAGS]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver("tag:yaml.org,2002:int", _INT, list("-+0123456789"))
_Loader.add_implicit_resolver("tag:yaml.org,2002:float", _FLOAT, list("-+0123456789."))


def read(path: Path) -> YamlFile:
    """Parse `path` once into nodes (for lines) and data; a syntax error or bad encoding becomes a SeedError with its line."""
    return _parse_bytes(path, path.read_bytes())


ReadYaml = Callable[[Path], YamlFile]


class ParsedFiles:
    """Each YAML file's last bytes and what they parsed into, for the rebuilds of one `mkdocs serve` (plugin/session.py).

    A rebuild reads the series' own files again (topics, glossary, entities, facts); PyYAML is slow. Each reader is
    handed its own copy of the data (the nodes, which only give lines, are shared), so what one changes no other sees.
    """

    def __init__(self) -> None:
        self._parsed: dict[Path, tuple[bytes, YamlFile]] = {}

    def read(self, path: Path) -> YamlFile:
        data = path.read_bytes()
        known = self._parsed.get(path)
        if known is None or known[0] != data:
            known = self._parsed[path] = (data, _parse_bytes(path, data))
        parsed = known[1]
        return YamlFile(parsed.path, copy.deepcopy(parsed.data), parsed.node)


def _parse_bytes(path: Path, data: bytes) -> YamlFile:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise SeedError(
            path, line, f"byte 0x{data[error.start]:02x} at byte offset {error.start} is not UTF-8", "save the file as UTF-8"
        ) from None
    return parse_text(path, text)


def _refuse_in_values(path: Path, node: yaml.Node | None) -> None:
    """A character that is not text, written as an escape (`"\\x9b"`) in a quoted value or key."""
    if isinstance(node, yaml.ScalarNode):
        characters.refuse_in_value(node.value, path, node.start_mark.line + 1)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            _refuse_in_values(path, item)
    elif isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            _refuse_in_values(path, key)
            _refuse_in_values(path, value)


def parse_text(path: Path, text: str) -> YamlFile:
    """Parse YAML text read from `path` (such as a transcript's front matter, its lines padded to the file's)."""
    characters.refuse(text.removeprefix("\ufeff"), path)
    try:
        loader = _Loader(text)
        node = loader.get_single_node()
        _refuse_in_values(path, node)
        data = loader.construct_document(node) if node is not None else None
    except _Refused as error:
        line = error.problem_mark.line + 1 if error.problem_mark else 1
        raise SeedError(path, line, str(error.problem), error.todo) from None
    except yaml.reader.ReaderError as error:
        line = text[: error.position].count("\n") + 1
        what = f"character U+{error.character:04X} is not allowed in YAML" if isinstance(error.character, int) else "unreadable text"
        raise SeedError(path, line, what, "delete it (it is invisible in most editors)") from None
    except yaml.MarkedYAMLError as error:
        if error.context == "while scanning a quoted scalar" and error.context_mark:
            # The scanner reads on to the end of the file looking for the closing quote.
            line = error.context_mark.line + 1
            raise SeedError(path, line, f"not valid YAML ({error.problem})", "close the quote that opens on this line") from None
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        raise SeedError(path, line, f"not valid YAML ({error.problem})", "fix the YAML syntax on this line") from None
    except (yaml.YAMLError, ValueError) as error:
        raise SeedError(path, 1, f"not valid YAML ({error})", "fix the YAML syntax") from None
    return YamlFile(path, data, node)
