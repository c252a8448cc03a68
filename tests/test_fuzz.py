"""Fuzzing: `ladder check` and `mkdocs build` on mutated trees never disagree, crash or hang.

Each example starts from a valid tree and mutates one file. For every case: both say the same
about valid versus invalid, neither raises (a traceback), neither hangs (an alarm stops the
test), every problem names a file and a line, and a valid tree's pages hold no live markup.
`tests/fuzz_corpus/` keeps the cases found so far; each replays as the initiative file.

The suite runs a bounded number of examples; for a longer run:
    LADDER_FUZZ_EXAMPLES=2000 .venv/bin/python -m pytest tests/test_fuzz.py
"""

from __future__ import annotations

import os
import re
import signal
import uuid
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mkdocs_ladder.adapters.cli import main

from .sites import parse, run_build

CORPUS = sorted((Path(__file__).parent / "fuzz_corpus").glob("*.yaml"))
EXAMPLES = int(os.environ.get("LADDER_FUZZ_EXAMPLES", "40"))
PROBLEM = re.compile(r"^(?P<path>[^:\n]+):(?P<line>\d+):(?P<col>\d+): (error|warning): .+")
TIMEOUT = 60

BASE = {
    "mission.yaml": "title: Grow\nowner: o\n",
    "strategies/s.yaml": "title: Win\nparent: mission\nowner: o\n",
    "initiatives/i.yaml": (
        "title: Onboarding\nparent: s\nowner: o\nwhy: |\n  Churn is **high**.\nsteps:\n  - title: Sketch\n    done: true\n"
        "  - Ship\nmetrics:\n  - name: Activation\n    target: 40\nlinks:\n  - title: Doc\n    url: https://example.com\n"
        "tags: [a, b]\ndue: 2026-12-31\n"
    ),
}
MKDOCS_YML = "site_name: fuzz\ntheme:\n  name: mkdocs\nplugins:\n  - ladder:\n      cache: false\n"


def _alarm(signum, frame):
    raise TimeoutError(f"a case took more than {TIMEOUT} s")


def oracle(project: Path) -> None:
    """Check and build the project; assert the properties in the module docstring."""
    signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(TIMEOUT)
    try:
        with pytest.MonkeyPatch.context() as patch:
            patch.chdir(project)
            result = CliRunner().invoke(main, ["check", "strategy"])
        assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
        assert result.exit_code in (0, 1), result.output
        lines = result.output.splitlines()
        for line in lines[:-1]:
            match = PROBLEM.match(line)
            assert match, f"a problem without a file and line: {line!r}"
            assert match["path"].startswith("strategy/") and int(match["line"]) >= 1
        checked_ok = result.exit_code == 0

        built_ok = run_build(project).ok
        assert checked_ok == built_ok, result.output
        if built_ok:
            for page in (project / "site" / "strategy").rglob("*.html"):
                html = parse(page)
                assert not any("alert" in script for script in html.scripts), page
                for element in html.elements:
                    for name, value in element.attrs.items():
                        assert not name.startswith("on"), (page, element)
                        if name in ("href", "src", "xlink:href"):
                            assert not re.sub(r"[\x00-\x20]", "", value).lower().startswith(("javascript:", "data:", "vbscript:"))
    finally:
        signal.alarm(0)


def project_with(root: Path, target: str, content: bytes) -> Path:
    for name, text in BASE.items():
        path = root / "strategy" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    (root / "strategy" / target).write_bytes(content)
    (root / "docs").mkdir()
    (root / "docs" / "index.md").write_text("# Home\n")
    (root / "mkdocs.yml").write_text(MKDOCS_YML)
    return root


@pytest.mark.parametrize("case", CORPUS, ids=[c.stem for c in CORPUS])
def test_corpus(tmp_path, case):
    oracle(project_with(tmp_path, "initiatives/i.yaml", case.read_bytes()))
    assert not Path("/tmp/ladder-pwned").exists()


FIELDS = ["title", "parent", "owner", "why", "status", "steps", "metrics", "links", "tags", "due", "supports"]
VALUES = [
    "[1, 2]",
    "{a: b}",
    "42",
    "true",
    "null",
    "''",
    "2026-13-45",
    "'x'",
    "!!python/name:os.system",
    "!!binary aGk=",
    "&a x",
    "*a",
    "[[[[[[[[[[[[[[[[[[x]]]]]]]]]]]]]]]]]]",
    '"<script>alert(1)</script>"',
    "'javascript:alert(1)'",
    "|\n  multi\n  line",
    "- a\n- b",
    "\t- tab",
    "'\\x00'",
    '"\\u202e"',
    "'" + "z" * 200_000 + "'",
]


@st.composite
def mutated(draw) -> tuple[str, bytes]:
    target = draw(st.sampled_from(sorted(BASE)))
    text = BASE[target]
    kind = draw(
        st.sampled_from(
            ["bytes", "truncate", "swap", "nest", "huge", "key", "tabs", "bom", "crlf", "empty", "list", "anchor", "utf16", "hostile"]
        )
    )
    if kind == "bytes":
        at = draw(st.integers(0, len(text)))
        data = text.encode()
        return target, data[:at] + draw(st.binary(min_size=1, max_size=12)) + data[at:]
    if kind == "truncate":
        return target, text.encode()[: draw(st.integers(0, len(text)))]
    if kind == "swap":
        field, value = draw(st.sampled_from(FIELDS)), draw(st.sampled_from(VALUES))
        kept = "\n".join(line for line in text.splitlines() if not line.startswith(field + ":"))
        return target, f"{kept}\n{field}: {value}\n".encode()
    if kind == "nest":
        depth = draw(st.integers(5, 5000))
        return target, (text + "description: " + "[" * depth + "]" * depth + "\n").encode()
    if kind == "huge":
        return target, (text + "description: " + "x" * draw(st.integers(1000, 1_200_000)) + "\n").encode()
    if kind == "key":
        key = draw(st.sampled_from(['""', "? [a, b]\n", "1", "yes", "'ké y'", "<<", "title ", "id", "'../../etc'", "Title"]))
        return target, (text + f"{key}: x\n").encode()
    if kind == "tabs":
        return target, text.replace("  ", "\t", draw(st.integers(1, 3))).encode()
    if kind == "bom":
        return target, b"\xef\xbb\xbf" + text.encode()
    if kind == "crlf":
        return target, text.replace("\n", "\r\n").encode()
    if kind == "empty":
        return target, draw(st.sampled_from([b"", b"\n", b"---\n", b"~\n", b"[]\n", b"{}\n", b"# only a comment\n"]))
    if kind == "list":
        return target, ("- " + text.replace("\n", "\n  ")).encode()
    if kind == "anchor":
        return target, text.replace("title: ", "title: &t ", 1).encode() + b"description: *t\n"
    if kind == "utf16":
        return target, text.encode(draw(st.sampled_from(["utf-16", "utf-32", "latin-1"])))
    hostile = draw(
        st.sampled_from(
            [
                '"<script>alert(1)</script>"',
                '"\\"] ; x [label=\\"y\\"] ; z [label=\\""',
                '"</title><img src=x onerror=alert(1)>"',
                '"[a](javascript:alert(1))"',
                '"{: onclick=alert(1) }"',
            ]
        )
    )
    return target, text.replace("title: ", f"title: {hostile}\nx_old_title: ", 1).replace("x_old_title: ", "why_was: ").encode()


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=EXAMPLES <= 40,  # the suite: the same cases each run
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture],
)
@given(case=mutated())
def test_fuzz(tmp_path_factory, case):
    target, content = case
    oracle(project_with(tmp_path_factory.mktemp(f"fuzz-{uuid.uuid4().hex[:8]}"), target, content))
