"""Reader reports: sites forward a reader's report; the comment is listed for moderators, and hidden (back to
held) only on sites that opt in, once enough DISTINCT keyed reporters have reported it."""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from service.comments.models import Comment, CommentStatus
from service.config import get_settings
from service.moderation.actions import append_entry
from service.moderation.models import CommentReport
from service.text import mask_emails

REPORTS_ACTOR = "system:reports"


@dataclass(frozen=True)
class ReportOutcome:
    comment_id: str
    report_count: int
    status: str
    requeued: bool
    duplicate: bool = False  # this reader had reported this comment already: not counted again
    capped: bool = False  # the comment has report_max_per_comment reports already: not stored nor counted


def hide_threshold_for(site: str) -> int | None:
    """Distinct keyed reporters that hide a published comment on ``site`` (None: reports never hide)."""
    threshold = get_settings().report_hide_thresholds.get(site)
    return max(1, threshold) if threshold is not None else None


def distinct_reporters(db_session: Session, comment_id: str) -> int:
    """How many different keyed reporters have reported the comment (reports without one do not count)."""
    return int(
        db_session.scalar(
            select(func.count(func.distinct(CommentReport.reporter_hash))).where(
                CommentReport.comment_id == comment_id, CommentReport.reporter_hash.is_not(None)
            )
        )
        or 0
    )


def reporter_hash(site: str, reporter: str, secret: str) -> str:
    """A keyed digest of the site's reader id: repeated reports are recognised, the id itself is not kept."""
    return hmac.new(secret.encode(), f"report\x1f{site}\x1f{reporter}".encode(), hashlib.sha256).hexdigest()


def comment_site(db_session: Session, comment_id: str) -> str | None:
    """The site a comment belongs to, or None if there is no such comment."""
    return db_session.scalar(select(Comment.site).where(Comment.id == comment_id))


def report_comment(
    db_session: Session,
    comment_id: str,
    reason: str,
    site: str | None = None,
    reporter: str | None = None,
) -> ReportOutcome | None:
    """Record a report; None when the comment does not exist (or is not on ``site`` when one is given).

    With ``reporter`` (the site's id for the reader, or their address), a second report by the same reader
    on the same comment is answered but not counted: one reader cannot push a comment back to review alone.
    """
    comment = db_session.get(Comment, comment_id, with_for_update=True)
    if comment is None or (site is not None and site != comment.site):
        return None
    digest = None
    if reporter:
        digest = reporter_hash(comment.site, reporter, get_settings().email_hash_secret.get_secret_value())
        seen = db_session.scalar(
            select(CommentReport.id).where(
                CommentReport.comment_id == comment.id, CommentReport.reporter_hash == digest
            )
        )
        if seen is not None:
            return ReportOutcome(comment.id, comment.report_count, comment.status, False, duplicate=True)
    if comment.report_count >= get_settings().report_max_per_comment:
        # Enough said: a flood of reports on one comment stores nothing more (the moderators know already).
        return ReportOutcome(comment.id, comment.report_count, comment.status, False, capped=True)
    db_session.add(
        CommentReport(
            comment_id=comment.id,
            reason=mask_emails(reason.strip())[:500],  # a reader may write an address in the reason
            reporter_hash=digest,
            created_at=datetime.now(UTC),
        )
    )
    # An atomic increment, so concurrent reports are all counted even without the row lock (SQLite).
    db_session.execute(
        update(Comment).where(Comment.id == comment.id).values(report_count=Comment.report_count + 1)
    )
    count = int(db_session.scalar(select(Comment.report_count).where(Comment.id == comment.id)) or 0)
    db_session.refresh(comment)
    requeued = False
    hide_at = hide_threshold_for(comment.site)
    if (
        hide_at is not None
        and comment.status == CommentStatus.PUBLISHED.value
        and distinct_reporters(db_session, comment.id) >= hide_at
    ):
        append_entry(
            db_session,
            comment,
            actor_id=None,
            actor=REPORTS_ACTOR,
            action="requeue",
            after_status=CommentStatus.HELD.value,
            note=f"reported by {hide_at}+ readers ({count} reports)",
        )
        requeued = True
    db_session.flush()
    return ReportOutcome(comment_id=comment.id, report_count=count, status=comment.status, requeued=requeued)
