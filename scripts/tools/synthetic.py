"""Write a synthetic interview series for benchmarks: `python -m scripts.tools.synthetic N OUT [--seed S] [--exchanges E]`.

The series is a copy of `seeds/` topped up to N interviews with synthetic ones
the size of the first real one (16 exchanges, about 3,000 words), with words
drawn from the real transcripts so that topics and search behave as on real
text. With `--exchanges E`, the added interviews have E questions and answers
and a closing thanks, E + 1 exchanges (the benchmark's largest single
interview is `synthetic 2 OUT --exchanges 9999`).
The same arguments always give the same files.
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
from pathlib import Path

from interview_kb.reading.markdown_source import transcript_files

ROOT = Path(__file__).resolve().parents[2]
FIRST_NAMES = ["Ana", "Bjørn", "Chen", "Dara", "Émile", "Femi", "Greta", "Hiro", "Ines", "Jonas", "Kofi", "Lena", "Mateo", "Noor"]
LAST_NAMES = ["Ahmed", "Berg", "Costa", "Dubois", "Eriksen", "Fischer", "García", "Haddad", "Ito", "Jovanović", "Kowalski", "Lund"]
ORGANIZATIONS = ["Metaswitch", "ADVA Optical Networking", "Nordlys Telecom", "Example Networks", "Acme Carrier", "Fibre & Co"]
EXCHANGES = 16


def vocabulary() -> list[str]:
    words: list[str] = []
    for transcript in transcript_files(ROOT / "seeds"):
        words += re.findall(r"[A-Za-z][A-Za-z'’-]*", transcript.read_text(encoding="utf-8"))
    return words


def sentence(rng: random.Random, words: list[str], end: str = ".") -> str:
    chosen = [rng.choice(words) for _ in range(rng.randint(8, 22))]
    return " ".join(chosen).capitalize() + end


def paragraph(rng: random.Random, words: list[str], sentences: int, end: str = ".") -> str:
    return " ".join(sentence(rng, words, end if i == sentences - 1 else ".") for i in range(sentences))


def interview(rng: random.Random, words: list[str], number: int, exchanges: int = EXCHANGES) -> tuple[str, str]:
    """(transcript, metadata) for interview `number`."""
    host, guest = f"Host{number}", f"Guest{number}"
    lines = [f"Editor's note: synthetic interview {number}. " + paragraph(rng, words, 2)]
    for index in range(exchanges):
        lines.append(f"{host}: Question {index + 1}. " + paragraph(rng, words, rng.randint(1, 2), "?"))
        answer = [paragraph(rng, words, rng.randint(2, 5)) for _ in range(rng.randint(2, 4))]
        lines.append(f"{guest}: " + answer[0])
        lines += answer[1:]
    lines.append(f"{host}: Thank you, and goodbye number {number}.")
    year = 2000 + number % 25
    meta = "\n".join(
        [
            f'title: "Synthetic interview {number}: {rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"',
            f"date: {year}-{1 + number % 12:02d}",
            f"source: https://example.com/interviews/{number}",
            f"interviewer: {host}",
            "speakers:",
            f"  {host}: {{name: {rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}, role: Host, organization: Example Networks}}",
            f"  {guest}: {{name: {rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}, role: CTO, "
            f'organization: "{rng.choice(ORGANIZATIONS)}"}}',
        ]
    )
    return "\n\n".join(lines) + "\n", meta + "\n"


def write_series(count: int, out: Path, seed: int = 1, exchanges: int = EXCHANGES) -> Path:
    """Replace `out` with a copy of `seeds/` (the real interviews and editorial YAML) topped up to `count` interviews."""
    shutil.rmtree(out, ignore_errors=True)
    shutil.copytree(ROOT / "seeds", out)
    rng = random.Random(seed)
    words = vocabulary()
    real = len(transcript_files(out))
    for number in range(1, count - real + 1):
        transcript, meta = interview(rng, words, number, exchanges)
        (out / f"synthetic-{number:04d}.txt").write_text(transcript, encoding="utf-8")
        (out / f"synthetic-{number:04d}.yml").write_text(meta, encoding="utf-8")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m scripts.tools.synthetic", description=(__doc__ or "").splitlines()[0])
    parser.add_argument("count", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--exchanges", type=int, default=EXCHANGES, help=f"questions and answers per interview (default: {EXCHANGES})")
    args = parser.parse_args()
    write_series(args.count, args.out, args.seed, args.exchanges)
    print(f"wrote {args.count} interviews to {args.out}")


if __name__ == "__main__":
    main()
