"""The site's config file, read without MkDocs: ladder's settings, where paths start, the URL style.

The CLI (``check``, ``diff``, ``render``, ``export``) must use the ``strategy_dir``, health
rules and page options that the plugin uses, without importing MkDocs, so that ``ladder
render`` serves sites that cannot run an MkDocs plugin. The file's tags (``!ENV``,
``!!python/name:``) are never run: they read as nothing.

Two generators' configs are read: ``mkdocs.yml`` (MkDocs, or Zensical reading it) and
``zensical.toml``. ladder's options live in the ``ladder`` plugin entry of ``mkdocs.yml``
(the MkDocs plugin), or in a file of their own, ``ladder.yml`` beside the config: Zensical
runs no third-party plugin and plans to validate its config, so options kept in its file
could one day be refused; ``ladder.yml`` is ladder's alone, in the same YAML as the tree, and
read the same way by ``ladder check`` whatever builds the site. When it exists it wins.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from mkdocs_ladder.errors import UsageError
from mkdocs_ladder.settings import Settings, SettingsError, parse_settings
from mkdocs_ladder.tree.scalars import plain
from mkdocs_ladder.tree.yamlsafe import EMPTY, Mark, YamlProblem, decode, parse_yaml

PLUGIN_NAME = "ladder"
OPTIONS_FILE = "ladder.yml"  # ladder's options beside a config that cannot hold them (zensical.toml)
ZENSICAL_CONFIG = "zensical.toml"
MKDOCS_CONFIG = "mkdocs.yml"


def discover_config(directory: Path) -> Path:
    """The site's config in ``directory``: ``zensical.toml`` when it exists, else ``mkdocs.yml``
    (which need not exist: the defaults then apply)."""
    for name in (ZENSICAL_CONFIG, MKDOCS_CONFIG, "mkdocs.yaml"):
        if (directory / name).is_file():
            return directory / name
    return directory / MKDOCS_CONFIG


_PLAIN = "tag:ladder,2026:plain"


class _TolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without running its tags (``!ENV``, ``!!python/name:``): they become None.
    Plain scalars are read as ladder reads its own files, by YAML 1.2's core schema
    (:mod:`mkdocs_ladder.tree.scalars`): ``nav_title: No`` is the text "No"."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        if kind is yaml.ScalarNode and implicit[0]:
            return _PLAIN
        return super().resolve(kind, value, implicit)  # type: ignore[no-untyped-call]  # PyYAML's resolver has no annotations


_TolerantLoader.add_constructor(_PLAIN, lambda loader, node: plain(node.value))
_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def read_config_file(config_file: Path) -> dict[str, Any]:
    """The config file as data, in mkdocs.yml's shape ({} when it is missing or unreadable: the
    defaults then apply). A ``zensical.toml`` gives its ``project`` table."""
    try:
        text = config_file.read_text(encoding="utf-8")
        if config_file.suffix == ".toml":
            project = tomllib.loads(text).get("project", {})
            return project if isinstance(project, dict) else {}
        data = yaml.load(text, Loader=_TolerantLoader)  # noqa: S506 - every tag is disarmed above
    except (OSError, UnicodeDecodeError, yaml.YAMLError, tomllib.TOMLDecodeError):
        return {}
    return data if isinstance(data, dict) else {}


class OptionsFileError(ValueError):
    """``ladder.yml`` that is not a mapping of options."""


def read_options_file(path: Path) -> dict[str, Any]:
    """ladder's options from ``ladder.yml`` ({} for an empty file), read as the tree's files are
    (:mod:`mkdocs_ladder.tree.yamlsafe`: YAML 1.2's scalars, no anchors or tags, bounded)."""
    try:
        text = decode(path.read_bytes())
    except OSError as exc:
        raise OptionsFileError(f"{path}: cannot be read: {exc.strerror or exc}") from None
    except YamlProblem as exc:
        raise OptionsFileError(f"{path}:{exc.mark.line}:{exc.mark.col}: {exc.message}") from None
    result = parse_yaml(text)
    if result.document is None and result.problems == [(Mark(1, 1), EMPTY)]:  # nothing, or comments only
        return {}
    if result.document is None or result.problems:
        mark, message = result.problems[-1]
        raise OptionsFileError(f"{path}:{mark.line}:{mark.col}: {message}")
    data = result.document.data
    if not isinstance(data, dict):
        raise OptionsFileError(f"{path}: must be a mapping of ladder's options (as under `- ladder:` in mkdocs.yml)")
    return data


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
    config_file: Path | None = None  # the generator's config that was read (None: none exists)
    docs_dir: str = "docs"
    options_file: Path | None = None  # ladder.yml, when the options came from it

    @property
    def strategy_dir(self) -> Path:
        return self.base / self.settings.strategy_dir

    @property
    def zensical(self) -> bool:
        return self.config_file is not None and self.config_file.name == ZENSICAL_CONFIG

    @property
    def pages_dir(self) -> Path:
        """Where ``ladder render`` writes the pages: the plugin's ``path`` under the docs folder."""
        return self.base / self.docs_dir / self.settings.path


def read_site_config(config_file: Path) -> SiteConfig:
    """The settings of ``config_file`` (the defaults when it does not exist), or of ``ladder.yml``
    beside it; SettingsError when an option is wrong, with the same words ``mkdocs build``
    would print, and OptionsFileError for a ``ladder.yml`` that is not a mapping."""
    config = read_config_file(config_file) if config_file.is_file() else {}
    options_file = config_file.parent / OPTIONS_FILE
    entry = plugin_entry(config)
    own = options_file.is_file()
    settings = parse_settings(read_options_file(options_file) if own else entry or {})
    theme = config.get("theme")
    language = theme.get("language") if isinstance(theme, dict) else None
    docs_dir = config.get("docs_dir")
    return SiteConfig(
        settings,
        config_file.parent,
        config.get("use_directory_urls", True) is not False,
        entry is not None or own,
        language if isinstance(language, str) else None,
        config_file if config_file.is_file() else None,
        docs_dir if isinstance(docs_dir, str) and docs_dir.strip() else "docs",
        options_file if own else None,
    )


def load_site_config(config_file: Path | None) -> SiteConfig:
    """The settings of ``config_file`` (found in the working directory when not given:
    ``zensical.toml``, else ``mkdocs.yml``; the defaults when none exists). A wrong option is a
    UsageError, worded as ``mkdocs build`` words it and naming the file it is in."""
    config_file = config_file or discover_config(Path())
    try:
        return read_site_config(config_file)
    except OptionsFileError as exc:
        raise UsageError(str(exc)) from None
    except SettingsError as exc:
        source = config_file.parent / OPTIONS_FILE
        where = f"{source}: option" if source.is_file() else f"{config_file}: plugin '{PLUGIN_NAME}' option"
        raise UsageError("\n".join(f"{where} '{option}': {text}" for option, text in exc.problems)) from None


def lists_plugin(config_file: Path) -> bool:
    """Whether the config lists ladder's plugin (or has ``ladder.yml`` beside it); a config whose
    options are wrong lists it too (``ladder check`` says what is wrong)."""
    try:
        return read_site_config(config_file).lists_plugin
    except (SettingsError, OptionsFileError):
        return True
