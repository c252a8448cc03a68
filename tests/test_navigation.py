"""The "Strategy" nav section, on MkDocs' own Files and Navigation built in memory: no site is built.

Each case gives the user's pages and nav, the generated pages, and the options; it checks the
nav that results (titles and URLs, in order, as a reader sees the sidebar) and that MkDocs'
links between pages (parent, previous, next) were made again.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation, Section, get_navigation
from mkdocs.structure.pages import Page

from mkdocs_ladder.adapters.mkdocs.navigation import add_section
from mkdocs_ladder.render.site import Site, SitePage
from mkdocs_ladder.tree.model import Level


def site(strategies: dict[str, list[str]]) -> Site:
    """Generated pages as render_site makes them: overview, mission, strategies, initiatives, views."""
    pages = [
        SitePage("strategy/index.md", "", "Strategy", None, None, kind="overview"),
        SitePage("strategy/mission/index.md", "", "Our mission", "mission", Level.MISSION),
    ]
    pages += [SitePage(f"strategy/{s}/index.md", "", f"S {s}", s, Level.STRATEGY, "mission") for s in strategies]
    pages += [SitePage(f"strategy/{i}/index.md", "", f"I {i}", i, Level.INITIATIVE, s) for s, ids in strategies.items() for i in ids]
    pages += [SitePage(f"strategy/{v}/index.md", "", v.title(), None, None, kind=v) for v in ("health", "owners", "tags")]
    return Site(pages=pages)


def navigation(tmp_path: Path, generated: Site, user_nav: list[object] | None = None) -> tuple[Navigation, Files]:
    config = MkDocsConfig(config_file_path=str(tmp_path / "mkdocs.yml"))
    (tmp_path / "docs").mkdir(exist_ok=True)
    config.load_dict({"site_name": "t", "docs_dir": str(tmp_path / "docs"), **({"nav": user_nav} if user_nav else {})})
    errors, _ = config.validate()
    assert errors == []

    def file(uri: str, inclusion: InclusionLevel = InclusionLevel.UNDEFINED) -> File:
        return File(uri, src_dir=None, dest_dir=str(tmp_path / "site"), use_directory_urls=True, inclusion=inclusion)

    files = Files([file("index.md"), file("about.md")])
    for page in generated.pages:  # as the plugin adds them: out of MkDocs' own nav
        files.append(file(page.src_uri, InclusionLevel.NOT_IN_NAV))
    return get_navigation(files, config), files


def outline(items: list[object], depth: int = 0) -> list[str]:
    """The nav as indented lines: a section by its title, a page by its source path."""
    lines: list[str] = []
    for item in items:
        if isinstance(item, Section):
            lines.append("  " * depth + f"[{item.title}]")
            lines += outline(item.children, depth + 1)
        elif isinstance(item, Page):
            lines.append("  " * depth + item.file.src_uri)
    return lines


TREE = {"growth": ["onboarding", "pricing"], "platform": []}
VIEWS = ["strategy/health/index.md", "strategy/owners/index.md", "strategy/tags/index.md"]


def test_the_section_follows_the_users_pages(tmp_path):
    nav, files = navigation(tmp_path, site(TREE))
    add_section(nav, files, site(TREE), with_initiatives=False)
    assert outline(nav.items) == [
        "index.md",
        "about.md",
        "[Strategy]",
        "  strategy/index.md",
        "  strategy/mission/index.md",
        "  strategy/growth/index.md",
        "  strategy/platform/index.md",
        *(f"  {v}" for v in VIEWS),
    ]


def test_initiatives_go_under_their_strategy_when_asked(tmp_path):
    nav, files = navigation(tmp_path, site(TREE))
    add_section(nav, files, site(TREE), with_initiatives=True)
    assert outline(nav.items)[2:] == [
        "[Strategy]",
        "  strategy/index.md",
        "  strategy/mission/index.md",
        "  [S growth]",
        "    strategy/growth/index.md",
        "    strategy/onboarding/index.md",
        "    strategy/pricing/index.md",
        "  strategy/platform/index.md",  # no initiatives: a page, not a section
        *(f"  {v}" for v in VIEWS),
    ]


@pytest.mark.parametrize(("limit", "listed"), [(1, False), (2, True)])
def test_past_the_limit_no_strategy_is_listed(tmp_path, limit, listed):
    nav, files = navigation(tmp_path, site(TREE))
    add_section(nav, files, site(TREE), with_initiatives=True, max_strategies=limit)
    strategies = [line for line in outline(nav.items) if "growth" in line or "platform" in line]
    assert bool(strategies) is listed


def test_a_users_nav_entry_for_the_overview_places_the_section_under_its_title(tmp_path):
    nav, files = navigation(tmp_path, site(TREE), [{"Home": "index.md"}, {"Our plan": "strategy/index.md"}, {"About": "about.md"}])
    add_section(nav, files, site(TREE), with_initiatives=False)
    assert outline(nav.items)[:3] == ["index.md", "[Our plan]", "  strategy/index.md"]
    assert outline(nav.items)[-1] == "about.md"


def test_titles_reach_the_theme_inert(tmp_path):
    hostile = site({"s": []})
    hostile.pages[0] = SitePage("strategy/index.md", "", 'Plan <b>"x"</b>', None, None, kind="overview")
    hostile.pages[2] = SitePage("strategy/s/index.md", "", '<img src=x onerror="a">', "s", Level.STRATEGY, "mission")
    nav, files = navigation(tmp_path, hostile)
    add_section(nav, files, hostile, with_initiatives=True)
    section = nav.items[-1]
    assert isinstance(section, Section) and section.title == "Plan \u2039b\u203a\u201dx\u201d\u2039/b\u203a"


def test_parents_and_previous_and_next_are_linked_again(tmp_path):
    nav, files = navigation(tmp_path, site(TREE))
    add_section(nav, files, site(TREE), with_initiatives=True)
    uris = [page.file.src_uri for page in nav.pages]
    assert uris == [line.strip() for line in outline(nav.items) if not line.strip().startswith("[")]
    for before, after in itertools.pairwise(nav.pages):
        assert before.next_page is after and after.previous_page is before
    assert nav.pages[0].previous_page is None and nav.pages[-1].next_page is None
    onboarding = next(p for p in nav.pages if p.file.src_uri == "strategy/onboarding/index.md")
    assert isinstance(onboarding.parent, Section) and onboarding.parent.title == "S growth"
    assert onboarding.parent.parent is not None and onboarding.parent.parent.title == "Strategy"
