"""The command line's contract: its exit codes, and the options every command shares.

0: done, the tree is valid. 1: the tree (or what was asked) has problems. 2: the command was
used wrongly. ``-f/--config-file`` and ``-d/--dir`` mean the same on every command and before it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import MISSION, write_files
from .sites import cli

VALID = {
    "mission.yaml": MISSION,
    "strategies/s.yaml": "title: S\nparent: mission\nowner: o\n",
    "initiatives/i.yaml": "title: I\nparent: s\nowner: o\nsteps: [a]\nmetrics: [{name: m}]\n",
}
INVALID = {**VALID, "initiatives/bad.yaml": "title: Bad\nparent: nowhere\n"}


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A site folder with a valid tree under ``plan/`` (named by its mkdocs.yml) and an invalid
    one under ``broken/``."""
    write_files(tmp_path / "plan", VALID)
    write_files(tmp_path / "broken", INVALID)
    (tmp_path / "mkdocs.yml").write_text("site_name: x\nplugins:\n  - ladder:\n      strategy_dir: plan\n")
    return tmp_path


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["check"], 0),
        (["check", "--no-history", "--format", "json"], 0),
        (["check", "broken"], 1),  # the old positional directory
        (["check", "-d", "broken"], 1),
        (["check", "--format", "sarif", "broken"], 1),
        (["check", "nowhere"], 2),
        (["check", "-f", "missing.yml", "-d", "nowhere"], 2),
        (["check", "--format", "xml"], 2),  # click's own usage errors keep its code
        (["export"], 0),
        (["export", "-d", "broken"], 1),
        (["export", "-d", "nowhere"], 2),
        (["schema"], 0),
        (["new", "initiative", "j", "-p", "s"], 0),
        (["new", "initiative", "j", "-p", "nowhere"], 1),
        (["new", "initiative", "i", "-p", "s"], 1),  # the id exists
        (["new", "initiative", "j", "-p", "s", "-d", "nowhere"], 2),
        (["history"], 2),  # not a git repository
        (["diff", "HEAD"], 2),  # not a git repository
        (["render", "out"], 0),
        (["render", "out", "-d", "broken"], 1),
        (["no-such-command"], 2),
    ],
)
def test_exit_codes(site, args, code):
    exit_code, output = cli(*args, cwd=site)
    assert exit_code == code, output
    assert "Traceback" not in output


def test_a_wrong_option_is_a_usage_error_naming_the_file(site):
    (site / "mkdocs.yml").write_text("site_name: x\nplugins:\n  - ladder:\n      max_open_steps: many\n")
    code, output = cli("check", cwd=site)
    assert code == 2
    assert output == "ladder: mkdocs.yml: plugin 'ladder' option 'max_open_steps': must be a whole number, not text ('many')\n"


@pytest.mark.parametrize("where", ["before", "after"])
def test_config_and_dir_may_stand_before_or_after_the_command(tmp_path, where):
    write_files(tmp_path / "elsewhere" / "trees" / "plan", VALID)
    (tmp_path / "elsewhere" / "mkdocs.yml").write_text("site_name: x\nplugins:\n  - ladder:\n      strategy_dir: trees/plan\n")
    config = ["-f", str(tmp_path / "elsewhere" / "mkdocs.yml")]
    code, output = cli(*([*config, "check"] if where == "before" else ["check", *config]), cwd=tmp_path)
    assert (code, output.splitlines()[-1]) == (
        0,
        f"{tmp_path / 'elsewhere' / 'trees' / 'plan'}: ok: 1 mission, 1 strategy, 1 initiative (1 warning)",
    )
    write_files(tmp_path / "other", INVALID)
    directory = ["-d", str(tmp_path / "other")]
    code, output = cli(*([*directory, "export"] if where == "before" else ["export", *directory]), cwd=tmp_path)
    assert code == 1 and "parent 'nowhere' names no node" in output


@pytest.mark.parametrize("command", ["check", "diff", "history", "new", "render", "export"])
def test_every_command_that_reads_a_tree_takes_dir_and_config(command):
    _, output = cli(command, "--help")
    assert "-d, --dir DIRECTORY" in output
    assert "-f, --config-file FILE" in output
