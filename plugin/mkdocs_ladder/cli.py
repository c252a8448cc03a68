"""The ``ladder`` command: check a strategy tree (more commands arrive with later issues).

Exit codes follow linters' convention: 0 the tree is valid, 1 it has problems, 2 the command
was used wrongly (no such directory, no mission.yaml).
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from . import __version__
from .errors import UsageError, has_errors
from .loader import DEFAULT_STRATEGY_DIR
from .model import Level
from .validate import check_directory

USAGE_EXIT = 2


def _strategy_dir(directory: Path | None, config_file: Path) -> Path:
    if directory is not None:
        return directory
    if config_file.is_file():
        from .config import strategy_dir_for  # MkDocs is only needed when mkdocs.yml is read

        return strategy_dir_for(config_file)
    return Path(DEFAULT_STRATEGY_DIR)


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
def check(directory: Path | None, config_file: Path) -> None:
    """Validate the strategy tree in DIRECTORY and report every problem as PATH:LINE:COL.

    Without DIRECTORY, reads strategy_dir from the ladder plugin entry of ./mkdocs.yml, else ./strategy.
    """
    root = _strategy_dir(directory, config_file)
    try:
        result = check_directory(root)
    except UsageError as exc:
        click.echo(f"ladder: {exc}", err=True)
        sys.exit(USAGE_EXIT)
    for problem in result.problems:
        click.echo(problem.text())
    errors = sum(1 for p in result.problems if p.severity == "error")
    warnings = len(result.problems) - errors
    if has_errors(result.problems):
        click.echo(f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)} in {root}")
        sys.exit(1)
    assert result.tree is not None
    counts = result.tree.counts()
    summary = ", ".join(f"{counts[level]} {level.noun if counts[level] == 1 else level.plural}" for level in Level)
    tail = f" ({warnings} warning{'s' * (warnings != 1)})" if warnings else ""
    click.echo(f"{root}: ok: {summary}{tail}")
