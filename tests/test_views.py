"""Health in the built site: strict builds, rule levels, the status filter, waivers and reserved ids.

What the roll-ups, the warnings beside their nodes and the owners, tags and health pages hold
is in the golden Markdown (tests/test_golden.py, the ``unhealthy`` case)."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest

from .sites import build, copy_fixture, first, located, make_unhealthy, page, run_build, with_options


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_unhealthy(copy_fixture("example", tmp_path_factory.mktemp("views") / "p"))
    done = run_build(project)
    assert done.ok, done.log
    assert "WARNING: mkdocs_ladder: strategy/initiatives/bare.yaml:1:1: warning: active initiative has no 'why'" in done.log
    return done.site


def test_strict_build_fails_on_health_warnings(tmp_path):
    project = make_unhealthy(copy_fixture("example", tmp_path / "p"))
    done = run_build(project, strict=True)
    assert not done.ok
    assert (
        "strategy/initiatives/bare.yaml:1:1: warning: active initiative has no 'why': say how it serves 'mid-market' [initiative-without-why]"
        in done.log
    )


def test_rules_can_be_switched_off_and_to_error_in_the_plugin_config(tmp_path):
    quiet = with_options(
        make_unhealthy(copy_fixture("example", tmp_path / "a")),
        health={"initiative-without-why": "off", "initiative-without-steps": "off", "initiative-without-metrics": "off"},
    )
    build(quiet)  # --strict passes: nothing left to warn about
    loud = with_options(make_unhealthy(copy_fixture("example", tmp_path / "b")), health={"initiative-without-why": "error"})
    done = run_build(loud)
    assert not done.ok
    assert (
        "ERROR: mkdocs_ladder: strategy/initiatives/bare.yaml:1:1: error: active initiative has no 'why': say how it serves 'mid-market' [initiative-without-why]"
        in done.log
    )


def test_overview_rollup_and_status_filter(site):
    raw = page(site, "strategy")
    table = first(first(raw, cls="ladder-overview").inner, "table").inner
    rows = {
        (links[0].attrs["href"].strip("/") if (links := located(first(r.inner, "td").inner, "a")) else "total"): [
            c.text for c in located(r.inner, "td", cls="ladder-count")
        ]
        for r in located(table, "tr")[1:]
    }
    #                      steps    warnings
    assert rows["mid-market"] == ["4 of 6", "3"]
    assert rows["retention"] == ["0 of 2", "0"]
    assert rows["total"] == ["4 of 9", "3"]
    # The initiatives by status: one cell, its total, a stacked bar and the numbers as text.
    mixes = re.findall(
        r'<td class="ladder-mix"><span class="ladder-mix__total">(\d+)</span><span class="ladder-mix__bar" aria-hidden="true">(.*?)</span>'
        r'<span class="ladder-mix__counts">([^<]*)</span></td>',
        table,
    )
    assert [(total, text) for total, _, text in mixes] == [
        ("3", "2 active · 1 done"),
        ("1", "1 proposed"),
        ("2", "1 paused · 1 dropped"),
        ("6", "1 proposed · 2 active · 1 paused · 1 done · 1 dropped"),
    ]
    assert re.findall(r'class="ladder-mix--(\w+)" style="width:([0-9.]+)%"', unescape(mixes[0][1])) == [
        ("active", "66.67"),
        ("done", "33.33"),
    ]
    boxes = re.findall(r'<input type="checkbox" class="ladder-filter--(\w+)" checked>', raw)
    assert boxes == ["proposed", "active", "paused", "done", "dropped"]
    css = (site / "assets" / "ladder" / "ladder.css").read_text()
    assert (
        ":root:has(.ladder-filter--done:not(:checked)) :is(.ladder-node--done, .ladder-edge--touches-done, .ladder-row--done)"
        " { display: none; }"
    ) in css
    (svg,) = re.findall(r'<svg [^>]*class="ladder-svg".*?</svg>', raw, re.S)
    assert "ladder-edge--touches-done" in svg and "ladder-node--done" in svg


def test_waivers_are_listed_on_the_health_page(tmp_path):
    project = copy_fixture("example", tmp_path / "p")
    legacy = project / "strategy" / "strategies" / "platform.yml"
    legacy.write_text(legacy.read_text().replace("owner: platform\n", "") + "waive:\n  missing-owner: shared by every team\n")
    raw = page(build(project), "strategy", "health")
    assert "No health warnings" in raw
    assert "<code>missing-owner</code>: shared by every team" in raw


@pytest.mark.parametrize("reserved", ["health", "owners", "tags"])
def test_ids_of_the_view_pages_are_reserved(tmp_path, reserved):
    project = copy_fixture("example", tmp_path / "p")
    (project / "strategy" / "strategies" / f"{reserved}.yaml").write_text("title: X\nparent: mission\nowner: a\n")
    (project / "strategy" / "strategies" / "more.yaml").write_text(f"- id: {reserved}\n  title: Y\n  parent: mission\n")
    done = run_build(project)
    assert not done.ok
    assert f"strategy/strategies/{reserved}.yaml:1:1: error: file name '{reserved}' is not a valid id" in done.log
    assert f"strategy/strategies/more.yaml:1:3: error: 'id' must not be '{reserved}': the site has a page of that name" in done.log


@pytest.mark.slow  # a real build
def test_the_roadmap_places_each_initiative_by_strategy_and_horizon(tmp_path):
    from .sites import learning_project

    site = build(learning_project(tmp_path))
    raw = page(site, "strategy", "roadmap")
    assert "<h1" in raw and ">Roadmap</h1>" in raw
    rows = [first(h.inner, "a").attrs["href"] for h in located(raw, "h2", cls="ladder-roadmap__strategy")]
    assert rows == ["../mid-market/", "../retention/"]  # the strategies with work placed, the most first; platform has none
    mid = raw.split('<a href="../mid-market/">Win the mid-market</a></h2>')[1].split("<h2")[0]
    columns = re.findall(
        r'<section class="ladder-roadmap__column" aria-label="[^"]*">\s*<h3 class="ladder-roadmap__horizon">(\w+)</h3>(.*?)</section>',
        mid,
        re.S,
    )
    assert [name for name, _ in columns] == ["Now", "Next", "Later"]
    card = unescape(re.sub(r"<[^>]+>", "", columns[0][1]))
    assert "Self-serve onboarding" in card and "growth · experiment · value L, effort M · 3 of 5 done" in card
    assert 'class="ladder-card ladder-row--active' in columns[0][1]  # the status filter hides it, with no script
    timeline = raw.split(">Due dates by quarter</h2>")[1]
    assert re.findall(r"<h3>([^<]+)</h3>", timeline) == ["2026 Q4"]
    assert '<time datetime="2026-12-31">2026-12-31</time> <a href="../onboarding/">Self-serve onboarding</a>' in timeline
    assert located(raw, "fieldset", cls="ladder-filter__statuses") and not located(first(raw, "article").inner, "script")


@pytest.mark.slow  # a real build
def test_where_the_value_is_on_the_overview_and_on_a_strategys_page(tmp_path):
    from .sites import learning_project

    site = build(learning_project(tmp_path))
    for raw in (page(site, "strategy"), page(site, "strategy", "retention")):
        section = raw.split(">Where the value is</h2>")[1].split("<h2")[0]
        assert '<svg class="ladder-chart__svg"' in section and 'role="img"' in section and "<table>" in section
    overview = unescape(re.sub(r"<[^>]+>", "", page(site, "strategy").split(">Where the value is</h2>")[1].split("See also")[0]))
    assert "The top fifth of the initiatives (1 of 2) holds 67% of the expected value." in overview
    assert "Self-serve onboarding · value L, effort M" in overview
    retention = unescape(re.sub(r"<[^>]+>", "", page(site, "strategy", "retention")))
    assert "The top fifth of the initiatives (1 of 1) holds 100% of the expected value." in retention
    assert ">Where the value is</h2>" not in page(site, "strategy", "platform")  # nothing sized there


def test_the_overview_leads_to_the_roadmap(site):
    see_also = first(page(site, "strategy"), "p", cls="ladder-see-also").inner
    assert located(see_also, "a")[0].attrs["href"] == "roadmap/"


def test_a_roadmap_card_without_value_or_effort_says_nothing_of_them(tree):
    """Cards said "value –, effort –" when neither was set."""
    from mkdocs_ladder import wiring
    from mkdocs_ladder.check import check_directory
    from mkdocs_ladder.render.pages import Contents, render_site
    from mkdocs_ladder.render.site import DiagramMode
    from mkdocs_ladder.settings import Settings

    root = tree({
        "strategies/s.yaml": "title: S\nparent: mission\n",
        "initiatives/a.yaml": "title: Unsized\nparent: s\nhorizon: now\n",
        "initiatives/b.yaml": "title: Half sized\nparent: s\nhorizon: now\nvalue: L\n",
    })  # fmt: skip
    checked = check_directory(root)
    assert checked.tree is not None
    site = render_site(Contents(checked.tree), {}, wiring.page_options(Settings(), True), DiagramMode.SLOT)
    roadmap = next(p.markdown for p in site.pages if p.kind == "roadmap")
    metas = [m.text for m in located(roadmap, "span", cls="ladder-card__meta")]
    assert metas == ["0 of 0 done", "value L, effort – · 0 of 0 done"]


def test_a_zero_is_0_in_every_count_cell(tree):
    """A strategy's roll-up left a zero blank, while the warnings beside it said 0."""
    from mkdocs_ladder import wiring
    from mkdocs_ladder.check import check_directory
    from mkdocs_ladder.render.pages import Contents, render_site
    from mkdocs_ladder.render.site import DiagramMode
    from mkdocs_ladder.settings import Settings

    root = tree({"strategies/s.yaml": "title: S\nparent: mission\nowner: a\n", "initiatives/i.yaml": "title: I\nparent: s\nowner: a\n"})
    checked = check_directory(root)
    assert checked.tree is not None
    site = render_site(Contents(checked.tree), {}, wiring.page_options(Settings(), True), DiagramMode.SLOT)
    strategy = next(p.markdown for p in site.pages if p.node_id == "s")
    rollup = first(strategy, cls="ladder-rollup").inner
    cells = [td.text for td in located(first(rollup, "tbody").inner, "td", cls="ladder-count")]
    assert cells == ["0", "1", "0", "0", "0", "1", "0 of 0", "0"]  # proposed, active, paused, done, dropped, total, steps, warnings


def test_the_health_page_stays_short_whatever_the_findings(tree):
    """Hundreds of findings of one rule, and findings whose words differ node by node, are one
    sentence and a list each: a few names as the page opens, the rest one click away, counted.
    Health was 24 screens on a real tree: 284 findings of one rule each repeated its sentence."""
    from mkdocs_ladder import wiring
    from mkdocs_ladder.check import check_directory
    from mkdocs_ladder.errors import Problem, Severity
    from mkdocs_ladder.render.pages import Contents, render_site
    from mkdocs_ladder.render.site import DiagramMode
    from mkdocs_ladder.settings import Settings

    files = {"strategies/s.yaml": "title: S\nparent: mission\n"} | {
        f"initiatives/i{n:03d}.yaml": f"title: I {n}\nparent: s\n" for n in range(300)
    }
    checked = check_directory(tree(files))
    assert checked.tree is not None
    same = [
        Problem(Path("x"), 1, 1, Severity.WARNING, "has no metrics", "initiative-without-metrics", f"i{n:03d}", True) for n in range(284)
    ]
    each = [Problem(Path("x"), 1, 1, Severity.WARNING, f"was due {n} days ago", "initiative-overdue", f"i{n:03d}", True) for n in range(40)]
    site = render_site(Contents(checked.tree, same + each), {}, wiring.page_options(Settings(), True), DiagramMode.SLOT)
    health = next(p.markdown for p in site.pages if p.kind == "health")
    lines = [located(rule.inner, "ul", cls="ladder-rule__said")[0] for rule in located(health, "div", cls="ladder-rule")]
    assert [len(located(ul.inner, "li")) for ul in lines] == [1, 1]  # the 284 first (the most), then the 40 whose words differ
    opened = [ul.inner.split("<details")[0] for ul in lines]
    assert [len(located(text, "a")) for text in opened] == [16, 16]  # the rest folded
    assert "all 284" in health and "all 40" in health
    assert health.count("has no metrics") == 1 and health.count("was due") == 40  # the 40 on their own links only


def test_a_large_strategys_page_leads_with_its_figures_and_active_work_and_folds_the_rest(tree):
    """A strategy of 30 initiatives (every third active, every fifth for now) and 15 supporters
    from elsewhere: the counts come before the table, whose first 12 rows are the active ones,
    those for now first; the other 18 rows and 3 of the supporters are folded, with their count.
    A strategy of 400 initiatives made a page 40 screens tall."""
    from mkdocs_ladder import wiring
    from mkdocs_ladder.check import check_directory
    from mkdocs_ladder.render.pages import Contents, render_site
    from mkdocs_ladder.render.site import DiagramMode
    from mkdocs_ladder.settings import Settings

    files = {"strategies/s.yaml": "title: S\nparent: mission\n", "strategies/o.yaml": "title: O\nparent: mission\n"}
    for n in range(30):
        status, horizon = ("active" if n % 3 == 0 else "done"), ("now" if n % 5 == 0 else "later")
        files[f"initiatives/i{n:02d}.yaml"] = f"title: I {n}\nparent: s\nstatus: {status}\nhorizon: {horizon}\n"
    files |= {f"initiatives/o{n:02d}.yaml": f"title: O {n}\nparent: o\nsupports: [s]\n" for n in range(15)}
    checked = check_directory(tree(files))
    assert checked.tree is not None
    site = render_site(Contents(checked.tree), {}, wiring.page_options(Settings(), True), DiagramMode.SLOT)
    strategy = next(p.markdown for p in site.pages if p.node_id == "s")
    assert strategy.index('class="ladder-rollup') < strategy.index('id="ladder-children"')
    children = first(strategy, id="ladder-children").inner
    opened, folded = children.split("<details", 1)
    titles = [a.text for a in located(opened, "a")]
    assert titles == ["I 0", "I 15", "I 3", "I 6", "I 9", "I 12", "I 18", "I 21", "I 24", "I 27", "I 5", "I 10"]
    assert first(folded, "summary").text == "18 more" and len(located(folded, "tr")) == 1 + 18
    supporters = first(strategy, id="ladder-supporters").inner
    opened, folded = supporters.split("<details", 1)
    assert len(located(opened, "li")) == 12 and first(folded, "summary").text == "3 more" and len(located(folded, "li")) == 3
