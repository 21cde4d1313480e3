"""Rescoring stored comments with the active model (``raqib rescore``): the plain functions behind the task.

A rescore gives a comment the active model's score row and, when the verdict in force was the model's own
(or there is none yet), that model's verdict. A moderator's decision is never overturned: such a comment gets
the new score row only. The guard is in the UPDATE itself, so a moderator acting while the job runs wins.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from service.comments.models import Comment, CommentScore, CommentStatus, utcnow
from service.comments.scoring_service import score_stored_comment
from service.inputs import normalize_site
from service.scoring.scorer import Scorer

RESCORE_TASK = "raqib.rescore_comment"
MODEL_DECIDED = "model:%"


def comments_to_rescore(
    db_session: Session, *, since: datetime, site: str | None, batch: int = 1000
) -> Iterator[list[str]]:
    """Ids of the comments stored since ``since`` (one site's, if given), oldest first, in batches."""
    stmt = select(Comment.id, Comment.created_at).where(Comment.created_at >= since)
    if site:
        stmt = stmt.where(Comment.site == normalize_site(site))
    last: tuple[datetime, str] | None = None
    while True:
        page = stmt
        if last is not None:
            page = page.where(
                (Comment.created_at > last[0]) | ((Comment.created_at == last[0]) & (Comment.id > last[1]))
            )
        rows = db_session.execute(page.order_by(Comment.created_at, Comment.id).limit(batch)).all()
        if not rows:
            return
        last = (rows[-1].created_at, rows[-1].id)
        yield [row.id for row in rows]


def count_to_rescore(db_session: Session, *, since: datetime, site: str | None) -> int:
    """How many comments ``comments_to_rescore`` will yield."""
    from sqlalchemy import func

    stmt = select(func.count()).select_from(Comment).where(Comment.created_at >= since)
    if site:
        stmt = stmt.where(Comment.site == normalize_site(site))
    return int(db_session.scalar(stmt) or 0)


def rescore_comment(comment_id: str, *, db_session: Session, scorer: Scorer) -> str:
    """Score with ``scorer``; take its verdict unless a moderator decided. The caller commits."""
    outcome = score_stored_comment(comment_id, db_session=db_session, scorer=scorer)
    if outcome == "missing":
        return outcome
    comment = db_session.get(Comment, comment_id, populate_existing=True)
    if (
        comment is None
        or comment.status == CommentStatus.QUEUED.value
        or comment.model_version == scorer.version
    ):
        return outcome  # the ordinary verdict path decided it (or will)
    decision = db_session.scalar(
        select(CommentScore.decision).where(
            CommentScore.comment_id == comment_id, CommentScore.model_version == scorer.version
        )
    )
    now = utcnow()
    moved = db_session.execute(
        update(Comment)
        .where(Comment.id == comment_id, Comment.decided_by.like(MODEL_DECIDED))
        .values(
            status=decision,
            model_version=scorer.version,
            decided_by=f"model:{scorer.version}",
            scored_at=now,
            decided_at=now,
            updated_at=now,
        )
    )
    return str(decision) if moved.rowcount else "moderator_decision_kept"


def publish_rescore(comment_ids: Sequence[str], redis_url: str, queue: str) -> None:
    """Send rescore_comment for every id over one connection to ``redis_url``, on the deployment's ``queue``;
    raises if refused."""
    from service.worker import app

    with app.connection_for_write(redis_url) as connection:
        for comment_id in comment_ids:
            app.send_task(RESCORE_TASK, args=[comment_id], retry=False, connection=connection, queue=queue)
