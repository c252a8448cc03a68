"""``ladder metrics``: the catalogue's metrics as read, with their sources and the age of each
read, or one metric's values, trend, targets and standings; :mod:`.cli` adds it to the group."""

from __future__ import annotations

import json

import click

from mkdocs_ladder.adapters.cli_options import Failed, Misused, Options, config_option, dir_option, say, text_or_json
from mkdocs_ladder.errors import did_you_mean
from mkdocs_ladder.metrics.nodes import tree_outcomes
from mkdocs_ladder.metrics.report import detail_text, metric_detail, metrics_report, report_text


@click.command()
@click.argument("metric_id", metavar="[ID]", required=False)
@config_option
@dir_option
@text_or_json
@click.option("--strict", is_flag=True, help="Fail (exit 1) when a metric has never been read.")
@click.pass_obj
def metrics(opts: Options, metric_id: str | None, fmt: str, strict: bool) -> None:
    """The metrics of the catalogue (metrics.yaml): each with its latest value, its standing,
    its source and the age of its last read; or, with ID, that metric's trend, every node's
    target and date, and every value. Reads each source as a build does (and caches it)."""
    project = opts.project()
    checked = project.check()
    measured = checked.measured
    if measured is None:
        raise Misused(f"{opts.root()}: no metrics.yaml here, or it holds no metric (docs/metrics.md)")
    for problem in measured.problems():  # what the reads say (a source not reachable now, rows skipped)
        say(problem.text(), err=True)
    tree = checked.tree or checked.partial
    outcomes = tree_outcomes(tree, measured, project.health.today, project.settings.trend_days) if tree is not None else {}
    if metric_id is not None:
        if metric_id not in measured.catalogue.metrics:
            raise Misused(f"no metric '{metric_id}' in the catalogue{did_you_mean(metric_id, list(measured.catalogue.metrics))}")
        detail = metric_detail(measured, outcomes, metric_id)
        say(json.dumps(detail, indent=2) if fmt == "json" else detail_text(detail, measured.now))
    else:
        rows = metrics_report(measured, outcomes)
        say(json.dumps(rows, indent=2) if fmt == "json" else report_text(rows, measured.now))
    if strict and any(r.read_at is None for r in measured.readings.values()):
        raise Failed("ladder: a metric has never been read (--strict)")
