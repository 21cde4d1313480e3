"""Celery tasks of the webhooks: thin doors into service.webhooks.delivery. Jobs carry a delivery id."""

from __future__ import annotations

import threading

import httpx

from service.config import Settings, get_settings
from service.db import get_sessionmaker, session_scope
from service.webhooks.events import DELIVER_TASK
from service.worker import app

SWEEP_TASK = "raqib.sweep_webhooks"
_client_lock = threading.Lock()
_client: httpx.Client | None = None


def http_client(settings: Settings) -> httpx.Client:
    """One HTTP client per worker process (connection reuse), with short timeouts and no redirects."""
    global _client
    with _client_lock:
        if _client is None:
            timeout = settings.webhook_timeout_seconds
            _client = httpx.Client(
                timeout=httpx.Timeout(timeout, connect=min(timeout, 3.0)), follow_redirects=False
            )
        return _client


@app.task(name=DELIVER_TASK, acks_late=True, reject_on_worker_lost=True, ignore_result=True)
def deliver_webhook(delivery_id: str) -> str:
    """One attempt at one delivery; failures are retried by the sweep on the table's schedule."""
    from service.webhooks.delivery import deliver

    settings = get_settings()
    with get_sessionmaker()() as session:
        return deliver(delivery_id, db_session=session, client=http_client(settings), settings=settings)


@app.task(name=SWEEP_TASK, ignore_result=True)
def sweep_webhooks() -> int:
    """Send the deliveries that are due: retries after their backoff, and those never published."""
    from service.webhooks.delivery import send_due

    with session_scope() as session:
        return send_due(db_session=session, limit=get_settings().sweep_batch_size)
