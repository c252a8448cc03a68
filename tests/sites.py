"""Helpers for tests that build real sites with `mkdocs build` and read the HTML back."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from .conftest import BUILD_EPOCH

FIXTURES = Path(__file__).parent / "fixtures"
BIN = Path(sys.executable).parent


def copy_fixture(name: str, dest: Path) -> Path:
    shutil.copytree(FIXTURES / name, dest)
    return dest


def mkdocs(project: Path, *args: str, env: dict[str, str] | None = None, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """Run the real `mkdocs` command of this environment in ``project``."""
    full_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": BUILD_EPOCH, **(env or {})}
    return subprocess.run(
        [str(BIN / "mkdocs"), *args], cwd=project, capture_output=True, text=True, env=full_env, timeout=timeout
    )


def build(project: Path, *args: str, env: dict[str, str] | None = None) -> Path:
    """`mkdocs build --strict` that must succeed; returns the site directory."""
    done = mkdocs(project, "build", "--strict", *args, env=env)
    assert done.returncode == 0, done.stdout + done.stderr
    return project / "site"


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]


class Parsed(HTMLParser):
    """Every element with its attributes, the text of each <script>, and all other text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []
        self.scripts: list[str] = []
        self.text: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append(Element(tag, {k: v or "" for k, v in attrs}))
        self._in_script = tag == "script"
        if self._in_script:
            self.scripts.append("")

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts[-1] += data
        else:
            self.text.append(data)

    def find(self, tag: str, **attrs: str) -> list[Element]:
        return [e for e in self.elements if e.tag == tag and all(e.attrs.get(k.replace("_", "-")) == v for k, v in attrs.items())]

    def hrefs(self) -> list[str]:
        return [e.attrs.get("href") or e.attrs.get("xlink:href") or "" for e in self.elements if e.tag == "a"]


def parse(path: Path) -> Parsed:
    parser = Parsed()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return parser


def resolve(site: Path, page: Path, href: str) -> Path | None:
    """The file a relative href on ``page`` points at, or None for external and fragment-only links."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    base = "/" + page.relative_to(site).as_posix()
    target = unquote(urlsplit(urljoin(base, href)).path)
    if target.endswith("/"):
        target += "index.html"
    return site / target.lstrip("/")
