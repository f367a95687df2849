"""Write the generated Markdown pages and kb.json to a folder, for inspection.

    python -m scripts.kb.commands.generate [--seeds seeds] [--out build/generated]

The site build does the same inside MkDocs (see scripts/kb/plugin.py).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from scripts.kb.errors import SeedError
from scripts.kb.export import kb_json
from scripts.kb.knowledge import layer as knowledge
from scripts.kb.render import knowledge_pages, pages
from scripts.kb.seeds import loader as seeds

SITE_NAME = "Interview knowledge base"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.kb.commands.generate", description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=Path, default=Path("seeds"), help="seeds folder (default: seeds)")
    parser.add_argument("--out", type=Path, default=Path("build/generated"), help="output folder (default: build/generated)")
    args = parser.parse_args(argv)
    try:
        kb = seeds.load(args.seeds)
        know = knowledge.load(args.seeds, kb)
    except SeedError as error:
        print(error, file=sys.stderr)
        return 1
    written = {**pages.render(kb, SITE_NAME, know), **knowledge_pages.render(know)}
    for path, text in written.items():
        target = args.out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    urls = {i.slug: f"interviews/{i.slug}/" for i in kb.interviews}
    (args.out / "kb.json").write_text(kb_json(kb, urls, know), encoding="utf-8")
    print(f"wrote {len(written)} pages and kb.json to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
