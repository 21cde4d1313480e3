"""Celery tasks: thin doors into scoring_service and sweep. Jobs carry a comment id, never its text."""

from __future__ import annotations

import logging
import random
import time

from celery import Task
from sqlalchemy.exc import DBAPIError, IntegrityError

from service.comments.queue import SCORE_TASK, SWEEP_TASK
from service.config import get_settings
from service.db import session_scope
from service.worker import app

log = logging.getLogger(__name__)


@app.task(name=SCORE_TASK, bind=True, acks_late=True, reject_on_worker_lost=True, ignore_result=True)
def score_comment(self: Task, comment_id: str) -> str:
    """Score one stored comment and store the decision; safe to run twice."""
    from service.comments.scoring_service import get_scorer, score_stored_comment

    settings = get_settings()
    if settings.test_score_delay_seconds:
        time.sleep(settings.test_score_delay_seconds)
    scorer = get_scorer()  # a bad artifact raises here: the job fails loudly, the comment stays queued
    try:
        with session_scope() as session:
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
    """Enqueue again the comments left unscored for longer than sweep_after_seconds."""
    from service.comments.sweep import requeue_unscored

    settings = get_settings()
    with session_scope() as session:
        return requeue_unscored(
            db_session=session,
            older_than_seconds=settings.sweep_after_seconds,
            limit=settings.sweep_batch_size,
        )
