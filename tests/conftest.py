"""Shared fixtures: small strategy trees written by the tests themselves."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

MISSION = "title: Grow a sustainable business\nowner: board\n"
#: The date every test builds on (2026-06-01), so date-based health rules never drift.
BUILD_EPOCH = "1780272000"


def write_files(root: Path, files: dict[str, str | bytes]) -> Path:
    """Write ``files`` (relative path -> text, dedented, or raw bytes) under ``root``."""
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content).lstrip("\n"), encoding="utf-8")
    return root


@pytest.fixture(autouse=True)
def fixed_build_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", BUILD_EPOCH)


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., Path]:
    """Write a strategy directory ``strategy/`` in a fresh working directory; return its path.

    A mission is written unless the test gives its own (or ``mission=None``).
    """
    monkeypatch.chdir(tmp_path)

    def make(files: dict[str, str | bytes] | None = None, mission: str | None = MISSION) -> Path:
        root = tmp_path / "strategy"
        root.mkdir(exist_ok=True)
        if mission is not None:
            write_files(root, {"mission.yaml": mission})
        return write_files(root, files or {})

    return make
