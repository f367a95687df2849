"""Load `seeds/`: every interview (transcript + metadata) and the topics, checked."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from scripts.kb import topics as topic_rules
from scripts.kb.errors import Report, SeedError, print_warning
from scripts.kb.seeds.transcript import FORMATS, Exchange, Transcript, decode, parse
from scripts.kb.seeds.yamlfile import URL, editor_date, read
from scripts.kb.topics import Topic

TOPICS_FILE = "topics.yml"
RESERVED = {TOPICS_FILE, "glossary.yml", "entities.yml"}
REQUIRED = ("title", "date", "source", "interviewer", "speakers")
SPEAKER_FIELDS = ("name", "role", "organization")
SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
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
    interviewer: str
    speakers: dict[str, Speaker]
    transcript: Transcript
    media: str = ""  # URL of the recording; timestamps link into it

    @property
    def guests(self) -> list[Speaker]:
        return [s for label, s in self.speakers.items() if label != self.interviewer]


@dataclass(frozen=True)
class KnowledgeBase:
    interviews: tuple[Interview, ...]
    topics: tuple[Topic, ...]
    exchange_topics: dict[str, tuple[str, ...]]

    def exchanges(self) -> list[tuple[Interview, Exchange]]:
        return [(i, e) for i in self.interviews for e in i.transcript.exchanges]

    def topic_exchanges(self, slug: str) -> list[tuple[Interview, Exchange]]:
        return [(i, e) for i, e in self.exchanges() if slug in self.exchange_topics[e.anchor]]


def load_interview(transcript_path: Path) -> Interview:
    meta_path = transcript_path.with_suffix(".yml")
    if not meta_path.exists():
        raise SeedError(meta_path, 1, "metadata file is missing", f"create it beside {transcript_path.name} (see README)")
    meta = read(meta_path)
    data = meta.data
    if not isinstance(data, dict):
        raise meta.error((), "metadata must be a YAML mapping", "write `key: value` lines: " + ", ".join(REQUIRED))
    slug = str(data.get("slug") or transcript_path.stem)
    if not SLUG.fullmatch(slug):
        where = meta_path if "slug" in data else transcript_path
        raise SeedError(where, meta.line("slug") if "slug" in data else 1, f"'{slug}' is not a usable slug", SLUG_HELP)
    for field in REQUIRED:
        if data.get(field) in (None, "", {}):
            raise meta.error((), f"required field `{field}` is missing", f"add `{field}:` (see README)")
    if not URL.fullmatch(str(data["source"])):
        raise meta.error(("source",), f"source '{data['source']}' is not an http(s) URL", "give the address of the original publication")
    date = editor_date(data["date"])
    if date is None:
        raise meta.error(
            ("date",),
            f"date '{data['date']}' is not a real date written YYYY, YYYY-MM or YYYY-MM-DD",
            "write the date as e.g. 2015 or 2015-06",
        )
    speakers_data = data["speakers"]
    if not isinstance(speakers_data, dict):
        raise meta.error(("speakers",), "`speakers` must map each transcript label to name, role, organization", "see README")
    speakers: dict[str, Speaker] = {}
    for label, info in speakers_data.items():
        if not isinstance(info, dict) or not info.get("name"):
            raise meta.error(("speakers", label), f"speaker '{label}' has no `name`", "add name, role and organization under it")
        speakers[str(label)] = Speaker(str(label), str(info["name"]), str(info.get("role") or ""), str(info.get("organization") or ""))
    interviewer = str(data["interviewer"])
    if interviewer not in speakers:
        raise meta.error(
            ("interviewer",),
            f"interviewer '{interviewer}' is not one of the speakers ({', '.join(speakers)})",
            "use a label listed under `speakers`",
        )

    fmt = str(data.get("format") or "colon")
    if fmt not in FORMATS:
        raise meta.error(("format",), f"unknown transcript format '{fmt}'", "use one of: " + ", ".join(FORMATS) + " (see README)")
    media = str(data.get("media") or "")
    if media and not URL.fullmatch(media):
        raise meta.error(("media",), f"media '{media}' is not an http(s) URL", "give the address of the recording, or remove `media`")

    text = decode(transcript_path.read_bytes(), transcript_path)
    transcript = parse(text, interview=slug, labels=list(speakers), interviewer=interviewer, path=transcript_path, fmt=fmt)
    spoken = {t.speaker for e in transcript.exchanges for t in e.turns}
    for label in speakers:
        if label not in spoken:
            raise meta.error(
                ("speakers", label),
                f"speaker '{label}' never speaks in {transcript_path.name}",
                f"check the label (the transcript must have '{label}:' paragraphs) or remove it",
            )
    return Interview(
        slug=slug,
        title=str(data["title"]),
        date=date,
        source=str(data["source"]),
        publication=str(data.get("publication") or ""),
        series=str(data.get("series") or ""),
        interviewer=interviewer,
        speakers=speakers,
        transcript=transcript,
        media=media,
    )


def load(seeds: Path, report: Report = print_warning, read_interview: Callable[[Path], Interview] = load_interview) -> KnowledgeBase:
    """Everything under `seeds/`, newest interview first; raises SeedError on the first mistake.

    `report` hears of doubtful input; `read_interview` reads one transcript and its
    metadata (the plugin passes a cached one, so a rebuild reads only what changed).
    """
    transcripts = sorted(seeds.glob("*.txt"))
    if not transcripts:
        raise SeedError(seeds, 1, "no interview transcript (*.txt) found", "add <slug>.txt and <slug>.yml (see README)")
    for meta_path in sorted(seeds.glob("*.yml")):
        if meta_path.name not in RESERVED and "." not in meta_path.stem and not meta_path.with_suffix(".txt").exists():
            raise SeedError(meta_path, 1, "metadata file has no transcript", f"add {meta_path.stem}.txt beside it, or remove it")
    loaded: dict[str, Path] = {}
    unordered: list[Interview] = []
    for path in transcripts:
        interview = read_interview(path)
        if interview.slug in loaded:
            meta = read(path.with_suffix(".yml"))
            other = loaded[interview.slug].name
            raise meta.error(("slug",), f"slug '{interview.slug}' is also the slug of {other}", "give each interview its own slug")
        loaded[interview.slug] = path
        unordered.append(interview)
    interviews = sorted(unordered, key=lambda i: (i.date, i.slug), reverse=True)
    anchors: dict[str, Interview] = {}
    for interview in interviews:
        for exchange in interview.transcript.exchanges:
            if exchange.anchor in anchors:
                raise SeedError(
                    loaded[interview.slug],
                    exchange.line,
                    f"anchor #{exchange.anchor} is also used in {loaded[anchors[exchange.anchor].slug].name}",
                    "reword this question slightly",
                )
            anchors[exchange.anchor] = interview
    topics_path = seeds / TOPICS_FILE
    if not topics_path.exists():
        raise SeedError(topics_path, 1, "topics file is missing", "create it (see README, 'Topics')")
    topics = topic_rules.load(topics_path)
    exchange_topics = {
        exchange.anchor: tuple(t.slug for t in topics if topic_rules.assign(t, exchange))
        for interview in interviews
        for exchange in interview.transcript.exchanges
    }
    topic_rules.check(topics_path, topics, exchange_topics, report)
    return KnowledgeBase(tuple(interviews), topics, exchange_topics)
