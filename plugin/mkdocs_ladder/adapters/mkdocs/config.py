"""The plugin's options as a typed MkDocs ``Config``, derived from :class:`~mkdocs_ladder.settings.Settings`.

Each field of the settings model becomes one config option here, with the model's default,
so MkDocs knows every option (and reports the config before the build starts), while the
defaults, the types and the messages stay in one place: a wrong value gets the very words
``ladder check`` prints. MkDocs only warns about an unknown option; ladder makes it an error,
as ``ladder check`` does, since a misspelt option silently does nothing.
"""

from __future__ import annotations

from typing import Any

from mkdocs.config.base import BaseConfigOption, Config, ConfigErrors, ConfigWarnings, ValidationError

from mkdocs_ladder.settings import Settings, SettingsError, parse_settings


class SettingOption(BaseConfigOption[Any]):
    """One option of :class:`Settings`, with the model's default; the model checks its value."""

    def __init__(self, name: str):
        super().__init__()
        self.default = Settings.model_fields[name].get_default(call_default_factory=True)


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
