"""The plugin's options as a typed MkDocs ``Config``, derived from :class:`~mkdocs_ladder.settings.Settings`.

Each field of the settings model becomes one config option here, with the model's default,
so MkDocs knows every option (and reports the config before the build starts), while the
defaults, the types and the messages stay in one place: a wrong value gets the very words
``ladder check`` prints. MkDocs only warns about an unknown option; ladder makes it an error,
as ``ladder check`` does, since a misspelt option silently does nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.config.base import BaseConfigOption, Config, ConfigErrors, ConfigWarnings, ValidationError
from pydantic import BaseModel

from mkdocs_ladder.config_file import plugin_entry, read_config_file
from mkdocs_ladder.settings import Settings, SettingsError, parse_settings


class SettingOption(BaseConfigOption[Any]):
    """One option of :class:`Settings`, with the model's default; the model checks its value."""

    def __init__(self, name: str):
        super().__init__()
        default = Settings.model_fields[name].get_default(call_default_factory=True)
        self.default = default.model_dump() if isinstance(default, BaseModel) else default  # as the YAML would hold it


class LadderConfig(Config):  # type: ignore[no-untyped-call]  # MkDocs' Config.__init_subclass__ has no annotations
    """``plugins: [ladder]``'s options: one per field of :class:`Settings` (see docs/plugin.md)."""

    # Config.__init_subclass__ starts the schema from the class's own ``_schema``.
    _schema = tuple((name, SettingOption(name)) for name in Settings.model_fields)

    def _validate(self) -> tuple[ConfigErrors, ConfigWarnings]:
        """Every option at once, by the settings model: every wrong or unknown one is reported."""
        try:
            settings = parse_settings(dict(self))
        except SettingsError as exc:
            return [(option, ValidationError(text)) for option, text in exc.problems], []
        for name in Settings.model_fields:
            self[name] = getattr(settings, name)
        return [], []

    def settings(self) -> Settings:
        """The validated options as the one settings object."""
        return parse_settings({name: self[name] for name in Settings.model_fields})


def as_ladder_reads(options: dict[str, Any], config_file_path: str | None) -> dict[str, Any]:
    """The plugin's ``options`` as MkDocs read them, with each value that the config file holds
    read again as ladder reads YAML (1.2's core schema); a value read as nothing there (a tag such
    as ``!ENV``), or an entry the file does not hold (``INHERIT``), keeps MkDocs' reading."""
    if not config_file_path or not Path(config_file_path).is_file():
        return options
    entry = plugin_entry(read_config_file(Path(config_file_path))) or {}
    return {**options, **{key: value for key, value in entry.items() if key in options and value is not None}}
