"""A steady stream of comments through a Redis outage, a worker SIGKILL and a PostgreSQL outage (every
connection cut, new ones refused: what a restart looks like to the service), with API, worker and beat
running: every comment submitted is stored once and decided once, and the drain time is printed.

The news site's side retries a 503 with the same Idempotency-Key, as the README asks. PostgreSQL is reached
through a proxy that the test cuts (never the machine's server); Redis is a private redis-server without
persistence, stopped and started empty (the jobs then exist only in the database).
"""

from __future__ import annotations

import threading
import time
import uuid
from pathlib import Path

import httpx
import psycopg
import pytest

from service.processes import RedisServer, Service, service_env, start_api, start_beat, start_worker

from .helpers import comment
from .tcp_proxy import TcpProxy

RATE = 40  # comments per second
STREAM_SECONDS = 24.0
# Seconds from the stream's start: (what, when).
REDIS_DOWN, REDIS_UP = 3.0, 8.0
WORKER_KILL = 11.0
PG_CUT, PG_OUTAGE = 17.0, 3.0
DRAIN_TIMEOUT = 60.0


class Stream:
    """POSTs RATE comments/s for STREAM_SECONDS; each one retried (same Idempotency-Key) until it gets 202."""

    def __init__(self, base: str, article: str) -> None:
        self.base, self.article = base, article
        self.accepted: dict[str, str] = {}  # Idempotency-Key -> comment id
        self.retries = 0
        self.refusals: dict[int, int] = {}
        self.slowest = 0.0  # seconds, the longest single answer
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _submit(self, client: httpx.Client, n: int) -> None:
        key = f"{self.article}-{n}"
        data = comment(article_id=self.article, body=f"تعليق رقم {n} في سيل متواصل")
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            sent = time.monotonic()
            try:
                answer = client.post("/v1/comments", json=data, headers={"Idempotency-Key": key})
            except httpx.HTTPError:
                answer = None
            self.slowest = max(self.slowest, time.monotonic() - sent)
            if answer is not None and answer.status_code == 202:
                self.accepted[key] = answer.json()["id"]
                return
            status = answer.status_code if answer is not None else 0
            self.refusals[status] = self.refusals.get(status, 0) + 1
            self.retries += 1
            time.sleep(0.2)

    def _run(self) -> None:
        started = time.monotonic()
        with httpx.Client(base_url=self.base, timeout=5) as client:
            for n in range(int(RATE * STREAM_SECONDS)):
                pause = started + n / RATE - time.monotonic()
                if pause > 0:
                    time.sleep(pause)
                self._submit(client, n)


def _counts(pg_url: str, article: str) -> dict[str, int]:
    dsn = pg_url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(dsn) as conn:
        row = conn.execute(
            "SELECT count(*), count(*) FILTER (WHERE status <> 'queued'), count(DISTINCT idempotency_key), "
            "(SELECT count(*) FROM comment_scores s JOIN comments c ON c.id = s.comment_id "
            " WHERE c.article_id = %(a)s) FROM comments WHERE article_id = %(a)s",
            {"a": article},
        ).fetchone()
    assert row is not None
    return dict(zip(("stored", "decided", "distinct_keys", "score_rows"), row, strict=True))


def test_nothing_lost_or_doubled_through_redis_worker_and_postgres_faults(
    pg_url: str, artifacts: Path, services: list[Service], capsys: pytest.CaptureFixture[str]
) -> None:
    broker = RedisServer(artifacts / "faults-redis")
    broker.start()
    proxy = TcpProxy(("127.0.0.1", 5432))
    proxy.restore()
    via_proxy = pg_url.replace("127.0.0.1:5432", f"127.0.0.1:{proxy.port}")
    env = service_env(
        via_proxy,
        broker.url(0),
        RAQIB_SWEEP_INTERVAL_SECONDS="1",
        RAQIB_SWEEP_AFTER_SECONDS="3",
        RAQIB_BROKER_VISIBILITY_TIMEOUT_SECONDS="5",
        RAQIB_PUBLISH_PAUSE_SECONDS="1",
    )
    try:
        worker = start_worker(env, artifacts / "faults-worker-1.log")
        services.append(worker)
        api, base = start_api(env, artifacts / "faults-api.log", ["--no-access-log"])
        services += [api, start_beat(env, artifacts / "faults-beat.log", artifacts / "faults-beat-schedule")]

        stream = Stream(base, f"faults-{uuid.uuid4().hex[:10]}")
        started = time.monotonic()

        def at(moment: float) -> None:
            time.sleep(max(0.0, started + moment - time.monotonic()))

        stream.thread.start()
        at(REDIS_DOWN)
        broker.stop()
        at(REDIS_UP)
        broker.start()
        at(WORKER_KILL)
        worker.kill()  # SIGKILL: no clean shutdown, its jobs unacknowledged
        # The replacement starts alongside (it takes seconds on a busy machine): the schedule goes on.
        replacement: list[Service] = []
        starter = threading.Thread(
            target=lambda: replacement.append(start_worker(env, artifacts / "faults-worker-2.log"))
        )
        starter.start()
        at(PG_CUT)
        proxy.cut()  # every open connection dropped, new ones refused
        time.sleep(PG_OUTAGE)
        proxy.restore()
        pg_back = time.monotonic()
        starter.join(60)
        services += replacement
        assert replacement, "the replacement worker did not start"
        stream.thread.join(STREAM_SECONDS + 60)
        assert not stream.thread.is_alive()
        stream_end = time.monotonic()

        submitted = int(RATE * STREAM_SECONDS)
        assert len(stream.accepted) == submitted, f"{submitted - len(stream.accepted)} never accepted"
        done_at: float | None = None
        while time.monotonic() - stream_end < DRAIN_TIMEOUT:
            if _counts(pg_url, stream.article)["decided"] == submitted:
                done_at = time.monotonic()
                break
            time.sleep(0.2)
        counts = _counts(pg_url, stream.article)
        drain = (
            "NOT drained"
            if done_at is None
            else f"{done_at - stream_end:.1f}s after the stream ended, "
            f"{done_at - pg_back:.1f}s after the last fault (PostgreSQL back)"
        )
        with capsys.disabled():
            print(
                f"\nfaults: submitted {submitted}, stored {counts['stored']}, decided {counts['decided']}, "
                f"score rows {counts['score_rows']}; client retries {stream.retries} {stream.refusals}, "
                f"slowest answer {stream.slowest:.1f}s; "
                f"all decided {drain}"
            )
        assert counts == {
            "stored": submitted,
            "decided": submitted,
            "distinct_keys": submitted,
            "score_rows": submitted,
        }
        assert len(set(stream.accepted.values())) == submitted  # one comment id per submission
        assert stream.refusals.get(503), "the PostgreSQL outage was not seen by the API"
    finally:
        proxy.cut()
        broker.stop()
