"""The ``ladder`` command: check, diff, history, work, metrics, suggest, mcp, schema, new, init, render and export.

It parses and prints; the modules below it decide. Exit codes follow linters' convention: 0 the
tree is valid, 1 it has problems, 2 the command was used wrongly (no such directory, no
mission.yaml, a wrong option). ``-f/--config-file`` and ``-d/--dir`` mean the same on every
command, and may stand before the command too (``ladder -f site/mkdocs.yml check``).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

import click

from mkdocs_ladder import __version__
from mkdocs_ladder.adapters.cli_git import history, trailer, work
from mkdocs_ladder.adapters.cli_metrics import metrics
from mkdocs_ladder.adapters.cli_options import Failed, Group, Options, config_option, dir_option, say
from mkdocs_ladder.adapters.cli_suggest import mcp, suggest
from mkdocs_ladder.check import Checked
from mkdocs_ladder.config_file import lists_plugin, load_site_config
from mkdocs_ladder.errors import FORMAT_RULES, Severity, count, has_errors, report
from mkdocs_ladder.health import RULES
from mkdocs_ladder.labels import MESSAGES
from mkdocs_ladder.tree.model import Level, Tree

# Each command imports what only it needs when it runs: `ladder check` pays for no page renderer.


def _checked(opts: Options, history: bool = False) -> Checked:
    """The tree, checked with the configured health rules (with ``history``, also those that
    read the tree's history and the work linked to it, when the settings allow)."""
    checked = opts.project().check(history=history)
    for said in checked.said():
        say(said.line(), err=True)
    return checked


def _valid(checked: Checked) -> Tree:
    """The valid tree; Failed, with every problem, when it has errors."""
    if checked.tree is None:
        raise Failed(*(problem.text() for problem in checked.problems))
    return checked.tree


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="ladder")
@config_option
@dir_option
@click.pass_context
def main(ctx: click.Context) -> None:
    """Strategy as code: check and publish a mission, its strategies and their initiatives."""
    ctx.ensure_object(Options)


@main.command()
@click.argument("directory", required=False, type=click.Path(path_type=Path, file_okay=False))
@config_option
@dir_option
@click.option("--strict", is_flag=True, help="Fail (exit 1) on warnings too, as `mkdocs build --strict` does.")
@click.option("--format", "fmt", type=click.Choice(["text", "github", "json", "sarif"]), default="text", show_default=True,
              help="text: PATH:LINE:COL lines; github: workflow commands that annotate a pull request; json; sarif: SARIF 2.1.0.")  # fmt: skip
@click.option("--no-history", is_flag=True, help="Skip the rules that read git: the tree's history, and the work.")
@click.pass_obj
def check(opts: Options, directory: Path | None, strict: bool, fmt: str, no_history: bool) -> None:
    """Validate the strategy tree and report every problem as PATH:LINE:COL.

    The tree is DIRECTORY (or --dir), else strategy_dir from ladder's options (ladder.yml, else
    the ladder plugin entry of ./mkdocs.yml), else ./strategy. Health rules are configured there
    too. In a git repository, the rules that read the history and the work linked to the tree
    run too; in a shallow clone they are skipped with a warning. --strict also fails on a
    repository that cannot be read. Text is coloured in a terminal, never when piped or NO_COLOR is set.
    """
    opts.directory = directory or opts.directory
    problems = (result := _checked(opts, history=not no_history)).problems
    errors, warnings, root = count(problems, Severity.ERROR), count(problems, Severity.WARNING), opts.root()
    counted = f"{MESSAGES.count('count.errors', errors)}, {MESSAGES.count('count.warnings', warnings)}"
    colour = fmt == "text" and sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    rules = {**FORMAT_RULES, **{rule.id: rule.title for rule in RULES.values()}}
    text = report(problems, fmt, rules, __version__, colour, f"ladder check: {counted}")
    if colour:  # every problem's line is printable already (Problem.text); only its styles are added
        click.echo(text, nl=False, color=True)
    else:
        say(text, nl=False)
    failed = has_errors(problems) or (strict and (warnings > 0 or any(said.strict for said in result.said())))
    if failed and fmt in ("text", "github"):
        say(f"{counted} in {root}" + (" (--strict)" if strict and not errors else ""))
    elif fmt in ("text", "github") and result.tree is not None:
        summary = opts.project().health.names.counted(result.tree.counts())
        say(f"{root}: ok: {summary}" + (f" ({MESSAGES.count('count.warnings', warnings)})" if warnings else ""))
    if failed:
        raise Failed


@main.command()
@click.argument("base")
@click.argument("head", required=False)
@config_option
@dir_option
@click.option("--format", "fmt", type=click.Choice(["markdown", "json"]), default="markdown", show_default=True)
@click.pass_obj
def diff(opts: Options, base: str, head: str | None, fmt: str) -> None:
    """Summarise how the tree changed from git revision BASE to HEAD (default: the working tree).

    Prints Markdown fit for a pull-request comment: nodes added, removed, renamed and
    re-parented, status and owner changes, steps completed, the metrics it adds or retargets,
    and the health warnings that the change introduces or clears. Reads the files through git, so a shallow clone works as
    long as BASE has been fetched.
    """
    from mkdocs_ladder.authoring.diff import Read, diff_revisions, to_markdown

    project = opts.project()
    days = project.settings.history_days if project.settings.history else None
    result = diff_revisions(project.strategy_dir, base, head, project.health, days, Read(project.work, project.measured))
    say(json.dumps(result.as_dict(), indent=2) if fmt == "json" else to_markdown(result, project.health.names), nl=fmt == "json")


@main.command()
@click.argument("kind", type=click.Choice(["node", "owners", "metrics"]), default="node")
@config_option
@click.pass_obj
def schema(opts: Options, kind: str) -> None:
    """Print the JSON Schema of a node file (or of owners.yaml, or metrics.yaml), for editors' YAML support.

    A node's `kind`, `horizon`, `value` and `effort` are completed from the site's kinds of work,
    horizons and sizes (the `kinds`, `horizons` and `sizes` options of the config file).
    """
    from mkdocs_ladder.authoring.schema import metrics_file_schema, node_file_schema, owners_file_schema

    if kind == "node":
        options = opts.project().options
        say(json.dumps(node_file_schema(options.kinds, options.horizons, options.sizes), indent=2))
    else:
        say(json.dumps(owners_file_schema() if kind == "owners" else metrics_file_schema(), indent=2))


@main.command()
@click.argument("level", type=click.Choice(["strategy", "initiative"]))
@click.argument("node_id", metavar="ID")
@click.option("-p", "--parent", help="The id of the node one level up (a strategy's parent is the mission, the default).")
@click.option("-t", "--title", help="The title, one line (a TODO otherwise).")
@click.option("-o", "--owner", help="The owning team or person.")
@click.option("-k", "--kind", help="The kind of work (one of the site's kinds); the fields it requires are written in.")
@config_option
@dir_option
@click.pass_obj
def new(opts: Options, /, level: str, node_id: str, **fields: str | None) -> None:
    """Write a new, valid strategy or initiative file with every field commented in.

    Refuses to overwrite a file, to reuse an id, and a parent that does not exist or sits at
    the wrong level.
    """
    from mkdocs_ladder.authoring.scaffold import Vocabulary, Wanted, plan_new, write_new

    project = opts.project()
    checked, settings = _checked(opts), project.settings
    if checked.partial is None:  # the tree could not even be read whole: fix that first
        raise Failed(*(problem.text() for problem in checked.problems))
    wanted = Wanted(Level.STRATEGY if level == "strategy" else Level.INITIATIVE, node_id, **fields)
    words = Vocabulary(settings.kind_requirements(), settings.horizon_ids(), tuple(settings.size_scale()), project.health.names)
    planned = plan_new(checked.partial, project.strategy_dir, wanted, words)
    if planned.problems:
        raise Failed(*(f"ladder: {problem}" for problem in planned.problems))
    try:
        write_new(planned.path, planned.text)
    except FileExistsError:
        raise Failed(f"ladder: {planned.path} exists already; ladder never overwrites a file") from None
    say(f"wrote {planned.path}: fill in the TODOs, then run `ladder check`")


@main.command()
@click.argument("directory", type=click.Path(path_type=Path, file_okay=False), default=Path())
@click.option("--generator", type=click.Choice(["mkdocs", "zensical"]), default="mkdocs", show_default=True,
              help="mkdocs: mkdocs.yml with the plugin. zensical: zensical.toml, ladder.yml, and the pages rendered.")  # fmt: skip
def init(directory: Path, generator: str) -> None:
    """Start a strategy site in DIRECTORY (default: here): an example tree, docs and a config.

    Never overwrites a file: those that exist are kept and named. `mkdocs serve` (or, with
    --generator zensical, `zensical serve` beside `ladder render --watch`) works right after.
    """
    from mkdocs_ladder.authoring.scaffold import init_project

    try:
        written, kept = init_project(directory, generator)
    except FileExistsError as exc:
        raise Failed(f"ladder: {exc} exists: this project has a strategy tree already (`ladder check` checks it)") from None
    say(
        "".join(f"wrote {path}\n" for path in written)
        + "".join(f"kept  {path} (it exists; ladder never overwrites a file)\n" for path in kept),
        nl=False,
    )
    if generator == "mkdocs":
        if (config := directory / "mkdocs.yml") in kept and not lists_plugin(config):
            say("note: add the plugin to your mkdocs.yml:  plugins: [search, ladder]")
        say("next: mkdocs serve")
        return
    from mkdocs_ladder.adapters.render import Target, render_once

    _said(rendered := render_once(load_site_config(directory / "zensical.toml"), Target()))
    if not rendered.ok:
        raise Failed
    say("next: zensical serve, with `ladder render --watch` beside it (or `zensical build` for the site)")


def _said(rendered: Any) -> None:
    """A render's problems and notes on stderr, what it did on stdout."""
    for line in rendered.errors:
        say(line, err=True)
    if rendered.said:
        say(rendered.said)


@main.command()
@click.argument("out_dir", required=False, type=click.Path(path_type=Path, file_okay=False))
@config_option
@dir_option
@click.option("--directory-urls/--no-directory-urls", default=None,
              help="The URL style of the site (default: use_directory_urls of the config, else directory URLs).")  # fmt: skip
@click.option("--watch", is_flag=True, help="Render again on every save of the tree or of ladder's options, until interrupted.")
@click.pass_obj
def render(opts: Options, out_dir: Path | None, directory_urls: bool | None, watch: bool) -> None:
    """Write the pages the plugin generates, as Markdown, for a generator that runs no plugin.

    Without OUT_DIR: into the docs folder of the site's config (zensical.toml, else mkdocs.yml),
    under the plugin's `path` (docs/strategy), and keeps the config's navigation, stylesheet and
    script between its `# ladder: begin` and `# ladder: end` comments. Only what changed is
    written; the pages of nodes that are gone are removed; a folder ladder did not write is
    refused. With --watch, renders again on every save (for `zensical serve`); a bad save
    prints its errors and leaves the last good pages in place.
    """
    from mkdocs_ladder.adapters.render import Target, render_once, renders_on_save

    target = Target(out_dir, opts.directory, directory_urls)
    _said(rendered := render_once(opts.site(), target, watching=watch))
    if not watch:
        if not rendered.ok:
            raise Failed
        return
    saves = renders_on_save(opts.config_file, target, first=rendered.kept)  # what is watched, as it stands before anything is said
    say("watching for changes (Ctrl-C stops)", err=True)
    try:
        for rendered in saves:
            _said(rendered)
            if not rendered.ok:
                say("ladder: the last good pages stay until the errors above are fixed", err=True)
    except KeyboardInterrupt:
        say("stopped", err=True)


@main.command()
@click.option("--format", "fmt", type=click.Choice(["json", "csv", "dot"]), default="json", show_default=True)
@config_option
@dir_option
@click.pass_obj
def export(opts: Options, fmt: str) -> None:
    """Print the validated tree as data: every node with its ladder, status, roll-ups and warnings."""
    from mkdocs_ladder.authoring.export import to_csv, to_dot, to_json

    tree = _valid(checked := _checked(opts, history=True))
    health = [p for p in checked.problems if p.configurable]
    text = {"json": lambda: to_json(tree, health), "csv": lambda: to_csv(tree, health), "dot": lambda: to_dot(tree)}[fmt]()
    say(text, nl=not text.endswith("\n"))


for command in (history, work, trailer, metrics, suggest, mcp):  # the commands that read git or data, in modules of their own
    main.add_command(command)
