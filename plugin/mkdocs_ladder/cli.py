"""The ``ladder`` command: ``check`` a strategy tree, ``diff`` it between two git revisions.

Exit codes follow linters' convention: 0 the tree is valid, 1 it has problems, 2 the command
was used wrongly (no such directory, no mission.yaml).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import click

from . import __version__
from .errors import UsageError, has_errors
from .diff import diff_trees, to_markdown
from .health import HealthSettings
from .sources import GitSource
from .loader import DEFAULT_STRATEGY_DIR
from .model import Level
from .validate import check_directory

USAGE_EXIT = 2


def _settings(directory: Path | None, config_file: Path) -> tuple[Path, HealthSettings]:
    """The strategy directory and health settings, as the plugin entry of mkdocs.yml gives them."""
    options: dict = {}
    root = Path(DEFAULT_STRATEGY_DIR)
    if config_file.is_file():
        from .config import health_settings, plugin_options, strategy_dir_for  # MkDocs only when mkdocs.yml is read

        options = plugin_options(config_file) or {}
        root = strategy_dir_for(config_file)
        try:
            return directory or root, health_settings(options)
        except ValueError as exc:
            raise UsageError(f"{config_file}: {exc}") from None
    return directory or root, HealthSettings()


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="ladder")
def main() -> None:
    """Strategy as code: check and publish a mission, its strategies and their initiatives."""


@main.command()
@click.argument("directory", required=False, type=click.Path(path_type=Path, file_okay=False))
@click.option(
    "-f", "--config-file", type=click.Path(path_type=Path, dir_okay=False), default=Path("mkdocs.yml"),
    show_default=True, help="mkdocs.yml whose ladder plugin entry names strategy_dir (used when DIRECTORY is not given).",
)
@click.option("--strict", is_flag=True, help="Fail (exit 1) on warnings too, as `mkdocs build --strict` does.")
def check(directory: Path | None, config_file: Path, strict: bool) -> None:
    """Validate the strategy tree in DIRECTORY and report every problem as PATH:LINE:COL.

    Without DIRECTORY, reads strategy_dir from the ladder plugin entry of ./mkdocs.yml, else
    ./strategy. Health rules are configured in that same entry.
    """
    try:
        root, settings = _settings(directory, config_file)
        result = check_directory(root, settings)
    except UsageError as exc:
        click.echo(f"ladder: {exc}", err=True)
        sys.exit(USAGE_EXIT)
    for problem in result.problems:
        click.echo(problem.text())
    errors = sum(1 for p in result.problems if p.severity == "error")
    warnings = len(result.problems) - errors
    if has_errors(result.problems) or (strict and warnings):
        click.echo(f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)} in {root}"
                   + (" (--strict)" if strict and not errors else ""))
        sys.exit(1)
    assert result.tree is not None
    counts = result.tree.counts()
    summary = ", ".join(f"{counts[level]} {level.noun if counts[level] == 1 else level.plural}" for level in Level)
    tail = f" ({warnings} warning{'s' * (warnings != 1)})" if warnings else ""
    click.echo(f"{root}: ok: {summary}{tail}")


def _git_source(directory: Path, revision: str) -> GitSource:
    """The strategy directory as it was at ``revision`` of the repository that holds it."""
    where = directory if directory.is_dir() else Path.cwd()
    try:
        top = subprocess.run(["git", "-C", str(where), "rev-parse", "--show-toplevel"], capture_output=True, text=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        raise UsageError(f"{where}: not inside a git repository") from None
    repo = Path(top.stdout.strip())
    prefix = os.path.relpath(directory.resolve(), repo.resolve()).replace(os.sep, "/")
    if prefix.startswith(".."):
        raise UsageError(f"{directory}: not inside the repository {repo}")
    return GitSource(repo, revision, "" if prefix == "." else prefix)


@main.command()
@click.argument("base")
@click.argument("head", required=False)
@click.option("-d", "--dir", "directory", type=click.Path(path_type=Path, file_okay=False),
              help="The strategy directory (default: strategy_dir from mkdocs.yml, else ./strategy).")
@click.option("-f", "--config-file", type=click.Path(path_type=Path, dir_okay=False), default=Path("mkdocs.yml"), show_default=True)
@click.option("--format", "fmt", type=click.Choice(["markdown", "json"]), default="markdown", show_default=True)
def diff(base: str, head: str | None, directory: Path | None, config_file: Path, fmt: str) -> None:
    """Summarise how the tree changed from git revision BASE to HEAD (default: the working tree).

    Prints Markdown fit for a pull-request comment: nodes added, removed, renamed and
    re-parented, status and owner changes, steps completed, and the health warnings that the
    change introduces or clears. Reads the files through git, so a shallow clone works as
    long as BASE has been fetched.
    """
    try:
        root, settings = _settings(directory, config_file)
        before = check_directory(_git_source(root, base), settings)
        after = check_directory(_git_source(root, head) if head else root, settings)
    except UsageError as exc:
        click.echo(f"ladder: {exc}", err=True)
        sys.exit(USAGE_EXIT)
    result = diff_trees(before, after, base, head or "working tree")
    click.echo(json.dumps(result.as_dict(), indent=2) if fmt == "json" else to_markdown(result), nl=fmt == "json")
