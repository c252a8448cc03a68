"""History on the built site: each node's History section and charts, a strategy's burn-up and
initiatives done per month, the changes page, the overview's 30-day column; and the site of a
shallow clone, of a folder outside git, and with `history: false`. Today is 2026-06-01."""

from __future__ import annotations

import re
import shutil
import subprocess
from html import unescape
from pathlib import Path

import pytest
from click.testing import CliRunner

from mkdocs_ladder.adapters.cli import main

from .sites import FIXTURES, GitRepo, build, first, located, page, run_build, with_options

EXAMPLE = FIXTURES / "example"


def example(name: str) -> str:
    return (EXAMPLE / name).read_text()


def onboarding(done: int, metric: int) -> str:
    """The example's onboarding initiative with its first ``done`` steps done."""
    text = example("strategy/initiatives/onboarding.yaml")
    for index, title in enumerate(["Sketch the wizard", "Ship the first screen", "Invite flow"]):
        text = text.replace(
            f"  - title: {title}\n    done: true\n", f"  - title: {title}\n    done: {'true' if index < done else 'false'}\n"
        )
    return text.replace("current: 31", f"current: {metric}")


def pricing(status: str, done: bool) -> str:
    return example("strategy/initiatives/more.yaml").replace(
        "  status: done\n  why: Buyers compare seats before they talk to sales.\n  steps:\n    - title: Publish\n      done: true\n",
        f"  status: {status}\n  why: Buyers compare seats before they talk to sales.\n  steps:\n    - title: Publish\n      done: {str(done).lower()}\n",
    )


def make_history(root: Path) -> GitRepo:
    """The example project, committed over five months."""
    shutil.copytree(EXAMPLE, root)
    repo = GitRepo(root)
    (root / ".gitignore").write_text("site/\n.cache/\n")
    repo.write({"strategy/initiatives/onboarding.yaml": onboarding(1, 20), "strategy/initiatives/more.yaml": pricing("active", False)})
    repo.commit("2026-01-05", {}, "the example tree")
    repo.commit("2026-02-16", {"strategy/initiatives/onboarding.yaml": onboarding(2, 25)})
    repo.commit("2026-04-06", {"strategy/initiatives/more.yaml": pricing("done", True)})
    repo.commit("2026-05-12", {"strategy/initiatives/onboarding.yaml": onboarding(3, 31)})
    assert (root / "strategy" / "initiatives" / "onboarding.yaml").read_text() == example("strategy/initiatives/onboarding.yaml")
    return repo


@pytest.fixture(scope="module")
def history_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    repo = make_history(tmp_path_factory.mktemp("history") / "p")
    done = run_build(repo.root)
    assert done.ok, done.log
    return done.site


def section(raw: str, heading: str) -> str:
    start = raw.index(f">{heading}<")
    end = raw.find("<h2", start)
    return raw[start : end if end != -1 else None]


def figure_rows(html: str, caption: str) -> list[list[str]]:
    figure = html[html.index(f"<figcaption>{caption}</figcaption>") :].split("</figure>")[0]
    return [re.findall(r"<td>([^<]*)</td>", row) for row in re.findall(r"<tr>(.*?)</tr>", figure.split("<tbody>")[1])]


def test_a_nodes_page_has_its_history_with_a_burnup_and_its_metric(history_site):
    history = section(page(history_site, "strategy", "onboarding"), "History")
    assert 'Created <time datetime="2026-01-05">2026-01-05</time> · last changed <time datetime="2026-05-12">2026-05-12</time>' in history
    assert figure_rows(history, "Steps done against steps in all") == [
        ["2026-01-05", "1", "5"],
        ["2026-02-16", "2", "5"],
        ["2026-05-12", "3", "5"],
    ]
    assert figure_rows(history, "Activation rate over time") == [["2026-01-05", "20 %"], ["2026-02-16", "25 %"], ["2026-05-12", "31 %"]]
    svgs = re.findall(r"<svg class=\"ladder-chart__svg\"[^>]*>", history)
    assert len(svgs) == 2 and all('role="img"' in s for s in svgs)
    assert 'aria-label="Steps of Self-serve onboarding: 3 of 5 steps done on 2026-06-01, from 1 of 5 on 2026-01-05"' in history
    assert "ladder-chart__target" in history  # the metric's target, dashed
    assert "<script" not in history


def test_charts_go_into_the_finished_html_never_through_markdown_or_search(history_site):
    raw = page(history_site, "strategy", "onboarding")
    assert "data-ladder-chart=" not in raw  # every slot was filled
    index = (history_site / "search" / "search_index.json").read_text()
    assert "ladder-chart" not in index and "steps in all" not in index


def test_the_burnup_is_drawn_to_scale(history_site):
    history = section(page(history_site, "strategy", "onboarding"), "History")
    done_line = re.search(r'<path class="ladder-chart__line ladder-chart__done" d="([^"]+)"', history).group(1)
    # 1, 2, then 3 of 5 steps, on 2026-01-05, 02-16 and 05-12, drawn up to today (2026-06-01)
    assert done_line == "M36 118.8H182.3V91.6H478.3V64.4H548"


def test_status_changes_are_listed_with_their_dates(history_site):
    history = section(page(history_site, "strategy", "pricing-page"), "History")
    assert re.search(
        r'<time datetime="2026-04-06">2026-04-06</time>: <span class="ladder-status ladder-status--active">active</span> → '
        r'<span class="ladder-status ladder-status--done">done</span>',
        history,
    )


def test_a_strategy_shows_its_initiatives_burnup_and_what_got_done_each_month(history_site):
    history = section(page(history_site, "strategy", "mid-market"), "History")
    assert figure_rows(history, "Steps of its initiatives, done against in all") == [
        ["2026-01-05", "1", "6"],
        ["2026-02-16", "2", "6"],
        ["2026-04-06", "3", "6"],
        ["2026-05-12", "4", "6"],
    ]
    months = figure_rows(history, "Initiatives done per month")
    assert months[0] == ["2025-07", "0"] and months[-1] == ["2026-06", "0"] and len(months) == 12
    assert ["2026-04", "1"] in months and sum(int(n) for _, n in months) == 1


def test_the_changes_page_lists_the_last_twelve_weeks_week_by_week(history_site):
    raw = page(history_site, "strategy", "changes")
    weeks = re.findall(r'<h2 id="[^"]*">Week of ([0-9-]+)', raw)
    assert weeks == ["2026-05-11", "2026-04-06"]  # 2026-02-16 is older than twelve weeks
    may = raw[raw.index(">Week of 2026-05-11</h2>") : raw.index(">Week of 2026-04-06</h2>")]
    assert re.findall(r'<h3 id="week-20260511-([a-z]+)">([^<]+)</h3>', may) == [("step", "Steps done"), ("metric", "Metrics moved")]
    assert (
        '<time datetime="2026-05-12">2026-05-12</time> <a href="../onboarding/">Self-serve onboarding</a> (initiative): Invite flow' in may
    )
    assert "Activation rate 25 → 31" in may
    april = raw[raw.index(">Week of 2026-04-06</h2>") :]
    assert re.findall(r"<h3[^>]*>([^<]+)</h3>", april) == ["Status changes", "Steps done"]
    assert '<a href="../pricing-page/">A pricing page for teams</a> (initiative): Publish' in april
    assert "1 status change, 2 steps done, 1 metric moved" in raw


@pytest.mark.slow  # a real build
def test_the_changes_page_names_each_level_and_follows_a_renamed_node(tmp_path):
    """A node renamed (the same title under a new id, the same day) links to its new id; a node
    removed says so; every entry names its level."""
    repo = make_history(tmp_path / "p")
    more = example("strategy/initiatives/more.yaml")
    renamed = more.replace("- id: pricing-page\n", "- id: team-pricing\n")
    repo.commit("2026-05-18", {"strategy/initiatives/more.yaml": renamed})
    gone = renamed[: renamed.index("- id: legacy-export")] + renamed[renamed.index("- id: shared-login") :]
    repo.commit("2026-05-19", {"strategy/initiatives/more.yaml": gone})
    done = run_build(repo.root)
    assert done.ok, done.log
    week = page(done.site, "strategy", "changes").split(">Week of 2026-05-18</h2>")[1].split("<h2")[0]
    added = first(week, "ul", cls="ladder-changes--added").inner
    assert '<a href="../team-pricing/">A pricing page for teams</a> (initiative)</li>' in added
    removed = first(week, "ul", cls="ladder-changes--removed").inner
    assert '<a href="../team-pricing/">A pricing page for teams</a> (initiative, now A pricing page for teams)</li>' in removed
    assert "Legacy export tool (initiative, since removed or renamed)</li>" in removed
    assert "legacy-export/" not in week


def test_renamed_follows_a_chain_and_leaves_a_removed_node_out():
    from datetime import date

    from mkdocs_ladder.history.events import renamed
    from mkdocs_ladder.history.model import History, NodeHistory
    from mkdocs_ladder.tree.model import Level

    def past(node_id: str, title: str, created: str, removed: str | None = None, level: Level = Level.INITIATIVE) -> NodeHistory:
        day = date.fromisoformat(created)
        return NodeHistory(node_id, title, level, None, day, day, removed=date.fromisoformat(removed) if removed else None)

    nodes = [
        past("a", "Alpha", "2026-01-01", "2026-02-01"),
        past("b", "Alpha", "2026-02-01", "2026-03-01"),
        past("c", "Alpha", "2026-03-01"),  # a -> b -> c
        past("d", "Delta", "2026-01-01", "2026-02-01"),  # removed: nothing like it appeared that day
        past("e", "Echo", "2026-01-01", "2026-02-01"),
        past("e1", "Echo", "2026-02-01"),
        past("e2", "Echo", "2026-02-01"),  # two heirs: not a rename anyone can name
        past("f", "Fox", "2026-01-01", "2026-02-01"),
        past("g", "Fox", "2026-02-01", level=Level.STRATEGY),  # another level
        past("h", "Hotel", "2026-01-01", "2026-02-01"),
        past("i", "Hotel", "2026-02-01", "2026-02-05"),  # its heir was removed too
    ]
    history = History(True, nodes={n.id: n for n in nodes})
    assert renamed(history, {"c", "e1", "e2", "g"}) == {"a": "c", "b": "c"}


def test_the_overview_counts_steps_done_in_the_last_thirty_days(history_site):
    raw = page(history_site, "strategy")
    table = first(first(raw, cls="ladder-overview").inner, "table")
    assert [h.text for h in located(table.inner, "th", cls="ladder-count")][-2:] == ["done, 30 days", "warnings"]
    rows = {
        first(r.inner, "a").attrs["href"]: first(r.inner, "td", cls="ladder-recent").text
        for r in located(first(table.inner, "tbody").inner, "tr")
    }
    assert rows == {"mid-market/": "1", "retention/": "0", "platform/": "0"}
    assert first(first(table.inner, "tfoot").inner, "td", cls="ladder-recent").text == "1"
    assert 'href="changes/">Changes</a>' in raw


def test_the_changes_page_is_in_the_nav_beside_the_other_views(history_site):
    raw = (history_site / "index.html").read_text()
    links = re.findall(r'href="(strategy/[a-z-]*/?)" class="md-nav__link', raw)
    assert links[-7:] == [
        "strategy/roadmap/",
        "strategy/changes/",
        "strategy/health/",
        "strategy/learning/",
        "strategy/owners/",
        "strategy/tags/",
        "strategy/work/",
    ]


# --- without history --------------------------------------------------------------------------------------


def test_a_shallow_clone_builds_strict_and_says_that_no_history_is_available(tmp_path):
    repo = make_history(tmp_path / "full")
    clone = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo.root}", str(clone)], check=True)
    (clone / "strategy" / "strategies" / "platform.yml").write_text(example("strategy/strategies/platform.yml"))
    done = run_build(clone, strict=True)
    assert done.ok, done.log
    assert "INFO: mkdocs_ladder: warning: no history is available: the repository is a shallow clone" in done.log
    assert "fetch-depth: 0" in done.log
    assert "No history is available: the repository is a shallow clone" in section(page(done.site, "strategy", "onboarding"), "History")
    assert "No history is available" in page(done.site, "strategy", "changes")
    runner = CliRunner()
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(clone)
        result = runner.invoke(main, ["check"])
    assert result.exit_code == 0
    assert result.output.splitlines()[0].startswith(
        "ladder: warning: no history is available, so its rules were skipped: the repository is a shallow clone"
    )


def test_outside_git_the_pages_do_not_mention_history(example_site):
    raw = page(example_site, "strategy", "onboarding")
    assert ">History<" not in raw and "ladder-chart" not in raw
    assert not (example_site / "strategy" / "changes").exists()
    assert "done, 30 days" not in page(example_site, "strategy")


def test_history_false_turns_all_of_it_off(tmp_path):
    repo = make_history(tmp_path / "p")
    site = build(with_options(repo.root, history=False), strict=False)
    assert ">History<" not in page(site, "strategy", "onboarding")
    assert not (site / "strategy" / "changes").exists()
    assert "done, 30 days" not in page(site, "strategy")


def test_ladder_render_carries_the_same_history(tmp_path):
    repo = make_history(tmp_path / "p")
    out = repo.root / "docs" / "strategy"
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(repo.root)
        result = CliRunner().invoke(main, ["render", str(out)])
    assert result.exit_code == 0, result.output
    markdown = (out / "onboarding" / "index.md").read_text()
    history = unescape(markdown[markdown.index("## History") :])
    assert figure_rows(history, "Steps done against steps in all") == [
        ["2026-01-05", "1", "5"],
        ["2026-02-16", "2", "5"],
        ["2026-05-12", "3", "5"],
    ]
    assert (out / "changes" / "index.md").is_file()


def test_a_node_older_than_the_read_is_created_on_or_before_its_start(tmp_path):
    repo = make_history(tmp_path / "p")
    site = build(with_options(repo.root, history_days=100), strict=False)  # the read begins on 2026-02-21
    history = section(page(site, "strategy", "onboarding"), "History")
    assert (
        'Created on or before <time datetime="2026-02-21">2026-02-21</time> · last changed <time datetime="2026-05-12">2026-05-12</time>'
    ) in history


def test_charts_take_the_columns_width_and_have_colours_for_both_schemes(history_site):
    css = (history_site / "assets" / "ladder" / "ladder.css").read_text()
    assert ".md-typeset figure.ladder-chart { display: block; width: 100%;" in css  # not shrunk to Material's figure
    for line in ("ladder-chart__done", "ladder-chart__total", "ladder-chart__value", "ladder-chart__target", "ladder-chart__bar"):
        assert f'[data-md-color-scheme="slate"] .{line}' in css, line


@pytest.mark.slow  # a real build
def test_changes_of_horizon_value_and_confidence_are_events_on_the_pages_and_in_ladder_history(tmp_path):
    """Nobody keeps a list of check-ins: the file holds today's value, git holds the rest."""
    repo = make_history(tmp_path / "p")
    source = "strategy/initiatives/onboarding.yaml"
    base = example(source)
    repo.commit("2026-05-18", {source: base + "horizon: now\nvalue: L\nconfidence: low\n"})
    repo.commit("2026-05-20", {source: base + "horizon: later\nvalue: M\nconfidence: 70\n"})
    repo.commit("2026-05-21", {source: base + "horizon: next\nvalue: M\nconfidence: 70\n"})
    done = run_build(repo.root)
    assert done.ok, done.log
    week = page(done.site, "strategy", "changes").split(">Week of 2026-05-18</h2>")[1].split("<h2")[0]
    lines = [li.text for li in located(first(week, "ul", cls="ladder-changes--plan").inner, "li")]
    assert lines == [
        "2026-05-21 Self-serve onboarding (initiative): horizon Later → Next (brought forward)",
        "2026-05-20 Self-serve onboarding (initiative): confidence low → 70",
        "2026-05-20 Self-serve onboarding (initiative): horizon Now → Later (deprioritised)",
        "2026-05-20 Self-serve onboarding (initiative): value L → M",
        "2026-05-18 Self-serve onboarding (initiative): confidence none → low",
        "2026-05-18 Self-serve onboarding (initiative): horizon none → Now",
        "2026-05-18 Self-serve onboarding (initiative): value none → L",
    ]
    assert "7 priority changes" in page(done.site, "strategy", "changes")
    history = section(page(done.site, "strategy", "onboarding"), "History")
    items = [li.text for li in located(first(history, cls="ladder-history__plans").inner, "li")]
    assert items[:2] == ["2026-05-18: horizon none → Now", "2026-05-18: value none → L"]
    assert "2026-05-20: horizon Now → Later (deprioritised)" in items
    result = CliRunner().invoke(main, ["history", "onboarding", "-d", str(repo.root / "strategy")])
    assert "2026-05-20  horizon: now -> later" in result.output and "2026-05-18  confidence: none -> low" in result.output
