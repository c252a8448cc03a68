"""The rules that read the work (issue 19): each fires, stays quiet, takes its numbers as
options and a waiver, and is skipped without history; notes never fail a build; a repository
that cannot be read fails only --strict. Real git repositories with pinned dates (see
:func:`.sites.delivery_project`); the build date is 2026-06-01."""

from __future__ import annotations

import dataclasses
import json
import re
from datetime import date
from pathlib import Path

import pytest

from .sites import BUILD_EPOCH, DELIVERY_TREE, GitRepo, cli, delivery_project, run_build

WORK_RULES = ("infrequent-integration", "no-linked-work", "unlinked-work", "unknown-work-id")


@pytest.fixture
def app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> GitRepo:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", BUILD_EPOCH)
    return delivery_project(tmp_path / "app")


def work_findings(root: Path, *args: str) -> tuple[int, list[str]]:
    """``ladder check ARGS``'s exit code, and its lines of the work rules."""
    code, output = cli("check", *args, cwd=root)
    return code, [line for line in output.splitlines() if line.endswith(tuple(f"[{r}]" for r in WORK_RULES))]


def sha_of(repo: GitRepo, subject: str) -> str:
    return repo.git("log", "--format=%H", f"--grep=^{subject}$", "main").split()[0]


def test_each_work_rule_fires_where_it_should_and_nowhere_else(app):
    code, found = work_findings(app.root)
    typo = sha_of(app, "Typo link")[:10]
    assert code == 0
    assert found == [
        (
            "strategy/initiatives/gappy.yaml:1:1: warning: 41 days passed between two integrations (2026-03-10 to 2026-04-20; limit 21): "
            "working too big; integrate smaller steps more often [infrequent-integration]"
        ),
        (
            "strategy/initiatives/silent.yaml:1:1: warning: no commit links to this initiative (142 days old): "
            "say which work delivers it with a `Ladder: silent` trailer, or change its status [no-linked-work]"
        ),
        (
            "strategy/initiatives/stalled.yaml:1:1: warning: the last integration was 47 days ago (2026-04-15; limit 21): "
            "working too big; integrate smaller steps more often [infrequent-integration]"
        ),
        (
            f"strategy/mission.yaml:1:1: note: commit {typo} of repository 'app' links to 'gapy', which names no node "
            "(did you mean 'gappy'?) [unknown-work-id]"
        ),
        (
            "strategy/mission.yaml:1:1: warning: repository 'app': 18 of 40 integrations in the last 90 days (45%) ladder up to a node "
            "(at least 50%): working too small; link the work to what it serves, or name the strategy it serves [unlinked-work]"
        ),
    ]  # busy (weekly), young (12 days old) and paused stay quiet


def test_the_numbers_are_options(app):
    (app.root / "ladder.yml").write_text("integration_gap_days: 50\nlinked_work_days: 150\nlinked_share: 0.4\nwork_days: 30\n")
    assert work_findings(app.root)[1] == [line for line in work_findings(app.root)[1] if "[unknown-work-id]" in line]
    (app.root / "ladder.yml").write_text("integration_gap_days: 45\n")
    found = work_findings(app.root)[1]
    assert [line.split(":")[0] for line in found if "[infrequent-integration]" in line] == ["strategy/initiatives/stalled.yaml"]


def test_levels_and_waivers(app):
    (app.root / "ladder.yml").write_text("health:\n  infrequent-integration: error\n  unlinked-work: off\n")
    code, found = work_findings(app.root)
    assert code == 1
    assert sum("error:" in line and "[infrequent-integration]" in line for line in found) == 2
    assert not any("[unlinked-work]" in line for line in found)
    gappy = app.root / "strategy" / "initiatives" / "gappy.yaml"
    gappy.write_text(gappy.read_text() + "waive:\n  infrequent-integration: a migration that waits on a vendor\n")
    mission = app.root / "strategy" / "mission.yaml"
    mission.write_text(mission.read_text() + "waive:\n  unknown-work-id: the typo of May is known\n")
    code, found = work_findings(app.root)
    assert [line.split(":")[0] for line in found] == ["strategy/initiatives/silent.yaml", "strategy/initiatives/stalled.yaml"]


QUIET = {
    "stale-review": "off",
    "no-recent-progress": "off",
    "infrequent-integration": "off",
    "no-linked-work": "off",
    "unlinked-work": "off",
}


def test_a_note_never_fails_strict_and_each_format_carries_it(app):
    (app.root / "ladder.yml").write_text(json.dumps({"health": QUIET}))  # every other finding off: only the note is left
    code, output = cli("check", "--strict", cwd=app.root)
    assert code == 0, output
    assert "strategy/mission.yaml:1:1: note: commit " in output and output.endswith("strategy: ok: 1 mission, 1 strategy, 6 initiatives\n")
    code, output = cli("check", "--strict", "--format", "github", cwd=app.root)
    assert code == 0 and "::notice file=strategy/mission.yaml,line=1,col=1,title=ladder%3A unknown-work-id::commit " in output
    code, output = cli("check", "--format", "sarif", cwd=app.root)
    (result,) = json.loads(output)["runs"][0]["results"]
    assert (result["ruleId"], result["level"]) == ("unknown-work-id", "note")
    (app.root / "ladder.yml").write_text(json.dumps({"health": {**QUIET, "unknown-work-id": "warning"}}))
    assert cli("check", "--strict", cwd=app.root)[0] == 1  # a level the organisation chose


def test_without_history_the_work_rules_are_skipped(app):
    assert work_findings(app.root, "--no-history")[1] == []
    (app.root / "ladder.yml").write_text("history: false\n")
    assert work_findings(app.root)[1] == []


def test_without_any_link_no_linked_work_and_unlinked_work_stay_quiet(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", BUILD_EPOCH)
    repo = GitRepo(tmp_path / "plain")
    repo.commit("2026-01-10", DELIVERY_TREE, "Add the strategy tree")
    for n in range(10):
        repo.commit(f"2026-05-{n + 1:02d}", {f"w{n}": "x"}, f"Chore {n}")
    assert work_findings(repo.root) == (0, [])


def test_a_repository_that_cannot_be_read_fails_only_strict(app, tmp_path):
    (app.root / "ladder.yml").write_text(
        f"work:\n  repositories: [../nowhere, '{(tmp_path / 'gone.git').as_uri()}']\nhealth: {{stale-review: off, no-recent-progress: off}}\n"
    )
    code, output = cli("check", cwd=app.root)
    assert code == 0, output
    assert re.search(r"^ladder: warning: work: repository 'nowhere' \(.*nowhere\) cannot be read: ", output, re.M)
    assert "ladder: warning: work: repository 'gone' (file://" in output and "cannot be fetched" in output
    code, output = cli("check", "--strict", cwd=app.root)
    assert code == 1 and "(--strict)" in output


def test_mkdocs_build_strict_fails_on_a_repository_that_cannot_be_read(app):
    config = app.root / "mkdocs.yml"
    (app.root / "docs").mkdir()
    (app.root / "docs" / "index.md").write_text("# App\n")
    options = {"health": {**QUIET, "unknown-work-id": "note"}}
    config.write_text("site_name: app\nplugins:\n  - ladder: " + json.dumps(options) + "\n")
    assert run_build(app.root, strict=True).ok  # a note is said at info
    config.write_text("site_name: app\nplugins:\n  - ladder: " + json.dumps({**options, "work": {"repositories": ["../nowhere"]}}) + "\n")
    done = run_build(app.root)
    assert done.ok, done.log
    assert "WARNING: mkdocs_ladder: work: repository 'nowhere'" in done.log
    assert "INFO: mkdocs_ladder: strategy/mission.yaml:1:1: note: commit " in done.log
    done = run_build(app.root, strict=True)
    assert not done.ok and "Aborted with 1 warnings in strict mode" in done.log


def test_ladder_diff_names_the_work_findings_a_change_introduces_or_clears(app):
    (app.root / "strategy" / "initiatives" / "gapy.yaml").write_text(
        "title: Gapy work\nparent: growth\nowner: core\nwhy: w\nsteps: [one]\nmetrics: [{name: m}]\n"
    )
    code, output = cli("diff", "HEAD", "--format", "json", cwd=app.root)
    assert code == 0, output
    data = json.loads(output)
    assert [(w["id"], w["rule"]) for w in data["health_cleared"]] == [("mission", "unknown-work-id")]
    assert ("gapy", "infrequent-integration") in [(w["id"], w["rule"]) for w in data["health_introduced"]]


def test_ladder_work_shows_the_window_the_pages_show_and_never_one_it_did_not_read(app):
    """``ladder work ID`` showed 12 weeks while the node's page showed the whole window, so the
    same node's figures differed; a large --weeks reported a window that was never read."""
    from mkdocs_ladder.config_file import load_site_config
    from mkdocs_ladder.project import Project

    project = Project.of_site(load_site_config(app.root / "mkdocs.yml"))
    linked = project.check().linked
    assert linked is not None
    page = dataclasses.asdict(linked.figures("gappy"))  # what the node's page shows
    code, out = cli("work", "gappy", "--format", "json", cwd=app.root)
    report = json.loads(out)
    assert code == 0 and (report["since"], report["until"]) == ("2024-06-01", "2026-06-01")
    assert report["figures"] == {k: v.isoformat() if isinstance(v, date) else v for k, v in page.items()}
    assert report["figures"]["integrations"] == 3  # the first, on 2026-03-10, is older than 12 weeks
    code, out = cli("work", "gappy", "--weeks", "9999", cwd=app.root)
    assert code == 0
    assert "ladder: note: the work of the last 730 days is read (history_days): from 2024-06-01" in out
    assert "3 integrations (3 commits) from 2024-06-01 to 2026-06-01" in out
    code, out = cli("work", "gappy", "--weeks", "4", cwd=app.root)
    assert "1 integration (1 commit) from 2026-05-04 to 2026-06-01" in out  # "1 integrations (1 commits)" before
