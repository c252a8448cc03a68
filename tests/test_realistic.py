"""The realistic tree generator (benchmarks/realistic.py) makes trees with the properties of a
real one of hundreds of initiatives: long-tailed strategies, supports across them, long and
shared titles, Markdown, many findings of one rule, a history; and ladder checks them."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter

import pytest

from mkdocs_ladder.check import check_directory

from .sites import REPO

sys.path.insert(0, str(REPO / "benchmarks"))

from realistic import realistic_tree, strategy_sizes, with_history


def test_strategy_sizes_are_long_tailed_and_add_up():
    sizes = strategy_sizes(700, 25)
    assert sum(sizes) == 700 and sizes == sorted(sizes, reverse=True)
    assert sizes[0] >= 140 and sizes[-1] <= 10  # as the real tree: 1 to 143


@pytest.mark.parametrize("initiatives", [700, 2000])
def test_a_realistic_tree_has_a_real_trees_properties_and_checks(tmp_path, initiatives):
    files = realistic_tree(tmp_path / "strategy", initiatives)
    nodes = {rel: f for rel, f in files.items() if rel.startswith("initiatives/")}
    assert len(nodes) == initiatives
    parents = Counter(str(f["parent"]) for f in nodes.values())
    assert max(parents.values()) >= initiatives // 5 and min(parents.values()) <= 10
    supporting = sum(1 for f in nodes.values() if f.get("supports"))
    assert 0.35 <= supporting / initiatives <= 0.45
    titles = [str(f["title"]) for f in nodes.values()]
    assert max(map(len, titles)) <= 120 and any(len(t) > 100 for t in titles)
    assert len(set(titles)) < len(titles)  # some titles are shared
    assert all("](https://" in str(f["why"]) and "`" in str(f["why"]) for f in nodes.values())
    checked = check_directory(tmp_path / "strategy")
    assert checked.tree is not None, [p.text() for p in checked.problems if p.severity == "error"][:5]
    by_rule = Counter(p.rule for p in checked.problems)
    assert by_rule["initiative-without-metrics"] >= initiatives // 4  # many findings of one rule (284 of 700 in the real tree)


def test_a_realistic_tree_can_have_a_history(tmp_path):
    realistic_tree(tmp_path / "strategy", 100)
    with_history(tmp_path, "strategy", 10)
    log = subprocess.run(["git", "-C", str(tmp_path), "log", "--format=%cs"], capture_output=True, text=True, check=True).stdout.split()
    assert len(log) == 10 and log[0] == "2026-05-31" and log[-1] == "2026-05-22"
    assert subprocess.run(["git", "-C", str(tmp_path), "status", "--porcelain"], capture_output=True, text=True).stdout == ""


def test_a_realistic_history_can_hold_work_with_trailers_some_naming_no_node(tmp_path):
    realistic_tree(tmp_path / "strategy", 100)
    with_history(tmp_path, "strategy", 10, work=300)
    log = subprocess.run(["git", "-C", str(tmp_path), "log", "--format=%cs %(trailers:key=Ladder,valueonly,separator=)"],
                         capture_output=True, text=True, check=True).stdout.splitlines()  # fmt: skip
    days = sorted({line.split()[0] for line in log})
    ids = [line.split()[1] for line in log if len(line.split()) > 1]
    assert len(log) == 310 and days[0] >= "2026-05-22" and days[-1] <= "2026-05-31"
    unknown = [i for i in ids if i.startswith("kep-")]
    assert 15 <= len(unknown) <= 45 and 180 <= len(ids) - len(unknown) <= 270  # one in ten names no node; about three in four an initiative
    assert all((tmp_path / "strategy" / "initiatives" / f"{i}.yaml").exists() for i in ids if i not in unknown)
