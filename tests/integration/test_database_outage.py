"""PostgreSQL out of reach: the API says so with a retryable 503 (nothing half-stored), and a worker that
cannot write a verdict retries with backoff until the database is back, losing no comment."""

from __future__ import annotations

from pathlib import Path

import httpx
from sqlalchemy import create_engine, text

from service.processes import RedisServer, Service, free_port, service_env, start_api, start_worker, wait_for

from .helpers import comment, read, submit, wait_decided
from .tcp_proxy import TcpProxy


def test_api_answers_503_with_retry_after_when_the_database_is_down(
    redis_server: RedisServer, artifacts: Path, services: list[Service]
) -> None:
    nowhere = f"postgresql+psycopg://postgres@127.0.0.1:{free_port()}/raqib"  # nobody listens there
    api, base = start_api(service_env(nowhere, redis_server.url(5)), artifacts / "nodb-api.log")
    services.append(api)

    answer = submit(base, comment(), **{"Accept-Language": "ar"})
    assert answer.status_code == 503, answer.text
    assert answer.headers["retry-after"].isdigit()
    body = answer.json()
    assert [e["code"] for e in body["errors"]] == ["database_unavailable"]
    assert list(body["message"]) == ["ar", "en"]  # Arabic first, as asked
    assert httpx.get(f"{base}/healthz", timeout=5).status_code == 200
    ready = httpx.get(f"{base}/readyz", timeout=15)
    assert ready.status_code == 503 and "database" in ready.text
    assert "Traceback" not in api.log_text()  # an expected outage, logged as one line, not as a crash


def test_worker_retries_until_the_database_is_back(
    pg_url: str, redis_server: RedisServer, artifacts: Path, services: list[Service]
) -> None:
    db = 6
    redis_server.client(db).flushdb()
    api, base = start_api(service_env(pg_url, redis_server.url(db)), artifacts / "dbretry-api.log")
    services.append(api)
    comment_id = submit(base, comment(body="تعليق ينتظر عودة قاعدة البيانات")).json()["id"]

    # The worker reaches PostgreSQL only through the proxy, which is cut from the start.
    proxy = TcpProxy(("127.0.0.1", 5432))
    via_proxy = pg_url.replace("127.0.0.1:5432", f"127.0.0.1:{proxy.port}")
    worker = start_worker(service_env(via_proxy, redis_server.url(db)), artifacts / "dbretry-worker.log")
    services.append(worker)
    try:
        wait_for(lambda: worker.log_text().count("database error scoring") >= 2, 30, "two failed tries")
        assert read(base, comment_id).json()["status"] == "queued"
        proxy.restore()
        detail = wait_decided(base, comment_id, timeout=60)
    finally:
        proxy.cut()
    assert len(detail["scores"]) == 1
    assert "(try 1)" in worker.log_text() and "(try 2)" in worker.log_text()
    engine = create_engine(pg_url)
    try:
        with engine.connect() as conn:
            rows = conn.execute(
                text("SELECT count(*) FROM comment_scores WHERE comment_id = :i"), {"i": comment_id}
            )
            assert rows.scalar_one() == 1
    finally:
        engine.dispose()
