"""Build the site with Zensical instead of MkDocs: `interview-kb zensical` (`make site-zensical`).

    interview-kb zensical [--seeds seeds] [--site site-zensical] [--replace] [--zensical PATH]

Zensical reads mkdocs.yml but does not run MkDocs plugins other than its own,
so on its own it builds none of the generated pages. This command drives the
same plugin object as the MkDocs build (scripts/interview_kb/plugin/plugin.py), with MkDocs'
configuration objects, around a Zensical build:

1. `on_config` (loads the seeds; sets the nav and Markdown extension options),
   `on_files` (the generated pages, downloads and robots.txt);
2. copies docs/ into a staging docs folder, leaving out what `exclude_docs`
   keeps out of the site (the project's guide, docs/guide/), and writes the
   generated pages into it, beside a copy of mkdocs.yml with the resolved nav,
   extensions and site URL, without the plugin;
3. runs `zensical build` on it;
4. copies the generated non-page files into the site, runs `on_post_build`
   (kb.json and the Pagefind search index) and removes Zensical's own search
   index, `search.json`, which the site's search box does not use;
5. puts the site in place of the output folder in one step, as `interview-kb build`
   does: everything above is written into a temporary folder beside it, under the
   same lock (outputs/site_folder.py), so a failed build leaves the previous site.

Plugin events other than these (per-page events such as `on_page_markdown`) are
not replayed; they are named on standard error should the plugin gain any.
"""

from __future__ import annotations

import inspect
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from mkdocs.plugins import CombinedEvent

from interview_kb.commands.common import PLUGIN, project_of, read_folders, seed_error_behind, use_seeds
from interview_kb.outputs import site_folder

CONFIG = Path("mkdocs.yml")  # in the project folder, where the command runs
DEFAULT_ZENSICAL = Path(".venv-zensical", "bin", "zensical")
# on_nav matters only to partial rebuilds under `mkdocs serve --dirty`.
REPLAYED = {"on_startup", "on_shutdown", "on_config", "on_files", "on_nav", "on_post_build", "on_serve"}
# on_env starts the search index while MkDocs renders the pages, on_build_error waits for it:
# here on_post_build writes it, after Zensical has built the pages. on_post_page counts the
# pages written for the status line on a terminal. on_page_context does what Material's search
# plugin did to each page in a MkDocs build, which Zensical does not run.
NOT_NEEDED = {"on_env", "on_build_error", "on_post_page", "on_page_context"}
ANSI = re.compile(r"\x1b\[[0-9;]*m")
WARNING = re.compile(r"Warning: (?P<what>[^\n]+)\n\s*╭─\[ (?P<path>[^\n\]]+?):(?P<line>\d+):(?P<column>\d+) \]")
ISSUES = re.compile(r"(?P<count>\d+) issues? found")
DOWNLOAD_LINK = re.compile(r"\.\./downloads/[^()\s]+\.md\)")


def unreplayed_events(plugin: type) -> list[str]:
    """Events the plugin class handles that this command does not run."""
    return sorted(
        name
        for klass in plugin.__mro__
        if klass.__module__.startswith("interview_kb.")
        for name, value in vars(klass).items()
        if name.startswith("on_") and (inspect.isfunction(value) or isinstance(value, CombinedEvent)) and name not in REPLAYED | NOT_NEEDED
    )


def unexpected_warnings(output: str, docs: Path) -> list[str]:
    """Zensical's warnings, less the one kind expected: a link to a Markdown download.

    Zensical checks links to `.md` files against its pages, and the transcript
    download `downloads/<slug>.md` is a file, not a page. Every other warning,
    and any count of issues that the warnings shown do not explain, is returned.
    """
    found = list(WARNING.finditer(output))
    unexpected = []
    for warning in found:
        where = f"{warning['path']}:{warning['line']}:{warning['column']}"
        source = docs / warning["path"]
        lines = source.read_text(encoding="utf-8").splitlines() if source.is_file() else []
        number, column = int(warning["line"]), int(warning["column"])
        target = lines[number - 1][column - 1 :] if 0 < number <= len(lines) else ""
        if not (warning["what"] == "page does not exist" and DOWNLOAD_LINK.match(target)):
            unexpected.append(f"{where}: {warning['what']}")
    issues = ISSUES.search(output)
    if issues and int(issues["count"]) != len(found):
        unexpected.append(output.strip())
    return unexpected


def unpublished(config: Any, docs: Path) -> Callable[[str, list[str]], list[str]]:
    """For copying the docs folder: the entries MkDocs leaves out of the site (`exclude_docs`, e.g. the guide)."""
    spec = config.exclude_docs

    def ignored(folder: str, names: list[str]) -> list[str]:
        if spec is None:
            return []
        where = Path(folder).relative_to(docs)
        return [name for name in names if spec.match_file((where / name).as_posix() + ("/" if Path(folder, name).is_dir() else ""))]

    return ignored


def zensical_config(raw: dict[str, Any], config: Any) -> dict[str, Any]:
    """mkdocs.yml as Zensical should read it: the plugin's nav and extension options, without the plugin.

    Folders are `docs`, `site` and `overrides` beside the written file (Zensical
    wants them inside its project folder, given as relative paths).
    """
    derived = {key: value for key, value in raw.items() if key != "hooks"}
    derived["plugins"] = [p for p in raw.get("plugins") or [] if not (isinstance(p, dict) and PLUGIN in p) and p != PLUGIN]
    derived["docs_dir"] = "docs"
    derived["site_dir"] = "site"
    derived["site_url"] = config.site_url or ""
    derived["nav"] = config.nav
    derived["strict"] = False  # warnings are checked by `build`, which tolerates one known kind
    theme = dict(raw.get("theme") or {})
    if theme.get("custom_dir"):
        theme["custom_dir"] = "overrides"
    derived["theme"] = theme
    derived["markdown_extensions"] = [
        {name: config.mdx_configs[name]} if config.mdx_configs.get(name) else name
        for name in config.markdown_extensions
        if isinstance(name, str)
    ]
    return derived


def build(seeds_dir: Path, site: Path, zensical: Path = DEFAULT_ZENSICAL, replace: bool = False) -> None:
    """Build `seeds_dir` into `site` with Zensical. Raises SeedError, SeedErrors, OutputFolderError or RuntimeError."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    zensical = zensical.absolute()  # it runs in a temporary folder
    if not zensical.exists():
        raise RuntimeError(f"{zensical} is missing — run `make site-zensical`, which installs requirements-zensical.txt")

    from mkdocs.config import load_config

    given, site = site, site.resolve()
    project = project_of(CONFIG)
    staging = site_folder.staging_folder(site)
    config = load_config(str(CONFIG), site_dir=str(staging))
    site_folder.check(given, project=project, keep=read_folders(config, seeds_dir), replace=replace)
    with site_folder.site_lock(site):
        site_folder.recover(site)
        try:
            build_into(staging, config, project, seeds_dir, zensical)
            site_folder.publish(staging, site)
        finally:
            shutil.rmtree(staging, ignore_errors=True)


def build_into(staging: Path, config: Any, project: Path, seeds_dir: Path, zensical: Path) -> None:
    """Build the whole site into `staging`, which then replaces the output folder in one step (as `interview-kb build` does)."""
    from mkdocs.exceptions import PluginError
    from mkdocs.structure.files import Files
    from mkdocs.utils.yaml import get_yaml_loader

    with tempfile.TemporaryDirectory(prefix="zensical-") as work_dir:
        work = Path(work_dir)
        docs = work / "docs"
        shutil.copytree(project / "docs", docs, ignore=unpublished(config, project / "docs"))
        plugin = use_seeds(config, seeds_dir)
        skipped = unreplayed_events(type(plugin))
        if skipped:
            print(f"note: Zensical build: plugin events not replayed: {', '.join(skipped)}", file=sys.stderr)
        config.plugins.on_startup(command="build", dirty=False)
        try:
            config = config.plugins.on_config(config)
        except PluginError as error:
            raise seed_error_behind(error) or error from None
        generated = config.plugins.on_files(Files([]), config=config)
        plugin.progress.close()  # the interviews are read; Zensical's own run shows nothing until its end
        for file in generated:
            if file.is_documentation_page():
                target = docs / file.src_uri
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(file.content_bytes)
        with CONFIG.open(encoding="utf-8") as stream:
            raw = yaml.load(stream, Loader=get_yaml_loader(config=config))  # MkDocs' own loader, for !ENV
        config_file = work / "mkdocs.yml"
        derived = zensical_config(raw, config)
        if "custom_dir" in derived["theme"]:
            shutil.copytree(project / raw["theme"]["custom_dir"], work / "overrides")
        config_file.write_text(yaml.safe_dump(derived, sort_keys=False), encoding="utf-8")
        built = work / "site"
        result = subprocess.run(
            [str(zensical), "build", "--config-file", str(config_file)],
            cwd=work,
            capture_output=True,
            text=True,
            check=False,
        )
        output = ANSI.sub("", result.stdout + result.stderr)
        if result.returncode:
            raise RuntimeError(f"zensical build failed:\n{output}")
        unexpected = unexpected_warnings(output, docs)
        if unexpected:
            raise RuntimeError("zensical build warned:\n" + "\n".join(unexpected))
        shutil.move(built, staging)  # a copy when the temporary folder is on another file system
        for file in generated:
            if not file.is_documentation_page():
                target = staging / file.dest_uri
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(file.content_bytes)
        for finish in plugin.on_post_build.methods:  # kb.json and the Pagefind index, as in the MkDocs build
            finish(config=config)
        (staging / "search.json").unlink(missing_ok=True)  # Zensical's own index: the search box is Pagefind's
        site_folder.mark(staging)
