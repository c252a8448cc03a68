"""The changes as an Atom feed, and llms.txt (issue 30): valid Atom (RFC 4287's required
elements, and feedparser reads it as a feed reader does), the same entries as the changes page,
stable ids, text escaped as XML requires, a link from every page; llms.txt lists every node up
to its bound, and `ladder render` writes it for Zensical."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import datetime
from pathlib import Path

import feedparser
import pytest

from mkdocs_ladder import wiring
from mkdocs_ladder.check import check_directory
from mkdocs_ladder.render import feed as feed_module
from mkdocs_ladder.render.feed import ATOM, LLMS_MARKER, llms_txt
from mkdocs_ladder.settings import Settings

from .conftest import write_files
from .sites import OUTCOMES_TREE, GitRepo, cli, located, outcomes_project, page, run_build

A = f"{{{ATOM}}}"
HOSTILE = 'Ship <b>&amp;</b> "now" \x07 ]]> & co'
HOSTILE_YAML = '"Ship <b>&amp;</b> \\"now\\" \\a ]]> & co"'  # the same, as YAML writes it (\a is BEL)


def _with_recent_changes(root: Path) -> GitRepo:
    """The outcomes repository (history from 2026-01-10), with a node whose title is hostile to
    XML, and changes in the twelve weeks before the build (2026-06-01) that the changes page shows."""
    typed = OUTCOMES_TREE["strategy/initiatives/typed.yaml"].replace("title: Typed", f"title: {HOSTILE_YAML}")
    repo = outcomes_project(root, {"strategy/initiatives/typed.yaml": typed})
    survey = OUTCOMES_TREE["strategy/initiatives/survey.yaml"]
    repo.commit("2026-05-04", {"strategy/initiatives/typed.yaml": typed + "status: paused\n"}, "Pause typed")
    repo.commit("2026-05-11", {"strategy/initiatives/survey.yaml": survey + "horizon: next\n"}, "Survey next")
    repo.commit(
        "2026-05-18", {"strategy/initiatives/fresh.yaml": "title: Fresh\nparent: growth\nowner: core\nwhy: w\nsteps: [one]\n"}, "Fresh"
    )
    repo.commit("2026-05-25", {"strategy/initiatives/survey.yaml": survey + "horizon: next\nstatus: dropped\n"}, "Drop survey")
    fresh = "title: Fresh\nparent: retention\nowner: core\nwhy: w\nsteps: [one]\n"
    repo.commit("2026-05-26", {"strategy/initiatives/fresh.yaml": fresh}, "Fresh serves retention")
    return repo


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    done = run_build(_with_recent_changes(tmp_path_factory.mktemp("feed") / "repo").root)
    assert done.ok, done.log
    return done.site


def test_the_feed_is_valid_atom(built):
    raw = (built / "strategy" / "changes" / "feed.xml").read_bytes()
    parsed = feedparser.parse(raw)
    assert parsed.bozo == 0 and parsed.version == "atom10"
    root = ET.fromstring(raw)  # noqa: S314  # ladder's own output, which the test checks
    assert root.tag == f"{A}feed"
    for required in ("id", "title", "updated", "author"):
        assert root.find(f"{A}{required}") is not None, required
    assert root.find(f"{A}link[@rel='self']").get("href") == "feed.xml"
    entries = root.findall(f"{A}entry")
    assert entries
    for entry in entries:
        for required in ("id", "title", "updated"):
            assert (entry.find(f"{A}{required}").text or "").strip(), required
        assert entry.find(f"{A}link[@rel='alternate']") is not None
        datetime.strptime(entry.find(f"{A}updated").text, "%Y-%m-%dT%H:%M:%SZ")  # RFC 3339
    ids = [entry.find(f"{A}id").text for entry in entries]
    assert len(ids) == len(set(ids)) and all(i.startswith("tag:ladder,2026:strategy/") for i in ids)


def test_the_feed_carries_the_entries_of_the_changes_page(built):
    parsed = feedparser.parse((built / "strategy" / "changes" / "feed.xml").read_bytes())
    changes = page(built, "strategy", "changes")
    listed = [
        (item.inner[item.inner.index('datetime="') + 10 :][:10], re.search(r'<a href="([^"]+)"', item.inner).group(1))
        for item in located(changes, "li")
        if "<time" in item.inner and "<a href=" in item.inner
    ]
    entries = [(e.updated[:10], e.link) for e in parsed.entries]
    assert sorted(entries) == sorted(listed)
    assert sorted(e.title for e in parsed.entries) == sorted(
        [
            "Fresh: Added",
            "Fresh: Re-parented: growth → retention",
            "Survey: horizon: none → next",
            "Survey: active → dropped",
            HOSTILE.replace("\x07", "") + ": active → paused",
        ]
    )


def test_text_in_the_feed_is_escaped_as_xml_requires_and_ids_are_stable(built, tmp_path):
    raw = (built / "strategy" / "changes" / "feed.xml").read_text(encoding="utf-8")
    parsed = feedparser.parse(raw)
    hostile = [e.title for e in parsed.entries if e.title.startswith("Ship")]
    assert hostile == [HOSTILE.replace("\x07", "") + ": active → paused"]
    assert "<b>" not in raw and "\x07" not in raw and "&lt;b&gt;&amp;amp;&lt;/b&gt;" in raw
    rebuilt = run_build(_with_recent_changes(tmp_path / "again").root)
    assert rebuilt.ok and (rebuilt.site / "strategy" / "changes" / "feed.xml").read_text(encoding="utf-8") == raw


def test_every_page_links_the_feed(built):
    pages = sorted(p for p in built.rglob("*.html") if p.name != "404.html")  # served at any path: no relative link holds
    assert len(pages) >= 15
    for html_file in pages:
        text = html_file.read_text(encoding="utf-8")
        found = re.search(r'<link rel="alternate" type="application/atom\+xml" title="Changes" href="([^"]+)">', text)
        assert found is not None, html_file
        assert (html_file.parent / found.group(1)).resolve() == (built / "strategy" / "changes" / "feed.xml").resolve(), html_file


def test_llms_txt_lists_every_node_with_its_link_and_one_line(built):
    text = (built / "llms.txt").read_text(encoding="utf-8")
    assert text.startswith("# Grow\n\n[The strategy](strategy/): 3 strategies and 5 initiatives; each line gives the status and the why.\n")
    for node in ("growth", "retention", "quiet", "onboarding", "save-desk", "survey", "typed", "fresh"):
        assert f"](strategy/{node}/): " in text, node
    assert '- [Ship \\<b\\>&amp;\\</b\\> "now" \\]\\]\\> & co](strategy/typed/): paused; w\n' in text
    assert all(len(line) <= 240 for line in text.splitlines())
    assert text.endswith(LLMS_MARKER + "\n")


def test_llms_txt_is_bounded(tree, monkeypatch):
    root = tree(
        {
            "strategies/s.yaml": "title: S\nparent: mission\n",
            "initiatives/many.yaml": "".join(f"- id: i{k}\n  title: I {k}\n  parent: s\n  why: {'long ' * 80}\n" for k in range(5)),
        }
    )
    checked = check_directory(root)
    assert checked.tree is not None
    labels = wiring.labels_for(Settings(), "en")
    monkeypatch.setattr(feed_module, "MOST_LISTED", 3)
    text = llms_txt(checked.tree, labels, lambda node: f"strategy/{node or ''}")
    assert [line for line in text.splitlines() if line.startswith("- [I ")] == [
        f"- [I {k}](strategy/i{k}): active; {'long ' * 21}long…" for k in range(3)
    ]
    assert "[… and 2 more initiatives: see the overview](strategy/)" in text


def test_ladder_render_writes_llms_txt_at_the_docs_root_unless_it_is_yours(tmp_path):
    project = tmp_path / "z"
    assert cli("init", str(project), "--generator", "zensical")[0] == 0
    assert (project / "docs" / "llms.txt").read_text(encoding="utf-8").endswith(LLMS_MARKER + "\n")
    write_files(project, {"docs/llms.txt": "# Our own\n"})
    code, said = cli("render", cwd=project)
    assert code == 0 and "ladder: note: docs/llms.txt is your own, so ladder did not write its llms.txt there" in said
    assert (project / "docs" / "llms.txt").read_text(encoding="utf-8") == "# Our own\n"
