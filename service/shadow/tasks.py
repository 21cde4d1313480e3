"""The shadow scoring task: thin, idempotent, late-acknowledged; it never touches the comment's verdict."""

from __future__ import annotations

from celery import Task

from service.db import session_scope
from service.shadow.queue import SHADOW_TASK
from service.worker import app


@app.task(name=SHADOW_TASK, bind=True, acks_late=True, reject_on_worker_lost=True, ignore_result=True)
def shadow_score(self: Task, comment_id: str, version: str) -> str:
    """Score one comment with the version that was in shadow when its verdict was stored."""
    from service.shadow.scoring import get_shadow_scorer, score_in_shadow

    scorer = get_shadow_scorer(version)
    with session_scope() as session:
        return score_in_shadow(comment_id, db_session=session, scorer=scorer)
