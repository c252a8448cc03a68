"""Outcomes read from files (issue 29): the catalogue checked at its lines, DuckDB over CSV,
JSON and Parquet, the bounds of a query, the cache, what the values say (trend, standing,
measured value, calibration) on known data, the four rules, the pages and `ladder metrics`."""

from __future__ import annotations

import json
import os
from datetime import UTC, date, datetime, timedelta
from html import unescape
from pathlib import Path

import pytest

from mkdocs_ladder import wiring
from mkdocs_ladder.cache import DiskCache
from mkdocs_ladder.check import check_directory
from mkdocs_ladder.metrics.nodes import Outcome, calibration, measured_moves, tree_outcomes
from mkdocs_ladder.metrics.outcomes import Goal, Standing, calibrate, moved_since, reached_by, standing, trend
from mkdocs_ladder.metrics.read import MetricsReading, read_metrics
from mkdocs_ladder.metrics.sources import Limits, Rows, SourceError, read_files
from mkdocs_ladder.render.outcomes import metric_anchor
from mkdocs_ladder.settings import Settings
from mkdocs_ladder.tree.catalogue import Direction, MetricSource
from mkdocs_ladder.tree.loader import load_catalogue
from mkdocs_ladder.tree.sources import DirectorySource

from .conftest import write_files
from .sites import CHURN, OUTCOMES_CATALOGUE, cli, located, outcomes_project, page, run_build, write_churn

NOW = datetime(2026, 6, 1, 12, tzinfo=UTC)


def read_file(source: MetricSource, top: Path, limits: Limits) -> Rows:
    """One file source, read as a build reads it (in one embedded database with the others)."""
    got = read_files([("m", source)], top, limits)["m"]
    if isinstance(got, SourceError):
        raise got
    return got


def reading(top: Path, cache: DiskCache | None = None, **limits: float) -> MetricsReading:
    return MetricsReading(top, cache, Limits(**limits), timedelta(minutes=60), NOW)  # type: ignore[arg-type]


# --- the catalogue, checked like every other file ---------------------------------------------------


def test_the_catalogue_is_checked_at_its_lines_with_did_you_mean(tree):
    root = tree(
        {
            "metrics.yaml": """\
            teams:
              title: Teams
              directon: higher
              source: {file: data/t.csv}
            bad-path:
              title: Outside
              source: {file: ../../etc/passwd.csv}
            absolute:
              title: Absolute
              source: {file: /etc/passwd.csv}
            both:
              title: Both
              source: {file: data/t.csv, connection: warehouse}
            no-query:
              title: No query
              source: {connection: warehouse}
            Upper: {title: Upper, source: {file: data/t.csv}}
            lower-is: {title: Lower, direction: lowr, source: {file: data/t.csv}}
            """
        }
    )
    problems = [p.text() for p in check_directory(root).problems]
    assert problems == [
        "strategy/metrics.yaml:3:3: error: unknown field 'directon' (did you mean 'direction'?) (metric 'teams')",
        "strategy/metrics.yaml:7:12: error: 'source.file': must not leave the repository ('..' in '../../etc/passwd.csv') (metric 'bad-path')",
        "strategy/metrics.yaml:10:12: error: 'source.file': must be a path inside the repository, relative to its top, not '/etc/passwd.csv' (metric 'absolute')",
        "strategy/metrics.yaml:13:3: error: 'source': reads a file or a connection, not both (metric 'both')",
        "strategy/metrics.yaml:16:3: error: 'source': a connection needs a 'query' that returns the columns date and value (metric 'no-query')",
        "strategy/metrics.yaml:17:1: error: metric id 'Upper' must be a slug: lowercase letters, digits, '-' and '_'",
        "strategy/metrics.yaml:18:26: error: direction 'lowr' is not one of: higher, lower (did you mean 'lower'?) (metric 'lower-is')",
    ]


def test_a_node_names_a_metric_of_the_catalogue_or_gets_an_error_with_did_you_mean(tree):
    root = tree(
        {
            "metrics.yaml": "active-teams: {title: Active teams, source: {file: data/t.csv}}\n",
            "strategies/s.yaml": "title: S\nparent: mission\nmetrics:\n  - metric: active-team\n    target: 5\n  - {target: 3}\n",
        }
    )
    problems = [p.text() for p in check_directory(root).problems]
    assert problems == [
        "strategy/strategies/s.yaml:6:5: error: 'metrics[1]': names no metric: give 'metric' (an id of the catalogue) or 'name' (typed by hand)"
    ]
    (root / "strategies/s.yaml").write_text("title: S\nparent: mission\nmetrics:\n  - metric: active-team\n    target: 5\n")
    assert [p.text() for p in check_directory(root).problems if p.severity.value == "error"] == [
        "strategy/strategies/s.yaml:4:5: error: metric 'active-team' is not in the catalogue (metrics.yaml) (did you mean 'active-teams'?)"
    ]


def test_a_metric_id_without_a_catalogue_says_so(tree):
    root = tree({"strategies/s.yaml": "title: S\nparent: mission\nmetrics: [{metric: teams}]\n"})
    assert [p.text() for p in check_directory(root).problems] == [
        "strategy/strategies/s.yaml:3:12: error: metric 'teams' is not in a catalogue: this tree has no metrics.yaml (docs/metrics.md)"
    ]


# --- files through DuckDB ------------------------------------------------------------------------------


def test_csv_json_and_parquet_files_are_read_with_a_query_or_without(tmp_path):
    write_files(
        tmp_path,
        {
            "a.csv": "date,value\n2026-01-01,1\n2026-01-08,2.5\n",
            "b.json": '[{"day": "2026-02-01", "n": 7}, {"day": "2026-02-02", "n": 9}]',
            "c/one.csv": "date,value\n2026-03-01,3\n",
            "c/two.csv": "date,value\n2026-03-02,4\n",
            "e.csv": "day;teams\n2026-04-01;5\n",
        },
    )
    assert read_file(MetricSource(file="e.csv"), tmp_path, Limits()).values == ((date(2026, 4, 1), 5.0),)  # another delimiter, other names
    write_churn(tmp_path / "d.parquet")
    limits = Limits()
    assert read_file(MetricSource(file="a.csv"), tmp_path, limits).values == ((date(2026, 1, 1), 1.0), (date(2026, 1, 8), 2.5))
    json_query = MetricSource(file="b.json", query="select day as date, n * 2 as value from data")
    assert read_file(json_query, tmp_path, limits).values == ((date(2026, 2, 1), 14.0), (date(2026, 2, 2), 18.0))
    assert [v for _, v in read_file(MetricSource(file="c/*.csv"), tmp_path, limits).values] == [3.0, 4.0]
    parquet = MetricSource(file="d.parquet", query="select month as date, avg(rate) as value from data group by 1 order by 1")
    assert [round(v, 6) for _, v in read_file(parquet, tmp_path, limits).values] == CHURN


def test_text_null_nan_and_infinity_where_a_number_belongs_are_skipped_and_counted(tmp_path):
    write_files(
        tmp_path, {"a.csv": "date,value\n2026-01-01,1\n2026-01-02,abc\n2026-01-03,\n2026-01-04,NaN\n2026-01-05,inf\nnot a date,5\n"}
    )
    rows = read_file(MetricSource(file="a.csv"), tmp_path, Limits())
    assert rows.values == ((date(2026, 1, 1), 1.0),) and rows.skipped == 5


@pytest.mark.parametrize(
    ("query", "said"),
    [
        ("select * from read_csv('/etc/passwd')", "file system operations are disabled by configuration"),
        ("copy data to 'stolen.csv'", "Parser Error: syntax error"),
        ("select 1 as date, 1 as value; drop table data", "Parser Error: syntax error"),
        ("attach 'other.db'", "Parser Error: syntax error"),
        ("select range as date, 1 as value from range(20)", "the result has more than 10 rows (the metrics' max_rows)"),
        (
            "select now() as date, sum(a.range * b.range) as value from range(3000000) a, range(3000000) b",
            "the query ran longer than 0.5 s (the metrics' timeout)",
        ),
    ],
)
def test_a_file_query_is_bounded_and_reads_nothing_else(tmp_path, query, said):
    write_files(tmp_path, {"a.csv": "date,value\n2026-01-01,1\n"})
    with pytest.raises(SourceError) as raised:
        read_file(MetricSource(file="a.csv", query=query), tmp_path, Limits(seconds=0.5, rows=10))
    assert said in str(raised.value)
    assert not (tmp_path / "stolen.csv").exists()


def test_a_file_that_leads_outside_the_repository_is_not_read(tmp_path):
    (tmp_path / "repo").mkdir()
    write_files(tmp_path, {"secret.csv": "date,value\n2026-01-01,42\n"})
    os.symlink(tmp_path / "secret.csv", tmp_path / "repo" / "link.csv")
    with pytest.raises(SourceError, match=r"'link\.csv' leads outside the repository; it is not read"):
        read_file(MetricSource(file="link.csv"), tmp_path / "repo", Limits())
    with pytest.raises(SourceError, match=r"no file 'missing\.csv' in the repository"):
        read_file(MetricSource(file="missing.csv"), tmp_path / "repo", Limits())


# --- read once, cached, and the last values when a source fails ----------------------------------------------


def test_an_unchanged_file_is_not_read_again_and_a_changed_one_is(tree, tmp_path):
    root = tree({"metrics.yaml": "teams: {title: Teams, source: {file: data/t.csv}}\n"})
    write_files(tmp_path, {"data/t.csv": "date,value\n2026-01-01,1\n"})
    cache = DiskCache(tmp_path / "cache", 0.5)
    catalogue = load_catalogue(DirectorySource(root), [])
    first = read_metrics(catalogue, reading(tmp_path, cache))
    second = read_metrics(catalogue, reading(tmp_path, cache))
    assert first is not None and second is not None
    assert (first.readings["teams"].fresh, second.readings["teams"].fresh) == (True, False)
    assert second.readings["teams"].values == ((date(2026, 1, 1), 1.0),)
    (tmp_path / "data/t.csv").write_text("date,value\n2026-01-01,1\n2026-01-08,2\n")
    third = read_metrics(catalogue, reading(tmp_path, cache))
    assert third is not None and third.readings["teams"].fresh and len(third.readings["teams"].values) == 2
    (tmp_path / "data/t.csv").unlink()
    gone = read_metrics(catalogue, reading(tmp_path, cache))
    assert gone is not None
    assert (gone.readings["teams"].values, gone.readings["teams"].error) == ((), "no file 'data/t.csv' in the repository")
    assert [p.text() for p in gone.problems()] == [
        "strategy/metrics.yaml:1:32: warning: metric 'teams' has never been read: no file 'data/t.csv' in the repository [metric-unread]"
    ]
    code, sarif = cli("check", "--format", "sarif", cwd=tmp_path)
    run = json.loads(sarif)["runs"][0]
    (result,) = [r for r in run["results"] if r["ruleId"] == "metric-unread"]
    assert code == 0 and run["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == "metric-unread"


# --- what the values say, on known data ------------------------------------------------------------------------

WEEKLY = [(date(2026, 1, 5) + timedelta(weeks=w), 100.0 + 15 * w) for w in range(21)]  # 15 a week, to 400 on 2026-05-25


def test_the_trend_is_the_least_squares_slope_of_the_recent_values():
    assert trend(WEEKLY, 90) == pytest.approx(15 / 7)
    assert trend([(date(2026, 1, 1), 1.0), (date(2026, 1, 2), 3.0), (date(2026, 1, 3), 2.0)], 90) == pytest.approx(0.5)
    assert trend(WEEKLY[:1], 90) is None
    assert (
        trend([(date(2026, 1, 1), 0.0), (date(2026, 6, 1), 100.0), (date(2026, 6, 2), 100.0)], 7) == 0.0
    )  # the old value is out of the window


@pytest.mark.parametrize(
    ("goal", "expected"),
    [
        (Goal(500, date(2026, 9, 30), Direction.HIGHER), Standing.ON_TRACK),  # 400 + 18 weeks x 15 = 670
        (Goal(800, date(2026, 9, 30), Direction.HIGHER), Standing.OFF_TRACK),
        (Goal(350, date(2026, 9, 30), Direction.HIGHER), Standing.MET),
        (Goal(500, date(2026, 5, 1), Direction.HIGHER), Standing.OFF_TRACK),  # its date passed
        (Goal(500, None, Direction.HIGHER), Standing.ON_TRACK),  # no date: moving the right way
        (Goal(50, None, Direction.LOWER), Standing.OFF_TRACK),
        (Goal(None, None, Direction.HIGHER), Standing.UNKNOWN),
    ],
)
def test_a_standing_is_where_the_trend_reaches_by_the_date(goal, expected):
    assert standing(WEEKLY, goal, date(2026, 6, 1), 90) is expected


def test_a_move_after_work_is_done_and_a_forecast_that_came_due():
    move = moved_since(WEEKLY, date(2026, 3, 2), Direction.HIGHER)
    assert move is not None and (move.before, move.after, move.improved) == (
        (date(2026, 3, 2), 220.0),
        (date(2026, 5, 25), 400.0),
        True,
    )
    assert moved_since(WEEKLY, date(2026, 6, 1), Direction.HIGHER) is None  # nothing measured after
    assert reached_by(WEEKLY, Goal(300, date(2026, 4, 30), Direction.HIGHER)) is True  # 340 on 2026-04-27
    assert reached_by(WEEKLY, Goal(400, date(2026, 4, 30), Direction.HIGHER)) is False
    rows = calibrate([("high", True), ("high", False), ("high", True), ("low", False), (72, True), (78, False), (100, True)])
    assert [(r.confidence, r.due, r.reached, round(r.share, 2), r.stated) for r in rows] == [
        ("low", 1, 0, 0.0, None),
        ("high", 3, 2, 0.67, None),
        ("70–79%", 2, 1, 0.5, 75.0),
        ("90–100%", 1, 1, 1.0, 100.0),
    ]


# --- the project: rules, pages and `ladder metrics` -------------------------------------------------------------


@pytest.fixture
def measured_repo(tmp_path):
    return outcomes_project(tmp_path / "repo")


def _outcome_findings(root: Path, **levels: str) -> list[str]:
    settings = Settings(health=levels)
    project_measured = read_metrics(load_catalogue(DirectorySource(root / "strategy"), []), reading(root))
    checked = check_directory(root / "strategy", wiring.health_settings(settings), None, None, project_measured)
    rules = ("no-outcome", "off-track", "output-without-outcome", "stale-metric")
    return [p.text(root) for p in checked.problems if p.rule in rules]


def test_the_rules_of_outcomes_fire_on_a_tree_made_to_trigger_them(measured_repo):
    code, out = cli("check", cwd=measured_repo.root)
    lines = [
        line
        for line in out.splitlines()
        if any(f"[{r}]" in line for r in ("no-outcome", "off-track", "output-without-outcome", "stale-metric"))
    ]
    assert lines == [
        "strategy/initiatives/save-desk.yaml:8:11: warning: done on 2026-02-01, and 'churn' has not moved the right way since: 4.1 % then, 4.5 % on 2026-05-01; what did the work change? [output-without-outcome]",
        "strategy/initiatives/survey.yaml:6:11: warning: the latest value of 'nps' is from 2026-03-01, 92 days ago (limit 45): is its source still written? [stale-metric]",
        "strategy/strategies/quiet.yaml:1:1: warning: this active strategy names no metric of the catalogue: say which outcome it is judged by (metrics: [{metric: <id>, target: <value>, by: <date>}]) [no-outcome]",
        "strategy/strategies/retention.yaml:4:11: warning: 'churn' is off track for its target 2 %: at the trend of the last 90 days it reaches 5.648 % by 2026-12-31; make the work smaller, or the target honest [off-track]",
    ]
    assert code == 0


def test_the_rules_of_outcomes_stay_quiet_on_a_healthy_tree_and_can_be_waived_or_raised(measured_repo):
    root = measured_repo.root
    healthy = {
        "strategy/strategies/quiet.yaml": "title: Quiet\nparent: mission\nowner: core\nmetrics: [{metric: revenue}]\n",
        "strategy/strategies/retention.yaml": "title: Retention\nparent: mission\nowner: core\nmetrics: [{metric: churn, target: 5, by: 2026-12-31}]\n",
        "data/nps.csv": "date,value\n2026-01-01,20\n2026-05-20,25\n",
    }
    write_files(root, healthy)
    assert _outcome_findings(root) == []  # output-without-outcome reads history: none here, so it is skipped
    write_files(
        root, {"strategy/strategies/retention.yaml": healthy["strategy/strategies/retention.yaml"].replace("target: 5", "target: 2")}
    )
    assert _outcome_findings(root) == [
        "strategy/strategies/retention.yaml:4:11: warning: 'churn' is off track for its target 2 %: at the trend of the last 90 days it reaches 5.648 % by 2026-12-31; make the work smaller, or the target honest [off-track]"
    ]
    assert [line.split(": ")[1] for line in _outcome_findings(root, **{"off-track": "error"})] == ["error"]
    waived = (
        healthy["strategy/strategies/retention.yaml"].replace("target: 5", "target: 2")
        + "waive: {off-track: a stretch target on purpose}\n"
    )
    write_files(
        root,
        {"strategy/strategies/retention.yaml": waived, "strategy/strategies/quiet.yaml": "title: Quiet\nparent: mission\nowner: core\n"},
    )
    assert _outcome_findings(root) == [
        "strategy/strategies/quiet.yaml:1:1: warning: this active strategy names no metric of the catalogue: say which outcome it is judged by (metrics: [{metric: <id>, target: <value>, by: <date>}]) [no-outcome]"
    ]
    assert _outcome_findings(root, **{"no-outcome": "off"}) == []


def test_the_calibration_and_the_measured_value_on_known_data(measured_repo):
    root = measured_repo.root
    from mkdocs_ladder.config_file import load_site_config
    from mkdocs_ladder.project import Project

    project = Project.of_site(load_site_config(root / "mkdocs.yml"))
    checked = project.check()
    assert checked.tree is not None and checked.measured is not None
    outcomes = tree_outcomes(checked.tree, checked.measured, date(2026, 6, 1), 90)
    assert [(r.confidence, r.due, r.reached) for r in calibration(checked.tree, outcomes, date(2026, 6, 1))] == [
        ("high", 1, 1),
        ("70–79%", 1, 0),
    ]
    from mkdocs_ladder.history.model import done_days

    done = done_days(checked.history, {n.id: n.status.value for n in checked.tree.nodes.values()})
    assert done == {"onboarding": date(2026, 3, 2), "save-desk": date(2026, 2, 1)}
    moves = {node: (m.before[1], m.after[1], m.improved) for node, _, m in measured_moves(outcomes, done)}
    assert moves == {"onboarding": (220.0, 400.0, True), "save-desk": (pytest.approx(4.1), pytest.approx(4.5), False)}


def _metric_outcome(outcomes: dict[str, list[Outcome]], node: str) -> Outcome:
    return outcomes[node][0]


def test_the_pages_show_the_charts_the_metric_tree_and_the_standings_as_ladder_metrics_says(measured_repo):
    root = measured_repo.root
    done = run_build(root, strict=False)
    assert done.ok, done.log
    site = done.site
    onboarding = page(site, "strategy", "onboarding")
    figure = onboarding[onboarding.index('<figure class="ladder-chart ladder-outcome"') :]
    figure = figure[: figure.index("</figure>")]
    assert (
        'aria-label="Weekly active teams over time: 100 teams on 2026-01-05, 400 teams on 2026-05-25; target 300 teams by 2026-04-30; 2 integrations of its work marked; done on 2026-03-02"'
        in figure
    )
    assert figure.count('class="ladder-chart__work"') == 2 and figure.count('class="ladder-chart__done-mark"') == 1
    assert 'class="ladder-chart__target"' in figure and 'class="ladder-chart__deadline"' in figure and "<script" not in figure
    assert "<td>2026-02-10</td><td></td><td>work integrated</td>" in figure
    assert '<span class="ladder-standing ladder-standing--met">met</span>' in figure
    metrics_page = page(site, "strategy", "metrics")
    assert 'aria-label="Metric tree: 4 metrics with their latest values, trends and standings"' in metrics_page
    rows = {row.attrs["id"]: row for row in located(metrics_page, "tr") if row.attrs.get("id")}
    assert set(rows) == {metric_anchor(m) for m in ("revenue", "active-teams", "churn", "nps")}
    code, said = cli("metrics", "--format", "json", cwd=root)
    assert code == 0
    for row in json.loads(said[said.index("[\n") :]):
        text = rows[metric_anchor(row["id"])].text
        latest = row["latest"]
        assert f"{latest['value']:,.4g}" in text and latest["date"] in text, row["id"]
        assert {"on-track": "on track", "off-track": "off track", "met": "met", "unknown": "no trend yet"}[row["standing"]] in text
    calibration_table = metrics_page[metrics_page.index('class="ladder-calibration') :]
    assert (
        '<tr><td>high</td><td class="ladder-count">1</td><td class="ladder-count">1</td><td class="ladder-count">100%</td>'
        in calibration_table
    )
    assert (
        '<tr><td>70–79%</td><td class="ladder-count">1</td><td class="ladder-count">0</td><td class="ladder-count">0%</td><td class="ladder-count">70%</td></tr>'
        in calibration_table
    )
    overview = page(site, "strategy")
    measured = overview[overview.index('class="ladder-measured') :]
    assert measured.index("Onboarding") < measured.index("Save desk")  # the largest improvement first
    assert "+180 teams (+82%) better" in measured and "+0.4 % (+10%) not better" in measured
    rows = located(overview[overview.index('class="ladder-overview') :], "tr")
    standings = [
        [b.text for b in located(row.inner, "span", "ladder-standing")] for row in rows if "ladder-row--" in row.attrs.get("class", "")
    ]
    assert standings == [["on track"], [], ["off track"]]  # growth, quiet (no metric), retention, beside their status


def test_the_files_of_many_metrics_are_read_in_one_database_and_one_failure_stays_its_own(tmp_path):
    write_files(tmp_path, {"a.csv": "date,value\n2026-01-01,1\n", "b.csv": "date,value\n2026-01-01,2\n"})
    found = read_files(
        [
            ("a", MetricSource(file="a.csv")),
            ("gone", MetricSource(file="gone.csv")),
            ("b", MetricSource(file="b.csv", query="select date, value * 10 as value from data")),
            ("bad", MetricSource(file="a.csv", query="select nothing from data")),
        ],
        tmp_path,
        Limits(),
    )
    assert found["a"] == Rows(((date(2026, 1, 1), 1.0),)) and found["b"] == Rows(((date(2026, 1, 1), 20.0),))
    assert str(found["gone"]) == "no file 'gone.csv' in the repository"
    assert str(found["bad"]).startswith('the query failed: Binder Error: Referenced column "nothing" not found')


def test_ladder_diff_names_the_metrics_a_change_adds_or_retargets(measured_repo):
    root = measured_repo.root
    write_files(
        root,
        {
            "strategy/strategies/growth.yaml": "title: Growth\nparent: mission\nowner: core\nmetrics: [{metric: active-teams, target: 600, by: 2026-12-31}]\n",
            "strategy/initiatives/survey.yaml": "title: Survey\nparent: retention\nowner: core\nwhy: w\nsteps: [one]\nmetrics: [{metric: nps, target: 40}, {metric: revenue, target: 180}]\n",
            "strategy/metrics.yaml": OUTCOMES_CATALOGUE + "signups:\n  title: Signups\n  source: {file: data/teams.csv}\n",
        },
    )
    code, markdown = cli("diff", "HEAD", cwd=root)
    assert code == 0
    assert "**2 metrics added · 1 metric retargeted · 2 health warnings cleared**" in markdown
    section = markdown[markdown.index("#### Metrics") :].split("\n\n")[1].splitlines()
    assert section == [
        "- catalogue: `signups` added",
        "- `survey` Survey names `revenue`: 180",
        "- `growth` Growth retargets `active-teams`: 500 by 2026-09-30 → **600 by 2026-12-31**",
    ]
    data = json.loads(cli("diff", "HEAD", "--format", "json", cwd=root)[1])
    assert data["catalogue_added"] == ["signups"]
    assert [(c["id"], c["metric"], c["before"], c["after"]) for c in data["metrics_retargeted"]] == [
        ("growth", "active-teams", "500 by 2026-09-30", "600 by 2026-12-31")
    ]
    assert [(c["id"], c["metric"], c["before"], c["after"]) for c in data["metrics_added"]] == [("survey", "revenue", None, "180")]


def test_ladder_render_carries_the_outcomes_for_zensical(measured_repo):
    root = measured_repo.root
    code, said = cli("render", "out", cwd=root)
    assert code == 0, said
    metrics_page = (root / "out" / "metrics" / "index.md").read_text()  # OUT_DIR is the pages' folder
    assert '<img class="ladder-diagram__img" src="diagram.svg" alt="Metric tree: 4 metrics' in metrics_page
    assert unescape((root / "out" / "metrics" / "diagram.svg").read_text()).count('class="node ladder-metric') == 4
    onboarding = (root / "out" / "onboarding" / "index.md").read_text()
    assert "## Outcomes" in onboarding and 'aria-label="Weekly active teams over time: 100 teams on 2026-01-05' in onboarding
