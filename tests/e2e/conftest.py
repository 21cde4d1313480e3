"""Browser-test fixtures: the real app under uvicorn on a temp SQLite database, and Debian's Chromium."""

from __future__ import annotations

import os
import socket
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from service.config import PROJECT_ROOT
from service.db import session_scope
from service.devserver import service_commands
from service.migrations_cli import upgrade
from service.moderation.accounts import create_user

from .moderation_seed import PASSWORD, SITE_A, SITE_B

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = PROJECT_ROOT / "test-artifacts"


@dataclass(frozen=True)
class Server:
    base: str
    database_url: str


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """uvicorn running service.app:create_app on a migrated SQLite file seeded with two accounts."""
    tmp = tmp_path_factory.mktemp("e2e")
    url = f"sqlite:///{tmp / 'raqib.db'}"
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "RAQIB_DATABASE_URL": url,
        "RAQIB_MODELS_DIR": str(tmp / "no-models"),  # the workspace needs no model; do not load one
        "RAQIB_LOG_LEVEL": "WARNING",
    }
    upgrade(url)
    with session_scope(url) as session:
        create_user(session, email="admin@e2e.test", password=PASSWORD, role="admin", sites=[])
        create_user(session, email="mod@e2e.test", password=PASSWORD, role="moderator", sites=[SITE_A])
        create_user(session, email="other@e2e.test", password=PASSWORD, role="moderator", sites=[SITE_B])
    port = _free_port()
    ARTIFACTS.mkdir(exist_ok=True)
    log = (ARTIFACTS / "e2e-uvicorn.log").open("wb")
    proc = subprocess.Popen(
        service_commands(port, tmp)["api"],
        env=env,
        cwd=PROJECT_ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            if httpx.get(f"{base}/moderation/login", timeout=2).status_code == 200:
                break
        except httpx.HTTPError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            raise RuntimeError(f"uvicorn did not start; see {ARTIFACTS / 'e2e-uvicorn.log'}")
        time.sleep(0.2)
    yield Server(base=base, database_url=url)
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
    log.close()


@pytest.fixture(scope="session")
def chromium() -> Iterator[object]:
    """Debian's Chromium driven by Playwright (no browser download)."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail("chromium is not installed: apt-get install -y chromium")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def db(server: Server):  # type: ignore[no-untyped-def]
    """A session on the server's database, for seeding and for checking what the clicks changed."""
    from service.db import get_sessionmaker

    session = get_sessionmaker(server.database_url)()
    yield session
    session.close()
