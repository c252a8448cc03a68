"""`mkdocs serve` watches the strategy directory: a saved YAML file rebuilds the site, and a
broken one shows its errors while the last good build keeps being served."""

from __future__ import annotations

import os
import socket
import subprocess
import time
import urllib.request

import pytest

from .sites import BIN, copy_fixture


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - loopback only
            return response.read().decode()
    except OSError:
        return None


def wait_for(predicate, timeout: float = 60.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.3)
    return False


@pytest.mark.slow
def test_serve_rebuilds_on_yaml_change_and_keeps_last_good_build(tmp_path):
    project = copy_fixture("example", tmp_path / "p")
    port = free_port()
    log = tmp_path / "serve.log"
    with log.open("w") as out:
        server = subprocess.Popen(
            [str(BIN / "mkdocs"), "serve", "-a", f"127.0.0.1:{port}"],
            cwd=project,
            stdout=out,
            stderr=subprocess.STDOUT,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )
    page = f"http://127.0.0.1:{port}/strategy/onboarding/"
    try:
        assert wait_for(lambda: '<h1 id="ladder-title">Self-serve onboarding <span' in (fetch(page) or "")), log.read_text()
        source = project / "strategy" / "initiatives" / "onboarding.yaml"
        source.write_text(source.read_text().replace("Self-serve onboarding", "Guided onboarding"))
        assert wait_for(lambda: "Guided onboarding" in (fetch(page) or "")), log.read_text()

        source.write_text("title: Broken\nparent: mid-market\nowener: x\n")
        assert wait_for(lambda: "unknown field 'owener'" in log.read_text()), log.read_text()
        assert "strategy/initiatives/onboarding.yaml:3:1: error: unknown field 'owener' (did you mean 'owner'?)" in log.read_text()
        time.sleep(1)
        assert "Guided onboarding" in (fetch(page) or "")  # the last good build is still served
        assert "Traceback" not in log.read_text()
    finally:
        server.terminate()
        server.wait(timeout=30)
