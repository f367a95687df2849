"""The tags page's listing (overrides/fragments/tags/default/listing.html) is bounded whatever the series' size."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import jinja2

from tests.support import ROOT


@dataclass
class Item:
    title: str
    url: str
    meta: dict[str, Any]


@dataclass
class Mapping:
    item: Item


@dataclass
class Listing:
    mappings: list[Mapping]
    content: str = ""
    children: list[Listing] = field(default_factory=list)

    def __iter__(self) -> Any:
        return iter(self.children)


def rendered(listing: Listing) -> str:
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(ROOT / "overrides"), autoescape=True)
    environment.filters["url"] = lambda url: url
    return environment.get_template("fragments/tags/default/listing.html").render(listing=listing)


def interview(number: int) -> Mapping:
    date = f"{2000 + number // 12}-{number % 12 + 1:02}-01"
    return Mapping(Item(f"Interview {number}", f"interviews/i{number}/", {"kb_kind": "interview", "kb_date": date}))


def titles(html: str) -> list[str]:
    return re.findall(r"<a href=\"[^\"]+\">\s*([^<]+?)\s*</a>", html)


def test_a_tag_of_few_pages_lists_every_one_in_material_s_order() -> None:
    mappings = [interview(n) for n in (3, 1, 2)]
    html = rendered(Listing(mappings))
    assert titles(html) == ["Interview 3", "Interview 1", "Interview 2"] and "more page" not in html


def test_a_tag_of_many_pages_lists_its_topic_page_and_the_newest_then_counts_the_rest() -> None:
    topic = Mapping(Item("Open source", "topics/open-source/", {"kb_kind": "topic"}))
    html = rendered(Listing([interview(n) for n in range(150)] + [topic]))
    assert titles(html) == ["Open source", *(f"Interview {n}" for n in range(149, 50, -1))]
    assert "51 more pages carry this tag. Its topic page, first above, gathers what they say on it." in html


def test_a_metadata_tag_of_many_pages_counts_the_rest_without_a_topic_page() -> None:
    html = rendered(Listing([interview(n) for n in range(101)]))
    assert len(titles(html)) == 100 and titles(html)[0] == "Interview 100"
    assert "1 more page carries this tag." in html and "topic page" not in html
