"""The commands that read git: ``ladder history`` (the tree over time), ``ladder work`` (what
was delivered) and ``ladder trailer`` (the commit-msg hook's check); :mod:`.cli` adds them to
the ``ladder`` group."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import click

from mkdocs_ladder.adapters.cli_options import Failed, Misused, Options, config_option, dir_option, say, text_or_json
from mkdocs_ladder.check import said_of
from mkdocs_ladder.config_file import SiteConfig
from mkdocs_ladder.errors import did_you_mean
from mkdocs_ladder.tree.model import Tree
from mkdocs_ladder.work.git import message_ids
from mkdocs_ladder.work.report import node_report, node_text, summary, summary_text


def _loaded_tree(opts: Options) -> Tree:
    """The nodes of the tree as far as they load (a tree with errors still names its nodes)."""
    checked = opts.project().check(history=False)
    tree = checked.tree or checked.partial
    if tree is None:
        raise Misused(f"{opts.root()}: the tree cannot be read: run `ladder check`")
    return tree


def _history_off(site: SiteConfig, opts: Options, consequence: str = "") -> Misused:
    """Exit 2: the settings say ``history: false``, in the file that says it."""
    return Misused(f"{site.options_file or site.config_file or opts.config_file}: history is off (`history: false`){consequence}")


def _id_and_weeks(weeks_help: str, weeks: int | None) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """What `history` and `work` both take: an optional node id, the shared options, --weeks
    (``weeks``: its default) and --format text|json."""

    def decorate(command: Callable[..., None]) -> Callable[..., None]:
        for option in (
            click.pass_obj,
            text_or_json,
            click.option("--weeks", type=click.IntRange(min=1), default=weeks, show_default=weeks is not None, help=weeks_help),
            dir_option,
            config_option,
            click.argument("node_id", metavar="[ID]", required=False),
        ):
            command = option(command)
        return command

    return decorate


@click.command()
@_id_and_weeks("Without ID: how many weeks of changes.", 12)
def history(opts: Options, node_id: str | None, weeks: int, fmt: str) -> None:
    """The tree over time, read from git: a node's timeline (ID), or the recent changes.

    Dates are the days of the commits (UTC); uncommitted changes count as today. Exit 2 when
    there is no history to read (not a git repository, a shallow clone, `history: false`).
    """
    from mkdocs_ladder.history.events import changes_text, node_events, node_text, recent

    project = opts.project()
    reader = project.history
    if reader is None:
        raise _history_off(opts.site(), opts)
    past = reader(project.check(history=False).tree)  # an invalid tree: up to the last commit
    if not past.available:
        raise Misused(f"no history: {past.reason}")
    if node_id is None:
        events = recent(past, reader.today, weeks * 7)
        since, until = (reader.today - timedelta(days=weeks * 7)).isoformat(), reader.today.isoformat()
        as_json = {"since": since, "until": until, "events": [e.as_json() for e in events]}
        say(json.dumps(as_json, indent=2) if fmt == "json" else changes_text(events, weeks, reader.today), nl=fmt == "json")
        return
    if (node := past.nodes.get(node_id)) is None:
        raise Misused(f"no node '{node_id}' in the history{did_you_mean(node_id, past.nodes)}")
    as_json = {**node.describe(), "events": [e.as_json() for e in node_events(node)]}
    say(json.dumps(as_json, indent=2) if fmt == "json" else node_text(node), nl=fmt == "json")


@click.command()
@_id_and_weeks("How many weeks of work (default: the whole window that is read, history_days, as the pages show).", None)
def work(opts: Options, node_id: str | None, weeks: int | None, fmt: str) -> None:
    """What was delivered, read from git: a node's integrations (ID), or the summary by repository.

    A commit links to a node with a `Ladder: <id>` trailer (docs/work.md). The repositories are
    the one that holds the tree and those of the `work` option. A repository that cannot be
    read is named on stderr; the others are reported.
    """
    project, tree = opts.project(), _loaded_tree(opts)
    if node_id is not None and node_id not in tree.nodes:  # said before any repository is read or fetched
        raise Misused(f"no node '{node_id}'{did_you_mean(node_id, tree.nodes)}")
    today = project.health.today
    read = project.work
    if read is None:
        raise _history_off(opts.site(), opts, ", so no work is read")
    for said in said_of(None, read):
        say(said.line(), err=True)
    if weeks is not None:
        wanted = today - timedelta(days=weeks * 7)
        if wanted < read.since:  # never a window that was not read
            say(
                f"ladder: note: the work of the last {project.settings.history_days} days is read (history_days): from {read.since}",
                err=True,
            )
        read = replace(read, since=max(wanted, read.since))
    report = node_report(tree, node_id, read) if node_id else summary(tree, read)
    text = json.dumps(report, indent=2) + "\n" if fmt == "json" else node_text(report) if node_id else summary_text(report)
    say(text, nl=False)


@click.command()
@click.argument("message_file", metavar="MESSAGE_FILE", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@config_option
@dir_option
@click.pass_obj
def trailer(opts: Options, message_file: Path) -> None:
    """Refuse a commit message whose `Ladder:` trailer names no node (exit 1, with a did-you-mean).

    pre-commit's `ladder-trailer` hook runs it at the commit-msg stage. It reads the tree, not
    the history, so it is fast.
    """
    key, tree = opts.site().settings.work.trailer, _loaded_tree(opts)
    unknown = [i for i in message_ids(message_file.read_text(encoding="utf-8", errors="replace"), key) if i not in tree.nodes]
    if unknown:
        raise Failed(*(f"ladder: {message_file}: '{key}: {i}' names no node{did_you_mean(i, tree.nodes)}" for i in unknown))
