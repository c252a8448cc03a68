"""The ``ladder`` command: check, diff, history, schema, new, init, render and export.

Exit codes follow linters' convention: 0 the tree is valid, 1 it has problems, 2 the command
was used wrongly (no such directory, no mission.yaml).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import click
from pydantic import ValidationError

from mkdocs_ladder import __version__, wiring
from mkdocs_ladder.config_file import OPTIONS_FILE, PLUGIN_NAME, OptionsFileError, SiteConfig, discover_config, read_site_config
from mkdocs_ladder.errors import FORMAT_RULES, UsageError, as_json, as_sarif, did_you_mean, format_github, format_text, has_errors
from mkdocs_ladder.health import RULES
from mkdocs_ladder.settings import SettingsError
from mkdocs_ladder.tree.model import Level, Node

if TYPE_CHECKING:
    from mkdocs_ladder.history.events import Event
    from mkdocs_ladder.tree.sources import GitSource

# Each command imports what only it needs (rendering, git, schemas) when it runs: `ladder
# check` runs on every pull request, and should not pay for loading a page renderer.
from mkdocs_ladder.check import Checked, HistoryFor, check_directory

USAGE_EXIT = 2


CONFIG_HELP = (
    "The site's config (default: zensical.toml here, else mkdocs.yml); ladder's options come from ladder.yml beside it when it exists."
)


def _site_config(config_file: Path | None) -> SiteConfig:
    """The settings of the config file (found in this folder when not given: zensical.toml, else
    mkdocs.yml; the defaults when none exists); a wrong option is a usage error, worded as
    `mkdocs build` words it."""
    config_file = config_file or discover_config(Path())
    try:
        return read_site_config(config_file)
    except OptionsFileError as exc:
        raise UsageError(str(exc)) from None
    except SettingsError as exc:
        source = config_file.parent / OPTIONS_FILE
        where = f"{source}: option" if source.is_file() else f"{config_file}: plugin '{PLUGIN_NAME}' option"
        raise UsageError("\n".join(f"{where} '{option}': {text}" for option, text in exc.problems)) from None


def _usage(exc: Exception) -> NoReturn:
    """A command used wrongly (no such directory, no mission.yaml, a bad setting): exit 2."""
    click.echo(f"ladder: {exc}", err=True)
    sys.exit(USAGE_EXIT)


def _checked(directory: Path | None, config_file: Path | None, history: bool = False) -> tuple[Path, Checked, SiteConfig]:
    """The tree as the command's options find it, checked with the configured health rules
    (with ``history``, also the rules that read the tree's history, when the settings allow),
    and the site's config it was read with."""
    try:
        site = _site_config(config_file)
        root = directory or site.strategy_dir
        reader = wiring.history_reader(site.settings, root, site.base) if history else None
        checked = check_directory(root, wiring.health_settings(site.settings), reader)
    except UsageError as exc:
        _usage(exc)
    if checked.history is not None and not checked.history.available and not checked.history.quiet:
        click.echo(f"ladder: warning: no history is available, so its rules were skipped: {checked.history.reason}", err=True)
    return root, checked, site


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="ladder")
def main() -> None:
    """Strategy as code: check and publish a mission, its strategies and their initiatives."""


@main.command()
@click.argument("directory", required=False, type=click.Path(path_type=Path, file_okay=False))
@click.option("-f", "--config-file", type=click.Path(path_type=Path, dir_okay=False), default=None, help=CONFIG_HELP)
@click.option("--strict", is_flag=True, help="Fail (exit 1) on warnings too, as `mkdocs build --strict` does.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "github", "json", "sarif"]),
    default="text",
    show_default=True,
    help="text: PATH:LINE:COL lines; github: workflow commands that annotate a pull request; json; sarif: SARIF 2.1.0.",
)
@click.option("--no-history", is_flag=True, help="Skip the rules that read the tree's history from git.")
def check(directory: Path | None, config_file: Path | None, strict: bool, fmt: str, no_history: bool) -> None:
    """Validate the strategy tree in DIRECTORY and report every problem as PATH:LINE:COL.

    Without DIRECTORY, reads strategy_dir from ladder's options (ladder.yml, else the ladder
    plugin entry of ./mkdocs.yml), else ./strategy. Health rules are configured there too. In a git repository, the rules
    that read the tree's history run too (no-recent-progress, scope-creep, stale-review); in a
    shallow clone they are skipped with a warning. Text is coloured in a terminal, and never
    when piped or when NO_COLOR is set.
    """
    root, result, site = _checked(directory, config_file, history=not no_history)
    problems = result.problems
    errors = sum(1 for p in problems if p.severity == "error")
    warnings = len(problems) - errors
    failed = has_errors(problems) or (strict and warnings > 0)
    if fmt == "json":
        click.echo(json.dumps([as_json(p) for p in problems], indent=2))
    elif fmt == "sarif":
        rules = {**FORMAT_RULES, **{rule.id: rule.title for rule in RULES.values()}}
        click.echo(json.dumps(as_sarif(problems, rules, __version__), indent=2))
    else:
        colour = fmt == "text" and sys.stdout.isatty() and not os.environ.get("NO_COLOR")
        if fmt == "github" and problems:
            # GitHub shows only the first annotations of a step: the full list goes to the log too.
            click.echo(f"::group::ladder check: {errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}")
            for problem in problems:
                click.echo(problem.text())
            click.echo("::endgroup::")
        for problem in problems:
            click.echo(format_github(problem) if fmt == "github" else format_text(problem, colour), color=colour)
        if failed:
            click.echo(
                f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)} in {root}"
                + (" (--strict)" if strict and not errors else "")
            )
        elif result.tree is not None:  # not failed: the tree is valid
            counts, names = result.tree.counts(), wiring.health_settings(site.settings).names
            summary = ", ".join(f"{counts[level]} {names.noun(level) if counts[level] == 1 else names.plural(level)}" for level in Level)
            tail = f" ({warnings} warning{'s' * (warnings != 1)})" if warnings else ""
            click.echo(f"{root}: ok: {summary}{tail}")
    if failed:
        sys.exit(1)


def _git_source(directory: Path, revision: str) -> GitSource:
    """The strategy directory as it was at ``revision`` of the repository that holds it."""
    from mkdocs_ladder.tree.sources import GitSource

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
@click.option(
    "-d",
    "--dir",
    "directory",
    type=click.Path(path_type=Path, file_okay=False),
    help="The strategy directory (default: strategy_dir from mkdocs.yml, else ./strategy).",
)
@click.option("-f", "--config-file", type=click.Path(path_type=Path, dir_okay=False), default=None, help=CONFIG_HELP)
@click.option("--format", "fmt", type=click.Choice(["markdown", "json"]), default="markdown", show_default=True)
def diff(base: str, head: str | None, directory: Path | None, config_file: Path | None, fmt: str) -> None:
    """Summarise how the tree changed from git revision BASE to HEAD (default: the working tree).

    Prints Markdown fit for a pull-request comment: nodes added, removed, renamed and
    re-parented, status and owner changes, steps completed, and the health warnings that the
    change introduces or clears. Reads the files through git, so a shallow clone works as
    long as BASE has been fetched.
    """
    from mkdocs_ladder.authoring.diff import diff_trees, to_markdown
    from mkdocs_ladder.history import HistoryOptions, HistoryReader

    try:
        site = _site_config(config_file)
        root, settings = directory or site.strategy_dir, wiring.health_settings(site.settings)
        reader = HistoryReader.of(root, HistoryOptions(site.settings.history_days, None), settings.today)

        def history_at(revision: str | None) -> HistoryFor | None:
            if not site.settings.history:
                return None
            return lambda tree, versions: reader(tree, versions, revision)

        before = check_directory(_git_source(root, base), settings, history_at(base))
        after = check_directory(_git_source(root, head) if head else root, settings, history_at(head))
    except UsageError as exc:
        _usage(exc)
    result = diff_trees(before, after, base, head or "working tree")
    markdown = to_markdown(result, settings.names) if fmt != "json" else ""
    click.echo(json.dumps(result.as_dict(), indent=2) if fmt == "json" else markdown, nl=fmt == "json")


@main.command()
@click.argument("node_id", metavar="[ID]", required=False)
@click.option("-d", "--dir", "directory", type=click.Path(path_type=Path, file_okay=False), help="The strategy directory.")
@click.option("-f", "--config-file", type=click.Path(path_type=Path, dir_okay=False), default=None, help=CONFIG_HELP)
@click.option("--weeks", type=click.IntRange(min=1), default=12, show_default=True, help="Without ID: how many weeks of changes.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def history(node_id: str | None, directory: Path | None, config_file: Path | None, weeks: int, fmt: str) -> None:
    """The tree over time, read from git: a node's timeline (ID), or the recent changes.

    Dates are the days of the commits (UTC); uncommitted changes count as today. Exit 2 when
    there is no history to read (not a git repository, a shallow clone, `history: false`).
    """
    from mkdocs_ladder.history.events import node_events, recent

    try:
        site = _site_config(config_file)
        root = directory or site.strategy_dir
        reader = wiring.history_reader(site.settings, root, site.base)
        if reader is None:
            raise UsageError(f"{site.options_file or site.config_file or config_file}: history is off (`history: false`)")
        checked = check_directory(root, wiring.health_settings(site.settings))
    except UsageError as exc:
        _usage(exc)
    past = reader(checked.tree)  # an invalid working tree: history up to the last commit
    if not past.available:
        _usage(UsageError(f"no history: {past.reason}"))
    if node_id is None:
        events = recent(past, reader.today, weeks * 7)
        if fmt == "json":
            click.echo(
                json.dumps(
                    {
                        "since": (reader.today - timedelta(days=weeks * 7)).isoformat(),
                        "until": reader.today.isoformat(),
                        "events": [e.as_json() for e in events],
                    },
                    indent=2,
                )
            )
        else:
            click.echo(f"{len(events)} change{'s' * (len(events) != 1)} in the last {weeks} weeks (to {reader.today.isoformat()})")
            for event in events:
                click.echo(_event_line(event))
        return
    node = past.nodes.get(node_id)
    if node is None:
        hint = did_you_mean(node_id, past.nodes)
        _usage(UsageError(f"no node '{node_id}' in the history{hint}"))
    if fmt == "json":
        click.echo(json.dumps({**node.describe(), "events": [e.as_json() for e in node_events(node)]}, indent=2))
        return
    click.echo(f"{node.id}: {node.title} ({node.level.noun})")
    click.echo(
        f"created {node.created.isoformat()}, last changed {node.changed.isoformat()}"
        + (f", removed {node.removed.isoformat()}" if node.removed else "")
    )
    for event in node_events(node):
        click.echo(_event_line(event, with_node=False))


def _event_line(event: Event, with_node: bool = True) -> str:
    """One event as a line: the date, what happened, to which node."""
    what = {
        "added": f"added ({event.after})",
        "status": f"status {event.before} -> {event.after}",
        "step": f"step done: {event.what}",
        "metric": f"{event.what}: {event.before} -> {event.after}",
        "removed": "removed",
    }[event.kind]
    return f"{event.day.isoformat()}  {event.node + ': ' if with_node else ''}{what}"


@main.command()
@click.argument("kind", type=click.Choice(["node", "owners"]), default="node")
@click.option("-f", "--config-file", type=click.Path(path_type=Path, dir_okay=False), default=None, help=CONFIG_HELP)
def schema(kind: str, config_file: Path | None) -> None:
    """Print the JSON Schema of a node file (or of owners.yaml), for editors' YAML support.

    A node's `kind` is completed from the site's kinds of work (the `kinds` option of the config file).
    """
    from mkdocs_ladder.authoring.schema import node_file_schema, owners_file_schema

    try:
        site = _site_config(config_file)
    except UsageError as exc:
        _usage(exc)
    kinds = wiring.kind_descriptions(site.settings, wiring.labels_for(site.settings, site.language))
    click.echo(json.dumps(node_file_schema(kinds) if kind == "node" else owners_file_schema(), indent=2))


@main.command()
@click.argument("level", type=click.Choice(["strategy", "initiative"]))
@click.argument("node_id", metavar="ID")
@click.option("-p", "--parent", help="The id of the node one level up (a strategy's parent is the mission, the default).")
@click.option("-t", "--title", help="The title, one line (a TODO otherwise).")
@click.option("-o", "--owner", help="The owning team or person.")
@click.option("-k", "--kind", help="The kind of work (one of the site's kinds); the fields it requires are written in.")
@click.option("-d", "--dir", "directory", type=click.Path(path_type=Path, file_okay=False), help="The strategy directory.")
@click.option("-f", "--config-file", type=click.Path(path_type=Path, dir_okay=False), default=None, help=CONFIG_HELP)
def new(
    level: str,
    node_id: str,
    parent: str | None,
    title: str | None,
    owner: str | None,
    kind: str | None,
    directory: Path | None,
    config_file: Path | None,
) -> None:
    """Write a new, valid strategy or initiative file with every field commented in.

    Refuses to overwrite a file, to reuse an id, and a parent that does not exist or sits at
    the wrong level.
    """
    from mkdocs_ladder.authoring.scaffold import node_skeleton, write_new

    wanted = Level.STRATEGY if level == "strategy" else Level.INITIATIVE
    root, checked, site = _checked(directory, config_file)
    tree = checked.partial
    if tree is None:  # the tree could not even be read whole: fix that first
        for problem in checked.problems:
            click.echo(problem.text(), err=True)
        sys.exit(1)
    parent = parent or ("mission" if wanted is Level.STRATEGY else None)
    problems = []
    try:
        Node.model_validate({"id": node_id, "title": title or "x"})
    except ValidationError as exc:
        problems += [f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors(include_url=False)]
    if owner is not None and not owner.strip():
        problems.append("owner: must not be empty")
    kinds, names = site.settings.kind_requirements(), wiring.health_settings(site.settings).names
    if kind is not None and kind not in kinds:
        problems.append(f"kind '{kind}' is not a kind of work of this site{did_you_mean(kind, list(kinds))}; the kinds: {', '.join(kinds)}")
    if node_id in tree.nodes:
        where = tree.origins[node_id]
        problems.append(f"id '{node_id}' exists already ({os.path.relpath(where.path)}:{where.line})")
    if parent is None:
        problems.append(f"{names.article(wanted)} needs --parent: the id of {names.article(Level.STRATEGY)}")
    elif parent not in tree.nodes:
        close = [n.id for n in tree.nodes.values() if tree.level(n.id) is Level(wanted - 1)]
        problems.append(f"parent '{parent}' names no node{did_you_mean(parent, close)}")
    elif tree.level(parent) is not Level(wanted - 1):
        problems.append(
            f"parent '{parent}' is {names.article(tree.level(parent))}; {names.article(wanted)}'s parent must be {names.article(Level(wanted - 1))}"
        )
    path = root / wanted.folder / f"{node_id}.yaml"
    for existing in (path, path.with_suffix(".yml")):
        if existing.exists():
            problems.append(f"{existing} exists already; ladder never overwrites a file")
    if problems or parent is None:  # no parent is among the problems
        for wrong in problems:
            click.echo(f"ladder: {wrong}", err=True)
        sys.exit(1)
    try:
        write_new(
            path, node_skeleton(wanted, parent, tree.nodes[parent].title, title, owner, kind, kinds.get(kind or "", ()), tuple(kinds))
        )
    except FileExistsError:
        click.echo(f"ladder: {path} exists already; ladder never overwrites a file", err=True)
        sys.exit(1)
    click.echo(f"wrote {path}: fill in the TODOs, then run `ladder check`")


@main.command()
@click.argument("directory", type=click.Path(path_type=Path, file_okay=False), default=Path())
@click.option(
    "--generator",
    type=click.Choice(["mkdocs", "zensical"]),
    default="mkdocs",
    show_default=True,
    help="mkdocs: mkdocs.yml with the plugin. zensical: zensical.toml, ladder.yml, and the pages rendered.",
)
def init(directory: Path, generator: str) -> None:
    """Start a strategy site in DIRECTORY (default: here): an example tree, docs and a config.

    Never overwrites a file: those that exist are kept and named. `mkdocs serve` (or, with
    --generator zensical, `zensical serve` beside `ladder render --watch`) works right after.
    """
    from mkdocs_ladder.authoring.scaffold import init_project

    try:
        written, kept = init_project(directory, generator)
    except FileExistsError as exc:
        click.echo(f"ladder: {exc} exists: this project has a strategy tree already (`ladder check` checks it)", err=True)
        sys.exit(1)
    for path in written:
        click.echo(f"wrote {path}")
    for path in kept:
        click.echo(f"kept  {path} (it exists; ladder never overwrites a file)")
    if generator == "mkdocs":
        config = directory / "mkdocs.yml"
        if config in kept and not _lists_plugin(config):
            click.echo("note: add the plugin to your mkdocs.yml:  plugins: [search, ladder]")
        click.echo("next: mkdocs serve")
        return
    config = directory / "zensical.toml"
    try:
        ok = _render(_site_config(config), None, None, None)
    except UsageError as exc:
        _usage(exc)
    if not ok:
        sys.exit(1)
    click.echo("next: zensical serve, with `ladder render --watch` beside it (or `zensical build` for the site)")


def _lists_plugin(config_file: Path) -> bool:
    try:
        return read_site_config(config_file).lists_plugin
    except SettingsError:
        return True  # listed, with options to fix: `ladder check` says which


@main.command()
@click.argument("out_dir", required=False, type=click.Path(path_type=Path, file_okay=False))
@click.option("-d", "--dir", "directory", type=click.Path(path_type=Path, file_okay=False), help="The strategy directory.")
@click.option("-f", "--config-file", type=click.Path(path_type=Path, dir_okay=False), default=None, help=CONFIG_HELP)
@click.option(
    "--directory-urls/--no-directory-urls",
    default=None,
    help="The URL style of the site (default: use_directory_urls of the config, else directory URLs).",
)
@click.option("--watch", is_flag=True, help="Render again on every save of the tree or of ladder's options, until interrupted.")
def render(out_dir: Path | None, directory: Path | None, config_file: Path | None, directory_urls: bool | None, watch: bool) -> None:
    """Write the pages the plugin generates, as Markdown, for a generator that runs no plugin.

    Without OUT_DIR: into the docs folder of the site's config (zensical.toml, else mkdocs.yml),
    under the plugin's `path` (docs/strategy), and keeps the config's navigation, stylesheet and
    script between its `# ladder: begin` and `# ladder: end` comments. Only what changed is
    written; the pages of nodes that are gone are removed; a folder ladder did not write is
    refused. With --watch, renders again on every save (for `zensical serve`); a bad save
    prints its errors and leaves the last good pages in place.
    """
    try:
        site_config = _site_config(config_file)
        ok = _render(site_config, out_dir, directory, directory_urls)
    except UsageError as exc:
        _usage(exc)
    if not watch:
        sys.exit(0 if ok else 1)
    _watch(config_file, out_dir, directory, directory_urls)


def _render(site_config: SiteConfig, out_dir: Path | None, directory: Path | None, directory_urls: bool | None) -> bool:
    """One render; False (the errors printed, nothing written) when the tree or a diagram is wrong."""
    from mkdocs_ladder.adapters import blocks, files
    from mkdocs_ladder.adapters.files import write_pages
    from mkdocs_ladder.publish import build_site, prune
    from mkdocs_ladder.render.pages import DiagramMode
    from mkdocs_ladder.render.svg import RenderError

    settings = site_config.settings
    root = directory or site_config.strategy_dir
    target = out_dir or site_config.pages_dir
    layout = wiring.page_options(settings, site_config.directory_urls if directory_urls is None else directory_urls, site_config.language)
    health = wiring.health_settings(settings)
    reader = wiring.history_reader(settings, root, site_config.base)
    checked = check_directory(root, health, reader)
    for problem in checked.problems:
        click.echo(problem.text(), err=True)
    if checked.tree is None:
        return False
    renderer = wiring.renderer(settings, site_config.base)
    try:
        built = build_site(checked, layout, renderer, DiagramMode.LINKED, today=health.today)
    except RenderError as exc:
        click.echo(f"ladder: {exc}", err=True)
        return False
    written = write_pages(built.site, target, layout.folder)
    if renderer.cache is not None:
        prune(renderer.cache, built.rendered.keys, others=[name] if reader and (name := reader.cache_entry()) else [])
    done = (
        f"rendered {written.pages} pages into {target}: {written.written} files written, "
        f"{written.unchanged} unchanged, {written.removed} removed"
    )
    config = site_config.config_file
    if out_dir is not None or config is None:
        click.echo(done + f" (the site needs {target.name}/ladder.css in extra_css, and {target.name}/ladder.js in extra_javascript)")
        return True
    wanted = {
        "nav": files.navigation(built.site, layout.overview_title, settings.nav_initiatives, settings.nav_max_strategies),
        **blocks.assets(settings.path),
    }
    try:
        changed, missing = blocks.update(config, wanted)
    except ValueError as exc:
        raise UsageError(f"{config}: {exc}") from None
    click.echo(done + (f"; {config.name}: navigation updated" if changed else ""))
    for name in missing:
        click.echo(
            f"ladder: note: {config.name} has no block for ladder's {name}; add these lines where it belongs, and "
            f"`ladder render` keeps them:\n{blocks.how_to_add(name, config.suffix == '.toml')}",
            err=True,
        )
    return True


def _snapshot(paths: list[Path]) -> dict[str, tuple[int, int]]:
    """Every file under ``paths`` with its modification time and size: what --watch compares."""
    seen: dict[str, tuple[int, int]] = {}
    for top in paths:
        for path in [top] if top.is_file() else sorted(top.rglob("*")) if top.is_dir() else []:
            try:
                stat = path.stat()
            except OSError:
                continue
            seen[str(path)] = (stat.st_mtime_ns, stat.st_size)
    return seen


WATCH_SECONDS = 0.3  # how often --watch looks: a save shows within a third of a second


def _watch(config_file: Path | None, out_dir: Path | None, directory: Path | None, directory_urls: bool | None) -> None:
    """Render again whenever the tree, ladder.yml or the config changes, until interrupted.
    Polling a strategy directory costs a few milliseconds; it needs no library, and works the
    same on every file system (containers and network drives included)."""
    import time

    def state() -> tuple[dict[str, tuple[int, int]], SiteConfig | UsageError]:
        """What is watched as it stands, and the settings it gives (or what is wrong with them)."""
        config = config_file or discover_config(Path())
        try:
            site_config: SiteConfig | UsageError = _site_config(config)
        except UsageError as exc:
            site_config = exc
        tree = directory or (site_config.strategy_dir if isinstance(site_config, SiteConfig) else None)
        return _snapshot([config, config.parent / OPTIONS_FILE, *([tree] if tree else [])]), site_config

    try:
        before, _ = state()
        click.echo("watching for changes (Ctrl-C stops)", err=True)
        while True:
            time.sleep(WATCH_SECONDS)
            now, site_config = state()
            if now == before:
                continue
            before = now  # as it stood before this render: a save made while it runs is seen next time
            try:
                if isinstance(site_config, UsageError):
                    raise site_config
                ok = _render(site_config, out_dir, directory, directory_urls)
            except UsageError as exc:
                click.echo(f"ladder: {exc}", err=True)
                ok = False
            if not ok:
                click.echo("ladder: the last good pages stay until the errors above are fixed", err=True)
    except KeyboardInterrupt:
        click.echo("stopped", err=True)


@main.command()
@click.option("--format", "fmt", type=click.Choice(["json", "csv", "dot"]), default="json", show_default=True)
@click.option("-d", "--dir", "directory", type=click.Path(path_type=Path, file_okay=False), help="The strategy directory.")
@click.option("-f", "--config-file", type=click.Path(path_type=Path, dir_okay=False), default=None, help=CONFIG_HELP)
def export(fmt: str, directory: Path | None, config_file: Path | None) -> None:
    """Print the validated tree as data: every node with its ladder, status, roll-ups and warnings."""
    from mkdocs_ladder.authoring.export import to_csv, to_dot, to_json

    _, checked, _ = _checked(directory, config_file, history=True)
    if checked.tree is None:
        for problem in checked.problems:
            click.echo(problem.text(), err=True)
        sys.exit(1)
    health = [p for p in checked.problems if p.configurable]
    tree = checked.tree
    text = {"json": lambda: to_json(tree, health), "csv": lambda: to_csv(tree, health), "dot": lambda: to_dot(tree)}[fmt]()
    click.echo(text, nl=not text.endswith("\n"))
