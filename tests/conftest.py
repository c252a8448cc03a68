"""Shared fixtures: small strategy trees written by the tests themselves, and built sites.

The layers: most tests are pure (a tree in a temporary folder, checked or rendered without a
site generator); real builds run where the build is the point, in process (:mod:`.sites`);
the read-only assertions on the example site share one build for the whole session. Tests
marked ``slow`` (the browser, `mkdocs serve`, pre-commit, Zensical, the benchmark's smoke run,
hanging or concurrent builds) stay out of the inner loop: ``pytest -m "not slow"``.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from .sites import BUILD_EPOCH, build, copy_fixture

MISSION = "title: Grow a sustainable business\nowner: board\n"


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


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-goldens", action="store_true", help="write the golden files of tests/golden/ anew")


@pytest.fixture
def update_goldens(request: pytest.FixtureRequest) -> bool:
    """Whether to write the golden files anew (``--update-goldens``) instead of comparing."""
    return bool(request.config.getoption("--update-goldens"))


@pytest.fixture(autouse=True)
def fixed_build_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", BUILD_EPOCH)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")


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


@pytest.fixture(scope="session")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example project built once with `mkdocs build --strict`, for read-only assertions."""
    return build(copy_fixture("example", tmp_path_factory.mktemp("example") / "project"))
