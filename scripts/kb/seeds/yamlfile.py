"""Read an editor's YAML file and remember the line of every value, for error messages."""

from __future__ import annotations

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


class _RefusedAnchor(yaml.MarkedYAMLError):
    """An anchor (`&name`) or alias (`*name`): a few lines of them expand to gigabytes, and editors never need them."""


class _Loader(yaml.SafeLoader):
    """SafeLoader that keeps dates as the text the editor wrote, for the schema to check, and refuses anchors and aliases.

    (PyYAML would turn 2015-06-01 into a date, and raise a bare ValueError with no
    line for 2015-06-31.)
    """

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        event = self.peek_event()  # type: ignore[no-untyped-call]
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            what = "alias *" if isinstance(event, yaml.AliasEvent) else "anchor &"
            raise _RefusedAnchor(problem=f"YAML {what}{anchor} is not allowed in seed files", problem_mark=event.start_mark)
        return super().compose_node(parent, index)


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def read(path: Path) -> YamlFile:
    """Parse `path` once into nodes (for lines) and data; a syntax error or bad encoding becomes a SeedError with its line."""
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as error:
        raise SeedError(path, 1, f"byte at offset {error.start} is not UTF-8", "save the file as UTF-8") from None
    return parse_text(path, text)


def parse_text(path: Path, text: str) -> YamlFile:
    """Parse YAML text read from `path` (such as a transcript's front matter, its lines padded to the file's)."""
    try:
        loader = _Loader(text)
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except _RefusedAnchor as error:
        line = error.problem_mark.line + 1 if error.problem_mark else 1
        raise SeedError(path, line, str(error.problem), "write the value out in full") from None
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
