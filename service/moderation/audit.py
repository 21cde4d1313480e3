"""The append-only audit logs: moderators' actions on comments (read here; written by actions.py), and
admin changes that concern no single comment (sites and their keys), written and read here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from service.inputs import normalize_site
from service.moderation.models import ModerationAction
from service.moderation.views import action_view

MAX_LIMIT = 500


@dataclass(frozen=True)
class AuditFilters:
    site: str | None = None
    actor: str | None = None
    action: str | None = None
    comment_id: str | None = None
    created_from: datetime | None = None
    created_to: datetime | None = None
    before_id: int | None = None  # cursor: entries older than this id
    limit: int = 100


def list_audit(db_session: Session, f: AuditFilters) -> tuple[list[dict[str, Any]], int | None]:
    """Entries newest first, and the cursor for the next page (None at the end)."""
    stmt = select(ModerationAction)
    if f.site:
        stmt = stmt.where(ModerationAction.site == normalize_site(f.site))
    if f.actor:
        stmt = stmt.where(ModerationAction.actor == f.actor.strip().lower())
    if f.action:
        stmt = stmt.where(ModerationAction.action == f.action)
    if f.comment_id:
        stmt = stmt.where(ModerationAction.comment_id == f.comment_id)
    if f.created_from:
        stmt = stmt.where(ModerationAction.created_at >= f.created_from)
    if f.created_to:
        stmt = stmt.where(ModerationAction.created_at <= f.created_to)
    if f.before_id is not None:
        stmt = stmt.where(ModerationAction.id < f.before_id)
    limit = max(1, min(f.limit, MAX_LIMIT))
    rows = list(db_session.scalars(stmt.order_by(ModerationAction.id.desc()).limit(limit + 1)))
    next_cursor = rows[limit - 1].id if len(rows) > limit else None
    return [action_view(r) for r in rows[:limit]], next_cursor
