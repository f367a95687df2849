"""Lighthouse scores for the home page and the heaviest topic, person and interview page: `make lighthouse`.

Builds the seeds into a temporary folder with its site URL set to the local
server's address, or takes a site already built (`--site DIR`, `make lighthouse
SITE=DIR`: an archive's, say), serves it on 127.0.0.1 (gzip, as a real host
would), and runs the pinned `lighthouse` npm package (node_modules/, from
package-lock.json) against each page with Debian's Chromium, headless. The
pages are the home page and, of each kind, the largest HTML file: the page of
that kind that costs a reader most. Prints the four category scores
(performance, accessibility, best practices, SEO) per page, then the audits
that cost points. The default is Lighthouse's mobile profile (simulated slow
4G and a slower CPU); --desktop uses its desktop preset. --json DIR keeps the
full reports. Lighthouse's figures depend on the machine's load: the command
prints the load average it ran under.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from scripts.tools import served_site

LIGHTHOUSE = served_site.ROOT / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
PAGES = ["home", "topic", "person", "interview"]
# Where each kind's pages are: `<folder>/<slug>/index.html` (an interview's share pages are a level deeper).
FOLDERS = {"topic": "topics", "person": "people", "interview": "interviews"}


def heaviest(site: Path) -> dict[str, str]:
    """Name → site-relative URL of the home page and of the largest page of each kind that the site has."""
    urls = {"home": ""}
    for name, folder in FOLDERS.items():
        pages = [p for p in (site / folder).glob("*/index.html")]
        if pages:
            largest = max(pages, key=lambda p: (p.stat().st_size, p.as_posix()))
            urls[name] = f"{folder}/{largest.parent.name}/"
    return urls


@contextlib.contextmanager
def served(site: Path | None) -> Iterator[tuple[Path, str]]:
    """The site given, served as it is; or the seeds built for the address they are served at."""
    if site is None:
        with served_site.built_and_served() as found:
            yield found
        return
    if not (site / "index.html").is_file():
        raise SystemExit(f"{site} is not a built site (no index.html): build one with `interview-kb build --site {site}`")
    with served_site.serve(site) as base:
        yield site, base


def run(url: str, desktop: bool) -> dict[str, Any]:
    command = [
        str(LIGHTHOUSE),
        url,
        "--output=json",
        "--output-path=stdout",
        "--quiet",
        "--no-enable-error-reporting",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={' '.join(served_site.CHROMIUM_ARGS)}",
    ]
    if desktop:
        command.append("--preset=desktop")
    env = {**os.environ, "CHROME_PATH": str(served_site.CHROMIUM)}
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if result.returncode:
        raise SystemExit(f"lighthouse failed on {url}:\n{result.stderr[-3000:]}")
    report: dict[str, Any] = json.loads(result.stdout)
    return report


def scores(report: dict[str, Any]) -> dict[str, int | None]:
    return {c: None if report["categories"][c]["score"] is None else round(100 * report["categories"][c]["score"]) for c in CATEGORIES}


def shortfalls(report: dict[str, Any]) -> list[str]:
    """Audits that cost points: weighted, scored below 1 (performance metrics included)."""
    found = []
    for category in CATEGORIES:
        for ref in report["categories"][category]["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                value = f" ({audit['displayValue']})" if audit.get("displayValue") else ""
                found.append(f"{category}: {ref['id']} {round(100 * audit['score'])}{value}")
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.tools.lighthouse_report", description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--desktop", action="store_true", help="Lighthouse's desktop preset instead of its mobile default")
    parser.add_argument("--json", type=Path, metavar="DIR", help="also save each full report as DIR/<page>.json")
    parser.add_argument("--site", type=Path, metavar="DIR", help="a site already built, instead of building the seeds")
    args = parser.parse_args(argv)
    served_site.require_chromium()
    if not LIGHTHOUSE.exists():
        raise SystemExit(f"{LIGHTHOUSE.relative_to(served_site.ROOT)} is missing: run `npm ci` (or `make lighthouse`)")

    rows = []
    loads = []
    with served(args.site) as (site, base):
        urls = heaviest(site)
        for name in [p for p in PAGES if p in urls]:
            loads.append(os.getloadavg()[0])
            report = run(base + urls[name], args.desktop)
            if args.json:
                args.json.mkdir(parents=True, exist_ok=True)
                (args.json / f"{name}.json").write_text(json.dumps(report), encoding="utf-8")
            rows.append((name, urls[name], scores(report), shortfalls(report)))

    profile = "desktop" if args.desktop else "mobile"
    print(f"Lighthouse {profile} scores (0-100), site served on 127.0.0.1 with gzip; load average (1 min) before each run:")
    print(f"{'page':<10} " + " ".join(f"{c:>14}" for c in CATEGORIES))
    for (name, url, figures, _), load in zip(rows, loads, strict=True):
        shown = " ".join(f"{figures[c] if figures[c] is not None else '-':>14}" for c in CATEGORIES)
        print(f"{name:<10} {shown}   load {load:.2f}   /{url}")
    for name, _, _, lost in rows:
        for line in lost:
            print(f"  {name}: {line}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
