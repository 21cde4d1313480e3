"""Integration fixtures: a fresh PostgreSQL database, a private Redis, and a real API + Celery worker."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from service.config import PROJECT_ROOT
from service.processes import RedisServer, Service, service_env, start_api, start_worker

from .pg import migrated_database
from .procs import Stack


@pytest.fixture(scope="session")
def artifacts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where service logs go; kept under test-artifacts/ when CI wants them, else a temp dir."""
    keep = os.environ.get("RAQIB_TEST_ARTIFACTS")
    if keep:
        path = Path(keep) / "integration"
        path.mkdir(parents=True, exist_ok=True)
        return path
    return tmp_path_factory.mktemp("integration")


@pytest.fixture(scope="session")
def pg_url() -> Iterator[str]:
    """A PostgreSQL database created for this test session, migrated to head, dropped at the end."""
    with migrated_database("raqib_it") as url:
        yield url


@pytest.fixture(scope="session")
def redis_server(artifacts: Path) -> Iterator[RedisServer]:
    """A private redis-server for the session (never the machine's Redis on 6379)."""
    server = RedisServer(artifacts / "redis")
    server.start()
    yield server
    server.stop()


@pytest.fixture
def services() -> Iterator[list[Service]]:
    """Processes a test starts; all stopped at its end, whatever happened."""
    started: list[Service] = []
    yield started
    for service in reversed(started):
        service.stop()


@pytest.fixture(scope="session")
def stack(pg_url: str, redis_server: RedisServer, artifacts: Path) -> Iterator[Stack]:
    """API and worker on the session's PostgreSQL database and Redis db 0."""
    env = service_env(pg_url, redis_server.url(0))
    worker = start_worker(env, artifacts / "stack-worker.log")
    api, base = start_api(env, artifacts / "stack-api.log")
    yield Stack(base, pg_url, redis_server, 0, api, worker)
    api.stop()
    worker.stop()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if Path(str(item.fspath)).is_relative_to(PROJECT_ROOT / "tests" / "integration"):
            item.add_marker(pytest.mark.integration)
