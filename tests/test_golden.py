"""Golden files: what a reviewer reads as a diff.

* The Markdown that ladder generates for each page of an example tree, rendered as pure
  functions (no site generator, no Graphviz: the diagrams are slots), on a fixed date.
* ``ladder check --format json`` on a tree with warnings and on one with errors of every kind.

A change to the pages or to the messages shows here as a change to a file under
``tests/golden/``. When it is meant, write the files anew and commit them with the change::

    .venv/bin/python -m pytest tests/test_golden.py --update-goldens
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from mkdocs_ladder import wiring
from mkdocs_ladder.check import check_directory
from mkdocs_ladder.render.pages import DiagramMode, render_site
from mkdocs_ladder.settings import Settings

from .sites import FIXTURES, cli, copy_fixture, learning_project, make_unhealthy

GOLDEN = Path(__file__).parent / "golden"
BUILD_DAY = date(2026, 6, 1)

#: Each example tree, made in a fresh folder.
PROJECTS: dict[str, Callable[[Path], Path]] = {
    "example": lambda tmp: copy_fixture("example", tmp / "p"),
    "unhealthy": lambda tmp: make_unhealthy(copy_fixture("example", tmp / "p")),
    "learning": learning_project,
}


def generated_markdown(project: Path) -> dict[str, str]:
    """Every page's Markdown, by its path in the docs, as the plugin generates it (without history)."""
    settings = Settings()
    health = wiring.health_settings(settings)
    checked = check_directory(project / "strategy", health)
    assert checked.tree is not None, [p.text() for p in checked.problems]
    options = wiring.page_options(settings, directory_urls=True)
    site = render_site(checked.tree, {}, options, [p for p in checked.problems if p.configurable], DiagramMode.SLOT, None, BUILD_DAY)
    return {page.src_uri: page.markdown for page in site.pages}


def matches_golden(folder: Path, produced: dict[str, str], update: bool) -> None:
    """``produced`` (file name -> text) is what ``folder`` holds, file for file; with ``update``
    the folder is written anew instead."""
    if update:
        shutil.rmtree(folder, ignore_errors=True)
        for name, text in produced.items():
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / name).write_text(text, encoding="utf-8")
        return
    assert folder.is_dir(), f"{folder} is missing: run pytest {__file__} --update-goldens"
    held = {p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8") for p in sorted(folder.rglob("*")) if p.is_file()}
    assert sorted(held) == sorted(produced), "the pages generated are not the golden ones"
    for name, text in produced.items():
        assert text == held[name], f"{folder / name} differs from what is generated now (--update-goldens writes it anew)"


@pytest.mark.parametrize("case", sorted(PROJECTS))
def test_generated_markdown_matches_the_golden_files(case, tmp_path, update_goldens):
    produced = generated_markdown(PROJECTS[case](tmp_path))
    assert len(produced) >= 10
    matches_golden(GOLDEN / "markdown" / case, produced, update_goldens)


@pytest.mark.parametrize(("case", "code"), [("unhealthy", 0), ("broken", 1)])
def test_check_json_matches_the_golden_file(case, code, tmp_path, update_goldens):
    project = copy_fixture("broken", tmp_path / "p") if case == "broken" else PROJECTS[case](tmp_path)
    exit_code, output = cli("check", "--format", "json", "--no-history", cwd=project)
    assert exit_code == code, output
    matches_golden(GOLDEN / "check" / case, {"check.json": output}, update_goldens)


def test_the_broken_fixture_holds_an_error_of_each_kind():
    text = (GOLDEN / "check" / "broken" / "check.json").read_text(encoding="utf-8")
    for rule in ("format", "parent", "duplicate-id", "unknown-kind"):
        assert f'"rule": "{rule}"' in text, rule
    assert (FIXTURES / "broken" / "strategy" / "mission.yaml").is_file()
