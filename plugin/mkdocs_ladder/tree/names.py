"""What each level of the tree is called: the organisation's names (the ``levels`` option) over
the English ones, for the messages of the checks and the command line. The pages' words, in
every language, are :mod:`mkdocs_ladder.labels`'s; its English level names are these."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from mkdocs_ladder.tree.model import Level

#: The levels' English names: (singular, plural).
ENGLISH: Mapping[Level, tuple[str, str]] = {
    Level.MISSION: ("mission", "missions"),
    Level.STRATEGY: ("strategy", "strategies"),
    Level.INITIATIVE: ("initiative", "initiatives"),
}


def english_plural(noun: str) -> str:
    """The plural of an English noun by the regular rules (what ``levels`` assumes when no
    ``plural`` is given)."""
    lower = noun.lower()
    if lower.endswith("y") and lower[-2:-1] not in ("a", "e", "i", "o", "u", ""):
        return noun[:-1] + ("IES" if noun.isupper() else "ies")
    if lower.endswith(("s", "x", "z", "ch", "sh")):
        return noun + ("ES" if noun.isupper() else "es")
    return noun + ("S" if noun.isupper() else "s")


@dataclass(frozen=True, slots=True)
class LevelNames:
    """What each level is called: (singular, plural) by level."""

    names: Mapping[Level, tuple[str, str]]

    @classmethod
    def english(cls, own: Mapping[Level, tuple[str, str]] | None = None) -> LevelNames:
        """English, with the organisation's own names on top (the command line's words)."""
        return cls({**ENGLISH, **(own or {})})

    def noun(self, level: Level) -> str:
        return self.names[level][0]

    def plural(self, level: Level) -> str:
        return self.names[level][1]

    def article(self, level: Level) -> str:
        """The noun with its English article: "the mission", "a strategy", "an initiative"."""
        noun = self.noun(level)
        if level is Level.MISSION:
            return f"the {noun}"
        return f"{'an' if noun[:1].lower() in 'aeiou' else 'a'} {noun}"

    def counted(self, counts: Mapping[Level, int]) -> str:
        """How many nodes of each level: "1 mission, 3 strategies, 12 initiatives"."""
        return ", ".join(f"{counts[level]} {self.noun(level) if counts[level] == 1 else self.plural(level)}" for level in Level)
