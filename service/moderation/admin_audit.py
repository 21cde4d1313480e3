"""The audit log of admins' changes to a site's set-up (webhooks today), with what was before and after.

The comment audit log (``moderation_actions``) is numbered per comment; changes that concern no comment are
appended here instead, just as append-only. Secrets are never written: only that they changed.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Integer, String, event, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from service.comments.models import utcnow
from service.db import Base, UTCDateTime
from service.moderation.views import iso


class AdminAuditEntry(Base):
    __tablename__ = "admin_audit"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    actor_id: Mapped[int | None] = mapped_column(Integer, ForeignKey("moderation_users.id"))
    actor: Mapped[str] = mapped_column(String(320))  # the admin's e-mail, or "cli" for the raqib command
    action: Mapped[str] = mapped_column(String(60))
    site: Mapped[str | None] = mapped_column(String(200), index=True)
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)


@event.listens_for(AdminAuditEntry, "before_update")
@event.listens_for(AdminAuditEntry, "before_delete")
def _append_only(_mapper: Any, _conn: Any, target: AdminAuditEntry) -> None:
    raise PermissionError(f"admin_audit is append-only (row {target.id})")


def record_change(
    db_session: Session,
    *,
    actor_id: int | None,
    actor: str,
    action: str,
    site: str | None,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
) -> AdminAuditEntry:
    """Append one entry; the caller commits it with the change it describes."""
    entry = AdminAuditEntry(
        actor_id=actor_id,
        actor=actor,
        action=action,
        site=site,
        before=before,
        after=after,
        created_at=utcnow(),
    )
    db_session.add(entry)
    db_session.flush()
    return entry


def list_changes(db_session: Session, *, site: str | None = None, limit: int = 50) -> list[dict[str, Any]]:
    """The latest entries, newest first (of one site when given)."""
    stmt = select(AdminAuditEntry).order_by(AdminAuditEntry.id.desc()).limit(max(1, min(limit, 500)))
    if site is not None:
        stmt = stmt.where(AdminAuditEntry.site == site)
    return [
        {
            "id": e.id,
            "actor": e.actor,
            "action": e.action,
            "site": e.site,
            "before": e.before,
            "after": e.after,
            "created_at": iso(e.created_at),
        }
        for e in db_session.scalars(stmt)
    ]
