"""robots.txt: allow everything and name the sitemap."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files


def robots_txt(site_url: str | None) -> str:
    """Allow everything and name the sitemap (robots.txt must name it by absolute URL)."""
    lines = ["User-agent: *", "Allow: /"]
    if site_url:
        lines.append(f"Sitemap: {site_url.rstrip('/')}/sitemap.xml")
    return "\n".join(lines) + "\n"


def add_file(files: Files, config: MkDocsConfig) -> None:
    """Add robots.txt to a MkDocs build (called from the `on_files` hook)."""
    files.append(File.generated(config, "robots.txt", content=robots_txt(config.site_url)))
