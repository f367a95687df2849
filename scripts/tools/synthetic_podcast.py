"""Write a synthetic podcast archive for benchmarks: `python -m scripts.tools.synthetic_podcast N OUT [--seed S] [--words W]`.

N episodes shaped like an imported podcast archive
(docs/guide/editors/adding-interviews.md#importing-an-archive): `<slug>.md` with
front matter (title, date, url, description, guests) and a `## Transcript` heading, turns written `Name (hh:mm:ss):` on a
line of their own with the text below and `(hh:mm:ss):` where the same speaker
goes on, about W words each (default 15,000, an hour and a half); beside each a
`<slug>.yml` with only `interviewer` and `speakers`; and `topics.yml`, copied
from `seeds/`. Every episode has what the conversation rules recognise
(docs/guide/editors/conversation.md#parts-that-are-not-the-interview): a guest's
soundbite before the host's first turn (a cold open), the host's introduction ("Welcome to …"), one or two
sponsor reads in the host's voice ending "Now, back to my conversation with …",
and closing words ("That's our show …"); and what they keep inside exchanges:
the host's reactions ("Amazing.", "Damn, I knew it.") and back-channel
("Mm-hmm.") as asides, a guest's "Right." while the host sets up a question,
hand-offs between two guests, and a host line asked more than once ("What do
you mean by that?"). Words are drawn from the real transcripts in `seeds/` (as
scripts/tools/synthetic.py draws them); names, shows and sponsors are invented.
The same arguments always give the same files.
"""

from __future__ import annotations

import argparse
import datetime
import json
import random
import shutil
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from scripts.tools.synthetic import ROOT, vocabulary

WORDS = 15_000  # words per episode: about an hour and a half at 160 words a minute
WORDS_PER_SECOND = 2.6
SHOW = "The Long Shift"
HOST = "Wren Okafor"
FIRST_NAMES = [
    *["Ada", "Bruno", "Céline", "Dmitri", "Esme", "Farid", "Gwen", "Hamid", "Ilse", "Joaquín", "Kaito", "Leila", "Milo", "Nadia"],
    *["Oskar", "Priya", "Quentin", "Rosa", "Soren", "Tamsin", "Umar", "Vera", "Wendell", "Xiomara", "Yusuf", "Zofia"],
]
LAST_NAMES = [
    *["Abernathy", "Brännström", "Castellanos", "Delacroix", "Eze", "Fontaine", "Gallagher", "Hargreaves", "Iwasaki", "Jankowski"],
    *["Kettering", "Lindqvist", "Marchetti", "Nakamura", "Oyelaran", "Pellegrino", "Quist", "Rasmussen", "Szabó", "Thorne"],
]
ROLES = ["founder", "researcher", "engineer", "historian", "investor", "physician", "novelist", "economist", "chess coach", "physicist"]
SPONSORS = [
    ("Northwind Cloud", "hosting that scales while you sleep", "northwind.example"),
    ("Brightwater Coffee", "beans roasted the week you order them", "brightwater.example"),
    ("Ledgerly", "bookkeeping for people who hate bookkeeping", "ledgerly.example"),
    ("Quillfeather", "a notebook app that stays out of your way", "quillfeather.example"),
    ("Harbor Mattress", "a mattress you can try for a hundred nights", "harbor.example"),
    ("Kestrel VPN", "a private connection on every network", "kestrel.example"),
]
REACTIONS = [
    *["Amazing.", "Damn, I knew it.", "So interesting.", "Wow.", "That's wild.", "Beautiful.", "Ha. I love that."],
    *["That's fascinating.", "Incredible.", "Oh, man.", "That's so good.", "Huh. I never thought of it that way."],
]
BACK_CHANNEL = ["Mm-hmm.", "Right.", "Yeah.", "Sure.", "Mm.", "Uh-huh."]
REPEATED = "What do you mean by that?"  # the host's line asked again and again
FOLLOW_UPS = ["Why?", "Like what?", "How so?", "What happened then?"]
QUESTION_LEADS = [
    "So how did",
    "What do you think about",
    "Why do you think",
    "How do you think about",
    "What was it like when",
    "Do you think",
    "When did you first notice",
    "What's the hardest part of",
    "Is there a version of this where",
    "How would you explain",
]
REQUESTS = ["Tell me about", "Walk me through", "Talk about", "Can you describe"]
MUSINGS = ["I always thought", "It seems to me that", "There's something about", "I keep coming back to", "The way I see it,"]


def slug_of(number: int, name: str) -> str:
    letters = unicodedata.normalize("NFKD", name.replace("ø", "o").replace("ß", "ss")).encode("ascii", "ignore").decode()
    return f"episode-{number:03d}-" + "-".join(letters.lower().split())


def stamp(seconds: float) -> str:
    whole = int(seconds)
    return f"{whole // 3600:02d}:{whole % 3600 // 60:02d}:{whole % 60:02d}"


@dataclass
class Writer:
    """An episode's transcript being written: turns with their times, and the words so far."""

    rng: random.Random
    words: list[str]
    seconds: float = 0.0
    count: int = 0
    lines: list[str] = field(default_factory=list)
    speaker: str = ""

    def say(self, speaker: str, *paragraphs: str) -> None:
        """A turn, or (the same speaker going on) more paragraphs of it, each timed."""
        for text in paragraphs:
            head = f"({stamp(self.seconds)}):" if speaker == self.speaker else f"{speaker} ({stamp(self.seconds)}):"
            self.lines.append(f"{head}\n{text}")
            self.speaker = speaker
            spoken = len(text.split())
            self.count += spoken
            self.seconds += spoken / WORDS_PER_SECOND + self.rng.uniform(0.5, 2.5)

    def drawn(self, low: int, high: int) -> str:
        return " ".join(self.rng.choice(self.words) for _ in range(self.rng.randint(low, high)))

    def sentence(self, end: str = ".") -> str:
        return self.drawn(8, 22).capitalize() + end

    def paragraph(self, low: int = 2, high: int = 5) -> str:
        return " ".join(self.sentence() for _ in range(self.rng.randint(low, high)))

    def question(self) -> str:
        return f"{self.rng.choice(QUESTION_LEADS)} {self.drawn(5, 16)}?"


@dataclass(frozen=True)
class Episode:
    number: int
    host: str
    guests: tuple[str, ...]
    roles: tuple[str, ...]


def episode_text(rng: random.Random, words: list[str], episode: Episode, target: int) -> str:
    """The transcript (no front matter) of one episode of about `target` words."""
    w = Writer(rng, words)
    host, guests = episode.host, episode.guests
    guest = guests[0]
    first = [g.split()[0] for g in guests]
    # Cold open: a soundbite of the guest, before the host says anything.
    w.say(guest, w.paragraph(2, 4), w.paragraph(1, 3))
    w.seconds += 4
    with_whom = " and ".join(guests)
    w.say(
        host,
        f"Welcome to {SHOW}. I'm {host}, and today my {'guests are' if len(guests) > 1 else 'guest is'} {with_whom}, "
        + " and ".join(f"{'an' if role[0] in 'aeiou' else 'a'} {role}" for role in episode.roles)
        + f". We talk about {w.drawn(4, 9)}, and about {w.drawn(4, 9)}.",
        f"This conversation went places I did not expect, {w.drawn(6, 14)}. Here we go.",
    )
    for name in guests:
        w.say(name, rng.choice(["Thanks for having me.", "Happy to be here.", "Thank you, it's a pleasure."]))
    sponsor_at = sorted(rng.sample(range(15, 85), rng.choice([1, 2])))  # percent of the way through
    sponsors = rng.sample(SPONSORS, len(sponsor_at))
    asked = reads = 0
    closing = max(target - 250, target * 3 // 4)
    while w.count < closing or not reads:  # however short the episode, one sponsor read
        if sponsors and asked and w.count >= closing * sponsor_at[0] // 100:
            reads += 1
            sponsor_at.pop(0)
            name, what, site = sponsors.pop(0)
            w.say(
                host,
                f"This episode is brought to you by {name}, {what}. {w.sentence()} {w.sentence()}",
                f"Go to {site}/longshift to get a month free. That's {site}/longshift. {w.sentence()}",
                f"Now, back to my conversation with {with_whom}.",
            )
        exchange(w, host, guests, first, asked)
        asked += 1
    w.say(host, f"{' and '.join(first)}, thank you so much for doing this. {w.sentence()}")
    for name in guests:
        w.say(name, rng.choice(["Thank you. This was fun.", "Thanks for having me.", "Thank you so much."]))
    w.say(
        host,
        f"Thanks for listening to this conversation with {with_whom}. That's our show. {SHOW} is produced by "
        f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}. See you next week.",
    )
    return "\n\n".join(w.lines) + "\n"


def exchange(w: Writer, host: str, guests: tuple[str, ...], first: list[str], asked: int) -> None:
    """One question and its answer, with the host's reactions and back-channel inside."""
    rng = w.rng
    guest = rng.choice(guests)
    kind = rng.choices(["question", "set-up", "follow-up", "repeated", "request", "musing"], [40, 15, 12, 5, 13, 15])[0]
    if asked == 0:
        kind = "question"
    if kind == "set-up":  # a statement, the guest listening, then the question
        w.say(host, f"{rng.choice(MUSINGS)} {w.drawn(10, 18)}. {w.sentence()}")
        w.say(guest, rng.choice(BACK_CHANNEL))
        w.say(host, w.question())
    elif kind == "follow-up":
        w.say(host, rng.choice(FOLLOW_UPS))
    elif kind == "repeated":
        w.say(host, REPEATED)
    elif kind == "request":
        w.say(host, f"{rng.choice(REQUESTS)} {w.drawn(5, 14)}.")
    elif kind == "musing":  # enough said for the guest to respond to, without a question
        w.say(host, f"{rng.choice(MUSINGS)} {w.drawn(12, 20)}. {w.sentence()}")
    else:
        w.say(host, *([w.sentence(), w.question()] if rng.random() < 0.4 else [w.question()]))
    short = kind in ("follow-up", "repeated")
    for turn in range(rng.randint(1, 2) if short else rng.choices([1, 2, 3, 4], [20, 35, 30, 15])[0]):
        if turn:
            if len(guests) > 1 and rng.random() < 0.3:  # a hand-off to the other guest
                guest = next(g for g in guests if g != guest)
                w.say(host, rng.choice([f"And you, {guest.split()[0]}?", f"What about you, {guest.split()[0]}?"]))
            else:
                w.say(host, rng.choice(REACTIONS) if rng.random() < 0.65 else rng.choice(BACK_CHANNEL))
        paragraphs = rng.randint(1, 2) if short else rng.choices([1, 2, 3], [38, 42, 20])[0]
        w.say(guest, *(w.paragraph() for _ in range(paragraphs)))


def metadata(episode: Episode) -> str:
    lines = [f"# Metadata for {slug_of(episode.number, episode.guests[0])}.md: title, date and source are in its front matter."]
    lines += [f"interviewer: {episode.host}", "speakers:"]
    lines += [f"  {name}: {{name: {json.dumps(name, ensure_ascii=False)}}}" for name in (episode.host, *episode.guests)]
    return "\n".join(lines) + "\n"


def front_matter(rng: random.Random, words: list[str], episode: Episode) -> str:
    day = datetime.date(2019, 1, 7) + datetime.timedelta(days=7 * (episode.number - 1))
    about = " ".join(rng.choice(words) for _ in range(rng.randint(3, 6)))
    title = f"#{episode.number} – {' & '.join(episode.guests)}: {about.capitalize()}"
    description = f"{' and '.join(episode.guests)} on {' '.join(rng.choice(words) for _ in range(12))}."
    lines = [
        "---",
        f"title: {json.dumps(title, ensure_ascii=False)}",
        f"date: {day.isoformat()}",
        f"url: https://example.com/podcast/{episode.number}",
        f"description: {json.dumps(description, ensure_ascii=False)}",
        "guests:",
        *(
            f"  - name: {json.dumps(name, ensure_ascii=False)}\n    role: {json.dumps(role.capitalize())}"
            for name, role in zip(episode.guests, episode.roles, strict=True)
        ),
        "layout: episode",
        "---",
        "",
        f"# {title}",
        "",
        "## Transcript",
        "",
    ]
    return "\n".join(lines) + "\n"


def write_archive(count: int, out: Path, seed: int = 1, words_per_episode: int = WORDS) -> Path:
    """Replace `out` with `count` synthetic episodes and a copy of seeds/topics.yml."""
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    shutil.copy(ROOT / "seeds" / "topics.yml", out / "topics.yml")
    rng = random.Random(seed)
    words = vocabulary()
    for number in range(1, count + 1):
        guests = 2 if rng.random() < 0.1 else 1
        names: list[str] = []
        while len(names) < guests:
            name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
            if name not in names and name.split()[0] not in {n.split()[0] for n in names}:
                names.append(name)
        episode = Episode(number, HOST, tuple(names), tuple(rng.choice(ROLES) for _ in names))
        slug = slug_of(number, names[0])
        text = front_matter(rng, words, episode) + episode_text(rng, words, episode, words_per_episode)
        (out / f"{slug}.md").write_text(text, encoding="utf-8")
        (out / f"{slug}.yml").write_text(metadata(episode), encoding="utf-8")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m scripts.tools.synthetic_podcast", description=(__doc__ or "").splitlines()[0])
    parser.add_argument("count", type=int, help="episodes")
    parser.add_argument("out", type=Path, help="folder to write (replaced)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--words", type=int, default=WORDS, help=f"words per episode (default: {WORDS:,})")
    args = parser.parse_args()
    write_archive(args.count, args.out, args.seed, args.words)
    print(f"wrote {args.count} episodes to {args.out}")


if __name__ == "__main__":
    main()
