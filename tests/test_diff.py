"""`ladder diff`: a real temporary git repository with commits that exercise every kind of change."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from .conftest import write_files
from .sites import ladder

BASE_TREE = {
    "mission.yaml": "title: Grow\nowner: board\n",
    "strategies/growth.yaml": "title: Win the mid-market\nparent: mission\nowner: growth\n",
    "strategies/retention.yaml": "title: Keep customers\nparent: mission\nowner: success\n",
    "initiatives/onboarding.yaml": (
        "title: Self-serve onboarding\nparent: growth\nowner: growth\nwhy: churn\n"
        "steps:\n  - title: Sketch\n    done: true\n  - Ship\n  - Measure\nmetrics:\n  - name: Activation\n"
    ),
    "initiatives/pricing.yaml": "title: Pricing page\nparent: growth\nowner: growth\nwhy: w\nsteps: [Publish]\nmetrics: [{name: m}]\n",
    "initiatives/old-report.yaml": "title: Quarterly report\nparent: retention\nowner: success\nwhy: w\nsteps: [Write]\nmetrics: [{name: m}]\n",
    "initiatives/legacy.yaml": "title: Legacy export\nparent: retention\nowner: success\nwhy: w\nsteps: [Export]\nmetrics: [{name: m}]\n",
}


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True).stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    git(repo, "config", "user.email", "t@example.com")
    git(repo, "config", "user.name", "Test")
    write_files(repo / "strategy", BASE_TREE)
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "base")
    git(repo, "tag", "base")
    s = repo / "strategy"
    (s / "initiatives" / "partners.yaml").write_text(  # added; no metrics: a health warning introduced
        "title: Partner channel\nparent: growth\nowner: growth\nwhy: reach\nsteps: [Sign one]\n"
    )
    (s / "initiatives" / "legacy.yaml").unlink()  # removed
    git(repo, "mv", "strategy/initiatives/old-report.yaml", "strategy/initiatives/report.yaml")  # renamed id, same title
    (s / "initiatives" / "onboarding.yaml").write_text(  # retitled, re-parented, owner, steps completed
        "title: Guided onboarding\nparent: retention\nowner: success\nwhy: churn\n"
        "steps:\n  - title: Sketch\n    done: true\n  - title: Ship\n    done: true\n  - Measure\nmetrics:\n  - name: Activation\n"
    )
    (s / "initiatives" / "pricing.yaml").write_text(  # status change
        "title: Pricing page\nparent: growth\nowner: growth\nwhy: w\nsteps: [Publish]\nmetrics: [{name: m}]\nstatus: done\n"
    )
    (s / "strategies" / "retention.yaml").write_text("title: Keep customers\nparent: mission\n")  # owner removed: warning
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "change everything")
    return repo


def test_markdown_summary_names_every_kind_of_change(repo):
    done = ladder(repo, "diff", "base", "HEAD")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert out.startswith("### Strategy changes: `base` → `HEAD`\n")
    assert (
        "**1 added · 1 removed · 2 renamed · 1 re-parented · 1 status change · 2 owner changes · 1 step completed"
        " · 2 health warnings introduced**"
    ) in out
    assert "#### Added\n\n- initiative `partners` Partner channel under `growth`\n" in out
    assert "#### Removed\n\n- initiative `legacy` Legacy export\n" in out
    assert "- `old-report` → `report` (Quarterly report)" in out
    assert "- `onboarding`: Self-serve onboarding → Guided onboarding" in out
    assert "#### Re-parented\n\n- `onboarding` Guided onboarding: `growth` → `retention`\n" in out
    assert "#### Status\n\n- `pricing` Pricing page: active → **done**\n" in out
    assert "#### Owner\n\n- `retention` Keep customers: success → (none)\n- `onboarding` Guided onboarding: growth → success\n" in out
    assert "#### Steps completed\n\n- `onboarding` Guided onboarding: Ship (2 of 3 done)\n" in out
    assert "- ⚠️ introduced: `partners`: active initiative has no metrics: how will you know it worked? `initiative-without-metrics`" in out
    assert "- ⚠️ introduced: `retention`: strategy has no owner `missing-owner`" in out


def test_json_gives_the_same_as_data(repo):
    done = ladder(repo, "diff", "base", "HEAD", "--format", "json")
    data = json.loads(done.stdout)
    assert [n["id"] for n in data["added"]] == ["partners"]
    assert [n["id"] for n in data["removed"]] == ["legacy"]
    assert data["renamed"] == [{"id": "report", "title": "Quarterly report", "before": "old-report", "after": "report"}]
    assert data["retitled"] == [
        {"id": "onboarding", "title": "Guided onboarding", "before": "Self-serve onboarding", "after": "Guided onboarding"}
    ]
    assert data["reparented"] == [{"id": "onboarding", "title": "Guided onboarding", "before": "growth", "after": "retention"}]
    assert data["status"] == [{"id": "pricing", "title": "Pricing page", "before": "active", "after": "done"}]
    assert data["owner"] == [
        {"id": "retention", "title": "Keep customers", "before": "success", "after": None},
        {"id": "onboarding", "title": "Guided onboarding", "before": "growth", "after": "success"},
    ]
    assert data["steps_completed"] == [{"id": "onboarding", "title": "Guided onboarding", "completed": ["Ship"], "done": 2, "total": 3}]
    assert sorted((w["id"], w["rule"]) for w in data["health_introduced"]) == [
        ("partners", "initiative-without-metrics"),
        ("retention", "missing-owner"),
    ]
    assert data["health_cleared"] == [] and data["empty"] is False


def test_health_warnings_cleared_and_the_working_tree_as_head(repo):
    s = repo / "strategy"
    (s / "strategies" / "retention.yaml").write_text("title: Keep customers\nparent: mission\nowner: success\n")
    done = ladder(repo, "diff", "HEAD", "--format", "json")  # HEAD against the working tree
    data = json.loads(done.stdout)
    assert data["head"] == "working tree"
    assert data["health_cleared"] == [{"id": "retention", "rule": "missing-owner", "message": "strategy has no owner"}]
    assert data["owner"] == [{"id": "retention", "title": "Keep customers", "before": None, "after": "success"}]


def test_no_changes(repo):
    done = ladder(repo, "diff", "HEAD", "HEAD")
    assert done.stdout == "### Strategy changes: `HEAD` → `HEAD`\n\nNo changes to the strategy tree.\n"


def test_works_in_a_shallow_clone_with_the_base_fetched(repo, tmp_path):
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo}", str(clone)], check=True)
    git(clone, "fetch", "-q", "--depth", "1", "origin", "tag", "base")
    done = ladder(clone, "diff", "base", "HEAD", "--format", "json")
    assert done.returncode == 0, done.stderr
    assert [n["id"] for n in json.loads(done.stdout)["added"]] == ["partners"]


def test_an_unknown_revision_is_a_usage_error(repo):
    done = ladder(repo, "diff", "no-such-rev")
    assert done.returncode == 2
    assert "ladder: git ls-tree no-such-rev:" in done.stderr and "Traceback" not in done.stderr


def test_a_base_without_the_tree_is_a_usage_error(repo, tmp_path):
    empty_tree = git(repo, "hash-object", "-t", "tree", "/dev/null").strip()
    git(repo, "tag", "empty", git(repo, "commit-tree", empty_tree, "-m", "empty").strip())
    done = ladder(repo, "diff", "empty", "HEAD")
    assert done.returncode == 2 and "no mission.yaml here" in done.stderr


def test_head_with_errors_is_said_and_compared_as_far_as_it_loads(repo):
    (repo / "strategy" / "initiatives" / "pricing.yaml").write_text("title: Pricing page\nparent: growth\nstatus: doing\n")
    done = ladder(repo, "diff", "HEAD")
    assert "> **1 error** in the tree at `working tree`: run `ladder check`." in done.stdout
