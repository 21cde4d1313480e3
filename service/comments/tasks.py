"""Celery tasks: thin doors into scoring_service and sweep. Jobs carry a comment id, never its text."""

from __future__ import annotations

import logging
import random
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from celery import Task
from celery.exceptions import SoftTimeLimitExceeded
from celery_batches import SimpleRequest
from sqlalchemy import Connection, Engine
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session

from service.comments.queue import SCORE_TASK, SWEEP_TASK
from service.comments.scoring_batches import ScoringBatches, ScoringJob
from service.config import get_settings
from service.db import get_engine, session_scope
from service.observability.logs import REQUEST_ID_HEADER, request_id_var
from service.observability.metrics import get_metrics
from service.scoring.policy import Verdict
from service.shadow.queue import after_verdict
from service.worker import app

if TYPE_CHECKING:
    from service.scoring.scorer import Scorer

log = logging.getLogger(__name__)
DECIDED = frozenset(Verdict)


_held = threading.local()


def _held_connection(engine: Engine) -> Connection:
    """This worker thread's own connection to ``engine``, opened on first use.

    Holding it across batches skips the pool checkout and its liveness ping on every one; a connection that
    failed is dropped (see _scoring_session), so the retry opens a fresh one.
    """
    held: tuple[Engine, Connection] | None = getattr(_held, "conn", None)
    if held is None or held[0] is not engine or held[1].closed or held[1].invalidated:
        held = (engine, engine.connect())
        _held.conn = held
    return held[1]


def _drop_held_connection() -> None:
    held: tuple[Engine, Connection] | None = getattr(_held, "conn", None)
    _held.conn = None
    if held is not None:
        held[1].close()


@contextmanager
def _scoring_session() -> Iterator[Session]:
    """A transaction for one batch: on PostgreSQL on the thread's held connection, elsewhere a pooled one."""
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


def _test_delay(retries: int) -> None:
    settings = get_settings()
    first_tries = settings.test_score_delay_first_tries
    if settings.test_score_delay_seconds and (first_tries is None or retries < first_tries):
        time.sleep(settings.test_score_delay_seconds)


def _backoff(retries: int) -> float:
    return min(60.0, 2.0**retries) + random.uniform(0, 1)


def _score(comment_ids: list[str], scorer: Scorer) -> dict[str, str]:
    """Outcome per comment of one batch, committed; one by one when another delivery got in first."""
    from service.comments.scoring_service import score_stored_comments  # the model's code: worker only

    try:
        with _scoring_session() as session:
            outcomes = score_stored_comments(comment_ids, db_session=session, scorer=scorer)
        _after_verdicts(outcomes)
        return outcomes
    except IntegrityError:
        if len(comment_ids) == 1:
            return {comment_ids[0]: "unchanged"}  # another delivery of the job stored this version's verdict
    outcomes = {}
    for comment_id in comment_ids:
        try:
            with _scoring_session() as session:
                outcomes.update(score_stored_comments([comment_id], db_session=session, scorer=scorer))
        except IntegrityError:
            outcomes[comment_id] = "unchanged"
    _after_verdicts(outcomes)
    return outcomes


def _after_verdicts(outcomes: dict[str, str]) -> None:
    """The verdicts are committed: the shadow model, if any, scores those comments after them."""
    for comment_id, outcome in outcomes.items():
        if outcome in DECIDED:
            after_verdict(comment_id)


def _retry(task: Task, jobs: list[ScoringJob], reason: str) -> None:
    """Send the jobs again, each after its backoff, counting its tries; past task_max_retries it is dropped
    (its comment stays queued, and the sweep sends it again sweep_after_seconds later)."""
    settings = get_settings()
    for job in jobs:
        if job.retries >= settings.task_max_retries:
            log.error("scoring %s failed %d times; left to the sweep", job.comment_id, job.retries + 1)
            continue
        get_metrics().task_retries.labels(reason).inc()
        try:
            task.apply_async(
                args=(job.comment_id,),
                countdown=_backoff(job.retries),
                retries=job.retries + 1,
                headers={REQUEST_ID_HEADER: job.request_id},
                retry=False,
            )
        except Exception as exc:  # the broker is gone too: the sweep sends it once it is back
            log.warning("could not send %s again (%s); left to the sweep", job.comment_id, type(exc).__name__)


@app.task(name=SCORE_TASK, base=ScoringBatches, bind=True, acks_late=True, ignore_result=True)
def score_comment(self: Task, requests: list[SimpleRequest]) -> None:
    """Score the comments of a batch of jobs and store their decisions; safe to run twice.

    Each job is one comment id (``send_task(SCORE_TASK, args=[comment_id])``); see scoring_batches.
    """
    from service.comments.scoring_service import get_scorer

    jobs = [ScoringJob.of(r) for r in requests]
    started = time.perf_counter()
    outcomes: dict[str, str] = {}
    try:
        _test_delay(min(job.retries for job in jobs))
        scorer = get_scorer()  # a bad artifact raises here: the jobs fail loudly, the comments stay queued
        outcomes = _score(list(dict.fromkeys(job.comment_id for job in jobs)), scorer)
    except DBAPIError as exc:
        for job in jobs:
            log.warning(
                "database error scoring %s (try %d): %s", job.comment_id, job.retries + 1, type(exc).__name__
            )
        outcomes = dict.fromkeys((job.comment_id for job in jobs), "retried")
        _retry(self, jobs, "database")
    except SoftTimeLimitExceeded:
        for job in jobs:
            log.warning("scoring %s ran past its soft time limit (try %d)", job.comment_id, job.retries + 1)
        outcomes = dict.fromkeys((job.comment_id for job in jobs), "retried")
        _retry(self, jobs, "time_limit")
    except Exception as exc:
        log.exception("scoring %d comments raised %s; they stay queued", len(jobs), type(exc).__name__)
    finally:
        _report(jobs, outcomes, time.perf_counter() - started)


def _report(jobs: list[ScoringJob], outcomes: dict[str, str], elapsed: float) -> None:
    """Each job's duration counted by outcome; ONE log line for the batch, with every comment id, its
    outcome and the id of the request that stored it (a line per job was a measurable share of a job)."""
    metrics = get_metrics()
    for job in jobs:
        metrics.job_latency.labels(outcomes.get(job.comment_id, "failed")).observe(elapsed)
    for job in jobs:
        if outcomes.get(job.comment_id) == "missing":
            token = request_id_var.set(job.request_id)
            log.warning("comment %s not found; job dropped", job.comment_id)
            request_id_var.reset(token)
    counts = Counter(outcomes.get(job.comment_id, "failed") for job in jobs)
    log.info(
        "scoring jobs of %d comments done in %.1f ms: %s",
        len(jobs),
        elapsed * 1000,
        ", ".join(f"{n} {outcome}" for outcome, n in sorted(counts.items())),
        extra={
            "comments": {job.comment_id: outcomes.get(job.comment_id, "failed") for job in jobs},
            "request_ids": [job.request_id for job in jobs],
        },
    )


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
