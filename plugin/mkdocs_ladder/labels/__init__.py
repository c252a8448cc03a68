"""The words of the site and of the command line: one catalogue (:mod:`.catalogue`) in each
language ladder ships, the organisation's names for the levels (``levels``) and any label it
overrides (``labels``) on top.

Pages take every fixed word from :class:`Labels`; the command line's messages are English, with
the organisation's level names (:class:`~mkdocs_ladder.tree.names.LevelNames`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from mkdocs_ladder.labels.catalogue import EN, LANGUAGES, ONE, Label
from mkdocs_ladder.tree.model import Level, Status

__all__ = ["EN", "LANGUAGES", "MESSAGES", "Label", "Labels", "language_of"]


def language_of(code: str | None) -> str:
    """The shipped language for a theme's language code: ``de``, ``de-CH`` -> ``de``; English
    when ladder does not ship it."""
    code = (code or "en").lower()
    if code in LANGUAGES:
        return code
    return base if (base := code.split("-")[0].split("_")[0]) in LANGUAGES else "en"


@dataclass(frozen=True, slots=True)
class Labels:
    """The fixed words of the pages in one language, with the organisation's own on top.

    ``labels("node.steps_done", done=2, total=5)`` fills a text; ``labels.count("health.findings", 3)``
    picks the form for a count. Made by :meth:`of` (see
    :meth:`mkdocs_ladder.settings.Settings.labels_for`).
    """

    language: str
    texts: Mapping[str, Label]

    @classmethod
    def of(
        cls,
        language: str | None = "en",
        levels: Mapping[Level, tuple[str, str]] | None = None,
        overrides: Mapping[str, Label] | None = None,
    ) -> Labels:
        """The catalogue of ``language`` (English for what ladder does not ship), the level
        names and the overrides on top."""
        shipped = language_of(language)
        texts: dict[str, Label] = {**EN, **LANGUAGES[shipped]}
        for level, (noun, plural) in (levels or {}).items():
            texts[f"level.{level.noun}"], texts[f"level.{level.noun}.plural"] = noun, plural
        texts.update(overrides or {})
        return cls(shipped, texts)

    def __hash__(self) -> int:  # equal labels share a language: made fast for caches keyed by them
        return hash(self.language)

    def __call__(self, key: str, /, **values: object) -> str:
        text = self.texts[key]
        return (text if isinstance(text, str) else text[1]).format(**values)

    def count(self, key: str, n: int, /, **values: object) -> str:
        """The form of ``key`` for ``n`` of something (``{n}`` in the text)."""
        text = self.texts[key]
        form = text if isinstance(text, str) else text[0] if ONE[self.language](n) else text[1]
        return form.format(n=n, **values)

    def level(self, level: Level, plural: bool = False) -> str:
        return self(f"level.{level.noun}.plural" if plural else f"level.{level.noun}")

    def status(self, status: Status | str) -> str:
        return self(f"status.{Status(status).value}")

    def month(self, month: int) -> str:
        return self(f"month.{month}")


#: The English words of the command line's and the build's messages (counts: ``count.errors``, ...).
MESSAGES = Labels.of("en")
