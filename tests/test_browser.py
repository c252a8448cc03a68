"""The published site in a real browser: Debian's headless Chromium, driven by Selenium.

Opens the overview, clicks a box of the whole-tree diagram, follows the ladder back up to the
mission, searches for an initiative by a word of its `why`, unticks a status in the overview's
filter, and switches Material's colour scheme with a screenshot in each. When no browser can
be found, the test fails (it never skips): `.ci/run` installs one.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import threading

import pytest

from .sites import build, copy_fixture

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SVG_LINK = "//*[local-name()='svg' and contains(@class,'ladder-svg')]//*[local-name()='a'][@*[local-name()='href']='{href}']"


def _find(*names: str) -> str:
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    pytest.fail(f"no {' or '.join(names)} found: the browser test needs Debian's chromium and chromium-driver "
                "(`.ci/run` installs them; by hand: apt-get install chromium chromium-driver)")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        """No line per request in the test's output."""


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory):
    site = build(copy_fixture("example", tmp_path_factory.mktemp("browser") / "p"))
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = _find("chromium", "chromium-browser")
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                 "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--window-size=1280,1000", f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=Service(executable_path=_find("chromedriver")))
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()


def wait(driver, condition, timeout: float = 20):
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout).until(condition)


def test_reader_journey(served, browser, tmp_path):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    browser.get(f"{served}/strategy/")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Strategy"

    # A box of the whole-tree diagram is a link to that node's page.
    box = browser.find_element(By.XPATH, SVG_LINK.format(href="onboarding/"))
    ActionChains(browser).move_to_element(box).click().perform()
    wait(browser, lambda d: d.current_url.endswith("/strategy/onboarding/"))
    assert browser.find_element(By.TAG_NAME, "h1").text == "Self-serve onboarding"

    # Follow the ladder back up to the mission.
    browser.find_element(By.CSS_SELECTOR, ".ladder-path a[href='../mid-market/']").click()
    wait(browser, lambda d: d.current_url.endswith("/strategy/mid-market/"))
    browser.find_element(By.CSS_SELECTOR, ".ladder-path a[href='../mission/']").click()
    wait(browser, lambda d: d.current_url.endswith("/strategy/mission/"))
    assert browser.find_element(By.TAG_NAME, "h1").text == "Make small businesses twice as productive"

    # Search finds an initiative by a word of its why ("a guided wizard").
    field = next(f for f in browser.find_elements(By.CSS_SELECTOR, "input.md-search__input") if f.is_displayed())
    ActionChains(browser).move_to_element(field).click().perform()
    field.send_keys("wizard")
    results = wait(browser, lambda d: [a for a in d.find_elements(By.CSS_SELECTOR, ".md-search-result__link")
                                       if "strategy/onboarding/" in (a.get_attribute("href") or "")], timeout=30)
    assert results
    field.send_keys(Keys.ESCAPE)


def test_overview_filter_hides_a_status_without_a_rebuild(served, browser):
    from selenium.webdriver.common.by import By

    browser.get(f"{served}/strategy/")
    done_box = browser.find_element(By.XPATH, SVG_LINK.format(href="pricing-page/"))
    assert done_box.is_displayed()
    browser.find_element(By.CSS_SELECTOR, "input.ladder-filter--done").click()
    wait(browser, lambda d: not done_box.is_displayed())
    assert browser.find_element(By.XPATH, SVG_LINK.format(href="onboarding/")).is_displayed()  # active stays
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
    toggle = next(label for label in browser.find_elements(By.CSS_SELECTOR, "form[data-md-component='palette'] label") if label.is_displayed())
    ActionChains(browser).move_to_element(toggle).click().perform()
    wait(browser, lambda d: scheme() != first)
    second = scheme()
    dark = tmp_path / f"scheme-{second}.png"
    assert browser.save_screenshot(str(dark))
    assert {first, second} == {"default", "slate"}
    assert light.stat().st_size > 10_000 and dark.stat().st_size > 10_000
    assert light.read_bytes() != dark.read_bytes()
    # The diagram stays on the page, and readable: its boxes keep their own fill in both schemes.
    assert browser.find_element(By.XPATH, SVG_LINK.format(href="../mission/")).is_displayed()
    print(f"screenshots: {light} {dark}")
