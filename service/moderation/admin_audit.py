"""The log of configuration changes (site policies, and whatever else admins configure): append and read."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from service.comments.models import utcnow
from service.inputs import normalize_site
from service.moderation.models import AdminChange
from service.moderation.views import iso


def record_change(
    db_session: Session,
    *,
    actor: str,
    actor_id: int | None,
    action: str,
    site: str | None,
    changes: dict[str, Any],
) -> AdminChange:
    """Append one entry; ``changes`` maps each field to ``{"before": …, "after": …}``."""
    entry = AdminChange(
        site=site, actor=actor, actor_id=actor_id, action=action, changes=changes, created_at=utcnow()
    )
    db_session.add(entry)
    db_session.flush()
    return entry


def list_changes(db_session: Session, *, site: str | None = None, limit: int = 100) -> list[dict[str, Any]]:
    """Entries newest first, as the API and the audit page show them."""
    stmt = select(AdminChange).order_by(AdminChange.id.desc()).limit(max(1, min(limit, 500)))
    if site:
        stmt = stmt.where(AdminChange.site == normalize_site(site))
    return [
        {
            "id": e.id,
            "site": e.site,
            "actor": e.actor,
            "action": e.action,
            "changes": e.changes,
            "created_at": iso(e.created_at),
        }
        for e in db_session.scalars(stmt)
    ]
