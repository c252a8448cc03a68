"""Helpers for tests that build real sites and read the HTML back.

A real build runs in this process (:func:`build_site`), with MkDocs' own ``load_config`` and
``build``, everything it logs collected, and nothing left behind: the working directory, the
environment, the loggers and MkDocs' process-wide cache of plugin instances are as they were
afterwards. :func:`mkdocs` runs the real command instead, for the tests where the process is
the point (exit codes, `mkdocs serve`, the console script).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from datetime import date, timedelta
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from click.testing import CliRunner
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, ConfigurationError

from mkdocs_ladder.adapters.cli import main

FIXTURES = Path(__file__).parent / "fixtures"
REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
#: The date every test builds on (2026-06-01), so date-based health rules never drift.
BUILD_EPOCH = "1780272000"


def copy_fixture(name: str, dest: Path) -> Path:
    shutil.copytree(FIXTURES / name, dest)
    return dest


def with_options(project: Path, extra_yaml: str = "", **options: object) -> Path:
    """Rewrite the project's plugin entry with ``options`` and append ``extra_yaml`` to mkdocs.yml."""
    config = project / "mkdocs.yml"
    text = config.read_text()
    if options:
        lines = "".join(f"      {k}: {json.dumps(v)}\n" for k, v in options.items())
        text = text.replace("  - ladder\n", f"  - ladder:\n{lines}")
    config.write_text(text + extra_yaml)
    return project


ONBOARDING_EXTRA = """kind: experiment
hypothesis: |
  A **guided** wizard gets a new account to its first report in a day.
questions:
  - Which step do new accounts abandon first?
  - question: Do teams invite colleagues in week one?
    answer: Most do, on day **two**.
horizon: now
value: L
effort: M
confidence: medium
"""


def make_unhealthy(project: Path) -> Path:
    s = project / "strategy"
    (s / "owners.yaml").write_text(
        "growth:\n  name: Growth team\n  url: https://chat.example.com/growth\n"
        "success: Customer success\nplatform: Platform team\nleadership: Leadership\nfinance: Finance\n"
    )
    # onboarding: 3 of 5 steps done; pricing-page: 1 of 1; a new active initiative under
    # mid-market with no why, no steps and no metrics (three warnings).
    (s / "initiatives" / "bare.yaml").write_text("title: Bare initiative\nparent: mid-market\nowner: growth\n")
    return project


def learning_project(tmp_path: Path) -> Path:
    """The example project, with kinds, a hypothesis and questions."""
    project = copy_fixture("example", tmp_path / "p")
    strategy = project / "strategy"
    onboarding = strategy / "initiatives" / "onboarding.yaml"
    onboarding.write_text(onboarding.read_text() + ONBOARDING_EXTRA)
    more = strategy / "initiatives" / "more.yaml"
    more.write_text(
        more.read_text().replace(
            "  owner: success\n  status: paused\n",
            "  owner: success\n  status: paused\n  kind: learning\n  questions: [What predicts a cancellation?]\n  horizon: next\n  value: M\n  effort: S\n",
        )
    )
    retention = strategy / "strategies" / "retention.yaml"
    retention.write_text(retention.read_text() + "questions:\n  - question: Who cancels?\n    answer: Small teams, in month two.\n")
    mission = strategy / "mission.yaml"
    mission.write_text(mission.read_text() + "questions: [Which market next?]\n")
    return project


WORDS = ["onboarding", "pricing", "retention", "billing", "search", "reports", "exports", "invites", "alerts", "teams", "mobile", "audit"]


def generated_project(root: Path, strategies: int, initiatives: int) -> Path:
    """The example project's docs and config around a tree of ``strategies`` strategies with
    ``initiatives`` initiatives each, titles of 2 to 9 words (a fixed pattern: the same tree
    every time), some with steps."""
    project = copy_fixture("example", root)
    shutil.rmtree(project / "strategy")
    tree = project / "strategy"
    (tree / "strategies").mkdir(parents=True)
    (tree / "initiatives").mkdir()
    (tree / "mission.yaml").write_text("title: Make every team's work ladder up to one mission\nowner: leadership\n")
    for s in range(strategies):
        title = " ".join(WORDS[(s + k) % len(WORDS)] for k in range(2 + s % 4)).capitalize()
        (tree / "strategies" / f"s{s:03d}.yaml").write_text(f"title: {title} {s}\nparent: mission\nowner: leadership\nstatus: active\n")
        for i in range(initiatives):
            n = s * initiatives + i
            title = " ".join(WORDS[(n * 7 + k) % len(WORDS)] for k in range(2 + n % 8)).capitalize()
            steps = "".join(f"  - title: Step {k}\n    done: {str(k < n % 3).lower()}\n" for k in range(n % 4))
            (tree / "initiatives" / f"i{n:04d}.yaml").write_text(
                f"title: {title} {n}\nparent: s{s:03d}\nowner: growth\nstatus: {('active', 'proposed', 'done', 'paused')[n % 4]}\n"
                f"why: It serves strategy {s}.\n" + (f"steps:\n{steps}" if steps else "")
            )
    return project


def tree_hash(root: Path) -> dict[str, str]:
    """Every file under ``root`` by relative path, with a digest of its bytes."""
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(root.rglob("*")) if p.is_file()}


# --- builds ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BuildResult:
    """The outcome of one in-process build: whether it succeeded, what it logged, and where."""

    ok: bool
    log: str
    site: Path


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(f"{record.levelname}: {record.getMessage()}")


def _plugin_cache() -> dict[str, Any]:
    """MkDocs keeps plugins that define on_startup in a cache shared by every config it loads."""
    option: Any = dict(MkDocsConfig._schema)["plugins"]
    cache: dict[str, Any] = option.plugin_cache
    return cache


def run_build(project: Path, *, strict: bool = False, env: dict[str, str] | None = None, **overrides: Any) -> BuildResult:
    """`mkdocs build` of ``project``, in this process, from its folder (as a user runs it)."""
    handler = _Collect()
    logger = logging.getLogger("mkdocs")
    level = logger.level
    logger.setLevel(logging.INFO)
    logger.addHandler(handler)
    site = Path(overrides.get("site_dir") or project / "site")
    ok = False
    try:
        with pytest.MonkeyPatch.context() as patch:
            patch.chdir(project)
            for name, value in {"SOURCE_DATE_EPOCH": BUILD_EPOCH, "NO_MKDOCS_2_WARNING": "1", **(env or {})}.items():
                patch.setenv(name, value)
            try:
                config = load_config(str(project / "mkdocs.yml"), strict=strict, **overrides)
                config.plugins.on_startup(command="build", dirty=False)
                try:
                    mkdocs_build(config)
                    ok = True
                finally:
                    config.plugins.on_shutdown()
            except (Abort, ConfigurationError) as exc:
                handler.lines.append(f"ABORT: {exc}")
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
        _plugin_cache().clear()
    return BuildResult(ok, "\n".join(handler.lines), site)


def build(project: Path, *, strict: bool = True, **overrides: Any) -> Path:
    """`mkdocs build --strict` (in process) that must succeed; returns the site directory."""
    done = run_build(project, strict=strict, **overrides)
    assert done.ok, done.log
    return done.site


def mkdocs(
    project: Path, *args: str, env: dict[str, str] | None = None, timeout: float = 300, command: str = "mkdocs"
) -> subprocess.CompletedProcess[str]:
    """Run the real `mkdocs` command of this environment in ``project`` (``command``: or its
    fork, `properdocs`)."""
    full_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": BUILD_EPOCH, **(env or {})}
    return subprocess.run([str(BIN / command), *args], cwd=project, capture_output=True, text=True, env=full_env, timeout=timeout)


# --- reading HTML ---------------------------------------------------------------------------------


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]


class Parsed(HTMLParser):
    """Every element with its attributes, the text of each <script>, and all other text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []
        self.scripts: list[str] = []
        self.text: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append(Element(tag, {k: v or "" for k, v in attrs}))
        self._in_script = tag == "script"
        if self._in_script:
            self.scripts.append("")

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts[-1] += data
        else:
            self.text.append(data)

    def find(self, tag: str, **attrs: str) -> list[Element]:
        return [e for e in self.elements if e.tag == tag and all(e.attrs.get(k.replace("_", "-")) == v for k, v in attrs.items())]

    def hrefs(self) -> list[str]:
        return [e.attrs.get("href") or e.attrs.get("xlink:href") or "" for e in self.elements if e.tag == "a"]


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass
class Located:
    """An element of a page, where it stands in the page's source: ``outer`` is the element,
    ``inner`` what it holds, ``text`` its text with the tags taken out and references decoded."""

    tag: str
    attrs: dict[str, str]
    source: str
    start: int
    inner_start: int
    inner_end: int = -1
    end: int = -1

    @property
    def outer(self) -> str:
        return self.source[self.start : self.end]

    @property
    def inner(self) -> str:
        return self.source[self.inner_start : self.inner_end]

    @property
    def text(self) -> str:
        return "".join(parse_html(self.inner).text)

    @property
    def classes(self) -> list[str]:
        return self.attrs.get("class", "").split()


class _Locating(HTMLParser):
    """Every element of a page with where it starts and ends in the source."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.source = source
        self.lines = [0]
        for line in source.splitlines(keepends=True):
            self.lines.append(self.lines[-1] + len(line))
        self.found: list[Located] = []
        self.open: list[Located] = []

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.lines[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        start = self._offset()
        text = self.get_starttag_text() or ""
        element = Located(tag, {k: v or "" for k, v in attrs}, self.source, start, start + len(text))
        self.found.append(element)
        if tag in VOID:
            element.inner_end = element.end = element.inner_start
        else:
            self.open.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        start = self._offset()
        end = start + len(self.get_starttag_text() or "")
        self.found.append(Located(tag, {k: v or "" for k, v in attrs}, self.source, start, end, end, end))

    def handle_endtag(self, tag: str) -> None:
        at = self._offset()
        while self.open:
            element = self.open.pop()
            element.inner_end, element.end = at, self.source.index(">", at) + 1
            if element.tag == tag:
                return


def located(html: str, tag: str | None = None, cls: str | None = None, **attrs: str) -> list[Located]:
    """The elements of ``html`` with ``tag``, the class ``cls`` among their classes, and the
    attributes ``attrs`` (``data_x`` is ``data-x``), in the order they start."""
    parser = _Locating(html)
    parser.feed(html)
    parser.close()
    wanted = {k.replace("_", "-"): v for k, v in attrs.items()}
    return [
        e
        for e in parser.found
        if (tag is None or e.tag == tag) and (cls is None or cls in e.classes) and all(e.attrs.get(k) == v for k, v in wanted.items())
    ]


def first(html: str, tag: str | None = None, cls: str | None = None, **attrs: str) -> Located:
    """The first element that :func:`located` finds (the test fails when there is none)."""
    found = located(html, tag, cls, **attrs)
    assert found, f"no <{tag or '*'} class={cls!r} {attrs}> in the page"
    return found[0]


def parse(path: Path) -> Parsed:
    return parse_html(path.read_text(encoding="utf-8"))


def parse_html(html: str) -> Parsed:
    parser = Parsed()
    parser.feed(html)
    parser.close()
    return parser


DANGEROUS_SCHEMES = ("javascript:", "data:", "vbscript:")


def assert_inert(site: Path) -> None:
    """No page or image of ``site`` holds a script that alerts, an event attribute or a link to
    a dangerous scheme: whatever an author or a committer wrote stayed text."""
    for path in sorted(site.rglob("*.html")) + sorted(site.rglob("*.svg")):
        html = parse(path)
        for script in html.scripts:
            assert "alert" not in script, path
        for element in html.elements:
            for name, value in element.attrs.items():
                assert not name.startswith("on"), f"{path}: <{element.tag} {name}=...>"
                if name in ("href", "src", "xlink:href", "action", "formaction", "srcdoc"):
                    seen = re.sub(r"[\x00-\x20]", "", value).lower()
                    assert not seen.startswith(DANGEROUS_SCHEMES), f"{path}: {name}={value!r}"


def resolve(site: Path, page: Path, href: str) -> Path | None:
    """The file a relative href on ``page`` points at, or None for external and fragment-only links."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    base = "/" + page.relative_to(site).as_posix()
    target = unquote(urlsplit(urljoin(base, href)).path)
    if target.endswith("/"):
        target += "index.html"
    return site / target.lstrip("/")


def internal_links(site: Path, folder: str = "strategy") -> list[tuple[Path, str, Path]]:
    """Every (page, href, target) of the site whose target lies in ``folder``."""
    found = []
    for page in site.rglob("*.html"):
        for href in parse(page).hrefs():
            target = resolve(site, page, href)
            if target is not None and (site / folder) in target.parents:
                found.append((page, href, target))
    return found


def page(site: Path, *parts: str) -> str:
    """The HTML of the page at ``site/<parts>/index.html``, character references decoded."""
    return unescape((site.joinpath(*parts) / "index.html").read_text(encoding="utf-8"))


def cli(*args: str, cwd: Path | None = None) -> tuple[int, str]:
    """``ladder ARGS`` in this process (click's runner), from ``cwd``: its exit code, and its
    output (stdout and stderr). Only click's exits count: any other exception fails the test."""
    with pytest.MonkeyPatch.context() as patch:
        if cwd is not None:
            patch.chdir(cwd)
        result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


def ladder(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run the real `ladder` command of this environment in ``cwd`` (where the process itself
    is under test: exit codes, a terminal, pre-commit)."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": BUILD_EPOCH}
    return subprocess.run([str(BIN / "ladder"), *args], cwd=cwd, capture_output=True, text=True, env=env, timeout=300)


class GitRepo:
    """A real git repository in a temporary folder, whose commits carry pinned dates."""

    def __init__(self, root: Path):
        self.root = root
        root.mkdir(parents=True, exist_ok=True)
        self.git("init", "-q", "-b", "main")
        self.git("config", "user.email", "test@example.com")
        self.git("config", "user.name", "Test")

    def git(self, *args: str) -> str:
        return subprocess.run(["git", "-C", str(self.root), *args], check=True, capture_output=True, text=True).stdout

    def write(self, files: dict[str, str | None]) -> None:
        """Write (text) or delete (None) files under the repository."""
        for name, text in files.items():
            path = self.root / name
            if text is None:
                path.unlink()
            else:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")

    def on(self, day: str, *args: str) -> str:
        """``git ARGS`` as of ``day`` (YYYY-MM-DD, noon UTC): what it commits carries that date."""
        stamp = f"{day}T12:00:00+00:00"
        env = {**os.environ, "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp}
        return subprocess.run(["git", "-C", str(self.root), *args], check=True, env=env, capture_output=True, text=True).stdout

    def commit(self, day: str, files: dict[str, str | None], message: str = "change") -> str:
        """Commit ``files`` on ``day`` (YYYY-MM-DD, noon UTC); the new commit's id."""
        self.write(files)
        self.git("add", "-A")
        self.on(day, "commit", "-q", "--allow-empty", "-m", message)
        return self.git("rev-parse", "HEAD").strip()


# --- a repository whose work ladders up (issue 19) ------------------------------------------------------

DELIVERY_TREE = {
    "strategy/mission.yaml": "title: Ship value\nowner: core\n",
    "strategy/strategies/growth.yaml": "title: Growth\nparent: mission\nowner: core\n",
    **{
        f"strategy/initiatives/{name}.yaml": f"title: {name.title()} work\nparent: growth\nowner: core\nwhy: w\nsteps: [one]\nmetrics: [{{name: m}}]\n"
        for name in ("busy", "gappy", "stalled", "silent")
    },
    "strategy/initiatives/paused.yaml": "title: Paused work\nparent: growth\nowner: core\nstatus: paused\n",
}


def delivery_project(root: Path) -> GitRepo:
    """A repository (named ``app``) whose tree was written on 2026-01-10, with work up to the
    build date (2026-06-01):

    * ``busy``: a linked commit every Monday from 2026-03-02 to 2026-05-25;
    * ``gappy``: on 2026-03-10, 2026-04-20 (41 days later) and 2026-05-28;
    * ``stalled``: on 2026-04-01, 2026-04-10 and 2026-04-15, then nothing for 47 days;
    * ``silent`` (active) and ``paused``: nothing; ``young``, written on 2026-05-20: nothing;
    * a trailer that names ``gapy`` (a typo) on 2026-05-01, and 20 unlinked chores.

    In the last 90 days (from 2026-03-03), 18 of its 40 integrations ladder up (45%).
    """
    repo = GitRepo(root)
    repo.commit("2026-01-10", DELIVERY_TREE, "Add the strategy tree")
    work: list[tuple[str, str]] = [(f"2026-{m:02d}-{d:02d}", "Busy step\n\nLadder: busy") for m, d in _mondays()]
    work += [(day, "Gappy step\n\nLadder: gappy") for day in ("2026-03-10", "2026-04-20", "2026-05-28")]
    work += [(day, "Stalled step\n\nLadder: stalled") for day in ("2026-04-01", "2026-04-10", "2026-04-15")]
    work += [("2026-05-01", "Typo link\n\nLadder: gapy")]
    work += [(f"2026-{3 + n // 7:02d}-{4 + (n % 7) * 3:02d}", f"Chore {n}") for n in range(20)]
    work += [("2026-05-20", "Add young\n")]
    for n, (day, message) in enumerate(sorted(work)):
        files: dict[str, str | None] = {f"work/{n}.txt": message}
        if message.startswith("Add young"):
            files["strategy/initiatives/young.yaml"] = (
                "title: Young work\nparent: growth\nowner: core\nwhy: w\nsteps: [one]\nmetrics: [{name: m}]\n"
            )
        repo.commit(day, files, message)
    return repo


def _mondays() -> list[tuple[int, int]]:
    from datetime import date, timedelta

    day, found = date(2026, 3, 2), []
    while day <= date(2026, 5, 25):
        found.append((day.month, day.day))
        day += timedelta(days=7)
    return found


# --- a repository whose outcomes are measured (issue 29) --------------------------------------------

OUTCOMES_CATALOGUE = """\
revenue:
  title: Revenue
  unit: k€
  source:
    file: data/revenue.json
active-teams:
  title: Weekly active teams
  unit: teams
  description: Teams with **one** session or more in a week.
  source:
    file: data/teams.csv
churn:
  title: Monthly churn
  unit: "%"
  direction: lower
  source:
    file: data/churn.parquet
    query: select month as date, avg(rate) as value from data group by 1
nps:
  title: Net promoter score
  source:
    file: data/nps.csv
"""

OUTCOMES_TREE = {
    "mkdocs.yml": (
        "site_name: Outcomes\ntheme:\n  name: material\n  palette:\n"
        "    - scheme: default\n      toggle: {icon: material/brightness-7, name: Switch to dark mode}\n"
        "    - scheme: slate\n      toggle: {icon: material/brightness-4, name: Switch to light mode}\n"
        "plugins:\n  - search\n  - ladder\n"
    ),
    "docs/index.md": "# Outcomes\n",
    "strategy/mission.yaml": "title: Grow\nowner: board\nmetrics: [{metric: revenue, target: 200, by: 2026-12-31}]\n",
    "strategy/metrics.yaml": OUTCOMES_CATALOGUE,
    "strategy/strategies/growth.yaml": "title: Growth\nparent: mission\nowner: core\nmetrics: [{metric: active-teams, target: 500, by: 2026-09-30}]\n",
    "strategy/strategies/retention.yaml": "title: Retention\nparent: mission\nowner: core\nmetrics: [{metric: churn, target: 2, by: 2026-12-31}]\n",
    "strategy/strategies/quiet.yaml": "title: Quiet\nparent: mission\nowner: core\n",
    "strategy/initiatives/onboarding.yaml": (
        "title: Onboarding\nparent: growth\nowner: core\nwhy: w\nsteps: [one]\nconfidence: high\nvalue: L\n"
        "metrics: [{metric: active-teams, target: 300, by: 2026-04-30}]\n"
    ),
    "strategy/initiatives/save-desk.yaml": (
        "title: Save desk\nparent: retention\nowner: core\nwhy: w\nsteps: [one]\nconfidence: 70\nvalue: M\n"
        "metrics: [{metric: churn, target: 3, by: 2026-04-30}]\n"
    ),
    "strategy/initiatives/survey.yaml": "title: Survey\nparent: retention\nowner: core\nwhy: w\nsteps: [one]\nmetrics: [{metric: nps, target: 40}]\n",
    "strategy/initiatives/typed.yaml": "title: Typed\nparent: quiet\nowner: core\nwhy: w\nsteps: [one]\nmetrics: [{name: Calls, target: 5, current: 3}]\n",
    # Weekly active teams: 100 on 2026-01-05, 15 more each week, to 400 on 2026-05-25.
    "data/teams.csv": "date,value\n"
    + "".join(f"{date.fromisoformat('2026-01-05') + timedelta(weeks=w)},{100 + 15 * w}\n" for w in range(21)),
    "data/revenue.json": '[{"date": "2026-01-31", "value": 100}, {"date": "2026-02-28", "value": 110}, {"date": "2026-03-31", "value": 125}, {"date": "2026-04-30", "value": 150}]\n',
    "data/nps.csv": "date,value\n2026-01-01,20\n2026-02-01,22\n2026-03-01,25\n",
}
#: Monthly churn (lower is better), by month from 2026-01-01: it rises, the wrong way.
CHURN = [4.0, 4.1, 4.2, 4.4, 4.5]


def write_churn(path: Path, rates: list[float] = CHURN) -> None:
    """The churn figures as a Parquet file (two rows a month, averaged by the metric's query)."""
    import duckdb

    path.parent.mkdir(parents=True, exist_ok=True)
    rows = ", ".join(f"(DATE '2026-{m + 1:02d}-01', {r - 0.1}), (DATE '2026-{m + 1:02d}-01', {r + 0.1})" for m, r in enumerate(rates))
    duckdb.sql(f"COPY (SELECT * FROM (VALUES {rows}) AS t(month, rate)) TO '{path}' (FORMAT parquet)")  # noqa: S608  # the test's own figures


def outcomes_project(root: Path, changes: dict[str, str] | None = None) -> GitRepo:
    """A repository measured by files, with history and work, built on 2026-06-01:

    * revenue (the mission's, JSON), active teams (growth's and onboarding's, CSV), churn
      (retention's and save-desk's, Parquet through a query), NPS (survey's, CSV, last value
      2026-03-01: stale);
    * growth on track (400 teams rising 15 a week toward 500 by 2026-09-30); retention off
      track (churn rising); quiet names no metric;
    * onboarding: two linked commits (2026-02-10, 2026-02-20), done on 2026-03-02, confidence
      high: active teams moved from 235 to 400, and its target of 300 by 2026-04-30 was reached;
    * save-desk: done on 2026-02-01, confidence 70: churn rose after it, and its target of 3 by
      2026-04-30 was missed.
    """
    repo = GitRepo(root)
    files = {**OUTCOMES_TREE, **(changes or {})}
    repo.commit("2026-01-10", files, "Add the strategy tree")
    write_churn(root / "data" / "churn.parquet")
    repo.commit("2026-01-11", {}, "Add the churn figures")
    save_desk = files["strategy/initiatives/save-desk.yaml"]
    repo.commit("2026-02-01", {"strategy/initiatives/save-desk.yaml": save_desk + "status: done\n"}, "Save desk done")
    repo.commit("2026-02-10", {"app/a.txt": "a"}, "Onboarding: first step\n\nLadder: onboarding")
    repo.commit("2026-02-20", {"app/b.txt": "b"}, "Onboarding: second step\n\nLadder: onboarding")
    onboarding = files["strategy/initiatives/onboarding.yaml"]
    repo.commit("2026-03-02", {"strategy/initiatives/onboarding.yaml": onboarding + "status: done\n"}, "Onboarding done")
    return repo
