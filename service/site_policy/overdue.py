"""Comments still unscored when their site's wait runs out: published if the site chose so (workers behind on
a busy night), scored later like any other; a verdict that would have held them lists them as flagged."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from service.comments.models import Comment, CommentStatus, utcnow
from service.site_policy.models import SitePolicyRow
from service.site_policy.rules import Reason, SitePolicy, UnscoredAction

DECIDED_BY = Reason.UNSCORED_TIMEOUT.value  # the comment's decided_by: no model, no moderator


def publish_overdue(*, db_session: Session) -> dict[str, int]:
    """Publish, site by site, the comments that waited longer than the site allows; the caller commits."""
    published: dict[str, int] = {}
    now = utcnow()
    for site, raw in db_session.execute(select(SitePolicyRow.site, SitePolicyRow.policy)):
        policy = SitePolicy.model_validate(raw)
        if policy.unscored_action is not UnscoredAction.PUBLISH or policy.unscored_after_seconds is None:
            continue
        cutoff = now - timedelta(seconds=policy.unscored_after_seconds)
        result = db_session.execute(
            update(Comment)
            .where(
                Comment.site == site,
                Comment.status == CommentStatus.QUEUED.value,
                Comment.scored_at.is_(None),
                Comment.created_at < cutoff,
            )
            .values(
                status=CommentStatus.PUBLISHED.value, decided_by=DECIDED_BY, decided_at=now, updated_at=now
            )
        )
        if result.rowcount:
            published[site] = int(result.rowcount)
    return published
