"""Every change of the model registry, in the database: who, when, from which version to which, and why.

A change is one row of ``model_changes`` (with the gate's figures when a promote was gated, and whether it was
forced) and one entry of the append-only audit log, so admins see it beside the moderators' actions. The
latest active change is the active version as the database knows it; ``raqib models list`` warns when
models/CURRENT says otherwise (someone edited the file by hand).
"""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Integer, String, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from service.comments.models import utcnow
from service.db import Base, UTCDateTime
from service.moderation.models import ModerationAction

SERVICE_SITE = "*"  # the audit log's site of an entry about the whole service


class Role(enum.StrEnum):
    ACTIVE = "active"
    SHADOW = "shadow"


class ModelChange(Base):
    __tablename__ = "model_changes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    actor: Mapped[str] = mapped_column(String(320))
    action: Mapped[str] = mapped_column(String(30))  # promote, rollback, shadow, shadow_off
    role: Mapped[str] = mapped_column(String(20))
    from_version: Mapped[str | None] = mapped_column(String(100))
    to_version: Mapped[str | None] = mapped_column(String(100))
    forced: Mapped[bool] = mapped_column(Boolean, default=False)
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # gate figures, threshold changes


def record_change(
    db_session: Session,
    *,
    actor: str,
    action: str,
    role: Role,
    from_version: str | None,
    to_version: str | None,
    forced: bool = False,
    details: dict[str, Any] | None = None,
) -> ModelChange:
    """Add the change and its audit entry to the session (the caller commits)."""
    now = utcnow()
    change = ModelChange(
        created_at=now,
        actor=actor,
        action=action,
        role=role.value,
        from_version=from_version,
        to_version=to_version,
        forced=forced,
        details=details or {},
    )
    note = f"{role.value}: {from_version or 'none'} -> {to_version or 'none'}"
    if forced:
        note += f"; forced past the gate ({', '.join(change.details.get('refused_on', [])) or 'no gate'})"
    db_session.add(change)
    db_session.add(
        ModerationAction(
            comment_id=None,
            site=SERVICE_SITE,
            seq=0,
            actor_id=None,
            actor=actor,
            action=f"model_{action}",
            note=note,
            before_status="",
            after_status="",
            model_version=to_version,
            scores={},
            created_at=now,
        )
    )
    db_session.flush()
    return change


def recorded_version(db_session: Session, role: Role) -> str | None:
    """The version the database last recorded for ``role`` (None: never, or shadow ended)."""
    stmt = select(ModelChange.to_version).where(ModelChange.role == role.value)
    return db_session.scalar(stmt.order_by(ModelChange.id.desc()).limit(1))


def list_changes(db_session: Session, limit: int = 20) -> list[ModelChange]:
    """The latest changes, newest first."""
    return list(db_session.scalars(select(ModelChange).order_by(ModelChange.id.desc()).limit(limit)))
