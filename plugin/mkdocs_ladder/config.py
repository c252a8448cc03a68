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

from .loader import DEFAULT_STRATEGY_DIR

PLUGIN_NAME = "ladder"


class LadderConfig(Config):
    """Options of ``plugins: [ladder]``; every one is optional."""

    enabled = c.Type(bool, default=True)
    strategy_dir = c.Type(str, default=DEFAULT_STRATEGY_DIR)


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


def strategy_dir_for(mkdocs_yml: Path) -> Path:
    """``strategy_dir`` as the plugin would resolve it: relative to the folder of mkdocs.yml."""
    options = plugin_options(mkdocs_yml) or {}
    configured = options.get("strategy_dir")
    return mkdocs_yml.parent / (configured if isinstance(configured, str) else DEFAULT_STRATEGY_DIR)
