"""Batches of scoring jobs on a real worker: several comments per model pass, the same scores as one by one,
and every job acknowledged once its verdict is stored."""

from __future__ import annotations

import json
from pathlib import Path

from service.config import get_settings
from service.processes import RedisServer, Service, service_env, start_api, start_worker, wait_for
from service.scoring.scorer import load_scorer

from .helpers import comment, submit, wait_decided

BODIES = [
    "مقال ممتاز، شكرًا للكاتب على هذا التحليل الدقيق",
    "اسكت يا حمار يا غبي",
    "اربح 5000 دولار يوميا من البيت اضغط هنا واتساب 0501234567",
    "راسلني على reader.one@example.com للتفاصيل",
    "شو هالحكي الفاضي، الكاتب ما بيفهم شي",
]


def test_a_burst_is_scored_in_batches_with_the_scores_of_one_by_one_and_every_job_acknowledged(
    pg_url: str, redis_server: RedisServer, artifacts: Path, services: list[Service]
) -> None:
    db = 9
    client = redis_server.client(db)
    client.flushdb()
    env = service_env(pg_url, redis_server.url(db))
    api, base = start_api(env, artifacts / "batches-api.log")
    services.append(api)
    texts = [f"{BODIES[n % len(BODIES)]} #{n}" for n in range(40)]
    ids = [submit(base, comment(body=text)).json()["id"] for text in texts]  # queued before a worker runs
    worker = start_worker(env, artifacts / "batches-worker.log", pool="prefork", concurrency=2)
    services.append(worker)

    details = [wait_decided(base, comment_id, timeout=60) for comment_id in ids]
    wait_for(lambda: client.hlen("unacked") == 0 and client.zcard("unacked_index") == 0, 10, "every ack")
    batches = [
        json.loads(line)["comments"]
        for line in worker.log_text().splitlines()
        if line.startswith("{") and "scoring jobs of" in line
    ]
    assert sorted(i for batch in batches for i in batch) == sorted(ids)  # each job in exactly one batch
    assert max(len(batch) for batch in batches) > 1

    # What the worker stored for each comment of a batch is what the scorer gives the text alone (the
    # serving-parity test ties that to the training-time evaluation).
    scorer = load_scorer(get_settings())
    for detail in details:
        [stored] = detail["scores"]
        [alone] = scorer.score([detail["body"]])  # the stored body: e-mail addresses masked
        assert stored["probabilities"] == alone.probabilities, detail["body"]
        assert stored["spans"] == alone.spans_as_json(), detail["body"]
        assert (stored["dialect"], stored["model_version"]) == (alone.dialect, scorer.version)
    assert {d["status"] for d in details} >= {"published", "held"}
