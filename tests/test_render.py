"""The MkDocs-free rendering core: text safety, diagrams and the dot runner, with real Graphviz."""

from __future__ import annotations

import re
import string
from html import unescape
from pathlib import Path

import pytest

from mkdocs_ladder.render.diagrams import Diagram
from mkdocs_ladder.render.pages import PageOptions, Urls, plan_diagrams, render_site
from mkdocs_ladder.render.svg import RenderError, SvgRenderer, clean_svg
from mkdocs_ladder.render.text import inline, markdown_html, theme_title
from mkdocs_ladder.validate import check_directory

from .sites import FIXTURES


def example_tree():
    return check_directory(FIXTURES / "example" / "strategy").tree


def test_inline_text_has_no_markdown_or_html_syntax_left():
    source = '<b>*x*</b> [l](javascript:y) {: onclick=z } `c` |t| ==m== :e: & "q" \\ ~_^#!'
    out = str(inline(source))
    assert not set(re.sub(r"&#\d+;", "", out)) & set(string.punctuation), out
    assert unescape(out) == source  # nothing lost: a reader sees exactly what was written
    assert str(inline("a\nb")) == "a b"


def test_theme_title_has_nothing_that_opens_a_tag_or_closes_an_attribute():
    assert theme_title('</title><script>"x\'') == "\u2039/title\u203a\u2039script\u203a\u201dx\u2019"
    assert theme_title("R&D") == "R&amp;D"


def test_author_markdown_is_rendered_and_sanitised():
    html = str(markdown_html("**bold** [ok](https://x.example) [bad](javascript:alert(1)) <script>alert(2)</script>\n\n# Big"))
    assert "<strong>bold</strong>" in html
    assert '<a href="https://x.example" rel="noopener noreferrer">ok</a>' in html
    assert "javascript" not in html.split("bad")[0].rsplit("<a", 1)[-1]
    assert "<script" not in html and "script&gt;" not in html  # raw HTML is removed (its text stays inert)
    assert "<a rel=\"noopener noreferrer\">bad</a>" in html  # the unsafe target is gone, not left empty
    assert "<h3>Big</h3>" in html  # demoted below the page's own headings


def test_urls_for_both_styles():
    assert Urls(PageOptions()).href("a", "b") == "../b/"
    assert Urls(PageOptions()).href(None, "b") == "b/"
    assert Urls(PageOptions()).href("a", None) == "../"
    assert Urls(PageOptions(directory_urls=False)).href("a", "b") == "../b/index.html"
    assert Urls(PageOptions(directory_urls=False)).href("a", None) == "../index.html"
    assert Urls(PageOptions(folder="/plan/")).src_uri("x") == "plan/x/index.md"


def test_renderer_batches_and_caches_in_memory():
    tree = example_tree()
    diagrams = plan_diagrams(tree, PageOptions())
    renderer = SvgRenderer(jobs=2)
    svgs = renderer.render(diagrams)
    assert renderer.rendered == len(diagrams) == 10
    assert set(svgs) == {"overview", *tree.nodes}
    assert all(s.startswith("<svg role=\"img\"") and s.endswith("</svg>") for s in svgs.values())
    renderer.render(diagrams)
    assert renderer.rendered == 10  # nothing drawn twice
    site = render_site(tree, svgs, PageOptions())
    assert [p.src_uri for p in site.pages][:2] == ["strategy/index.md", "strategy/mission/index.md"]


def test_disk_cache_survives_a_new_renderer(tmp_path):
    diagrams = plan_diagrams(example_tree(), PageOptions())
    SvgRenderer(cache_dir=tmp_path).render(diagrams)
    again = SvgRenderer(cache_dir=tmp_path)
    again.render(diagrams)
    assert again.rendered == 0


def test_a_diagram_dot_cannot_draw_is_named():
    good = Diagram("fine", "digraph a { x -> y }\n", "fine")
    bad = Diagram("broken-node", "digraph b { x -> }\n", "broken")
    with pytest.raises(RenderError, match="Graphviz could not draw the diagram of 'broken-node'"):
        SvgRenderer(jobs=1).render([good, bad])


def test_missing_dot_says_how_to_install():
    with pytest.raises(RenderError, match=r"Graphviz's `dot` was not found.*apt-get install graphviz"):
        SvgRenderer(executable="no-such-dot-here").render([Diagram("x", "digraph {}", "x")])


def test_hung_dot_is_killed_and_the_diagram_named(tmp_path):
    fake = tmp_path / "dot"
    # Answers -V, and hangs on any input that mentions "hang".
    fake.write_text('#!/bin/sh\nif [ "$1" = -V ]; then echo "dot - fake 1.0" >&2; exit 0; fi\n'
                    'input=$(cat)\ncase "$input" in *hang*) sleep 30;; esac\nexec dot "$@" <<EOF\n$input\nEOF\n')
    fake.chmod(0o755)
    renderer = SvgRenderer(executable=str(fake), timeout=1, jobs=1)
    with pytest.raises(RenderError, match=r"diagram of 'stuck'.*timed out after 1 s"):
        renderer.render([Diagram("ok", "digraph a { x }\n", "ok"), Diagram("stuck", "digraph hang { x }\n", "stuck")])


def test_clean_svg_drops_titles_comments_ids():
    raw = ('<?xml version="1.0"?>\n<!DOCTYPE svg>\n<!-- g -->\n<svg width="1pt">\n<g id="graph0" class="graph">'
           "<title>%3</title>\n\n<g id=\"node1\"><title>a</title></g></g></svg>")
    assert clean_svg(raw) == '<svg class="ladder-svg" width="1pt">\n<g class="graph">\n<g></g></g></svg>'
