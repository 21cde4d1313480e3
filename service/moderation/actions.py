"""Moderator decisions: approve, reject, spam / not spam, toxic / not toxic, in bulk; each one audited.

Concurrency is optimistic: an action may carry the status and version the moderator saw; if the comment moved
on since, it is refused with the current state. (comment_id, seq) is unique in the audit log, so two writers
that both saw version N cannot both append N+1 even when neither sent an expectation.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from service.comments.models import Comment, CommentStatus
from service.moderation.accounts import Principal
from service.moderation.decision_labels import decision_labels
from service.moderation.models import ModerationAction
from service.moderation.views import action_view, current_score, version_of
from service.text import mask_emails
from service.webhooks.events import queue_moderated

# action -> (status it sets, or None to keep the status; the label it records, if any)
ACTIONS: dict[str, tuple[str | None, tuple[str, bool] | None]] = {
    "approve": (CommentStatus.PUBLISHED.value, None),
    "reject": (CommentStatus.REJECTED.value, None),
    "spam": (CommentStatus.REJECTED.value, ("spam", True)),
    "not_spam": (None, ("spam", False)),
    "toxic": (CommentStatus.REJECTED.value, ("toxic", True)),
    "not_toxic": (None, ("toxic", False)),
}
MAX_BULK = 200


class ActionError(Exception):
    """Base of the refusals an action can meet."""


class NotFound(ActionError):
    """No such comment, or not one of the principal's sites (the two are indistinguishable on purpose)."""


class Conflict(ActionError):
    """The comment changed since the moderator saw it."""

    def __init__(self, current: dict[str, Any]) -> None:
        super().__init__("the comment was changed by someone else")
        self.current = current


@dataclass(frozen=True)
class Expected:
    status: str | None = None
    version: int | None = None


def lock_comment(db_session: Session, principal: Principal, comment_id: str) -> Comment:
    comment = db_session.get(Comment, comment_id, with_for_update=True, populate_existing=True)
    if comment is None or not principal.may_see(comment.site):
        raise NotFound(comment_id)
    return comment


def current_state(db_session: Session, comment: Comment) -> dict[str, Any]:
    """What a conflict reports: the status, version and last audit entry of the comment now."""
    last = db_session.scalar(
        select(ModerationAction)
        .where(ModerationAction.comment_id == comment.id)
        .order_by(ModerationAction.seq.desc())
        .limit(1)
    )
    return {
        "id": comment.id,
        "status": comment.status,
        "version": version_of(db_session, comment.id),
        "last_action": action_view(last) if last else None,
    }


def append_entry(
    db_session: Session,
    comment: Comment,
    *,
    actor_id: int | None,
    actor: str,
    action: str,
    after_status: str,
    note: str | None = None,
    undoes_id: int | None = None,
    bulk_id: str | None = None,
    teaches: bool = False,
) -> ModerationAction:
    """Append one audit entry and move the comment to ``after_status``; a lost race becomes a Conflict.

    With ``teaches`` the entry records the training labels the decision gives (decision_labels).
    """
    score = current_score(db_session, comment)
    labels = decision_labels(action, score.reasons if score else None) if teaches else None
    entry = ModerationAction(
        comment_id=comment.id,
        site=comment.site,
        seq=version_of(db_session, comment.id) + 1,
        actor_id=actor_id,
        actor=actor,
        action=action,
        note=mask_emails((note or "").strip())[:2000] or None,  # a moderator may paste an address
        before_status=comment.status,
        after_status=after_status,
        model_version=comment.model_version,
        scores=dict(score.probabilities) if score else {},
        labels=labels,
        undoes_id=undoes_id,
        bulk_id=bulk_id,
        created_at=datetime.now(UTC),
    )
    try:
        with db_session.begin_nested():
            db_session.add(entry)
            db_session.flush()
    except IntegrityError as exc:
        db_session.expire(comment)
        raise Conflict(current_state(db_session, comment)) from exc
    if after_status != comment.status or action in ("approve", "reject", "spam", "toxic"):
        comment.status = after_status
        comment.decided_at = entry.created_at
        comment.decided_by = f"moderator:{actor_id}" if actor_id is not None else actor
    db_session.flush()
    if entry.before_status != after_status or action in ACTIONS:  # decisions, not bookkeeping (forget)
        queue_moderated(db_session, comment_id=comment.id, site=comment.site, action_id=entry.id)
    return entry


def act(
    db_session: Session,
    principal: Principal,
    comment_id: str,
    action: str,
    *,
    note: str | None = None,
    expected: Expected | None = None,
    bulk_id: str | None = None,
) -> ModerationAction:
    """Apply one action to one comment the principal may see; raises NotFound or Conflict."""
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r}")
    comment = lock_comment(db_session, principal, comment_id)
    if expected is not None:
        version = version_of(db_session, comment.id)
        stale_status = expected.status is not None and expected.status != comment.status
        stale_version = expected.version is not None and expected.version != version
        if stale_status or stale_version:
            raise Conflict(current_state(db_session, comment))
    new_status, _label = ACTIONS[action]
    return append_entry(
        db_session,
        comment,
        actor_id=principal.user_id,
        actor=principal.email,
        action=action,
        after_status=new_status or comment.status,
        note=note,
        bulk_id=bulk_id,
        teaches=True,
    )


def act_many(
    db_session: Session,
    principal: Principal,
    comment_ids: list[str],
    action: str,
    *,
    note: str | None = None,
    expected: dict[str, Expected] | None = None,
) -> list[dict[str, Any]]:
    """Apply one action to many comments; each succeeds or fails on its own. Results keep the input order."""
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r}")
    if len(comment_ids) > MAX_BULK:
        raise ValueError(f"at most {MAX_BULK} comments per bulk action")
    bulk_id = uuid.uuid4().hex
    results: list[dict[str, Any]] = []
    for comment_id in dict.fromkeys(comment_ids):
        try:
            entry = act(
                db_session,
                principal,
                comment_id,
                action,
                note=note,
                expected=(expected or {}).get(comment_id),
                bulk_id=bulk_id,
            )
            results.append({"id": comment_id, "ok": True, "status": entry.after_status, "version": entry.seq})
        except NotFound:
            results.append({"id": comment_id, "ok": False, "error": "not_found"})
        except Conflict as exc:
            results.append({"id": comment_id, "ok": False, "error": "conflict", "current": exc.current})
    return results
