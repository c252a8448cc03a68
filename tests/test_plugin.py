"""The MkDocs plugin, through real MkDocs builds with real Graphviz, read back as HTML.

Read-only assertions share the session's example site; a test that needs other options or
a changed tree builds its own, in process. Exit codes and stderr are checked where they are
the point, through the real `mkdocs` command.
"""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path

import pytest

from mkdocs_ladder.check import check_directory
from mkdocs_ladder.render.text import anchor

from .sites import BIN, REPO, build, copy_fixture, first, internal_links, ladder, located, mkdocs, parse, run_build, tree_hash, with_options

VIEWS = ["roadmap", "health", "learning", "owners", "tags"]
EXAMPLE_IDS = [
    "mission",
    "mid-market",
    "retention",
    "platform",
    "onboarding",
    "pricing-page",
    "health-score",
    "legacy-export",
    "shared-login",
]


@pytest.fixture
def site(example_site: Path) -> Path:
    return example_site


@pytest.fixture(scope="module")
def flat_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_fixture("example", tmp_path_factory.mktemp("flat") / "project")
    return build(with_options(project, "use_directory_urls: false\n"))


# --- pages and links ------------------------------------------------------------------------------


def test_a_page_per_node_and_an_overview(site):
    assert (site / "strategy" / "index.html").is_file()
    for node_id in EXAMPLE_IDS:
        assert (site / "strategy" / node_id / "index.html").is_file(), node_id
    assert sorted(p.name for p in (site / "strategy").iterdir() if p.is_dir()) == sorted(EXAMPLE_IDS + VIEWS)


def test_pages_are_generated_in_memory_not_in_docs_dir(tmp_path):
    project = copy_fixture("example", tmp_path / "project")
    before = tree_hash(project / "docs")
    build(project)
    assert tree_hash(project / "docs") == before


@pytest.mark.parametrize("style", ["site", "flat_site"])
def test_every_link_into_strategy_resolves(style, request):
    site: Path = request.getfixturevalue(style)
    links = internal_links(site)
    missing = [f"{page.relative_to(site)} -> {href}" for page, href, target in links if not target.is_file()]
    assert missing == []
    assert len(links) > 100  # ladders, tables, diagrams and the nav on every page


def test_without_directory_urls_pages_are_index_html_files(flat_site):
    html = parse(flat_site / "strategy" / "onboarding" / "index.html")
    assert "../mission/index.html" in html.hrefs()
    assert "../mid-market/index.html" in html.hrefs()
    assert not any(h.endswith("/") and h.startswith("../") for h in html.hrefs() if "strategy" not in h)


def test_node_page_shows_every_field(site):
    page = site / "strategy" / "onboarding" / "index.html"
    html = parse(page)
    text = " ".join(" ".join(html.text).split())
    raw = unescape(page.read_text())  # author text is written as character references
    assert html.find("h1")  # title
    assert "Self-serve onboarding" in text
    assert '<span class="ladder-status ladder-status--active">active</span>' in raw
    assert "Owner: growth" in text
    assert "Due 2026-12-31" in text
    assert "<strong>wizard</strong>" in raw  # why, as Markdown
    assert '<a href="https://example.com/import" rel="noopener noreferrer">import</a>' in raw  # description
    ladder = first(raw, cls="ladder-path").inner
    assert [a.attrs["href"] for a in located(ladder, "a")] == ["../mission/", "../mid-market/"]
    assert ladder.rstrip().endswith("<strong>Self-serve onboarding</strong>")
    assert "3 of 5 done" in text
    assert '<progress value="3" max="5" aria-labelledby="ladder-progress-label">' in raw
    boxes = located(first(raw, "ul", cls="ladder-steps").inner, "input", type="checkbox")
    assert len(boxes) == 5 and sum("checked" in box.attrs for box in boxes) == 3
    assert re.search(r"<td>Activation rate</td><td>40 %</td><td>31 %</td>", raw)
    assert '<a href="https://example.com/design" rel="noopener noreferrer">Design doc</a>' in raw
    assert re.findall(r'<a class="ladder-tag" href="\.\./tags/#tag-[a-z0-9-]+">([^<]+)</a>', raw) == ["onboarding", "q3"]
    supports = first(raw, cls="ladder-supports").inner
    assert [a.attrs["href"] for a in located(supports, "a")] == ["../retention/"]


# --- diagrams -------------------------------------------------------------------------------------


def svgs(page: Path) -> list[str]:
    return re.findall(r'<svg [^>]*class="ladder-svg".*?</svg>', page.read_text(), re.S)


def test_node_diagram_shows_ladder_children_and_supports(site):
    (svg,) = svgs(site / "strategy" / "onboarding" / "index.html")
    links = re.findall(r'xlink:href="([^"]+)"', svg)
    assert sorted(set(links)) == ["../mid-market/", "../mission/", "../onboarding/", "../retention/"]
    classes = re.findall(r'<g class="([^"]+)"', unescape(svg))
    focus = [c for c in classes if "ladder-node--focus" in c]
    assert focus == [
        "node ladder-node ladder-id--onboarding ladder-node--active ladder-level--initiative ladder-node--focus "
        "ladder-facets lf-" + anchor("owner", "growth") + " lf-" + anchor("tag", "onboarding") + " lf-" + anchor("tag", "q3")
    ]
    assert (
        classes.count("edge ladder-edge ladder-edge--supports ladder-edge--touches-active ladder-end--retention ladder-end--onboarding")
        == 1
    )
    (supports_edge,) = located(svg, "g", cls="ladder-edge--supports")
    assert "stroke-dasharray" in supports_edge.inner  # drawn dashed
    (strategy_svg,) = svgs(site / "strategy" / "mid-market" / "index.html")
    assert {"../onboarding/", "../pricing-page/", "../mission/"} <= set(re.findall(r'xlink:href="([^"]+)"', strategy_svg))


def test_boxes_are_coloured_by_status_with_a_legend(site):
    raw = (site / "strategy" / "index.html").read_text()
    (svg,) = svgs(site / "strategy" / "index.html")
    for fill in ("#dcfce7", "#fef3c7", "#e5e7eb", "#ede9fe", "#dbeafe"):  # done, paused, dropped, proposed, active
        assert f'fill="{fill}"' in svg
    legend = first(raw, cls="ladder-legend").inner
    assert [item.text for item in located(legend, cls="ladder-legend__item")] == [
        "proposed",
        "active",
        "paused",
        "done",
        "dropped",
        "supports",
    ]


def test_overview_diagram_links_every_node(site):
    (svg,) = svgs(site / "strategy" / "index.html")
    assert sorted(set(re.findall(r'xlink:href="([^"]+)/"', svg))) == sorted(EXAMPLE_IDS)


def test_overview_summarises_a_large_tree(tmp_path):
    site = build(with_options(copy_fixture("example", tmp_path / "p"), overview_max_nodes=4))
    (svg,) = svgs(site / "strategy" / "index.html")
    assert sorted(set(re.findall(r'xlink:href="([^"]+)/"', svg))) == ["mid-market", "mission", "platform", "retention"]
    assert "2 initiatives" in svg and "1 initiative<" in svg


def test_a_strategy_with_many_initiatives_draws_the_leading_one_then_status_boxes(tmp_path):
    """Retention's two initiatives, one over its limit of 1: the paused one is drawn (it leads the
    dropped one), the dropped one is a box of its status, "+1"."""
    site = build(with_options(copy_fixture("example", tmp_path / "p"), diagram_max_children=1))
    (svg,) = svgs(site / "strategy" / "retention" / "index.html")
    assert "../health-score/" in svg and "../legacy-export/" not in svg
    assert "+1 dropped" in svg and "paused<" not in svg
    assert 'xlink:href="#ladder-children"' in svg
    assert 'id="ladder-children"' in (site / "strategy" / "retention" / "index.html").read_text()


def test_svg_has_no_graphviz_titles_ids_or_prolog(site):
    for page in (site / "strategy").rglob("index.html"):
        for svg in svgs(page):
            assert "<title>" not in svg and "<!--" not in svg and "<?xml" not in svg
            assert not re.search(r'\sid="', svg), page
            assert re.search(r'<svg role="img" aria-label="[^"]+" class="ladder-svg"', svg)
            assert "%3" not in svg


def test_diagrams_are_excluded_from_search_and_pages_are_indexed(site):
    index = json.loads((site / "search" / "search_index.json").read_text())
    by_location = {doc["location"]: doc for doc in index["docs"]}
    for node_id in EXAMPLE_IDS:
        assert f"strategy/{node_id}/" in by_location, node_id
    assert "wizard" in by_location["strategy/onboarding/#why"]["text"]
    # Initiative titles appear on the overview only inside its diagram: they must not be indexed there.
    overview_text = " ".join(d["text"] for loc, d in by_location.items() if loc.startswith("strategy/#") or loc == "strategy/")
    assert "Self-serve onboarding" not in overview_text
    assert "Win the mid-market" in overview_text  # the table is indexed
    everything = json.dumps(index)
    assert not re.search(r"(^|[\s\"])%3([\s\"]|$)", everything)  # Graphviz's default graph title
    assert not re.search(r"\b(node|edge|graph)\d+\b", everything)
    assert all(
        "data-search-exclude" in d for d in re.findall(r'<div class="ladder-diagram"[^>]*>', (site / "strategy" / "index.html").read_text())
    )


# --- navigation -----------------------------------------------------------------------------------


def nav_links(page: Path) -> list[str]:
    raw = page.read_text()
    primary = raw[raw.index("md-nav--primary") : raw.index("md-sidebar--secondary")]
    return re.findall(r'<a href="([^"]+)" class="md-nav__link', primary)


#: The strategy section of the example site's nav: the overview, the mission, the strategies, the views.
SECTION = [
    f"strategy/{page}"
    for page in ("", "mission/", "mid-market/", "platform/", "retention/", "roadmap/", "health/", "learning/", "owners/", "tags/")
]


def test_nav_has_a_strategy_section_after_the_users_pages(site):
    links = nav_links(site / "index.html")
    assert links.index("about/") < links.index("strategy/")
    ours = [link for link in links if link.startswith("strategy/")]
    assert ours == SECTION
    raw = (site / "index.html").read_text()
    section = raw[raw.index("md-nav--primary") : raw.index('href="strategy/"')]
    titles = re.findall(r'<label class="md-nav__link"[^>]*>\s*<span class="md-ellipsis">\s*([^<]+?)\s*</span>', section)
    assert titles[-1] == "Strategy"  # the section's own title, just before its first link


def test_nav_initiatives_option_lists_them_under_their_strategy(tmp_path):
    site = build(with_options(copy_fixture("example", tmp_path / "p"), nav_initiatives=True))
    ours = [link for link in nav_links(site / "index.html") if link.startswith("strategy/")]
    assert ours == [
        "strategy/",
        "strategy/mission/",
        "strategy/mid-market/",
        "strategy/pricing-page/",
        "strategy/onboarding/",
        "strategy/platform/",
        "strategy/shared-login/",
        "strategy/retention/",
        "strategy/health-score/",
        "strategy/legacy-export/",
        "strategy/roadmap/",
        "strategy/health/",
        "strategy/learning/",
        "strategy/owners/",
        "strategy/tags/",
    ]


def test_many_strategies_are_left_out_of_the_nav(tmp_path):
    site = build(with_options(copy_fixture("example", tmp_path / "p"), nav_max_strategies=2))
    ours = [link for link in nav_links(site / "index.html") if link.startswith("strategy/")]
    assert ours == [
        "strategy/",
        "strategy/mission/",
        "strategy/roadmap/",
        "strategy/health/",
        "strategy/learning/",
        "strategy/owners/",
        "strategy/tags/",
    ]
    assert 'href="mid-market/"' in (site / "strategy" / "index.html").read_text()  # reached from the overview


def test_explicit_nav_gets_the_section_appended(tmp_path):
    project = with_options(copy_fixture("example", tmp_path / "p"), "nav:\n  - Home: index.md\n  - About: about.md\n")
    links = nav_links(build(project) / "index.html")
    assert links[:2] == [".", "about/"]
    assert links[2:] == SECTION


def test_explicit_nav_can_place_the_section(tmp_path):
    project = with_options(
        copy_fixture("example", tmp_path / "p"), "nav:\n  - Home: index.md\n  - Our plan: strategy/index.md\n  - About: about.md\n"
    )
    site = build(project)
    links = nav_links(site / "index.html")
    assert links[1] == "strategy/" and links[-1] == "about/"
    assert "Our plan" in (site / "index.html").read_text()


def test_user_file_in_the_generated_folder_is_refused(tmp_path):
    project = copy_fixture("example", tmp_path / "p")
    (project / "docs" / "strategy").mkdir()
    (project / "docs" / "strategy" / "index.md").write_text("# mine\n")
    done = run_build(project)
    assert not done.ok
    assert "ERROR: ladder: docs/strategy/index.md exists, and ladder generates that page" in done.log
    assert (project / "docs" / "strategy" / "index.md").read_text() == "# mine\n"


def test_path_option_moves_the_pages(tmp_path):
    site = build(with_options(copy_fixture("example", tmp_path / "p"), path="plan"))
    assert (site / "plan" / "onboarding" / "index.html").is_file()
    assert not (site / "strategy").exists()


# --- bad input and failures -----------------------------------------------------------------------


def test_invalid_tree_fails_with_the_check_messages_and_keeps_the_site(tmp_path, monkeypatch):
    project = copy_fixture("example", tmp_path / "p")
    site = build(project)
    before = tree_hash(site)
    (project / "strategy" / "strategies" / "retention.yaml").write_text("title: Keep\nparent: mision\nowener: x\n")
    done = mkdocs(project, "build")
    assert done.returncode == 1
    monkeypatch.chdir(project)
    expected = [p.text() for p in check_directory(project / "strategy").problems]
    assert expected == [
        "strategy/strategies/retention.yaml:2:1: error: parent 'mision' names no node (did you mean 'mission'?)",
        "strategy/strategies/retention.yaml:3:1: error: unknown field 'owener' (did you mean 'owner'?)",
    ]
    for line in expected:
        assert line in done.stderr
    assert "the strategy tree has 2 errors; nothing was built" in done.stderr
    assert "Traceback" not in done.stderr
    assert tree_hash(site) == before


def test_missing_dot_is_one_clear_error(tmp_path):
    project = copy_fixture("example", tmp_path / "p")
    site = build(project)
    before = tree_hash(site)
    (project / "strategy" / "initiatives" / "onboarding.yaml").write_text("title: Changed\nparent: mid-market\n")
    done = run_build(project, env={"PATH": str(BIN)})
    assert not done.ok
    errors = [line for line in done.log.splitlines() if line.startswith("ERROR")]
    assert len(errors) == 1 and "Graphviz's `dot` was not found" in errors[0] and "apt-get install graphviz" in errors[0]
    assert tree_hash(site) == before


def test_diagrams_are_batched_and_cached(tmp_path):
    """A logging wrapper around the real dot shows how many processes each build starts."""
    log = tmp_path / "dot.log"
    wrapper = tmp_path / "dot-logged"
    real = next(p for p in ("/usr/bin/dot", "/usr/local/bin/dot", "/opt/homebrew/bin/dot") if Path(p).exists())
    wrapper.write_text(f'#!/bin/sh\necho "$*" >> {log}\nexec {real} "$@"\n')
    wrapper.chmod(0o755)
    project = with_options(copy_fixture("example", tmp_path / "p"), dot_executable=str(wrapper))
    build(project)
    calls = log.read_text().splitlines()
    assert calls.count("-V") == 1
    renders = [c for c in calls if c == "-Tsvg"]
    assert len(renders) == 1  # ten diagrams: below two batches' worth, one process draws them all
    assert len(list((project / ".cache" / "plugin" / "ladder").glob("*.svg"))) == 10

    log.unlink()
    build(project)
    assert log.read_text().splitlines() == ["-V"]  # every diagram came from the cache

    log.unlink()
    (project / "strategy" / "initiatives" / "onboarding.yaml").write_text(
        (project / "strategy" / "initiatives" / "onboarding.yaml").read_text().replace("Self-serve onboarding", "Guided onboarding")
    )
    build(project)
    assert log.read_text().splitlines().count("-Tsvg") == 1  # only the diagrams that show it


def test_cache_can_be_switched_off(tmp_path):
    project = with_options(copy_fixture("example", tmp_path / "p"), cache=False)
    build(project)
    assert not (project / ".cache").exists()


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"overview_max_node": 3}, "option 'overview_max_node': no such option (did you mean 'overview_max_nodes'?)"),
        ({"health": {"no-such-rule": "off"}}, "option 'health': no health rule 'no-such-rule'"),
        ({"max_open_steps": "many"}, "option 'max_open_steps': must be a whole number, not text ('many')"),
    ],
)
def test_a_wrong_option_fails_the_build_with_the_words_of_ladder_check(tmp_path, options, message):
    project = with_options(copy_fixture("example", tmp_path / "p"), **options)
    done = run_build(project)
    assert not done.ok
    assert f"Plugin 'ladder' {message}" in done.log
    checked = ladder(project, "check")
    assert checked.returncode == 2
    assert checked.stderr == f"ladder: mkdocs.yml: plugin 'ladder' {message}\n"


# --- this repository ------------------------------------------------------------------------------


def test_this_repository_builds_strict_and_publishes_its_tree(tmp_path):
    site = build(REPO, site_dir=str(tmp_path / "site"))
    tree = check_directory(REPO / "strategy").tree
    assert tree is not None and len(tree.nodes) >= 5
    for node_id in tree.nodes:
        assert (site / "strategy" / node_id / "index.html").is_file()


# --- ProperDocs: the maintained MkDocs 1.x fork ------------------------------------------------------


@pytest.mark.slow
def test_properdocs_builds_the_example_site_with_material_as_mkdocs_does(tmp_path):
    """ProperDocs loads MkDocs plugins (it answers MkDocs' imports itself) and builds Material:
    ladder's pages, diagrams and navigation come out as they do from `mkdocs build`."""
    by_mkdocs = build(copy_fixture("example", tmp_path / "m"))
    project = copy_fixture("example", tmp_path / "p")
    done = mkdocs(project, "build", "--strict", "-f", "mkdocs.yml", command="properdocs")
    assert done.returncode == 0, done.stderr
    site = project / "site"
    pages = sorted(p.relative_to(site).as_posix() for p in (site / "strategy").rglob("index.html"))
    assert pages == sorted(p.relative_to(by_mkdocs).as_posix() for p in (by_mkdocs / "strategy").rglob("index.html"))
    assert len(pages) >= 10
    mid_market = (site / "strategy" / "mid-market" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<svg role="img" aria-label="Ladder: [^"]+" class="ladder-svg', mid_market), "the diagram is in the page"
    assert 'data-ladder-diagram="' not in mid_market, "every diagram slot was filled"
    assert re.search(r'class="md-nav__link[^"]*"[^>]*>\s*(?:<span[^>]*>\s*)?Strategy\s*<', mid_market), "Material's nav holds the section"
    assert (site / "assets" / "ladder" / "ladder.css").is_file()
    assert internal_links(site) != [] and all(target.is_file() for _, _, target in internal_links(site))


def test_each_node_pages_search_entries_carry_the_words_of_its_id_and_a_boost(site, flat_site):
    """Material's search weighs tags most: a search for an id lists its page first (the browser
    test asks it on trees of 2,000 initiatives). The other pages' entries are as the search
    plugin wrote them."""
    for built, url in ((site, "strategy/mid-market/"), (flat_site, "strategy/mid-market/index.html")):
        docs = json.loads((built / "search" / "search_index.json").read_text())["docs"]
        ours = [d for d in docs if d["location"].split("#")[0] == url]
        assert len(ours) > 1 and all(d["tags"] == ["mid", "market"] and d["boost"] == 1.025 for d in ours)
        theirs = [d for d in docs if not d["location"].startswith("strategy/")]
        assert theirs and all("tags" not in d and "boost" not in d for d in theirs)


@pytest.mark.parametrize(
    ("node_id", "separator", "words"),
    [
        ("sig-network-2", r"[\s\-,:!=\[\]()\"/]+|(?!\b)(?=[A-Z][a-z])|\.(?!\d)|&[lg]t;", ["sig", "network", "2"]),  # Material's default
        ("a_b-c", r"[\s\-]+", ["a_b", "c"]),
        ("a_b-c", r"[\s\-_,:!=\[\]()\\\"`/]+|\.(?!\d)", ["a", "b", "c"]),  # Zensical's
        ("onboarding", "(", ["onboarding"]),  # a pattern Python cannot read: [\s\-]+ stands in
    ],
)
def test_an_id_is_split_into_words_as_the_search_splits_it(node_id, separator, words):
    from mkdocs_ladder.adapters.mkdocs.search import id_words

    assert id_words(node_id, separator) == words


def test_tagging_keeps_tags_and_boosts_there_are_and_leaves_other_entries():
    from mkdocs_ladder.adapters.mkdocs.search import tag_ids

    index = {
        "config": {"separator": r"[\s\-]+"},
        "docs": [
            {"location": "strategy/a-b/", "tags": ["theirs"], "boost": 2},
            {"location": "strategy/a-b/#why"},
            {"location": "about/"},
            "not an entry",
        ],
    }
    assert tag_ids(index, {"strategy/a-b/": "a-b"}) == 2
    assert index["docs"][0] == {"location": "strategy/a-b/", "tags": ["theirs", "a", "b"], "boost": 2 * 1.025}
    assert index["docs"][1] == {"location": "strategy/a-b/#why", "tags": ["a", "b"], "boost": 1.025}
    assert index["docs"][2:] == [{"location": "about/"}, "not an entry"]
