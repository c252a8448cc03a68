"""Outcomes read from a real PostgreSQL server (issue 29), started by the tests as an
unprivileged user and stopped after them (:mod:`.postgres`): read-only, bounded, with the last
values when the server stops mid-build, and the password in no output or file."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

from .conftest import write_files
from .postgres import READER_PASSWORD, Server, start_server
from .sites import OUTCOMES_CATALOGUE, cli, outcomes_project, page, run_build

pytestmark = pytest.mark.slow  # a server of its own: out of the inner loop

REVENUE = "select month as date, sum(amount) / 1000.0 as value from revenue group by 1"
CATALOGUE = OUTCOMES_CATALOGUE.replace(
    "revenue:\n  title: Revenue\n  unit: k€\n  source:\n    file: data/revenue.json\n",
    f"revenue:\n  title: Revenue\n  unit: k€\n  source:\n    connection: warehouse\n    query: {REVENUE}\n",
)
SECRETS = (READER_PASSWORD, quote(READER_PASSWORD, safe=""))


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    found = start_server()
    found.admin(
        "CREATE TABLE revenue (month date, amount numeric)",
        "INSERT INTO revenue VALUES ('2026-01-01', 60000), ('2026-01-01', 40000), ('2026-02-01', 110000), ('2026-03-01', 125000), ('2026-04-01', 150000)",
        "CREATE TABLE sink (x int)",
        "GRANT INSERT ON sink TO ladder_reader",
        "CREATE FUNCTION ladder_write() RETURNS int LANGUAGE sql AS 'INSERT INTO sink VALUES (1) RETURNING x'",
        "GRANT EXECUTE ON FUNCTION ladder_write() TO ladder_reader",
    )
    try:
        yield found
    finally:
        found.remove()


def _project(root: Path, extra: str = "", options: str = "") -> Path:
    repo = outcomes_project(root, {"strategy/metrics.yaml": CATALOGUE + extra})
    if options:
        write_files(repo.root, {"mkdocs.yml": (repo.root / "mkdocs.yml").read_text().replace("  - ladder\n", f"  - ladder:\n{options}")})
    return repo.root


def _metrics(root: Path, server: Server, monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[int, str]:
    monkeypatch.setenv("LADDER_CONNECTION_WAREHOUSE", server.url())
    return cli("metrics", *args, cwd=root)


def _nowhere(root: Path, *outputs: str) -> None:
    """No secret in any output, nor in any file of the project (its site and its cache too)."""
    for text in outputs:
        for secret in SECRETS:
            assert secret not in text
    for path in root.rglob("*"):
        if path.is_file() and ".git" not in path.parts:
            data = path.read_bytes()
            for secret in SECRETS:
                assert secret.encode() not in data, path


def test_a_database_metric_is_read_in_the_database_and_shown(tmp_path, server, monkeypatch):
    root = _project(tmp_path / "repo")
    code, said = _metrics(root, server, monkeypatch, "revenue")
    assert code == 0
    assert said.splitlines()[:4] == [
        "revenue: Revenue (higher is better)",
        "latest: 150 k€ on 2026-04-01",
        "trend: +3.87663 k€ a week",
        said.splitlines()[3],
    ]
    assert "  2026-01-01  100 k€" in said  # two rows of one month, summed by the database
    done = run_build(root, env={"LADDER_CONNECTION_WAREHOUSE": server.url()})
    assert done.ok, done.log
    assert "150 k€" in page(done.site, "strategy", "mission")
    _nowhere(root, said, done.log)


def test_a_write_is_refused_and_a_time_limit_a_row_limit_and_text_in_place_of_numbers_hold(tmp_path, server, monkeypatch):
    extra = """\
writer:
  title: Writer
  source:
    connection: warehouse
    query: select now()::date as date, ladder_write() as value
sleeper:
  title: Sleeper
  source:
    connection: warehouse
    query: select now()::date as date, 1 as value from pg_sleep(5)
many:
  title: Many
  source:
    connection: warehouse
    query: select date '2026-01-01' + n as date, n as value from generate_series(1, 50) n
words:
  title: Words
  source:
    connection: warehouse
    query: >-
      select d as date, v as value from (values (date '2026-01-01', '1'), (date '2026-01-02', 'abc'),
      (date '2026-01-03', null), (date '2026-01-04', 'NaN'), (date '2026-01-05', 'Infinity'), (null, '7')) t(d, v)
floats:
  title: Floats
  source:
    connection: warehouse
    query: select date '2026-01-01' as date, 'NaN'::float8 as value union all select date '2026-01-02', '-Infinity'::float8 union all select date '2026-01-03', 2.5
broken:
  title: Broken
  source:
    connection: warehouse
    query: selec month from revenue
"""
    root = _project(tmp_path / "repo", extra, "      metrics: {timeout: 1, max_rows: 30}\n")
    monkeypatch.setenv("LADDER_CONNECTION_WAREHOUSE", server.url())
    code, said = cli("check", cwd=root)
    lines = [line for line in said.splitlines() if "[metric-" in line]
    assert lines == [
        "strategy/metrics.yaml:28:5: warning: metric 'writer' has never been read: the query tried to write, and was refused (a metric's query only reads): cannot execute INSERT in a read-only transaction [metric-unread]",
        "strategy/metrics.yaml:33:5: warning: metric 'sleeper' has never been read: the query ran longer than 1 s (the metrics' timeout) [metric-unread]",
        "strategy/metrics.yaml:38:5: warning: metric 'many' has never been read: the result has more than 30 rows (the metrics' max_rows); aggregate it in the query [metric-unread]",
        "strategy/metrics.yaml:43:5: note: metric 'words': 5 rows had no date or no finite number (text, NULL, NaN or infinity), and were skipped [metric-skipped-rows]",
        "strategy/metrics.yaml:50:5: note: metric 'floats': 2 rows had no date or no finite number (text, NULL, NaN or infinity), and were skipped [metric-skipped-rows]",
        "strategy/metrics.yaml:55:5: warning: metric 'broken' has never been read: the database said: syntax error at or near \"from\" [metric-unread]",
    ]
    assert code == 0  # warnings: the rest of the site builds
    assert cli("check", "--strict", cwd=root)[0] == 1  # a metric never read fails --strict
    _, words = cli("metrics", "words", "--format", "json", cwd=root)
    assert '"all_values": [\n    {\n      "date": "2026-01-01",\n      "value": 1.0\n    }\n  ]' in words
    assert server.one("SELECT count(*) FROM sink") == 0  # the write was refused
    _nowhere(root, said, words)


def test_with_the_server_stopped_mid_build_the_site_builds_on_the_last_values_and_says_how_old(tmp_path, server, monkeypatch):
    slow = "slow-revenue:\n  title: Slow revenue\n  unit: k€\n  source:\n    connection: warehouse\n    query: select month as date, sum(amount) / 1000.0 as value from revenue, pg_sleep(1) group by 1\n"
    root = _project(tmp_path / "repo", slow, "      metrics: {refresh_minutes: 0}\n")
    env = {"LADDER_CONNECTION_WAREHOUSE": server.url()}
    first = run_build(root, env=env)
    assert first.ok, first.log
    stopper = threading.Timer(0.4, server.stop)  # while the slow query runs
    started = time.monotonic()
    stopper.start()
    try:
        second = run_build(root, env=env)
    finally:
        stopper.join()
        server.start()
    assert time.monotonic() - started > 0.4
    assert second.ok, second.log
    stale = [line for line in second.log.splitlines() if "could not be read now" in line]
    assert len(stale) == 1 and "note: metric 'slow-revenue' could not be read now (the database said: " in stale[0]
    assert "); showing the values read 1 second ago, at 20" in stale[0] or "); showing the values read 2 seconds ago, at 20" in stale[0]
    metrics_page = page(second.site, "strategy", "metrics")
    assert "Its source could not be read when the site was built: these values were read at 20" in metrics_page
    assert "150 k€" in page(second.site, "strategy", "mission")  # read before the server stopped
    _nowhere(root, first.log, second.log)


def test_a_password_appears_in_no_error(tmp_path, server, monkeypatch):
    root = _project(tmp_path / "repo")
    monkeypatch.setenv("LADDER_CONNECTION_WAREHOUSE", server.url(password=READER_PASSWORD + "x"))
    code, said = cli("check", cwd=root)
    assert code == 0 and 'password authentication failed for user "ladder_reader" [metric-unread]' in said
    monkeypatch.setenv(
        "LADDER_CONNECTION_WAREHOUSE", f"postgresql+psycopg://ladder_reader:{quote(READER_PASSWORD, safe='')}@127.0.0.1:1/metrics"
    )
    code, refused = cli("metrics", cwd=root)
    assert code == 0  # a metric not read is said, not a failure (--strict fails on it)
    assert "revenue: no value · unknown · database warehouse · never read: the database said: connection failed:" in refused
    monkeypatch.setenv("LADDER_CONNECTION_WAREHOUSE", f"nosuchdialect://u:{quote(READER_PASSWORD, safe='')}@h/d")
    code, unknown = cli("metrics", cwd=root)
    assert code == 0  # a metric not read is said, not a failure (--strict fails on it)
    assert "never read: cannot use the connection: Can't load plugin: sqlalchemy.dialects:nosuchdialect" in unknown
    monkeypatch.setenv("LADDER_CONNECTION_WAREHOUSE", f"postgresql://u:{READER_PASSWORD}@h/d")  # its password unescaped
    code, unparsed = cli("metrics", cwd=root)
    assert code == 0  # a metric not read is said, not a failure (--strict fails on it)
    assert "never read: the connection's URL is not a database URL (dialect+driver://user:password@host/database)" in unparsed
    monkeypatch.delenv("LADDER_CONNECTION_WAREHOUSE")
    code, unset = cli("metrics", cwd=root)
    assert code == 0  # a metric not read is said, not a failure (--strict fails on it)
    assert "never read: connection 'warehouse' has no URL: set the environment variable LADDER_CONNECTION_WAREHOUSE" in unset
    _nowhere(root, said, refused, unknown, unparsed, unset)
