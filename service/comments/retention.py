"""Retention: a comment's IP address and user agent are dropped once they are older than the configured days.

They help a moderator spot a flood from one machine while a story is hot; after that they are only a risk.
The beat runs :func:`drop_client_details` every ``retention_interval_seconds`` (an idempotent UPDATE).
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from sqlalchemy import or_, update
from sqlalchemy.orm import Session

from service.comments.models import Comment, utcnow
from service.config import get_settings
from service.db import session_scope
from service.worker import app

log = logging.getLogger(__name__)

RETENTION_TASK = "raqib.drop_client_details"


def drop_client_details(db_session: Session, *, days: int, now: datetime | None = None) -> int:
    """Set author_ip and user_agent to NULL on comments created more than ``days`` ago; return how many."""
    cutoff = (now or utcnow()) - timedelta(days=days)
    result = db_session.execute(
        update(Comment)
        .where(Comment.created_at < cutoff)
        .where(or_(Comment.author_ip.is_not(None), Comment.user_agent.is_not(None)))
        .values(author_ip=None, user_agent=None)
        .execution_options(synchronize_session=False)
    )
    return int(getattr(result, "rowcount", 0) or 0)


@app.task(name=RETENTION_TASK, ignore_result=True)
def retention_task() -> int:
    """The beat's door to :func:`drop_client_details`."""
    days = get_settings().client_details_retention_days
    with session_scope() as session:
        dropped = drop_client_details(session, days=days)
    if dropped:
        log.info(
            "retention: dropped IP address and user agent of %d comments older than %d days", dropped, days
        )
    return dropped
