"""Built pages without the templates' indentation (render/compact_html.py)."""

from __future__ import annotations

from bs4 import BeautifulSoup
from interview_kb.render.compact_html import compact

from tests.support import Build, normalise


def test_indentation_between_tags_becomes_one_line_break() -> None:
    page = '<nav>\n    <ul>\n      <li><a href="#a">A</a></li>\n      <li> <b>B</b> </li>\n    </ul>\n  </nav>\n'
    assert compact(page) == '<nav>\n<ul>\n<li><a href="#a">A</a></li>\n<li> <b>B</b> </li>\n</ul>\n</nav>\n'


def test_white_space_within_a_line_is_kept_and_a_line_break_next_to_text_stays_one() -> None:
    assert compact("<p><a>one</a> <a>two</a> text <em>three</em></p>") == "<p><a>one</a> <a>two</a> text <em>three</em></p>"
    assert compact("<label>\n    Home\n  </label>") == "<label>\nHome\n</label>"
    assert compact('<p title="a\n  b">c\n   d</p>') == '<p title="a\n  b">c\n   d</p>'


def test_a_page_with_verbatim_text_is_left_whole() -> None:
    for page in ("<div>\n  <pre>a\n    <b>b</b>\n  </pre>\n</div>", "<form>\n  <TEXTAREA>\n  </TEXTAREA>\n</form>"):
        assert compact(page) == page


def test_the_built_pages_are_compact(built: Build) -> None:
    for url in ["", *(f"interviews/{record['slug']}/" for record in built.kb["interviews"])]:
        page = built.html(url)
        assert "\n  " not in page, url


def test_the_text_reads_the_same() -> None:
    page = "<ul>\n  <li>One</li>\n  <li>Two <a>three</a>\n</li>\n</ul>"
    assert normalise(BeautifulSoup(compact(page), "html.parser").get_text(" ")) == normalise(
        BeautifulSoup(page, "html.parser").get_text(" ")
    )
