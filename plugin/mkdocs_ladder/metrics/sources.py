"""Reading one metric's dated values from where they live: a file of the repository through an
embedded DuckDB, or a SQL database through SQLAlchemy.

The query comes from a file anyone can change in a pull request, and runs with CI's
credentials, so every read is bounded and read-only:

* the query is run as a subquery (``SELECT * FROM (<query>) LIMIT max_rows + 1``): one
  statement, a ``SELECT``, whose rows the database stops at the limit;
* DuckDB loads the metric's files into a table first, then gives up every access to files and
  the network, and locks its configuration, before the query runs; it is interrupted at the
  time limit;
* a SQL database is read in a read-only transaction (PostgreSQL: ``SET TRANSACTION READ ONLY``
  and a ``statement_timeout``); the role it connects as should only be able to read
  (docs/security.md);
* an error says what went wrong in one line, with the connection's URL and password removed.

A value that is not a finite number (text, NULL, NaN, infinity) and a date that is no date
are skipped and counted; neither is ever shown.
"""

from __future__ import annotations

import csv
import io
import itertools
import math
import threading
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from mkdocs_ladder.terminal import printable
from mkdocs_ladder.tree.catalogue import MetricSource

DATE_COLUMN, VALUE_COLUMN = "date", "value"


class SourceError(Exception):
    """A source that could not be read: its message is one line, safe to show."""


@dataclass(frozen=True, slots=True)
class Limits:
    """How long a query may run and how many rows it may return."""

    seconds: float = 30.0
    rows: int = 10_000


@dataclass(frozen=True, slots=True)
class Rows:
    """What a source gave: its dated values, in date order (one per date: the last), and how
    many rows were skipped (no date, or no finite number)."""

    values: tuple[tuple[date, float], ...]
    skipped: int = 0


def wrapped(query: str, rows: int) -> str:
    """The query as one bounded statement: a subquery whose rows stop past ``rows``."""
    body = query.strip().rstrip(";").strip()
    return f"SELECT * FROM (\n{body}\n) AS ladder_metric LIMIT {rows + 1}"  # noqa: S608  # the author's query is the point; it runs bounded and read-only


def as_rows(columns: Sequence[str], found: Iterable[Sequence[Any]], limit: int) -> Rows:
    """Dated values from a result: the columns ``date`` and ``value`` (by name, else the first
    two); past ``limit`` rows, SourceError."""
    names = [str(c).lower() for c in columns]
    if len(names) < 2:
        raise SourceError(f"the result has {len(names)} column; it needs two: date and value")
    at_date = names.index(DATE_COLUMN) if DATE_COLUMN in names else 0
    at_value = names.index(VALUE_COLUMN) if VALUE_COLUMN in names else 1
    values: dict[date, float] = {}
    skipped = 0
    for count, row in enumerate(found, start=1):
        if count > limit:
            raise SourceError(f"the result has more than {limit} rows (the metrics' max_rows); aggregate it in the query")
        day, number = _day(row[at_date]), _number(row[at_value])
        if day is None or number is None:
            skipped += 1
        else:
            values[day] = number
    return Rows(tuple(sorted(values.items())), skipped)


def _day(value: object) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return datetime.fromisoformat(value.strip()[:32]).date()
        except ValueError:
            return None
    return None


def _number(value: object) -> float | None:
    """A finite number, or None (words, NULL, NaN and infinity are not numbers here)."""
    if isinstance(value, bool) or value is None:
        return None
    try:
        if isinstance(value, str):  # a CSV column with one stray word is read as text: its numbers still count
            number = float(value.strip()[:64]) if value.strip() else None
        else:
            number = float(value) if isinstance(value, (int, float, Decimal)) else None
    except (OverflowError, ValueError):
        return None
    return number if number is not None and math.isfinite(number) else None


def one_line(message: str, secrets: Iterable[str] = ()) -> str:
    """An error's first line, printable, at most 300 characters, with each secret removed."""
    text = str(message).strip().splitlines()[0] if str(message).strip() else "unknown error"
    for secret in sorted((s for s in secrets if s), key=len, reverse=True):
        text = text.replace(secret, "***")
    text = printable(text)
    return text if len(text) <= 300 else text[:299] + "…"


# --- files, through DuckDB -----------------------------------------------------------------------

_READERS = {".csv": "read_csv", ".parquet": "read_parquet", ".json": "read_json", ".jsonl": "read_json", ".ndjson": "read_json"}


def files_of(source: MetricSource, top: Path) -> list[Path]:
    """The files a source names (a path or a glob), each inside ``top``, in sorted order;
    SourceError for none, or for one that leads outside (a symbolic link)."""
    pattern = source.file or ""
    inside = top.resolve()
    found = sorted(top.glob(pattern)) if any(c in pattern for c in "*?[") else [top / pattern]
    found = [p for p in found if p.is_file()]
    if not found:
        raise SourceError(f"no file '{pattern}' in the repository")
    for path in found:
        if not path.resolve().is_relative_to(inside):
            raise SourceError(f"'{path.relative_to(top)}' leads outside the repository; it is not read")
    return found


def read_files(
    sources: Sequence[tuple[str, MetricSource]], top: Path, limits: Limits, contents: Mapping[Path, bytes] | None = None
) -> dict[str, Rows | SourceError]:
    """Each file source's values, by metric id (or why it could not be read), in one embedded
    database: every metric's files loaded as a table of their own first, then every access to
    files and the network given up and the configuration locked; then each query (or the whole
    table) run on a connection of its own, where ``data`` is that metric's table."""
    import duckdb

    found: dict[str, Rows | SourceError] = {}
    plain = _PlainCsv(top, limits, contents or {})
    sources = [(metric_id, source) for metric_id, source in sources if not plain.read(metric_id, source, found)]
    if not sources:
        return found
    database = duckdb.connect(":memory:", config={"threads": "2", "memory_limit": "1GB", "autoinstall_known_extensions": "false"})
    try:
        tables = {}
        for number, (metric_id, source) in enumerate(sources):
            try:
                _load(database, f"ladder_data_{number}", source, top)
                tables[metric_id] = number
            except SourceError as exc:
                found[metric_id] = exc
        database.execute("SET enable_external_access = false")
        database.execute("SET lock_configuration = true")
        for metric_id, source in sources:
            if metric_id in tables:
                found[metric_id] = _query(database, f"ladder_data_{tables[metric_id]}", source, limits)
    finally:
        database.close()
    return found


@dataclass(frozen=True, slots=True)
class _PlainCsv:
    """Reads a CSV source with no query as DuckDB would: the most common source, and Python's
    csv reads a few hundred rows in a fraction of the 7 ms that DuckDB's sniffer takes per file.
    ``contents``: the files' bytes when they were read already (to know whether they changed)."""

    top: Path
    limits: Limits
    contents: Mapping[Path, bytes]

    def read(self, metric_id: str, source: MetricSource, found: dict[str, Rows | SourceError]) -> bool:
        """Read ``source`` into ``found`` (True), or leave it to DuckDB (False)."""
        if source.query or not (source.file or "").lower().endswith(".csv"):
            return False
        try:
            columns: list[str] = []
            rows: list[list[str]] = []
            for path in files_of(source, self.top):
                data = self.contents[path] if path in self.contents else path.read_bytes()
                text = data.decode("utf-8-sig", errors="replace")
                try:
                    dialect: Any = csv.Sniffer().sniff(text[:4096], delimiters=",;\t|")
                except csv.Error:
                    dialect = csv.excel
                reader = csv.reader(io.StringIO(text, newline=""), dialect)
                columns = next(reader, columns)
                rows += itertools.islice(reader, self.limits.rows + 1 - len(rows))
            found[metric_id] = as_rows(columns, rows, self.limits.rows)
        except SourceError as exc:
            found[metric_id] = exc
        except (OSError, csv.Error) as exc:
            found[metric_id] = SourceError(f"could not read '{source.file}': {one_line(str(exc))}")
        return True


def _load(database: Any, table: str, source: MetricSource, top: Path) -> None:
    """A source's files as one table (SourceError when they cannot be read)."""
    import duckdb

    paths = files_of(source, top)
    reader = _READERS[paths[0].suffix.lower()]
    listed = ", ".join("'" + str(p).replace("'", "''") + "'" for p in paths)
    try:
        database.execute(f"CREATE TABLE {table} AS SELECT * FROM {reader}([{listed}])")  # noqa: S608  # our reader and quoted paths
    except duckdb.Error as exc:
        raise SourceError(f"could not read '{source.file}': {one_line(str(exc))}") from None


def _query(database: Any, table: str, source: MetricSource, limits: Limits) -> Rows | SourceError:
    """One metric's query on a connection of its own, where ``data`` is its table."""
    connection = database.cursor()
    try:
        connection.execute(f"CREATE TEMP VIEW data AS SELECT * FROM {table}")  # noqa: S608  # our own table
        return _run_duckdb(connection, wrapped(source.query or "SELECT * FROM data", limits.rows), limits)
    except SourceError as exc:
        return exc
    finally:
        connection.close()


def _run_duckdb(connection: Any, sql: str, limits: Limits) -> Rows:
    import duckdb

    timer = threading.Timer(limits.seconds, connection.interrupt)
    timer.start()
    try:
        cursor = connection.execute(sql)
        columns = [d[0] for d in cursor.description or []]
        return as_rows(columns, cursor.fetchall(), limits.rows)
    except duckdb.InterruptException:
        raise SourceError(f"the query ran longer than {limits.seconds:g} s (the metrics' timeout)") from None
    except duckdb.Error as exc:
        raise SourceError(f"the query failed: {one_line(str(exc))}") from None
    finally:
        timer.cancel()


# --- databases, through SQLAlchemy -----------------------------------------------------------------


class Databases:
    """The engines of one read of the metrics, one per URL, each keeping as many connections
    as queries run at once (a second query to a server reuses a connection: no new login);
    every one disposed when the read ends (:meth:`close`). Each query still runs in a
    transaction of its own, read-only and with its own time limit."""

    def __init__(self, limits: Limits, size: int = 8):
        self.limits = limits
        self.size = size
        self._engines: dict[str, tuple[Any, bool]] = {}
        self._lock = threading.Lock()

    def __enter__(self) -> Databases:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        with self._lock:
            for engine, _ in self._engines.values():
                engine.dispose()
            self._engines.clear()

    def engine(self, url: str) -> tuple[Any, bool]:
        """The engine of ``url``, and whether it is PostgreSQL's; SourceError when it cannot be made."""
        with self._lock:
            if url not in self._engines:
                self._engines[url] = _engine(url, self.limits, self.size)
            return self._engines[url]


def _engine(url: str, limits: Limits, size: int) -> tuple[Any, bool]:
    try:
        import sqlalchemy
    except ImportError:
        raise SourceError("reading a database needs SQLAlchemy and the database's driver: pip install 'mkdocs-ladder[postgres]'") from None
    try:
        parsed = sqlalchemy.make_url(url)
    except (sqlalchemy.exc.ArgumentError, ValueError):
        raise SourceError("the connection's URL is not a database URL (dialect+driver://user:password@host/database)") from None
    postgres = parsed.get_backend_name() == "postgresql"
    connect_args: dict[str, Any] = {}
    if postgres:  # every transaction read-only, and every statement bounded, from the connection's first moment
        timeout = f"-c default_transaction_read_only=on -c statement_timeout={int(limits.seconds * 1000)}"
        connect_args = {"connect_timeout": max(1, math.ceil(limits.seconds)), "options": timeout}
    try:
        engine = sqlalchemy.create_engine(
            parsed, pool_size=size, max_overflow=0, pool_timeout=limits.seconds, connect_args=connect_args, hide_parameters=True
        )
    except Exception as exc:  # noqa: BLE001  # a missing driver, a bad option: said in one line, the URL removed
        raise SourceError(f"cannot use the connection: {one_line(str(exc), _secrets(url))}") from None
    return engine, postgres


def read_database(databases: Databases, url: str, query: str) -> Rows:
    """A query's values, read from the database at ``url`` in a read-only transaction."""
    limits, secrets = databases.limits, _secrets(url)
    engine, postgres = databases.engine(url)
    try:
        with engine.connect() as connection:
            if postgres:  # BEGIN READ ONLY, on top of the connection's own default
                connection = connection.execution_options(postgresql_readonly=True)
            connection.begin()
            result = connection.exec_driver_sql(_percent_safe(wrapped(query, limits.rows)))
            rows = as_rows(list(result.keys()), result, limits.rows)
            connection.rollback()  # nothing to keep: the transaction only read
            return rows
    except SourceError:
        raise
    except Exception as exc:  # noqa: BLE001  # the driver's own errors: said in one line, the URL removed
        raise SourceError(_database_error(exc, secrets, limits)) from None


def _percent_safe(sql: str) -> str:
    """The SQL as a driver that formats parameters reads it: a literal ``%`` doubled."""
    return sql.replace("%", "%%")


def _database_error(exc: Exception, secrets: list[str], limits: Limits) -> str:
    original = getattr(exc, "orig", None) or exc
    text = one_line(str(original), secrets)
    if "statement timeout" in text or "canceling statement" in text:
        return f"the query ran longer than {limits.seconds:g} s (the metrics' timeout)"
    if "read-only transaction" in text:
        return f"the query tried to write, and was refused (a metric's query only reads): {text}"
    return f"the database said: {text}"


def _secrets(url: str) -> list[str]:
    """What of a URL must never be shown: the URL itself, its password as written and decoded."""
    from urllib.parse import unquote, urlsplit

    found = [url]
    try:
        password = urlsplit(url).password
    except ValueError:
        password = None
    if password:
        found += [password, unquote(password)]
    return found
