"""Celery tasks: thin doors into scoring_service and sweep. Jobs carry a comment id, never its text."""

from __future__ import annotations

import logging
import random
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from celery import Task
from sqlalchemy import Connection, Engine
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session

from service.comments.queue import SCORE_TASK, SWEEP_TASK
from service.comments.storage import autocommit_engine
from service.config import get_settings
from service.db import get_engine, session_scope
from service.worker import app

log = logging.getLogger(__name__)


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


@app.task(name=SCORE_TASK, bind=True, acks_late=True, reject_on_worker_lost=True, ignore_result=True)
def score_comment(self: Task, comment_id: str) -> str:
    """Score one stored comment and store the decision; safe to run twice."""
    from service.comments.scoring_service import get_scorer, score_stored_comment

    settings = get_settings()
    if settings.test_score_delay_seconds:
        time.sleep(settings.test_score_delay_seconds)
    scorer = get_scorer()  # a bad artifact raises here: the job fails loudly, the comment stays queued
    try:
        with _scoring_session() as session:
            outcome = score_stored_comment(comment_id, db_session=session, scorer=scorer)
    except IntegrityError:
        # Another delivery of the same job stored this version's verdict first.
        return "unchanged"
    except DBAPIError as exc:
        retries = self.request.retries
        countdown = min(60.0, 2.0**retries) + random.uniform(0, 1)
        log.warning("database error scoring %s (try %d): %s", comment_id, retries + 1, type(exc).__name__)
        raise self.retry(exc=exc, countdown=countdown, max_retries=settings.task_max_retries) from exc
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
