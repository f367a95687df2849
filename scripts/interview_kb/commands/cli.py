"""The command line: `interview-kb build | new | import | generate | zensical` (`python -m interview_kb` runs it too).

The Makefile's targets call it. Every failure is one line on stderr, and the exit status says which kind:
0 done, 1 a mistake in the seeds or a failed build, 2 an output folder the command may not replace (or a
mistake in the command line itself), 128 + its number for a build stopped by SIGINT, SIGTERM or SIGHUP.
"""

from __future__ import annotations

import signal
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import click

from interview_kb.commands import build as building
from interview_kb.commands import generate as generating
from interview_kb.commands import new as drafting
from interview_kb.commands import zensical_build
from interview_kb.commands.common import environment_failure, log_for_editors
from interview_kb.errors import MISTAKES, SeedError, one_line, shown
from interview_kb.outputs import site_folder

PATH = click.Path(path_type=Path)
SEEDS = click.option("--seeds", type=PATH, default=Path("seeds"), show_default=True, help="The seeds folder.")
REPLACE = click.option("--replace", is_flag=True, help="Replace the output folder even if it is not a previous site.")


def site_option(default: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    return click.option("--site", type=PATH, default=Path(default), show_default=True, help="The output folder.")


class Command(click.Command):
    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)
        except click.UsageError as error:
            error.ctx = error.ctx or ctx  # click leaves it out of some (an option without its value): the line names the command
            raise


class Commands(click.Group):
    """click's group, but a mistake in the command line is one line, as every other failure is.

    click would print the usage, a hint and the error on four lines; and it ends a Ctrl-C outside the
    build (which handles its own signals) with status 1, where 128 + SIGINT says it was stopped.
    """

    command_class = Command

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        try:
            status = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click.exceptions.NoArgsIsHelpError as error:  # `interview-kb` alone: the help
            error.show()
            sys.exit(error.exit_code)
        except click.UsageError as error:
            where = error.ctx.command_path if error.ctx else self.name
            print(one_line(f"{where}: {error.format_message().rstrip('.')} — see `{where} --help`"), file=sys.stderr)
            sys.exit(error.exit_code)
        except click.ClickException as error:
            error.show()
            sys.exit(error.exit_code)
        except click.Abort:
            print(f"{prog_name or self.name}: stopped (SIGINT)", file=sys.stderr)
            sys.exit(128 + signal.SIGINT)
        sys.exit(status)


@click.group(name="interview-kb", cls=Commands, context_settings={"help_option_names": ["-h", "--help"]})
def cli() -> None:
    """Build the interview knowledge base, and start interviews from transcripts."""


def told(action: Callable[[], object], seeds: Path, site: Path) -> int:
    """Run `action`; its failure printed as its lines on stderr, the exit status returned."""
    try:
        action()
    except site_folder.OutputFolderError as error:
        print(error, file=sys.stderr)
        return 2
    except (*MISTAKES, RuntimeError) as error:
        print(error, file=sys.stderr)  # several mistakes: one line each, then the count
        return 1
    except OSError as error:  # the system refused: a full disk, a read-only folder, …
        print(environment_failure(error, site, seeds), file=sys.stderr)
        return 1
    return 0


@cli.command()
@SEEDS
@site_option("site")
@REPLACE
@click.option("--verbose", is_flag=True, help="Show MkDocs' progress messages.")
@click.option("-f", "--config", type=PATH, default=Path("mkdocs.yml"), show_default=True, help="The MkDocs configuration.")
def build(seeds: Path, site: Path, replace: bool, verbose: bool, config: Path) -> int:
    """Build the site all or nothing, then swap it in (make site).

    The output folder is replaced only by a complete site, and only when it is a previous one (or with --replace).
    """
    log_for_editors(verbose)
    signals = building.SIGNALS
    try:
        with signals.installed():
            return told(lambda: building.build(seeds, site, config, replace=replace), seeds, site)
    except building.Stopped as stopped:
        if signals.replaced:
            what = f"the build was stopped ({stopped.name}) as it ended; the new site is in place — nothing to redo"
        else:
            what = f"the build was stopped ({stopped.name}); the previous site is unchanged — build again"
        print(f"{shown(site)}:1: {what}", file=sys.stderr)
        return 128 + stopped.signum


# The paths given are kept as typed (str): Path("") is ".", the project folder, and `make new` without TRANSCRIPT gives "".
@cli.command()
@click.argument("transcript", type=click.Path())
@SEEDS
def new(transcript: str, seeds: Path) -> int:
    """Draft seeds/<slug>.yml from a transcript (make new).

    TRANSCRIPT is a file (`make new TRANSCRIPT=path`), or a folder, whose every transcript is drafted as `import`
    does. The draft lists every speaker label found; the transcript is copied beside it when it lies elsewhere.
    Nothing is ever overwritten.
    """
    path = Path(transcript)
    if transcript and path.is_dir():
        return drafts_for_folder(path, seeds)
    if not path.name or not path.is_file():
        where = f"{transcript}:1: no such transcript file" if transcript else "no transcript given"
        print(f"{where} — give its path: make new TRANSCRIPT=path/to/interview.txt", file=sys.stderr)
        return 1
    try:
        said = drafting.new(path, seeds)
    except SeedError as error:
        print(error, file=sys.stderr)
        return 1
    print("\n".join(said))
    return 0


@cli.command("import")
@click.argument("source", type=click.Path())
@SEEDS
def import_(source: str, seeds: Path) -> int:
    """Draft every transcript in a folder (make import SOURCE=folder).

    A transcript whose draft or copy exists in the seeds folder is skipped, and said so.
    """
    if not source or not Path(source).is_dir():
        where = f"{source}:1: not a folder" if source else "no folder given"
        print(f"{where} — give the folder of transcripts: make import SOURCE=path/to/folder", file=sys.stderr)
        return 1
    return drafts_for_folder(Path(source), seeds)


def drafts_for_folder(folder: Path, seeds: Path) -> int:
    said, problems, failed = drafting.new_all(folder, seeds)
    if problems:
        print("\n".join(problems), file=sys.stderr)
    print("\n".join(said))
    return 1 if failed else 0


@cli.command()
@SEEDS
@click.option("--out", type=PATH, default=Path("build/generated"), show_default=True, help="The folder to write into.")
@click.option("-f", "--config", type=PATH, default=Path("mkdocs.yml"), show_default=True, help="The MkDocs configuration.")
def generate(seeds: Path, out: Path, config: Path) -> int:
    """Write the generated pages and kb.json, to read (make generate).

    The same plugin as the build's, configured by mkdocs.yml (or --config), writes the Markdown of every generated page.
    """

    def written() -> None:
        count = generating.generate(seeds, out, config)
        print(f"wrote {count} pages and kb.json to {out}")

    return told(written, seeds, out)


@cli.command()
@SEEDS
def topics(seeds: Path) -> int:
    """Draft a taxonomy for the series: SEEDS/topics.draft.yml, never over topics.yml (make topics).

    Topics already in topics.yml are kept; topics are proposed only for the exchanges they leave uncovered.
    The report says how many topics, the share of exchanges covered, those left without a topic, and overlaps.
    """

    # Imported here: drafting needs scikit-learn, whose import took 3-4 s of every other command's start.
    from interview_kb.commands import draft_topics

    def drafted() -> None:
        print(draft_topics.draft(seeds))

    return told(drafted, seeds, seeds / draft_topics.DRAFT_FILE)


@cli.command()
@SEEDS
@site_option("site-zensical")
@REPLACE
@click.option("--zensical", "program", type=PATH, default=zensical_build.DEFAULT_ZENSICAL, show_default=True, help="The zensical command.")
def zensical(seeds: Path, site: Path, replace: bool, program: Path) -> int:
    """Build the site with Zensical, not MkDocs (make site-zensical).

    The plugin's events run around a `zensical build` of a copy of the project with the generated pages.
    """
    log_for_editors()
    return told(lambda: zensical_build.build(seeds, site, program, replace=replace), seeds, site)
