"""Celery tasks: thin doors into scoring_service and sweep. Jobs carry a comment id, never its text."""

from __future__ import annotations

import logging
import random
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from celery import Task
from celery.exceptions import SoftTimeLimitExceeded
from celery.worker.request import Request
from sqlalchemy import Connection, Engine
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session

from service.comments.queue import SCORE_TASK, SWEEP_TASK
from service.comments.storage import autocommit_engine
from service.config import get_settings
from service.db import get_engine, session_scope
from service.observability.metrics import get_metrics
from service.shadow.queue import after_verdict
from service.worker import app

log = logging.getLogger(__name__)
DECIDED = frozenset(("published", "held", "rejected"))


_held = threading.local()


def _held_connection(engine: Engine) -> Connection:
    """This worker thread's own autocommit connection to ``engine``, opened on first use.

    Holding it across jobs skips the pool checkout and its liveness ping on every job; a connection that
    failed is dropped (see _scoring_session), so the job's retry opens a fresh one.
    """
    held: tuple[Engine, Connection] | None = getattr(_held, "conn", None)
    if held is None or held[0] is not engine or held[1].closed or held[1].invalidated:
        held = (engine, autocommit_engine(engine).connect())
        _held.conn = held
    return held[1]


def _drop_held_connection() -> None:
    held: tuple[Engine, Connection] | None = getattr(_held, "conn", None)
    _held.conn = None
    if held is not None:
        held[1].close()


@contextmanager
def _scoring_session() -> Iterator[Session]:
    """A session for one job: on PostgreSQL on the thread's held autocommit connection (each write there is
    one statement), elsewhere a transaction of its own."""
    engine = get_engine()
    postgres = engine.dialect.name == "postgresql"
    session = Session(bind=_held_connection(engine) if postgres else engine, expire_on_commit=False)
    try:
        yield session
        session.commit()
    except BaseException as exc:
        session.rollback()
        if postgres and not isinstance(exc, IntegrityError):
            _drop_held_connection()
        raise
    finally:
        session.close()


class ScoringRequest(Request):
    """Celery's request of a scoring job, counting the jobs that ran past a time limit.

    Past the soft limit the job itself gets SoftTimeLimitExceeded and is retried (score_comment); past the
    hard limit the pool replaces the process and the job is acknowledged as failed: its comment is still
    queued, and the sweep sends it again sweep_after_seconds later.
    """

    def on_timeout(self, soft: bool, timeout: float) -> None:
        get_metrics().task_time_limits.labels("soft" if soft else "hard").inc()
        super().on_timeout(soft, timeout)


def _test_delay(retries: int) -> None:
    settings = get_settings()
    first_tries = settings.test_score_delay_first_tries
    if settings.test_score_delay_seconds and (first_tries is None or retries < first_tries):
        time.sleep(settings.test_score_delay_seconds)


def _backoff(retries: int) -> float:
    return min(60.0, 2.0**retries) + random.uniform(0, 1)


@app.task(
    name=SCORE_TASK,
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    ignore_result=True,
    Request=ScoringRequest,
)
def score_comment(self: Task, comment_id: str) -> str:
    """Score one stored comment and store the decision; safe to run twice."""
    from service.comments.scoring_service import get_scorer, score_stored_comment

    settings = get_settings()
    retries = self.request.retries
    started = time.perf_counter()
    outcome = "failed"
    try:
        _test_delay(retries)
        scorer = get_scorer()  # a bad artifact raises here: the job fails loudly, the comment stays queued
        with _scoring_session() as session:
            outcome = score_stored_comment(comment_id, db_session=session, scorer=scorer)
        if outcome in DECIDED:
            after_verdict(comment_id)  # the verdict is committed: the shadow model, if any, scores after it
    except IntegrityError:
        # Another delivery of the same job stored this version's verdict first.
        outcome = "unchanged"
        return outcome
    except DBAPIError as exc:
        outcome = "retried"
        get_metrics().task_retries.labels("database").inc()
        log.warning("database error scoring %s (try %d): %s", comment_id, retries + 1, type(exc).__name__)
        raise self.retry(exc=exc, countdown=_backoff(retries), max_retries=settings.task_max_retries) from exc
    except SoftTimeLimitExceeded as exc:
        outcome = "retried"
        get_metrics().task_retries.labels("time_limit").inc()
        log.warning("scoring %s ran past its soft time limit (try %d)", comment_id, retries + 1)
        raise self.retry(exc=exc, countdown=_backoff(retries), max_retries=settings.task_max_retries) from exc
    finally:
        get_metrics().job_latency.labels(outcome).observe(time.perf_counter() - started)
    if outcome == "missing":
        log.warning("comment %s not found; job dropped", comment_id)
    return outcome


@app.task(name=SWEEP_TASK, ignore_result=True)
def sweep_unscored() -> int:
    """Enqueue the comments never sent, and again those left unscored longer than sweep_after_seconds."""
    from service.comments.sweep import requeue_unscored

    settings = get_settings()
    with session_scope() as session:
        return requeue_unscored(
            db_session=session,
            older_than_seconds=settings.sweep_after_seconds,
            limit=settings.sweep_batch_size,
            max_queue_depth=settings.sweep_max_queue_depth,
        )
