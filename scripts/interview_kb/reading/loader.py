"""Read `seeds/`: every interview (transcript + metadata) and the topics file, checked; nothing is classified here."""

from __future__ import annotations

import errno
import os
import re
import stat
from collections.abc import Callable
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from functools import partial
from pathlib import Path
from typing import TypeVar

from interview_kb.errors import Report, SeedError, SeedErrors, fail, print_warning
from interview_kb.reading import topics_file
from interview_kb.reading.formats import AUTO, TIME
from interview_kb.reading.markdown_source import SUFFIXES, clean_tags, reader_text, tag_values, transcript_files, transcript_of
from interview_kb.reading.schemas import SLUG, Metadata, validate
from interview_kb.reading.topics_file import TOPICS_FILE, Topic
from interview_kb.reading.transcript import FORMATS, Transcript, parse, read_transcript
from interview_kb.reading.yamlfile import ReadYaml, YamlFile, read

RESERVED = {TOPICS_FILE, "glossary.yml", "entities.yml"}
RESERVED_WHAT = {TOPICS_FILE: "the taxonomy", "glossary.yml": "the glossary", "entities.yml": "the people, organizations and products"}


def reserved_name(transcript: Path) -> SeedError | None:
    """A transcript named `topics`, `glossary` or `entities`, whose metadata would be one of the series' own files."""
    meta = f"{transcript.stem}.yml"
    if meta not in RESERVED:
        return None
    return SeedError(
        transcript,
        1,
        f"'{transcript.stem}' is a reserved name: {meta} beside it is {RESERVED_WHAT[meta]}, not an interview's metadata",
        f"rename the transcript (e.g. {transcript.stem}-interview{transcript.suffix})",
    )


SLUG_HELP = "use lower-case words joined by -, e.g. my-interview (as the file name or as `slug:`)"


@dataclass(frozen=True)
class Speaker:
    label: str
    name: str
    role: str
    organization: str


@dataclass(frozen=True)
class Interview:
    slug: str
    title: str
    date: str
    source: str
    publication: str
    series: str
    interviewers: tuple[str, ...]  # the labels of those who ask
    speakers: dict[str, Speaker]
    transcript: Transcript
    media: str = ""  # URL of the recording; timestamps link into it
    announcers: tuple[str, ...] = ()  # labels whose turns are not the interview (neither host nor guest)
    description: str = ""  # a summary: the metadata's `description:`, or the transcript's front matter
    tags: tuple[str, ...] = ()  # the metadata's and the front matter's `tags:` and `keywords:`, each once

    @property
    def guests(self) -> list[Speaker]:
        return [s for label, s in self.speakers.items() if label not in self.interviewers and label not in self.announcers]

    @property
    def participants(self) -> list[Speaker]:
        """The speakers of the interview itself: interviewers and guests, not announcers."""
        return [s for label, s in self.speakers.items() if label not in self.announcers]


@dataclass(frozen=True)
class Seeds:
    """What a seeds folder holds, read: the interviews, newest first, and the topics file's rules.

    `mistakes` are what was read but is wrong (a duplicate anchor, a warning that
    a strict build counts); they are raised together with the mistakes found later
    in the same build (knowledge/base.py), so an editor hears of all at once.
    """

    interviews: tuple[Interview, ...]
    topics: tuple[Topic, ...]
    topics_path: Path
    transcripts: dict[str, Path] = dataclass_field(default_factory=dict)  # slug → the transcript file it was read from
    mistakes: tuple[SeedError, ...] = ()


def load_interview(transcript_path: Path) -> Interview:
    meta_path = transcript_path.with_suffix(".yml")
    if not meta_path.exists():
        raise SeedError(
            meta_path,
            1,
            "metadata file is missing",
            f"create it beside {transcript_path.name} (see docs/guide/editors/adding-interviews.md#the-metadata)",
        )
    meta = read(meta_path)
    text = read_transcript(transcript_path)
    source = reader_text(text, transcript_path)
    if source.front_matter and isinstance(meta.data, dict | None):
        # The front matter's title, date, address and description, where the metadata leaves them blank.
        given = meta.data or {}
        meta = YamlFile(meta.path, {**given, **source.front_matter.defaults(given)}, meta.node)
    data = validate(meta, Metadata)
    slug = data.slug or transcript_path.stem  # a `slug:` is checked by the schema, the file name here
    if not SLUG.fullmatch(slug):
        raise SeedError(transcript_path, 1, f"'{slug}' is not a usable slug", SLUG_HELP)
    speakers = {label: Speaker(label, s.name, s.role, s.organization) for label, s in data.speakers.items()}
    interviewers = tuple(data.interviewer)
    announcers = tuple(data.announcer)
    for field, labels in (("interviewer", interviewers), ("announcer", announcers)):
        for label in labels:
            if label not in speakers:
                raise meta.error(
                    (field,), f"{field} '{label}' is not one of the speakers ({', '.join(speakers)})", "use a label listed under `speakers`"
                )
    for announcer in announcers:
        if announcer in interviewers:
            raise meta.error(
                ("announcer",),
                f"'{announcer}' is both interviewer and announcer",
                "an announcer does not ask: keep it in one of the two lists",
            )

    fmt = data.format
    if fmt not in (AUTO, *FORMATS):
        raise meta.error(
            ("format",),
            f"unknown transcript format '{fmt}'",
            "use one of: " + ", ".join((AUTO, *FORMATS)) + " (see docs/guide/editors/formats.md#the-formats)",
        )

    for time, label in data.turns.items():
        if not re.fullmatch(TIME, time):
            raise meta.error(("turns", time), f"turn at '{time}' is not a time", "write it as in the captions, e.g. '00:01:05' (quoted)")
        if label not in speakers:
            raise meta.error(
                ("turns", time), f"turn at {time} names '{label}', not one of the speakers", "use a label listed under `speakers`"
            )
    transcript = parse(
        source.text,
        interview=slug,
        labels=list(speakers),
        interviewers=interviewers,
        path=transcript_path,
        fmt=fmt,
        announcers=announcers,
        names={label: s.name for label, s in speakers.items()},
        recognise_parts=data.recognise_parts,
        split=data.split,
        join=data.join,
        turns_at=data.turns,
    )
    spoken = {t.speaker for e in transcript.exchanges for t in e.turns} | {t.speaker for p in transcript.outside for t in p.turns}
    for label in [] if transcript.one_voice else speakers:
        if label not in spoken:
            raise meta.error(
                ("speakers", label),
                f"speaker '{label}' never speaks in {transcript_path.name}",
                f"check the label (the transcript must have '{label}:' paragraphs) or remove it",
            )
    return Interview(
        slug=slug,
        title=data.title,
        date=data.date,
        source=data.source,
        publication=data.publication,
        series=data.series,
        interviewers=interviewers,
        speakers=speakers,
        transcript=transcript,
        media=data.media,
        announcers=announcers,
        description=data.description,
        tags=clean_tags([*tag_values(data.tags), *tag_values(data.keywords), *(source.front_matter.tags if source.front_matter else ())]),
    )


KINDS = {stat.S_IFDIR: "a folder", stat.S_IFIFO: "a named pipe (FIFO)", stat.S_IFSOCK: "a socket",
         stat.S_IFCHR: "a device", stat.S_IFBLK: "a device"}  # fmt: skip


def require_folder(seeds: Path) -> None:
    """The seeds folder exists, or one line says so."""
    if not seeds.is_dir():
        todo = "create it, or name the folder that holds the transcripts (make site SEEDS=<dir>)"
        raise SeedError(seeds, 1, "the seeds folder does not exist", todo)


def refuse_special_files(seeds: Path) -> None:
    """Only regular files are read: a folder, FIFO, device or socket named like a seed file, or a broken link, is a mistake.

    Checked with `os.stat` before anything is opened: reading a FIFO waits for a
    writer that never comes, and a folder or a link to nothing would be taken for
    a missing file. Every such entry is reported at once.
    """
    errors: list[SeedError] = []
    for entry in sorted(seeds.iterdir()) if seeds.is_dir() else []:
        if entry.suffix not in (*SUFFIXES, ".yml"):
            continue
        belongs = "a metadata file" if entry.suffix == ".yml" else "a transcript file"
        try:
            mode = os.stat(entry).st_mode
        except OSError as error:
            if error.errno == errno.ELOOP:
                errors.append(SeedError(entry, 1, "this file is a symbolic link in a loop (it leads back to itself)",
                                        "replace the link with the file itself, or remove it"))  # fmt: skip
            elif error.errno == errno.ENOENT and entry.is_symlink():
                errors.append(SeedError(entry, 1, f"this file is a symbolic link to nothing ({os.readlink(entry)} does not exist)",
                                        "point the link at the file, copy the file here instead, or remove the link"))  # fmt: skip
            else:
                errors.append(SeedError(entry, 1, f"this file cannot be read ({error.strerror})", "check its permissions"))
            continue
        if not stat.S_ISREG(mode):
            kind = KINDS.get(stat.S_IFMT(mode), "a special file")
            errors.append(SeedError(entry, 1, f"this is {kind}, where {belongs} belongs",
                                    f"replace it with {belongs} (a regular file), or rename or remove it"))  # fmt: skip
    fail(errors)


def refuse_links_outside(seeds: Path) -> None:
    """Nothing outside `seeds/` is read: a symbolic link that leads out of it (to /etc/passwd, say) stops the build."""
    root = seeds.resolve()
    for entry in sorted(seeds.iterdir()) if seeds.is_dir() else []:
        try:
            target = entry.resolve()
        except (OSError, RuntimeError):  # a loop: named like a seed file, `refuse_special_files` said so; else never read
            continue
        if entry.is_symlink() and not target.is_relative_to(root):
            raise SeedError(entry, 1, "this file is a symbolic link to outside the seeds folder", "copy the file into the folder instead")


def read_seeds(
    seeds: Path,
    report: Report = print_warning,
    read_interview: Callable[[Path], Interview] = load_interview,
    topics_path: Path | None = None,
    progress: Callable[[int, int], None] | None = None,
    read_yaml: ReadYaml = read,
) -> Seeds:
    """Everything under `seeds/`, newest interview first; raises every mistake found at once (`errors.fail`) if any stops the reading.

    Each interview is read even when another has a mistake, then the checks across
    interviews (slugs, anchors) and the topics file follow; the topics' anchors are
    checked only when every interview was read. No transcript at all, or a link to
    outside the folder, or a seed file that is no regular file, stops at once. `report` hears of doubtful input (a `report`
    that raises a SeedError adds it to the others); `read_interview` reads one
    transcript and its metadata (the plugin passes a cached one, so a rebuild reads
    only what changed); `topics_path` replaces `seeds/topics.yml` (to measure a
    taxonomy on other interviews); `progress(n, total)` hears of each interview read; `read_yaml`
    reads the series' own YAML files (the plugin passes its session's, plugin/session.py).
    """
    require_folder(seeds)
    refuse_special_files(seeds)
    refuse_links_outside(seeds)
    transcripts = transcript_files(seeds)
    if not transcripts:
        raise SeedError(
            seeds,
            1,
            "no interview transcript (*.txt, *.md, …) found",
            "add <slug>.txt and <slug>.yml (see docs/guide/editors/adding-interviews.md#the-transcript)",
        )
    errors: list[SeedError] = []
    for meta_path in sorted(seeds.glob("*.yml")):
        if meta_path.name not in RESERVED and "." not in meta_path.stem and transcript_of(meta_path) is None:
            others = ", ".join(SUFFIXES[1:-1]) + " or " + SUFFIXES[-1]
            errors.append(
                SeedError(meta_path, 1, "metadata file has no transcript", f"add {meta_path.stem}.txt, {others} beside it, or remove it")
            )
    loaded: dict[str, Path] = {}
    unordered: list[Interview] = []
    for done, path in enumerate(transcripts, start=1):
        reserved = reserved_name(path)
        interview = _collecting(errors, partial(read_interview, path)) if not reserved else None
        errors += [reserved] if reserved else []
        if progress:
            progress(done, len(transcripts))
        if interview is None:
            continue
        for warning in interview.transcript.warnings:
            try:
                report(warning)
            except SeedError as error:  # a strict report: the warning is one more mistake
                errors.append(error)
        if interview.slug in loaded:
            errors.append(slug_clash(interview.slug, path, loaded[interview.slug]))
            continue
        loaded[interview.slug] = path
        unordered.append(interview)
    every_interview_read = len(unordered) == len(transcripts)
    interviews = sorted(unordered, key=lambda i: (i.date, i.slug), reverse=True)
    anchors: dict[str, Interview] = {}
    for interview in interviews:
        for exchange in interview.transcript.exchanges:
            if exchange.anchor in anchors:
                errors.append(
                    SeedError(
                        loaded[interview.slug],
                        exchange.line,
                        f"anchor #{exchange.anchor} is also used in {loaded[anchors[exchange.anchor].slug].name}",
                        "reword this question slightly",
                    )
                )
            else:
                anchors[exchange.anchor] = interview
    topics_path = topics_path or seeds / TOPICS_FILE
    if not topics_path.exists():
        fail([*errors, SeedError(topics_path, 1, "topics file is missing", "create it (see docs/guide/editors/topics.md#the-topics-file)")])
    topics = _collecting(errors, lambda: topics_file.load(topics_path, read_yaml))
    if topics is None or not every_interview_read:
        fail(errors)  # the anchors the topics name cannot be checked against interviews that were not read
        raise AssertionError("a step that failed added its mistake")
    return Seeds(tuple(interviews), topics, topics_path, loaded, tuple(errors))


def slug_clash(slug: str, path: Path, other: Path) -> SeedError:
    """Two interviews with one slug, blamed on the `slug:` line that makes it: this interview's, or else the other's."""
    metas = {transcript: read(transcript.with_suffix(".yml")) for transcript in (path, other)}

    def given(transcript: Path) -> bool:
        data = metas[transcript].data
        return isinstance(data, dict) and bool(data.get("slug"))

    blamed, named = (other, path) if given(other) and not given(path) else (path, other)
    how = "its `slug:`" if given(named) else "its file name"
    todo = (
        "change this `slug:` or remove it, so that each interview has its own slug" if given(blamed) else "give each interview its own slug"
    )
    return metas[blamed].error(("slug",), f"slug '{slug}' is also the slug of {named.name} (from {how})", todo)


T = TypeVar("T")


def _collecting(errors: list[SeedError], step: Callable[[], T]) -> T | None:
    """`step()`, or None with its mistakes added to `errors`."""
    try:
        return step()
    except SeedErrors as several:
        errors.extend(several.errors)
    except SeedError as error:
        errors.append(error)
    return None
