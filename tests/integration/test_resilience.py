"""Nothing is lost between database and queue: Redis down, a worker killed mid-job, a bad model file."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import httpx

from service.config import Settings
from service.processes import RedisServer, Service, service_env, start_api, start_beat, start_worker, wait_for

from .helpers import comment, read, submit, wait_decided


def test_comment_submitted_while_redis_is_down_is_scored_after_it_returns(
    pg_url: str, artifacts: Path, services: list[Service]
) -> None:
    broker = RedisServer(artifacts / "redis-outage")
    broker.start()
    try:
        env = service_env(
            pg_url, broker.url(0), RAQIB_SWEEP_INTERVAL_SECONDS="1", RAQIB_SWEEP_AFTER_SECONDS="2"
        )
        services.append(start_worker(env, artifacts / "outage-worker.log"))
        api, base = start_api(env, artifacts / "outage-api.log")
        services += [api, start_beat(env, artifacts / "outage-beat.log", artifacts / "outage-beat-schedule")]

        broker.stop()
        started = time.monotonic()
        answer = submit(base, comment(body="تعليق أثناء انقطاع Redis"))
        elapsed = time.monotonic() - started
        assert answer.status_code == 202, answer.text
        assert elapsed < 2.0, f"the submission waited {elapsed:.1f}s for the broker"
        comment_id = answer.json()["id"]
        ready = httpx.get(f"{base}/readyz", timeout=10)
        assert ready.status_code == 503 and ready.json()["failed"] == ["redis"]
        time.sleep(3)  # longer than sweep_after: the sweep would send it, if it could
        assert read(base, comment_id).json()["status"] == "queued"

        broker.start()  # same port, empty: the job the API could not publish exists nowhere but in the DB
        detail = wait_decided(base, comment_id, timeout=60)
        assert detail["scores"], detail
    finally:
        broker.stop()


def test_worker_killed_mid_batch_does_not_lose_its_comments(
    pg_url: str, redis_server: RedisServer, artifacts: Path, services: list[Service]
) -> None:
    db = 2  # a Redis database of its own: no other worker may take these jobs
    redis_server.client(db).flushdb()
    env = service_env(pg_url, redis_server.url(db), RAQIB_BROKER_VISIBILITY_TIMEOUT_SECONDS="3")
    api, base = start_api(env, artifacts / "killed-api.log")
    services.append(api)
    # Stored before the worker starts, so that it takes all three into one batch.
    ids = [submit(base, comment(body=f"تعليق {n} سيُقتل عامله")).json()["id"] for n in range(3)]
    slow = start_worker(
        {**env, "RAQIB_TEST_SCORE_DELAY_SECONDS": "120", "RAQIB_SCORE_BATCH_WAIT_SECONDS": "1",
         "RAQIB_SCORE_BATCH_GAP_SECONDS": "1"},
        artifacts / "killed-worker.log",
    )  # fmt: skip
    services.append(slow)
    client = redis_server.client(db)
    wait_for(lambda: client.hlen("unacked") == 3, 20, "the batch to be taken")
    time.sleep(1.5)  # the batch is in its (test-only) sleep
    slow.kill()  # SIGKILL in the middle of the batch: nothing acknowledged
    assert all(read(base, i).json()["status"] == "queued" for i in ids)
    assert client.hlen("unacked") == 3

    services.append(start_worker(env, artifacts / "replacement-worker.log"))
    for comment_id in ids:
        detail = wait_decided(base, comment_id, timeout=60)
        assert len(detail["scores"]) == 1
    wait_for(lambda: client.hlen("unacked") == 0, 10, "every job acknowledged")


def test_bad_model_file_keeps_comments_queued_until_it_is_fixed(
    pg_url: str, redis_server: RedisServer, artifacts: Path, tmp_path: Path, services: list[Service]
) -> None:
    shipped = Settings().models_dir
    version = (shipped / "CURRENT").read_text().strip()
    models = tmp_path / "models"
    shutil.copytree(shipped / version, models / version)
    shutil.copy(shipped / "CURRENT", models / "CURRENT")
    model_file = models / version / "model.joblib"
    good = model_file.read_bytes()
    model_file.write_bytes(good[:-100] + b"tampered" * 12)  # the checksum no longer matches

    db = 4
    redis_server.client(db).flushdb()
    env = service_env(
        pg_url,
        redis_server.url(db),
        RAQIB_MODELS_DIR=str(models),
        RAQIB_SWEEP_INTERVAL_SECONDS="1",
        RAQIB_SWEEP_AFTER_SECONDS="2",
    )
    worker = start_worker(env, artifacts / "badmodel-worker.log")
    services.append(worker)
    api, base = start_api(env, artifacts / "badmodel-api.log")
    services += [api, start_beat(env, artifacts / "badmodel-beat.log", artifacts / "badmodel-beat-schedule")]

    comment_id = submit(base, comment(body="تعليق ونموذج تالف")).json()["id"]
    wait_for(
        lambda: "ArtifactError" in worker.log_text() and "raised" in worker.log_text(), 30, "a loud failure"
    )
    assert read(base, comment_id).json()["status"] == "queued"

    model_file.write_bytes(good)
    detail = wait_decided(base, comment_id, timeout=60)
    assert detail["model_version"] == version
