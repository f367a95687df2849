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
