"""Tables of a submitted comment and its scores. Only masked text and a keyed e-mail hash are stored."""

from __future__ import annotations

import enum
import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, Float, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from service.db import Base, UTCDateTime


def utcnow() -> datetime:
    return datetime.now(UTC)


def new_comment_id() -> str:
    return uuid.uuid4().hex


class CommentStatus(enum.StrEnum):
    QUEUED = "queued"  # stored, waiting for the worker's verdict
    PUBLISHED = "published"
    HELD = "held"  # waiting for a moderator
    REJECTED = "rejected"


class Comment(Base):
    __tablename__ = "comments"
    __table_args__ = (
        UniqueConstraint("site", "idempotency_key", name="uq_comments_site_idempotency_key"),
        Index("ix_comments_site_article_status", "site", "article_id", "status"),
        Index("ix_comments_status_created", "status", "created_at"),
    )

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_comment_id)
    site: Mapped[str] = mapped_column(String(200), index=True)
    article_id: Mapped[str | None] = mapped_column(String(500))
    permalink: Mapped[str | None] = mapped_column(String(2000))
    parent_id: Mapped[str | None] = mapped_column(String(32), ForeignKey("comments.id"), index=True)

    author_name: Mapped[str] = mapped_column(String(200))
    author_email_masked: Mapped[str] = mapped_column(String(320))
    author_email_hash: Mapped[str] = mapped_column(String(64), index=True)
    author_url: Mapped[str | None] = mapped_column(String(2000))
    author_ip: Mapped[str | None] = mapped_column(String(64))
    user_agent: Mapped[str | None] = mapped_column(String(1000))
    referrer: Mapped[str | None] = mapped_column(String(2000))
    lang: Mapped[str | None] = mapped_column(String(20))

    body: Mapped[str] = mapped_column(Text)  # e-mail addresses already masked
    body_normalized: Mapped[str] = mapped_column(Text)  # for search that matches spelling variants
    # Spam signals taken at submission (service.signals.submitted): numbers and codes only, no contact.
    signals: Mapped[dict[str, Any] | None] = mapped_column(JSON)

    status: Mapped[str] = mapped_column(String(20), default=CommentStatus.QUEUED.value)
    model_version: Mapped[str | None] = mapped_column(String(100))
    idempotency_key: Mapped[str | None] = mapped_column(String(200))
    request_fingerprint: Mapped[str | None] = mapped_column(String(64))
    # SHA-256 of the read token the submission was answered with: it lets the caller read this one comment.
    read_token_hash: Mapped[str | None] = mapped_column(String(64))
    report_count: Mapped[int] = mapped_column(Integer, default=0)
    enqueue_attempts: Mapped[int] = mapped_column(Integer, default=0)

    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    enqueued_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    scored_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    decided_by: Mapped[str | None] = mapped_column(String(200))  # "model:<version>" or a moderator id

    scores: Mapped[list[CommentScore]] = relationship(
        back_populates="comment", cascade="all, delete-orphan", order_by="CommentScore.created_at"
    )


class CommentScore(Base):
    """One verdict of one model version on one comment; re-scoring with the same version changes nothing."""

    __tablename__ = "comment_scores"
    __table_args__ = (UniqueConstraint("comment_id", "model_version", name="uq_scores_comment_model"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    comment_id: Mapped[str] = mapped_column(String(32), ForeignKey("comments.id", ondelete="CASCADE"))
    model_version: Mapped[str] = mapped_column(String(100))
    probabilities: Mapped[dict[str, float]] = mapped_column(JSON)  # label -> probability
    spans: Mapped[dict[str, Any]] = mapped_column(JSON)  # label -> [{start, end, text, weight}]
    dialect: Mapped[str | None] = mapped_column(String(20))
    decision: Mapped[str] = mapped_column(String(20))
    reasons: Mapped[list[str]] = mapped_column(JSON, default=list)
    # What the signals and term lists found: [{"code", "action", ...numbers or the matched term and span}].
    findings: Mapped[list[dict[str, Any]] | None] = mapped_column(JSON)
    latency_ms: Mapped[float] = mapped_column(Float)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    comment: Mapped[Comment] = relationship(back_populates="scores")
