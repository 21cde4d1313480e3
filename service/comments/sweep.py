"""The safety net between database and queue: comments still waiting for a verdict are sent again.

A comment whose publish failed (Redis down when it was stored) is marked unsent (``enqueued_at`` NULL) and is
sent by the next sweep at once; one that was sent but never scored (a lost job, a dead worker) is sent again
once ``older_than_seconds`` have passed. One sweep loops over batches until nothing is left, publishing each
batch in one pipelined round trip, so a backlog drains at the worker's speed, not at the sweep's.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import timedelta

from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import Session

from service.comments.models import Comment, CommentStatus, utcnow
from service.comments.queue import publish_scoring_batch, queue_depth, resume_publishing
from service.observability.metrics import get_metrics

log = logging.getLogger(__name__)


def find_unscored(db_session: Session, *, older_than_seconds: float, limit: int) -> list[str]:
    """Ids of queued comments never sent, or last sent more than ``older_than_seconds`` ago, oldest first.

    On PostgreSQL the rows stay locked (SKIP LOCKED) until the caller commits: two sweeps never take the
    same comment.
    """
    cutoff = utcnow() - timedelta(seconds=older_than_seconds)
    query = (
        select(Comment.id)
        .where(
            Comment.status == CommentStatus.QUEUED.value,
            Comment.scored_at.is_(None),
            or_(Comment.enqueued_at.is_(None), Comment.enqueued_at < cutoff),
        )
        .order_by(func.coalesce(Comment.enqueued_at, Comment.created_at))
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    return list(db_session.scalars(query))


def mark_unsent(db_session: Session, comment_ids: Sequence[str]) -> None:
    """Record that these comments' jobs could not be published: the next sweep sends them first thing."""
    db_session.execute(update(Comment).where(Comment.id.in_(comment_ids)).values(enqueued_at=None))


def _mark_sent(db_session: Session, comment_ids: Sequence[str]) -> None:
    db_session.execute(
        update(Comment)
        .where(Comment.id.in_(comment_ids))
        .values(enqueued_at=utcnow(), enqueue_attempts=Comment.enqueue_attempts + 1)
    )


def requeue_unscored(
    *,
    db_session: Session,
    older_than_seconds: float,
    limit: int,
    max_queue_depth: int | None = None,
    publish: Callable[[Sequence[str]], None] = publish_scoring_batch,
    depth: Callable[[], int | None] = queue_depth,
) -> int:
    """Publish a job for every unsent or stale queued comment, ``limit`` per batch; returns how many.

    Each batch is marked sent and committed before it is published (the worker never waits on this
    transaction's row locks), and marked unsent again if the broker refuses it. The loop stops when nothing
    is left, when the broker is down, or when the broker's queue already holds ``max_queue_depth`` jobs (the
    worker is behind; the next sweep goes on), so a job never waits in Redis long enough to be sent twice.
    """
    sent = 0
    while True:
        if max_queue_depth is not None and (depth() or 0) >= max_queue_depth:
            log.info("sweep paused after %d: the queue holds %d jobs or more", sent, max_queue_depth)
            break
        batch = find_unscored(db_session, older_than_seconds=older_than_seconds, limit=limit)
        if not batch:
            break
        _mark_sent(db_session, batch)
        db_session.commit()
        try:
            publish(batch)
        except Exception as exc:  # broker still down: the next sweep tries again
            mark_unsent(db_session, batch)
            db_session.commit()
            log.warning("sweep stopped after %d: broker unavailable (%s)", sent, type(exc).__name__)
            break
        sent += len(batch)
        if len(batch) < limit:
            break
    if sent:
        get_metrics().swept.inc(sent)
        resume_publishing()
        log.info("sweep re-enqueued %d unscored comment(s)", sent)
    return sent
