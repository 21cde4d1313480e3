"""What a webhook says: the body of each event, built from rows that never change (a score, an audit entry).

Never the author's e-mail (not even masked), the moderator's e-mail or a moderator's note: a site learns
what was decided, by whom in kind (the model version, ``moderator:<id>``), and when.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from service.comments.models import Comment, CommentScore
from service.moderation.models import ModerationAction
from service.moderation.views import iso
from service.webhooks.events import DECIDED, MODERATED
from service.webhooks.models import WebhookDelivery


class EventGone(LookupError):
    """The comment or the entry an event speaks of no longer exists: nothing can be sent."""


def _comment_part(comment: Comment) -> dict[str, Any]:
    return {
        "id": comment.id,
        "site": comment.site,
        "article_id": comment.article_id,
        "permalink": comment.permalink,
        "created_at": iso(comment.created_at),
    }


def _decided(db_session: Session, delivery: WebhookDelivery, comment: Comment) -> dict[str, Any]:
    score = db_session.scalar(
        select(CommentScore).where(
            CommentScore.comment_id == comment.id, CommentScore.model_version == delivery.ref
        )
    )
    if score is None:
        raise EventGone(delivery.id)
    return {
        **_comment_part(comment),
        "status": score.decision,
        "reasons": list(score.reasons or []),
        "model_version": score.model_version,
        "decided_by": f"model:{score.model_version}",
        "decided_at": iso(score.created_at),
    }


def _moderated(db_session: Session, delivery: WebhookDelivery, comment: Comment) -> dict[str, Any]:
    entry = db_session.get(ModerationAction, int(delivery.ref or 0))
    if entry is None:
        raise EventGone(delivery.id)
    by = f"moderator:{entry.actor_id}" if entry.actor_id is not None else entry.actor
    return {
        **_comment_part(comment),
        "status": entry.after_status,
        "previous_status": entry.before_status,
        "action": entry.action,
        "reasons": [f"moderator:{entry.action}"],
        "model_version": entry.model_version,
        "decided_by": by,
        "decided_at": iso(entry.created_at),
    }


def event_body(db_session: Session, delivery: WebhookDelivery) -> dict[str, Any]:
    """The JSON body of a comment event; raises EventGone when its comment or entry has gone."""
    comment = db_session.get(Comment, delivery.comment_id) if delivery.comment_id else None
    if comment is None or delivery.event not in (DECIDED, MODERATED):
        raise EventGone(delivery.id)
    build = _decided if delivery.event == DECIDED else _moderated
    return {
        "event": delivery.event,
        "event_id": delivery.id,
        "occurred_at": iso(delivery.created_at),
        **build(db_session, delivery, comment),
    }
