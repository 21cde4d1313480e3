"""The embedded default: API and worker on a SQLite file (WAL), as `make run` uses them."""

from __future__ import annotations

from pathlib import Path

import httpx

from service.migrations_cli import upgrade
from service.processes import RedisServer, service_env, start_api, start_worker

from .helpers import comment, submit, wait_decided


def test_submit_and_score_on_sqlite(tmp_path: Path, redis_server: RedisServer, artifacts: Path) -> None:
    url = f"sqlite:///{tmp_path / 'raqib.db'}"
    upgrade(url)
    db = 3
    redis_server.client(db).flushdb()
    env = service_env(url, redis_server.url(db))
    worker = start_worker(env, artifacts / "sqlite-worker.log")
    try:
        api, base = start_api(env, artifacts / "sqlite-api.log")
        try:
            ids = [submit(base, comment(body=f"تعليق على الملف المحلي {i}")).json()["id"] for i in range(5)]
            details = [wait_decided(base, i) for i in ids]
            assert all(len(d["scores"]) == 1 for d in details)
            # SQLite stores no zone; the API still answers with UTC offsets.
            stamps = [d["created_at"] for d in details] + [d["decision"]["at"] for d in details]
            assert all(s.endswith(("+00:00", "Z")) for s in stamps), stamps
            assert httpx.get(f"{base}/readyz", timeout=10).status_code == 200
        finally:
            api.stop()
    finally:
        worker.stop()
