"""The plugin's options, and how the CLI finds the same ``strategy_dir`` setting in mkdocs.yml.

The options are a typed MkDocs ``Config`` class (as mkdocs-material's tags plugin does), so
MkDocs validates them and reports a wrong option before the build starts.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from mkdocs.config import config_options as c
from mkdocs.config.base import Config

from .health import DEFAULT_MAX_OPEN_STEPS, LEVELS, HealthSettings, settings_problems
from .loader import DEFAULT_STRATEGY_DIR

PLUGIN_NAME = "ladder"


class LadderConfig(Config):
    """Options of ``plugins: [ladder]``; every one is optional."""

    enabled = c.Type(bool, default=True)
    #: The strategy directory, relative to the folder holding mkdocs.yml.
    strategy_dir = c.Type(str, default=DEFAULT_STRATEGY_DIR)
    #: The folder of the site that the generated pages go to (``strategy/`` and ``strategy/<id>/``).
    path = c.Type(str, default="strategy")
    #: The title of the nav section and of the overview page.
    nav_title = c.Type(str, default="Strategy")
    #: List every initiative in the nav under its strategy (for small trees; see the docs).
    nav_initiatives = c.Type(bool, default=False)
    #: Past this many nodes, the overview diagram shows the mission and strategies with counts.
    overview_max_nodes = c.Type(int, default=60)
    #: Past this many children, a node's diagram shows one box per status instead.
    diagram_max_children = c.Type(int, default=60)
    #: Graphviz's dot: a name on PATH or a path.
    dot_executable = c.Type(str, default="dot")
    #: Seconds one diagram may take before dot is killed and the build fails, naming the node.
    dot_timeout = c.Type((int, float), default=30)
    #: Severity per health rule: off, warning or error (see the health rules page).
    health = c.DictOfItems(c.Choice(LEVELS), default={})
    #: The most open steps an active initiative may have before it is "too big".
    max_open_steps = c.Type(int, default=DEFAULT_MAX_OPEN_STEPS)
    #: Keep rendered diagrams on disk between builds (in memory they are always kept during serve).
    cache = c.Type(bool, default=True)
    #: Where, relative to the folder holding mkdocs.yml.
    cache_dir = c.Type(str, default=".cache/plugin/ladder")


class _TolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without running its tags (``!ENV``, ``!!python/name:``): they become None."""


_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def plugin_options(mkdocs_yml: Path) -> dict[str, Any] | None:
    """The ``ladder`` plugin's options in ``mkdocs_yml`` (``{}`` when listed bare), else ``None``."""
    try:
        data = yaml.load(mkdocs_yml.read_text(encoding="utf-8"), Loader=_TolerantLoader)  # noqa: S506 - tags disarmed
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None
    plugins = data.get("plugins") if isinstance(data, dict) else None
    entries = plugins.items() if isinstance(plugins, dict) else (
        (next(iter(p.items())) if isinstance(p, dict) and len(p) == 1 else (p, None)) for p in plugins or []
    )
    for name, options in entries:
        if name == PLUGIN_NAME:
            return options if isinstance(options, dict) else {}
    return None


def health_settings(options: dict[str, Any]) -> HealthSettings:
    """The health settings of a plugin entry; ValueError naming every wrong one."""
    levels = options.get("health") or {}
    steps = options.get("max_open_steps", DEFAULT_MAX_OPEN_STEPS)
    wrong = settings_problems(levels) if isinstance(levels, dict) else ["health: must be a mapping of rule id to off, warning or error"]
    if not isinstance(steps, int) or isinstance(steps, bool) or steps < 0:
        wrong.append(f"max_open_steps: must be a whole number, not {steps!r}")
    if wrong:
        raise ValueError("; ".join(wrong))
    return HealthSettings(levels=dict(levels), max_open_steps=steps)


def strategy_dir_for(mkdocs_yml: Path) -> Path:
    """``strategy_dir`` as the plugin would resolve it: relative to the folder of mkdocs.yml."""
    options = plugin_options(mkdocs_yml) or {}
    configured = options.get("strategy_dir")
    return mkdocs_yml.parent / (configured if isinstance(configured, str) else DEFAULT_STRATEGY_DIR)
