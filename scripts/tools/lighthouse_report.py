"""Lighthouse scores for the home, a topic and the interview page: `make lighthouse` (python -m scripts.tools.lighthouse_report).

Builds the site into a temporary folder with its site URL set to the local
server's address, serves it on 127.0.0.1 (gzip, as a real host would), and
runs the pinned `lighthouse` npm package (node_modules/, from package-lock.json)
against each page with Debian's Chromium, headless. Prints the four category
scores (performance, accessibility, best practices, SEO) per page. The default
is Lighthouse's mobile profile (simulated slow 4G and a slower CPU); --desktop
uses its desktop preset. --json DIR keeps the full reports.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
from pathlib import Path
from typing import Any

from scripts.tools import served_site
from scripts.tools.screenshots import views

LIGHTHOUSE = served_site.ROOT / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
PAGES = ["home", "topic", "interview"]


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
    args = parser.parse_args(argv)
    served_site.require_chromium()
    if not LIGHTHOUSE.exists():
        raise SystemExit(f"{LIGHTHOUSE.relative_to(served_site.ROOT)} is missing: run `npm ci` (or `make lighthouse`)")

    rows = []
    with served_site.built_and_served() as (site, base):
        urls = views(site)
        for name in PAGES:
            report = run(base + urls[name], args.desktop)
            if args.json:
                args.json.mkdir(parents=True, exist_ok=True)
                (args.json / f"{name}.json").write_text(json.dumps(report), encoding="utf-8")
            rows.append((name, urls[name], scores(report), shortfalls(report)))

    profile = "desktop" if args.desktop else "mobile"
    print(f"Lighthouse {profile} scores (0-100), site served on 127.0.0.1 with gzip:")
    print(f"{'page':<10} " + " ".join(f"{c:>14}" for c in CATEGORIES))
    for name, url, figures, _ in rows:
        print(f"{name:<10} " + " ".join(f"{figures[c] if figures[c] is not None else '-':>14}" for c in CATEGORIES) + f"   /{url}")
    for name, _, _, lost in rows:
        for line in lost:
            print(f"  {name}: {line}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
