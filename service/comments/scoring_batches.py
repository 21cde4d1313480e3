"""Scoring jobs handled in batches: one message per comment on the queue, several comments per model pass.

The worker buffers the jobs it receives (the ``celery-batches`` task class) and runs the task once for what
arrived within ``score_batch_wait_seconds``, at most ``score_batch_size`` jobs. Late acknowledgement holds
for every job of a batch: all are acknowledged only after the task returned, that is after their verdicts
were committed (or sent back for a later try). A pool process lost in the middle of a batch sends its jobs
back to the queue at once (as ``reject_on_worker_lost`` does for single jobs); a worker killed outright
acknowledges nothing, and Redis delivers the jobs again after the visibility timeout.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Collection
from contextlib import nullcontext
from dataclasses import dataclass
from typing import Any

from billiard.exceptions import WorkerLostError
from celery import Celery
from celery.worker.consumer import Consumer
from celery.worker.request import Request
from celery_batches import Batches, SimpleRequest
from celery_batches.trace import apply_batches_task

from service.config import get_settings
from service.observability.logs import REQUEST_ID_HEADER
from service.observability.metrics import get_metrics


@dataclass(frozen=True)
class ScoringJob:
    """One job of a batch: the comment to score, its tries so far and the id of the request that stored it."""

    comment_id: str
    retries: int
    request_id: str | None

    @classmethod
    def of(cls, request: SimpleRequest) -> ScoringJob:
        headers = request.request_dict or {}
        request_id = headers.get(REQUEST_ID_HEADER)
        return cls(
            str(request.args[0]),
            int(headers.get("retries") or 0),
            request_id if isinstance(request_id, str) else None,
        )


def _acknowledge(requests: Collection[Request]) -> None:
    """Acknowledge every job of a batch, in one Redis round trip where the transport can (service.worker)."""
    if not requests:
        return
    qos = getattr(next(iter(requests)).message.channel, "qos", None)
    together = getattr(qos, "acks_together", None)
    with together() if together is not None else nullcontext():
        for request in requests:
            request.acknowledge()


class ScoringBatches(Batches):
    """celery-batches' task class, sized from Settings when the worker starts, acknowledging late.

    A batch never waits for more jobs than the worker may hold unacknowledged (the prefetch count): it
    could not fill up.
    """

    _first_at = 0.0  # when the oldest job in the buffer arrived
    _last_at = 0.0  # when the newest one did
    max_wait = 0.05
    gap = 0.01
    _running = 0  # batches handed to the pool and not finished (the threads pool finishes them off-thread)
    _running_lock = threading.Lock()

    def Strategy(self, task: Batches, app: Celery, consumer: Consumer) -> Any:
        settings = get_settings()
        prefetch = consumer.initial_prefetch_count or settings.score_batch_size  # 0: no limit
        self.flush_every = max(1, min(settings.score_batch_size, prefetch))
        self.max_wait = settings.score_batch_wait_seconds
        self.gap = min(settings.score_batch_gap_seconds, self.max_wait)
        self.flush_interval = max(0.001, self.gap / 2)  # how often the buffer is looked at
        buffer_job = super().Strategy(task, app, consumer)

        def on_job(*args: Any, **kwargs: Any) -> None:
            self._last_at = time.monotonic()
            if self._buffer.empty():
                self._first_at = self._last_at
            buffer_job(*args, **kwargs)

        return on_job

    def _do_flush(self) -> None:
        # celery-batches sends whatever the buffer holds at each tick of its timer. Here a batch goes when it
        # is full, when its first job has waited max_wait, or when no job came for `gap` (traffic is light:
        # waiting longer would add latency and save nothing). Jobs waiting for a retry's ETA go through
        # celery-batches' own handling at every tick.
        # While every pool process is busy a batch sent now would only wait in the pool's queue: it grows
        # in the buffer instead (bounded, should a pool never report a batch as finished).
        now = time.monotonic()
        full = self._buffer.qsize() >= self.flush_every
        busy = self._running >= self._pool.limit and now - self._first_at < 10 * self.max_wait
        ready = full or (
            not busy
            and (
                now - self._first_at >= self.max_wait
                or now - self._last_at >= self.gap
                or not self._pending.empty()
            )
        )
        if ready:
            super()._do_flush()

    def _finished(self) -> None:
        with self._running_lock:
            self._running -= 1

    def flush(self, requests: Collection[Request]) -> Any:
        batch = ([SimpleRequest.from_request(r) for r in requests],)

        def on_return(_: object) -> None:
            self._finished()
            _acknowledge(requests)

        def on_error(info: Any) -> None:
            self._finished()
            if isinstance(getattr(info, "exception", info), WorkerLostError):
                for request in requests:
                    request.reject(requeue=True)
            else:  # past the hard time limit: failed; the comments stay queued and the sweep re-sends them
                _acknowledge(requests)

        def on_timeout(soft: bool, timeout: float) -> None:  # billiard passes both by name
            get_metrics().task_time_limits.labels("soft" if soft else "hard").inc()

        with self._running_lock:
            self._running += 1
        return self._pool.apply_async(
            apply_batches_task,
            (self, batch, 0, None),
            callback=on_return,
            error_callback=on_error,
            timeout_callback=on_timeout,
        )
