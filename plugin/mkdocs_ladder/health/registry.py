"""Every health rule by its stable id, and the one function that applies them to a valid tree."""

from __future__ import annotations

from mkdocs_ladder.errors import Problem, Severity, did_you_mean
from mkdocs_ladder.health import outcome_rules, priority_rules, rules, work_rules
from mkdocs_ladder.health.base import OFF, HealthSettings, Rule, Seen
from mkdocs_ladder.tree.model import Tree

RULES: dict[str, Rule] = {
    rule.id: rule
    for rule in (
        Rule("strategy-without-work", "warning", "A strategy with no active initiative", rules.strategy_without_work),
        Rule("initiative-without-why", "warning", "An active initiative with no why", rules.initiative_without_why),
        Rule("initiative-without-steps", "warning", "An active initiative with no steps", rules.initiative_without_steps),
        Rule("initiative-too-big", "warning", "An active initiative with too many open steps", rules.initiative_too_big),
        Rule("initiative-without-metrics", "warning", "An active initiative with no metrics", rules.initiative_without_metrics),
        Rule("initiative-overdue", "warning", "An initiative past its due date", rules.initiative_overdue),
        Rule("active-under-inactive", "warning", "Active work under a done, paused or dropped strategy", rules.active_under_inactive),
        Rule("missing-owner", "warning", "A node without an owner", rules.missing_owner),
        Rule("unknown-owner", "error", "An owner who is not in the owners file", rules.unknown_owner),
        Rule("kind-requires", "warning", "Work that lacks a field its kind requires", rules.kind_requires),
        Rule("unfinished", "warning", "A TODO that ladder new wrote, still in the file", rules.unfinished),
        Rule("no-recent-progress", "warning", "An active initiative with no step done lately", rules.no_recent_progress, history=True),
        Rule("scope-creep", "warning", "An active initiative whose open steps keep growing", rules.scope_creep, history=True),
        Rule("stale-review", "warning", "A strategy or initiative nobody has changed in months", rules.stale_review, history=True),
        Rule(
            "infrequent-integration",
            "warning",
            "An active initiative whose work is integrated rarely",
            work_rules.infrequent_integration,
            work=True,
        ),
        Rule("no-linked-work", "warning", "An active initiative no commit links to", work_rules.no_linked_work, history=True, work=True),
        Rule("unlinked-work", "warning", "A repository whose work mostly ladders up to nothing", work_rules.unlinked_work, work=True),
        Rule("unknown-work-id", "note", "A commit trailer that names no node", work_rules.unknown_work_id, work=True),
        Rule("no-outcome", "warning", "An active strategy judged by no metric", outcome_rules.no_outcome, catalogue=True),
        Rule("off-track", "warning", "A target the recent trend will not reach by its date", outcome_rules.off_track, metrics=True),
        Rule(
            "output-without-outcome",
            "warning",
            "Work done a while ago whose metric has not moved the right way",
            outcome_rules.output_without_outcome,
            history=True,
            metrics=True,
        ),
        Rule("stale-metric", "warning", "A metric whose latest value is old", outcome_rules.stale_metric, metrics=True),
        Rule("over-planning", "warning", "Later work planned in detail before its time", priority_rules.over_planning),
        Rule("too-much-now", "warning", "An owner with too much active work now", priority_rules.too_much_now),
        Rule("low-value-load", "warning", "A strategy whose open steps sit with its low-value work", priority_rules.low_value_load),
        Rule("big-without-steps", "warning", "A big effort with few steps", priority_rules.big_without_steps),
        Rule("unsized-now", "warning", "Work for now with no value or effort", priority_rules.unsized_now),
        Rule("skipped-rung", "off", "A node two or more time scales below its parent", priority_rules.skipped_rung),
    )
}


def unknown_rule(rule_id: str) -> str:
    """The message for a rule id that names no rule (settings and waivers say the same)."""
    return f"no health rule '{rule_id}'{did_you_mean(rule_id, RULES)}"


def check_health(tree: Tree, settings: HealthSettings, seen: Seen | None = None) -> list[Problem]:
    """Every finding of every rule that is on, as problems that name their node. The rules
    that read history are skipped when there is none (or it is not available), those that
    read the work or the metrics when none were read, and those of outcomes in a tree with no
    catalogue of metrics."""
    seen = seen or Seen()
    history = seen.history
    problems: list[Problem] = []
    for node in tree.nodes.values():
        for rule_id in node.waive:
            if rule_id not in RULES:
                path, line, col = tree.where(node.id, "waive", rule_id)
                problems.append(Problem(path, line, col, Severity.ERROR, f"waive names {unknown_rule(rule_id)}", "waive", node.id))
        for rule in RULES.values():
            level = settings.level(rule, tree)
            if level == OFF or rule.id in node.waive or (rule.history and not (history and history.available)):
                continue
            if (rule.work and seen.work is None) or (rule.metrics and seen.measured is None):
                continue
            if rule.catalogue and tree.catalogue is None:
                continue
            for field_path, message in rule.check(tree, node, settings, seen):
                path, line, col = tree.where(node.id, *field_path)
                problems.append(Problem(path, line, col, Severity(level), message, rule.id, node.id, configurable=True))
    return problems
