"""A shared language of work: the organisation's words (levels, labels, languages), kinds of
work, the learning backlog and the filters. Pure cases first, then real builds read as HTML."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import re
import string
from html import unescape
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from mkdocs_ladder import wiring
from mkdocs_ladder.adapters.cli import main
from mkdocs_ladder.authoring.schema import node_file_schema
from mkdocs_ladder.check import check_directory
from mkdocs_ladder.labels import EN, LANGUAGES, Labels, language_of
from mkdocs_ladder.render.pages import Contents, render_site
from mkdocs_ladder.render.site import DiagramMode
from mkdocs_ladder.settings import Settings
from mkdocs_ladder.tree.model import Level
from mkdocs_ladder.tree.names import english_plural

from .sites import build, copy_fixture, first, ladder, learning_project, located, page, run_build, with_options


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


# --- the catalogue ------------------------------------------------------------------------------------


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("language", sorted(LANGUAGES))
def test_every_language_gives_every_label_with_the_same_values(language):
    texts = LANGUAGES[language]
    assert set(texts) == set(EN)
    for key, english in EN.items():
        theirs = texts[key]
        assert isinstance(theirs, str) == isinstance(english, str), key
        for mine, other in zip(
            (english,) if isinstance(english, str) else english, (theirs,) if isinstance(theirs, str) else theirs, strict=True
        ):
            assert fields(mine) == fields(other), (language, key)


@pytest.mark.parametrize(("code", "shipped"), [("de", "de"), ("de-CH", "de"), ("fr_CA", "fr"), ("pt-BR", "en"), (None, "en"), ("EN", "en")])
def test_a_theme_language_picks_a_shipped_catalogue_or_english(code, shipped):
    assert language_of(code) == shipped


@pytest.mark.parametrize(
    ("noun", "plural"),
    [
        ("Bet", "Bets"),
        ("Strategy", "Strategies"),
        ("Day", "Days"),
        ("Box", "Boxes"),
        ("Pillar", "Pillars"),
        ("OKR", "OKRS"),
        ("Match", "Matches"),
    ],
)
def test_a_level_name_without_a_plural_takes_the_english_rules(noun, plural):
    assert english_plural(noun) == plural


def test_counts_take_the_languages_form():
    assert Labels.of("en").count("health.findings", 1) == "1 finding"
    assert Labels.of("en").count("health.findings", 0) == "0 findings"
    assert Labels.of("fr").count("health.findings", 0) == "0 constat"  # French counts zero as one
    assert Labels.of("de").count("health.findings", 2) == "2 Befunde"


def test_levels_and_labels_come_on_top_of_the_language():
    settings = Settings.model_validate(
        {
            "levels": {"strategy": "Pillar", "initiative": {"name": "Bet", "plural": "Bets!"}},
            "labels": {"node.why": "Because", "health.findings": ["one thing", "{n} things"]},
        }
    )
    labels = wiring.labels_for(settings, "de")
    assert (labels.level(Level.STRATEGY), labels.level(Level.STRATEGY, plural=True)) == ("Pillar", "Pillars")
    assert labels.level(Level.INITIATIVE, plural=True) == "Bets!"
    assert labels("node.why") == "Because" and labels("node.steps") == "Schritte"
    assert labels.count("health.findings", 1) == "one thing" and labels.count("health.findings", 4) == "4 things"
    assert wiring.health_settings(settings).names.article(Level.INITIATIVE) == "a Bet"


@pytest.mark.parametrize(
    ("labels", "wrong"),
    [
        ({"node.steps_done": "{done} of {all}"}, "'node.steps_done': ladder fills in no {all} here (it fills in: {done}, {total})"),
        ({"node.why": "Why {"}, "'node.why': a lone brace in 'Why {'; write {{ or }} for a brace"),
        ({"health.findings": ["one", "{n} of {m}"]}, "'health.findings': ladder fills in no {m} here (it fills in: {n})"),
    ],
)
def test_a_label_that_asks_for_a_value_ladder_does_not_give_is_refused(labels, wrong):
    from mkdocs_ladder.settings import SettingsError, parse_settings

    with pytest.raises(SettingsError) as caught:
        parse_settings({"labels": labels})
    assert caught.value.problems == [("labels", wrong)]


def test_a_brace_in_a_label_is_written_doubled():
    assert wiring.labels_for(Settings.model_validate({"labels": {"node.why": "Why {{this}}"}}), "en")("node.why") == "Why {this}"


def test_every_fixed_word_of_the_pages_comes_from_the_labels(tmp_path):
    """With every label replaced by a token, no English label text is left on any page."""
    project = learning_project(tmp_path)
    checked = check_directory(project / "strategy")
    assert checked.tree is not None
    tokens = {key: f"L{index}L" if isinstance(text, str) else (f"L{index}L", f"L{index}L") for index, (key, text) in enumerate(EN.items())}
    options = wiring.page_options(Settings(), True)
    tokened = Labels("en", tokens)
    site = render_site(
        Contents(checked.tree, checked.problems),
        {},
        # the trailer key is the work option's (Ladder by default), not a fixed word: another here
        dataclasses.replace(options, labels=tokened, overview_title=tokened("nav.title"), trailer="Refs-Goal"),
        DiagramMode.SLOT,
    )
    words = " ".join(text_of(p.markdown.split("---", 2)[2]) for p in site.pages)
    authored = " ".join(p.read_text() for p in (project / "strategy").rglob("*.y*ml")).lower()
    leftover = []
    for key, text in EN.items():
        for form in (text,) if isinstance(text, str) else text:
            plain = re.sub(r"\{[a-z_]+\}", "", form).strip(" :.,")
            if (
                len(plain) >= 3
                and plain.lower() not in authored
                and not key.startswith(("kind.", "horizon."))  # named through the options, as the kinds are
                and re.search(rf"\b{re.escape(plain)}\b", words)
            ):
                leftover.append((key, plain))
    assert leftover == []
    assert "L" in words and re.search(r"L\d+L", words)


# --- the organisation's words on a real site ---------------------------------------------------------------


def test_a_site_with_its_own_level_names_shows_them_everywhere(tmp_path):
    project = with_options(copy_fixture("example", tmp_path / "p"), levels={"strategy": "Pillar", "initiative": "Bet"})
    site = build(project)
    overview = page(site, "strategy")
    assert "<th>Pillar</th>" in overview and '<h2 id="pillars">Pillars</h2>' in overview
    assert "All Bets" in overview
    strategy = page(site, "strategy", "mid-market")
    assert '<span class="ladder-level">Pillar</span>' in strategy
    assert re.search(r"<h2 id=\"[a-z-]+\">Bets</h2>", strategy) and "<th>Bet</th>" in strategy
    initiative = page(site, "strategy", "onboarding")
    assert '<span class="ladder-level">Bet</span>' in initiative
    assert "(Bet, active)" in initiative  # a box's tooltip in the diagram
    assert "initiative" not in text_of(initiative.split("<article")[1].split("</article>")[0]).lower()
    done = ladder(project, "check")
    assert done.returncode == 0, done.stderr
    assert "1 mission, 3 Pillars, 5 Bets" in done.stdout
    bare = project / "strategy" / "initiatives" / "bare.yaml"
    bare.write_text("title: Bare\nparent: platform\nowner: platform\n")
    warned = ladder(project, "check")
    assert "warning: active Bet has no 'why': say how it serves 'platform' [initiative-without-why]" in warned.stdout


def test_the_theme_language_translates_the_pages(tmp_path):
    project = copy_fixture("example", tmp_path / "p")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("  name: material\n", "  name: material\n  language: de\n", 1))
    site = build(project)
    initiative = page(site, "strategy", "onboarding")
    assert re.search(r'<h2 id="[^"]+">Warum</h2>', initiative) and re.search(r'<h2 id="[^"]+">Schritte</h2>', initiative)
    assert "3 von 5 erledigt" in initiative and '<span class="ladder-status ladder-status--active">aktiv</span>' in initiative
    assert "Verantwortlich:" in initiative
    nav = text_of(page(site).split("md-nav--primary")[1].split("</nav>")[0])
    assert " Lernen " in nav and " Gesundheit " in nav and " Verantwortliche " in nav  # the views in the nav
    assert "Über das übergeordnete Element hinaus unterstützt diese Initiative auch:" in initiative


# --- kinds of work --------------------------------------------------------------------------------------------


def with_kind(tmp_path: Path, kind: str) -> tuple[Path, Path, int]:
    """The example project whose onboarding initiative says ``kind``: (project, its file, the kind's line)."""
    project = copy_fixture("example", tmp_path / "p")
    onboarding = project / "strategy" / "initiatives" / "onboarding.yaml"
    onboarding.write_text(onboarding.read_text() + f"kind: {kind}\n")
    return project, onboarding, onboarding.read_text().splitlines().index(f"kind: {kind}") + 1


def test_a_misspelt_kind_is_an_error_at_its_line_with_a_did_you_mean(tmp_path):
    project, _, line = with_kind(tmp_path, "experimnt")
    done = ladder(project, "check")
    assert done.returncode == 1
    assert (
        f"strategy/initiatives/onboarding.yaml:{line}:1: error: kind 'experimnt' is not a kind of work of this site "
        "(did you mean 'experiment'?); the kinds: delivery, experiment, learning, enabling"
    ) in done.stdout
    (found,) = json.loads(ladder(project, "check", "--format", "json").stdout)
    assert (found["rule"], found["line"], found["severity"]) == ("unknown-kind", line, "error")
    built = run_build(project)
    assert not built.ok
    assert (
        f"ERROR: mkdocs_ladder: strategy/initiatives/onboarding.yaml:{line}:1: error: kind 'experimnt' is not a kind of work of this site (did you mean 'experiment'?)"
        in built.log
    )


def test_a_kind_asks_for_its_fields_and_can_be_waived(tmp_path):
    project, onboarding, line = with_kind(tmp_path, "experiment")
    done = ladder(project, "check")
    assert done.returncode == 0
    assert (
        f"onboarding.yaml:{line}:1: warning: kind 'experiment' requires 'hypothesis', and this initiative has none [kind-requires]"
    ) in done.stdout
    onboarding.write_text(onboarding.read_text() + "waive:\n  kind-requires: a spike; we write the hypothesis after\n")
    assert "kind-requires" not in ladder(project, "check").stdout


def test_an_organisations_own_kinds_replace_the_default(tmp_path):
    project = with_options(
        copy_fixture("example", tmp_path / "p"),
        kinds={"spike": {"description": "A timeboxed look", "requires": ["questions"]}, "build": "Ships it"},
    )
    onboarding = project / "strategy" / "initiatives" / "onboarding.yaml"
    onboarding.write_text(onboarding.read_text() + "kind: spike\n")
    assert "kind 'spike' requires 'questions'" in ladder(project, "check").stdout
    onboarding.write_text(onboarding.read_text().replace("kind: spike", "kind: delivery"))
    out = ladder(project, "check").stdout
    assert "error: kind 'delivery' is not a kind of work of this site; the kinds: spike, build" in out


def test_kinds_show_on_pages_in_diagrams_and_tables(tmp_path):
    site = build(learning_project(tmp_path), strict=False)
    initiative = page(site, "strategy", "onboarding")
    badge = (
        '<span class="ladder-kind ladder-kind--experiment" title="Tests a hypothesis before anything is built at scale">'
        '<span class="ladder-kind__mark" aria-hidden="true">◆</span> experiment</span>'
    )
    assert badge in first(initiative, cls="ladder-meta").inner
    svg = first(initiative, "svg", cls="ladder-svg").inner
    assert "◆ Self-serve onboarding" in svg  # the box's mark
    assert "(initiative, active, experiment)" in svg  # and its tooltip
    legend = first(initiative, cls="ladder-legend").inner
    assert (
        'title="Tests a hypothesis before anything is built at scale"><span class="ladder-kind__mark" aria-hidden="true">◆</span> experiment'
        in legend
    )
    strategy = page(site, "strategy", "mid-market")
    children = first(strategy, id="ladder-children").inner
    assert "<th>Kind</th>" in children and badge in children
    retention = page(site, "strategy", "retention")
    assert "● delivery" not in retention and '<span class="ladder-kind__mark" aria-hidden="true">▲</span> learning' in retention


# --- the learning backlog -----------------------------------------------------------------------------------


def test_the_learning_page_separates_open_questions_from_answered_ones(tmp_path):
    site = build(learning_project(tmp_path), strict=False)
    raw = page(site, "strategy", "learning")
    body = raw.split("<article")[1].split("</article>")[0]
    open_part, answered = body.split('<h2 id="answered">Answered</h2>')
    assert '<h2 id="open-questions">Open questions</h2>' in open_part
    # by strategy (in the tree's order), then node, with the owner
    assert re.findall(r'<h3 id="[^"]+">([^<]+)</h3>', open_part) == [
        "Win the mid-market",
        "Keep the customers we win",
        "Elsewhere in the tree",
    ]
    mid = open_part.split("Win the mid-market</h3>")[1].split("<h3")[0]
    assert '<a href="../onboarding/">Self-serve onboarding</a>' in mid
    assert re.search(r'Owner: <a class="ladder-owner-link" href="\.\./owners/#owner-growth-[0-9a-f]{6}">growth</a>', mid)
    assert "<li>Which step do new accounts abandon first?</li>" in mid
    assert "Do teams invite colleagues" not in open_part
    assert "<li>What predicts a cancellation?</li>" in open_part.split("Keep the customers we win</h3>")[1]
    assert "<li>Which market next?</li>" in open_part.split("Elsewhere in the tree</h3>")[1]
    assert "3 open questions" in open_part
    assert re.search(
        r"<dt>Do teams invite colleagues in week one\? <span class=\"ladder-learning-from\">\(<a href=\"\.\./onboarding/\">"
        r"Self-serve onboarding</a>\)</span></dt>\s*<dd><p>Most do, on day <strong>two</strong>.</p>\s*</dd>",
        answered,
    )
    assert "Who cancels?" in answered and "Which step do new accounts" not in answered


def test_a_node_page_shows_its_hypothesis_and_questions(tmp_path):
    site = build(learning_project(tmp_path), strict=False)
    raw = page(site, "strategy", "onboarding")
    assert re.search(
        r'<h2 id="hypothesis">Hypothesis</h2>\s*<div class="ladder-text ladder-hypothesis">\s*<p>A <strong>guided</strong>', raw
    )
    questions = raw.split('<h2 id="questions">Questions</h2>')[1].split("<h2")[0]
    assert "<li>Which step do new accounts abandon first?</li>" in questions.split("Answered")[0]
    assert "<dt>Do teams invite colleagues in week one?</dt>" in questions.split("Answered")[1]


def test_a_question_that_is_neither_text_nor_a_question_is_an_error_at_its_line(tmp_path):
    project = copy_fixture("example", tmp_path / "p")
    onboarding = project / "strategy" / "initiatives" / "onboarding.yaml"
    onboarding.write_text(onboarding.read_text() + "questions:\n  - answer: without a question\n")
    out = ladder(project, "check").stdout
    assert "missing required field 'question' in questions[0]" in out


# --- finding things -------------------------------------------------------------------------------------------


def test_the_overview_and_strategy_pages_offer_owner_kind_and_tag_filters(tmp_path):
    site = build(learning_project(tmp_path), strict=False)
    strategy = page(site, "strategy", "mid-market")
    box = first(strategy, cls="ladder-filter__facets")
    assert "hidden" in box.attrs  # shown by the script only: without it, everything is shown
    facets = box.inner
    options = re.findall(r'<select data-ladder-facet="(\w+)"><option value="">any</option>(.*?)</select>', facets)
    shown = {facet: re.findall(r'<option value="([^"]+)">([^<]+)</option>', choices) for facet, choices in options}
    assert [name for _, name in shown["owner"]] == ["growth"]
    assert [name for _, name in shown["kind"]] == ["experiment"]
    assert [name for _, name in shown["tag"]] == ["onboarding", "q3"]
    onboarding_row = next(r for r in located(strategy, "tr") if "Self-serve onboarding" in r.text and r.classes)
    for value, _ in shown["owner"] + shown["kind"] + shown["tag"]:
        assert value in onboarding_row.classes
    overview = page(site, "strategy")
    assert '<select data-ladder-facet="kind">' in overview
    script = (site / "assets" / "ladder" / "ladder.js").read_text()
    assert "ladder-facet-hidden" in script
    assert '<script src="../assets/ladder/ladder.js"></script>' in overview


def test_every_link_of_a_diagram_is_also_a_text_link_on_its_page(tmp_path):
    site = build(learning_project(tmp_path), strict=False)
    for index in sorted((site / "strategy").rglob("index.html")):
        raw = index.read_text()
        svgs = re.findall(r"<svg .*?</svg>", raw, re.S)
        outside = re.sub(r"<svg .*?</svg>", "", raw, flags=re.S)
        text_links = set(re.findall(r'<a [^>]*href="([^"]+)"', outside))
        for svg in svgs:
            for href in re.findall(r'xlink:href="([^"]+)"', svg):
                target = "./" if href in ("./", "") else href
                assert href.startswith("#") or target in text_links or href == "../" + index.parent.name + "/", (index, href)


# --- authoring ------------------------------------------------------------------------------------------------


def test_the_schema_offers_the_sites_kinds_and_the_new_fields(tmp_path):
    project = with_options(copy_fixture("example", tmp_path / "p"), kinds={"spike": "A timeboxed look", "build": "Ships it"})
    result = CliRunner().invoke(main, ["schema", "-f", str(project / "mkdocs.yml")])
    schema = json.loads(result.output)
    kind = schema["$defs"]["Node"]["properties"]["kind"]
    assert [k.get("const") for k in kind["anyOf"]] == ["spike", "build", None]
    assert {"hypothesis", "questions"} <= set(schema["$defs"]["Node"]["properties"])
    validator = jsonschema.Draft202012Validator(schema)
    assert not list(validator.iter_errors({"title": "x", "kind": "spike", "questions": ["Why?", {"question": "How?", "answer": "So."}]}))
    assert list(validator.iter_errors({"title": "x", "kind": "delivery"}))
    assert list(validator.iter_errors({"title": "x", "questions": [{"answer": "no question"}]}))
    horizons = {"now": "Now", "next": "Next", "later": "Later"}
    assert schema == node_file_schema({"spike": "A timeboxed look", "build": "Ships it"}, horizons, {"S": 1, "M": 2, "L": 4, "XL": 8})


def test_the_schema_offers_the_sites_own_horizons_and_sizes(tmp_path):
    project = with_options(
        copy_fixture("example", tmp_path / "p"), horizons={"q1": "Q1 2027", "q2": "Q2 2027"}, sizes={"small": 1, "big": 5}
    )
    schema = json.loads(CliRunner().invoke(main, ["schema", "-f", str(project / "mkdocs.yml")]).output)
    node = schema["$defs"]["Node"]["properties"]
    assert [(c.get("const"), c.get("description")) for c in node["horizon"]["anyOf"]] == [
        ("q1", "Q1 2027"),
        ("q2", "Q2 2027"),
        (None, None),
    ]
    assert [c.get("const") for c in node["value"]["anyOf"]] == ["small", "big", None]
    validator = jsonschema.Draft202012Validator(schema)
    assert not list(validator.iter_errors({"title": "x", "horizon": "q2", "value": "big", "effort": "small", "confidence": "70%"}))
    assert list(validator.iter_errors({"title": "x", "horizon": "now"}))
    assert list(validator.iter_errors({"title": "x", "confidence": "sure"}))


def test_new_writes_the_fields_a_kind_requires(tmp_path):
    project = copy_fixture("example", tmp_path / "p")
    done = ladder(project, "new", "initiative", "try-it", "--parent", "mid-market", "--owner", "growth", "--kind", "experiment")
    assert done.returncode == 0, done.stderr
    written = (project / "strategy" / "initiatives" / "try-it.yaml").read_text()
    assert "kind: experiment\nhypothesis: |\n" in written
    assert "kind-requires" not in ladder(project, "check").stdout
    refused = ladder(project, "new", "initiative", "other", "--parent", "mid-market", "--kind", "experimnt")
    assert refused.returncode == 1
    assert "kind 'experimnt' is not a kind of work of this site (did you mean 'experiment'?)" in refused.stderr
    assert not (project / "strategy" / "initiatives" / "other.yaml").exists()


def test_export_includes_kind_and_questions(tmp_path):
    project = learning_project(tmp_path)
    out = json.loads(ladder(project, "export", "--format", "json").stdout)
    onboarding = next(n for n in out["nodes"] if n["id"] == "onboarding")
    assert onboarding["kind"] == "experiment" and onboarding["open_questions"] == 1
    assert onboarding["questions"] == [
        {"question": "Which step do new accounts abandon first?", "answer": None},
        {"question": "Do teams invite colleagues in week one?", "answer": "Most do, on day **two**."},
    ]
    assert onboarding["hypothesis"].startswith("A **guided** wizard")
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(ladder(project, "export", "--format", "csv").stdout))}
    assert (rows["onboarding"]["kind"], rows["onboarding"]["open_questions"]) == ("experiment", "1")
    assert (rows["health-score"]["kind"], rows["pricing-page"]["kind"]) == ("learning", "")


def test_the_docs_list_every_label_with_its_english_text():
    text = (Path(__file__).parents[1] / "docs" / "language.md").read_text()
    for key, english in EN.items():
        shown = (english if isinstance(english, str) else f"{english[0]} / {english[1]}").replace("|", "\\|")
        assert f"| `{key}` | {shown} |" in text, key


def test_the_health_pages_words_for_each_rule_are_its_documented_ones():
    from mkdocs_ladder.health import RULES

    for rule in RULES.values():
        assert EN[f"rule.{rule.id}"] == rule.title
        assert EN[f"rule.{rule.id}.why"] == rule.why.replace("``", "")


# --- priorities and horizons: the site's own scales ------------------------------------------------


@pytest.mark.slow  # a real build
def test_a_sites_own_horizons_and_sizes_are_checked_and_exported(tmp_path):
    project = with_options(
        copy_fixture("example", tmp_path / "p"), horizons={"q1": "Q1 2027", "q2": "Q2 2027"}, sizes={"small": 1, "big": 5}
    )
    onboarding = project / "strategy" / "initiatives" / "onboarding.yaml"
    text = onboarding.read_text()
    onboarding.write_text(text + "horizon: q3\nvalue: bigg\neffort: small\nconfidence: 60%\ntimescale: months\n")
    lines = onboarding.read_text().splitlines()
    done = ladder(project, "check")
    assert done.returncode == 1
    assert (
        f"strategy/initiatives/onboarding.yaml:{lines.index('horizon: q3') + 1}:1: error: horizon 'q3' is not a horizon of this site; "
        "the horizons: q1, q2"
    ) in done.stdout
    assert (
        f"strategy/initiatives/onboarding.yaml:{lines.index('value: bigg') + 1}:1: error: value 'bigg' is not a size of this site "
        "(did you mean 'big'?); the sizes: small, big"
    ) in done.stdout
    rules = {found["rule"] for found in json.loads(ladder(project, "check", "--format", "json").stdout)}
    assert rules == {"unknown-horizon", "unknown-size"}
    assert "effort" not in done.stdout and "confidence" not in done.stdout
    onboarding.write_text(text + "horizon: q2\nvalue: big\neffort: small\nconfidence: 60%\ntimescale: months\n")
    assert ladder(project, "check").returncode == 0
    (row,) = [r for r in json.loads(ladder(project, "export").stdout)["nodes"] if r["id"] == "onboarding"]
    assert (row["horizon"], row["value"], row["effort"], row["confidence"], row["timescale"]) == ("q2", "big", "small", 60, "months")
    new = ladder(project, "new", "initiative", "pricing-v2", "--parent", "mid-market", "--title", "Pricing, again")
    assert new.returncode == 0, new.stdout + new.stderr
    written = (project / "strategy" / "initiatives" / "pricing-v2.yaml").read_text()
    assert "# horizon: q1             # when it is for: q1, q2" in written and "the value expected: small, big" in written
