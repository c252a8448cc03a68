"""`ladder check`: every rule of the format, with the exact file, line, column and wording."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from mkdocs_ladder.adapters.cli import main
from mkdocs_ladder.check import check_directory
from mkdocs_ladder.tree.model import Level, Status

from .sites import cli

STRATEGY = """
title: Win the mid-market
parent: mission
owner: growth
status: proposed
"""


def run(*args: str) -> tuple[int, list[str]]:
    result = CliRunner().invoke(main, ["check", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output.splitlines()


def errors_of(root: Path) -> list[str]:
    """The problem lines of ``ladder check`` on ``root``, which must fail."""
    code, lines = run(str(root))
    assert code == 1, lines
    assert lines[-1].endswith(f"in {root}") and "error" in lines[-1]
    return lines[:-1]


def only_error(root: Path) -> str:
    lines = errors_of(root)
    assert len(lines) == 1, lines
    return lines[0]


# --- a valid tree -------------------------------------------------------------------------------

FULL_INITIATIVE = """
title: Self-serve onboarding
parent: mid-market
supports: [retention]
why: |
  Mid-market customers churn in the **first week**.
description: A wizard that takes a new account from sign-up to first value.
owner: growth-team
status: active
tags: [onboarding, q3]
links:
  - title: Design doc
    url: https://example.com/design
  - title: Runbook
    url: ../runbook.md
  - title: Team
    url: mailto:growth@example.com
steps:
  - Sketch the wizard
  - title: Ship the first screen
    done: true
metrics:
  - name: Activation rate
    target: 40
    current: 31.5
    unit: "%"
  - name: Time to first value
    target: 1 day
due: 2026-12-31
"""


def test_valid_tree_with_every_field(tree):
    root = tree(
        {
            "strategies/mid-market.yaml": STRATEGY,
            "strategies/more.yml": """
                - id: retention
                  title: Keep the customers we win
                  parent: mission
                  owner: success
                  status: proposed
            """,
            "initiatives/onboarding.yaml": FULL_INITIATIVE,
        }
    )
    code, lines = run(str(root))
    assert code == 0, lines
    assert lines == [f"{root}: ok: 1 mission, 2 strategies, 1 initiative"]

    result = check_directory(root)
    assert result.ok and result.problems == []
    node = result.tree.nodes["onboarding"]
    assert node.title == "Self-serve onboarding"
    assert node.supports == ["retention"]
    assert node.status is Status.ACTIVE
    assert [s.title for s in node.steps] == ["Sketch the wizard", "Ship the first screen"]
    assert [s.done for s in node.steps] == [False, True]
    assert node.steps_done == 1
    assert node.metrics[0].target == 40 and node.metrics[0].current == 31.5
    assert node.metrics[1].target == "1 day"
    assert str(node.due) == "2026-12-31"
    assert [link.url for link in node.links] == ["https://example.com/design", "../runbook.md", "mailto:growth@example.com"]
    assert result.tree.levels["retention"] is Level.STRATEGY
    assert result.tree.nodes["retention"].status is Status.PROPOSED
    assert [n.id for n in result.tree.ladder("onboarding")] == ["mission", "mid-market", "onboarding"]
    assert [n.id for n in result.tree.children("mid-market")] == ["onboarding"]
    assert [n.id for n in result.tree.supporters("retention")] == ["onboarding"]


def test_status_defaults_to_active_and_id_to_file_stem(tree):
    root = tree({"strategies/mid-market.yaml": STRATEGY})
    result = check_directory(root)
    assert result.tree.nodes["mid-market"].status is Status.PROPOSED
    assert result.tree.nodes["mid-market"].owner == "growth"
    assert result.tree.mission.id == "mission"
    root = tree({"strategies/plain.yaml": "title: P\nparent: mission\n"})
    assert check_directory(root).tree.nodes["plain"].status is Status.ACTIVE


# --- YAML and file rules ------------------------------------------------------------------------


def test_yaml_syntax_error_has_parser_line_and_column(tree):
    root = tree({"strategies/a.yaml": "title: A\nparent: mission\nowner: [unclosed\n"})
    line = only_error(root)
    assert line.startswith("strategy/strategies/a.yaml:4:1: error: YAML syntax error:")


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("title: A\nparent: mission\nsteps:\n\t- x\n", "4:1"),  # was: "found character that cannot start any token"
        ("\ttitle: A\nparent: mission\n", "1:1"),
        ("title: A\nparent: mission\nwhy: |\n  a\n\tb\n", "5:1"),
        ("title: A\nparent: mission\nowner: a\n  \tx: 1\n", "4:3"),
    ],
)
def test_a_tab_is_named_at_its_line_and_column(tree, text, where):
    root = tree({"strategies/a.yaml": text})
    assert (
        only_error(root)
        == f"strategy/strategies/a.yaml:{where}: error: a tab: YAML indents with spaces only, so replace the tab with spaces"
    )


def test_a_file_with_a_syntax_error_adds_no_error_for_the_nodes_under_it(tree):
    """Its initiatives said "parent 's' names no node" besides the syntax error itself."""
    files = {
        "strategies/s.yaml": "title: S\nparent: mission\nwhy: [unclosed\n",
        "initiatives/i.yaml": "title: I\nparent: s\n",
        "initiatives/j.yaml": "title: J\nparent: t\n",  # a parent that no file could hold: still an error
    }
    errors = [p.text() for p in check_directory(tree(files)).problems if p.severity == "error"]
    assert errors == [
        "strategy/initiatives/j.yaml:2:1: error: parent 't' names no node",
        "strategy/strategies/s.yaml:4:1: error: YAML syntax error: did not find expected ',' or ']' (while parsing a flow sequence)",
    ]


def test_an_empty_folder_points_to_ladder_init(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, out = cli("check")
    assert (code, out) == (2, "ladder: strategy: no such directory (`ladder init` starts a strategy tree here)\n")


def test_file_that_is_not_utf8(tree):
    root = tree({"strategies/a.yaml": b"title: A\nparent: mission\nowner: Jos\xe9\n"})
    assert only_error(root) == "strategy/strategies/a.yaml:3:11: error: file is not valid UTF-8 (byte 0xe9); save it as UTF-8"


def test_utf16_file_is_named_as_such(tree):
    root = tree({"strategies/a.yaml": "title: A\nparent: mission\n".encode("utf-16")})
    assert only_error(root) == (
        "strategy/strategies/a.yaml:1:1: error: file is UTF-16 (it starts with a UTF-16 byte-order mark); save it as UTF-8"
    )


def test_utf8_byte_order_mark_is_accepted(tree):
    root = tree({"strategies/a.yaml": "\ufefftitle: Ä\nparent: mission\n".encode()})
    assert run(str(root))[0] == 0


def test_file_over_one_mebibyte(tree):
    root = tree({"strategies/a.yaml": "title: A\nparent: mission\ndescription: " + "x" * (1024 * 1024) + "\n"})
    assert only_error(root) == "strategy/strategies/a.yaml:1:1: error: file is larger than 1024 KiB; split it into smaller files"


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        ("title: &t A\nparent: mission\n", "1:8", "YAML anchors (&t) are not allowed: write the value out"),
        ("title: A\nparent: mission\nwhy: &w x\ndescription: *w\n", "3:6", "YAML anchors (&w) are not allowed"),
        ("title: A\nparent: mission\ndescription: *w\n", "3:14", "YAML aliases (*w) are not allowed: write the value out"),
    ],
)
def test_anchors_and_aliases_are_rejected(tree, text, where, message):
    root = tree({"strategies/a.yaml": text})
    assert only_error(root).startswith(f"strategy/strategies/a.yaml:{where}: error: {message}")


def test_alias_bomb_is_refused_before_it_expands(tree):
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(9)
    )
    root = tree({"strategies/a.yaml": bomb})
    assert only_error(root).startswith("strategy/strategies/a.yaml:1:4: error: YAML anchors (&a) are not allowed")


def test_explicit_tags_are_rejected(tree):
    root = tree({"strategies/a.yaml": "title: A\nparent: mission\nwhy: !!python/object/apply:os.system ['true']\n"})
    assert only_error(root) == (
        "strategy/strategies/a.yaml:3:6: error: YAML tags (!!python/object/apply:os.system) are not allowed: "
        "values are plain text, numbers, dates and lists"
    )


def test_duplicate_key_points_at_the_second_key(tree):
    root = tree({"strategies/a.yaml": "title: A\nparent: mission\nowner: x\ntitle: B\n"})
    assert only_error(root) == "strategy/strategies/a.yaml:4:1: error: duplicate key 'title' (first at line 1); the first value is kept"


def test_duplicate_key_in_nested_mapping(tree):
    root = tree(
        {
            "initiatives/i.yaml": "title: I\nparent: s\nsteps:\n  - title: a\n    done: true\n    done: false\n",
            "strategies/s.yaml": STRATEGY,
        }
    )
    assert only_error(root) == "strategy/initiatives/i.yaml:6:5: error: duplicate key 'done' (first at line 5); the first value is kept"


def test_empty_file_and_several_documents(tree):
    root = tree({"strategies/a.yaml": "", "strategies/b.yaml": "title: B\nparent: mission\n---\ntitle: C\n"})
    assert errors_of(root) == [
        "strategy/strategies/a.yaml:1:1: error: file is empty: it must hold a node (a mapping) or a list of nodes",
        "strategy/strategies/b.yaml:3:1: error: file holds more than one YAML document ('---'); keep one per file",
    ]


def test_file_holding_a_scalar(tree):
    root = tree({"strategies/a.yaml": "just text\n"})
    assert only_error(root) == (
        "strategy/strategies/a.yaml:1:1: error: file must hold a mapping (one node) or a list of mappings, not text ('just text')"
    )


def test_mission_must_be_one_mapping(tree):
    root = tree(mission="- title: M\n")
    assert only_error(root) == "strategy/mission.yaml:1:1: error: file must hold one mapping (the mission), not a list"


# --- field rules ----------------------------------------------------------------------------------


def test_unknown_field_with_did_you_mean(tree):
    root = tree({"strategies/a.yaml": "title: A\nparent: mission\nowener: growth\n"})
    assert only_error(root) == "strategy/strategies/a.yaml:3:1: error: unknown field 'owener' (did you mean 'owner'?)"


def test_unknown_field_in_a_link_suggests_link_fields(tree):
    root = tree({"strategies/a.yaml": "title: A\nparent: mission\nlinks:\n  - title: x\n    ulr: https://x\n"})
    lines = errors_of(root)
    assert "strategy/strategies/a.yaml:5:5: error: unknown field 'ulr' (did you mean 'url'?)" in lines
    assert "strategy/strategies/a.yaml:4:5: error: missing required field 'url' in links[0]" in lines


def test_unknown_field_without_close_match(tree):
    root = tree({"strategies/a.yaml": "title: A\nparent: mission\nbudget: 3\n"})
    assert only_error(root) == "strategy/strategies/a.yaml:3:1: error: unknown field 'budget'"


def test_wrong_type_names_field_and_expected_type(tree):
    root = tree({"strategies/s.yaml": STRATEGY, "initiatives/i.yaml": "title: I\nparent: s\nsteps: write the linter\n"})
    assert only_error(root) == "strategy/initiatives/i.yaml:3:1: error: 'steps' must be a list of steps, not text ('write the linter')"


@pytest.mark.parametrize(
    ("extra", "where", "message"),
    [
        ("tags: urgent", "3:1", "'tags' must be a list, not text ('urgent')"),
        ("owner: [a, b]", "3:1", "'owner' must be text, not a list"),
        ("owner: true", "3:1", "'owner' must be text, not true/false (true) (quote it)"),
        ("links: [https://x]", "3:9", "'links[0]' must be a mapping with 'title' and 'url', not text ('https://x')"),
        ("metrics:\n  - name: m\n    target: [1]", "5:5", "'metrics[0].target' must be a number or a short text"),
        ("steps:\n  - title: s\n    done: yes please", "5:5", "'steps[0].done' must be true or false, not text ('yes please')"),
        ("steps:\n  - [5]", "4:5", "'steps[0]' must be text or a mapping with 'title' and 'done', not a list"),
        ("steps:\n  - title: s\n    done: yes", "5:5", "'steps[0].done' must be true or false, not text ('yes') (write true)"),
        ("steps:\n  - title: s\n    done: off", "5:5", "'steps[0].done' must be true or false, not text ('off') (write false)"),
        # priorities and horizons
        ("horizon: soon", "3:1", "horizon 'soon' is not a horizon of this site; the horizons: now, next, later"),
        ("horizon: nxt", "3:1", "horizon 'nxt' is not a horizon of this site (did you mean 'next'?); the horizons: now, next, later"),
        (
            "horizon: Now",
            "3:1",
            "horizon 'Now' is not a horizon of this site (did you mean 'now'?); the horizons: now, next, later",
        ),
        ("value: XXL", "3:1", "value 'XXL' is not a size of this site (did you mean 'XL'?); the sizes: S, M, L, XL"),
        ("effort: m", "3:1", "effort 'm' is not a size of this site (did you mean 'M'?); the sizes: S, M, L, XL"),
        ("effort: huge effort", "3:1", "'effort' must be a size of the site's scale, such as S, M, L or XL, not 'huge effort'"),
        ("value: [S]", "3:1", "'value' must be text, not a list"),
        (
            "confidence: sure",
            "3:1",
            "'confidence' must be low, medium or high, or a percentage from 0 to 100 (70 or '70%'), not text ('sure')",
        ),
        (
            "confidence: 140",
            "3:1",
            "'confidence' must be low, medium or high, or a percentage from 0 to 100 (70 or '70%'), not a number (140)",
        ),
        (
            "confidence: 0.7",
            "3:1",
            "'confidence' must be low, medium or high, or a percentage from 0 to 100 (70 or '70%'), not a number (0.7)",
        ),
        ("timescale: fortnights", "3:1", "timescale 'fortnights' is not one of: days, weeks, months, quarters, years"),
        ("timescale: month", "3:1", "timescale 'month' is not one of: days, weeks, months, quarters, years (did you mean 'months'?)"),
    ],
)
def test_wrong_types(tree, extra, where, message):
    root = tree({"strategies/a.yaml": f"title: A\nparent: mission\n{extra}\n"})
    assert only_error(root) == f"strategy/strategies/a.yaml:{where}: error: {message}"


@pytest.mark.parametrize(
    "extra", ["horizon: later", "value: XL\neffort: S", "confidence: high", "confidence: 70", "confidence: '70%'", "timescale: quarters"]
)
def test_the_fields_of_priority_and_horizon_accept_what_the_docs_say(tree, extra):
    root = tree({"strategies/a.yaml": f"title: A\nparent: mission\nstatus: proposed\nowner: x\n{extra}\n"})
    code, lines = run(str(root))
    assert (code, lines[:-1]) == (0, []), lines


def test_missing_title_points_at_the_node_start(tree):
    root = tree({"strategies/a.yaml": "# a comment\n\nparent: mission\nowner: x\n"})
    assert only_error(root) == "strategy/strategies/a.yaml:3:1: error: missing required field 'title'"


def test_empty_or_multiline_title(tree):
    root = tree({"strategies/a.yaml": "title: ''\nparent: mission\n", "strategies/b.yaml": "title: |\n  one\n  two\nparent: mission\n"})
    assert errors_of(root) == [
        "strategy/strategies/a.yaml:1:1: error: 'title' must not be empty",
        "strategy/strategies/b.yaml:1:1: error: 'title' must be one line",
    ]


def test_missing_parent_points_at_the_node_start(tree):
    root = tree({"strategies/list.yaml": "- id: a\n  title: A\n  parent: mission\n- id: b\n  title: B\n"})
    assert only_error(root) == (
        "strategy/strategies/list.yaml:4:3: error: missing required field 'parent': the id of the mission this strategy serves"
    )


def test_missing_id_in_a_list_file(tree):
    root = tree({"strategies/list.yaml": "- title: A\n  parent: mission\n"})
    assert (
        only_error(root) == "strategy/strategies/list.yaml:1:3: error: missing required field 'id' (each node of a list needs its own id)"
    )


def test_list_item_that_is_not_a_mapping(tree):
    root = tree({"strategies/list.yaml": "- id: a\n  title: A\n  parent: mission\n- just text\n"})
    assert (
        only_error(root)
        == "strategy/strategies/list.yaml:4:3: error: item 2 of the list must be a mapping (a node), not text ('just text')"
    )


@pytest.mark.parametrize("bad", ["../../x", "Growth", "-lead", "a b", "x" * 65, "é"])
def test_id_that_is_not_a_slug(tree, bad):
    root = tree({"strategies/list.yaml": f"- id: '{bad}'\n  title: A\n  parent: mission\n"})
    line = only_error(root)
    assert line.startswith("strategy/strategies/list.yaml:1:3: error: 'id' must be a slug, not '")
    assert "lowercase letters, digits, '-' and '_'" in line


def test_file_name_that_is_not_a_slug(tree):
    root = tree({"strategies/Big Bet.yaml": "title: A\nparent: mission\n"})
    assert only_error(root).startswith(
        "strategy/strategies/Big Bet.yaml:1:1: error: file name 'Big Bet' is not a valid id: rename the file or set 'id'"
    )


def test_slug_of_64_characters_is_fine(tree):
    root = tree({"strategies/list.yaml": f"- id: {'x' * 64}\n  title: A\n  parent: mission\n"})
    assert run(str(root))[0] == 0


def test_bad_status_names_value_and_allowed_ones(tree):
    root = tree({"strategies/a.yaml": "title: A\nparent: mission\nstatus: doing\n"})
    assert only_error(root) == (
        "strategy/strategies/a.yaml:3:1: error: status 'doing' is not one of: proposed, active, paused, done, dropped (did you mean 'done'?)"
    )


@pytest.mark.parametrize(
    ("url", "scheme"),
    [
        ("javascript:alert(1)", "javascript"),
        ("data:text/html,x", "data"),
        ("vbscript:x", "vbscript"),
        ("JaVaScRiPt:alert(1)", "javascript"),
        (" java\\tscript:alert(1)", "javascript"),
        ("file:///etc/passwd", "file"),
    ],
)
def test_link_with_another_scheme(tree, url, scheme):
    root = tree({"strategies/a.yaml": f'title: A\nparent: mission\nlinks:\n  - title: x\n    url: "{url}"\n'})
    assert only_error(root) == (
        f"strategy/strategies/a.yaml:5:5: error: 'links[0].url' uses the scheme '{scheme}:', which is not allowed: "
        "use http:, https:, mailto: or a relative path"
    )


def test_protocol_relative_link_is_refused(tree):
    root = tree({"strategies/a.yaml": "title: A\nparent: mission\nlinks:\n  - title: x\n    url: //evil.example/x\n"})
    assert only_error(root).endswith("'links[0].url' starts with '//', which points at another host: write it with https:")


@pytest.mark.parametrize(
    ("due", "message"),
    [
        ("2026-13-45", "'due' is not a real date ('2026-13-45'); write it as YYYY-MM-DD"),
        ("'2026-02-30'", "'due' is not a real date ('2026-02-30'); write it as YYYY-MM-DD"),
        ("31/12/2026", "'due' is not a date ('31/12/2026'); write it as YYYY-MM-DD"),
        ("20261231", "'due' is not a date ('20261231'); write it as YYYY-MM-DD"),
        ("2026-12-31 10:00:00", "'due' has a time ('2026-12-31 10:00:00'); write a date as YYYY-MM-DD"),
        ("2026-12-31 10:00", "'due' has a time ('2026-12-31 10:00'); write a date as YYYY-MM-DD"),
        ("2026-12-31T10:00:00Z", "'due' has a time ('2026-12-31T10:00:00Z'); write a date as YYYY-MM-DD"),
    ],
)
def test_malformed_due_date(tree, due, message):
    root = tree({"strategies/a.yaml": f"title: A\nparent: mission\ndue: {due}\n"})
    assert only_error(root) == f"strategy/strategies/a.yaml:3:1: error: {message}"


def test_quoted_iso_date_is_accepted(tree):
    root = tree({"strategies/a.yaml": "title: A\nparent: mission\ndue: '2026-12-31'\n"})
    assert str(check_directory(root).tree.nodes["a"].due) == "2026-12-31"


# --- tree rules -----------------------------------------------------------------------------------


def test_duplicate_id_points_at_the_later_definition(tree):
    root = tree({"strategies/a.yaml": "title: A\nparent: mission\n", "strategies/b.yaml": "id: a\ntitle: B\nparent: mission\n"})
    assert only_error(root) == "strategy/strategies/b.yaml:1:1: error: duplicate id 'a': first defined at strategy/strategies/a.yaml:1:1"


def test_duplicate_id_across_levels_follows_sorted_path_order(tree):
    root = tree({"strategies/x.yaml": "title: A\nparent: mission\n", "initiatives/x.yaml": "title: B\nparent: x\n"})
    assert errors_of(root) == [
        "strategy/initiatives/x.yaml:2:1: error: parent 'x' is an initiative; an initiative's parent must be a strategy",
        "strategy/strategies/x.yaml:1:1: error: duplicate id 'x': first defined at strategy/initiatives/x.yaml:1:1",
    ]


def test_unknown_parent_with_did_you_mean_of_the_right_level(tree):
    root = tree(
        {
            "strategies/growth.yaml": "title: G\nparent: mission\n",
            "initiatives/growt.yaml": "title: an initiative named like the strategy\nparent: growth\n",
            "initiatives/i.yaml": "title: I\nparent: grwoth\n",
        }
    )
    assert only_error(root) == "strategy/initiatives/i.yaml:2:1: error: parent 'grwoth' names no node (did you mean 'growth'?)"


def test_unknown_supports_entry(tree):
    root = tree(
        {
            "strategies/growth.yaml": "title: G\nparent: mission\n",
            "initiatives/i.yaml": "title: I\nparent: growth\nsupports:\n  - growth\n  - retenton\n",
        }
    )
    lines = errors_of(root)
    assert lines == [
        "strategy/initiatives/i.yaml:4:5: error: 'growth' is named twice among parent and supports",
        "strategy/initiatives/i.yaml:5:5: error: supports 'retenton' names no node",
    ]


def test_parent_at_the_wrong_level(tree):
    root = tree(
        {
            "strategies/s.yaml": STRATEGY,
            "initiatives/i.yaml": "title: I\nparent: mission\n",
            "initiatives/j.yaml": "title: J\nparent: s\n",
            "strategies/t.yaml": "title: T\nparent: mission\nsupports: [j]\n",
        }
    )
    assert errors_of(root) == [
        "strategy/initiatives/i.yaml:2:1: error: parent 'mission' is the mission; an initiative's parent must be a strategy",
        "strategy/strategies/t.yaml:3:12: error: supports 'j' is an initiative; a strategy's supports must be the mission",
    ]


def test_mission_has_no_parent_and_a_fixed_id(tree):
    root = tree(mission="id: vision\ntitle: M\n")
    assert only_error(root) == "strategy/mission.yaml:1:1: error: the mission's id is always 'mission', not 'vision'"
    root = tree(mission="title: M\nparent: x\n")
    assert only_error(root) == "strategy/mission.yaml:2:1: error: the mission has no 'parent': it is the top of the ladder"


def test_every_problem_in_one_run_sorted_by_file_and_line(tree):
    root = tree(
        {
            "strategies/a.yaml": "title: A\nparent: mission\nowener: x\nstatus: doing\n",
            "initiatives/i.yaml": "title: I\nparent: mission\nsupports: [nope]\nsteps: do it\n",
        }
    )
    assert errors_of(root) == [
        "strategy/initiatives/i.yaml:2:1: error: parent 'mission' is the mission; an initiative's parent must be a strategy",
        "strategy/initiatives/i.yaml:3:12: error: supports 'nope' names no node",
        "strategy/initiatives/i.yaml:4:1: error: 'steps' must be a list of steps, not text ('do it')",
        "strategy/strategies/a.yaml:3:1: error: unknown field 'owener' (did you mean 'owner'?)",
        "strategy/strategies/a.yaml:4:1: error: status 'doing' is not one of: proposed, active, paused, done, dropped (did you mean 'done'?)",
    ]


def test_unknown_files_are_warned_about_not_read(tree):
    root = tree({"strategies/a.yaml": STRATEGY, "initiative/x.yaml": "title: X\n", "notes.yaml": "a: 1\n"})
    code, lines = run(str(root))
    assert code == 0
    assert lines[0].startswith("strategy/initiative:1:1: warning: not read: a strategy directory holds mission.yaml")
    assert lines[1].startswith("strategy/notes.yaml:1:1: warning: not read:")
    assert lines[2] == f"{root}: ok: 1 mission, 1 strategy, 0 initiatives (2 warnings)"


def test_paths_are_relative_to_the_working_directory(tree, tmp_path, monkeypatch):
    root = tree({"strategies/a.yaml": "title: A\nparent: mission\nowener: x\n"})
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path / "sub")
    assert only_error(root) == "../strategy/strategies/a.yaml:3:1: error: unknown field 'owener' (did you mean 'owner'?)"


# --- the command ----------------------------------------------------------------------------------


def test_usage_errors_exit_2(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check", "nowhere"])
    assert result.exit_code == 2 and "nowhere: no such directory" in result.output
    (tmp_path / "empty").mkdir()
    result = CliRunner().invoke(main, ["check", "empty"])
    assert result.exit_code == 2 and "no mission.yaml here" in result.output


def test_default_directory_comes_from_mkdocs_yml(tree, tmp_path):
    tree(mission="title: Not this one\nowener: x\n")
    (tmp_path / "plans" / "strategies").mkdir(parents=True)
    (tmp_path / "plans" / "mission.yaml").write_text("title: M\nowner: board\n")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: x\nmarkdown_extensions:\n  - pymdownx.emoji:\n      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
        "plugins:\n  - search\n  - ladder:\n      strategy_dir: plans\n"
    )
    code, lines = run()
    assert code == 0 and lines == ["plans: ok: 1 mission, 0 strategies, 0 initiatives"]


def test_default_directory_without_mkdocs_yml_is_strategy(tree):
    tree()
    assert run() == (0, ["strategy: ok: 1 mission, 0 strategies, 0 initiatives"])


def test_installed_console_script(tree):
    """The real entry point, as CI runs it: no traceback, and the documented exit codes."""
    root = tree({"strategies/a.yaml": "title: A\nparent: mission\nowener: x\n"})
    ladder = Path(sys.executable).parent / "ladder"
    proc = subprocess.run([str(ladder), "check", str(root)], capture_output=True, text=True)
    assert proc.returncode == 1
    assert proc.stdout.startswith("strategy/strategies/a.yaml:3:1: error: unknown field 'owener'")
    assert "Traceback" not in proc.stdout + proc.stderr


def test_this_repository_tree_is_valid():
    repo = Path(__file__).resolve().parents[1]
    result = check_directory(repo / "strategy")
    assert result.ok, [p.text() for p in result.problems]
    assert result.tree.counts()[Level.INITIATIVE] >= 3


def test_horizons_as_people_name_them(tree):
    """A list of horizons, ids written as quarters are written, and a typo with a did-you-mean
    that names the horizon (before: 'must be a mapping', 'a kind's id must be a slug', 'must be a slug')."""
    root = tree(
        {
            "strategies/a.yaml": "title: A\nparent: mission\nhorizon: 2027-Q1\n",
            "strategies/b.yaml": "title: B\nparent: mission\nhorizon: 2027Q2\n",
        }
    )
    (root.parent / "mkdocs.yml").write_text("site_name: x\nplugins:\n  - ladder:\n      horizons: [2027-Q1, 2027-Q2, H2-2027]\n")
    code, out = cli("check", "--no-history")
    assert code == 1
    assert out.splitlines()[0] == (
        "strategy/strategies/b.yaml:3:1: error: horizon '2027Q2' is not a horizon of this site (did you mean '2027-Q2'?); "
        "the horizons: 2027-Q1, 2027-Q2, H2-2027"
    )
    assert "a.yaml" not in out
    (root.parent / "mkdocs.yml").write_text(
        "site_name: x\nplugins:\n  - ladder:\n      horizons: {2027-Q1: First quarter, 'q 2': Second}\n"
    )
    code, out = cli("check", "--no-history")
    assert code == 2
    assert "a horizon's id must be short: letters, digits, '-', '_', '.' or '+' (such as 2027-Q1), not 'q 2'" in out


@pytest.mark.parametrize(
    ("parent", "message"),
    [
        (
            "parent: Bad Parent!",
            (
                "2:1: error: 'parent' must be a slug, not 'Bad Parent!': lowercase letters, digits, '-' and '_', "
                "starting with a letter or digit, at most 64 characters"
            ),
        ),
        ("parent: [a]", "2:1: error: 'parent' must be text, not a list"),
        ("parent:", "1:1: error: missing required field 'parent': the id of the mission this strategy serves"),
        ("owner: x", "1:1: error: missing required field 'parent': the id of the mission this strategy serves"),
    ],
)
def test_a_wrong_parent_is_one_error(tree, parent, message):
    """An invalid parent also gave "missing required field 'parent'": one problem, two errors."""
    root = tree({"strategies/s.yaml": f"title: S\n{parent}\n"})
    errors = [p.text() for p in check_directory(root).problems if p.severity == "error"]
    assert errors == [f"strategy/strategies/s.yaml:{message}"]
