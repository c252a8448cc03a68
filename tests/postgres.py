"""A real, throwaway PostgreSQL server for the tests: Debian's `postgresql` (which `.ci/setup`
installs when it is missing), a cluster made with initdb in a temporary folder, started on a
free port of 127.0.0.1 and stopped after the tests.

PostgreSQL refuses to run as root, and CI runs as root: then the cluster belongs to the
unprivileged user `nobody`, and initdb, pg_ctl and the server run as it (``setpriv``).
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ADMIN, ADMIN_PASSWORD = "ladder_admin", "admin-Secret-7731"
#: The read-only role the metrics read as. Its password holds characters a URL must escape: the
#: tests look for it, as written and escaped, in every output and file.
READER, READER_PASSWORD = "ladder_reader", "r3ad/Only@P%ss:word"


def binaries() -> Path:
    """The folder of initdb, pg_ctl and postgres: on PATH, else Debian's (newest version first)."""
    found = shutil.which("initdb")
    if found:
        return Path(found).resolve().parent
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]), reverse=True)
    if not candidates:
        raise RuntimeError("PostgreSQL's initdb is missing: .ci/setup installs Debian's postgresql")
    return Path(candidates[0]).parent


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Server:
    """A running cluster: where it is, its port, and how to run its programs."""

    folder: Path
    port: int
    as_user: list[str]

    @property
    def data(self) -> Path:
        return self.folder / "data"

    def run(self, program: str, *args: str) -> None:
        done = subprocess.run([*self.as_user, str(binaries() / program), *args], capture_output=True, text=True, timeout=120, check=False)
        if done.returncode:
            raise RuntimeError(f"{program} failed ({done.returncode}): {done.stderr or done.stdout}")

    def start(self) -> None:
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        self.run("pg_ctl", "-D", str(self.data), "-o", options, "-l", str(self.folder / "log"), "-w", "-t", "60", "start")

    def stop(self) -> None:
        self.run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")

    def remove(self) -> None:
        """Stop the server if it runs, and remove its folder."""
        with contextlib.suppress(RuntimeError):  # stopped already
            self.stop()
        shutil.rmtree(self.folder, ignore_errors=True)

    def url(self, user: str = READER, password: str = READER_PASSWORD, database: str = "metrics") -> str:
        from urllib.parse import quote

        return f"postgresql+psycopg://{quote(user, safe='')}:{quote(password, safe='')}@127.0.0.1:{self.port}/{database}"

    def admin(self, *statements: str, database: str = "metrics") -> None:
        """Run SQL as the cluster's superuser."""
        with _admin_connection(self.port, database) as c:
            for statement in statements:
                c.execute(statement)

    def one(self, query: str) -> object:
        """The first value of the first row of a query, run as the superuser."""
        with _admin_connection(self.port, "metrics") as c:
            return c.execute(query).fetchone()[0]


def _admin_connection(port: int, database: str) -> Any:
    import psycopg

    return psycopg.connect(host="127.0.0.1", port=port, user=ADMIN, password=ADMIN_PASSWORD, dbname=database, autocommit=True)


def start_server() -> Server:
    """Make a cluster in a new temporary folder and start it, with a database ``metrics`` and
    the read-only role. As root, the folder is one that `nobody` can reach (pytest's own
    temporary folders are root's alone); :meth:`Server.remove` removes it."""
    as_user: list[str] = []
    folder = Path(tempfile.mkdtemp(prefix="ladder-postgres-"))
    if os.geteuid() == 0:
        as_user = ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", "--"]
        os.chmod(folder, 0o777)  # noqa: S103  # the server's own throwaway folder
    password_file = folder / "pw"
    password_file.write_text(ADMIN_PASSWORD)
    os.chmod(password_file, 0o644)
    server = Server(folder, _free_port(), as_user)
    server.run("initdb", "-D", str(server.data), "-U", ADMIN, "--pwfile", str(password_file), "-A", "scram-sha-256", "-E", "UTF8")
    server.start()
    with _admin_connection(server.port, "postgres") as c:
        c.execute("CREATE DATABASE metrics")
    server.admin(
        f"CREATE ROLE {READER} LOGIN PASSWORD '{READER_PASSWORD}'",
        f"GRANT CONNECT ON DATABASE metrics TO {READER}",
        f"GRANT USAGE ON SCHEMA public TO {READER}",
        f"ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO {READER}",
    )
    return server
