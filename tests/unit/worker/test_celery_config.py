"""Celery settings that keep comments safe: late acks, redelivery of a dead worker's jobs, fast failure."""

from __future__ import annotations

import pytest

from service.config import Settings
from service.worker import celery_config


def test_jobs_of_a_dead_worker_come_back_and_publishing_fails_fast(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:6379/0")
    monkeypatch.setenv("RAQIB_BROKER_VISIBILITY_TIMEOUT_SECONDS", "7")
    config = celery_config(Settings())
    assert config["task_acks_late"] and config["task_reject_on_worker_lost"]
    transport = config["broker_transport_options"]
    assert transport["visibility_timeout"] == 7
    # Scanned on every tick: a killed worker's job is restored within visibility_timeout + interval.
    assert transport["unacked_restore_throttle"] == 1 and transport["unacked_restore_interval"] <= 10
    assert transport["max_retries"] == 0 and transport["socket_connect_timeout"] <= 1


def test_the_beat_publishes_overdue_comments_as_often_as_it_sweeps(monkeypatch: pytest.MonkeyPatch) -> None:
    import service.site_policy.tasks  # noqa: F401  (registers the task with the app)
    from service.worker import app

    monkeypatch.setenv("RAQIB_SWEEP_INTERVAL_SECONDS", "7")
    entry = celery_config(Settings())["beat_schedule"]["publish-overdue"]
    assert entry["schedule"] == 7.0 and entry["task"] in app.tasks
    assert "service.site_policy.tasks" in app.conf.include
