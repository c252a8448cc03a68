"""``ladder render``: the pages the plugin generates, written as Markdown into the docs of a site
that runs no plugin (Zensical, or any generator), and kept up to date while the author saves.

Each function returns what it did; the command line prints it.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from mkdocs_ladder.adapters import blocks, files
from mkdocs_ladder.config_file import OPTIONS_FILE, SiteConfig, discover_config, load_site_config
from mkdocs_ladder.errors import UsageError
from mkdocs_ladder.preview import Preview, update
from mkdocs_ladder.project import Project
from mkdocs_ladder.render.site import DiagramMode
from mkdocs_ladder.render.svg import RenderError


@dataclass(frozen=True, slots=True)
class Target:
    """Where and how to render: the output folder (None: the config's docs), the strategy
    directory (None: the config's), and the URL style (None: the config's)."""

    out_dir: Path | None = None
    directory: Path | None = None
    directory_urls: bool | None = None


@dataclass(frozen=True, slots=True)
class Rendered:
    """One render: whether it wrote the pages, what to say (``said``) and what to warn of
    (``errors``: the tree's problems, notes about the config)."""

    ok: bool
    said: str = ""
    errors: list[str] = field(default_factory=list)
    kept: Preview | None = None  # what the next render of a watch may start from (see preview)


def render_once(site_config: SiteConfig, target: Target, previous: Preview | None = None, watching: bool = False) -> Rendered:
    """Check the tree and write its pages (only what changed); nothing is written when the tree
    or a diagram is wrong. With ``previous`` (a watch's last render), only the pages an edit
    touched are made anew, when the preview can (:mod:`~mkdocs_ladder.preview`); ``watching``:
    keep what the next render needs for that (``Rendered.kept``). UsageError for
    a config whose navigation blocks cannot be kept."""
    project = Project.of_site(site_config, target.directory, target.directory_urls)
    settings, root, layout = project.settings, project.strategy_dir, project.options
    out = target.out_dir or site_config.pages_dir
    said = [line.line() for line in project.said()]
    try:
        made = update(
            previous if settings.preview else None,
            project,
            DiagramMode.LINKED,
            (out.resolve(), root.resolve()),
            keep=settings.preview and (watching or previous is not None),
        )
    except RenderError as exc:
        return Rendered(False, errors=[*said, f"ladder: {exc}"], kept=previous)
    errors = [problem.text() for problem in made.published.problems] + said
    site = made.published.site
    if site is None:
        return Rendered(False, errors=errors, kept=previous)
    written = files.write_pages(site, out, layout.folder)
    done = f"rendered {written.pages} pages into {out}: {written.written} files written, {written.unchanged} unchanged, {written.removed} removed"
    if made.renewed is not None:
        done += f" ({len(made.renewed)} node pages made anew)"
    config = site_config.config_file
    if target.out_dir is None and "llms.txt" in site.files:  # the site's root: the docs folder the pages' folder is in
        docs = out.parents[len(PurePosixPath(layout.folder.strip("/")).parts) - 1]
        if (note := files.write_llms(docs, site.files["llms.txt"])) is not None:
            errors.append(note)
    if target.out_dir is not None or config is None:
        needs = f" (the site needs {out.name}/ladder.css in extra_css, and {out.name}/ladder.js in extra_javascript)"
        return Rendered(True, done + needs, errors, made.kept)
    wanted = {
        "nav": files.navigation(site, layout.overview_title, settings.nav_initiatives, settings.nav_max_strategies),
        **blocks.assets(settings.path),
    }
    try:
        changed, missing = blocks.update(config, wanted)
    except ValueError as exc:
        raise UsageError(f"{config}: {exc}") from None
    notes = [
        f"ladder: note: {config.name} has no block for ladder's {name}; add these lines where it belongs, and "
        f"`ladder render` keeps them:\n{blocks.how_to_add(name, config.suffix == '.toml')}"
        for name in missing
    ]
    return Rendered(True, done + (f"; {config.name}: navigation updated" if changed else ""), errors + notes, made.kept)


def _snapshot(paths: list[Path]) -> dict[str, tuple[int, int]]:
    """Every file under ``paths`` with its modification time and size: what watching compares."""
    seen: dict[str, tuple[int, int]] = {}
    for top in paths:
        for path in [top] if top.is_file() else sorted(top.rglob("*")) if top.is_dir() else []:
            try:
                stat = path.stat()
            except OSError:
                continue
            seen[str(path)] = (stat.st_mtime_ns, stat.st_size)
    return seen


def _state(config_file: Path | None, directory: Path | None) -> tuple[dict[str, tuple[int, int]], SiteConfig | UsageError]:
    """What is watched as it stands, and the settings it gives (or what is wrong with them)."""
    config = config_file or discover_config(Path())
    try:
        site_config: SiteConfig | UsageError = load_site_config(config)
    except UsageError as exc:
        site_config = exc
    tree = directory or (site_config.strategy_dir if isinstance(site_config, SiteConfig) else None)
    return _snapshot([config, config.parent / OPTIONS_FILE, *([tree] if tree else [])]), site_config


WATCH_SECONDS = 0.3  # how often watching looks: a save shows within a third of a second


def renders_on_save(
    config_file: Path | None, target: Target, sleep: Callable[[float], None] = time.sleep, first: Preview | None = None
) -> Iterator[Rendered]:
    """Render again whenever the tree, ``ladder.yml`` or the config changes, for ever: each
    render as it happens. What is watched is taken as it stands now, when this is called (not
    when the first render is asked for): a save made meanwhile is seen. Polling a strategy
    directory costs a few milliseconds; it needs no library, and works the same on every file
    system (containers and network drives included). ``first``: what the render before the
    watch kept, for the first render of the watch to start from."""
    before, _ = _state(config_file, target.directory)

    def renders() -> Iterator[Rendered]:
        nonlocal before
        previous = first
        while True:
            sleep(WATCH_SECONDS)
            now, site_config = _state(config_file, target.directory)
            if now == before:
                continue
            before = now  # as it stood before this render: a save made while it runs is seen next time
            try:
                if isinstance(site_config, UsageError):
                    raise site_config
                done = render_once(site_config, target, previous, watching=True)
                previous = done.kept
                yield done
            except UsageError as exc:
                yield Rendered(False, errors=[f"ladder: {exc}"])

    return renders()
