"""The preview cannot drift from a full build: over random sequences of edits to a tree, every
page a preview makes equals the page a full build of the same tree makes, byte for byte, in the
order the documentation gives (the overview, the nodes in the tree's order, the views).

Each sequence starts from a tree of 4 strategies and 12 initiatives, and applies edits of every
kind an author makes: add, remove, retitle, re-parent, status, steps, horizon and value,
owners, waivers, kinds, supports and metrics. After each edit the preview's build
(:func:`~mkdocs_ladder.preview.update`) is compared with a full build from nothing."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mkdocs_ladder.preview import Preview, update
from mkdocs_ladder.project import Project
from mkdocs_ladder.publish import publish
from mkdocs_ladder.render.site import DiagramMode, Site
from mkdocs_ladder.settings import Settings

pytestmark = pytest.mark.slow

SETTINGS = Settings(history=False, cache=False)
TODAY = date(2026, 6, 1)
STATUSES = ["proposed", "active", "paused", "done", "dropped"]
OWNERS = ["ops", "web", "data"]
KINDS: list[dict[str, Any]] = [{}, {"kind": "delivery"}, {"kind": "enabling"}, {"kind": "experiment", "hypothesis": "We believe."}]
EDITS = ["add", "remove", "retitle", "reparent", "status", "steps", "plan", "owner", "waive", "kind", "supports", "metric"]


def base_tree() -> dict[str, dict[str, Any]]:
    """id -> fields; strategies s0-s3, initiatives i0-i11 (three under each)."""
    nodes: dict[str, dict[str, Any]] = {"mission": {"title": "The mission", "owner": "ops"}}
    for s in range(4):
        nodes[f"s{s}"] = {"title": f"Strategy {s}", "parent": "mission", "owner": OWNERS[s % 3]}
    for i in range(12):
        nodes[f"i{i}"] = {
            "title": f"Initiative {i}",
            "parent": f"s{i % 4}",
            "owner": OWNERS[i % 3],
            "why": "It serves.",
            "status": "active",
            "steps": [{"title": f"Step {k}", "done": k < i % 3} for k in range(i % 4)],
        }
    return nodes


def write(root: Path, nodes: dict[str, dict[str, Any]]) -> None:
    if root.exists():
        shutil.rmtree(root)
    for folder in ("strategies", "initiatives"):
        (root / folder).mkdir(parents=True)
    for node_id, fields in nodes.items():
        folder = "" if node_id == "mission" else "strategies" if node_id.startswith("s") else "initiatives"
        (root / folder / f"{node_id}.yaml").write_text(yaml.safe_dump(fields, sort_keys=False))


def apply(nodes: dict[str, dict[str, Any]], edit: tuple[str, int, int], added: list[int]) -> None:
    """One edit of ``kind`` to the node that ``a`` picks, with ``b`` for its value."""
    kind, a, b = edit
    strategies = sorted(n for n in nodes if n.startswith("s"))
    initiatives = sorted(n for n in nodes if n.startswith(("i", "n")))
    others = strategies + initiatives
    node = nodes[others[a % len(others)]]
    initiative = nodes[initiatives[a % len(initiatives)]] if initiatives else None
    if kind == "add":
        added[0] += 1
        nodes[f"n{added[0]}"] = {"title": f"New {added[0]}", "parent": strategies[b % len(strategies)], "owner": OWNERS[b % 3], "why": "w"}
    elif kind == "remove" and len(initiatives) > 2:
        removed = initiatives[a % len(initiatives)]
        del nodes[removed]
        for fields in nodes.values():
            if removed in fields.get("supports", []):
                fields["supports"].remove(removed)
    elif kind == "retitle":
        node["title"] = f"Title {b}" if b % 5 else f"A much longer title for this node, number {b}"
    elif kind == "reparent" and initiative is not None:
        initiative["parent"] = strategies[b % len(strategies)]
        initiative["supports"] = [s for s in initiative.get("supports", []) if s != initiative["parent"]]
    elif kind == "status":
        node["status"] = STATUSES[b % len(STATUSES)]
    elif kind == "steps" and initiative is not None:
        steps = initiative.setdefault("steps", [])
        if b % 2 and steps:
            steps[b % len(steps)]["done"] = not steps[b % len(steps)]["done"]
        else:
            steps.append({"title": f"Step {len(steps)}", "done": False})
    elif kind == "plan":
        node["horizon"], node["value"], node["effort"] = (
            ["now", "next", "later"][b % 3],
            ["S", "M", "L", "XL"][b % 4],
            ["S", "M", "L"][a % 3],
        )
    elif kind == "owner":
        node.pop("owner", None) if b % 4 == 3 else node.update(owner=OWNERS[b % 3])
    elif kind == "waive":
        node["waive"] = {} if node.get("waive") else {"missing-owner": "the whole company owns this"}
    elif kind == "kind":
        for field in ("kind", "hypothesis"):
            node.pop(field, None)
        node.update(KINDS[b % len(KINDS)])
    elif kind == "supports" and initiative is not None:
        target = strategies[b % len(strategies)]
        if target != initiative["parent"]:
            supports = initiative.setdefault("supports", [])
            supports.remove(target) if target in supports else supports.append(target)
    elif kind == "metric" and initiative is not None:
        initiative["metrics"] = [] if initiative.get("metrics") else [{"name": f"Metric {b}", "target": b, "current": a % 7}]


def pages(site: Site) -> list[tuple[str, str, str]]:
    """Each page, in order: where it goes, its Markdown, and the digest of all it shows."""
    return [(page.src_uri, page.markdown, site.fingerprint(page)) for page in site.pages]


#: 18 sequences of 12 to 16 edits: at least 216 edits in all.
edits = st.lists(st.tuples(st.sampled_from(EDITS), st.integers(0, 40), st.integers(0, 40)), min_size=12, max_size=16)


@settings(max_examples=18, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(sequence=edits)
def test_every_page_of_a_preview_is_a_full_builds_after_each_edit(tmp_path, monkeypatch, sequence):
    monkeypatch.setattr("mkdocs_ladder.preview.MOST", 1.0)  # every edit a preview, however many pages it touches
    root = tmp_path / "strategy"
    nodes, added = base_tree(), [0]
    write(root, nodes)
    renderer = Project(SETTINGS, root, tmp_path, today=TODAY).renderer  # one renderer: its drawings are kept in memory
    kept: Preview | None = None
    for number, edit in enumerate([("retitle", 0, 0), *sequence]):  # the first build of a preview is a full one
        apply(nodes, edit, added)
        write(root, nodes)
        made = update(kept, Project(SETTINGS, root, tmp_path, today=TODAY, kept_renderer=renderer), DiagramMode.SLOT)
        full = publish(Project(SETTINGS, root, tmp_path, today=TODAY, kept_renderer=renderer), DiagramMode.SLOT)
        assert made.published.site is not None and full.site is not None, [p.text() for p in full.problems]
        assert pages(made.published.site) == pages(full.site), edit
        assert (made.renewed is None) == (number == 0)  # after the first build, each one a preview
        kept = made.kept
