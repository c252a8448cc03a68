"""Hostile and broken input: limits, symbolic links, and builds that fail without harm."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
import yaml

from mkdocs_ladder.check import check_directory
from mkdocs_ladder.tree import loader, yamlsafe

from .sites import build, copy_fixture, run_build, tree_hash, with_options

GENEROUS = 20.0  # seconds: each limit must answer far sooner; this only catches a hang or a blow-up


def timed_problems(root: Path) -> tuple[list[str], float]:
    start = time.monotonic()
    problems = [p.text() for p in check_directory(root).problems]
    return problems, time.monotonic() - start


# --- limits ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "body", "expected"),
    [
        ("deep block nesting", "steps:\n" + "".join("  " * d + "- \n" for d in range(1, 40)), "nesting is deeper than 16 levels"),
        ("deep flow nesting", "why: " + "[" * 400_000 + "]" * 400_000 + "\n", "nesting is deeper than 16 levels"),
        ("a huge value", "why: " + "x" * 150_000 + "\n", "a value is longer than 100000 characters"),
        ("too many values", "tags: [" + ", ".join(["a"] * 210_000) + "]\n", "file holds more than 200000 values"),
        ("a file over 1 MiB", "description: |\n" + ("  " + "y" * 99 + "\n") * 11_000, "file is larger than 1024 KiB"),
        (
            "an alias bomb",
            (
                "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
                "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
            ),
            "YAML anchors (&a) are not allowed",
        ),
    ],
)
# The pure-Python reader (PyYAML without libyaml) is the slower path: the whole suite runs it, the fast subset does not.
@pytest.mark.parametrize("reader", ["libyaml", pytest.param("pure Python", marks=pytest.mark.slow)])
def test_each_limit_is_a_clear_error_on_its_file_in_bounded_time(tree, monkeypatch, reader, name, body, expected):
    if reader == "pure Python":  # PyYAML without libyaml (a platform with no wheel): the same limits, the same words
        monkeypatch.setattr(yamlsafe, "_EventSource", yaml.SafeLoader)
    root = tree({"strategies/s.yaml": "title: S\nparent: mission\nowner: o\n", "initiatives/big.yaml": "title: I\nparent: s\n" + body})
    problems, elapsed = timed_problems(root)
    assert elapsed < GENEROUS, f"{name} took {elapsed:.1f} s"
    matching = [p for p in problems if expected in p]
    assert matching, problems
    assert all(p.startswith("strategy/initiatives/big.yaml:") for p in matching)
    assert all(p.split(":")[1].isdigit() and int(p.split(":")[1]) >= 1 for p in matching)


def test_number_of_nodes_is_limited(tree, monkeypatch):
    monkeypatch.setattr(loader, "MAX_NODES", 40)  # the real limit, 50,000, works the same way
    items = "".join(f"- id: n{i}\n  title: N{i}\n  parent: s\n" for i in range(60))
    root = tree({"strategies/s.yaml": "title: S\nparent: mission\n", "initiatives/many.yaml": items})
    problems, elapsed = timed_problems(root)
    assert elapsed < GENEROUS
    assert problems == ["strategy/initiatives/many.yaml:121:3: error: the tree has more than 40 nodes; ladder reads at most that many"]


# --- the strategy directory is the only thing read ------------------------------------------------

SECRET = "top-secret-payroll-figures"


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    (folder / "secret.yaml").write_text(f"title: {SECRET}\nparent: mid-market\n")
    (folder / "more.yaml").write_text(f"title: {SECRET}\nparent: mid-market\n")
    return folder


def test_symlinks_out_of_the_tree_are_refused_and_never_read(tmp_path, outside, monkeypatch):
    project = copy_fixture("example", tmp_path / "p")
    initiatives = project / "strategy" / "initiatives"
    os.symlink(outside / "secret.yaml", initiatives / "leak.yaml")
    os.symlink(outside, initiatives / "team-folder")
    os.symlink(outside / "more.yaml", project / "strategy" / "owners.yaml")
    os.symlink(initiatives / "onboarding.yaml", project / "strategy" / "initiatives" / "alias.yaml")  # inside: fine
    monkeypatch.chdir(project)
    checked = check_directory(project / "strategy")
    problems = [p.text() for p in checked.problems]
    message = "error: symbolic link leads outside the strategy directory; it is not read"
    assert f"strategy/initiatives/leak.yaml:1:1: {message}" in problems
    assert f"strategy/initiatives/team-folder:1:1: {message}" in problems
    assert f"strategy/owners.yaml:1:1: {message}" in problems
    assert checked.partial.nodes["alias"].title == "Self-serve onboarding"  # a link that stays inside is read
    assert not any(SECRET in p for p in problems)
    done = run_build(project)
    assert not done.ok and SECRET not in done.log
    assert not (project / "site").exists()


def test_a_build_writes_only_into_site_dir_and_its_cache(tmp_path):
    project = copy_fixture("hostile", tmp_path / "p")
    outside_before = tree_hash(tmp_path)
    build(project)
    changed = {path for path, digest in tree_hash(tmp_path).items() if outside_before.get(path) != digest}
    assert changed and all(path.startswith(("p/site/", "p/.cache/plugin/ladder/")) for path in changed), changed


# --- a failed build leaves the last good site as it was -------------------------------------------


def fake_dot(tmp_path: Path, behaviour: str) -> Path:
    """A dot that draws like the real one, except for the diagrams that show "Account health score"."""
    real = next(p for p in ("/usr/bin/dot", "/usr/local/bin/dot", "/opt/homebrew/bin/dot") if Path(p).exists())
    script = tmp_path / f"dot-{behaviour}"
    action = {"crash": "kill -SEGV $$", "hang": "sleep 600", "fail": 'echo "Error: something broke" >&2; exit 1'}[behaviour]
    script.write_text(
        "#!/bin/bash\n"
        f'if [ "$1" = -V ]; then exec {real} -V; fi\n'
        "input=$(cat)\n"
        f'case "$input" in *"Account health score"*) {action};; esac\n'
        f'printf "%s" "$input" | exec {real} "$@"\n'
    )
    script.chmod(0o755)
    return script


@pytest.mark.parametrize("behaviour", ["crash", pytest.param("hang", marks=pytest.mark.slow), "fail"])
def test_dot_failing_on_one_diagram_names_the_node_and_keeps_the_site(tmp_path, behaviour):
    project = copy_fixture("example", tmp_path / "p")
    site = build(project)
    before = tree_hash(site)
    (project / "strategy" / "initiatives" / "more.yaml").write_text(
        (project / "strategy" / "initiatives" / "more.yaml").read_text().replace("Spot accounts", "Spot the accounts")
    )
    with_options(project, dot_executable=str(fake_dot(tmp_path, behaviour)), dot_timeout=3, cache=False)
    start = time.monotonic()
    done = run_build(project)
    elapsed = time.monotonic() - start
    assert not done.ok
    errors = [line for line in done.log.splitlines() if line.startswith("ERROR")]
    # Three diagrams show that node (the overview, its strategy's and its own); the error names
    # the first of them in the order the site lists its pages, whatever the number of cores.
    assert len(errors) == 1 and errors[0].startswith("ERROR: ladder: Graphviz could not draw the diagram of 'overview': ")
    if behaviour == "hang":
        assert errors[0].endswith("timed out after 3 s") and elapsed < 60
    assert tree_hash(site) == before
