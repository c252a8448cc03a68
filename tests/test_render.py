"""The MkDocs-free rendering core: text safety, diagrams and the dot runner, with real Graphviz."""

from __future__ import annotations

import dataclasses
from html import unescape

import pytest

from mkdocs_ladder import wiring
from mkdocs_ladder.cache import DiskCache
from mkdocs_ladder.check import check_directory
from mkdocs_ladder.render.diagrams import Diagram
from mkdocs_ladder.render.pages import Contents, plan_diagrams, render_site
from mkdocs_ladder.render.site import DiagramMode, PageOptions, Urls
from mkdocs_ladder.render.svg import RenderError, SvgRenderer, clean_svg
from mkdocs_ladder.render.text import inline, markdown_html, theme_title
from mkdocs_ladder.settings import Settings

from .sites import FIXTURES, first


def example_tree():
    return check_directory(FIXTURES / "example" / "strategy").tree


def options(**changes: object) -> PageOptions:
    return wiring.page_options(Settings.model_validate(changes), directory_urls=True)


def renderer(executable: str = "dot", cache: DiskCache | None = None, timeout: float = 30, jobs: int = 2) -> SvgRenderer:
    return SvgRenderer(executable, cache, timeout, jobs)


def test_inline_text_escapes_what_markdown_and_html_act_on_and_nothing_else():
    source = '<b>*x*</b> [l](javascript:y) {: onclick=z } `c` |t| ==m== :e: & "q" \\ ~_^#! 2026-11-09 a/b.c 5%'
    out = str(inline(source))
    assert out == (
        "&#60;b&#62;&#42;x&#42;&#60;/b&#62; &#91;l&#93;&#40;javascript:y&#41; &#123;: onclick=z &#125; &#96;c&#96; "
        "&#124;t&#124; &#61;=m&#61;= &#58;e: &#38; &#34;q&#34; &#92; &#126;&#95;&#94;&#35;! 2026-11-09 a/b.c 5%"
    )
    assert unescape(out) == source  # nothing lost: a reader sees exactly what was written
    assert str(inline("a\nb")) == "a b"


def test_theme_title_has_nothing_that_opens_a_tag_or_closes_an_attribute():
    assert theme_title("</title><script>\"x'") == "\u2039/title\u203a\u2039script\u203a\u201dx\u2019"
    assert theme_title("R&D") == "R&amp;D"


def test_author_markdown_is_rendered_and_sanitised():
    html = str(markdown_html("**bold** [ok](https://x.example) [bad](javascript:alert(1)) <script>alert(2)</script>\n\n# Big"))
    assert "<strong>bold</strong>" in html
    assert '<a href="https://x.example" rel="noopener noreferrer">ok</a>' in html
    assert "javascript" not in html.split("bad")[0].rsplit("<a", 1)[-1]
    assert "<script" not in html and "script&gt;" not in html  # raw HTML is removed (its text stays inert)
    assert '<a rel="noopener noreferrer">bad</a>' in html  # the unsafe target is gone, not left empty
    assert "<h3>Big</h3>" in html  # demoted below the page's own headings


def test_urls_for_both_styles():
    flat = wiring.page_options(Settings(), directory_urls=False)
    assert Urls(options()).href("a", "b") == "../b/"
    assert Urls(options()).href(None, "b") == "b/"
    assert Urls(options()).href("a", None) == "../"
    assert Urls(flat).href("a", "b") == "../b/index.html"
    assert Urls(flat).href("a", None) == "../index.html"
    assert Urls(options(path="/plan/")).src_uri("x") == "plan/x/index.md"


def test_renderer_batches_and_caches_in_memory():
    tree = example_tree()
    diagrams = plan_diagrams(tree, options())
    drawing = renderer()
    first = drawing.render(diagrams)
    assert first.drawn == len(diagrams) == 10
    assert set(first.svgs) == set(first.keys) == {"overview", *tree.nodes}
    assert len(set(first.keys.values())) == 10
    assert all(s.startswith('<svg role="img"') and s.endswith("</svg>") for s in first.svgs.values())
    again = drawing.render(diagrams)
    assert again.drawn == 0 and again.svgs == first.svgs and again.keys == first.keys  # nothing drawn twice
    site = render_site(Contents(tree), first.svgs, options())
    assert [p.src_uri for p in site.pages][:2] == ["strategy/index.md", "strategy/mission/index.md"]


def test_disk_cache_survives_a_new_renderer(tmp_path):
    diagrams = plan_diagrams(example_tree(), options())
    first = renderer(cache=DiskCache(tmp_path, 0.5)).render(diagrams)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f"{key}.svg" for key in first.keys.values())
    again = renderer(cache=DiskCache(tmp_path, 0.5)).render(diagrams)
    assert again.drawn == 0 and again.svgs == first.svgs


def test_cached_gives_every_svg_or_none(tmp_path):
    diagrams = plan_diagrams(example_tree(), options())
    keys = renderer(cache=DiskCache(tmp_path, 0.5)).render(diagrams).keys
    fresh = renderer(cache=DiskCache(tmp_path, 0.5))
    found = fresh.cached(keys)
    assert found is not None and set(found) == set(keys)
    (tmp_path / f"{keys['mission']}.svg").unlink()  # pruned by another build meanwhile
    assert renderer(cache=DiskCache(tmp_path, 0.5)).cached(keys) is None


def test_memory_holds_only_the_last_render():
    tree = example_tree()
    drawing = renderer()
    drawing.render(plan_diagrams(tree, options()))
    small = drawing.render([Diagram("only", "digraph a { x }\n", "only")])
    assert small.drawn == 1
    assert drawing.render(plan_diagrams(tree, options())).drawn == 10  # the first render's SVGs were let go


def test_a_diagram_dot_cannot_draw_is_named():
    good = Diagram("fine", "digraph a { x -> y }\n", "fine")
    bad = Diagram("broken-node", "digraph b { x -> }\n", "broken")
    with pytest.raises(RenderError, match="Graphviz could not draw the diagram of 'broken-node'"):
        renderer(jobs=1).render([good, bad])


def test_the_first_broken_diagram_is_named_whatever_the_number_of_cores():
    diagrams = [Diagram(f"d{i}", f"digraph b{i} {{ x -> }}\n" if i in (5, 9, 16) else f"digraph a{i} {{ x }}\n", "d") for i in range(20)]
    for jobs in (1, 2, 3, 4):
        with pytest.raises(RenderError, match="diagram of 'd5'"):
            renderer(jobs=jobs).render(diagrams)


def test_missing_dot_says_how_to_install():
    with pytest.raises(RenderError, match=r"Graphviz's `dot` was not found.*apt-get install graphviz"):
        renderer(executable="no-such-dot-here").render([Diagram("x", "digraph {}", "x")])


@pytest.mark.slow  # a hang, waited out
def test_hung_dot_is_killed_and_the_diagram_named(tmp_path):
    fake = tmp_path / "dot"
    # Answers -V, and hangs on any input that mentions "hang".
    fake.write_text(
        '#!/bin/sh\nif [ "$1" = -V ]; then echo "dot - fake 1.0" >&2; exit 0; fi\n'
        'input=$(cat)\ncase "$input" in *hang*) sleep 30;; esac\nexec dot "$@" <<EOF\n$input\nEOF\n'
    )
    fake.chmod(0o755)
    with pytest.raises(RenderError, match=r"diagram of 'stuck'.*timed out after 1 s"):
        renderer(executable=str(fake), timeout=1, jobs=1).render(
            [Diagram("ok", "digraph a { x }\n", "ok"), Diagram("stuck", "digraph hang { x }\n", "stuck")]
        )


def test_clean_svg_drops_titles_comments_ids():
    raw = (
        '<?xml version="1.0"?>\n<!DOCTYPE svg>\n<!-- g -->\n<svg width="1pt">\n<g id="graph0" class="graph">'
        '<title>%3</title>\n\n<g id="node1"><title>a</title></g></g></svg>'
    )
    assert clean_svg(raw) == '<svg class="ladder-svg" style="min-width:1px" width="1pt">\n<g class="graph">\n<g></g></g></svg>'


def test_a_diagram_is_never_drawn_under_three_quarters_of_its_size():
    """11 pt labels are 14.7 px at full size: the floor keeps them at 11 px or more."""
    from mkdocs_ladder.render.svg import LEGIBLE_SCALE, legible_width

    assert legible_width('<svg width="516pt" height="90pt" viewBox="0 0 516 90">') == round(516 * 4 / 3 * LEGIBLE_SCALE) == 516
    assert legible_width('<svg height="9pt" width="20.5pt">') == 20
    assert legible_width('<svg viewBox="0 0 5 5">') is None
    assert 14.67 * LEGIBLE_SCALE >= 11


def test_diagrams_that_look_the_same_are_drawn_once_and_the_first_is_named():
    same = "digraph s { x -> }\n"
    with pytest.raises(RenderError, match="diagram of 'first'"):
        renderer(jobs=1).render([Diagram("first", same, "alt"), Diagram("second", same, "alt")])
    twins = renderer(jobs=1).render([Diagram("a", "digraph t { x }\n", "alt"), Diagram("b", "digraph t { x }\n", "alt")])
    assert twins.drawn == 1 and twins.svgs["a"] == twins.svgs["b"] and twins.keys["a"] == twins.keys["b"]


def test_a_title_shaped_like_an_html_label_stays_a_quoted_string(tree):
    root = tree({"strategies/s.yaml": "title: '<<b>x</b>>'\nparent: mission\n"})
    checked = check_directory(root)
    assert checked.tree is not None
    source = next(d.source for d in plan_diagrams(checked.tree, options()) if d.name == "s")
    assert 'label="<<b>x</b>>"' in source and "label=<" not in source


def test_chart_rows_made_once_still_print_each_value_as_given():
    """Rows and bars are cached across thousands of pages: equal values of other types (1, 1.0,
    True) must still print apart, and the same bars must come out the same."""
    from mkdocs_ladder.render.charts import bar_chart, figures_table

    rows = figures_table(("a", "b"), [("x", 1), ("x", 1.0), ("x", True), ("<b>", 1)])
    assert "<td>1</td></tr><tr><td>x</td><td>1.0</td></tr><tr><td>x</td><td>True</td>" in rows
    assert "<td>&#60;b&#62;</td>" in rows and "<b>" not in rows
    first = bar_chart([("05-04", 3), ("", 0), ("", 1)], "three weeks")
    assert first == bar_chart([("05-04", 3), ("", 0), ("", 1)], "three weeks")
    assert first.count('<rect class="ladder-chart__bar"') == 2 and ">05-04</text>" in first


def test_the_top_fifth_and_the_small_bets():
    from mkdocs_ladder.render.value import small_bets, top_fifth_share
    from mkdocs_ladder.tree.model import Node

    assert top_fifth_share([]) == (0, 0.0)
    assert top_fifth_share([1, 1, 1, 1, 8]) == (1, 8 / 12)
    assert top_fifth_share([4] * 6) == (2, 8 / 24)  # six initiatives: the top fifth rounds up to two
    sizes = {"S": 1, "M": 2, "L": 4, "XL": 8}
    nodes = [
        Node(id="a", title="A", value="XL", effort="XL"),
        Node(id="b", title="B", value="L", effort="S"),
        Node(id="c", title="C", value="M", effort="S"),
        Node(id="d", title="D", value="XL", effort="M", status="done"),  # done: not a bet any more
        Node(id="e", title="E", value="L"),  # no effort: not on the chart
    ]
    assert [n.id for n in small_bets(nodes, sizes)] == ["b", "c", "a"]


def test_a_title_with_backticks_shows_code_not_backticks(tree):
    """In the heading, the breadcrumb and the tables a code span is code; in a diagram's box and
    the theme's title, its text (they showed the backticks themselves)."""
    from mkdocs_ladder.check import check_directory

    root = tree({"strategies/s.yaml": "title: Run `ladder check` in CI\nparent: mission\n", "initiatives/i.yaml": "title: I\nparent: s\n"})
    checked = check_directory(root)
    assert checked.tree is not None
    diagrams = plan_diagrams(checked.tree, options())
    site = render_site(Contents(checked.tree), {d.name: "<svg></svg>" for d in diagrams}, options())
    strategy = next(p for p in site.pages if p.node_id == "s").markdown
    initiative = next(p for p in site.pages if p.node_id == "i").markdown
    assert '<h1 id="ladder-title">Run <code>ladder check</code> in CI <span class="ladder-id">' in strategy
    assert '<a href="../s/">Run <code>ladder check</code> in CI</a>' in initiative  # the breadcrumb
    assert 'title: "Run ladder check in CI"' in strategy  # the theme's title
    sources = {d.name: d.source for d in diagrams}
    assert "Run ladder check in CI" in sources["s"] and "`" not in sources["s"]


def test_a_nodes_page_shows_its_id_and_the_trailer_line_to_copy(tree):
    """Ids appeared nowhere on the pages, though people write them in trailers, parent and
    `ladder work ID`. The button needs the script (hidden without it); the line is text."""
    from mkdocs_ladder.check import check_directory

    root = tree({"strategies/growth.yaml": "title: Growth\nparent: mission\n"})
    checked = check_directory(root)
    assert checked.tree is not None
    site = render_site(Contents(checked.tree), {}, dataclasses.replace(options(), trailer="Strategy-Link"), DiagramMode.SLOT)
    page = next(p.markdown for p in site.pages if p.node_id == "growth")
    heading = next(line for line in page.splitlines() if line.startswith("<h1 "))  # a theme's search weighs a title most
    assert (
        heading == '<h1 id="ladder-title">Growth <span class="ladder-id"><span class="ladder-visually-hidden">Id: </span>growth</span></h1>'
    )
    assert first(page, "code", cls="ladder-trailer__line").text == "Strategy-Link: growth"
    button = first(page, "button", cls="ladder-trailer__copy")
    assert "hidden" in button.attrs and button.attrs["data-ladder-copy"] == "Strategy-Link: growth"
    assert all("ladder-trailer" not in p.markdown for p in site.pages if p.node_id is None)  # on its own page only


def test_a_strategy_supported_from_elsewhere_draws_one_box_per_place_and_its_own_work_first(tree):
    """The largest strategy of a real tree drew the 60 initiatives that only support it one by
    one; now, past 8, one box per strategy they come from ("6 from B"), linked to the page's list."""
    from mkdocs_ladder.check import check_directory

    files = {
        "strategies/a.yaml": "title: A\nparent: mission\n",
        "strategies/b.yaml": "title: B\nparent: mission\n",
        "strategies/c.yaml": "title: C\nparent: mission\n",
    }
    files |= {f"initiatives/b{n}.yaml": f"title: B{n}\nparent: b\nsupports: [a]\n" for n in range(6)}
    files |= {f"initiatives/c{n}.yaml": f"title: C{n}\nparent: c\nsupports: [a]\n" for n in range(4)}
    files |= {
        "initiatives/a0.yaml": "title: Later\nparent: a\nstatus: proposed\n",
        "initiatives/a1.yaml": "title: Now\nparent: a\nhorizon: now\n",
    }
    root = tree(files)
    checked = check_directory(root)
    assert checked.tree is not None
    source = {d.name: d.source for d in plan_diagrams(checked.tree, options())}["a"]
    assert source.count("ladder-node--supporters") == 2 and '"6 from B"' in source and '"4 from C"' in source
    assert "B0 (" not in source  # no supporter drawn one by one
    assert source.index('"Now (') < source.index('"Later (')  # its own active work first
    for n in range(4):
        (root / "initiatives" / f"c{n}.yaml").unlink()
    few = check_directory(root)
    assert few.tree is not None
    assert "ladder-node--supporters" not in {d.name: d.source for d in plan_diagrams(few.tree, options())}["a"]  # 6: drawn one by one
