"""The append-only log of admins' changes to settings kept in the database (term lists, site policies, sites
and keys, webhooks): who changed what for which site, with the value before and after. Secrets never go in."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Integer, String, event, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from service.comments.models import utcnow
from service.db import Base, UTCDateTime
from service.inputs import normalize_site
from service.moderation.views import iso


class AdminChange(Base):
    __tablename__ = "moderation_admin_changes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    actor_id: Mapped[int | None] = mapped_column(Integer, ForeignKey("moderation_users.id"))
    actor: Mapped[str] = mapped_column(String(320))
    action: Mapped[str] = mapped_column(String(40))  # "terms.add", "policy.update", "site.create" …
    site: Mapped[str | None] = mapped_column(String(200), index=True)
    before: Mapped[Any] = mapped_column(JSON, nullable=True)
    after: Mapped[Any] = mapped_column(JSON, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)


@event.listens_for(AdminChange, "before_update")
@event.listens_for(AdminChange, "before_delete")
def _append_only(_mapper: Any, _conn: Any, target: AdminChange) -> None:
    # The PostgreSQL migration adds a trigger for the same rule.
    raise PermissionError(f"moderation_admin_changes is append-only (row {target.id})")


@dataclass(frozen=True)
class Actor:
    """Who makes an admin change: an account (``id``, its e-mail as ``name``), or an operator at the command
    line (``id`` None, ``name`` "cli:<account>")."""

    id: int | None
    name: str


def record_change(
    db_session: Session,
    actor: Actor,
    action: str,
    *,
    site: str | None = None,
    before: Any = None,
    after: Any = None,
) -> AdminChange:
    """Add one entry (in the caller's transaction: it commits with the change it describes)."""
    entry = AdminChange(
        actor_id=actor.id,
        actor=actor.name,
        action=action,
        site=site,
        before=before,
        after=after,
        created_at=utcnow(),
    )
    db_session.add(entry)
    db_session.flush()
    return entry


def list_changes(db_session: Session, *, site: str | None = None, limit: int = 100) -> list[dict[str, Any]]:
    """Entries newest first, of one site or of all."""
    stmt = select(AdminChange).order_by(AdminChange.id.desc()).limit(max(1, min(limit, 500)))
    if site:
        stmt = stmt.where(AdminChange.site == normalize_site(site))
    return [
        {
            "id": c.id,
            "actor": c.actor,
            "action": c.action,
            "site": c.site,
            "before": c.before,
            "after": c.after,
            "created_at": iso(c.created_at),
        }
        for c in db_session.scalars(stmt)
    ]
