"""The site's config file, read without MkDocs: ladder's settings, where paths start, the URL style.

The CLI (``check``, ``diff``, ``render``, ``export``) must use the ``strategy_dir``, health
rules and page options that the plugin uses, without importing MkDocs, so that ``ladder
render`` serves sites that cannot run an MkDocs plugin. The file's tags (``!ENV``,
``!!python/name:``) are never run: they read as nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from mkdocs_ladder.settings import Settings, parse_settings

PLUGIN_NAME = "ladder"


class _TolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without running its tags (``!ENV``, ``!!python/name:``): they become None."""


_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def read_config_file(config_file: Path) -> dict[str, Any]:
    """The config file as data ({} when it is missing or unreadable: the defaults then apply)."""
    try:
        data = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_TolerantLoader)  # noqa: S506 - every tag is disarmed above
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return {}
    return data if isinstance(data, dict) else {}


def plugin_entry(config: Mapping[str, Any]) -> dict[str, Any] | None:
    """The ``ladder`` plugin's options in a config (``{}`` when listed bare), else None."""
    plugins = config.get("plugins")
    if isinstance(plugins, dict):
        entries: list[tuple[object, object]] = list(plugins.items())
    else:
        entries = [next(iter(p.items())) if isinstance(p, dict) and len(p) == 1 else (p, None) for p in plugins or []]
    for name, options in entries:
        if name == PLUGIN_NAME:
            return options if isinstance(options, dict) else {}
    return None


@dataclass(frozen=True, slots=True)
class SiteConfig:
    """What the CLI needs of a site's config file: ladder's settings, where its relative paths
    start, the site's URL style, and whether the file lists the plugin at all."""

    settings: Settings
    base: Path
    directory_urls: bool
    lists_plugin: bool
    language: str | None = None  # the theme's language (Material's ``theme.language``)

    @property
    def strategy_dir(self) -> Path:
        return self.base / self.settings.strategy_dir


def read_site_config(config_file: Path) -> SiteConfig:
    """The settings of ``config_file`` (the defaults when it does not exist); SettingsError when
    an option is wrong, with the same words ``mkdocs build`` would print."""
    config = read_config_file(config_file) if config_file.is_file() else {}
    entry = plugin_entry(config)
    settings = parse_settings(entry or {})
    theme = config.get("theme")
    language = theme.get("language") if isinstance(theme, dict) else None
    return SiteConfig(settings, config_file.parent, config.get("use_directory_urls", True) is not False, entry is not None,
                      language if isinstance(language, str) else None)


