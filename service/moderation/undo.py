"""Undo: a moderator takes back their last action (a whole bulk action at once) unless someone acted since."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import exists, select
from sqlalchemy.orm import Session, aliased

from service.moderation.accounts import Principal
from service.moderation.actions import Conflict, NotFound, append_entry, current_state, lock_comment
from service.moderation.models import ModerationAction
from service.moderation.views import version_of


def _last_undoable(db_session: Session, principal: Principal) -> list[ModerationAction]:
    undo = aliased(ModerationAction)
    live = select(ModerationAction).where(
        ModerationAction.actor_id == principal.user_id,
        ModerationAction.comment_id.is_not(None),
        ModerationAction.undoes_id.is_(None),
        ~exists().where(undo.undoes_id == ModerationAction.id),
    )
    last = db_session.scalar(live.order_by(ModerationAction.id.desc()).limit(1))
    if last is None or last.bulk_id is None:
        return [last] if last else []
    return list(
        db_session.scalars(live.where(ModerationAction.bulk_id == last.bulk_id).order_by(ModerationAction.id))
    )


def undo_last(db_session: Session, principal: Principal) -> list[dict[str, Any]]:
    """Undo the principal's last action (all of it, if it was a bulk action). Raises NotFound if none."""
    targets = _last_undoable(db_session, principal)
    if not targets:
        raise NotFound("nothing to undo")
    bulk_id = uuid.uuid4().hex if len(targets) > 1 else None
    results: list[dict[str, Any]] = []
    for target in targets:
        try:
            comment = lock_comment(db_session, principal, target.comment_id)
        except NotFound:
            results.append({"id": target.comment_id, "ok": False, "error": "not_found"})
            continue
        if version_of(db_session, comment.id) != target.seq:  # someone acted after us: do not trample
            results.append(
                {
                    "id": comment.id,
                    "ok": False,
                    "error": "conflict",
                    "current": current_state(db_session, comment),
                }
            )
            continue
        try:
            entry = append_entry(
                db_session,
                comment,
                actor_id=principal.user_id,
                actor=principal.email,
                action="undo",
                after_status=target.before_status,
                undoes_id=target.id,
                bulk_id=bulk_id,
            )
        except Conflict as exc:
            results.append({"id": comment.id, "ok": False, "error": "conflict", "current": exc.current})
            continue
        results.append(
            {
                "id": comment.id,
                "ok": True,
                "status": entry.after_status,
                "version": entry.seq,
                "undid": target.action,
            }
        )
    return results
