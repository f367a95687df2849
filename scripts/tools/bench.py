"""Benchmark the generator and the site at growing series sizes: `python -m scripts.tools.bench [N ...]`.

For each N (default 1 10 100 1000) it writes a synthetic series
(scripts/tools/synthetic.py), then measures:

- generation: reading seeds, rendering and writing every page, in this process (median of 3 for N ≤ 100);
- build: the full build (`interview-kb build`, as `make site` runs it) in a child process, wall time
  (median of `--builds`);
- peak RSS of that build (its largest process: at a thousand interviews, Pagefind's);
- site size and the heaviest topic page (gzip);
- indexing: what the search index adds to the build, as a share of it: the build's
  time less that of the same build without the index (`KB_SEARCH_INDEX=false`).
  The index is written while MkDocs renders the pages, so its own time (its log
  line) is longer than what it costs;
- search index size (Pagefind's folder);
- search in Chromium (scripts/tools/search_timing.py, unless --no-browser): the
  bytes search adds to a page load and those transferred up to the first
  results of a cold query, as the server sent them (gzip), and the time to the
  first results of a cold query (fresh browser context) and of a warm one
  (second query in the page), median of three; the same for queries with a
  typo, which load parts of the vocabulary (whose size gzip is listed too);
- live reload (up to --live-reload-max interviews): seconds from saving an edited
  transcript to the reloaded page under `mkdocs serve --dirty` (scripts/tools/live_reload.py).

With `--large E ...` it also builds, for each E, the seeds plus one synthetic
interview of E exchanges, and prints the build time per 1,000 exchanges (flat
when the cost of one page is linear in its size).

With `--podcast N` it also builds, once, a synthetic podcast archive of N
episodes of about 15,000 words (scripts/tools/synthetic_podcast.py) and prints
its episodes, words, exchanges, asides and recognised parts (from the export), the
build time (wall, and the CPU time of all its processes, which a busy machine
changes less), the peak memory of the build's whole process tree (the sum of
its processes' RSS, sampled every 0.1 s; and its largest process), the site's
kb.json's and the largest interview file's sizes, its largest pages, and the
heaviest person and topic pages (a topic page shows its newest exchanges in
full and links the rest, so it stays bounded as the archive grows). Beside
it, the same text as a plain site (`plain_site`: each transcript's Markdown
download as one page of a bare Material site, then Pagefind over its HTML), and
the ratios of time and peak memory; with `--podcast-live-reload E`, the live
reload at that size (median of E edits). `--podcast-seeds DIR` builds a seeds
folder (a real archive, copied) instead of the synthetic one.

It prints the tables and writes them as JSON to build/bench.json.
"""

from __future__ import annotations

import argparse
import collections
import gzip
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

from interview_kb.commands import generate
from interview_kb.outputs import budget, kb_json

from scripts.tools import builds, live_reload, search_timing
from scripts.tools.synthetic import write_series
from scripts.tools.synthetic_podcast import write_archive

ROOT = Path(__file__).resolve().parents[2]


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def generation_seconds(seeds_dir: Path, out: Path, repeat: int) -> float:
    """Median time of `interview-kb generate`'s work (read seeds, render and write pages), in process."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        generate.generate(seeds_dir, out)  # a mistake in the seeds stops the benchmark with its lines
        times.append(time.perf_counter() - start)
    return statistics.median(times)


INDEXING = re.compile(r"search index: \d+ records in ([\d.]+) s")


def build_command(seeds_dir: Path, site: Path, search_index: bool = True) -> dict[str, Any]:
    """The keywords of `subprocess.run` or `Popen` for one build, as the benchmark runs it (warnings do not stop it)."""
    command = ("interview_kb", "build", "--seeds", str(seeds_dir), "--site", str(site), "--verbose")
    return builds.process(*command, env={"KB_STRICT": "false", "KB_SEARCH_INDEX": str(search_index).lower()})


def build_once(seeds_dir: Path, site: Path, search_index: bool = True) -> tuple[float, int, float]:
    """Wall seconds, peak RSS (bytes) and the search index's own seconds (its log line; 0 without it) of one build in a child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    result = subprocess.run(
        **build_command(seeds_dir, site, search_index),
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"build failed for {seeds_dir}:\n{result.stderr}")
    peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    indexing = INDEXING.search(result.stderr)
    if not search_index:
        return seconds, max(peak_kib, before) * 1024, 0.0
    if not indexing:
        raise SystemExit(f"the build of {seeds_dir} did not log its search index time:\n{result.stderr[-2000:]}")
    # ru_maxrss of children is the largest child so far; sizes only grow, so it is this build's peak.
    return seconds, max(peak_kib, before) * 1024, float(indexing.group(1))


def gzip_bytes(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=6, mtime=0))


def weight(site: Path, largest: int = 5) -> dict[str, Any]:
    """The site's weight by kind of file (MB), what its interview pages weigh per exchange (bytes), its largest files
    (KB), the home page's and the heaviest person page's (KB), and how many files break the budget
    (scripts/interview_kb/outputs/budget.py)."""
    files = sorted(budget.files(site), key=lambda found: (-found[1], found[0]))
    people = [n for path, n in files if path.startswith("people/") and path.endswith(".html") and path != "people/index.html"]
    weights = budget.weights(site)
    exchanges = sum(
        len(json.loads((site / i["data"]).read_text(encoding="utf-8"))["exchanges"])
        for i in json.loads((site / "kb.json").read_text(encoding="utf-8"))["interviews"]
    )
    topics = [path for path, _ in files if path.startswith("topics/") and path.endswith("/index.html")]
    heaviest_topic = topics[0] if topics else None  # `files` is heaviest first
    return {
        "weights_mb": {kind: round(number / budget.MB, 1) for kind, number in weights.items()},
        "interview_page_bytes_per_exchange": round(weights["interview pages"] / exchanges) if exchanges else 0,
        "largest_files_kb": {relative: round(number / budget.KB, 1) for relative, number in files[:largest]},
        "home_kb": round((site / "index.html").stat().st_size / budget.KB, 1),
        "home_kb_gzip": round(gzip_bytes(site / "index.html") / budget.KB, 1),
        "person_page_kb": round(max(people, default=0) / budget.KB, 1),
        "topic_page": heaviest_topic or "-",
        "topic_page_kb": round((site / heaviest_topic).stat().st_size / budget.KB, 1) if heaviest_topic else 0.0,
        "topic_page_kb_gzip": round(gzip_bytes(site / heaviest_topic) / budget.KB, 1) if heaviest_topic else 0.0,
        "over_budget": len(budget.over_budget(site)),
    }


def measure(count: int, work: Path, live_reload_max: int = 100, browser: bool = True, builds: int = 1) -> dict[str, Any]:
    seeds_dir = write_series(count, work / f"seeds-{count}")
    generation = generation_seconds(seeds_dir, work / f"generated-{count}", 3 if count <= 100 else 1)
    site = work / f"site-{count}"
    with_index: list[tuple[float, int, float]] = []
    without_index: list[float] = []
    for number in range(builds):  # alternately, in turn first, so that neither always meets colder caches
        for indexed in (False, True) if number % 2 == 0 else (True, False):
            if indexed:
                with_index.append(build_once(seeds_dir, site))
            else:
                without_index.append(build_once(seeds_dir, work / f"site-{count}-without-index", search_index=False)[0])
                shutil.rmtree(work / f"site-{count}-without-index", ignore_errors=True)
    build_seconds = statistics.median(seconds for seconds, _, _ in with_index)
    peak_rss = max(rss for _, rss, _ in with_index)
    indexing = statistics.median(own for _, _, own in with_index)
    timing = search_timing.measure(site) if browser else None
    typo = search_timing.measure(site, 3, search_timing.TYPO_COLD_QUERY, search_timing.TYPO_WARM_QUERY) if browser else None
    return {
        "interviews": count,
        "generation_s": round(generation, 3),
        "build_s": round(build_seconds, 2),
        "generation_share": round(generation / build_seconds, 3),
        "peak_rss_mb": round(peak_rss / 2**20, 1),
        "indexing_s": round(indexing, 2),
        "build_without_index_s": round(statistics.median(without_index), 2),
        "indexing_share": round((build_seconds - statistics.median(without_index)) / build_seconds, 3),
        "site_mb": round(folder_bytes(site) / budget.MB, 1),
        "search_index_kb": round(folder_bytes(site / "pagefind") / 1024, 1),
        "search_page_load_kb_gzip": round(timing.page_load_kb, 1) if timing else "-",
        "first_query_kb_gzip": round(timing.first_query_kb, 1) if timing else "-",
        "cold_query_ms": round(timing.cold_ms) if timing else "-",
        "warm_query_ms": round(timing.warm_ms) if timing else "-",
        "vocabulary_kb_gzip": round(sum(gzip_bytes(p) for p in site.glob("pagefind/kb-words/*.json")) / 1024, 1),
        "typo_first_query_kb_gzip": round(typo.first_query_kb, 1) if typo else "-",
        "typo_cold_query_ms": round(typo.cold_ms) if typo else "-",
        "typo_warm_query_ms": round(typo.warm_ms) if typo else "-",
        "live_reload_s": round(live_reload.measure(seeds_dir), 2) if count <= live_reload_max else "-",
        **weight(site),
    }


COLUMNS = [
    ("interviews", "N"),
    ("generation_s", "generation s"),
    ("build_s", "build s"),
    ("generation_share", "gen/build"),
    ("peak_rss_mb", "peak RSS MB"),
    ("indexing_share", "index/build"),
    ("site_mb", "site MB"),
    ("topic_page_kb_gzip", "topic page KB gz"),
    ("search_index_kb", "index KB"),
    ("search_page_load_kb_gzip", "search/page KB gz"),
    ("first_query_kb_gzip", "1st query KB gz"),
    ("cold_query_ms", "cold ms"),
    ("warm_query_ms", "warm ms"),
    ("vocabulary_kb_gzip", "vocabulary KB gz"),
    ("typo_first_query_kb_gzip", "typo 1st query KB gz"),
    ("typo_cold_query_ms", "typo cold ms"),
    ("typo_warm_query_ms", "typo warm ms"),
    ("live_reload_s", "live reload s"),
]
WEIGHT_COLUMNS = [
    ("interviews", "N"),
    *((kind, f"{kind} MB") for kind in budget.KIND_ORDER),
    ("site_mb", "site MB"),
    ("home_kb", "home KB"),
    ("interview_page_bytes_per_exchange", "interview page bytes per exchange"),
    ("home_kb_gzip", "home KB gz"),
    ("person_page_kb", "largest person page KB"),
    ("over_budget", "over budget"),
]


def weight_rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One row per size: its weights by kind beside its totals, for `table`."""
    return [{**row, **row["weights_mb"]} for row in rows]


def largest_files(rows: list[dict[str, Any]], key: str = "interviews") -> str:
    return "\n".join(f"{row[key]}: " + ", ".join(f"{path} {kb:,} KB" for path, kb in row["largest_files_kb"].items()) for row in rows)


def measure_large(exchanges: int, work: Path) -> dict[str, float | int | str]:
    """One build of the seeds plus a synthetic interview of `exchanges` exchanges (one page)."""
    # `exchanges - 1` questions and answers, then the closing thanks: `exchanges` in all.
    seeds_dir = write_series(2, work / f"seeds-large-{exchanges}", exchanges=exchanges - 1)
    transcript_bytes = sum(p.stat().st_size for p in seeds_dir.glob("synthetic-*.txt"))
    build_seconds, peak_rss, _ = build_once(seeds_dir, work / f"site-large-{exchanges}")
    shutil.rmtree(work / f"site-large-{exchanges}", ignore_errors=True)
    return {
        "exchanges": exchanges,
        "transcript_mb": round(transcript_bytes / 2**20, 1),
        "build_s": round(build_seconds, 1),
        "s_per_1000_exchanges": round(build_seconds * 1000 / exchanges, 2),
        "peak_rss_mb": round(peak_rss / 2**20, 1),
    }


LARGE_COLUMNS = [
    ("exchanges", "exchanges"),
    ("transcript_mb", "transcript MB"),
    ("build_s", "build s"),
    ("s_per_1000_exchanges", "s per 1,000 exchanges"),
    ("peak_rss_mb", "peak RSS MB"),
]


def tree_rss(root: int) -> tuple[int, int]:
    """(sum, largest) RSS in bytes of process `root` and its descendants, read from /proc (Linux); (0, 0) elsewhere."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    page = os.sysconf("SC_PAGE_SIZE")
    try:
        entries = [e.name for e in os.scandir("/proc") if e.name.isdigit()]
    except OSError:
        return 0, 0
    for name in entries:
        try:
            with open(f"/proc/{name}/stat", encoding="utf-8", errors="replace") as file:
                stat = file.read()
        except OSError:  # gone since the listing
            continue
        fields = stat[stat.rfind(")") + 2 :].split()  # after the command name, which may hold spaces
        parents[int(name)] = int(fields[1])
        rss[int(name)] = int(fields[21]) * page
    tree, queue = {root}, [root]
    while queue:
        pid = queue.pop()
        for child, parent in parents.items():
            if parent == pid and child not in tree:
                tree.add(child)
                queue.append(child)
    sizes = [rss.get(pid, 0) for pid in tree]
    return sum(sizes), max(sizes, default=0)


def run_sampled(keywords: dict[str, Any], log: Path) -> tuple[float, float, int, int]:
    """Wall and CPU seconds (user and system, of every process), peak RSS of the whole process tree and of its largest
    process (bytes, sampled every 0.1 s) of one command (`builds.process`' keywords), its output written to `log`."""
    peak_tree = peak_process = 0
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    with log.open("w", encoding="utf-8") as out:
        start = time.perf_counter()
        process = subprocess.Popen(**keywords, stdout=out, stderr=subprocess.STDOUT)
        while process.poll() is None:
            total, largest = tree_rss(process.pid)
            peak_tree, peak_process = max(peak_tree, total), max(peak_process, largest)
            time.sleep(0.1)
        seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)  # the build and the processes it waited for
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(keywords['args'])} failed:\n{log.read_text(encoding='utf-8', errors='replace')[-4000:]}")
    return seconds, cpu, peak_tree, peak_process


def build_sampled(seeds_dir: Path, site: Path, work: Path) -> tuple[float, float, int, int, str]:
    """`run_sampled` for one build of `seeds_dir`, and its log."""
    log = work / "podcast-build.log"
    seconds, cpu, peak_tree, peak_process = run_sampled(build_command(seeds_dir, site), log)
    return seconds, cpu, peak_tree, peak_process, log.read_text(encoding="utf-8", errors="replace")


PLAIN_CONFIG = """site_name: The same text, plain
theme:
  name: material
plugins: []
"""


def plain_site(site: Path, work: Path) -> dict[str, float]:
    """Build the same text as a plain site, for comparison: each interview's transcript (the Markdown download of the built
    `site`, `downloads/<slug>.md.gz` uncompressed) as one page of a bare Material site, its nav listing them, then Pagefind over its HTML.

    Seconds (wall and CPU) and peak RSS of the process tree (MkDocs' or Pagefind's, the larger) of the two steps together.
    """
    folder = work / "plain"
    shutil.rmtree(folder, ignore_errors=True)
    docs = folder / "docs"
    (docs / "interviews").mkdir(parents=True)
    for transcript in sorted((site / "downloads").glob("*.md.gz")):
        (docs / "interviews" / transcript.stem).write_bytes(gzip.decompress(transcript.read_bytes()))
    (docs / "index.md").write_text("# The same text, plain\n", encoding="utf-8")
    (folder / "mkdocs.yml").write_text(PLAIN_CONFIG, encoding="utf-8")
    built = run_sampled(builds.process("mkdocs", "build", "--quiet", "-f", str(folder / "mkdocs.yml")), work / "plain-build.log")
    pagefind = [str(ROOT / "node_modules" / ".bin" / "pagefind"), "--site", str(folder / "site"), "--silent"]
    indexed = run_sampled({"args": pagefind, "cwd": folder}, work / "plain-pagefind.log")
    return {
        "plain_s": round(built[0] + indexed[0], 1),
        "plain_cpu_s": round(built[1] + indexed[1], 1),
        "plain_peak_rss_mb": round(max(built[2], indexed[2]) / 2**20, 1),
        "plain_pages": len(list(docs.rglob("*.md"))),
    }


def measure_podcast(
    count: int, work: Path, largest_pages: int = 5, seeds: Path | None = None, live_reload_edits: int = 0
) -> dict[str, object]:
    """One build of a synthetic podcast archive of `count` episodes (or of the seeds folder `seeds`, copied), with what
    kb.json says it holds, the plain site of the same text (`plain_site`) and, with `live_reload_edits`, live reload."""
    start = time.perf_counter()
    if seeds is None:
        seeds_dir = write_archive(count, work / f"podcast-{count}")
    else:
        seeds_dir = work / "podcast-seeds"
        shutil.copytree(seeds, seeds_dir)
    written = time.perf_counter() - start
    site = work / f"site-podcast-{count}"
    seconds, cpu, peak_tree, peak_process, log = build_sampled(seeds_dir, site, work)
    plain = plain_site(site, work)
    kb = kb_json.whole(site)
    exchanges = kb["exchanges"]
    parts = [part for interview in kb["interviews"] for part in interview.get("outside", [])]
    spoken = [t["text"] for e in exchanges for t in e["turns"]] + [t["text"] for part in parts for t in part["turns"]]
    pages = sorted(((p.stat().st_size, p) for p in site.rglob("*.html")), key=lambda found: (-found[0], str(found[1])))
    indexing = INDEXING.search(log)
    row: dict[str, object] = {
        "episodes": len(kb["interviews"]),
        "words": sum(len(text.split()) for text in spoken),
        "exchanges": len(exchanges),
        "answered": sum(1 for e in exchanges if e["answer"] is not None),
        "asides": sum(1 for e in exchanges for t in e["turns"] if t["aside"]),
        "parts": dict(sorted(collections.Counter(part["what"] for part in parts).items())),
        "archive_written_s": round(written, 1),
        "build_s": round(seconds, 1),
        "build_cpu_s": round(cpu, 1),
        "search_index_s": float(indexing.group(1)) if indexing else "-",
        "peak_rss_tree_mb": round(peak_tree / 2**20, 1),
        "peak_rss_largest_process_mb": round(peak_process / 2**20, 1),
        "site_mb": round(folder_bytes(site) / budget.MB, 1),
        "kb_json_mb": round((site / "kb.json").stat().st_size / budget.MB, 1),
        "interview_data_mb": round(max(p.stat().st_size for p in (site / "kb").glob("*.json")) / budget.MB, 1),
        "largest_pages_kb": {str(p.relative_to(site)): round(size / 1024, 1) for size, p in pages[:largest_pages]},
        **weight(site),
        **plain,
        "time_ratio": round(seconds / plain["plain_s"], 2),
        "memory_ratio": round(peak_tree / 2**20 / plain["plain_peak_rss_mb"], 2),
        "live_reload_s": round(live_reload.measure(seeds_dir, live_reload_edits), 2) if live_reload_edits else "-",
    }
    shutil.rmtree(site, ignore_errors=True)
    return row


PODCAST_ROWS = [
    ("episodes", "episodes"),
    ("words", "words"),
    ("exchanges", "exchanges"),
    ("answered", "answered"),
    ("asides", "asides (reactions, back-channel, hand-offs)"),
    ("parts", "recognised parts"),
    ("archive_written_s", "archive written in s"),
    ("build_s", "build s"),
    ("build_cpu_s", "build CPU s (user + system)"),
    ("search_index_s", "search index s (its log line)"),
    ("peak_rss_tree_mb", "peak RSS MB, process tree"),
    ("peak_rss_largest_process_mb", "peak RSS MB, largest process"),
    ("site_mb", "site MB"),
    ("kb_json_mb", "kb.json MB"),
    ("interview_data_mb", "largest kb/<slug>.json MB"),
    ("largest_pages_kb", "largest pages KB"),
    ("weights_mb", "weight by kind MB"),
    ("largest_files_kb", "largest files KB"),
    ("interview_page_bytes_per_exchange", "interview page bytes per exchange"),
    ("home_kb", "home page KB"),
    ("person_page_kb", "largest person page KB"),
    ("topic_page", "largest topic page"),
    ("topic_page_kb", "largest topic page KB"),
    ("topic_page_kb_gzip", "largest topic page KB gzip"),
    ("over_budget", "files over budget"),
    ("plain_pages", "plain site: pages (bare Material, one per transcript)"),
    ("plain_s", "plain site: build + Pagefind s"),
    ("plain_cpu_s", "plain site: CPU s"),
    ("plain_peak_rss_mb", "plain site: peak RSS MB, process tree"),
    ("time_ratio", "build s / plain site s"),
    ("memory_ratio", "peak RSS / plain site's"),
    ("live_reload_s", "live reload s (median of --podcast-live-reload edits)"),
]


def podcast_table(row: dict[str, object]) -> str:
    def shown(value: object) -> str:
        if isinstance(value, dict):
            return ", ".join(f"{key} {number:,}" if isinstance(number, int) else f"{key} {number}" for key, number in value.items())
        return f"{value:,}" if isinstance(value, int) else str(value)

    width = max(len(title) for _, title in PODCAST_ROWS)
    return "\n".join(f"{title.ljust(width)}  {shown(row[key])}" for key, title in PODCAST_ROWS)


def table(rows: list[dict[str, Any]], columns: list[tuple[str, str]] = COLUMNS) -> str:
    widths = [max(len(title), *(len(str(r[key])) for r in rows)) for key, title in columns]
    lines = ["  ".join(title.rjust(w) for (_, title), w in zip(columns, widths, strict=True))]
    lines += ["  ".join(str(r[key]).rjust(w) for (key, _), w in zip(columns, widths, strict=True)) for r in rows]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m scripts.tools.bench", description=(__doc__ or "").splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, help="series sizes (default: 1 10 100 1000, or none with --large)")
    parser.add_argument("--json", type=Path, default=ROOT / "build" / "bench.json")
    parser.add_argument("--live-reload-max", type=int, default=100, help="time live reload up to this size (default: 100)")
    parser.add_argument("--large", type=int, nargs="*", default=[], metavar="E", help="also build one interview of E exchanges")
    parser.add_argument("--no-browser", action="store_true", help="leave out the search figures measured in Chromium")
    parser.add_argument("--podcast", type=int, default=0, metavar="N", help="also build a synthetic podcast archive of N episodes")
    parser.add_argument("--podcast-seeds", type=Path, metavar="DIR", help="with --podcast: build this seeds folder (copied) instead")
    parser.add_argument("--podcast-live-reload", type=int, default=0, metavar="E", help="with --podcast: time live reload, E edits")
    parser.add_argument("--builds", type=int, default=1, help="builds with and without the search index, each (median; default: 1)")
    args = parser.parse_args()
    if args.builds < 1:
        parser.error("--builds must be 1 or more")
    if args.podcast < 0:
        parser.error("--podcast must be 0 (none) or more episodes")
    sizes = args.sizes or ([] if args.large or args.podcast else [1, 10, 100, 1000])
    rows: list[dict[str, Any]] = []
    large: list[dict[str, float | int | str]] = []
    podcast: dict[str, object] = {}
    with tempfile.TemporaryDirectory(prefix="kb-bench-") as work:
        for count in sizes:
            rows.append(measure(count, Path(work), args.live_reload_max, not args.no_browser, args.builds))
            print(table(rows).splitlines()[-1] if len(rows) > 1 else table(rows), flush=True)
        for exchanges in args.large:
            large.append(measure_large(exchanges, Path(work)))
            print(table(large, LARGE_COLUMNS).splitlines()[-1] if len(large) > 1 else table(large, LARGE_COLUMNS), flush=True)
        if args.podcast:
            podcast = measure_podcast(args.podcast, Path(work), seeds=args.podcast_seeds, live_reload_edits=args.podcast_live_reload)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    figures = {"series": rows, "large_interview": large, "podcast_archive": podcast}
    args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    for title, done, columns in (("Series", rows, COLUMNS), ("One large interview", large, LARGE_COLUMNS)):
        if done:
            print(f"\n{title}\n{table(done, columns)}")
    if rows:
        print(f"\nWeight by kind of file\n{table(weight_rows(rows), WEIGHT_COLUMNS)}\n\nLargest files\n{largest_files(rows)}")
    if podcast:
        print(f"\nPodcast archive\n{podcast_table(podcast)}")
    print(f"\nwritten to {args.json}")


if __name__ == "__main__":
    main()
