"""The safety net between database and queue: comments still queued after a while are sent again."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import timedelta

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from service.comments.models import Comment, CommentStatus, utcnow
from service.comments.queue import publish_scoring, resume_publishing

log = logging.getLogger(__name__)


def find_unscored(db_session: Session, *, older_than_seconds: float, limit: int) -> list[str]:
    """Ids of queued comments last sent to the queue more than ``older_than_seconds`` ago, oldest first."""
    cutoff = utcnow() - timedelta(seconds=older_than_seconds)
    last_sent = func.coalesce(Comment.enqueued_at, Comment.created_at)
    query = (
        select(Comment.id)
        .where(Comment.status == CommentStatus.QUEUED.value, Comment.scored_at.is_(None), last_sent < cutoff)
        .order_by(last_sent)
        .limit(limit)
    )
    return list(db_session.scalars(query))


def requeue_unscored(
    *,
    db_session: Session,
    older_than_seconds: float,
    limit: int,
    publish: Callable[[str], None] = publish_scoring,
) -> int:
    """Publish a job for each stale queued comment and record the attempt; the caller commits."""
    sent = 0
    for comment_id in find_unscored(db_session, older_than_seconds=older_than_seconds, limit=limit):
        try:
            publish(comment_id)
        except Exception as exc:  # broker still down: the next sweep tries again
            log.warning("sweep stopped after %d: broker unavailable (%s)", sent, type(exc).__name__)
            break
        db_session.execute(
            update(Comment)
            .where(Comment.id == comment_id)
            .values(enqueued_at=utcnow(), enqueue_attempts=Comment.enqueue_attempts + 1)
        )
        sent += 1
    if sent:
        resume_publishing()
        log.info("sweep re-enqueued %d unscored comment(s)", sent)
    return sent
