"""Two deployments on one Redis (two PostgreSQL databases, one redis-server, one db number): each worker takes
only its own deployment's jobs. With one shared queue name, deployment A's worker took B's jobs and dropped
them as "comment not found"."""

from __future__ import annotations

import time
from pathlib import Path

import httpx

from service.config import Settings
from service.processes import RedisServer, Service, service_env, start_api, start_worker, wait_for
from service.scratch_db import ScratchDatabase

from .helpers import comment, read, submit, wait_decided
from .pg import ADMIN_DSN


def test_each_deployment_takes_only_its_own_jobs(artifacts: Path, services: list[Service]) -> None:
    broker = RedisServer(artifacts / "redis-two-deployments")
    broker.start()
    databases = [ScratchDatabase.create(prefix, ADMIN_DSN) for prefix in ("raqib_dep_a", "raqib_dep_b")]
    try:
        env_a, env_b = (service_env(db.url, broker.url(0)) for db in databases)
        queue_a, queue_b = (Settings(database_url=db.url).queue_name for db in databases)
        assert queue_a != queue_b and databases[0].name in queue_a

        worker_a = start_worker(env_a, artifacts / "dep-a-worker.log")
        services.append(worker_a)
        api_a, base_a = start_api(env_a, artifacts / "dep-a-api.log")
        api_b, base_b = start_api(env_b, artifacts / "dep-b-api.log")
        services += [api_a, api_b]

        # B has no worker yet: its jobs must wait in B's queue while A's worker runs and decides A's own.
        ids_b = [submit(base_b, comment(body=f"تعليق للنشر ب {i}")).json()["id"] for i in range(5)]
        ids_a = [submit(base_a, comment(body=f"تعليق للنشر أ {i}")).json()["id"] for i in range(5)]
        for cid in ids_a:
            assert wait_decided(base_a, cid)["status"] in {"published", "held", "rejected"}
        time.sleep(2)  # time for a worker that listened on the wrong queue to take B's jobs too
        assert broker.client(0).llen(queue_b) == 5
        ready_b = httpx.get(f"{base_b}/readyz", timeout=30).json()["checks"]["redis"]
        assert ready_b["queue"] == queue_b and ready_b["depth"] == 5
        assert all(read(base_b, cid).json()["status"] == "queued" for cid in ids_b)

        worker_b = start_worker(env_b, artifacts / "dep-b-worker.log")
        services.append(worker_b)
        for cid in ids_b:
            assert wait_decided(base_b, cid)["status"] in {"published", "held", "rejected"}
        wait_for(
            lambda: broker.client(0).llen(queue_a) + broker.client(0).llen(queue_b) == 0, 10, "empty queues"
        )
        for worker in (worker_a, worker_b):
            assert "not found; job dropped" not in worker.log_text()
    finally:
        for service in services:
            service.stop()
        services.clear()
        for db in databases:
            db.drop()
        broker.stop()
