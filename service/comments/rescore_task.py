"""The Celery door of ``raqib rescore``: one comment id per job, idempotent, acknowledged late."""

from __future__ import annotations

from celery import Task
from sqlalchemy.exc import DBAPIError

from service.comments.rescore import RESCORE_TASK
from service.db import session_scope
from service.worker import app


@app.task(name=RESCORE_TASK, bind=True, acks_late=True, reject_on_worker_lost=True, ignore_result=True)
def rescore_comment_task(self: Task, comment_id: str) -> str:
    """Rescore one comment with the active model; a moderator's decision stays."""
    from service.comments.rescore import rescore_comment
    from service.comments.scoring_service import get_scorer

    try:
        with session_scope() as session:
            return rescore_comment(comment_id, db_session=session, scorer=get_scorer())
    except DBAPIError as exc:
        raise self.retry(exc=exc, countdown=min(60, 2**self.request.retries), max_retries=5) from exc
