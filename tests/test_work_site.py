"""The work on the site (issue 19): each node's Work section, the work page, the 30-day column,
`ladder render`, the cache, and hostile commit text kept inert on every output.

One real repository (:func:`.sites.delivery_project`, pushed to GitHub as ``acme/app``) gains
a commit whose subject and trailers are hostile, and a second repository whose name is; the
site is built once with real MkDocs, as of 2026-06-01."""

from __future__ import annotations

import json
import re
import subprocess
from html import unescape
from pathlib import Path

import pytest

from .sites import BUILD_EPOCH, GitRepo, assert_inert, build, cli, delivery_project, page, parse

HOSTILE_SUBJECT = "<img src=x onerror=alert(1)> [x](javascript:alert(2)) {: onclick=alert(3) } ::error::pwn"
HOSTILE_ID = "<script>alert(4)</script>"
HOSTILE_NAME = "<b onmouseover=alert(5)>evil</b>"


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("work-site")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", BUILD_EPOCH)
        app = delivery_project(root / "app")
        app.commit("2026-05-30", {"hostile.txt": "x"}, f"{HOSTILE_SUBJECT}\n\nLadder: busy\nLadder: {HOSTILE_ID}")
        app.git("remote", "add", "origin", "git@github.com:acme/app.git")
        other = GitRepo(root / "other")
        other.commit("2026-05-15", {"o.txt": "1"}, "Other work\n\nLadder: gappy")
    (app.root / "docs").mkdir()
    (app.root / "docs" / "index.md").write_text("# App\n")
    options = {
        "health": {"stale-review": "off", "no-recent-progress": "off", "unknown-work-id": "off"},
        "work": {"repositories": [{"location": "../other", "name": HOSTILE_NAME}]},
    }
    (app.root / "mkdocs.yml").write_text(f"site_name: app\ntheme: {{name: material}}\nplugins:\n  - ladder: {json.dumps(options)}\n")
    return app.root


@pytest.fixture(scope="module")
def site(project: Path) -> Path:
    return build(project, strict=False)


def commit_of(project: Path, grep: str) -> str:
    out = subprocess.run(["git", "-C", str(project), "log", "--format=%H", "-F", f"--grep={grep}", "main"], capture_output=True, text=True)
    return out.stdout.split()[0]


def section(html: str, heading: str) -> str:
    start = html.index(f">{heading}</h2>")
    end = html.find("<h2", start)
    return html[start : end if end != -1 else len(html)]


def test_a_nodes_work_section_states_its_figures_chart_and_latest_integrations(site, project):
    work = section(page(site, "strategy", "busy"), "Work")
    figures = dict(re.findall(r"<dt>([^<]+)</dt><dd>(.*?)</dd>", work))
    assert figures["Integrations"] == "14" and figures["Commits"] == "14"
    assert figures["Per week"] == "1.08"  # 14 in the 91 days since the first, on 2026-03-02
    assert figures["Longest gap"] == "7 days"
    assert figures["First"].endswith(">2026-03-02</time>") and "(2 days ago)" in figures["Last"]
    (chart,) = re.findall(r'<svg class="ladder-chart__svg"[^>]*>', work)
    assert 'role="img"' in chart
    assert 'aria-label="Busy work: 14 integrations in the last 26 weeks, at most 2 in a week; 0 in the week of 2026-06-01"' in chart
    assert "<td>2026-05-25</td><td>2</td>" in work  # the same figures in a table
    rows = re.findall(r"<tr><td><time[^>]*>([0-9-]+)</time></td><td>([^<]*)</td><td>(.*?)</td><td>(.*?)</td>", work)
    assert len(rows) == 10 and rows[0][0] == "2026-05-30" and rows[1][0] == "2026-05-25"
    sha = commit_of(project, "Ladder: busy\nLadder: <script>")
    assert rows[0][2] == HOSTILE_SUBJECT  # as text
    assert rows[0][3] == f'<a href="https://github.com/acme/app/commit/{sha}" rel="noopener noreferrer"><code>{sha[:10]}</code></a>'


def test_a_strategy_rolls_up_its_initiatives_work(site):
    work = section(page(site, "strategy", "growth"), "Work")
    figures = dict(re.findall(r"<dt>([^<]+)</dt><dd>(.*?)</dd>", work))
    assert figures["Integrations"] == "21"  # busy 14, gappy 3 (and 1 in the other repository), stalled 3
    assert HOSTILE_NAME in work  # the other repository, by its name, as text


def test_a_node_with_no_linked_work_says_so(site):
    assert "No commit links to this initiative in the last 730 days." in section(page(site, "strategy", "silent"), "Work")


def test_the_tables_have_an_integrations_column_for_the_last_30_days(site):
    overview = parse(site / "strategy" / "index.html")
    assert "integrations, 30 days" in "".join(overview.text)
    html = (site / "strategy" / "index.html").read_text()
    # growth: busy on 05-04, 05-11, 05-18, 05-25 and 05-30; gappy on 05-28, and on 05-15 in the other repository
    assert re.findall(r'<td class="ladder-count ladder-integrations-30">(\d+)</td>', html) == ["7", "7"]
    strategy = (site / "strategy" / "growth" / "index.html").read_text()
    cells = re.findall(r'<a href="\.\./([a-z]+)/">[^<]*</a></td>.*?<td class="ladder-count ladder-integrations-30">(\d+)</td>', strategy)
    assert dict(cells) == {"busy": "5", "gappy": "2", "paused": "0", "silent": "0", "stalled": "0", "young": "0"}


def test_the_work_page_shows_each_repositorys_linked_share_unknown_ids_and_unlinked_work(site, project):
    html = page(site, "strategy", "work")
    app = section(html, "app")
    assert "20 of 43 integrations ladder up to a node (46%)." in app
    (chart,) = re.findall(r'<svg class="ladder-chart__svg"[^>]*>', app)
    assert 'role="img"' in chart and "app: the share of integrations that ladder up" in chart
    typo = commit_of(project, "Typo link")
    assert f'<code>gapy</code> in commit <a href="https://github.com/acme/app/commit/{typo}"' in app
    assert 'did you mean <a href="../gappy/"><code>gappy</code></a>?' in app
    assert f"<code>{HOSTILE_ID}</code> in commit" in app
    unlinked = app[app.index("The latest integrations that ladder up to nothing") :]
    assert unlinked.count("<tr><td><time") == 10 and "Add young" in unlinked and "Chore 19" in unlinked
    other = section(html, HOSTILE_NAME)
    assert "1 of 1 integrations ladder up to a node (100%)." in other


def test_hostile_commit_text_is_inert_on_every_page(site):
    assert_inert(site)
    for path in (site / "strategy").rglob("*.html"):
        raw = path.read_text()
        assert "<img src=x" not in raw and "<script>alert(4)" not in raw and "<b onmouseover" not in raw, path
    for svg in re.findall(r'<svg [^>]*class="ladder-svg".*?</svg>', (site / "strategy" / "busy" / "index.html").read_text(), re.S):
        assert "alert" not in unescape(svg)  # the diagrams show nodes, never commit text


def test_hostile_commit_text_is_data_in_json_sarif_and_annotations(project, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", BUILD_EPOCH)
    code, output = cli("work", "busy", "--format", "json", "--weeks", "4", cwd=project)
    assert code == 0
    assert json.loads(output[output.index("{") :])["integrations"][0]["subject"] == HOSTILE_SUBJECT
    (project / "ladder.yml").write_text('health: {unknown-work-id: warning, stale-review: "off", no-recent-progress: "off"}\n')
    try:
        code, output = cli("check", "--format", "github", cwd=project)
        (line,) = [x for x in output.splitlines() if x.startswith("::warning") and HOSTILE_ID in x]
        assert line.count("::") == 2  # the message cannot start a workflow command of its own
        code, output = cli("check", "--format", "sarif", cwd=project)
        results = json.loads(output)["runs"][0]["results"]
        assert any(HOSTILE_ID in r["message"]["text"] for r in results)
    finally:
        (project / "ladder.yml").unlink()


def test_ladder_render_carries_the_work(project, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", BUILD_EPOCH)
    code, output = cli("render", str(tmp_path / "out"), cwd=project)
    assert code == 0, output
    busy = unescape((tmp_path / "out" / "busy" / "index.md").read_text())
    assert "## Work" in busy and "Busy work: 14 integrations in the last 26 weeks" in busy
    assert (tmp_path / "out" / "work" / "index.md").is_file()


def test_a_new_commit_is_on_the_next_build_and_the_cache_keeps_the_work_read(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", BUILD_EPOCH)
    app = delivery_project(tmp_path / "app")
    (app.root / "docs").mkdir()
    (app.root / "docs" / "index.md").write_text("# App\n")
    (app.root / "mkdocs.yml").write_text("site_name: app\nplugins:\n  - ladder\n")
    first = page(build(app.root, strict=False), "strategy", "silent")
    assert "No commit links to this initiative" in first
    assert list((app.root / ".cache" / "plugin" / "ladder").glob("work-*.json.gz"))
    app.commit("2026-05-31", {"s.txt": "1"}, "Silent no more\n\nLadder: silent")
    second = page(build(app.root, strict=False), "strategy", "silent")
    assert "Silent no more" in section(second, "Work")
