"""Moderator labels for retraining, derived from the audit log (undone actions do not count)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from service.comments.models import Comment
from service.moderation.actions import ACTIONS
from service.moderation.models import ModerationAction
from service.moderation.views import iso

# A site's own moderators label through the Akismet-compatible submit-spam / submit-ham (service.akismet_api).
SITE_ACTOR_PREFIX = "site:"
_DECISIONS = {"approve": "approved", "reject": "rejected", "spam": "rejected", "toxic": "rejected"}


def export_labels(session: Session) -> list[dict[str, Any]]:
    """One row per comment a moderator labelled: masked text, spam and toxic (True/False/None), site, time."""
    entries = list(session.scalars(select(ModerationAction).order_by(ModerationAction.id)))
    undone = {e.undoes_id for e in entries if e.undoes_id is not None}
    rows: dict[str, dict[str, Any]] = {}
    for entry in entries:
        by_person = entry.actor_id is not None or entry.actor.startswith(SITE_ACTOR_PREFIX)
        if entry.id in undone or entry.action not in ACTIONS or not by_person:
            continue
        _status, label = ACTIONS[entry.action]
        row = rows.setdefault(entry.comment_id, {"spam": None, "toxic": None, "decision": None})
        if label is not None:
            row[label[0]] = label[1]  # the latest label wins
        if entry.action in _DECISIONS:
            row["decision"] = _DECISIONS[entry.action]
        row["decided_at"] = iso(entry.created_at)
        row["decided_by"] = entry.actor
        row["model_version"] = entry.model_version
    if not rows:
        return []
    comments = {c.id: c for c in session.scalars(select(Comment).where(Comment.id.in_(list(rows))))}
    out: list[dict[str, Any]] = []
    for comment_id, row in rows.items():
        comment = comments.get(comment_id)
        # A forgotten author's comment (empty body, service.moderation.authors) is no training example.
        if (
            comment is None
            or not comment.body
            or (row["spam"] is None and row["toxic"] is None and row["decision"] is None)
        ):
            continue
        out.append({"comment_id": comment_id, "text": comment.body, "site": comment.site, **row})
    return out
