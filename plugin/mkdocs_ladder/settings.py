"""The plugin's settings outside MkDocs: read from mkdocs.yml, turned into core settings.

The CLI (``check``, ``diff``, ``render``, ``export``) must read the same ``strategy_dir``,
health rules and page options that the plugin uses, without importing MkDocs, so that
``ladder render`` serves sites that cannot run an MkDocs plugin. The defaults live here once;
the plugin's typed config (:mod:`.config`) uses them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from typing import TYPE_CHECKING

from .health import DEFAULT_MAX_OPEN_STEPS, HealthSettings, settings_problems
from .loader import DEFAULT_STRATEGY_DIR

if TYPE_CHECKING:  # rendering is imported by the functions that need it: `ladder check` does not
    from .render.pages import PageOptions
    from .render.svg import SvgRenderer

PLUGIN_NAME = "ladder"
DEFAULTS: dict[str, Any] = {
    "strategy_dir": DEFAULT_STRATEGY_DIR,
    "path": "strategy",
    "nav_title": "Strategy",
    "nav_initiatives": False,
    "nav_max_strategies": 50,
    "overview_max_nodes": 60,
    "diagram_max_children": 60,
    "dot_executable": "dot",
    "dot_timeout": 30,
    "cache": True,
    "cache_dir": ".cache/plugin/ladder",
    "max_open_steps": DEFAULT_MAX_OPEN_STEPS,
}


class _TolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without running its tags (``!ENV``, ``!!python/name:``): they become None."""


_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def read_mkdocs_yml(mkdocs_yml: Path) -> dict[str, Any]:
    """mkdocs.yml as data ({} when it is missing or unreadable: the defaults then apply)."""
    try:
        data = yaml.load(mkdocs_yml.read_text(encoding="utf-8"), Loader=_TolerantLoader)  # noqa: S506 - tags disarmed
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return {}
    return data if isinstance(data, dict) else {}


def plugin_options(mkdocs_yml: Path) -> dict[str, Any] | None:
    """The ``ladder`` plugin's options in ``mkdocs_yml`` (``{}`` when listed bare), else ``None``."""
    plugins = read_mkdocs_yml(mkdocs_yml).get("plugins")
    entries = plugins.items() if isinstance(plugins, dict) else (
        (next(iter(p.items())) if isinstance(p, dict) and len(p) == 1 else (p, None)) for p in plugins or []
    )
    for name, options in entries:
        if name == PLUGIN_NAME:
            return options if isinstance(options, dict) else {}
    return None


def option(options: dict[str, Any], name: str) -> Any:
    value = options.get(name)
    return DEFAULTS[name] if value is None else value


def strategy_dir_for(mkdocs_yml: Path) -> Path:
    """``strategy_dir`` as the plugin would resolve it: relative to the folder of mkdocs.yml."""
    configured = option(plugin_options(mkdocs_yml) or {}, "strategy_dir")
    return mkdocs_yml.parent / (configured if isinstance(configured, str) else DEFAULT_STRATEGY_DIR)


def health_settings(options: dict[str, Any]) -> HealthSettings:
    """The health settings of a plugin entry; ValueError naming every wrong one."""
    levels = options.get("health") or {}
    steps = option(options, "max_open_steps")
    wrong = settings_problems(levels) if isinstance(levels, dict) else ["health: must be a mapping of rule id to off, warning or error"]
    if not isinstance(steps, int) or isinstance(steps, bool) or steps < 0:
        wrong.append(f"max_open_steps: must be a whole number, not {steps!r}")
    if wrong:
        raise ValueError("; ".join(wrong))
    return HealthSettings(levels=dict(levels), max_open_steps=steps)


def page_options(options: dict[str, Any], directory_urls: bool) -> PageOptions:
    from .render.pages import PageOptions

    return PageOptions(
        folder=option(options, "path"),
        directory_urls=directory_urls,
        overview_max_nodes=option(options, "overview_max_nodes"),
        diagram_max_children=option(options, "diagram_max_children"),
        overview_title=option(options, "nav_title"),
    )


def renderer_for(options: dict[str, Any], base: Path, current: SvgRenderer | None = None) -> SvgRenderer:
    """The diagram renderer the options ask for (``current`` is kept when it matches: its memory cache)."""
    from .render.svg import SvgRenderer

    cache_dir = base / option(options, "cache_dir") if option(options, "cache") else None
    wanted = (option(options, "dot_executable"), cache_dir, float(option(options, "dot_timeout")))
    if current is not None and (current.executable, current.cache_dir, current.timeout) == wanted:
        return current
    return SvgRenderer(*wanted)
