"""What an operator sees: /metrics adding up the API's and the worker's processes, JSON logs carrying one
request id from the API into the scoring job, no clear e-mail or IP address in them, and a job stuck past
its soft time limit retried and counted."""

from __future__ import annotations

import json
import re
from pathlib import Path

import httpx

from service.processes import RedisServer, Service, service_env, start_api, start_worker, wait_for

from .helpers import comment, read, submit, wait_decided


def _sample(text: str, name: str, **labels: str) -> float | None:
    """The value of one sample of a Prometheus text exposition, or None when absent."""
    for line in text.splitlines():
        if line.startswith("#") or not line.startswith(name):
            continue
        head, _, value = line.rpartition(" ")
        metric, _, rest = head.partition("{")
        if metric != name:
            continue
        found = dict(re.findall(r'(\w+)="([^"]*)"', rest))
        if all(found.get(k) == v for k, v in labels.items()):
            return float(value)
    return None


def _json_lines(text: str) -> list[dict[str, object]]:
    lines = []
    for raw in text.splitlines():
        if raw.startswith("{"):
            lines.append(json.loads(raw))
    return lines


def test_metrics_and_logs_follow_a_comment_from_the_api_into_the_worker(
    pg_url: str, redis_server: RedisServer, artifacts: Path, tmp_path: Path, services: list[Service]
) -> None:
    db = 7
    redis_server.client(db).flushdb()
    env = service_env(pg_url, redis_server.url(db), PROMETHEUS_MULTIPROC_DIR=str(tmp_path / "metrics"))
    worker = start_worker(env, artifacts / "obs-worker.log")
    api, base = start_api(env, artifacts / "obs-api.log")
    services += [worker, api]

    rid = "req-observability-0001"
    answer = submit(
        base,
        comment(body="راسلني على secret.reader@example.com", author_ip="203.0.113.77"),
        **{"X-Request-ID": rid},
    )
    assert answer.status_code == 202, answer.text
    assert answer.headers["x-request-id"] == rid
    comment_id = answer.json()["id"]
    decided = wait_decided(base, comment_id)
    assert read(base, comment_id).headers["x-request-id"] != rid  # one id per request

    text = httpx.get(f"{base}/metrics", timeout=10).text
    assert _sample(text, "raqib_http_requests_total", method="POST", route="/v1/comments", status="202") == 1
    assert _sample(text, "raqib_http_request_duration_seconds_count", route="/v1/comments/{comment_id}")
    # Counted in the worker process, shown by the API's /metrics (shared multiprocess directory).
    assert _sample(text, "raqib_scoring_duration_seconds_count") == 1
    assert _sample(text, "raqib_decisions_total", decision=decided["status"], site="alghad.example")
    assert _sample(text, "raqib_job_duration_seconds_count", outcome=decided["status"]) == 1
    assert _sample(text, "raqib_queue_depth") == 0
    assert _sample(text, "raqib_queued_comments") == 0
    assert _sample(text, "raqib_model_info", role="active", version=decided["model_version"]) == 1

    # The batch's log line carries the comment's outcome and the id of the request that stored it.
    wait_for(lambda: "scoring jobs of" in worker.log_text(), 10, "the batch's line")
    job_lines = [line for line in _json_lines(worker.log_text()) if rid in (line.get("request_ids") or [])]
    outcomes = [line["comments"] for line in job_lines]
    assert outcomes == [{comment_id: decided["status"]}], worker.log_text()[-2000:]
    api_lines = _json_lines(api.log_text())
    assert api_lines and all({"time", "level", "logger", "message"} <= set(line) for line in api_lines)
    assert any(line.get("request_id") == rid for line in api_lines)
    for log in (api.log_text(), worker.log_text()):
        assert "secret.reader@example.com" not in log
        assert "203.0.113.77" not in log
    access = [line for line in api_lines if line["logger"] == "uvicorn.access"]
    assert access and all("127.0.0.1" not in str(line["message"]) for line in access)
    assert all("[ip]" in str(line["message"]) for line in access)


def test_a_job_stuck_past_its_soft_time_limit_is_retried_and_counted(
    pg_url: str, redis_server: RedisServer, artifacts: Path, tmp_path: Path, services: list[Service]
) -> None:
    db = 8
    redis_server.client(db).flushdb()
    env = service_env(pg_url, redis_server.url(db), PROMETHEUS_MULTIPROC_DIR=str(tmp_path / "metrics"))
    stuck_once = {
        **env,
        "RAQIB_TASK_SOFT_TIME_LIMIT_SECONDS": "1",
        "RAQIB_TASK_TIME_LIMIT_SECONDS": "20",
        "RAQIB_TEST_SCORE_DELAY_SECONDS": "15",
        "RAQIB_TEST_SCORE_DELAY_FIRST_TRIES": "1",
    }
    # Time limits are the prefork pool's (docker-compose's worker); solo and threads pools have none.
    worker = start_worker(stuck_once, artifacts / "timelimit-worker.log", pool="prefork", concurrency=1)
    api, base = start_api(env, artifacts / "timelimit-api.log")
    services += [worker, api]

    comment_id = submit(base, comment(body="تعليق يعلق مرة واحدة")).json()["id"]
    detail = wait_decided(base, comment_id, timeout=30)
    assert len(detail["scores"]) == 1
    assert "ran past its soft time limit (try 1)" in worker.log_text()
    text = httpx.get(f"{base}/metrics", timeout=10).text
    assert _sample(text, "raqib_task_time_limits_total", limit="soft") == 1
    assert _sample(text, "raqib_task_retries_total", reason="time_limit") == 1
