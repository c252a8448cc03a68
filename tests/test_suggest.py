"""`ladder suggest` (issue 30): which node a change serves, from the repository's own history;
the prepare-commit-msg hook, through real `git commit` and `pre-commit`; and how often the first
suggestion is right on two replayed histories, against two plain baselines."""

from __future__ import annotations

import json
import os
import random
import stat
import subprocess
import sys

import pytest
import yaml

from mkdocs_ladder.cache import DiskCache
from mkdocs_ladder.work.linked import entry_name, linked_changes
from mkdocs_ladder.work.suggest import Change, Index, branch_ids, replay, suggest

from .sites import BIN, REPO, GitRepo, cli

sys.path.insert(0, str(REPO))
from benchmarks.suggestions import team_history

TREE = {
    "strategy/mission.yaml": "title: Ship value\nowner: core\n",
    "strategy/strategies/growth.yaml": "title: Growth\nparent: mission\nowner: core\n",
    "strategy/initiatives/onboarding.yaml": "title: Onboarding\nparent: growth\nowner: core\n",
    "strategy/initiatives/billing.yaml": "title: Billing\nparent: growth\nowner: core\n",
    "strategy/initiatives/old-work.yaml": "title: Old work\nparent: growth\nowner: core\nstatus: done\n",
}


@pytest.fixture
def repo(tmp_path) -> GitRepo:
    """Ana's onboarding work in app/signup/ (and her old work, done, in app/old/), Ben's billing
    in app/billing/; the one who asks is Carl, new here: the folders speak for him."""
    repo = GitRepo(tmp_path / "repo")
    repo.commit("2026-01-05", TREE, "Add the tree")
    repo.git("config", "user.email", "ana@example.com")
    for n in range(5):
        repo.commit(f"2026-02-{n + 1:02d}", {f"app/old/{n}.py": "x"}, f"Old {n}\n\nLadder: old-work")
    for n in range(6):
        repo.commit(f"2026-03-{n + 1:02d}", {f"app/signup/{n}.py": "x"}, f"Signup {n}\n\nLadder: onboarding")
    repo.git("config", "user.email", "ben@example.com")
    for n in range(3):
        repo.commit(f"2026-04-{n + 1:02d}", {f"app/billing/{n}.py": "x"}, f"Billing {n}\n\nLadder: billing")
    repo.commit("2026-04-10", {"app/billing/chore.py": "x"}, "A chore, linked to nothing")
    repo.git("config", "user.email", "carl@example.com")
    return repo


def test_a_change_is_suggested_the_node_whose_linked_commits_touched_its_folder(repo):
    code, out = cli("suggest", "app/signup/form.py", "--format", "json", cwd=repo.root)
    assert code == 0
    first = json.loads(out)[0]
    assert (first["id"], first["title"], first["reason"]) == (
        "onboarding",
        "Onboarding",
        "6 of the latest 6 linked commits that touched app/signup/",
    )
    code, out = cli("suggest", "app/signup/form.py", cwd=repo.root)
    assert out.splitlines()[0] == "1. onboarding  Onboarding  (6 of the latest 6 linked commits that touched app/signup/)"


def test_done_work_is_not_offered_and_the_branch_name_wins(repo):
    rows = json.loads(cli("suggest", "app/old/3.py", "--format", "json", cwd=repo.root)[1])
    assert "old-work" not in [r["id"] for r in rows]
    rows = json.loads(cli("suggest", "app/signup/form.py", "--branch", "billing/fix-copy", "--format", "json", cwd=repo.root)[1])
    assert (rows[0]["id"], rows[0]["reason"]) == ("billing", "the branch 'billing/fix-copy' names it")
    assert branch_ids("feat/onboarding-copy", ["onboarding", "board"]) == ["onboarding"]
    assert branch_ids("feat/onboardingx", ["onboarding"]) == []


def test_your_own_latest_linked_commits_weigh_most(repo):
    repo.git("config", "user.email", "ben@example.com")
    rows = json.loads(cli("suggest", "app/signup/form.py", "--format", "json", cwd=repo.root)[1])
    assert [(r["id"], r["reason"]) for r in rows] == [
        ("billing", "3 of your last 3 linked commits"),
        ("onboarding", "6 of the latest 6 linked commits that touched app/signup/"),
    ]


def test_the_staged_change_is_read_by_default_and_a_node_file_counts(repo):
    repo.write({"app/billing/new.py": "x"})
    repo.git("add", "app/billing/new.py")
    rows = json.loads(cli("suggest", "--format", "json", cwd=repo.root)[1])
    assert rows[0]["id"] == "billing"
    rows = json.loads(cli("suggest", "strategy/initiatives/onboarding.yaml", "app/billing/x.py", "--format", "json", cwd=repo.root)[1])
    assert (rows[0]["id"], rows[0]["reason"]) == ("onboarding", "the change edits its file")


def test_without_history_nothing_is_suggested_and_it_says_so(tmp_path):
    repo = GitRepo(tmp_path / "repo")
    repo.commit("2026-01-05", TREE, "Add the tree")
    code, out = cli("suggest", "app/x.py", cwd=repo.root)
    assert (code, out) == (0, "ladder: no commit of this repository links a node yet: nothing to suggest\n")


def test_the_history_is_cached_and_continued(repo, tmp_path):
    cache = DiskCache(tmp_path / "cache", 0.5)
    first = linked_changes(repo.root, "Ladder", cache)
    assert [c.ids for c in first].count(("onboarding",)) == 6 and len(first) == 14
    assert cache.read(entry_name(repo.root.resolve(), "Ladder")) is not None
    repo.commit("2026-04-20", {"app/signup/more.py": "x"}, "More\n\nLadder: onboarding, billing")
    second = linked_changes(repo.root, "Ladder", cache)
    assert second[:14] == first and second[-1].ids == ("onboarding", "billing") and second[-1].paths == ("app/signup/more.py",)
    assert linked_changes(repo.root, "Ladder", None) == second


def test_what_a_hook_reads_gives_what_the_whole_history_gives():
    history = team_history(7, commits=800)
    rng = random.Random(7)  # noqa: S311  # a seeded sample of commits
    for change in rng.sample(history, 40):
        asked = Change(change.paths, change.author)
        assert suggest(Index.for_change(history, asked), asked) == suggest(Index.of(history), asked)


# --- the prepare-commit-msg hook -----------------------------------------------------------------


def test_the_hook_adds_a_commented_line_and_never_touches_a_trailer(repo):
    message = repo.root / "MSG"
    repo.write({"app/signup/next.py": "x"})
    repo.git("add", "app/signup/next.py")
    message.write_text("\n# Please enter the commit message for your changes.\n")
    assert cli("suggest", "--hook", str(message), cwd=repo.root)[0] == 0
    assert message.read_text() == (
        "\n# Ladder: onboarding  (6 of the latest 6 linked commits that touched app/signup/)\n# Please enter the commit message for your changes.\n"
    )
    kept = "Fix the form\n\nLadder: billing\n# Please enter the commit message.\n"
    message.write_text(kept)
    assert cli("suggest", "--hook", str(message), "", cwd=repo.root)[0] == 0
    assert message.read_text() == kept
    for source in ("message", "merge", "squash", "commit"):  # -m (no editor), a merge, an amend: nothing added
        message.write_text("Fix\n")
        cli("suggest", "--hook", str(message), source, cwd=repo.root)
        assert message.read_text() == "Fix\n"


def test_the_hook_is_declared_for_pre_commit():
    hooks = {hook["id"]: hook for hook in yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())}
    assert hooks["ladder-suggest"]["entry"] == "ladder suggest --hook"
    assert hooks["ladder-suggest"]["stages"] == ["prepare-commit-msg"]


@pytest.mark.slow
def test_the_hook_through_real_pre_commit_and_git_commit(repo, tmp_path):
    """pre-commit installs the prepare-commit-msg hook; `git commit` opens an "editor" that
    keeps what it was given: the suggestion is in it, and git strips it as a comment."""
    repo.write(
        {
            ".pre-commit-config.yaml": yaml.safe_dump(
                {
                    "repos": [
                        {
                            "repo": "local",
                            "hooks": [
                                {
                                    "id": "ladder-suggest",
                                    "name": "ladder suggest",
                                    "entry": f"{BIN / 'ladder'} suggest --hook",
                                    "language": "system",
                                    "stages": ["prepare-commit-msg"],
                                }
                            ],
                        }
                    ]
                }
            )
        }
    )
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home")}
    subprocess.run([str(BIN / "pre-commit"), "install", "--hook-type", "prepare-commit-msg"], cwd=repo.root, check=True, env=env)
    seen = tmp_path / "seen.txt"
    editor = tmp_path / "editor.sh"
    editor.write_text(f'#!/bin/sh\ncp "$1" "{seen}"\nprintf "Sign up faster\\n" | cat - "$1" > "$1.new" && mv "$1.new" "$1"\n')
    editor.chmod(editor.stat().st_mode | stat.S_IEXEC)
    repo.write({"app/signup/faster.py": "x"})
    repo.git("add", "-A")
    done = subprocess.run(["git", "commit", "-q"], cwd=repo.root, env={**env, "GIT_EDITOR": str(editor)}, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "# Ladder: onboarding  (6 of the latest 6 linked commits that touched app/signup/)" in seen.read_text()
    assert repo.git("log", "-1", "--format=%B").strip() == "Sign up faster"  # the comment went, as comments do
    repo.write({"app/signup/again.py": "x"})
    repo.git("add", "-A")
    subprocess.run(["git", "commit", "-q", "-m", "Again\n\nLadder: billing"], cwd=repo.root, env=env, check=True)
    assert repo.git("log", "-1", "--format=%B").strip() == "Again\n\nLadder: billing"  # -m: nothing added


# --- how good the suggestions are -------------------------------------------------------------------


def test_on_six_teams_working_side_by_side_the_first_suggestion_beats_both_baselines():
    replayed = replay(team_history())
    assert replayed.commits == 3000
    assert replayed.share(replayed.suggest) >= 0.85
    assert replayed.suggest > replayed.last_linked and replayed.suggest > replayed.most_in_folders


def test_on_this_repositorys_own_history_the_first_suggestion_beats_both_baselines():
    replayed = replay(linked_changes(REPO, "Ladder", None))
    assert replayed.commits >= 53
    assert replayed.share(replayed.suggest) >= 0.85
    assert replayed.suggest > replayed.last_linked and replayed.suggest > replayed.most_in_folders
