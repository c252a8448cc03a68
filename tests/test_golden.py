"""Golden files: what a reviewer reads as a diff.

* The Markdown that ladder generates for each page of an example tree, rendered as pure
  functions (no site generator, no Graphviz: the diagrams are slots), on a fixed date.
* ``ladder check --format json`` on a tree with warnings and on one with errors of every kind.

A change to the pages or to the messages shows here as a change to a file under
``tests/golden/``. When it is meant, write the files anew and commit them with the change::

    .venv/bin/python -m pytest tests/test_golden.py --update-goldens
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from mkdocs_ladder import wiring
from mkdocs_ladder.check import check_directory
from mkdocs_ladder.metrics.model import Measured, Reading
from mkdocs_ladder.render.pages import Contents, render_site
from mkdocs_ladder.render.site import DiagramMode
from mkdocs_ladder.settings import Settings
from mkdocs_ladder.tree.catalogue import Catalogue
from mkdocs_ladder.tree.loader import load_catalogue
from mkdocs_ladder.tree.sources import DirectorySource
from mkdocs_ladder.work.git import Commit, Integration
from mkdocs_ladder.work.model import Work
from mkdocs_ladder.work.report import node_report, summary
from mkdocs_ladder.work.repositories import Repository as WorkSource
from mkdocs_ladder.work.repositories import RepoWork

from .sites import FIXTURES, cli, copy_fixture, learning_project, make_unhealthy

GOLDEN = Path(__file__).parent / "golden"
BUILD_DAY = date(2026, 6, 1)

#: Each example tree, made in a fresh folder.
PROJECTS: dict[str, Callable[[Path], Path]] = {
    "example": lambda tmp: copy_fixture("example", tmp / "p"),
    "unhealthy": lambda tmp: make_unhealthy(copy_fixture("example", tmp / "p")),
    "work": lambda tmp: copy_fixture("example", tmp / "p"),
    "learning": learning_project,
    "outcomes": lambda tmp: with_outcomes(copy_fixture("example", tmp / "p")),
}
WITH_WORK = {"work"}  # the cases rendered with :func:`example_work`
WITH_MEASURED = {"outcomes"}  # the cases rendered with :func:`example_measured`

CATALOGUE = """\
active-teams:
  title: Weekly active teams
  unit: teams
  description: Teams with **one** session or more; <script>alert(1)</script> stays text.
  source: {file: data/teams.csv}
churn:
  title: Monthly <b>churn</b>
  unit: "%"
  direction: lower
  source: {connection: warehouse, query: select month as date, rate as value from churn}
"""


def with_outcomes(project: Path) -> Path:
    """The example with a catalogue of two metrics: mid-market and onboarding name active teams,
    retention names churn."""
    strategy = project / "strategy"
    (strategy / "metrics.yaml").write_text(CATALOGUE)
    for rel, ref in (
        ("strategies/mid-market.yaml", "metrics:\n  - metric: active-teams\n    target: 500\n    by: 2026-09-30\n"),
        ("strategies/retention.yaml", "metrics:\n  - metric: churn\n    target: 2\n    by: 2026-12-31\n"),
    ):
        (strategy / rel).write_text((strategy / rel).read_text() + ref)
    onboarding = strategy / "initiatives" / "onboarding.yaml"
    onboarding.write_text(
        onboarding.read_text().replace("metrics:\n", "metrics:\n  - metric: active-teams\n    target: 300\n    by: 2026-04-30\n", 1)
    )
    return project


def example_measured(catalogue: Catalogue | None) -> Measured:
    """Values made by hand (no file, no server): active teams read on the build day, 15 more a
    week; churn's server could not be reached, so its values are those read two days before."""
    assert catalogue is not None
    teams = tuple((date(2026, 1, 5) + timedelta(weeks=w), 100.0 + 15 * w) for w in range(21))
    churn = tuple((date(2026, m, 1), rate) for m, rate in zip(range(1, 6), (4.0, 4.1, 4.2, 4.4, 4.5), strict=True))
    now = datetime(2026, 6, 1, 12, tzinfo=UTC)
    readings = {
        "active-teams": Reading(teams, now, fresh=True),
        "churn": Reading(churn, now - timedelta(days=2), "the database said: connection failed: Connection refused"),
    }
    return Measured(catalogue, readings, now)


def example_work() -> Work:
    """Work made by hand (no git): two repositories, one pushed to GitHub, one read from a path;
    linked, unlinked and misspelt trailers, a merge of three commits and hostile text."""

    def integration(n: int, day: str, subject: str, *ids: str, commits: int = 1) -> Integration:
        sha = f"{n:040x}"
        made = tuple(Commit(f"{n:039x}{k}", subject if k == 0 else f"part {k}", ids) for k in range(commits))
        return Integration(sha, date.fromisoformat(day), subject, made)

    app = [
        integration(1, "2026-03-02", "Wizard, first step", "onboarding"),
        integration(2, "2026-03-20", "Merge pull request #7: the wizard", "onboarding", commits=3),
        integration(3, "2026-04-28", "Pricing table", "pricing-page"),
        integration(4, "2026-05-05", "Fix the footer"),
        integration(5, "2026-05-12", "Typo in a trailer", "onbaording"),
        integration(6, "2026-05-26", "<b>bold</b> [x](javascript:alert(1))", "onboarding"),
    ]
    api = [integration(7, "2026-05-20", "API for pricing", "pricing-page"), integration(8, "2026-05-21", "Bump a dependency")]
    repos = [
        RepoWork(WorkSource("app", "https://github.com/acme/app.git"), app, tip="a" * 40, remote="https://github.com/acme/app.git"),
        RepoWork(WorkSource("api", "../api"), api, tip="b" * 40, remote=None),
        RepoWork(WorkSource("gone", "../gone"), warning="work: repository 'gone' (../gone) cannot be read: fatal: not a git repository"),
    ]
    return Work(repos, date(2024, 6, 1), BUILD_DAY)


def generated_markdown(project: Path, work: Work | None = None, measured: bool = False) -> dict[str, str]:
    """Every page's Markdown, by its path in the docs, as the plugin generates it (without
    history; with ``work``, the work linked to the tree; with ``measured``, the metrics of
    :func:`example_measured`)."""
    settings = Settings()
    health = wiring.health_settings(settings)
    values = example_measured(load_catalogue(DirectorySource(project / "strategy"), [])) if measured else None
    checked = check_directory(project / "strategy", health, None, work, values)
    assert checked.tree is not None, [p.text() for p in checked.problems]
    options = wiring.page_options(settings, directory_urls=True)
    health_found = [p for p in checked.problems if p.configurable]
    site = render_site(Contents(checked.tree, health_found, None, checked.linked, BUILD_DAY, values), {}, options, DiagramMode.SLOT)
    return (
        {page.src_uri: page.markdown for page in site.pages}
        | {f"{key.replace('~', '/')}.html": html for key, html in site.charts.items()}
        | site.files  # llms.txt (and with history, the changes' feed)
    )


def matches_golden(folder: Path, produced: dict[str, str], update: bool) -> None:
    """``produced`` (file name -> text) is what ``folder`` holds, file for file; with ``update``
    the folder is written anew instead."""
    if update:
        shutil.rmtree(folder, ignore_errors=True)
        for name, text in produced.items():
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / name).write_text(text, encoding="utf-8")
        return
    assert folder.is_dir(), f"{folder} is missing: run pytest {__file__} --update-goldens"
    held = {p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8") for p in sorted(folder.rglob("*")) if p.is_file()}
    assert sorted(held) == sorted(produced), "the pages generated are not the golden ones"
    for name, text in produced.items():
        assert text == held[name], f"{folder / name} differs from what is generated now (--update-goldens writes it anew)"


@pytest.mark.parametrize("case", sorted(PROJECTS))
def test_generated_markdown_matches_the_golden_files(case, tmp_path, update_goldens):
    produced = generated_markdown(PROJECTS[case](tmp_path), example_work() if case in WITH_WORK else None, case in WITH_MEASURED)
    assert len(produced) >= 10
    matches_golden(GOLDEN / "markdown" / case, produced, update_goldens)


@pytest.mark.parametrize(("case", "code"), [("unhealthy", 0), ("broken", 1)])
def test_check_json_matches_the_golden_file(case, code, tmp_path, update_goldens):
    project = copy_fixture("broken", tmp_path / "p") if case == "broken" else PROJECTS[case](tmp_path)
    exit_code, output = cli("check", "--format", "json", "--no-history", cwd=project)
    assert exit_code == code, output
    matches_golden(GOLDEN / "check" / case, {"check.json": output}, update_goldens)


def test_the_broken_fixture_holds_an_error_of_each_kind():
    text = (GOLDEN / "check" / "broken" / "check.json").read_text(encoding="utf-8")
    for rule in ("format", "parent", "duplicate-id", "unknown-kind"):
        assert f'"rule": "{rule}"' in text, rule
    assert (FIXTURES / "broken" / "strategy" / "mission.yaml").is_file()


def test_work_json_matches_the_golden_file(tmp_path, update_goldens):
    """``ladder work``'s JSON, for the summary and for a node, from the work made by hand."""
    checked = check_directory(copy_fixture("example", tmp_path / "p") / "strategy")
    assert checked.tree is not None
    work = example_work()
    produced = {
        "summary.json": json.dumps(summary(checked.tree, work), indent=2) + "\n",
        "mid-market.json": json.dumps(node_report(checked.tree, "mid-market", work), indent=2) + "\n",
    }
    matches_golden(GOLDEN / "work", produced, update_goldens)
