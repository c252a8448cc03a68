"""A preview that follows the author: after an edit, `mkdocs serve` makes anew only the pages
the edit touched, and those pages are what a full build makes, byte for byte.

The pure part (which pages an edit touches) is tested on small trees; the serve builds run
MkDocs in this process as `mkdocs serve` does (one plugin object across builds, the config
read anew for each), and compare every page with a full build of the same tree."""

from __future__ import annotations

import json
import logging
import re
import shutil
from pathlib import Path

import pytest
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config

from mkdocs_ladder import wiring
from mkdocs_ladder.check import check_directory
from mkdocs_ladder.preview import touched
from mkdocs_ladder.render.pages import Contents, context_of, plan_diagrams, render_site
from mkdocs_ladder.render.site import DiagramMode
from mkdocs_ladder.settings import Settings
from mkdocs_ladder.tree.sources import MemorySource

from .sites import BUILD_EPOCH, _plugin_cache, build, generated_project

# --- which pages an edit touches ---------------------------------------------------------------

BASE = {
    "mission.yaml": "title: The mission\n",
    "strategies/a.yaml": "title: Strategy A\nparent: mission\nowner: ops\n",
    "strategies/b.yaml": "title: Strategy B\nparent: mission\nowner: ops\n",
    "initiatives/a1.yaml": "title: A one\nparent: a\nowner: ops\nwhy: w\nsteps: [One, Two]\n",
    "initiatives/a2.yaml": "title: A two\nparent: a\nowner: ops\nwhy: w\nsteps: [One]\n",
    "initiatives/b1.yaml": "title: B one\nparent: b\nowner: ops\nwhy: w\nsteps: [One]\n",
    "initiatives/b2.yaml": "title: B two\nparent: b\nowner: ops\nwhy: w\nsteps: [One]\nsupports: [a]\n",
}


OPTIONS = wiring.page_options(Settings(), directory_urls=True)


def shown(files: dict[str, str]) -> Contents:
    done = check_directory(MemorySource(Path("/virtual/strategy"), {k: v.encode() for k, v in files.items()}))
    assert done.tree is not None, done.problems
    return Contents(done.tree, [p for p in done.problems if p.configurable])


def after(**edits: str | None) -> set[str]:
    """The pages touched by replacing (or with None, removing) some files of BASE: what a
    recorded build of BASE asked, asked again of the edited tree."""
    new = {**BASE, **{f"{'strategies' if len(k) == 1 else 'initiatives'}/{k}.yaml": v for k, v in edits.items()}}
    new = shown({k: v for k, v in new.items() if v is not None})
    old, reads = shown(BASE), {}
    plan_diagrams(old.tree, OPTIONS, None, reads)
    site = render_site(old, {}, OPTIONS, DiagramMode.SLOT, None, reads)
    return touched(site, context_of(new, OPTIONS, DiagramMode.SLOT), new.tree.nodes)


def test_nothing_changed_touches_nothing():
    assert after() == set()


def test_a_step_done_touches_its_page_and_the_pages_that_count_it():
    # the mission's page shows the strategies, their boxes and counts, not their initiatives' steps
    assert after(a1=BASE["initiatives/a1.yaml"].replace("[One, Two]", "[{title: One, done: true}, Two]")) == {"a1", "a"}


def test_a_new_title_touches_the_pages_that_draw_its_box():
    assert after(a1=BASE["initiatives/a1.yaml"].replace("A one", "A first")) == {"a1", "a"}


def test_a_new_owner_changes_its_strategys_box_and_so_its_siblings_pages():
    # a strategy's box carries its initiatives' owners for the filters: every page that draws it
    assert after(a1=BASE["initiatives/a1.yaml"].replace("owner: ops", "owner: web")) == {"a1", "a", "a2", "b2", "mission"}


def test_a_strategys_status_touches_its_initiatives_pages():
    assert after(b=BASE["strategies/b.yaml"] + "status: paused\n") >= {"b", "b1", "b2", "mission"}
    assert "a1" not in after(b=BASE["strategies/b.yaml"] + "status: paused\n")


def test_supports_touch_both_ends():
    assert after(a2=BASE["initiatives/a2.yaml"] + "supports: [b]\n") == {"a2", "a", "b"}


def test_a_node_added_or_removed_touches_its_parents_pages():
    assert after(a3="title: A three\nparent: a\nowner: ops\nwhy: w\nsteps: [One]\n") == {"a3", "a"}
    assert after(a2=None) == {"a"}


def test_a_finding_that_changes_elsewhere_touches_that_node():
    # b1 loses its why: its own finding changes, and the pages that count b1's warnings
    assert after(b1="title: B one\nparent: b\nowner: ops\nsteps: [One]\n") == {"b1", "b"}


# --- mkdocs serve, in this process -------------------------------------------------------------

SERVE_URL = "http://127.0.0.1:8000/"


class Serving:
    """``mkdocs serve``'s builds of one project into ``site_dir``: the plugin kept across them."""

    def __init__(self, project: Path, site_dir: Path, monkeypatch: pytest.MonkeyPatch):
        self.project, self.site_dir, self.lines = project, site_dir, []
        monkeypatch.chdir(project)
        monkeypatch.setenv("SOURCE_DATE_EPOCH", BUILD_EPOCH)
        monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
        _plugin_cache().clear()
        self.first = True

    def build(self) -> str:
        handler = logging.Handler()
        lines: list[str] = []
        handler.emit = lambda record: lines.append(record.getMessage())  # type: ignore[method-assign]
        logger = logging.getLogger("mkdocs")
        logger.addHandler(handler)
        level = logger.level
        logger.setLevel(logging.INFO)
        try:
            config = load_config(str(self.project / "mkdocs.yml"), site_dir=str(self.site_dir))
            if self.first:
                config.plugins.on_startup(command="serve", dirty=False)
                self.first = False
            config.site_url = SERVE_URL
            mkdocs_build(config, serve_url=SERVE_URL)
        finally:
            logger.removeHandler(handler)
            logger.setLevel(level)
        return "\n".join(lines)


@pytest.fixture
def serving(tmp_path, monkeypatch):  # each test that uses it builds sites: slow
    project = generated_project(tmp_path / "p", 4, 6)
    yield Serving(project, tmp_path / "served", monkeypatch)
    _plugin_cache().clear()


def pages(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): p.read_text() for p in sorted((site / "strategy").rglob("*")) if p.is_file()}


def article(html: str) -> str:
    """A page's content: what it shows, without the theme's nav around it."""
    return html[html.index("<article") : html.index("</article>")]


def full_build(project: Path, site_dir: Path) -> Path:
    """A serve's first build (every page) of ``project`` as it is now."""
    _plugin_cache().clear()
    Serving(project, site_dir, pytest.MonkeyPatch()).build()
    _plugin_cache().clear()
    return site_dir


def edit(project: Path, name: str, old: str, new: str) -> None:
    path = project / "strategy" / "initiatives" / name
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


@pytest.mark.slow
def test_after_a_step_is_done_serve_makes_two_pages_anew_and_every_page_is_a_full_builds(serving, tmp_path):
    serving.build()
    before = pages(serving.site_dir)
    edit(serving.project, "i0006.yaml", "  - title: Step 0\n    done: false\n", "  - title: Step 0\n    done: true\n")
    log = serving.build()
    assert "ladder: 2 node pages made anew" in log
    now = pages(serving.site_dir)
    assert now["strategy/i0006/index.html"] != before["strategy/i0006/index.html"]
    assert now["strategy/i0004/index.html"] == before["strategy/i0004/index.html"]  # untouched: the last build's file
    full = pages(full_build(serving.project, tmp_path / "full"))
    assert sorted(now) == sorted(full)
    assert {name for name in full if now[name] != full[name]} == set()  # the nav did not change: byte for byte


@pytest.mark.slow
def test_after_a_new_title_the_touched_pages_are_a_full_builds_and_the_others_differ_only_in_the_nav(serving, tmp_path):
    serving.build()
    edit(serving.project, "i0007.yaml", "title: ", "title: Renamed ")
    serving.build()
    now = pages(serving.site_dir)
    assert "Renamed" in now["strategy/i0007/index.html"] and "Renamed" in now["strategy/s001/index.html"]
    assert "Renamed" in now["strategy/index.html"] and "Renamed" in now["strategy/owners/index.html"]
    full = pages(full_build(serving.project, tmp_path / "full"))
    assert {name for name in full if name.endswith(".html") and article(now[name]) != article(full[name])} == set()
    assert {name for name in full if name.endswith(".svg") and now[name] != full[name]} == set()


@pytest.mark.slow
def test_the_search_index_of_a_preview_holds_every_page(serving, tmp_path):
    serving.build()
    edit(serving.project, "i0002.yaml", "why: It serves", "why: Zebra. It serves")
    serving.build()
    index = json.loads((serving.site_dir / "search" / "search_index.json").read_text())
    full = json.loads((full_build(serving.project, tmp_path / "full") / "search" / "search_index.json").read_text())

    def entries(found: dict) -> list[str]:
        return sorted(json.dumps(entry, sort_keys=True) for entry in found["docs"])

    assert entries(index) == entries(full)
    assert any("Zebra" in entry["text"] for entry in index["docs"] if entry["location"].startswith("strategy/i0002/"))


@pytest.mark.slow
def test_a_change_to_the_config_or_a_big_edit_makes_every_page_anew(serving):
    serving.build()
    config = serving.project / "mkdocs.yml"
    config.write_text(config.read_text().replace("site_name: Acme strategy", "site_name: Acme"))
    assert "node pages made anew" not in serving.build()
    mission = serving.project / "strategy" / "mission.yaml"
    mission.write_text(mission.read_text().replace("title: ", "title: Our "))  # the mission's box is in every diagram
    assert "node pages made anew" not in serving.build()
    edit(serving.project, "i0001.yaml", "why: It serves", "why: Now it serves")
    assert "ladder: 2 node pages made anew" in serving.build()


@pytest.mark.slow
def test_preview_false_makes_every_page_every_time(serving):
    config = serving.project / "mkdocs.yml"
    config.write_text(re.sub(r"  - ladder\n", "  - ladder:\n      preview: false\n", config.read_text()))
    serving.build()
    edit(serving.project, "i0001.yaml", "why: It serves", "why: Now it serves")
    assert "node pages made anew" not in serving.build()


@pytest.mark.slow
def test_a_watching_render_makes_only_the_touched_pages_anew_and_writes_what_a_full_render_does(tmp_path, monkeypatch):
    """`ladder render --watch`, for Zensical: the same preview, and the same files as a render
    of the edited tree from nothing."""
    from mkdocs_ladder.adapters.render import Target, render_once, renders_on_save
    from mkdocs_ladder.config_file import load_site_config

    from .sites import ladder

    source = generated_project(tmp_path / "src", 4, 6)
    project = tmp_path / "zen"
    assert ladder(tmp_path, "init", "--generator", "zensical", str(project)).returncode == 0
    shutil.rmtree(project / "strategy")
    shutil.copytree(source / "strategy", project / "strategy")
    monkeypatch.chdir(project)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", BUILD_EPOCH)
    first = render_once(load_site_config(project / "zensical.toml"), Target(), watching=True)
    assert first.ok and first.kept is not None
    saves = renders_on_save(None, Target(), sleep=lambda _: None, first=first.kept)
    edit(project, "i0006.yaml", "  - title: Step 0\n    done: false\n", "  - title: Step 0\n    done: true\n")
    done = next(saves)
    assert done.ok and "(2 node pages made anew)" in done.said, done.said
    watched = {p.relative_to(project).as_posix(): p.read_bytes() for p in sorted((project / "docs").rglob("*")) if p.is_file()}
    shutil.rmtree(project / "docs" / "strategy")
    again = render_once(load_site_config(project / "zensical.toml"), Target())
    assert again.ok and "made anew" not in again.said
    fresh = {p.relative_to(project).as_posix(): p.read_bytes() for p in sorted((project / "docs").rglob("*")) if p.is_file()}
    assert watched == fresh


@pytest.mark.slow
def test_mkdocs_build_never_reuses_a_page(tmp_path, monkeypatch):
    """The preview is serve's alone: `mkdocs build` after an edit, by the same plugin object,
    makes every page, as a build from nothing does."""
    project = generated_project(tmp_path / "p", 3, 4)
    monkeypatch.chdir(project)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", BUILD_EPOCH)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    _plugin_cache().clear()
    try:
        config = load_config(str(project / "mkdocs.yml"), site_dir=str(tmp_path / "one"))
        config.plugins.on_startup(command="build", dirty=False)
        mkdocs_build(config)
        edit(project, "i0001.yaml", "why: It serves", "why: Now it serves")
        again = load_config(str(project / "mkdocs.yml"), site_dir=str(tmp_path / "one"))
        mkdocs_build(again)
        assert again.plugins["ladder"].preview is None and again.plugins["ladder"].reused == {}
    finally:
        _plugin_cache().clear()
    fresh = build(project, strict=False, site_dir=str(tmp_path / "fresh"))
    assert pages(tmp_path / "one") == pages(fresh)


@pytest.mark.slow
def test_a_build_that_fails_after_the_move_leaves_no_copy_once_serve_ends(serving):
    """The copy of site_dir moved aside is removed by the next build, or when serve stops."""
    from mkdocs_ladder.adapters.mkdocs.reuse import STASH_SUFFIX

    serving.build()
    edit(serving.project, "i0001.yaml", "why: It serves", "why: Now it serves")
    config = load_config(str(serving.project / "mkdocs.yml"), site_dir=str(serving.site_dir))
    plugin = config.plugins["ladder"]
    plugin.on_config(config)
    assert plugin.reused  # the pages this build would take as they were
    plugin.on_pre_build(config=config)  # site_dir moved aside; the build then fails, say
    stash = Path(str(serving.site_dir) + STASH_SUFFIX)
    assert stash.is_dir()
    config.plugins.on_shutdown()
    assert not stash.exists()
