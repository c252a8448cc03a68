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
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.request import urlopen

import pytest

from .sites import BIN, BUILD_EPOCH, REPO, build, generated_project, learning_project, outcomes_project

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
    assert heading(browser) == ("Self-serve onboarding", "onboarding")

    # Follow the ladder back up to the mission.
    browser.find_element(By.CSS_SELECTOR, ".ladder-path a[href='../mid-market/']").click()
    wait(browser, lambda d: d.current_url.endswith("/strategy/mid-market/"))
    browser.find_element(By.CSS_SELECTOR, ".ladder-path a[href='../mission/']").click()
    wait(browser, lambda d: d.current_url.endswith("/strategy/mission/"))
    assert heading(browser) == ("Make small businesses twice as productive", "mission")


def heading(browser) -> tuple[str, str]:
    """A node page's heading: its title, and the id shown beside it (in a smaller type)."""
    return tuple(
        browser.execute_script("""
        var h1 = document.querySelector(".md-content h1");
        var title = Array.from(h1.childNodes).filter(function (n) { return n.nodeType === 3 || n.nodeName === "CODE"; })
            .map(function (n) { return n.textContent; }).join("").trim();
        var id = h1.querySelector(".ladder-id");
        return [title, id.lastChild.textContent];
    """)
    )


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


def axe_report(browser, base: str, paths: Iterable[str]) -> list[str]:
    """axe's findings in ladder's content on each page, in Material's light and dark schemes
    (switched with its own toggle), each as one line; the theme's own findings must be THEIRS."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    browser.set_script_timeout(120)
    bad = []
    for scheme in ("default", "slate"):
        for path in paths:
            browser.get(f"{base}/{path}")
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
            bad += [
                f"{scheme} {path}: {v['id']} ({v['impact']}): {n['target']}: {n['html']}"
                for v in violations
                for n in v["nodes"]
                if n["ours"]
            ]
            theirs = {v["id"] for v in violations if any(not n["ours"] for n in v["nodes"])}
            assert theirs <= THEIRS, (scheme, path, theirs)
    return bad


def test_axe_finds_no_violation_in_ladders_markup_in_light_and_dark(served, browser):
    bad = axe_report(browser, served, PAGES)
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

VIEWS = ("strategy/", "strategy/roadmap/", "strategy/changes/", "strategy/health/", "strategy/owners/", "strategy/tags/",
         "strategy/work/", "strategy/learning/")  # fmt: skip


@dataclass
class Realistic:
    """A realistic tree's site as served, and what the tree holds."""

    url: str
    generator: str
    site: Path
    nodes: dict[str, dict[str, Any]]  # each node's fields, by id

    def strategies(self) -> list[str]:
        """The strategies, the most initiatives first."""
        sizes = Counter(str(fields.get("parent")) for fields in self.nodes.values())
        return sorted((i for i, f in self.nodes.items() if f.get("parent") == "mission"), key=lambda i: -sizes[i])

    def prefixes(self) -> list[str]:
        """The ids that begin another id (``sig-network`` of ``sig-network-2``): a search for
        one finds every word of it in the other's page too."""
        return sorted(i for i in self.nodes if any(other.startswith(f"{i}-") for other in self.nodes))

    def initiatives(self, every: int) -> list[str]:
        """Every ``every``-th initiative, and as many of those whose title another shares."""
        ids = sorted(i for i, f in self.nodes.items() if f.get("parent") not in (None, "mission"))
        titles = Counter(self.nodes[i]["title"] for i in ids)
        shared = [i for i in ids if titles[self.nodes[i]["title"]] > 1]
        return sorted(set(ids[::every]) | set(shared[:: max(1, every * len(shared) // len(ids))]))

    def sample(self, every: int) -> list[str]:
        """The node pages a test reads: the mission, the 12 largest strategies (a page grows with
        its strategy: these are the tallest and widest), every ``every``-th initiative and the 8
        node pages with the most HTML."""
        pages = ["strategy/mission/", *(f"strategy/{s}/" for s in self.strategies()[:12])]
        pages += [f"strategy/{i}/" for i in self.initiatives(every)] + self.largest_pages(8)
        return list(dict.fromkeys(pages))

    def largest_pages(self, count: int) -> list[str]:
        """The ``count`` node pages with the most HTML: the tallest candidates."""
        pages = sorted(self.site.glob("strategy/*/index.html"), key=lambda p: -p.stat().st_size)
        return [f"strategy/{p.parent.name}/" for p in pages if p.parent.name in self.nodes][:count]


@pytest.fixture(
    scope="module", params=[("mkdocs", 700), ("mkdocs", 2000), ("zensical", 700), ("zensical", 2000)], ids=lambda p: f"{p[0]}-{p[1]}"
)
def realistic(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    """benchmarks/realistic.py's tree, with 30 days of history and three integrations per
    initiative (one in ten naming no node), as MkDocs and as Zensical build it."""
    sys.path.insert(0, str(REPO / "benchmarks"))
    from realistic import realistic_tree, with_history

    generator, size = request.param
    root = tmp_path_factory.mktemp(f"realistic-{generator}-{size}")
    source = root / "src"
    shutil.copytree(REPO / "tests" / "fixtures" / "example" / "docs", source / "docs")
    shutil.copy(REPO / "tests" / "fixtures" / "example" / "mkdocs.yml", source / "mkdocs.yml")  # Material, light and dark
    files = realistic_tree(source / "strategy", size)
    with_history(source, "strategy", 30, work=3 * size)
    site = build(source, strict=False) if generator == "mkdocs" else zensical_site(root, source, history=True)
    nodes = {Path(rel).stem: fields for rel, fields in files.items()}
    served = serve(site)
    yield Realistic(next(served), generator, site, nodes)
    served.close()


def test_every_page_of_a_real_strategy_is_at_most_12_screens_tall(realistic, browser):
    """At 1280x800, as first shown: the views (the roadmap a few cards per strategy and horizon,
    the changes each kind of each week folded past eight, health by rule, owners folded, the
    work's unknown ids folded), the mission, the 12 largest strategies (a table past 12 rows
    folded) and the node pages with the most HTML."""
    paths = [*VIEWS, *realistic.sample(every=500)]
    with window(browser, 1280, 800):
        tall = {path: round(screens, 1) for path, screens in measured(browser, realistic.url, paths, SCREENS).items() if screens > 12}
    assert tall == {}


OWN_FIRST = """
var own = arguments[0], others = arguments[1], found = {own: [], others: []};
document.querySelectorAll("svg.ladder-svg a").forEach(function (link) {
  var href = link.getAttribute("href") || link.getAttribute("xlink:href") || "";
  var y = link.getBoundingClientRect().top;
  if (own.indexOf(href) >= 0) found.own.push(y);
  if (others.indexOf(href) >= 0) found.others.push(y);
});
found.order = ["#ladder-children", "#ladder-supporters", ".ladder-rollup"].map(function (css) {
  var element = document.querySelector(css); return element ? element.getBoundingClientRect().top : -1;
});
var why = document.querySelector(".md-content h2#why");
found.why = why ? why.getBoundingClientRect().top : -1;
return found;
"""


def test_the_largest_strategy_leads_with_its_own_work_and_every_table_fits(realistic, browser):
    """Its diagram draws its own initiatives (those drawn, and the boxes for the rest) above the
    boxes of what supports it from elsewhere; its page gives "Why" and its counts before the
    table of its initiatives, and that before the list of its supporters. The tables of the 12
    largest strategies fit at 1280 px."""
    largest = realistic.strategies()[0]
    with window(browser, 1280, 800):
        browser.get(f"{realistic.url}/strategy/{largest}/")
        wait(browser, lambda d: d.execute_script("return document.querySelectorAll('svg.ladder-svg g.ladder-node').length") > 0)
        children = [i for i, f in realistic.nodes.items() if f.get("parent") == largest]
        supporters = [i for i, f in realistic.nodes.items() if largest in f.get("supports", []) and f.get("parent") != largest]
        own = ["#ladder-children", *(f"../{i}/" for i in children)]
        found = browser.execute_script(OWN_FIRST, own, ["#ladder-supporters", *(f"../{i}/" for i in supporters)])
        assert len(children) > 100 and len(supporters) > 8  # so the diagram draws a few, and boxes for the rest of each
        assert len(found["own"]) >= 8 and len(found["others"]) >= 1
        assert max(found["own"]) < min(found["others"])
        children_at, supporters_at, rollup_at = found["order"]
        assert -1 < found["why"] < rollup_at < children_at < supporters_at
        wide = {}
        for path in ["strategy/", *(f"strategy/{s}/" for s in realistic.strategies()[:12])]:
            browser.get(f"{realistic.url}/{path}")
            if overflowing := browser.execute_script(FITS):
                wide[path] = overflowing
        assert wide == {}


FIRST_RESULTS = """
var engine = arguments[0], queries = arguments[1], done = arguments[arguments.length - 1], found = {};
function host() {
  return Array.prototype.find.call(document.querySelectorAll("*"), function (e) { return e.shadowRoot && e.shadowRoot.querySelector("dialog"); });
}
function field() { return engine === "mkdocs" ? document.querySelector("input.md-search__input") : host().shadowRoot.querySelector("input"); }
function links() {
  var root = engine === "mkdocs" ? document : host().shadowRoot;
  return Array.prototype.map.call(root.querySelectorAll(engine === "mkdocs" ? ".md-search-result__link" : "ol[role=listbox] a"),
                                  function (a) { return new URL(a.getAttribute("href"), location.href).pathname; });
}
function ask(text) {  // the whole query at once: no results for its first letters to be read by mistake
  var input = field();
  input.focus();
  input.value = text;
  input.dispatchEvent(new Event("input", {bubbles: true}));
  input.dispatchEvent(new KeyboardEvent("keyup", {bubbles: true}));
}
function until(test, then, limit) {  // ``test`` true three polls in a row (a list that has settled), or ``limit`` ms
  var start = Date.now(), row = 0;
  (function poll() {
    row = test() ? row + 1 : 0;
    if (row >= 3 || Date.now() - start > limit) then(); else setTimeout(poll, 100);
  })();
}
var k = 0;
(function next() {
  if (k >= queries.length) return done(found);
  var query = queries[k++], last = null;
  ask("qqzzqqzz");  // a word no page holds: an empty list, so no result of the last query is read as this one's
  until(function () { return links().length === 0; }, function () {
    ask(query);
    until(function () { var now = links()[0] || null, same = now !== null && now === last; last = now; return same; },
          function () { found[query] = last; next(); }, 30000);
  }, 10000);
})();
"""


def first_results(browser, realistic: Realistic, queries: list[str]) -> dict[str, str | None]:
    """The path of the first result of each query, in the site's own search (Material's, or
    Zensical's in its dialog), asked one at a time on one page."""
    from selenium.webdriver.common.by import By

    browser.set_script_timeout(100)  # a batch (the driver waits 120 s for any command)
    browser.get(f"{realistic.url}/strategy/tags/")
    if realistic.generator == "zensical":
        browser.find_element(By.CSS_SELECTOR, "button.md-search__button").click()
        wait(
            browser,
            lambda d: d.execute_script(
                "return !!Array.prototype.find.call(document.querySelectorAll('*'), e => e.shadowRoot && e.shadowRoot.querySelector('dialog input'))"
            ),
        )
    found: dict[str, str | None] = {}
    for start in range(0, len(queries), 8):
        found |= browser.execute_async_script(FIRST_RESULTS, realistic.generator, queries[start : start + 8])
    return found


def test_searching_a_nodes_id_lists_its_page_first(realistic, browser):
    """Ids are written as real trees write them (`sig-storage-2`, `0137-upgrade-billing-security`):
    made of words many titles share, which a search splits at the hyphens. The page's heading
    carries its id, and the plugin gives Material's index the id's words as tags. Asked: the
    mission, the 12 largest strategies, every id that begins another (`sig-network`, of
    `sig-network-2`: the hardest), every 100th initiative and as many whose title another shares."""
    ids = list(dict.fromkeys(["mission", *realistic.strategies()[:12], *realistic.prefixes(), *realistic.initiatives(every=100)]))
    first = first_results(browser, realistic, ids)
    wrong = {i: found for i, found in first.items() if found != f"/strategy/{i}/"}
    assert len(first) == len(ids) and wrong == {}


FOCUS = """
var focus = document.querySelector("svg.ladder-svg .ladder-node--focus"), box = focus && focus.getBoundingClientRect();
return {width: document.documentElement.scrollWidth, client: document.documentElement.clientWidth,
        focus: box ? [box.left, box.right] : null};
"""


def test_on_a_phone_each_nodes_own_box_is_in_view_and_no_page_is_wider(realistic, browser):
    """At 390x844: an initiative's own box sat at the right end of its diagram, off-screen, and
    the largest strategy's page was 572 px wide (a screen reader's text in a table's last column
    reached past the table's scrolling box), and long ids did too. Asked: the views, the mission,
    the 12 largest strategies, every 100th initiative and the node pages with the most HTML."""
    from selenium.webdriver.common.by import By

    wide, hidden = {}, {}
    with window(browser, 390, 844):
        for path in [*VIEWS, *realistic.sample(every=100)]:
            browser.get(f"{realistic.url}/{path}")
            wait(browser, lambda d: not d.find_elements(By.CSS_SELECTOR, "[data-ladder-svg]"))  # the script has shown it
            found = browser.execute_script(FOCUS)
            if found["width"] > found["client"]:
                wide[path] = found["width"]
            if path not in VIEWS and (found["focus"] is None or found["focus"][0] < 0 or found["focus"][1] > found["client"]):
                hidden[path] = found["focus"]
    assert wide == {} and hidden == {}


def test_a_real_strategys_pages_are_accessible_and_their_labels_legible(realistic, browser):
    """axe (WCAG 2.2 AA) finds nothing in ladder's content in light and dark, on every kind of
    page of the largest tree; every label of every diagram is at least 11 px tall at 1280x800."""
    largest = realistic.strategies()[0]
    initiative = realistic.initiatives(every=50)[1]
    pages = [*VIEWS, "strategy/mission/", f"strategy/{largest}/", f"strategy/{initiative}/"]
    bad = axe_report(browser, realistic.url, pages)
    assert bad == [], "\n".join(bad)
    with window(browser, 1280, 800):
        small = {}
        for path in ("strategy/", "strategy/mission/", f"strategy/{largest}/", f"strategy/{initiative}/"):
            heights = label_heights(browser, f"{realistic.url}/{path}")
            assert heights, f"{path}: no diagram label found"
            if min(heights) < 11:
                small[path] = round(min(heights), 1)
    assert small == {}


# --- outcomes (issue 29) ---------------------------------------------------------------------------

OUTCOME_PAGES = ["strategy/", "strategy/metrics/", "strategy/onboarding/", "strategy/retention/", "strategy/mission/"]


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory: pytest.TempPathFactory):
    """A site whose metrics are read from CSV, JSON and Parquet files, with history and work
    (tests/sites.py, outcomes_project): charts on its nodes, the metric tree, the standings."""
    root = outcomes_project(tmp_path_factory.mktemp("outcomes") / "repo").root
    yield from serve(build(root, strict=False))


def test_the_outcomes_pages_are_accessible_and_fit_a_phone_and_a_desktop(outcomes, browser):
    bad = axe_report(browser, outcomes, OUTCOME_PAGES)
    assert bad == [], "\n".join(bad)
    with window(browser, 390, 844):
        wide = {path: size for path, size in measured(browser, outcomes, OUTCOME_PAGES, SIDEWAYS).items() if size[0] > size[1]}
    assert wide == {}
    browser.set_window_size(1280, 1000)
    assert {path: found for path, found in measured(browser, outcomes, OUTCOME_PAGES, FITS).items() if found} == {}
    heights = label_heights(browser, f"{outcomes}/strategy/metrics/")
    assert len(heights) >= 8 and min(heights) >= 11  # each box: a title and its value, trend and standing


def test_a_box_of_the_metric_tree_opens_its_row_of_the_catalogue(outcomes, browser):
    from selenium.webdriver.common.by import By

    from mkdocs_ladder.render.outcomes import metric_anchor

    browser.get(f"{outcomes}/strategy/metrics/")
    row = metric_anchor("churn")
    svg_link(browser, f"../metrics/#{row}").click()
    wait(browser, lambda d: d.execute_script("return location.hash") == f"#{row}")
    assert "Monthly churn" in browser.find_element(By.ID, row).text
