"""The shadow model's scores: one row per comment and shadow version, never read by the decision path."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from service.comments.models import utcnow
from service.db import Base, UTCDateTime


class ShadowScore(Base):
    """What a version in shadow would have decided about one comment (the active verdict is elsewhere)."""

    __tablename__ = "shadow_scores"
    __table_args__ = (UniqueConstraint("comment_id", "model_version", name="uq_shadow_scores_comment_model"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    comment_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("comments.id", ondelete="CASCADE"), index=True
    )
    model_version: Mapped[str] = mapped_column(String(100), index=True)
    probabilities: Mapped[dict[str, float]] = mapped_column(JSON)
    decision: Mapped[str] = mapped_column(String(20))
    reasons: Mapped[list[str]] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
