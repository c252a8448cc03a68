"""Where people and agents work: ``ladder suggest``, which node a change most likely serves,
from the repository's own history (:mod:`mkdocs_ladder.work.suggest`), with ``--hook``, the
prepare-commit-msg hook that puts the best suggestion into the message as a commented line;
and ``ladder mcp``, the server for coding agents (:mod:`.mcp_server`)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import click

from mkdocs_ladder.adapters.cli_options import Misused, Options, config_option, dir_option, say, text_or_json
from mkdocs_ladder.gitio import GitError, find_repo, run_git
from mkdocs_ladder.tree.loader import load
from mkdocs_ladder.work.linked import linked_changes
from mkdocs_ladder.work.suggest import Change, Index, Suggestion
from mkdocs_ladder.work.suggest import suggest as rank
from mkdocs_ladder.work.trailers import linked_ids

#: The message sources of prepare-commit-msg whose message is not edited in an editor (a comment
#: would stay in it), or is a merge's or an amended commit's own: the hook adds nothing then.
QUIET_SOURCES = ("message", "merge", "squash", "commit")


def _git(top: Path, *args: str) -> str:
    try:
        return run_git(top, *args).decode("utf-8", errors="replace").strip()
    except GitError:
        return ""


def _open_ids(opts: Options) -> dict[str, str]:
    """The ids of the tree's open work (neither done nor dropped), with their titles."""
    loaded = load(opts.project().source)
    return {n.node.id: n.node.title for n in loaded.nodes if n.node.status.is_open}


def suggestions(opts: Options, paths: tuple[str, ...], branch: str | None) -> tuple[list[Suggestion], dict[str, str], int]:
    """The ranked suggestions for ``paths`` (none given: the staged change), the open nodes'
    titles, and how many linked commits the history holds."""
    project = opts.project()
    repo = find_repo(project.strategy_dir)
    if repo is None:
        raise Misused(f"{opts.root()}: not in a git repository: there is no history to suggest from")
    top = repo.top
    changes = linked_changes(top, project.settings.work.trailer, project.renderer.cache)
    staged = paths or tuple(_git(top, "diff", "--cached", "--name-only").splitlines())
    head = _git(top, "symbolic-ref", "--quiet", "--short", "HEAD")
    change = Change(staged, _git(top, "config", "user.email").lower(), head if branch is None else branch)
    titles = _open_ids(opts)
    return rank(Index.for_change(changes, change), change, titles) if changes else [], titles, len(changes)


@click.command("mcp")
@config_option
@dir_option
@click.pass_obj
def mcp(opts: Options) -> None:
    """Serve the tree to coding agents over stdio: a read-only Model Context Protocol server
    (docs/agents.md). Needs the MCP SDK: pip install 'mkdocs-ladder[mcp]'."""
    try:
        from mkdocs_ladder.adapters.mcp_server import server
    except ImportError:
        raise Misused("ladder mcp needs the MCP SDK: pip install 'mkdocs-ladder[mcp]'") from None
    server(opts).run("stdio")


@click.command("suggest")
@click.argument("paths", nargs=-1)
@click.option("--branch", help="The branch name to read an id from (default: the branch checked out).")
@click.option("--hook", is_flag=True, help="Run as the prepare-commit-msg hook: PATHS are the message file, its source and commit.")
@config_option
@dir_option
@text_or_json
@click.pass_obj
def suggest(opts: Options, paths: tuple[str, ...], branch: str | None, hook: bool, fmt: str) -> None:
    """The nodes a change most likely serves, best first, each with its reason.

    The change is PATHS, else what is staged; it is ranked by the folders the nodes' past linked
    commits touched (the latest weighing most), your own latest linked commits, and an id in
    the branch's name. Done and dropped work is not offered. With --hook (pre-commit's
    `ladder-suggest` hook), the best one goes into the commit message as a commented line.
    """
    if hook:
        _hook(opts, paths)
        return
    found, titles, history = suggestions(opts, paths, branch)
    if not history:
        say("ladder: no commit of this repository links a node yet: nothing to suggest", err=True)
    rows = [{"id": s.id, "title": titles.get(s.id, ""), "score": s.score, "reason": s.reason} for s in found]
    if fmt == "json":
        say(json.dumps(rows, indent=2))
    else:
        for number, row in enumerate(rows, start=1):
            say(f"{number}. {row['id']}  {row['title']}  ({row['reason']})")


def _hook(opts: Options, args: tuple[str, ...]) -> None:
    """Put the best suggestion into the message file as ``# Ladder: <id>  (<reason>)``, before
    git's own comments; never when the message already links a node, is not edited in an
    editor, or is a merge's or an amended commit's. A hook never stops a commit: any failure
    leaves the message as it was."""
    if not args:
        raise Misused("--hook needs the commit message file (pre-commit and git pass it)")
    message_file = Path(args[0])
    source = args[1] if len(args) > 1 else os.environ.get("PRE_COMMIT_COMMIT_MSG_SOURCE", "")
    if source in QUIET_SOURCES:
        return
    try:
        key = opts.site().settings.work.trailer
        text = message_file.read_text(encoding="utf-8", errors="replace")
        if linked_ids(text, key=key):
            return
        found, _, _ = suggestions(opts, (), None)
    except (OSError, GitError, click.ClickException, ValueError):
        return
    if found:
        message_file.write_text(with_suggestion(text, f"# {key}: {found[0].id}  ({found[0].reason})"), encoding="utf-8")


def with_suggestion(text: str, line: str) -> str:
    """``text`` with ``line`` before its first comment line (git's own), after a blank line, so
    that the author's message, once the ``#`` is removed, ends with the trailer."""
    lines = text.splitlines(keepends=True)
    at = next((n for n, row in enumerate(lines) if row.startswith("#")), len(lines))
    head, tail = "".join(lines[:at]).rstrip("\n"), "".join(lines[at:])
    return (head + "\n\n" if head.strip() else "\n") + line + "\n" + tail
