"""Small page probes shared by the browser tests."""

from __future__ import annotations

from typing import Any

# Whether the element's top edge is on screen and below Material's fixed header (so not hidden under it).
IN_VIEW = """id => {
    const el = document.getElementById(id);
    if (!el) return false;
    const r = el.getBoundingClientRect();
    const header = document.querySelector(".md-header");
    const top = header ? header.getBoundingClientRect().bottom : 0;
    return r.top >= top - 1 && r.top < window.innerHeight && r.height > 0;
}"""


def heading_in_view(page: Any, element_id: str) -> bool:
    return bool(page.evaluate(IN_VIEW, element_id))


def wait_heading_in_view(page: Any, element_id: str, timeout: float = 15000) -> None:
    """Wait until the browser has scrolled `element_id` into view; fails with a timeout otherwise."""
    page.wait_for_function(IN_VIEW, arg=element_id, timeout=timeout)


# Material's instant navigation takes a click over only once it has read sitemap.xml (a click
# before that is an ordinary page load, which a reader does not notice but a test does).
SITEMAP_READ = """() => performance.getEntriesByType("resource").some(e => e.name.endsWith("/sitemap.xml") && e.responseEnd > 0)"""
TWO_FRAMES = "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"


def wait_for_instant_navigation(page: Any) -> None:
    """Wait until the page has its sitemap, then two frames for Material to read it."""
    page.wait_for_function(SITEMAP_READ)
    page.evaluate(TWO_FRAMES)


def section_marks(page: Any, heading_id: str) -> list[str]:
    """Text of every search highlight (`mark`) in the section that starts at heading `heading_id`."""
    return list(
        page.evaluate(
            """id => {
                const heading = document.getElementById(id);
                const marks = [...heading.querySelectorAll("mark")];
                for (let n = heading.nextElementSibling; n && n.tagName !== heading.tagName; n = n.nextElementSibling)
                    marks.push(...n.querySelectorAll("mark"));
                return marks.map(m => m.textContent);
            }""",
            heading_id,
        )
    )
