"""The plugin's settings under `plugins: - interview-kb:` in mkdocs.yml, declared with MkDocs' own option types."""

from __future__ import annotations

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config


class KnowledgeBaseConfig(Config):  # type: ignore[no-untyped-call]
    # Whether the plugin runs. Off, the site is the docs folder alone: no interview, topic or knowledge page.
    enabled = opt.Type(bool, default=True)
    # The folder of transcripts and editorial YAML, relative to mkdocs.yml (or absolute). Its existence is
    # checked when the build reads it, not here: the build commands point the plugin at another folder
    # (`--seeds`) after mkdocs.yml is loaded, and a missing folder is then one line like every seed mistake.
    seeds = opt.Dir(exists=False, default="seeds")
    # Whether a seed warning (a topic with no exchange, an unused glossary term) stops the
    # build at once with its one line. Unset: as strict as MkDocs (`strict:` or `--strict`);
    # otherwise warnings are logged, and a strict MkDocs build still fails on them at its end.
    strict = opt.Optional(opt.Type(bool))
    # Whether the build writes the search index (Pagefind). Off, the site has no search: the
    # search box says so. For a quicker look at a large series, and to measure what the index costs a build.
    search_index = opt.Type(bool, default=True)
    # Pagefind's command line, which writes the search index: npm's launcher of the version
    # pinned in package.json (`npm ci --omit=dev`, which `make` runs), or a Pagefind binary.
    # Relative to mkdocs.yml's folder (or absolute); a Pagefind of another version is refused.
    pagefind = opt.File(exists=False, default="node_modules/.bin/pagefind")
