"""Release habits: the version in one place, a changelog that names it, honest classifiers, a lock."""

from __future__ import annotations

import re
import tomllib
from importlib.metadata import metadata, version

import yaml

from mkdocs_ladder import __version__

from .sites import REPO

PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))


def test_the_version_is_written_once_and_the_installed_package_carries_it():
    assert "version" not in PYPROJECT["project"]
    assert PYPROJECT["project"]["dynamic"] == ["version"]
    assert PYPROJECT["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "mkdocs_ladder.__version__"}
    assert version("mkdocs-ladder") == __version__


def test_the_changelog_keeps_a_changelog_and_names_the_version():
    text = (REPO / "CHANGELOG.md").read_text(encoding="utf-8")
    headings = re.findall(r"^## \[([^\]]+)\]", text, flags=re.MULTILINE)
    assert headings[0] == "Unreleased"
    assert __version__ in headings
    assert re.search(rf"^\[{re.escape(__version__)}\]: https://", text, flags=re.MULTILINE)


def test_the_classifiers_name_the_pythons_the_workflow_runs_on():
    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "ci.yml").read_text(encoding="utf-8"))
    tested = workflow["jobs"]["test"]["strategy"]["matrix"]["python"]
    classified = [
        c.rsplit(" :: ", 1)[1]
        for c in metadata("mkdocs-ladder").get_all("Classifier") or []
        if re.fullmatch(r"Programming Language :: Python :: 3\.\d+", c)
    ]
    assert classified == tested
    assert "Typing :: Typed" in (metadata("mkdocs-ladder").get_all("Classifier") or [])
    assert PYPROJECT["project"]["requires-python"] == f">={tested[0]}"


def test_the_lock_pins_every_package_with_hashes():
    lock = (REPO / "requirements" / "lock.txt").read_text(encoding="utf-8")
    entries = re.findall(
        r"^([A-Za-z0-9_.-]+)==(\S+)(?: ; [^\\\n]+)? \\\n((?:    --hash=sha256:[0-9a-f]{64}(?: \\)?\n)+)", lock, flags=re.MULTILINE
    )
    names = {name.lower() for name, _, _ in entries}
    assert {"mkdocs", "mkdocs-material", "pyyaml", "pydantic", "jinja2", "graphviz", "click", "nh3", "cmarkgfm", "setuptools"} <= names
    requirement_lines = [line for line in lock.splitlines() if re.match(r"^[A-Za-z0-9]", line)]
    assert len(requirement_lines) == len(entries), "every requirement of the lock has its hashes"
