"""Read an editor's YAML file and remember the line of every value, for error messages."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from scripts.errors import SeedError


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


def read(path: Path) -> YamlFile:
    """Parse `path`; a syntax error or bad encoding becomes a SeedError with its line."""
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as error:
        raise SeedError(path, 1, f"byte at offset {error.start} is not UTF-8", "save the file as UTF-8") from None
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        raise SeedError(path, line, f"not valid YAML ({error.problem})", "fix the YAML syntax on this line") from None
    return YamlFile(path, data, node)
