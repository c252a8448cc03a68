"""The published site in a real browser: Debian's headless Chromium, driven by Selenium.

Opens the overview, clicks a box of the whole-tree diagram, follows the ladder back up to the
mission, searches for an initiative by a word of its `why`, unticks a status in the overview's
filter, picks an owner, a kind and a tag in the others, switches Material's colour scheme with
a screenshot in each, runs axe-core (WCAG 2.2 AA) on every kind of page in both schemes, and
checks that a phone-sized screen never scrolls sideways. When no browser or no axe-core can be
found, the test fails (it never skips): `.ci/run` installs both.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import json
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any
from urllib.request import urlopen

import pytest

from .sites import BIN, BUILD_EPOCH, REPO, build, generated_project, learning_project

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SVG_LINK = "//*[local-name()='svg' and contains(@class,'ladder-svg')]//*[local-name()='a'][@*[local-name()='href']='{href}']"


def _find(*names: str) -> str:
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    pytest.fail(
        f"no {' or '.join(names)} found: the browser test needs Debian's chromium and chromium-driver "
        "(`.ci/run` installs them; by hand: apt-get install chromium chromium-driver)"
    )


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        """No line per request in the test's output."""


def zensical_site(root: Path, source: Path | None = None, history: bool = False) -> Path:
    """The same project (by default the learning project) as Zensical builds it after `ladder
    render`; with ``history``, in the project's own folder (its git repository), history read."""
    from mkdocs_ladder.authoring.scaffold import ZENSICAL_CONFIG

    source = source or learning_project(root / "src")
    project = source if history else root / "zen"
    if not history:
        (project / "docs").mkdir(parents=True)
        shutil.copy(source / "docs" / "index.md", project / "docs" / "index.md")
        shutil.copytree(source / "strategy", project / "strategy")
    (project / "zensical.toml").write_text(ZENSICAL_CONFIG)
    (project / "ladder.yml").write_text("history: true\n" if history else "history: false\n")
    env = {**os.environ, "SOURCE_DATE_EPOCH": BUILD_EPOCH}  # the build date the in-process builds have
    for command in (["ladder", "render"], ["zensical", "build"]):
        done = subprocess.run([str(BIN / command[0]), *command[1:]], cwd=project, capture_output=True, text=True, timeout=300, env=env)
        assert done.returncode == 0, done.stdout + done.stderr
    return project / "site"


@pytest.fixture(scope="module", params=["mkdocs", "zensical"])
def served(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    """The example project with kinds and questions, as MkDocs with the plugin builds it, and as
    Zensical builds it after `ladder render`."""
    root = tmp_path_factory.mktemp(f"browser-{request.param}")
    site = build(learning_project(root)) if request.param == "mkdocs" else zensical_site(root)
    yield from serve(site)


def serve(site: Path):
    """``site`` on a local port, for a fixture to ``yield from``."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


@pytest.fixture(scope="module", params=["mkdocs", "zensical"])
def generated(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    """A generated tree of 300 initiatives under 15 strategies, as MkDocs and as Zensical build it."""
    root = tmp_path_factory.mktemp(f"generated-{request.param}")
    project = generated_project(root / "p", 15, 20)
    site = build(project, strict=False) if request.param == "mkdocs" else zensical_site(root, project)
    yield from serve(site)


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = _find("chromium", "chromium-browser")
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1280,1000",
        f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}",
    ):
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=Service(executable_path=_find("chromedriver")))
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()


def svg_link(driver, href: str):
    """A box of the page's diagram, once it is in the page (ladder.js puts a linked diagram there)."""
    from selenium.webdriver.common.by import By

    return wait(driver, lambda d: (found := d.find_elements(By.XPATH, SVG_LINK.format(href=href))) and found[0])


def wait(driver, condition, timeout: float = 20):
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout).until(condition)


def test_reader_journey(served, browser, tmp_path):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    browser.get(f"{served}/strategy/")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Strategy"

    # A box of the whole-tree diagram is a link to that node's page.
    box = svg_link(browser, "onboarding/")
    ActionChains(browser).move_to_element(box).click().perform()
    wait(browser, lambda d: d.current_url.endswith("/strategy/onboarding/"))
    assert browser.find_element(By.TAG_NAME, "h1").text == "Self-serve onboarding"

    # Follow the ladder back up to the mission.
    browser.find_element(By.CSS_SELECTOR, ".ladder-path a[href='../mid-market/']").click()
    wait(browser, lambda d: d.current_url.endswith("/strategy/mid-market/"))
    browser.find_element(By.CSS_SELECTOR, ".ladder-path a[href='../mission/']").click()
    wait(browser, lambda d: d.current_url.endswith("/strategy/mission/"))
    assert browser.find_element(By.TAG_NAME, "h1").text == "Make small businesses twice as productive"


def test_search_finds_an_initiative_by_a_word_of_its_why(served, browser, request):
    """MkDocs' Material search, in the browser; Zensical's own search index is read in test_zensical.py."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    if request.node.callspec.params["served"] == "zensical":
        index = json.loads(urlopen(f"{served}/search.json").read())  # noqa: S310 - the test's own http server
        assert any(d["location"].startswith("strategy/onboarding/") and "wizard" in d["text"] for d in index["items"])
        return
    browser.get(f"{served}/strategy/mission/")
    field = next(f for f in browser.find_elements(By.CSS_SELECTOR, "input.md-search__input") if f.is_displayed())
    ActionChains(browser).move_to_element(field).click().perform()
    field.send_keys("wizard")
    results = wait(
        browser,
        lambda d: [
            a
            for a in d.find_elements(By.CSS_SELECTOR, ".md-search-result__link")
            if "strategy/onboarding/" in (a.get_attribute("href") or "")
        ],
        timeout=30,
    )
    assert results
    field.send_keys(Keys.ESCAPE)


def test_overview_filter_hides_a_status_without_a_rebuild(served, browser):
    from selenium.webdriver.common.by import By

    browser.get(f"{served}/strategy/")
    done_box = svg_link(browser, "pricing-page/")
    assert done_box.is_displayed()
    browser.find_element(By.CSS_SELECTOR, "input.ladder-filter--done").click()
    wait(browser, lambda d: not done_box.is_displayed())
    assert svg_link(browser, "onboarding/").is_displayed()  # active stays
    browser.find_element(By.CSS_SELECTOR, "input.ladder-filter--done").click()
    wait(browser, lambda d: done_box.is_displayed())


def test_colour_schemes_with_a_screenshot_in_each(served, browser, tmp_path):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    browser.get(f"{served}/strategy/onboarding/")

    def scheme() -> str:
        return browser.find_element(By.TAG_NAME, "body").get_attribute("data-md-color-scheme")

    first = scheme()
    light = tmp_path / f"scheme-{first}.png"
    assert browser.save_screenshot(str(light))
    toggle = next(
        label for label in browser.find_elements(By.CSS_SELECTOR, "form[data-md-component='palette'] label") if label.is_displayed()
    )
    ActionChains(browser).move_to_element(toggle).click().perform()
    wait(browser, lambda d: scheme() != first)
    second = scheme()
    dark = tmp_path / f"scheme-{second}.png"
    assert browser.save_screenshot(str(dark))
    assert {first, second} == {"default", "slate"}
    assert light.stat().st_size > 10_000 and dark.stat().st_size > 10_000
    assert light.read_bytes() != dark.read_bytes()
    # The diagram stays on the page, and readable: its boxes keep their own fill in both schemes.
    assert svg_link(browser, "../mission/").is_displayed()
    print(f"screenshots: {light} {dark}")


# --- filters by owner, kind and tag ------------------------------------------------------------------------


def test_owner_kind_and_tag_filters_hide_what_does_not_match(served, browser):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    browser.get(f"{served}/strategy/retention/")
    facets = wait(browser, lambda d: d.find_element(By.CSS_SELECTOR, ".ladder-filter__facets"))
    wait(browser, lambda d: facets.is_displayed())  # the script shows them
    rows = {r.find_element(By.TAG_NAME, "a").text: r for r in browser.find_elements(By.CSS_SELECTOR, "#ladder-children tbody tr")}
    assert set(rows) == {"Account health score", "Legacy export tool"}
    Select(browser.find_element(By.CSS_SELECTOR, "select[data-ladder-facet='kind']")).select_by_visible_text("learning")
    wait(browser, lambda d: not rows["Legacy export tool"].is_displayed())
    assert rows["Account health score"].is_displayed()
    assert not svg_link(browser, "../legacy-export/").is_displayed()
    assert svg_link(browser, "../health-score/").is_displayed()
    Select(browser.find_element(By.CSS_SELECTOR, "select[data-ladder-facet='kind']")).select_by_index(0)  # any
    wait(browser, lambda d: rows["Legacy export tool"].is_displayed())

    browser.get(f"{served}/strategy/")
    Select(wait(browser, lambda d: d.find_element(By.CSS_SELECTOR, "select[data-ladder-facet='tag']"))).select_by_visible_text("q3")
    onboarding = svg_link(browser, "onboarding/")
    pricing = svg_link(browser, "pricing-page/")
    wait(browser, lambda d: not pricing.is_displayed())
    assert onboarding.is_displayed()
    assert svg_link(browser, "mid-market/").is_displayed()  # its strategy stays


# --- every reader can use the pages ------------------------------------------------------------------------

AXE = REPO / ".venv" / "share" / "axe-core" / "axe.min.js"
PAGES = [
    "strategy/",
    "strategy/roadmap/",
    "strategy/mid-market/",
    "strategy/onboarding/",
    "strategy/mission/",
    "strategy/learning/",
    "strategy/health/",
    "strategy/owners/",
    "strategy/tags/",
]
#: What axe finds in Material's own markup on every page (not ladder's): the search dialog has no
#: name, and the footer's text is below AA contrast.
THEIRS = {"aria-dialog-name", "color-contrast"}


def run_axe(browser) -> list[dict]:
    """axe-core's WCAG 2.2 AA violations on the page, each node with whether it is in ladder's content."""
    if not AXE.is_file():
        pytest.fail(f"{AXE} is missing: `.ci/run` fetches axe-core (by hand: bash .ci/fetch-axe)")
    browser.execute_script(AXE.read_text())
    result = browser.execute_async_script("""
        const done = arguments[arguments.length - 1];
        axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}})
           .then(r => done(JSON.stringify({version: axe.version, violations: r.violations.map(v => ({
               id: v.id, impact: v.impact, nodes: v.nodes.map(n => ({target: n.target.join(" "), html: n.html.slice(0, 200),
               ours: !!document.querySelector(n.target[0]) && !!document.querySelector(n.target[0]).closest(".md-content")}))}))})))
           .catch(e => done(JSON.stringify({error: String(e)})));
    """)
    found = json.loads(result)
    assert "error" not in found, found
    assert found["version"].startswith("4.")
    return found["violations"]


def test_axe_finds_no_violation_in_ladders_markup_in_light_and_dark(served, browser):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    browser.set_script_timeout(60)
    report: dict[str, list[str]] = {}
    for scheme in ("default", "slate"):
        for path in PAGES:
            browser.get(f"{served}/{path}")
            current = browser.find_element(By.TAG_NAME, "body").get_attribute("data-md-color-scheme")
            if current != scheme:
                toggle = next(
                    label
                    for label in browser.find_elements(By.CSS_SELECTOR, "form[data-md-component='palette'] label")
                    if label.is_displayed()
                )
                ActionChains(browser).move_to_element(toggle).click().perform()
                wait(browser, lambda d, s=scheme: d.find_element(By.TAG_NAME, "body").get_attribute("data-md-color-scheme") == s)
            violations = run_axe(browser)
            ours = [f"{v['id']} ({v['impact']}): {n['target']}: {n['html']}" for v in violations for n in v["nodes"] if n["ours"]]
            report[f"{scheme} {path}"] = ours
            theirs = {v["id"] for v in violations if any(not n["ours"] for n in v["nodes"])}
            assert theirs <= THEIRS, (scheme, path, theirs)
    bad = [f"{page}: {line}" for page, found in report.items() for line in found]
    assert bad == [], "\n".join(bad)


@contextlib.contextmanager
def window(browser, width: int, height: int) -> Iterator[None]:
    """The browser's window at this size for the ``with`` block, then as the fixture set it."""
    browser.set_window_size(width, height)
    try:
        yield
    finally:
        browser.set_window_size(1280, 1000)


def measured(browser, base: str, paths: Iterable[str], script: str) -> dict[str, Any]:
    """What ``script`` returns on each page (``base`` + path), by path."""
    found = {}
    for path in paths:
        browser.get(f"{base}/{path}")
        found[path] = browser.execute_script(script)
    return found


SIDEWAYS = "return [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
SCREENS = "return document.documentElement.scrollHeight / window.innerHeight"


def test_a_phone_sized_screen_never_scrolls_sideways(served, browser):
    with window(browser, 390, 844):
        wide = {path: size for path, size in measured(browser, served, PAGES, SIDEWAYS).items() if size[0] > size[1]}
    assert wide == {}


# --- readable at any size --------------------------------------------------------------------------

LABELS = """
return Array.from(document.querySelectorAll("svg.ladder-svg text")).map(function (text) {
  return text.getBoundingClientRect().height;
});
"""
FITS = """
var wide = [];
document.querySelectorAll(".md-content table").forEach(function (table) {
  var box = table.closest(".md-typeset__scrollwrap, .ladder-table") || table.parentElement;
  if (box.scrollWidth > box.clientWidth + 1) wide.push([table.className, box.scrollWidth, box.clientWidth]);
});
return wide;
"""


def label_heights(browser, url: str) -> list[float]:
    """The height, in CSS pixels as laid out, of every label of every diagram of a page (once the
    script has put a linked diagram in the page)."""
    from selenium.webdriver.common.by import By

    browser.get(url)
    wait(browser, lambda d: not d.find_elements(By.CSS_SELECTOR, "[data-ladder-svg]"))
    return browser.execute_script(LABELS)


def test_every_label_of_every_diagram_is_at_least_11_px_tall(served, generated, browser):
    """On a 1280x800 screen: the example's overview, strategy, initiative and mission pages, and a
    tree of 300 initiatives under 15 strategies (its overview draws the strategies alone)."""
    browser.set_window_size(1280, 800)
    try:
        pages = {f"{served}/{path}": None for path in ("strategy/", "strategy/mid-market/", "strategy/onboarding/", "strategy/mission/")}
        pages |= {f"{generated}/strategy/{path}": None for path in ("", "s000/", "s007/", "i0000/", "i0137/", "mission/")}
        small = {}
        for url in pages:
            heights = label_heights(browser, url)
            assert heights, f"{url}: no diagram label found"
            if min(heights) < 11:
                small[url] = round(min(heights), 1)
        assert small == {}
    finally:
        browser.set_window_size(1280, 1000)


@pytest.fixture(scope="module")
def own(tmp_path_factory: pytest.TempPathFactory):
    """This repository's own site: its history and its work read, so every column a site can turn
    on is there (kind, steps, integrations, health)."""
    yield from serve(build(REPO, strict=False, site_dir=str(tmp_path_factory.mktemp("own") / "site")))


def test_at_1280_px_the_tables_fit_without_a_sideways_scrollbar(served, generated, own, browser):
    """The strategy pages of this project's own site had an Initiatives table 749-761 px wide in a
    720 px column."""
    strategies = sorted(p.stem for p in (REPO / "strategy" / "strategies").glob("*.yaml"))
    browser.set_window_size(1280, 800)
    try:
        wide = {}
        own_pages = [f"{own}/strategy/", f"{own}/strategy/mission/", *(f"{own}/strategy/{s}/" for s in strategies)]
        for url in (
            f"{served}/strategy/",
            f"{served}/strategy/mid-market/",
            f"{generated}/strategy/",
            f"{generated}/strategy/s003/",
            *own_pages,
        ):
            browser.get(url)
            if found := browser.execute_script(FITS):
                wide[url] = found
        assert wide == {}
    finally:
        browser.set_window_size(1280, 1000)


WRAPPED = """
return Array.from(document.querySelectorAll(".ladder-integrations code, .ladder-work code"))
  .filter(function (code) { return code.getClientRects().length > 1; })
  .map(function (code) { return code.textContent; });
"""


def test_a_commit_id_never_wraps_in_the_middle(own, browser):
    """On a phone, commit ids broke over two lines in the integrations tables."""
    browser.set_window_size(390, 844)
    try:
        found: dict[str, list[str]] = {}
        shown = 0
        for path in ("strategy/work/", "strategy/ci-native/", "strategy/readable-site/"):
            browser.get(f"{own}/{path}")
            shown += browser.execute_script("return document.querySelectorAll('.ladder-integrations code, .ladder-work code').length")
            if wrapped := browser.execute_script(WRAPPED):
                found[path] = wrapped
        assert shown > 0 and found == {}
    finally:
        browser.set_window_size(1280, 1000)


def test_a_nodes_trailer_line_can_be_copied_with_the_script(served, browser):
    """The page shows the node's id and its trailer line; the script shows the copy button."""
    from selenium.webdriver.common.by import By

    browser.get(f"{served}/strategy/onboarding/")
    button = wait(browser, lambda d: (found := d.find_elements(By.CSS_SELECTOR, "button.ladder-trailer__copy")) and found[0])
    wait(browser, lambda d: button.is_displayed())
    assert browser.find_element(By.CSS_SELECTOR, "code.ladder-trailer__line").text == "Ladder: onboarding"
    assert button.get_attribute("data-ladder-copy") == "Ladder: onboarding"


# --- a real strategy of hundreds of initiatives (issue 28) ----------------------------------------

BOUNDED_PAGES = ("strategy/", "strategy/roadmap/", "strategy/changes/", "strategy/health/", "strategy/owners/", "strategy/tags/")


@pytest.fixture(
    scope="module", params=[("mkdocs", 700), ("mkdocs", 2000), ("zensical", 700), ("zensical", 2000)], ids=lambda p: f"{p[0]}-{p[1]}"
)
def realistic(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    """benchmarks/realistic.py's tree, with 30 days of history, as MkDocs and as Zensical build it."""
    sys.path.insert(0, str(REPO / "benchmarks"))
    from realistic import realistic_tree, with_history

    generator, size = request.param
    root = tmp_path_factory.mktemp(f"realistic-{generator}-{size}")
    source = root / "src"
    shutil.copytree(REPO / "tests" / "fixtures" / "example" / "docs", source / "docs")
    (source / "mkdocs.yml").write_text("site_name: Real\ntheme:\n  name: material\nplugins:\n  - search\n  - ladder\n")
    realistic_tree(source / "strategy", size)
    with_history(source, "strategy", 30)
    site = build(source, strict=False) if generator == "mkdocs" else zensical_site(root, source, history=True)
    yield from serve(site)


def test_the_views_of_a_real_strategy_are_at_most_12_screens_tall(realistic, browser):
    """At 1280x800, as first shown: the overview, the roadmap (a few cards per strategy and
    horizon, the rest one click away), the changes (each kind of each week folded past eight),
    health (by rule, its nodes as a list), owners (folded, with counts) and tags."""
    with window(browser, 1280, 800):
        tall = {path: round(screens, 1) for path, screens in measured(browser, realistic, BOUNDED_PAGES, SCREENS).items() if screens > 12}
    assert tall == {}
