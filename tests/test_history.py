"""History from git: the reader, its cache, the rules that read it, and the command line, on
real repositories whose commits carry pinned dates. Today is 2026-06-01 (SOURCE_DATE_EPOCH)."""

from __future__ import annotations

import gzip
import json
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from mkdocs_ladder import wiring
from mkdocs_ladder.adapters.cli import main
from mkdocs_ladder.cache import DiskCache
from mkdocs_ladder.check import check_directory
from mkdocs_ladder.gitio import find_repo
from mkdocs_ladder.health import build_date
from mkdocs_ladder.history import HistoryOptions, read_history
from mkdocs_ladder.history.events import node_events
from mkdocs_ladder.history.reader import SHALLOW, cache_entry
from mkdocs_ladder.settings import Settings

from .sites import GitRepo, cli

TODAY = date(2026, 6, 1)
MISSION = "title: Grow\nowner: board\n"
STRATEGY = "title: Win the mid-market\nparent: mission\nowner: growth\nwhy: Because.\n"


def initiative(steps: list[tuple[str, bool]], status: str = "active", metric: object = None, extra: str = "") -> str:
    lines = ["title: Onboarding", "parent: s", "owner: growth", "why: Churn.", f"status: {status}", "steps:"]
    lines += [f"  - title: {title}\n    done: {'true' if done else 'false'}" for title, done in steps]
    lines += ["metrics:", "  - name: Activation", "    target: 40"] + ([f"    current: {metric}"] if metric is not None else [])
    return "\n".join(lines) + "\n" + extra


def read(repo: GitRepo, days: int = 730, cache: DiskCache | None = None, with_tree: bool = True):
    root = repo.root / "strategy"
    tree = check_directory(root).tree if with_tree else None
    return read_history(root, HistoryOptions(days, cache), TODAY, tree)


@pytest.fixture
def repo(tmp_path: Path) -> GitRepo:
    repo = GitRepo(tmp_path / "repo")
    repo.commit(
        "2026-01-05",
        {
            "strategy/mission.yaml": MISSION,
            "strategy/strategies/s.yaml": STRATEGY,
            "strategy/initiatives/i.yaml": initiative([("Sketch", False), ("Ship", False)], metric=20),
        },
    )
    repo.commit(
        "2026-02-10", {"strategy/initiatives/i.yaml": initiative([("Sketch", True), ("Ship", False), ("Measure", False)], metric=25)}
    )
    repo.commit(
        "2026-03-15",
        {"strategy/initiatives/i.yaml": initiative([("Sketch", True), ("Ship", False), ("Measure", False)], status="paused", metric=25)},
    )
    repo.commit(
        "2026-04-20", {"strategy/initiatives/i.yaml": initiative([("Sketch", True), ("Ship", True), ("Measure", False)], metric=31)}
    )
    return repo


# --- the reader ---------------------------------------------------------------------------------------


def test_each_node_keeps_its_dates_steps_statuses_and_metrics(repo):
    history = read(repo)
    assert history.available and history.commits == 4
    i = history.nodes["i"]
    assert (i.created, i.changed, i.removed) == (date(2026, 1, 5), date(2026, 4, 20), None)
    assert i.statuses == [(date(2026, 1, 5), "active"), (date(2026, 3, 15), "paused"), (date(2026, 4, 20), "active")]
    assert [(s.title, s.added, s.done, s.removed) for s in i.steps] == [
        ("Sketch", date(2026, 1, 5), date(2026, 2, 10), None),
        ("Ship", date(2026, 1, 5), date(2026, 4, 20), None),
        ("Measure", date(2026, 2, 10), None, None),
    ]
    assert i.metrics == {"Activation": [(date(2026, 1, 5), 20), (date(2026, 2, 10), 25), (date(2026, 4, 20), 31)]}
    assert i.burnup() == [(date(2026, 1, 5), 0, 2), (date(2026, 2, 10), 1, 3), (date(2026, 4, 20), 2, 3)]
    assert history.nodes["s"].changed == date(2026, 1, 5)


def test_dates_are_commit_dates_as_utc_days(tmp_path):
    repo = GitRepo(tmp_path / "r")
    repo.write({"strategy/mission.yaml": MISSION})
    repo.git("add", "-A")
    stamp = "2026-03-01T22:30:00-05:00"  # 03:30 UTC on 2 March
    subprocess.run(
        ["git", "-C", str(repo.root), "commit", "-qm", "x"],
        check=True,
        env={"PATH": "/usr/bin:/bin", "GIT_AUTHOR_DATE": "2020-01-01T00:00:00Z", "GIT_COMMITTER_DATE": stamp, "HOME": str(tmp_path)},
    )
    assert read(repo).nodes["mission"].created == date(2026, 3, 2)


def test_the_working_tree_counts_as_today(repo):
    repo.write({"strategy/initiatives/i.yaml": initiative([("Sketch", True), ("Ship", True), ("Measure", True)], metric=40)})
    i = read(repo).nodes["i"]
    assert i.changed == TODAY and i.steps[2].done == TODAY
    assert i.metrics["Activation"][-1] == (TODAY, 40)


def test_a_node_moved_to_another_file_and_folder_keeps_its_history(repo):
    moved = initiative([("Sketch", True), ("Ship", True), ("Measure", True)], metric=31)
    listed = "- id: i\n" + "".join(f"  {line}\n" for line in moved.splitlines())
    repo.commit("2026-05-10", {"strategy/initiatives/i.yaml": None, "strategy/initiatives/team-a/all.yaml": listed})
    i = read(repo).nodes["i"]
    assert i.created == date(2026, 1, 5) and i.removed is None
    assert i.steps[2].done == date(2026, 5, 10)
    assert [e.kind for e in node_events(i)].count("added") == 1


def test_a_hostile_past_version_is_skipped_and_the_previous_state_carries_on(repo):
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
    repo.commit("2026-05-01", {"strategy/initiatives/i.yaml": bomb})
    repo.commit("2026-05-02", {"strategy/initiatives/i.yaml": initiative([("Sketch", True), ("Ship", True), ("Measure", True)], metric=31)})
    history = read(repo)
    i = history.nodes["i"]
    assert i.removed is None and i.steps[2].done == date(2026, 5, 2)  # never seen as removed
    (note,) = history.notes
    assert (
        note.startswith("history: initiatives/i.yaml as of ")
        and "(2026-05-01) is skipped: line 1: YAML anchors (&a) are not allowed" in note
    )


def test_a_past_file_over_the_size_limit_is_skipped(repo):
    repo.commit("2026-05-01", {"strategy/initiatives/i.yaml": "why: " + "x" * (1024 * 1024 + 10) + "\n"})
    history = read(repo, with_tree=False)
    assert history.nodes["i"].removed is None
    assert "is skipped: the file is larger than the loader reads" in history.notes[0]


def test_a_removed_node_is_dated_and_comes_back(repo):
    repo.commit("2026-05-01", {"strategy/initiatives/i.yaml": None})
    gone = read(repo, with_tree=False).nodes["i"]
    assert gone.removed == date(2026, 5, 1)
    repo.commit("2026-05-20", {"strategy/initiatives/i.yaml": initiative([("Sketch", True)], metric=31)})
    back = read(repo).nodes["i"]
    assert back.removed is None and back.created == date(2026, 1, 5)
    assert [(s.title, s.removed) for s in back.steps] == [("Sketch", None), ("Ship", date(2026, 5, 20)), ("Measure", date(2026, 5, 20))]


def test_history_reads_no_further_back_than_asked(repo):
    history = read(repo, days=100)  # since 2026-02-21: the first two commits are not walked
    assert (history.commits, history.cut) == (2, date(2026, 2, 21))
    # The tree as it stood then is the starting point: what was written before is dated "on or before" the cut.
    s, i = history.nodes["s"], history.nodes["i"]
    assert (s.created, s.changed) == (date(2026, 2, 21), date(2026, 2, 21))
    assert i.created == date(2026, 2, 21) and i.statuses[1:] == [(date(2026, 3, 15), "paused"), (date(2026, 4, 20), "active")]
    assert [(st.title, st.added, st.done) for st in i.steps] == [
        ("Sketch", date(2026, 2, 21), date(2026, 2, 21)),
        ("Ship", date(2026, 2, 21), date(2026, 4, 20)),
        ("Measure", date(2026, 2, 21), None),
    ]


def test_reading_many_commits_at_once_or_one_at_a_time_gives_the_same_history(repo, monkeypatch):
    from mkdocs_ladder.history import reader

    whole = {k: v.as_json() for k, v in read(repo).nodes.items()}
    monkeypatch.setattr(reader, "BLOBS_AT_ONCE", 1)
    assert {k: v.as_json() for k, v in read(repo).nodes.items()} == whole


def test_a_version_the_working_tree_holds_is_not_parsed_again(repo, monkeypatch):
    """The loader's reading of today's files stands in for every past version with the same bytes."""
    from mkdocs_ladder.history import reader
    from mkdocs_ladder.tree.loader import load

    root = repo.root / "strategy"
    repo.write({"strategy/initiatives/i.yaml": initiative([("Sketch", True), ("Ship", True), ("Measure", True)], metric=40)})
    parsed: list[str] = []
    real = reader._parse
    monkeypatch.setattr(reader, "_parse", lambda rel, data, level: parsed.append(rel) or real(rel, data, level))
    tree = check_directory(root).tree
    reused = read_history(root, HistoryOptions(730, None), TODAY, tree, versions=load(root).versions)
    assert sorted(parsed) == ["initiatives/i.yaml"] * 4  # mission and strategy: as today since their one commit
    parsed.clear()
    alone = read_history(root, HistoryOptions(730, None), TODAY, tree)
    assert sorted(parsed) == ["initiatives/i.yaml"] * 4 + ["mission.yaml", "strategies/s.yaml"]
    assert {k: v.as_json() for k, v in reused.nodes.items()} == {k: v.as_json() for k, v in alone.nodes.items()}
    assert reused.nodes["i"].steps[2].done == TODAY


def test_a_files_version_is_known_by_gits_object_id(repo):
    from mkdocs_ladder.tree.loader import blob_id, load

    path = repo.root / "strategy" / "initiatives" / "i.yaml"
    git_id = subprocess.run(["git", "hash-object", str(path)], capture_output=True, text=True, check=True).stdout.strip()
    assert blob_id(path.read_bytes()) == git_id
    assert load(repo.root / "strategy").versions["initiatives/i.yaml"].blob == git_id


# --- the cache ----------------------------------------------------------------------------------------


def test_a_build_reads_only_the_commits_since_the_last(repo, tmp_path):
    cache = DiskCache(tmp_path / "cache", 0.5)
    first = read(repo, cache=cache)
    assert (first.read, first.commits) == (4, 4)
    again = read(repo, cache=cache)
    assert (again.read, again.commits) == (0, 4)
    assert {k: v.as_json() for k, v in again.nodes.items()} == {k: v.as_json() for k, v in first.nodes.items()}
    repo.commit("2026-05-05", {"strategy/strategies/s.yaml": STRATEGY + "tags: [q2]\n"})
    third = read(repo, cache=cache)
    assert (third.read, third.commits) == (1, 5)
    assert third.nodes["s"].changed == date(2026, 5, 5)
    entry = tmp_path / "cache" / cache_entry(find_repo(repo.root / "strategy"), HistoryOptions(730, cache))
    assert json.loads(gzip.decompress(entry.read_bytes()))["head"] == repo.git("rev-parse", "HEAD").strip()


def test_a_rewritten_history_or_a_damaged_cache_is_read_again(repo, tmp_path):
    cache = DiskCache(tmp_path / "cache", 0.5)
    read(repo, cache=cache)
    repo.git("reset", "-q", "--hard", "HEAD~1")
    repo.commit("2026-05-05", {"strategy/strategies/s.yaml": STRATEGY + "tags: [q2]\n"})
    rewritten = read(repo, cache=cache)
    assert (rewritten.read, rewritten.commits) == (4, 4)  # the cached head is no ancestor: from the start
    for entry in (tmp_path / "cache").iterdir():
        entry.write_bytes(b"not gzip")
    assert read(repo, cache=cache).read == 4


# --- no history -----------------------------------------------------------------------------------------


def test_outside_a_repository_history_is_quietly_off(tmp_path):
    root = tmp_path / "strategy"
    root.mkdir()
    (root / "mission.yaml").write_text(MISSION)
    history = read_history(root, HistoryOptions(730, None), TODAY)
    assert (history.available, history.quiet, history.reason) == (False, True, "the strategy directory is not in a git repository")


def test_a_shallow_clone_has_no_history_and_says_how_to_fix_it(repo, tmp_path):
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo.root}", str(clone)], check=True)
    history = read_history(clone / "strategy", HistoryOptions(730, None), TODAY)
    assert (history.available, history.quiet, history.reason) == (False, False, SHALLOW)
    assert "fetch-depth: 0" in SHALLOW


# --- the rules ------------------------------------------------------------------------------------------

HISTORY_RULES = ("no-recent-progress", "scope-creep", "stale-review")


def rule_findings(repo: GitRepo, rule: str | None = None, **settings: object) -> list[str]:
    root = repo.root / "strategy"
    chosen = Settings.model_validate(settings)
    checked = check_directory(root, wiring.health_settings(chosen), wiring.history_reader(chosen, root, repo.root, build_date()))
    return [f"{p.node} {p.rule}: {p.message}" for p in checked.problems if p.rule in ((rule,) if rule else HISTORY_RULES)]


def test_no_recent_progress_fires_on_an_initiative_with_no_step_done_in_42_days(repo):
    # the last step was done on 2026-04-20: 42 days before today is 2026-04-20, so that step is just outside
    assert rule_findings(repo, "no-recent-progress") == [
        "i no-recent-progress: no step marked done in 42 days (the last on 2026-04-20; 1 open): working too big; ship a smaller step",
    ]
    assert rule_findings(repo, "no-recent-progress", progress_days=43) == []  # 2026-04-20 falls within 43 days


@pytest.mark.parametrize(
    ("change", "why"),
    [
        (initiative([("Sketch", True), ("Ship", True), ("Measure", True)]), "no open step"),
        (initiative([("Sketch", True), ("Ship", True), ("Measure", False)], status="paused"), "not active"),
        (
            initiative([("Sketch", True), ("Ship", True), ("Measure", False)], extra="waive:\n  no-recent-progress: waiting on legal\n"),
            "waived",
        ),
    ],
)
def test_no_recent_progress_stays_quiet(repo, change, why):
    repo.commit("2026-04-21", {"strategy/initiatives/i.yaml": change})
    assert rule_findings(repo, "no-recent-progress") == [], why


def test_a_young_initiative_has_no_recent_progress_to_show_yet(tmp_path):
    repo = GitRepo(tmp_path / "young")
    repo.commit(
        "2026-05-01",
        {
            "strategy/mission.yaml": MISSION,
            "strategy/strategies/s.yaml": STRATEGY,
            "strategy/initiatives/i.yaml": initiative([("Sketch", False)]),
        },
    )
    assert rule_findings(repo, "no-recent-progress") == []


def test_scope_creep_fires_when_open_steps_grow_by_three_and_half_while_little_is_done(repo):
    # on 2026-03-03 (90 days ago) 2 steps were open (Ship, Measure); now 5 are open, 3 added, 1 done
    grown = [("Sketch", True), ("Ship", True), ("Measure", False), ("A", False), ("B", False), ("C", False), ("D", False)]
    repo.commit("2026-05-25", {"strategy/initiatives/i.yaml": initiative(grown)})
    assert rule_findings(repo, "scope-creep") == [
        "i scope-creep: open steps grew from 2 to 5 since 2026-03-03 (4 added, 1 done): the scope expands; split it, or cut it back",
    ]
    assert rule_findings(repo, "scope-creep", scope_creep_steps=4) == []
    assert rule_findings(repo, "scope-creep", scope_creep_growth=2.0) == []  # it must have grown by 4, twice its 2
    assert rule_findings(repo, "scope-creep", health={"scope-creep": "off"}) == []
    errors = rule_findings(repo, "scope-creep", health={"scope-creep": "error"})
    assert len(errors) == 1


@pytest.mark.parametrize(
    ("steps", "status", "why"),
    [
        ([("Sketch", True), ("Ship", True), ("Measure", False), ("A", False), ("B", False), ("C", False)], "active", "grew by 2 only"),
        ([("Sketch", True), ("Ship", False), ("Measure", False), ("A", False), ("B", False), ("C", False)], "paused", "not active"),
        ([("Sketch", True), ("A", False), ("B", False), ("C", False)], "active", "grew by 3, less 2 removed"),
    ],
)
def test_scope_creep_stays_quiet(repo, steps, status, why):
    repo.commit("2026-05-25", {"strategy/initiatives/i.yaml": initiative(steps, status=status)})
    assert rule_findings(repo, "scope-creep") == [], why


def test_scope_creep_compares_a_young_initiative_with_its_creation(tmp_path):
    repo = GitRepo(tmp_path / "young")
    repo.commit(
        "2026-04-01",
        {
            "strategy/mission.yaml": MISSION,
            "strategy/strategies/s.yaml": STRATEGY,
            "strategy/initiatives/i.yaml": initiative([("A", False), ("B", False)]),
        },
    )
    repo.commit("2026-05-20", {"strategy/initiatives/i.yaml": initiative([(x, False) for x in "ABCDE"])})
    assert rule_findings(repo, "scope-creep") == [
        "i scope-creep: open steps grew from 2 to 5 since 2026-04-01 (3 added, 0 done): the scope expands; split it, or cut it back",
    ]


def test_stale_review_fires_on_active_work_unchanged_for_120_days(repo):
    assert rule_findings(repo, "stale-review") == [
        "s stale-review: unchanged since 2026-01-05 (147 days): review it, and change what is no longer true"
    ]
    assert rule_findings(repo, "stale-review", stale_days=148) == []
    repo.write({"strategy/strategies/s.yaml": STRATEGY + "tags: [reviewed]\n"})  # an uncommitted edit counts as today
    assert rule_findings(repo, "stale-review") == []


def test_history_rules_are_skipped_without_history(repo):
    assert len(rule_findings(repo)) == 2  # no-recent-progress and stale-review, as above
    assert rule_findings(repo, history=False) == []


# --- the command line -------------------------------------------------------------------------------------


def test_history_of_a_node_as_text_and_json(repo):
    code, out = cli("history", "i", cwd=repo.root)
    assert code == 0
    assert out.splitlines() == [
        "i: Onboarding (initiative)",
        "created 2026-01-05, last changed 2026-04-20",
        "2026-01-05  added (active)",
        "2026-02-10  step done: Sketch",
        "2026-02-10  Activation: 20 -> 25",
        "2026-03-15  status active -> paused",
        "2026-04-20  status paused -> active",
        "2026-04-20  step done: Ship",
        "2026-04-20  Activation: 25 -> 31",
    ]
    code, out = cli("history", "i", "--format", "json", cwd=repo.root)
    data = json.loads(out)
    assert code == 0
    assert {k: data[k] for k in ("id", "level", "created", "changed", "removed")} == {
        "id": "i",
        "level": "initiative",
        "created": "2026-01-05",
        "changed": "2026-04-20",
        "removed": None,
    }
    assert data["statuses"] == [
        {"date": "2026-01-05", "status": "active"},
        {"date": "2026-03-15", "status": "paused"},
        {"date": "2026-04-20", "status": "active"},
    ]
    assert data["steps"][2] == {"title": "Measure", "added": "2026-02-10", "done": None, "removed": None}
    assert data["metrics"] == {
        "Activation": [{"date": "2026-01-05", "value": 20}, {"date": "2026-02-10", "value": 25}, {"date": "2026-04-20", "value": 31}]
    }
    assert [(e["date"], e["kind"], e["what"]) for e in data["events"]][-2:] == [
        ("2026-04-20", "step", "Ship"),
        ("2026-04-20", "metric", "Activation"),
    ]


def test_history_without_an_id_lists_the_recent_changes(repo):
    code, out = cli("history", "--weeks", "8", cwd=repo.root)  # since 2026-04-06
    assert code == 0
    assert out.splitlines() == [
        "3 changes in the last 8 weeks (to 2026-06-01)",
        "2026-04-20  i: status paused -> active",
        "2026-04-20  i: step done: Ship",
        "2026-04-20  i: Activation: 25 -> 31",
    ]
    data = json.loads(cli("history", "--format", "json", cwd=repo.root)[1])
    assert (data["since"], data["until"]) == ("2026-03-09", "2026-06-01")
    assert [e["kind"] for e in data["events"]] == ["status", "step", "metric", "status"]


def test_history_of_an_unknown_node_or_without_git_is_a_usage_error(repo, tmp_path):
    code, out = cli("history", "onbording", cwd=repo.root)
    assert code == 2 and out == "ladder: no node 'onbording' in the history\n"
    code, out = cli("history", "ii", cwd=repo.root)
    assert code == 2 and "(did you mean 'i'?)" in out
    plain = tmp_path / "plain"
    shutil.copytree(repo.root / "strategy", plain / "strategy")
    result = CliRunner().invoke(main, ["history", "-d", str(plain / "strategy")])
    assert result.exit_code == 2
    assert result.output == "ladder: no history: the strategy directory is not in a git repository\n"


def test_check_runs_the_history_rules_in_a_repository_and_skips_them_when_asked(repo):
    code, out = cli("check", cwd=repo.root)
    assert code == 0
    assert "strategy/initiatives/i.yaml:6:1: warning: no step marked done in 42 days" in out and "[no-recent-progress]" in out
    assert "strategy/strategies/s.yaml:1:1: warning: unchanged since 2026-01-05 (147 days)" in out
    code, out = cli("check", "--no-history", cwd=repo.root)
    assert code == 0 and "no-recent-progress" not in out and "stale-review" not in out
    assert cli("check", "--strict", cwd=repo.root)[0] == 1


def test_diff_names_the_history_rules_a_change_clears(repo):
    repo.write({"strategy/initiatives/i.yaml": initiative([("Sketch", True), ("Ship", True), ("Measure", True)], metric=31)})
    code, out = cli("diff", "HEAD", "--format", "json", cwd=repo.root)
    assert code == 0
    result = json.loads(out)
    assert [(w["id"], w["rule"]) for w in result["health_cleared"]] == [("i", "no-recent-progress")]
    assert result["health_introduced"] == []
