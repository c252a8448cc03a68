"""The work itself (issue 19, first part): which nodes a commit links to, a repository's
integrations read from real git repositories with pinned dates, and each node's figures."""

from __future__ import annotations

import json
import subprocess
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from mkdocs_ladder.cache import DiskCache
from mkdocs_ladder.check import check_directory
from mkdocs_ladder.config_file import read_site_config
from mkdocs_ladder.gitio import GitError
from mkdocs_ladder.project import Project
from mkdocs_ladder.settings import SettingsError, parse_settings
from mkdocs_ladder.work import store
from mkdocs_ladder.work.forges import commit_url
from mkdocs_ladder.work.git import integrations
from mkdocs_ladder.work.model import (
    Delivered,
    Figures,
    Work,
    by_node,
    commit_counts,
    figures,
    link,
    linked_share,
    unknown_ids,
    weekly_counts,
)
from mkdocs_ladder.work.repositories import Reading, Repository, RepoWork, read
from mkdocs_ladder.work.trailers import ids_in, linked_ids, squash_lines

from .sites import FIXTURES, REPO, GitRepo, cli

# --- the rule, as pure functions -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("message", "trailers", "ids"),
    [
        ("Fix it\n\nLadder: onboarding\n", ["onboarding"], ["onboarding"]),
        ("Fix it\n\nLadder: onboarding, pricing-page\n", ["onboarding, pricing-page"], ["onboarding", "pricing-page"]),
        ("Fix it\n\nLadder: a\nLadder: b\n", ["a", "b"], ["a", "b"]),
        ("Fix it\n\nladder: a\nLADDER : b\n", ["a", "b"], ["a", "b"]),  # the key in any case
        # a squash merge: the trailers of each commit stand in the middle of the body
        ("Squash (#12)\n\n* first\n\nLadder: a\n\n* second\n\n  Ladder: b\n\nSigned-off-by: x\n", [], ["a", "b"]),
        # a folded trailer, as git unfolds it
        ("Fix\n\nLadder: a,\n  b\n", ["a, b"], ["a", "b"]),
        ("Fix\n\nNo link here.\nLadders: a\nX-Ladder: b\nladder-x: c\n", [], []),
        ("Fix\n\nLadder:\nLadder: ,, a ,\n", [""], ["a"]),
        ("Ladder: in the subject\n", [], ["in the subject"]),
    ],
)
def test_linked_ids(message, trailers, ids):
    assert linked_ids(message, trailers) == ids


def test_another_key_and_its_escaping():
    assert squash_lines("x\n\nStrategy: a\nLadder: b\n", "Strategy") == ["a"]
    assert squash_lines("x\n\nA.B: a\nAxB: b\n", "A.B") == ["a"]  # the key is text, not a pattern
    assert ids_in(["a, b", "b,c", " "]) == ["a", "b", "c"]


# --- a repository's integrations ---------------------------------------------------------------------


TREE_FILES = {
    "strategy/mission.yaml": "title: M\n",
    "strategy/strategies/mid-market.yaml": "title: Mid\nparent: mission\n",
    "strategy/strategies/retention.yaml": "title: Retention\nparent: mission\n",
    "strategy/initiatives/onboarding.yaml": "title: Onboarding\nparent: mid-market\n",
    "strategy/initiatives/pricing-page.yaml": "title: Pricing\nparent: mid-market\n",
}


@pytest.fixture
def repo(tmp_path: Path) -> GitRepo:
    """A repository whose main branch has, in order:

    * 2026-03-01: the tree, committed directly, with no link;
    * 2026-03-02: a branch of three commits (one on 2026-02-20, before the window) linking to
      onboarding (one to pricing-page too), merged on 2026-03-05 with ``--no-ff`` and a merge
      message with no trailer;
    * 2026-03-10: a squash merge whose body holds the squashed commits' trailers: mid-market,
      and a misspelt onbaording;
    * 2026-03-20: a direct commit with ``LADDER: retention`` and a hostile subject.
    """
    repo = GitRepo(tmp_path / "work")
    repo.commit("2026-03-01", TREE_FILES, "Add the strategy tree")
    repo.git("checkout", "-q", "-b", "feature")
    repo.commit("2026-02-20", {"a.txt": "1"}, "Start the wizard\n\nLadder: onboarding")
    repo.commit("2026-03-02", {"a.txt": "2"}, "Wizard step two\n\nLadder: onboarding, pricing-page")
    repo.commit("2026-03-03", {"a.txt": "3"}, "Wizard step three\n\nladder: onboarding")
    repo.git("checkout", "-q", "main")
    repo.commit("2026-03-04", {"b.txt": "1"}, "Unrelated fix on main")
    repo.on("2026-03-05", "merge", "-q", "--no-ff", "feature", "-m", "Merge pull request #7 from feature")
    squash = "Teams pricing (#9)\n\n* Pricing table\n\nLadder: mid-market\n\n* Copy\n\nLadder: onbaording\n"
    repo.commit("2026-03-10", {"c.txt": "1"}, squash)
    repo.commit("2026-03-20", {"d.txt": "1"}, "<script>alert(1)</script> | *x* `y`\n\nLADDER: retention")
    return repo


def test_integrations_are_the_first_parent_line_with_what_each_merge_brought(repo):
    found = integrations(repo.root, "main", date(2026, 1, 1))
    assert [(i.day.isoformat(), i.subject) for i in found] == [
        ("2026-03-01", "Add the strategy tree"),
        ("2026-03-04", "Unrelated fix on main"),
        ("2026-03-05", "Merge pull request #7 from feature"),
        ("2026-03-10", "Teams pricing (#9)"),
        ("2026-03-20", "<script>alert(1)</script> | *x* `y`"),  # as written: untrusted text, made inert where shown
    ]
    merge = found[2]
    assert merge.merge is not None and merge.merge.subject == "Merge pull request #7 from feature"
    assert [c.subject for c in merge.commits] == [
        "Wizard step three",
        "Wizard step two",
        "Start the wizard",
    ]  # the merge is no commit of the work
    assert merge.ids == ("onboarding", "pricing-page")
    assert [sum(1 for c in merge.commits if node in merge.ids_of(c)) for node in merge.ids] == [3, 1]
    assert found[0].merge is found[3].merge is None and len(found[3].commits) == 1
    assert found[3].ids == ("mid-market", "onbaording")
    assert found[4].ids == ("retention",)
    assert found[0].ids == found[1].ids == ()


def test_a_pull_request_of_five_commits_is_five_commits_everywhere(tmp_path):
    """A --no-ff merge of a 5-commit branch is an integration of 5 commits: the node's figure and
    the Commits column agree (the merge commit was counted as a sixth)."""
    repo = GitRepo(tmp_path / "work")
    repo.commit("2026-03-01", TREE_FILES, "Add the strategy tree")
    repo.git("checkout", "-q", "-b", "feature")
    for n in range(5):
        repo.commit(f"2026-03-0{n + 2}", {"a.txt": str(n)}, f"Step {n}\n\nLadder: onboarding")
    repo.git("checkout", "-q", "main")
    repo.on("2026-03-08", "merge", "-q", "--no-ff", "feature", "-m", "Merge pull request #7 from feature\n\nLadder: onboarding")
    repo.commit("2026-03-09", {"b.txt": "1"}, "A direct fix\n\nLadder: onboarding")
    tree = check_directory(repo.root / "strategy").tree
    assert tree is not None
    work = Work(
        [RepoWork(Repository("work", str(repo.root)), integrations(repo.root, "main", date(2026, 1, 1)))],
        date(2026, 1, 1),
        date(2026, 3, 10),
    )
    linked = link(tree, work)
    shown = [len(d.integration.commits) for d in linked.nodes["onboarding"]]
    assert shown == [5, 1]
    assert linked.figures("onboarding").commits == sum(shown) == 6


def test_the_window_holds_integrations_since_it_opened_and_what_they_brought(repo):
    found = integrations(repo.root, "main", date(2026, 3, 5))
    assert [i.day.isoformat() for i in found] == ["2026-03-05", "2026-03-10", "2026-03-20"]
    assert len(found[0].commits) == 3  # the branch's commit of 2026-02-20 came in with the merge (the merge itself is none of them)
    assert integrations(repo.root, "main", date(2026, 4, 1)) == []


def test_control_characters_in_a_message_are_its_text_not_its_structure(repo):
    # Anyone who can push writes these: a record marker in a subject once cut the log into
    # pieces, and the build stopped with a traceback.
    repo.commit("2026-03-21", {"e.txt": "1"}, "Odd \x01 subject \x1f here\n\nbody \x01 text\n\nLadder: retention")
    repo.commit("2026-03-22", {"f.txt": "1"}, "After it\n\nLadder: onboarding")
    found = integrations(repo.root, "main", date(2026, 3, 21))
    assert [(i.subject, i.ids) for i in found] == [("Odd \x01 subject \x1f here", ("retention",)), ("After it", ("onboarding",))]


def test_weekly_counts_are_by_monday_up_to_the_week_of_today(repo):
    work = [Delivered("app", i) for i in integrations(repo.root, "main", date(2026, 1, 1))]  # 03-01, 04, 05, 10, 20
    assert weekly_counts(work, date(2026, 3, 20), 3) == [(date(2026, 3, 2), 2), (date(2026, 3, 9), 1), (date(2026, 3, 16), 1)]
    assert weekly_counts(work, date(2026, 3, 20), 0) == []


def test_another_trailer_key(repo):
    repo.commit("2026-03-21", {"e.txt": "1"}, "Other key\n\nStrategy-Link: onboarding\nLadder: retention")
    found = integrations(repo.root, "main", date(2026, 3, 21), key="Strategy-Link")
    assert [i.ids for i in found] == [("onboarding",)]


def test_a_branch_git_does_not_know_is_a_git_error(repo):
    with pytest.raises(GitError):
        integrations(repo.root, "no-such-branch", date(2026, 1, 1))


# --- each node's work, rolled up the tree --------------------------------------------------------------


def test_each_node_has_its_own_work_and_its_descendants(repo):
    tree = check_directory(repo.root / "strategy").tree
    assert tree is not None
    work = [Delivered("app", i) for i in integrations(repo.root, "main", date(2026, 1, 1))]
    nodes = by_node(tree, work)
    days = {node_id: [d.integration.day.day for d in held] for node_id, held in nodes.items()}
    assert days == {
        "mission": [5, 10, 20],
        "mid-market": [5, 10],
        "retention": [20],
        "onboarding": [5],
        "pricing-page": [5],
    }
    today, start = date(2026, 4, 1), date(2026, 1, 1)
    commits = commit_counts(tree, work)
    assert commits == {"mission": 5, "mid-market": 4, "retention": 1, "onboarding": 3, "pricing-page": 1}
    assert figures(nodes["onboarding"], commits["onboarding"], today, start) == Figures(
        1, 3, date(2026, 3, 5), date(2026, 3, 5), 0.26, 0, 27
    )
    assert figures(nodes["mid-market"], commits["mid-market"], today, start) == Figures(
        2, 4, date(2026, 3, 5), date(2026, 3, 10), 0.52, 5, 22
    )
    assert figures(nodes["mission"], commits["mission"], today, start) == Figures(3, 5, date(2026, 3, 5), date(2026, 3, 20), 0.78, 10, 12)
    assert figures([], 0, today, start) == Figures(0, 0, None, None, 0.0, 0, None)


def test_unknown_ids_are_reported_with_their_commit_and_a_did_you_mean(repo):
    tree = check_directory(repo.root / "strategy").tree
    assert tree is not None
    work = [Delivered("app", i) for i in integrations(repo.root, "main", date(2026, 1, 1))]
    (unknown,) = unknown_ids(tree, work)
    assert (unknown.repository, unknown.id, unknown.hint) == ("app", "onbaording", " (did you mean 'onboarding'?)")
    assert unknown.sha == work[3].integration.sha
    assert linked_share(work, tree.nodes) == (3, 5)


def test_the_example_tree_links_nothing_without_work():
    tree = check_directory(FIXTURES / "example" / "strategy").tree
    assert tree is not None
    assert all(held == [] for held in by_node(tree, []).values())
    assert unknown_ids(tree, []) == [] and linked_share([], tree.nodes) == (0, 0)


# --- which repositories, and the command ------------------------------------------------------------


@pytest.fixture
def site(repo: GitRepo, tmp_path: Path) -> tuple[GitRepo, Path]:
    """The tree's own repository (``repo``), a sibling path ``../api``, and a remote reached by a
    ``file://`` URL (a bare clone of a third repository), named in mkdocs.yml."""
    api = GitRepo(tmp_path / "api")
    api.commit("2026-03-15", {"x": "1"}, "API for the wizard\n\nLadder: onboarding")
    web = GitRepo(tmp_path / "web-src")
    web.commit("2026-03-16", {"y": "1"}, "Retention emails\n\nLadder: retention")
    web.commit("2026-03-17", {"y": "2"}, "Tidy the footer")
    remote = tmp_path / "web.git"
    subprocess.run(["git", "clone", "-q", "--bare", str(web.root), str(remote)], check=True)
    (repo.root / "mkdocs.yml").write_text(
        f"site_name: x\nplugins:\n  - ladder:\n      work:\n        repositories:\n          - ../api\n          - {{location: '{remote.as_uri()}', name: web}}\n"
    )
    return repo, remote


def test_read_work_reads_the_own_repository_a_path_and_a_url(site):
    repo, _ = site
    settings = read_site_config(repo.root / "mkdocs.yml").settings
    read = Project(settings, repo.root / "strategy", repo.root, today=date(2026, 4, 1)).work
    assert read is not None
    assert [(r.source.name, len(r.integrations), r.warning) for r in read.repositories] == [
        ("work", 5, None),
        ("api", 1, None),
        ("web", 2, None),
    ]
    clones = list((repo.root / ".cache" / "plugin" / "ladder" / "work").iterdir())
    assert len(clones) == 1 and (clones[0] / "ladder-fetched").is_file()


def test_ladder_work_summary_and_node_as_json(site):
    repo, _ = site
    code, output = cli("work", "--format", "json", "--weeks", "52", cwd=repo.root)
    assert code == 0, output
    data = json.loads(output)
    by_name = {r["name"]: r for r in data["repositories"]}
    assert (by_name["work"]["integrations"], by_name["work"]["linked"]) == (5, 3)
    assert [u["id"] for u in by_name["work"]["unknown_ids"]] == ["onbaording"]
    assert [i["subject"] for i in by_name["web"]["unlinked"]] == ["Tidy the footer"]
    code, output = cli("work", "mid-market", "--format", "json", "--weeks", "52", cwd=repo.root)
    node = json.loads(output)
    assert node["figures"]["integrations"] == 3  # the merge and the squash of this repository, and the API commit
    assert [(i["repository"], i["subject"]) for i in node["integrations"]] == [
        ("api", "API for the wizard"),
        ("work", "Teams pricing (#9)"),
        ("work", "Merge pull request #7 from feature"),
    ]
    code, output = cli("work", "onbording", cwd=repo.root)
    assert code == 2 and "no node 'onbording' (did you mean 'onboarding'?)" in output


def test_a_remote_that_cannot_be_fetched_uses_its_last_copy_and_says_its_age(site):
    repo, remote = site
    assert cli("work", cwd=repo.root)[0] == 0  # fetched once
    remote.rename(remote.with_name("moved.git"))
    code, output = cli("work", cwd=repo.root)
    assert code == 0
    assert "repository 'web' could not be fetched (fatal:" in output and "its copy of 0 days ago is used" in output
    assert "web: 2 integrations" in output


def test_a_missing_path_or_url_is_a_warning_that_names_it_and_the_rest_is_read(repo, tmp_path):
    (repo.root / "ladder.yml").write_text(f"work:\n  repositories: [../nowhere, '{(tmp_path / 'none.git').as_uri()}']\n")
    code, output = cli("work", "--weeks", "52", cwd=repo.root)
    assert code == 0
    assert "repository 'nowhere'" in output and "cannot be read" in output
    assert "repository 'none'" in output and "cannot be fetched" in output
    assert "work: 5 integrations" in output


@pytest.mark.parametrize(
    "location",
    [
        "ext::sh -c 'touch /tmp/pwned'",
        "--upload-pack=touch /tmp/pwned",
        "-oProxyCommand=x",
        "http://example.com/x.git",
        "host:path",
        "fd::17",
    ],
)
def test_locations_that_git_could_misread_are_refused(location):
    with pytest.raises(SettingsError) as raised:
        parse_settings({"work": {"repositories": [location]}})
    ((option, message),) = raised.value.problems
    assert option == "work" and message.startswith("'repositories.0.location': ")


@pytest.mark.parametrize(
    "location",
    [
        "../api",
        "/srv/git/app",
        "C:\\src\\app",
        "https://github.com/acme/app.git",
        "ssh://git@host/app",
        "git@github.com:acme/app.git",
        "file:///srv/app.git",
    ],
)
def test_locations_git_may_use_are_accepted(location):
    assert parse_settings({"work": {"repositories": [location]}}).work.repositories[0].location == location


# --- the commit-msg hook's check ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("message", "code", "said"),
    [
        ("Wizard\n\nLadder: onboarding\n", 0, ""),
        ("Wizard\n\nLadder: onbording, pricing-page\n", 1, "'Ladder: onbording' names no node (did you mean 'onboarding'?)"),
        ("Squash\n\n* a\n\nladder: retenion\n\n* b\n", 1, "'Ladder: retenion' names no node (did you mean 'retention'?)"),
        ("Folded\n\nLadder: onboarding,\n  pricing-pag\n", 1, "'Ladder: pricing-pag' names no node (did you mean 'pricing-page'?)"),
        ("No link at all\n", 0, ""),
    ],
)
def test_trailer_refuses_a_message_whose_trailer_names_no_node(repo, message, code, said):
    (repo.root / "MSG").write_text(message)
    exit_code, output = cli("trailer", "MSG", cwd=repo.root)
    assert exit_code == code, output
    assert (said in output) if said else output == ""


def test_trailer_reads_the_configured_key(repo):
    (repo.root / "ladder.yml").write_text("work:\n  trailer: Strategy-Link\n")
    (repo.root / "MSG").write_text("x\n\nStrategy-Link: nowhere\nLadder: nowhere-else\n")
    exit_code, output = cli("trailer", "MSG", cwd=repo.root)
    assert exit_code == 1
    assert output == "ladder: MSG: 'Strategy-Link: nowhere' names no node\n"


def test_the_commit_msg_hook_is_declared_for_pre_commit():
    hooks = {hook["id"]: hook for hook in yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())}
    assert hooks["ladder-trailer"]["entry"] == "ladder trailer"
    assert hooks["ladder-trailer"]["stages"] == ["commit-msg"]


# --- the work read, cached and continued ------------------------------------------------------------


def test_the_work_read_is_cached_and_continued(repo, tmp_path):
    cache, since = DiskCache(tmp_path / "cache", 0.5), date(2026, 1, 1)
    _, first = store.read(repo.root, "main", since, "Ladder", cache)
    assert first == integrations(repo.root, "main", since)
    name = store.entry_name(repo.root.resolve(), "main", "Ladder")
    raw = cache.read(name)
    assert raw is not None
    tip, began, kept = store.loads(raw)
    # A subject changed in the entry: a continued read keeps it, a read from the start would not.
    cache.write(name, store.dumps(tip, began, [replace(kept[0], subject="as cached"), *kept[1:]]))
    repo.commit("2026-03-25", {"e.txt": "1"}, "New work\n\nLadder: retention")
    _, second = store.read(repo.root, "main", since, "Ladder", cache)
    assert [i.subject for i in second] == ["as cached", *(i.subject for i in first[1:]), "New work"]
    assert second[1:] == integrations(repo.root, "main", since)[1:]
    _, later = store.read(repo.root, "main", date(2026, 3, 10), "Ladder", cache)  # the window moved on
    assert [i.day.isoformat() for i in later] == ["2026-03-10", "2026-03-20", "2026-03-25"]


def test_a_rewritten_branch_is_read_again(repo, tmp_path):
    cache, since = DiskCache(tmp_path / "cache", 0.5), date(2026, 1, 1)
    store.read(repo.root, "main", since, "Ladder", cache)
    name = store.entry_name(repo.root.resolve(), "main", "Ladder")
    tip, began, kept = store.loads(cache.read(name) or b"")
    cache.write(name, store.dumps(tip, began, [replace(i, subject="as cached") for i in kept]))
    repo.git("reset", "-q", "--hard", "HEAD~1")
    repo.commit("2026-03-21", {"f.txt": "1"}, "Instead")
    _, again = store.read(repo.root, "main", since, "Ladder", cache)
    assert again == integrations(repo.root, "main", since) and again[-1].subject == "Instead"
    cache.write(name, b"not gzip")  # a damaged entry is read again too
    assert store.read(repo.root, "main", since, "Ladder", cache)[1] == again


def test_a_repository_with_no_commit_has_no_work_and_a_folder_that_is_none_is_an_error(tmp_path):
    empty = tmp_path / "empty"
    subprocess.run(["git", "init", "-q", str(empty)], check=True)
    assert store.read(empty, "HEAD", date(2026, 1, 1), "Ladder", None) == (None, [])
    (tmp_path / "plain").mkdir()
    with pytest.raises(GitError):
        store.read(tmp_path / "plain", "HEAD", date(2026, 1, 1), "Ladder", None)


def test_a_shallow_clone_is_not_read_and_says_how_to_fetch_it(repo, tmp_path):
    shallow = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", repo.root.as_uri(), str(shallow)], check=True)
    found = read(Repository("shallow", str(shallow)), Reading(tmp_path, tmp_path / "clones", date(2026, 1, 1)))
    assert found.shallow and not found.available and found.integrations == []
    assert found.note is not None and "fetch-depth: 0" in found.note


# --- links to a commit on its forge ---------------------------------------------------------------------

SHA = "0123456789abcdef0123456789abcdef01234567"


@pytest.mark.parametrize(
    ("remote", "url"),
    [
        ("https://github.com/acme/app.git", f"https://github.com/acme/app/commit/{SHA}"),
        ("git@github.com:acme/app.git", f"https://github.com/acme/app/commit/{SHA}"),
        ("ssh://git@github.com:22/acme/app", f"https://github.com/acme/app/commit/{SHA}"),
        ("https://gitlab.com/acme/platform/app.git", f"https://gitlab.com/acme/platform/app/-/commit/{SHA}"),
        ("git@gitlab.example.org:acme/app.git", f"https://gitlab.example.org/acme/app/-/commit/{SHA}"),
        ("https://bitbucket.org/acme/app.git", f"https://bitbucket.org/acme/app/commits/{SHA}"),
        ("https://gitea.example.com:3000/acme/app", f"https://gitea.example.com:3000/acme/app/commit/{SHA}"),
        ("https://codeberg.org/acme/app.git", f"https://codeberg.org/acme/app/commit/{SHA}"),
        ("ssh://git@forgejo.example.net/acme/app.git", f"https://forgejo.example.net/acme/app/commit/{SHA}"),
        ("https://user:token@github.com/acme/app.git", f"https://github.com/acme/app/commit/{SHA}"),  # no credentials in a link
        ("https://git.example.com/acme/app.git", None),  # a host of no forge ladder knows
        ("file:///srv/app.git", None),
        ("/srv/app", None),
        ("../app", None),
        ("https://github.com/acme", None),  # no repository
        ('https://github.com/acme/app"onmouseover=x', None),
        ("https://github.com/acme/../../evil", None),
        ("https://github.com/acme/app?x=<script>", None),
        ("javascript://github.com/acme/app", None),
        ("git@github.com:acme/app name.git", None),
    ],
)
def test_a_commit_links_to_its_forge_when_the_remote_names_one(remote, url):
    assert commit_url(remote, SHA) == url


def test_no_link_without_a_remote_or_for_an_id_that_is_no_commit_id():
    assert commit_url(None, SHA) is None
    assert commit_url("https://github.com/acme/app", "HEAD; rm") is None


# --- did-you-mean, for thousands of unknown ids against thousands of nodes ------------------------------


@pytest.mark.slow  # seconds (difflib itself, for the expected answers): kept out of the fast subset
def test_closest_and_nearest_answer_as_difflib_does():
    import difflib
    import random

    from mkdocs_ladder.errors import Nearest, closest

    rng = random.Random(7)  # noqa: S311  # test words, not secrets
    ids = [f"i{i:05d}" for i in range(1500)] + [f"{w}-{k}" for w in ("onboarding", "pricing-page", "retention") for k in range(40)]
    words = ["", "a", "zzzz", "onboarding", "onbaording-3", "pricing_page-1", "retenion-39", "i0018", "0i0125", "i01904x"]
    # Ties on the ratio, which difflib breaks by the larger id: a shortlist by shared pieces once
    # answered 'i00492' for 'i0042x', where difflib answers 'i01042'.
    words += ["i0042x", "i0163bq", "i0067yqq", "i0070a"]
    for _ in range(150):
        word = rng.choice(ids)
        at = rng.randrange(len(word))
        words.append(rng.choice([word[:at] + word[at + 1 :], word[:at] + "q" + word[at:], word + "x", word[::-1], word[:-1] + "aq"]))
    nearest = Nearest(ids)
    for word in words:
        expected = difflib.get_close_matches(word, ids, n=1, cutoff=0.6)
        assert closest(word, ids) == nearest(word) == (expected[0] if expected else None), word


@given(
    st.text(alphabet="ab-c", max_size=12),
    st.lists(st.text(alphabet="ab-c", max_size=12), max_size=40),
    st.sampled_from([0.0, 0.5, 0.6, 0.75, 1.0]),
)
@settings(max_examples=300, deadline=None)
def test_closest_is_difflibs_answer_for_any_words(word, choices, cutoff):
    # A small alphabet makes many ties, on the bound and on difflib's own ratio.
    import difflib

    from mkdocs_ladder.errors import closest

    expected = difflib.get_close_matches(word, choices, n=1, cutoff=cutoff)
    assert closest(word, choices, cutoff) == (expected[0] if expected else None)


def test_a_token_in_a_url_never_reaches_a_message(tmp_path):
    error = GitError("fetch", "x", ("fatal: unable to access 'https://x-access-token:ghp_secret@github.com/acme/web.git/': 403",))
    assert error.reason == "fatal: unable to access 'https://***@github.com/acme/web.git/': 403"
    found = read(
        Repository("web", "https://user:s3cret@127.0.0.1:9/acme/web.git"), Reading(tmp_path, tmp_path / "clones", date(2026, 1, 1))
    )
    assert found.warning is not None and "s3cret" not in found.warning and "https://***@127.0.0.1:9/acme/web.git" in found.warning
