"""Publishing scoring jobs: the comment id only, after the commit, never blocking a request for long.

A failed publish is not an error for the reader: the comment is stored as queued and the beat sweep
(service.comments.sweep) enqueues it again. After a failure, publishing pauses briefly so that a broker
outage costs each request nothing instead of a connection timeout.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Sequence
from functools import lru_cache

import redis

from service.config import get_settings
from service.observability.metrics import get_metrics

SCORE_TASK = "raqib.score_comment"
SWEEP_TASK = "raqib.sweep_unscored"

log = logging.getLogger(__name__)
_lock = threading.Lock()
_paused_until = 0.0


def enqueue_scoring(comment_id: str) -> bool:
    """Send score_comment(comment_id) to the broker; False if it could not be sent (the sweep will)."""
    global _paused_until
    now = time.monotonic()
    if now < _paused_until:
        get_metrics().publish_failures.inc()
        return False
    try:
        publish_scoring(comment_id)
    except Exception as exc:  # any broker failure: the row is safe, the sweep re-sends it
        with _lock:
            _paused_until = time.monotonic() + get_settings().publish_pause_seconds
        get_metrics().publish_failures.inc()
        log.warning(
            "enqueue failed for comment %s (%s); the sweep will retry", comment_id, type(exc).__name__
        )
        return False
    return True


def publish_scoring(comment_id: str) -> None:
    """Send score_comment(comment_id) once, without retrying; raises whatever the broker raised."""
    from service.observability.logs import REQUEST_ID_HEADER, request_id_var
    from service.worker import app  # imported here so that importing this module builds no Celery app

    app.send_task(
        SCORE_TASK, args=[comment_id], retry=False, headers={REQUEST_ID_HEADER: request_id_var.get()}
    )


def publish_scoring_batch(comment_ids: Sequence[str]) -> None:
    """Send score_comment for every id in one pipelined Redis round trip; raises if the broker refused.

    When it raises, any part of the batch may have been delivered: the task is idempotent, so sending a
    comment twice costs a little work and loses nothing.
    """
    from service.worker import app

    with app.producer_or_acquire() as producer, producer.batch(max_size=max(1, len(comment_ids))):
        for comment_id in comment_ids:
            app.send_task(SCORE_TASK, args=[comment_id], retry=False, producer=producer)


@lru_cache(maxsize=4)
def _redis_client(url: str, timeout: float) -> redis.Redis:
    return redis.Redis.from_url(url, socket_timeout=timeout, socket_connect_timeout=timeout)


def queue_depth() -> int | None:
    """Scoring jobs waiting in the broker (not those a worker holds); None when Redis does not answer."""
    settings = get_settings()
    try:
        client = _redis_client(settings.redis_url, settings.broker_timeout_seconds)
        # The queue of this deployment only (settings.queue_name, the worker's task_default_queue).
        return int(client.llen(settings.queue_name))
    except redis.RedisError:
        return None


def resume_publishing() -> None:
    """Forget a past broker failure (tests, and the sweep once it has published successfully)."""
    global _paused_until
    _paused_until = 0.0
