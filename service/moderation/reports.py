"""Reader reports: sites forward a reader's report; enough of them send a published comment back to review."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from service.comments.models import Comment, CommentStatus
from service.config import get_settings
from service.moderation.actions import append_entry
from service.moderation.models import CommentReport

REPORTS_ACTOR = "system:reports"


@dataclass(frozen=True)
class ReportOutcome:
    comment_id: str
    report_count: int
    status: str
    requeued: bool


def threshold_for(site: str) -> int:
    """Reports needed on ``site`` before a published comment returns to the queue."""
    settings = get_settings()
    return max(1, settings.report_thresholds.get(site, settings.report_threshold))


def report_comment(
    db_session: Session, comment_id: str, reason: str, site: str | None = None
) -> ReportOutcome | None:
    """Record a report; None when the comment does not exist (or is not on ``site`` when one is given)."""
    comment = db_session.get(Comment, comment_id, with_for_update=True)
    if comment is None or (site is not None and site != comment.site):
        return None
    db_session.add(
        CommentReport(comment_id=comment.id, reason=reason.strip()[:500], created_at=datetime.now(UTC))
    )
    # An atomic increment, so concurrent reports are all counted even without the row lock (SQLite).
    db_session.execute(
        update(Comment).where(Comment.id == comment.id).values(report_count=Comment.report_count + 1)
    )
    count = int(db_session.scalar(select(Comment.report_count).where(Comment.id == comment.id)) or 0)
    db_session.refresh(comment)
    requeued = False
    if comment.status == CommentStatus.PUBLISHED.value and count >= threshold_for(comment.site):
        append_entry(
            db_session,
            comment,
            actor_id=None,
            actor=REPORTS_ACTOR,
            action="requeue",
            after_status=CommentStatus.HELD.value,
            note=f"reported ({count})",
        )
        requeued = True
    db_session.flush()
    return ReportOutcome(comment_id=comment.id, report_count=count, status=comment.status, requeued=requeued)
