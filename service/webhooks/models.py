"""Tables of the webhooks: one callback per site, and one delivery row per event sent to it.

Sites are keyed by their normalised name (service.inputs.normalize_site), not by a foreign key: the site
registry is a separate concern and a webhook only needs the name the comments carry.
"""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from service.comments.models import utcnow
from service.db import Base, UTCDateTime


class DeliveryStatus(enum.StrEnum):
    PENDING = "pending"  # waiting for its first or next attempt
    DELIVERED = "delivered"  # the receiver answered 2xx
    FAILED = "failed"  # gave up: retried for the whole retry period, or the event can no longer be built


class SiteWebhook(Base):
    """A site's callback. The secret is kept as is because signing needs it; during a rotation the previous
    one signs too, until ``previous_secret_until``."""

    __tablename__ = "site_webhooks"

    site: Mapped[str] = mapped_column(String(200), primary_key=True)
    url: Mapped[str] = mapped_column(String(2000))
    secret: Mapped[str] = mapped_column(String(100))
    previous_secret: Mapped[str | None] = mapped_column(String(100))
    previous_secret_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class WebhookDelivery(Base):
    """One event for one site. ``ref`` names what the body is built from: the model version of a verdict
    (its score row) or the id of an audit entry, both immutable, so every attempt sends the same body."""

    __tablename__ = "webhook_deliveries"
    __table_args__ = (
        Index("ix_webhook_deliveries_site_created", "site", "created_at"),
        Index("ix_webhook_deliveries_status_next_try", "status", "next_try_at"),
    )

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    site: Mapped[str] = mapped_column(String(200))
    event: Mapped[str] = mapped_column(String(40))
    comment_id: Mapped[str | None] = mapped_column(String(32), index=True)
    ref: Mapped[str | None] = mapped_column(String(100))
    body: Mapped[str | None] = mapped_column(Text)  # frozen at the first attempt
    status: Mapped[str] = mapped_column(String(20), default=DeliveryStatus.PENDING.value)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_status_code: Mapped[int | None] = mapped_column(Integer)
    last_error: Mapped[str | None] = mapped_column(String(500))
    # When the sweep should send it (again); a worker holding it sets locked_until so no other sends it.
    next_try_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    delivered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
