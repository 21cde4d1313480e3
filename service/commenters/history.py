"""A commenter as a moderator sees them: counts and latest comments on the moderator's sites, and the record
of what moderators did about them."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from service.commenters.record import author_record
from service.commenters.standing import NotYours
from service.comments.models import Comment
from service.moderation.accounts import Principal
from service.moderation.views import iso

LATEST = 20


def author_history(db_session: Session, principal: Principal, author_hash: str) -> dict[str, Any]:
    """Raises NotYours when the author wrote nothing on the principal's sites (or at all)."""
    mine = Comment.author_email_hash == author_hash
    if principal.sites is not None:
        mine = mine & Comment.site.in_(principal.sites)
    counts: dict[str, dict[str, int]] = {}
    for site, status, n in db_session.execute(
        select(Comment.site, Comment.status, func.count()).where(mine).group_by(Comment.site, Comment.status)
    ):
        counts.setdefault(site, {})[status] = int(n)
    if not counts:
        raise NotYours(author_hash)
    latest = db_session.scalars(select(Comment).where(mine).order_by(Comment.created_at.desc()).limit(LATEST))
    return {
        "author_email_hash": author_hash,
        "counts": counts,
        "total": sum(sum(per.values()) for per in counts.values()),
        "latest": [
            {
                "id": c.id,
                "site": c.site,
                "article_id": c.article_id,
                "status": c.status,
                "author_name": c.author_name,
                "excerpt": c.body[:200],
                "created_at": iso(c.created_at),
            }
            for c in latest
        ],
        **author_record(db_session, author_hash, principal.sites),
    }
