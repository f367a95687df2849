"""Write the guide's reference pages from the code: `python -m scripts.tools.reference [--out DIR]` (`make reference`).

- plugin-options.md: the plugin's settings, from `KnowledgeBaseConfig`
  (scripts/interview_kb/plugin/config.py): name, type, default, and the
  comment above each one;
- errors.md: the one-line messages, found in the code's syntax tree (the
  `what` and `todo` texts given to SeedError, SeedWarning, `.error(`, and every
  `raise …Error(…)`), by module and function;
- kb-json.md, kb.schema.json and kb-interview.schema.json: the fields of
  kb.json and of an interview's file, kb/<slug>.json, and their JSON Schemas,
  from the models that write them (scripts/interview_kb/outputs/kb_json.py).

Each file is rewritten whole; tests/test_guide.py checks that they are up to date.
"""

from __future__ import annotations

import argparse
import ast
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from interview_kb.errors import shown as shown_path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "scripts" / "interview_kb"
OUT = ROOT / "docs" / "guide" / "reference"
CONFIG = PACKAGE / "plugin" / "config.py"


def generated(source: str) -> str:
    """The note that opens every generated page."""
    return f"<!-- Written by `make reference` from {source}: edit that, then run `make reference`; not this file. -->"


# ---------------------------------------------------------------- plugin options


def comments_above(path: Path) -> dict[str, str]:
    """Each option of the class in `path`: the comment lines just above its assignment, joined."""
    lines = path.read_text(encoding="utf-8").splitlines()
    found: dict[str, str] = {}
    for node in ast.walk(ast.parse("\n".join(lines))):
        if not isinstance(node, ast.ClassDef):
            continue
        for statement in node.body:
            if isinstance(statement, ast.Assign) and isinstance(statement.targets[0], ast.Name):
                above: list[str] = []
                number = statement.lineno - 2
                while number >= 0 and lines[number].strip().startswith("#"):
                    above.insert(0, lines[number].strip().removeprefix("#").strip())
                    number -= 1
                found[statement.targets[0].id] = " ".join(above)
    return found


def type_name(option: Any) -> str:
    """An option's type in words: `str`, `bool`, `bool, or unset`."""
    from mkdocs.config import config_options as opt

    if isinstance(option, opt.Optional):
        return f"{type_name(option.option)}, or unset"
    kind = getattr(option, "_type", None)
    if isinstance(kind, tuple):
        return " or ".join(k.__name__ for k in kind)
    return kind.__name__ if isinstance(kind, type) else type(option).__name__


def plugin_options() -> str:
    from interview_kb.plugin.config import KnowledgeBaseConfig

    comments = comments_above(CONFIG)
    example = [f"      {name}: {json.dumps(option.default)}" for name, option in KnowledgeBaseConfig._schema if option.default is not None]
    lines = [
        "# Plugin options",
        "",
        generated("scripts/interview_kb/plugin/config.py"),
        "",
        "The settings of the `interview-kb` plugin, under `plugins:` in `mkdocs.yml`",
        "(see [the plugin](../internals/architecture.md#the-plugin)); every one may be left out. With the defaults:",
        "",
        "```yaml",
        "plugins:",
        "  - interview-kb:",
        *example,
        "```",
    ]
    for name, option in KnowledgeBaseConfig._schema:
        default = "unset" if option.default is None else f"`{json.dumps(option.default)}`"
        lines += [
            "",
            f"## {name}",
            "",
            f"Type: `{type_name(option)}`. Default: {default}.",
            "",
            comments.get(name) or "(No comment in the code.)",
        ]
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- error messages


@dataclass(frozen=True)
class Message:
    module: str  # relative to scripts/interview_kb/
    function: str  # qualified: Class.method, or "module level"
    text: str  # `what — todo`, with `{name}` where the code fills something in


# The calls whose text arguments are a message, and where `what` and `todo` are among their arguments.
MESSAGE_ARGUMENTS = {"SeedError": (2, 3), "SeedWarning": (2, 3), "OutputFolderError": (1, 2), "error": (1, 2), "_Refused": (0, 2)}
TEXT_KEYWORDS = ("what", "todo")
# Raised but never shown as they are: a broken invariant, and the schemas' codes that reading/schemas.py words as messages.
NOT_MESSAGES = ("AssertionError", "PydanticCustomError")


def constants(tree: ast.Module) -> dict[str, str]:
    """Module-level names bound to a string literal, so that a message naming one shows its text."""
    found: dict[str, str] = {}
    for statement in tree.body:
        if isinstance(statement, ast.Assign) and isinstance(statement.value, ast.Constant) and isinstance(statement.value.value, str):
            for target in statement.targets:
                if isinstance(target, ast.Name):
                    found[target.id] = statement.value.value
    return found


def placeholder(node: ast.expr) -> str:
    """What the code fills in: its expression when short and plain (`{name}`, `{path.name}`), else `{…}`."""
    if isinstance(node, ast.Name | ast.Attribute):
        written = ast.unparse(node)
        if len(written) <= 30:
            return "{" + written + "}"
    return "{…}"


def rendered(node: ast.expr, known: dict[str, str]) -> str | None:
    """The text of a string expression with placeholders for what is filled in; None if it holds no literal text."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.Name) and node.id in known:
        return known[node.id]
    if isinstance(node, ast.JoinedStr):
        parts = [
            str(value.value)
            if isinstance(value, ast.Constant)
            else placeholder(value.value)
            if isinstance(value, ast.FormattedValue)
            else "{…}"
            for value in node.values
        ]
        return "".join(parts) if any(isinstance(v, ast.Constant) for v in node.values) else None
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = rendered(node.left, known), rendered(node.right, known)
        if left is None and right is None:
            return None
        return (left if left is not None else placeholder(node.left)) + (right if right is not None else placeholder(node.right))
    return None


def callee(call: ast.Call) -> str:
    return call.func.id if isinstance(call.func, ast.Name) else call.func.attr if isinstance(call.func, ast.Attribute) else ""


def shown(node: ast.expr | None, known: dict[str, str]) -> str:
    """A message argument as text: the literal text, or a placeholder for what the code fills in."""
    if node is None:
        return "{…}"
    text = rendered(node, known)
    return text if text is not None else placeholder(node)


def message_text(call: ast.Call, known: dict[str, str], raised: bool) -> str | None:
    """`what — todo` for a message call, the text arguments of a raised exception, or None."""
    name = callee(call)
    if name in MESSAGE_ARGUMENTS:
        positions = MESSAGE_ARGUMENTS[name]
        given = dict(enumerate(call.args))
        given.update({positions[TEXT_KEYWORDS.index(k.arg)]: k.value for k in call.keywords if k.arg in TEXT_KEYWORDS})
        what, todo = (given.get(index) for index in positions)
        if all(part is None or rendered(part, known) is None for part in (what, todo)):
            return None
        if name == "OutputFolderError" and todo is None:  # its default
            todo = ast.Name("CHOOSE")
        return ("warning: " if name == "SeedWarning" else "") + f"{shown(what, known)} — {shown(todo, known)}"
    if raised and name.endswith("Error") and name not in NOT_MESSAGES:
        texts = [text for text in (rendered(argument, known) for argument in call.args) if text is not None]
        return f"{name}: " + " ".join(texts) if texts else None
    return None


class Finder(ast.NodeVisitor):
    def __init__(self, module: str, known: dict[str, str]) -> None:
        self.module, self.known = module, known
        self.scope: list[str] = []
        self.raised: set[int] = set()
        self.found: list[Message] = []

    def visit_scoped(self, node: ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef) -> None:
        self.scope.append(node.name)
        self.generic_visit(node)
        self.scope.pop()

    visit_FunctionDef = visit_AsyncFunctionDef = visit_ClassDef = visit_scoped

    def visit_Raise(self, node: ast.Raise) -> None:
        if isinstance(node.exc, ast.Call):
            self.raised.add(id(node.exc))
        self.generic_visit(node)

    def visit_Call(self, node: ast.Call) -> None:
        text = message_text(node, self.known, id(node) in self.raised)
        if text is not None:
            message = Message(self.module, ".".join(self.scope) or "module level", " ".join(text.split()))
            if message not in self.found:
                self.found.append(message)
        self.generic_visit(node)


def messages(package: Path = PACKAGE) -> Iterator[Message]:
    for path in sorted(package.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        finder = Finder(path.relative_to(package).as_posix(), constants(tree))
        finder.visit(tree)
        yield from finder.found


def error_catalogue() -> str:
    found = list(messages())
    lines = [
        "# Error messages",
        "",
        generated("the code in scripts/interview_kb/"),
        "",
        "Every one-line message the code writes, by module and function, as",
        "`what is wrong — what to do` (the build prints each after `path:line: `; a",
        "warning reads `path:line: warning: …`). Where the code fills something in, the",
        "message shows the expression (`{name}`) or `{…}`.",
        "",
        "The list is found in the code's syntax tree: the text given to `SeedError`,",
        "`SeedWarning`, `OutputFolderError`, a YAML file's `.error(…)` and the YAML reader's",
        "refusals, and to every `raise …Error(…)`. It is approximate: a message put together in a variable",
        "first, or chosen by a condition, shows as `{…}` or is missing. What the",
        "messages mean, and what to do, is in [Errors and limits](../editors/errors.md).",
        "",
        f"{len(found)} messages in {len({m.module for m in found})} modules.",
    ]
    module = ""
    for message in found:
        if message.module != module:
            if module:
                lines.append("```")
            module = message.module
            lines += ["", f"## {module.removesuffix('.py').replace('/', '.')}", "", "```text"]
        lines.append(f"{message.function}: {message.text}")
    if module:
        lines.append("```")
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- kb.json


def schema_text(schema: dict[str, Any]) -> str:
    """A JSON Schema as the build publishes it."""
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def shown_type(prop: dict[str, Any], headings: dict[str, str]) -> str:
    """A property's type in words, with a link to an object's section."""
    if "$ref" in prop:
        heading = headings[prop["$ref"].rsplit("/", 1)[-1]]
        return f"[{heading}](#{anchor(heading)})"
    if "anyOf" in prop:
        return " or ".join(shown_type(p, headings) for p in prop["anyOf"])
    kind = prop.get("type")
    if kind == "array":
        return f"list of {shown_type(prop['items'], headings)}"
    if kind == "object" and "additionalProperties" in prop:
        return f"object: label → {shown_type(prop['additionalProperties'], headings)}"
    if "enum" in prop:
        return " or ".join(f"`{json.dumps(value)}`" for value in prop["enum"])
    return {"string": "string", "integer": "integer", "boolean": "boolean", "null": "`null`"}.get(str(kind), str(kind))


def anchor(heading: str) -> str:
    """The id Python-Markdown's toc gives a heading (code spans count as their text)."""
    from markdown.extensions.toc import slugify

    return str(slugify(heading.replace("`", ""), "-"))


def object_paths(schema: dict[str, Any], root: str) -> dict[str, list[str]]:
    """Each object's name in the schema → where it sits in its file (`exchanges[].turns[]`), in the order first met;
    `root`, the schema's own object, sits nowhere."""
    paths: dict[str, list[str]] = {root: []}
    queue = [("", schema)]
    while queue:
        path, node = queue.pop(0)
        for field, prop in node.get("properties", {}).items():
            for ref, suffix in refs(prop):
                name = ref.rsplit("/", 1)[-1]
                place = f"{path}{'.' if path else ''}{field}{suffix}"
                if name not in paths:
                    queue.append((place, schema["$defs"][name]))
                if place not in paths.setdefault(name, []):
                    paths[name].append(place)
    return paths


def refs(prop: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """The objects a property holds, with how it holds them (`[]` a list, `{}` a mapping, `` one)."""
    if "$ref" in prop:
        yield prop["$ref"], ""
    for option in prop.get("anyOf", []):
        yield from refs(option)
    if "items" in prop:
        yield from ((ref, "[]" + suffix) for ref, suffix in refs(prop["items"]))
    if isinstance(prop.get("additionalProperties"), dict):
        yield from ((ref, "{}" + suffix) for ref, suffix in refs(prop["additionalProperties"]))


def cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


EXAMPLE = """```json
{"interviews": [{"slug": "...", "title": "...", "date": "2015", "source": "https://...", "publication": "...",
                 "interviewer": "Prayson", "speakers": {"Prayson": {"name": "...", "role": "...", "organization": "..."}},
                 "data": "kb/<slug>.json"}],
 "topics": [{"slug": "sbc", "title": "...", "description": "..."}]}
```

and each interview's `kb/<slug>.json`:

```json
{"interview": "<slug>", "outside": [],
 "exchanges": [{"id": "what-is-it-thats-so-hard-4e9df5", "interview": "...", "url": "interviews/<slug>/#<id>",
                "asked_by": "...", "turns": [{"speaker": "Prayson", "text": "...", "timestamp": "", "aside": false},
                {"speaker": "Martin", "text": "paragraphs joined by a blank line", "timestamp": "", "aside": false}],
                "topics": ["sbc"]}]}
```"""

READING = (
    "The turns' texts are the transcript's paragraphs as read (see\n"
    "[How a transcript is read](../editors/formats.md#how-a-transcript-is-read)), not Markdown or HTML;\n"
    "every `url` and `data` is relative to the site's root, wherever the file lies.\n"
    "Reading them, e.g. every exchange on one topic as a full URL:\n"
    "`python -c \"import json; kb = json.load(open('site/kb.json')); "
    "print(*('https://example.org/interviews/' + e['url'] for i in kb['interviews'] "
    "for e in json.load(open('site/' + i['data']))['exchanges'] if 'sbc' in e['topics']), sep='\\n')\"`."
)

MOVING = """## From the single kb.json

Until the export came in pieces, `kb.json` was one file holding every exchange;
a thousand long episodes would make it about 250 MB, more than GitHub accepts.
Every field keeps its name and meaning; three changed:

- `exchanges`, the list of every exchange, is now one list per interview, in
  `kb/<slug>.json` under `exchanges`, the file the interview's `data` names;
  taken interview by interview, in the order of `interviews`, they are the
  old list;
- each interview's `outside` is in the same file, under `outside`;
- an exchange's `question` and `answer` repeated the words of its `turns` (its
  first turn, and the turns after it that are not asides): the file holds the
  words once, in `turns`, and `whole` below writes both fields back.

`interview_kb.outputs.kb_json.whole(folder)` joins them into the single file's
shape, for a program written against it:

```sh
python -c "import json, pathlib; from interview_kb.outputs import kb_json
json.dump(kb_json.whole(pathlib.Path('site')), open('kb-whole.json', 'w'), ensure_ascii=False)"
```"""


def object_sections(schema: dict[str, Any], root: str, top: str) -> list[str]:
    """A section per object of `schema`: its description and a table of its fields; `top` is the heading of `root`."""
    paths = object_paths(schema, root)
    headings = {name: ", ".join(f"`{place}`" for place in places) or top for name, places in paths.items()}
    lines: list[str] = []
    for name, heading in headings.items():
        node = schema if name == root else schema["$defs"][name]
        required = set(node.get("required", []))
        lines += ["", f"## {heading}", "", node.get("description", ""), "", "| field | type | meaning |", "| --- | --- | --- |"]
        for field, prop in node["properties"].items():
            note = "" if field in required else " *(knowledge)*"
            lines.append(f"| `{field}` | {cell(shown_type(prop, headings))} | {cell(prop.get('description', ''))}{note} |")
    return lines


def kb_json_page() -> str:
    from interview_kb.outputs import kb_json

    lines = [
        "# kb.json",
        "",
        generated("the models in scripts/interview_kb/outputs/kb_json.py"),
        "",
        "Every build writes `site/kb.json` (`make generate`: `build/generated/kb.json`), everything the site",
        "says as data but the exchanges, and beside it `site/kb/<slug>.json` for each interview, its exchanges",
        "and the parts that are not the interview. kb.json is shaped like this (abridged):",
        "",
        EXAMPLE,
        "",
        "Their JSON Schemas are [kb.schema.json](kb.schema.json) and [kb-interview.schema.json](kb-interview.schema.json),",
        "made from the TypedDicts that write them (`scripts/interview_kb/outputs/kb_json.py`) and published in the site",
        "as `kb.schema.json` and `kb/interview.schema.json`; `interview_kb.outputs.kb_json.validate(data)` and",
        "`validate_interview(data)` check a file against them. Fields marked *knowledge* are there when the",
        "knowledge layer is built, as in every site build.",
        "",
        READING,
        "",
        MOVING,
    ]
    lines += object_sections(kb_json.schema(), "KbJson", "The top level")
    lines += object_sections(kb_json.interview_schema(), "InterviewDataJson", "An interview's file, `kb/<slug>.json`")
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- all of them


def pages() -> dict[str, str]:
    """File name → text, for every generated file."""
    from interview_kb.outputs import kb_json

    return {
        "plugin-options.md": plugin_options(),
        "errors.md": error_catalogue(),
        "kb-json.md": kb_json_page(),
        "kb.schema.json": schema_text(kb_json.schema()),
        "kb-interview.schema.json": schema_text(kb_json.interview_schema()),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.tools.reference", description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT, help="folder to write into (default: docs/guide/reference)")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for name, text in pages().items():
        path = args.out / name
        changed = not path.exists() or path.read_text(encoding="utf-8") != text
        path.write_text(text, encoding="utf-8")
        print(f"{shown_path(path)}: {'written' if changed else 'up to date'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
