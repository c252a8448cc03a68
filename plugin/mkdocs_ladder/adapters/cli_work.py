"""``ladder work``: what was delivered, read from git (a command of its own module, added to the
``ladder`` group by :mod:`.cli`)."""

from __future__ import annotations

import json
from datetime import timedelta

import click

from mkdocs_ladder import wiring
from mkdocs_ladder.adapters.cli_options import Misused, Options, config_option, dir_option
from mkdocs_ladder.check import check_directory
from mkdocs_ladder.errors import did_you_mean
from mkdocs_ladder.health import build_date
from mkdocs_ladder.work.report import node_report, node_text, summary, summary_text


@click.command()
@click.argument("node_id", metavar="[ID]", required=False)
@config_option
@dir_option
@click.option("--weeks", type=click.IntRange(min=1), default=12, show_default=True, help="How many weeks of work.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.pass_obj
def work(opts: Options, node_id: str | None, weeks: int, fmt: str) -> None:
    """What was delivered, read from git: a node's integrations (ID), or the summary by repository.

    A commit links to a node with a `Ladder: <id>` trailer (docs/work.md). The repositories are
    the one that holds the tree and those of the `work` option. A repository that cannot be
    read is named on stderr; the others are reported.
    """
    site, root = opts.site(), opts.root()
    checked = check_directory(root, wiring.health_settings(site.settings))
    tree = checked.tree or checked.partial
    if tree is None:
        raise Misused(f"{root}: the tree cannot be read: run `ladder check`")
    today = build_date()
    read = wiring.read_work(site.settings, root, site.base, today)
    for line in [r.warning or r.note for r in read if r.warning or r.note]:
        click.echo(f"ladder: warning: {line}", err=True)
    since = today - timedelta(days=weeks * 7)
    if node_id is not None and node_id not in tree.nodes:
        raise Misused(f"no node '{node_id}'{did_you_mean(node_id, tree.nodes)}")
    report = node_report(tree, node_id, read, today, since) if node_id else summary(tree, read, since)
    text = json.dumps(report, indent=2) + "\n" if fmt == "json" else node_text(report) if node_id else summary_text(report)
    click.echo(text, nl=False)
