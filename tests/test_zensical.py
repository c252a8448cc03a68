"""The route without a plugin: `ladder init --generator zensical`, `ladder render` with no
arguments (incremental, bounded navigation in the config's blocks, never outside its folder),
`--watch`, and pages that real Zensical builds with the plugin's content."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from mkdocs_ladder.adapters import blocks, files
from mkdocs_ladder.adapters.files import RENDER_MARKER, write_pages
from mkdocs_ladder.adapters.render import Target, renders_on_save
from mkdocs_ladder.config_file import discover_config, read_site_config
from mkdocs_ladder.project import Project
from mkdocs_ladder.publish import build_site
from mkdocs_ladder.settings import Settings

from .sites import BIN, build, copy_fixture, first, internal_links, ladder

# --- the config's blocks ---------------------------------------------------------------------------------

TOML = """[project]
site_name = "Mine"   # mine
nav = [
  {"Home" = "index.md"},
    # ladder: begin nav (kept by ladder render)
    {"old" = "stale.md"},
    # ladder: end nav
  {"About" = "about.md"},
]
"""

YAML = """site_name: Mine
nav:
  - Home: index.md
  # ladder: begin nav
  - old: stale.md
  # ladder: end nav
  - About: about.md
"""

NAV = [{"Strategy": ["strategy/index.md", {'Say "hi" \\ now': "strategy/a/index.md"}, {"Ünïcode": "strategy/b/index.md"}]}]


def test_a_toml_block_is_filled_in_place_and_nothing_else_changes():
    filled = blocks.fill(TOML, {"nav": NAV, "css": ["strategy/ladder.css"]}, toml=True)
    assert filled.missing == ("css",)
    before, after = TOML.split("# ladder: begin nav")[0], TOML.split("# ladder: end nav")[1]
    assert filled.text.startswith(before) and filled.text.endswith(after)
    assert (
        '    {"Strategy" = ["strategy/index.md", {"Say \\"hi\\" \\\\ now" = "strategy/a/index.md"}, {"Ünïcode" = "strategy/b/index.md"}]},\n'
        in filled.text
    )
    import tomllib

    assert tomllib.loads(filled.text)["project"]["nav"] == [{"Home": "index.md"}, *NAV, {"About": "about.md"}]
    assert blocks.fill(filled.text, {"nav": NAV}, toml=True).text == filled.text  # filling again changes nothing


def test_a_yaml_block_is_filled_in_place():
    import yaml

    filled = blocks.fill(YAML, {"nav": NAV}, toml=False)
    assert filled.missing == ()
    assert yaml.safe_load(filled.text)["nav"] == [{"Home": "index.md"}, *NAV, {"About": "about.md"}]
    assert filled.text.startswith("site_name: Mine\nnav:\n  - Home: index.md\n  # ladder: begin nav\n  - Strategy:\n")


def test_a_block_begun_and_never_ended_is_an_error():
    with pytest.raises(ValueError, match="'# ladder: begin nav' has no '# ladder: end nav'"):
        blocks.fill("nav = [\n  # ladder: begin nav\n]\n", {"nav": NAV}, toml=True)


def rendered(project: Path, **options: object):
    opened = Project(Settings.model_validate(options), project / "strategy", project)
    checked = opened.check(history=False)
    assert checked.tree is not None
    return build_site(checked, opened).site, opened.settings


def test_the_navigation_lists_the_strategies_and_views_never_the_initiatives(tmp_path):
    site, settings = rendered(copy_fixture("example", tmp_path / "p"))
    (section,) = files.navigation(site, "Strategy", settings.nav_initiatives, settings.nav_max_strategies)
    entries = section["Strategy"]
    assert entries[0] == "strategy/index.md"
    assert entries[1:] == [
        {"Make small businesses twice as productive": "strategy/mission/index.md"},
        {"Win the mid-market": "strategy/mid-market/index.md"},
        {"One platform for every product": "strategy/platform/index.md"},
        {"Keep the customers we win": "strategy/retention/index.md"},
        {"Roadmap": "strategy/roadmap/index.md"},
        {"Health": "strategy/health/index.md"},
        {"Learning": "strategy/learning/index.md"},
        {"Owners": "strategy/owners/index.md"},
        {"Tags": "strategy/tags/index.md"},
    ]
    (bounded,) = files.navigation(site, "Strategy", False, 2)
    assert [e for e in bounded["Strategy"] if isinstance(e, dict) and "strategy/mid-market/index.md" in e.values()] == []
    (deep,) = files.navigation(site, "Strategy", True, 50)
    assert {
        "Win the mid-market": [
            "strategy/mid-market/index.md",
            {"A pricing page for teams": "strategy/pricing-page/index.md"},
            {"Self-serve onboarding": "strategy/onboarding/index.md"},
        ]
    } in deep["Strategy"]


# --- the folder ---------------------------------------------------------------------------------------------


def test_a_render_writes_only_what_changed_and_removes_what_is_gone(tmp_path):
    project = copy_fixture("example", tmp_path / "p")
    out = project / "docs" / "strategy"
    site, _ = rendered(project)
    first = write_pages(site, out, "strategy")
    assert (first.pages, first.written, first.unchanged, first.removed) == (len(site.pages), len(site.pages) + len(site.diagrams) + 3, 0, 0)
    stamps = {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()}
    time.sleep(0.02)
    again = write_pages(site, out, "strategy")
    assert (again.written, again.unchanged, again.removed) == (0, len(site.pages) + len(site.diagrams) + 3, 0)
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()} == stamps  # an incremental build skips them all
    source = project / "strategy" / "initiatives" / "more.yaml"
    text = source.read_text()
    text = text[: text.index("- id: legacy-export")] + text[text.index("- id: shared-login") :]
    source.write_text(text.replace("Account health score", "Account health index"))
    edited, _ = rendered(project)
    third = write_pages(edited, out, "strategy")
    assert not (out / "legacy-export").exists()  # the node is gone, and so is its page
    assert third.removed == 2 and 0 < third.written < 10  # its page and its diagram
    assert (out / "onboarding" / "index.md").stat().st_mtime_ns == stamps[out / "onboarding" / "index.md"]
    assert "Account health index" in (out / "health-score" / "index.md").read_text()


def test_a_render_never_writes_into_a_users_folder_or_out_of_its_own(tmp_path):
    project = copy_fixture("example", tmp_path / "p")
    site, _ = rendered(project)
    mine = project / "docs" / "strategy"
    mine.mkdir(parents=True)
    (mine / "notes.md").write_text("# mine\n")
    with pytest.raises(Exception, match="not written by `ladder render`"):
        write_pages(site, mine, "strategy")
    assert [p.name for p in mine.iterdir()] == ["notes.md"]
    (mine / "notes.md").unlink()
    write_pages(site, mine, "strategy")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shutil.rmtree(mine / "onboarding")
    (mine / "onboarding").symlink_to(elsewhere)
    with pytest.raises(Exception, match="leads out of"):
        write_pages(site, mine, "strategy")
    assert list(elsewhere.iterdir()) == []


# --- ladder render with no arguments -----------------------------------------------------------------------


def zensical_project(tmp_path: Path, *extra: str) -> Path:
    project = tmp_path / "zen"
    done = ladder(tmp_path, "init", "--generator", "zensical", str(project), *extra)
    assert done.returncode == 0, done.stdout + done.stderr
    return project


def test_init_for_zensical_keeps_the_options_out_of_zensicals_config(tmp_path):
    project = zensical_project(tmp_path)
    import tomllib

    config = tomllib.loads((project / "zensical.toml").read_text())["project"]
    assert "plugins" not in config and "ladder" not in json.dumps(config).replace("strategy/ladder.", "")
    assert config["extra_css"] == ["strategy/ladder.css"] and config["extra_javascript"] == ["strategy/ladder.js"]
    assert config["nav"][1]["Strategy"][0] == "strategy/index.md"
    assert (project / "ladder.yml").is_file() and (project / "docs" / "strategy" / RENDER_MARKER).is_file()
    assert "docs/strategy/" in (project / ".gitignore").read_text()
    site = read_site_config(discover_config(project))
    assert site.zensical and site.pages_dir == project / "docs" / "strategy"
    assert ladder(tmp_path, "init", "--generator", "zensical", str(project)).returncode == 1  # never twice


@pytest.mark.slow  # seconds: kept out of the fast subset
def test_render_with_no_arguments_follows_the_config_and_ladder_yml(tmp_path):
    project = zensical_project(tmp_path)
    (project / "ladder.yml").write_text("levels: {initiative: Bet}\nhistory: false\n")
    done = ladder(project, "render")
    assert done.returncode == 0, done.stderr
    assert '<span class="ladder-level">Bet</span>' in (project / "docs" / "strategy" / "self-serve-onboarding" / "index.md").read_text()
    config = (project / "zensical.toml").read_bytes()
    again = ladder(project, "render")
    assert re.search(r"rendered 9 pages into docs/strategy: 0 files written, 16 unchanged, 0 removed$", again.stdout.strip())
    assert (project / "zensical.toml").read_bytes() == config
    (project / "ladder.yml").write_text("levels: {initiativ: Bet}\n")
    wrong = ladder(project, "render")
    assert wrong.returncode == 2
    assert "ladder.yml: option 'levels': no level 'initiativ' (did you mean 'initiative'?)" in wrong.stderr
    checked = ladder(project, "check")  # every command reads the same options
    assert checked.returncode == 2 and "ladder.yml: option 'levels': no level 'initiativ'" in checked.stderr


def test_a_bad_tree_leaves_the_last_good_pages_and_config(tmp_path):
    project = zensical_project(tmp_path)
    pages = {p: p.read_bytes() for p in (project / "docs").rglob("*") if p.is_file()}
    config = (project / "zensical.toml").read_bytes()
    (project / "strategy" / "initiatives" / "broken.yaml").write_text("title: [unclosed\n")
    done = ladder(project, "render")
    assert done.returncode == 1 and "broken.yaml:2:1: error: YAML syntax error" in done.stderr
    assert {p: p.read_bytes() for p in (project / "docs").rglob("*") if p.is_file()} == pages
    assert (project / "zensical.toml").read_bytes() == config


def test_a_config_without_blocks_is_left_alone_with_a_note(tmp_path):
    project = zensical_project(tmp_path)
    (project / "zensical.toml").write_text('[project]\nsite_name = "Mine"\n')
    done = ladder(project, "render")
    assert done.returncode == 0
    assert (project / "zensical.toml").read_text() == '[project]\nsite_name = "Mine"\n'
    assert "zensical.toml has no block for ladder's nav" in done.stderr and "# ladder: begin nav" in done.stderr


@pytest.mark.slow
def test_a_save_made_before_the_first_look_is_seen(tmp_path, monkeypatch):
    """Watching takes what it watches when it starts, not at its first look: a save made between
    the two (while "watching" is being said) is rendered."""
    project = zensical_project(tmp_path)
    monkeypatch.chdir(project)
    looks = []

    def look(_: float) -> None:  # no waiting; and a watcher that never sees the save fails, not hangs
        looks.append(1)
        assert len(looks) < 5, "the save made before the first look was never seen"

    saves = renders_on_save(None, Target(), sleep=look)
    source = project / "strategy" / "initiatives" / "self-serve-onboarding.yaml"
    source.write_text(source.read_text().replace("title: Self-serve onboarding", "title: Guided onboarding") + "\n")
    rendered = next(saves)
    assert rendered.ok and looks == [1]
    assert '<h1 id="ladder-title">Guided onboarding ' in (project / "docs" / "strategy" / "self-serve-onboarding" / "index.md").read_text()


@pytest.mark.slow  # a watch loop: seconds of polling
def test_watch_renders_every_save_and_keeps_the_last_good_pages(tmp_path):
    project = zensical_project(tmp_path)
    page = project / "docs" / "strategy" / "self-serve-onboarding" / "index.md"
    source = project / "strategy" / "initiatives" / "self-serve-onboarding.yaml"
    watcher = subprocess.Popen(
        [str(BIN / "ladder"), "render", "--watch"],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "NO_COLOR": "1"},
    )

    def until(condition, seconds: float = 60) -> None:
        deadline = time.monotonic() + seconds
        while not condition():
            if time.monotonic() > deadline:
                watcher.terminate()
                out, err = watcher.communicate(timeout=20)
                pytest.fail(f"the watcher did not render in time:\n{out}\n{err}")
            time.sleep(0.1)

    try:
        assert watcher.stderr is not None
        assert watcher.stderr.readline().startswith("watching for changes")  # rendered once, and looking
        source.write_text(source.read_text().replace("title: Self-serve onboarding", "title: Guided onboarding"))
        until(lambda: '<h1 id="ladder-title">Guided onboarding ' in page.read_text())
        good = page.read_text()
        source.write_text("title: [unclosed\n")
        time.sleep(2)
        assert page.read_text() == good  # a bad save leaves the last good page
        source.write_text(source.read_text().replace("title: [unclosed", "title: Onboarding again\nparent: win-the-mid-market"))
        until(lambda: '<h1 id="ladder-title">Onboarding again ' in page.read_text())
        options = project / "ladder.yml"
        options.write_text("levels: {initiativ: Bet}\n")  # a bad option: said, and the pages stay
        time.sleep(2)
        assert '<h1 id="ladder-title">Onboarding again ' in page.read_text()
        options.write_text("levels: {initiative: Bet}\n")
        until(lambda: '<span class="ladder-level">Bet</span>' in page.read_text())
    finally:
        watcher.terminate()
        _, errors = watcher.communicate(timeout=20)
    assert "self-serve-onboarding.yaml:2:1: error: YAML syntax error" in errors and "the last good pages stay" in errors
    assert "ladder.yml: option 'levels': no level 'initiativ' (did you mean 'initiative'?)" in errors


# --- real Zensical ------------------------------------------------------------------------------------------


def zensical_build(project: Path) -> Path:
    done = subprocess.run([str(BIN / "zensical"), "build"], cwd=project, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    return project / "site"


@pytest.mark.slow
def test_init_for_zensical_builds_as_is(tmp_path):
    site = zensical_build(zensical_project(tmp_path))
    home = (site / "index.html").read_text()
    nav = re.findall(r'href="\./(strategy/[a-z-]*/?)" class="md-nav__link', home)
    assert nav == [
        "strategy/",
        "strategy/mission/",
        "strategy/win-the-mid-market/",
        "strategy/roadmap/",
        "strategy/health/",
        "strategy/learning/",
        "strategy/owners/",
        "strategy/tags/",
    ]  # in ladder order, initiatives out
    assert '<link rel="stylesheet" href="./strategy/ladder.css">' in home and 'src="./strategy/ladder.js"' in home


def linked(site: Path, folder: str = "strategy") -> dict[str, set[str]]:
    """Each generated page's internal links, as site paths."""
    found: dict[str, set[str]] = {}
    for page, _, target in internal_links(site, folder):
        key = page.relative_to(site).as_posix()
        found.setdefault(key, set()).add(target.relative_to(site).as_posix() if target.is_relative_to(site) else str(target))
    return found


@pytest.mark.slow
def test_zensical_pages_carry_the_plugins_content(tmp_path):
    """The example project built twice: MkDocs with the plugin, and Zensical after `ladder render`."""
    plugin_site = build(copy_fixture("example", tmp_path / "plugin"))
    project = tmp_path / "zen"
    (project / "docs").mkdir(parents=True)
    (project / "docs" / "index.md").write_text("# Acme strategy\n")
    shutil.copytree(copy_fixture("example", tmp_path / "src") / "strategy", project / "strategy")
    from mkdocs_ladder.authoring.scaffold import ZENSICAL_CONFIG

    (project / "zensical.toml").write_text(ZENSICAL_CONFIG)
    (project / "ladder.yml").write_text("history: false\n")
    assert ladder(project, "render").returncode == 0
    zen_site = zensical_build(project)
    ours, theirs = (({p: t for p, t in linked(s).items() if p.startswith("strategy/")}) for s in (plugin_site, zen_site))
    for page, targets in theirs.items():  # a diagram's links are in its file, until ladder.js puts it in the page
        svg = zen_site / Path(page).parent / "diagram.svg"
        if svg.is_file():
            for href in re.findall(r'xlink:href="([^"#]+)"', svg.read_text()):
                targets.add((zen_site / Path(page).parent / href / "index.html").resolve().relative_to(zen_site.resolve()).as_posix())
    assert sorted(theirs) == sorted(ours)  # every node's page, the overview and the views
    assert len(ours) == 15
    for page in ours:  # the same links: ladder path, parents and children, diagrams, owners and tags
        assert theirs[page] >= {t for t in ours[page] if t.startswith("strategy/")}, page
    onboarding = (zen_site / "strategy" / "onboarding" / "index.html").read_text()
    assert '<div class="ladder-diagram__svg" data-ladder-svg="diagram.svg"><img class="ladder-diagram__img" src="diagram.svg"' in onboarding
    svg = (zen_site / "strategy" / "onboarding" / "diagram.svg").read_text()
    plugin_svg = first((plugin_site / "strategy" / "onboarding" / "index.html").read_text(), "svg", cls="ladder-svg").inner
    assert set(re.findall(r'xlink:href="([^"]+)"', svg)) == set(re.findall(r'xlink:href="([^"]+)"', plugin_svg))  # the same boxes
    assert 'xlink:href="../mission/"' in svg and 'xlink:href="../mid-market/"' in svg  # clickable, once ladder.js puts it in the page
    for view in ("health", "owners", "tags", "learning"):
        assert (zen_site / "strategy" / view / "index.html").is_file()
    search = json.loads((zen_site / "search.json").read_text())
    found = [doc["location"] for doc in search["items"] if "guided" in doc["text"].lower() and "wizard" in doc["text"].lower()]
    assert any(location.startswith("strategy/onboarding/") for location in found)  # an initiative found by its why
