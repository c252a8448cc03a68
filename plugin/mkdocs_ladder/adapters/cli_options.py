"""What every ``ladder`` command shares: the exceptions that end a command with its exit code,
and the options that name the site's config and the strategy directory, the same on every
command and before it (``ladder -f site/mkdocs.yml check``), kept on the click context."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import click

from mkdocs_ladder.config_file import SiteConfig, load_site_config
from mkdocs_ladder.errors import UsageError
from mkdocs_ladder.project import Project
from mkdocs_ladder.terminal import printable


def say(text: str = "", *, err: bool = False, nl: bool = True) -> None:
    """Print ``text`` (on stderr with ``err``), every control character in it shown as an escape
    (:func:`~mkdocs_ladder.terminal.printable`): every command prints through this."""
    click.echo(printable(text, lines=True), err=err, nl=nl)


class Failed(click.ClickException):
    """The tree, or what the command was asked to do, has problems: exit 1, each line said."""

    exit_code = 1

    def __init__(self, *lines: str):
        super().__init__("\n".join(lines))
        self.lines = lines

    def show(self, file: IO[Any] | None = None) -> None:
        for line in self.lines:
            click.echo(printable(line, lines=True), file=file, err=file is None)


class Misused(Failed):
    """The command was used wrongly: exit 2, said as ``ladder: …``."""

    exit_code = 2

    def __init__(self, message: str):
        super().__init__(f"ladder: {message}")


class Group(click.Group):
    """Every command's UsageError (from the modules below) is a :class:`Misused`."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except UsageError as exc:
            raise Misused(str(exc)) from None


@dataclass(slots=True)
class Options:
    """The options every command shares: the site's config and the strategy directory."""

    config_file: Path | None = None
    directory: Path | None = None
    _site: SiteConfig | None = None
    _project: Project | None = None

    def site(self) -> SiteConfig:
        """The site's config, read once per command (see :func:`load_site_config`)."""
        if self._site is None:
            self._site = load_site_config(self.config_file)
        return self._site

    def root(self) -> Path:
        """The strategy directory: ``--dir``, else the config's ``strategy_dir``."""
        return self.directory or self.site().strategy_dir

    def project(self) -> Project:
        """The project, opened once per command: every part a command uses comes from it."""
        if self._project is None:
            self._project = Project.of_site(self.site(), self.directory)
        return self._project


def _remember(name: str) -> Any:
    def store(ctx: click.Context, _: click.Parameter, value: Path | None) -> None:
        if value is not None:
            setattr(ctx.ensure_object(Options), name, value)

    return store


CONFIG_HELP = (
    "The site's config (default: zensical.toml here, else mkdocs.yml); ladder's options come from ladder.yml beside it when it exists."
)
config_option = click.option(
    "-f",
    "--config-file",
    type=click.Path(path_type=Path, dir_okay=False),
    expose_value=False,
    callback=_remember("config_file"),
    help=CONFIG_HELP,
)
dir_option = click.option(
    "-d", "--dir", type=click.Path(path_type=Path, file_okay=False), expose_value=False, callback=_remember("directory"),
    help="The strategy directory (default: strategy_dir of ladder's options, else ./strategy).",
)  # fmt: skip

text_or_json = click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
