"""YAML as the editor reads it: plain scalars by YAML 1.2's core schema, in every file ladder reads.

yaml-language-server (which serves ladder's editor schema) reads YAML 1.2; PyYAML alone reads
1.1, where ``answer: Yes`` is a boolean and ``012`` is octal. ladder reads 1.2, and a number
written where text belongs is the text as written.
"""

from __future__ import annotations

import math
import re

import pytest

from mkdocs_ladder.check import check_directory
from mkdocs_ladder.config_file import OptionsFileError, read_options_file, read_site_config
from mkdocs_ladder.settings import SettingsError
from mkdocs_ladder.tree.scalars import Integer, Real, plain
from mkdocs_ladder.tree.yamlsafe import parse_yaml

from .sites import copy_fixture, run_build

# --- the rule, as a pure function -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # Booleans: true and false only, in any case.
        ("true", True),
        ("True", True),
        ("TRUE", True),
        ("tRuE", True),
        ("false", False),
        ("FALSE", False),
        # Null: null, ~ and nothing.
        ("null", None),
        ("Null", None),
        ("NULL", None),
        ("~", None),
        ("", None),
        # YAML 1.1's booleans are text.
        ("yes", "yes"),
        ("Yes", "Yes"),
        ("YES", "YES"),
        ("no", "no"),
        ("No", "No"),
        ("on", "on"),
        ("On", "On"),
        ("off", "off"),
        ("OFF", "OFF"),
        ("y", "y"),
        ("Y", "Y"),
        ("n", "n"),
        ("N", "N"),
        ("nULL", "nULL"),
        # YAML 1.1's other numbers and dates are text.
        ("1_000", "1_000"),
        ("0b1010", "0b1010"),
        ("0x_1F", "0x_1F"),
        ("1:30", "1:30"),
        ("190:20:30", "190:20:30"),
        ("2026-05-01", "2026-05-01"),
        ("2026-05-01 10:00:00", "2026-05-01 10:00:00"),
        ("1.5e", "1.5e"),
        # YAML 1.2's numbers.
        ("12", 12),
        ("-3", -3),
        ("+7", 7),
        ("012", 12),
        ("0o17", 15),
        ("0x1F", 31),
        ("0xff", 255),
        ("1.5", 1.5),
        ("-.5", -0.5),
        ("1.", 1.0),
        ("1e3", 1000.0),
        ("2.5E-1", 0.25),
        (".inf", math.inf),
        ("-.Inf", -math.inf),
    ],
)
def test_plain_scalars_follow_the_core_schema(text, value):
    got = plain(text)
    assert got == value
    assert type(got) is (
        Integer if isinstance(value, int) and not isinstance(value, bool) else Real if isinstance(value, float) else type(value)
    )


def test_nan_is_a_number_and_numbers_keep_their_text():
    nan = plain(".nan")
    assert isinstance(nan, Real) and math.isnan(nan)
    assert [str(plain(t)) for t in ("012", "0x1F", "1.50", "+7", "1e3")] == ["012", "0x1F", "1.50", "+7", "1e3"]


def test_quoted_and_block_scalars_are_always_text():
    document = parse_yaml("a: 'yes'\nb: \"012\"\nc: |\n  true\nd: yes\ne: 012\n").document
    assert document is not None
    assert document.data == {"a": "yes", "b": "012", "c": "true\n", "d": "yes", "e": 12}


# --- every text field, in a node file and in a list file --------------------------------------------

#: Forms that YAML 1.1 reads as something other than text, and numbers that a text field takes as written.
ONE_ONE_FORMS = ["yes", "No", "ON", "off", "y", "N", "Yes", "012", "1_000", "0x_1F", "0b101", "1:30", "2026-05-01", "2026", "1.50", "0x1F"]


def _node_yaml(value: str, indent: str = "") -> str:
    """One initiative with ``value`` in every field of text (the step and the question twice:
    as text alone, and in their mappings)."""
    text = f"""parent: s
title: {value}
owner: {value}
why: {value}
description: {value}
hypothesis: {value}
tags: [{value}]
steps:
  - {value}
  - title: {value}
    done: true
links:
  - title: {value}
    url: https://example.org
metrics:
  - name: {value}
    unit: {value}
questions:
  - {value}
  - question: {value}
waive:
  initiative-without-metrics: {value}
"""
    return "".join(f"{indent}{line}\n" for line in text.splitlines())


#: Where each field of text is read back from the loaded node.
READ_BACK = {
    "title": lambda n: n.title,
    "owner": lambda n: n.owner,
    "why": lambda n: n.why,
    "description": lambda n: n.description,
    "hypothesis": lambda n: n.hypothesis,
    "tags": lambda n: n.tags[0],
    "step as text": lambda n: n.steps[0].title,
    "step title": lambda n: n.steps[1].title,
    "link title": lambda n: n.links[0].title,
    "metric name": lambda n: n.metrics[0].name,
    "metric unit": lambda n: n.metrics[0].unit,
    "question as text": lambda n: n.questions[0].question,
    "question": lambda n: n.questions[1].question,
    "waiver's reason": lambda n: n.waive["initiative-without-metrics"],
}


@pytest.mark.parametrize("layout", ["node file", "list file"])
@pytest.mark.parametrize("value", ONE_ONE_FORMS)
def test_every_text_field_takes_yaml_1_1_forms_as_the_text_written(tree, value, layout):
    if layout == "node file":
        files = {"initiatives/i.yaml": _node_yaml(value)}
    else:
        files = {"initiatives/all.yaml": "- id: i\n" + _node_yaml(value, "  ") + "- id: j\n" + _node_yaml(value, "  ")}
    answer_file = {"initiatives/answer.yaml": f"title: A\nparent: s\nquestions:\n  - question: q\n    answer: {value}\n"}
    root = tree(
        {"strategies/s.yaml": "title: S\nparent: mission\n", "owners.yaml": f"board: Board\n{value}: {value}\n", **files, **answer_file}
    )
    checked = check_directory(root)
    errors = [p.text() for p in checked.problems if p.severity == "error"]
    assert errors == [], errors
    assert checked.tree is not None
    node = checked.tree.nodes["i"]
    read = {name: get(node) for name, get in READ_BACK.items()}
    assert read == dict.fromkeys(READ_BACK, value)
    assert checked.tree.nodes["answer"].questions[0].answer == value
    assert checked.tree.owners is not None and checked.tree.owners[value].name == value


def test_the_forms_of_the_issue_are_text(tree):
    root = tree({"strategies/s.yaml": "title: No\nparent: mission\nowner: on\nquestions:\n  - question: Ship it?\n    answer: Yes\n"})
    checked = check_directory(root)
    assert checked.tree is not None, [p.text() for p in checked.problems]
    node = checked.tree.nodes["s"]
    assert (node.title, node.owner, node.questions[0].answer) == ("No", "on", "Yes")


def test_numbers_follow_yaml_1_2_where_a_number_belongs(tree):
    metrics = "metrics:\n" + "".join(
        f"  - name: m{i}\n    target: {t}\n" for i, t in enumerate(["012", "0o17", "0x1F", "1e3", "1_000", ".inf"])
    )
    root = tree({"strategies/s.yaml": "title: S\nparent: mission\n" + metrics})
    checked = check_directory(root)
    assert checked.tree is not None, [p.text() for p in checked.problems]
    targets = [m.target for m in checked.tree.nodes["s"].metrics]
    assert targets == [12, 15, 31, 1000.0, "1_000", math.inf]


@pytest.mark.parametrize("written", ["true", "True", "TRUE", "false", "False"])
def test_true_and_false_in_any_case_are_booleans(tree, written):
    root = tree(
        {
            "strategies/s.yaml": "title: S\nparent: mission\n",
            "initiatives/i.yaml": f"title: I\nparent: s\nsteps:\n  - title: a\n    done: {written}\n",
        }
    )
    checked = check_directory(root)
    assert checked.tree is not None
    assert checked.tree.nodes["i"].steps[0].done is (written.lower() == "true")


@pytest.mark.parametrize(
    ("written", "hint"),
    [("yes", "write true"), ("on", "write true"), ("Y", "write true"), ("no", "write false"), ("Off", "write false"), ("n", "write false")],
)
def test_a_boolean_field_given_a_yaml_1_1_word_says_what_to_write(tree, written, hint):
    root = tree(
        {
            "strategies/s.yaml": "title: S\nparent: mission\n",
            "initiatives/i.yaml": f"title: I\nparent: s\nsteps:\n  - title: a\n    done: {written}\n",
        }
    )
    problems = [p.text() for p in check_directory(root).problems]
    assert problems == [f"strategy/initiatives/i.yaml:5:5: error: 'steps[0].done' must be true or false, not text ('{written}') ({hint})"]


@pytest.mark.parametrize("written", ["null", "~", ""])
def test_null_forms_mean_not_given(tree, written):
    root = tree({"strategies/s.yaml": f"title: S\nparent: mission\nowner: {written}\n"})
    checked = check_directory(root)
    assert checked.tree is not None and checked.tree.nodes["s"].owner is None


# --- the settings files --------------------------------------------------------------------------


def test_ladder_yml_reads_plain_scalars_as_yaml_1_2(tmp_path):
    (tmp_path / "ladder.yml").write_text("nav_title: No\nlevels:\n  strategy: On\nlabels:\n  view.health: 012\n")
    settings = read_site_config(tmp_path / "zensical.toml").settings
    assert settings.nav_title == "No"
    assert settings.levels["strategy"].name == "On"
    assert settings.labels["view.health"] == ["012"]


def test_a_boolean_option_given_yes_says_write_true(tmp_path):
    (tmp_path / "ladder.yml").write_text("enabled: yes\ncache: off\n")
    with pytest.raises(SettingsError) as raised:
        read_site_config(tmp_path / "mkdocs.yml")
    assert raised.value.problems == [
        ("enabled", "must be true or false, not text ('yes') (write true)"),
        ("cache", "must be true or false, not text ('off') (write false)"),
    ]


def test_ladder_yml_is_read_under_the_tree_files_safety_rules(tmp_path):
    options = tmp_path / "ladder.yml"
    options.write_text("nav_title: &t Plan\npath: *t\n")
    with pytest.raises(OptionsFileError, match=r"ladder\.yml:1:12: YAML anchors \(&t\) are not allowed"):
        read_options_file(options)
    options.write_text("# nothing here yet\n")
    assert read_options_file(options) == {}


def test_mkdocs_yml_plugin_options_read_as_yaml_1_2_and_tags_stay_disarmed(tmp_path):
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: !ENV [SITE, x]\nmarkdown_extensions:\n  - pymdownx.emoji:\n      emoji_index: !!python/name:os.system\n"
        "plugins:\n  - ladder:\n      nav_title: Off\n      levels: {initiative: y}\n"
    )
    settings = read_site_config(tmp_path / "mkdocs.yml").settings
    assert settings.nav_title == "Off"
    assert settings.levels["initiative"].name == "y"


def test_the_mkdocs_plugin_reads_its_options_as_yaml_1_2(tmp_path):
    project = copy_fixture("example", tmp_path / "p")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("  - ladder\n", "  - ladder:\n      nav_title: No\n      levels:\n        strategy: On\n"))
    built = run_build(project, strict=True)
    assert built.ok, built.log
    overview = (built.site / "strategy" / "index.html").read_text(encoding="utf-8")
    assert re.search(r"<h1[^>]*>No</h1>", overview), "the overview's title is the text No"
    retention = (built.site / "strategy" / "retention" / "index.html").read_text(encoding="utf-8")
    assert re.search(r">On<", retention), "the strategy level is named On"
