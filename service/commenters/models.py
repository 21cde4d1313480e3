"""Tables of commenters' standing on a site, and the append-only log of what moderators did about them.

A commenter is their keyed e-mail hash (``comments.author_email_hash``), never the address."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, ForeignKey, Index, Integer, String, Text, event
from sqlalchemy.orm import Mapped, mapped_column

from service.comments.models import utcnow
from service.db import Base, UTCDateTime


class AuthorStanding(Base):
    """What the worker reads at decision time: one row per commenter a moderator acted on, per site."""

    __tablename__ = "author_standings"

    site: Mapped[str] = mapped_column(String(200), primary_key=True)
    author_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    banned: Mapped[bool] = mapped_column(Boolean, default=False)
    suspended_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    trusted: Mapped[bool] = mapped_column(Boolean, default=False)
    warnings: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class AuthorAction(Base):
    """One moderator action on a commenter (ban, suspend, warn, trust, note, undo …), with the standing before
    and after it: an undo puts ``before`` back."""

    __tablename__ = "author_actions"
    __table_args__ = (Index("ix_author_actions_author", "author_hash", "site", "id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    site: Mapped[str] = mapped_column(String(200))
    author_hash: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(20))
    note: Mapped[str | None] = mapped_column(Text)  # e-mail addresses masked
    until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    before: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    after: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    actor_id: Mapped[int | None] = mapped_column(Integer, ForeignKey("moderation_users.id"))
    actor: Mapped[str] = mapped_column(String(320))
    undoes_id: Mapped[int | None] = mapped_column(Integer, ForeignKey("author_actions.id"))
    rejected_comments: Mapped[int] = mapped_column(Integer, default=0)  # pending ones a ban rejected
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)


@event.listens_for(AuthorAction, "before_update")
@event.listens_for(AuthorAction, "before_delete")
def _append_only(_mapper: Any, _conn: Any, target: AuthorAction) -> None:
    raise PermissionError(f"author_actions is append-only (row {target.id})")
