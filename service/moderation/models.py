"""Tables of the moderator workspace: accounts, sessions, API tokens, login failures, reports, audit logs."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    event,
)
from sqlalchemy.orm import Mapped, mapped_column

from service.comments.models import utcnow
from service.db import Base, UTCDateTime


class Role(enum.StrEnum):
    ADMIN = "admin"  # every site, users, settings, audit log
    MODERATOR = "moderator"  # only the sites assigned


class User(Base):
    __tablename__ = "moderation_users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    email: Mapped[str] = mapped_column(String(320), unique=True)
    password_hash: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20), default=Role.MODERATOR.value)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class UserSite(Base):
    __tablename__ = "moderation_user_sites"

    user_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("moderation_users.id", ondelete="CASCADE"), primary_key=True
    )
    site: Mapped[str] = mapped_column(String(200), primary_key=True)


class WebSession(Base):
    """A browser login. Only the SHA-256 of the cookie value is stored, so a database leak logs nobody in."""

    __tablename__ = "moderation_sessions"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(Integer, ForeignKey("moderation_users.id", ondelete="CASCADE"))
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)


class ApiToken(Base):
    """A bearer token for newsroom tools; it acts with the sites of the user who made it."""

    __tablename__ = "moderation_api_tokens"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    user_id: Mapped[int] = mapped_column(Integer, ForeignKey("moderation_users.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(200))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    prefix: Mapped[str] = mapped_column(String(16))  # shown in lists so a token can be recognised
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class LoginFailure(Base):
    """Failed-login counter per key ("account:<email>" or "ip:<address>"), persisted across restarts."""

    __tablename__ = "moderation_login_failures"

    key: Mapped[str] = mapped_column(String(400), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    last_failure_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime)


class CommentReport(Base):
    __tablename__ = "moderation_reports"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    comment_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("comments.id", ondelete="CASCADE"), index=True
    )
    reason: Mapped[str] = mapped_column(String(500))
    # Keyed hash of the site's reader id (or address), so one reader's repeated reports count once.
    reporter_hash: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    __table_args__ = (
        Index("uq_moderation_reports_comment_reporter", "comment_id", "reporter_hash", unique=True),
    )


class ModerationAction(Base):
    """One entry of the append-only audit log. ``seq`` numbers the actions on a comment: (comment, seq) is
    unique, so two moderators acting on the same version cannot both succeed (the loser gets a conflict)."""

    __tablename__ = "moderation_actions"
    __table_args__ = (
        UniqueConstraint("comment_id", "seq", name="uq_moderation_actions_comment_seq"),
        Index("ix_moderation_actions_actor_created", "actor_id", "created_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    # None for entries about the whole service (a model promoted, rolled back or put in shadow).
    comment_id: Mapped[str | None] = mapped_column(String(32), ForeignKey("comments.id"), index=True)
    site: Mapped[str] = mapped_column(String(200), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    actor_id: Mapped[int | None] = mapped_column(Integer, ForeignKey("moderation_users.id"))
    actor: Mapped[str] = mapped_column(String(320))  # e-mail of the moderator, or "system:reports"
    action: Mapped[str] = mapped_column(String(30))
    note: Mapped[str | None] = mapped_column(Text)
    before_status: Mapped[str] = mapped_column(String(20))
    after_status: Mapped[str] = mapped_column(String(20))
    model_version: Mapped[str | None] = mapped_column(String(100))
    scores: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # What a moderator's decision teaches ({"spam": false, "toxic": true}); None: it teaches nothing.
    labels: Mapped[dict[str, bool] | None] = mapped_column(JSON)
    undoes_id: Mapped[int | None] = mapped_column(Integer, ForeignKey("moderation_actions.id"))
    bulk_id: Mapped[str | None] = mapped_column(String(32), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)


@event.listens_for(ModerationAction, "before_update")
@event.listens_for(ModerationAction, "before_delete")
def _audit_log_is_append_only(_mapper: Any, _conn: Any, target: ModerationAction) -> None:
    # The PostgreSQL migration adds a trigger for the same rule; this catches it early everywhere.
    raise PermissionError(f"moderation_actions is append-only (row {target.id})")
