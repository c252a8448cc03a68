"""Health rules: each fires, stays quiet on a healthy node, and can be switched off or to error."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from mkdocs_ladder import wiring
from mkdocs_ladder.adapters.cli import main
from mkdocs_ladder.check import check_directory
from mkdocs_ladder.health import RULES, HealthSettings
from mkdocs_ladder.settings import Settings

HEALTHY_STRATEGY = "title: Win the mid-market\nparent: mission\nowner: growth\n"
HEALTHY_INITIATIVE = """\
title: Self-serve onboarding
parent: s
owner: growth
why: New accounts churn in their first week.
steps:
  - title: Sketch the wizard
    done: true
  - Ship it
metrics:
  - name: Activation rate
    target: 40
due: 2026-12-31
"""


SIBLING = "title: Sibling\nparent: s\nowner: growth\nwhy: w\nsteps:\n  - title: a\n    done: true\nmetrics: [{name: m}]\n"


def healthy(tree, **overrides: str):
    files = {"strategies/s.yaml": HEALTHY_STRATEGY, "initiatives/i.yaml": HEALTHY_INITIATIVE}
    files.update(overrides)
    return tree(files)


def health(levels: dict[str, str] | None = None, max_open_steps: int = 7) -> HealthSettings:
    return wiring.health_settings(Settings(health=levels or {}, max_open_steps=max_open_steps))


def findings(root, **levels: str) -> list[str]:
    settings = health(levels={k.replace("_", "-"): v for k, v in levels.items()})
    return [p.text() for p in check_directory(root, settings).problems]


def test_a_healthy_tree_has_no_findings(tree):
    assert findings(healthy(tree)) == []


CASES = {
    "strategy-without-work": (
        {"initiatives/i.yaml": HEALTHY_INITIATIVE.replace("title: Self", "status: paused\ntitle: Self")},
        "strategy/strategies/s.yaml:1:1: warning: active strategy has no active initiative: a vision with no work [strategy-without-work]",
    ),
    "initiative-without-why": (
        {"initiatives/i.yaml": HEALTHY_INITIATIVE.replace("why: New accounts churn in their first week.\n", "")},
        "strategy/initiatives/i.yaml:1:1: warning: active initiative has no 'why': say how it serves 's' [initiative-without-why]",
    ),
    "initiative-without-steps": (
        {"initiatives/i.yaml": HEALTHY_INITIATIVE.split("steps:")[0] + "metrics:" + HEALTHY_INITIATIVE.split("metrics:")[1]},
        "strategy/initiatives/i.yaml:1:1: warning: active initiative has no steps: break it into small, shippable steps [initiative-without-steps]",
    ),
    "initiative-too-big": (
        {"initiatives/i.yaml": HEALTHY_INITIATIVE.replace("  - Ship it\n", "".join(f"  - step {n}\n" for n in range(8)))},
        "strategy/initiatives/i.yaml:5:1: warning: active initiative has 8 open steps (limit 7): working too big; split it [initiative-too-big]",
    ),
    "initiative-without-metrics": (
        {"initiatives/i.yaml": HEALTHY_INITIATIVE.split("metrics:")[0] + "due: 2026-12-31\n"},
        "strategy/initiatives/i.yaml:1:1: warning: active initiative has no metrics: how will you know it worked? [initiative-without-metrics]",
    ),
    "initiative-overdue": (
        {"initiatives/i.yaml": HEALTHY_INITIATIVE.replace("due: 2026-12-31", "due: 2026-05-01")},
        "strategy/initiatives/i.yaml:12:1: warning: active initiative was due 2026-05-01 (31 days ago) [initiative-overdue]",
    ),
    "active-under-inactive": (
        {"strategies/s.yaml": HEALTHY_STRATEGY + "status: paused\n"},
        "strategy/initiatives/i.yaml:2:1: warning: active initiative under paused strategy 's' [active-under-inactive]",
    ),
    "missing-owner": (
        {"strategies/s.yaml": HEALTHY_STRATEGY.replace("owner: growth\n", "")},
        "strategy/strategies/s.yaml:1:1: warning: strategy has no owner [missing-owner]",
    ),
    "unknown-owner": (
        {
            "owners.yaml": "growth: Growth team\nboard: {name: The board, url: 'mailto:board@example.com'}\n",
            "strategies/s.yaml": HEALTHY_STRATEGY.replace("owner: growth", "owner: grwoth"),
        },
        "strategy/strategies/s.yaml:3:1: error: owner 'grwoth' is not in owners.yaml (did you mean 'growth'?) [unknown-owner]",
    ),
    "kind-requires": (
        {"initiatives/i.yaml": HEALTHY_INITIATIVE + "kind: experiment\n"},
        "strategy/initiatives/i.yaml:13:1: warning: kind 'experiment' requires 'hypothesis', and this initiative has none [kind-requires]",
    ),
    "unfinished": (
        {"initiatives/i.yaml": HEALTHY_INITIATIVE.replace("  - Ship it\n", '  - "TODO: the first small, shippable step"\n')},
        "strategy/initiatives/i.yaml:5:1: warning: 'steps' still starts with TODO: write what `ladder new` left for you [unfinished]",
    ),
    "over-planning": (
        {"initiatives/i.yaml": HEALTHY_INITIATIVE + "horizon: later\n"},
        "strategy/initiatives/i.yaml:12:1: warning: 'later' work already has a due date (2026-12-31): detail planned before its time [over-planning]",
    ),
    "too-much-now": (
        {
            "initiatives/i.yaml": HEALTHY_INITIATIVE + "horizon: now\n",
            "initiatives/more.yaml": "".join(
                f"- id: n{k}\n  title: N{k}\n  parent: s\n  owner: growth\n  why: w\n  horizon: now\n  steps: [a]\n  metrics: [{{name: m}}]\n"
                for k in range(3)
            ),
        },
        "strategy/initiatives/i.yaml:13:1: warning: 'growth' has 4 active 'now' initiatives (more than 3): too much in parallel [too-much-now]",
    ),
    "low-value-load": (
        {"initiatives/i.yaml": HEALTHY_INITIATIVE + "value: S\n", "initiatives/j.yaml": SIBLING + "value: XL\n"},
        "strategy/strategies/s.yaml:1:1: warning: the lower half of its initiatives by value holds 1 of 1 open steps: effort goes where the value is not [low-value-load]",
    ),
    "big-without-steps": (
        {"initiatives/i.yaml": HEALTHY_INITIATIVE + "effort: L\n"},
        "strategy/initiatives/i.yaml:13:1: warning: effort L with 2 steps (fewer than 3): a big effort with no small steps [big-without-steps]",
    ),
    "unsized-now": (
        {"initiatives/i.yaml": HEALTHY_INITIATIVE + "horizon: now\n", "initiatives/j.yaml": SIBLING + "value: M\n"},
        "strategy/initiatives/i.yaml:13:1: warning: 'now' work has no value or effort: size it, as the rest of the tree is [unsized-now]",
    ),
    "no-outcome": (
        {"metrics.yaml": "active-teams: {title: Active teams, source: {file: data/teams.csv}}\n"},
        "strategy/strategies/s.yaml:1:1: warning: this active strategy names no metric of the catalogue: say which outcome it is judged by (metrics: [{metric: <id>, target: <value>, by: <date>}]) [no-outcome]",
    ),
    "skipped-rung": (
        {"strategies/s.yaml": HEALTHY_STRATEGY + "timescale: years\n", "initiatives/i.yaml": HEALTHY_INITIATIVE + "timescale: months\n"},
        "strategy/initiatives/i.yaml:13:1: warning: timescale months under a parent of years: the rung of quarters is skipped [skipped-rung]",
    ),
}


def test_every_rule_has_a_case():
    """Rules that read history have theirs in test_history.py, those that read the work in
    test_work_rules.py, on real git repositories, and those that read metrics in
    test_metrics.py, on real data files."""
    assert set(CASES) == {rule.id for rule in RULES.values() if not rule.history and not rule.work and not rule.metrics}


@pytest.mark.parametrize("rule", sorted(CASES))
def test_rule_fires_and_can_be_configured(tree, rule):
    files, expected = CASES[rule]
    root = healthy(tree, **files)
    on = {rule: "warning"} if RULES[rule].default == "off" else {}  # a rule off by default is switched on
    assert findings(root, **on) == [expected]
    assert findings(root, **{rule: "off"}) == []
    as_error = findings(root, **{rule: "error"})
    assert as_error == [expected.replace(": warning: ", ": error: ")]
    assert check_directory(root, health(levels={rule: "error"})).tree is None  # an error makes the tree fail
    assert findings(root, **{rule: "warning"}) == [expected.replace(": error: ", ": warning: ")]


@pytest.mark.parametrize("status", ["done", "dropped"])
def test_overdue_does_not_fire_on_finished_work(tree, status):
    root = healthy(tree, **{"initiatives/i.yaml": HEALTHY_INITIATIVE.replace("due: 2026-12-31", f"due: 2026-05-01\nstatus: {status}")})
    assert [p for p in check_directory(root).problems if p.rule == "initiative-overdue"] == []


def test_too_big_limit_is_configurable(tree):
    root = healthy(tree, **{"initiatives/i.yaml": HEALTHY_INITIATIVE.replace("  - Ship it\n", "  - a\n  - b\n  - c\n")})
    assert findings(root) == []
    settings = health(max_open_steps=2)
    assert [p.rule for p in check_directory(root, settings).problems] == ["initiative-too-big"]


def test_supporting_initiative_counts_as_work(tree):
    root = healthy(
        tree,
        **{
            "strategies/t.yaml": "title: T\nparent: mission\nowner: x\n",
            "initiatives/i.yaml": HEALTHY_INITIATIVE.replace("parent: s\n", "parent: s\nsupports: [t]\n"),
        },
    )
    assert findings(root) == []


def test_unknown_owner_is_off_without_an_owners_file(tree):
    root = healthy(tree, **{"strategies/s.yaml": HEALTHY_STRATEGY.replace("owner: growth", "owner: anyone")})
    assert findings(root) == []


def test_a_node_can_waive_a_rule_with_its_reason(tree):
    root = healthy(
        tree,
        **{"strategies/s.yaml": HEALTHY_STRATEGY.replace("owner: growth\n", "") + "waive:\n  missing-owner: owned by the whole company\n"},
    )
    assert findings(root) == []
    assert check_directory(root).tree.nodes["s"].waive == {"missing-owner": "owned by the whole company"}


def test_waiving_an_unknown_rule_is_an_error(tree):
    root = healthy(tree, **{"strategies/s.yaml": HEALTHY_STRATEGY + "waive:\n  missing-ownr: because\n"})
    assert findings(root) == [
        "strategy/strategies/s.yaml:5:3: error: waive names no health rule 'missing-ownr' (did you mean 'missing-owner'?)"
    ]


def test_owners_file_errors_are_reported(tree):
    root = healthy(tree, **{"owners.yaml": "growth:\n  nmae: Growth\n"})
    assert findings(root) == [
        "strategy/owners.yaml:1:1: error: missing required field 'name' (owner 'growth')",
        "strategy/owners.yaml:2:3: error: unknown field 'nmae' (did you mean 'name'?) (owner 'growth')",
    ]


# --- the command line -----------------------------------------------------------------------------


def run(*args: str) -> tuple[int, list[str]]:
    result = CliRunner().invoke(main, ["check", *args])
    return result.exit_code, result.output.splitlines()


def test_check_strict_fails_on_warnings(tree):
    root = healthy(tree, **{"strategies/s.yaml": HEALTHY_STRATEGY.replace("owner: growth\n", "")})
    code, lines = run(str(root))
    assert code == 0 and lines[-1].endswith("(1 warning)")
    code, lines = run(str(root), "--strict")
    assert code == 1
    assert lines == [
        "strategy/strategies/s.yaml:1:1: warning: strategy has no owner [missing-owner]",
        f"0 errors, 1 warning in {root} (--strict)",
    ]


def test_check_reads_rule_levels_from_mkdocs_yml(tree, tmp_path):
    healthy(tree, **{"strategies/s.yaml": HEALTHY_STRATEGY.replace("owner: growth\n", "")})
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\nplugins:\n  - ladder:\n      health:\n        missing-owner: error\n")
    code, lines = run()
    assert code == 1 and lines[0] == "strategy/strategies/s.yaml:1:1: error: strategy has no owner [missing-owner]"
    config.write_text("site_name: x\nplugins:\n  - ladder:\n      health:\n        missing-owner: 'off'\n")
    assert run() == (0, ["strategy: ok: 1 mission, 1 strategy, 1 initiative"])
    config.write_text("site_name: x\nplugins:\n  - ladder:\n      health:\n        missing-owner: off\n")  # YAML's false
    assert run() == (0, ["strategy: ok: 1 mission, 1 strategy, 1 initiative"])
    config.write_text("site_name: x\nplugins:\n  - ladder:\n      health:\n        missing-ownr: 'off'\n")
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 2
    assert (
        result.output
        == "ladder: mkdocs.yml: plugin 'ladder' option 'health': no health rule 'missing-ownr' (did you mean 'missing-owner'?)\n"
    )


def test_the_docs_explain_every_rule():
    from pathlib import Path

    text = (Path(__file__).resolve().parents[1] / "docs" / "health.md").read_text()
    for rule in RULES.values():
        assert f"| `{rule.id}` | {rule.default} | {rule.title}. {rule.why} |" in text, rule.id


# --- priorities and horizons: quiet where they should be ----------------------------------------


def test_the_priority_rules_are_quiet_on_a_sized_tree_with_few_now(tree):
    root = healthy(
        tree,
        **{
            "initiatives/i.yaml": HEALTHY_INITIATIVE + "horizon: now\nvalue: XL\neffort: M\nconfidence: high\n",
            "initiatives/j.yaml": SIBLING + "horizon: later\nvalue: S\neffort: S\n",
        },
    )
    assert findings(root) == []


def test_over_planning_counts_steps_and_big_without_steps_follows_the_scale(tree):
    many = HEALTHY_INITIATIVE.replace("  - Ship it\n", "  - b\n  - c\n  - d\n").replace("due: 2026-12-31\n", "")
    root = healthy(tree, **{"initiatives/i.yaml": many + "horizon: later\n"})
    assert [(p.rule, p.line) for p in check_directory(root).problems] == [("over-planning", 5)]
    settings = wiring.health_settings(Settings(horizons={"q1": "Q1", "q2": "Q2"}, sizes={"small": 1, "big": 5}))
    root = healthy(tree, **{"initiatives/i.yaml": HEALTHY_INITIATIVE + "horizon: q2\neffort: big\n"})
    assert sorted(p.rule for p in check_directory(root, settings).problems) == ["big-without-steps", "over-planning"]


def test_low_value_load_keeps_ties_above_the_middle(tree):
    """Two initiatives of the same value have no lower half: the rule stays quiet."""
    root = healthy(tree, **{"initiatives/i.yaml": HEALTHY_INITIATIVE + "value: L\n", "initiatives/j.yaml": SIBLING + "value: L\n"})
    assert findings(root) == []


@pytest.mark.slow  # six trees checked by the command line
@pytest.mark.parametrize("rule", ["over-planning", "too-much-now", "low-value-load", "big-without-steps", "unsized-now", "skipped-rung"])
def test_each_priority_rule_can_be_waived_where_it_fires(tree, rule):
    files, expected = CASES[rule]
    path = expected.split(":")[0].removeprefix("strategy/")
    waived = {
        **files,
        path: files.get(path, HEALTHY_STRATEGY if path.startswith("strategies/") else HEALTHY_INITIATIVE) + f"waive:\n  {rule}: we know\n",
    }
    on = {rule: "warning"} if RULES[rule].default == "off" else {}
    assert findings(healthy(tree, **waived), **on) == []
