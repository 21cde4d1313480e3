"""Sending one delivery: claim it, sign the body, POST it, record the outcome and when to try again.

Retries are scheduled in the table (``next_try_at``) and sent by the beat sweep, not held in the broker as
countdowns: on Redis, a job delayed past the visibility timeout is handed out again and again, and a day of
backoff is far past it. A worker claims a row before sending (``locked_until``), so a job delivered twice,
or one the sweep sent again, makes one HTTP request.
"""

from __future__ import annotations

import random
import time
from datetime import datetime, timedelta
from typing import Any

import httpx
from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from service.comments.models import utcnow
from service.config import Settings
from service.text import mask_emails
from service.webhooks.bodies import EventGone, event_body
from service.webhooks.endpoints import secrets_in_force
from service.webhooks.events import RESEND_AFTER, encode, publish_deliveries
from service.webhooks.models import DeliveryStatus, SiteWebhook, WebhookDelivery
from service.webhooks.signing import (
    DELIVERY_HEADER,
    EVENT_HEADER,
    SIGNATURE_HEADER,
    TIMESTAMP_HEADER,
    signature_header,
)

USER_AGENT = "Raqib-Webhooks/1"
_PENDING = DeliveryStatus.PENDING.value
_D = WebhookDelivery


def retry_delay(attempts: int, settings: Settings) -> float:
    """Seconds before the next try after ``attempts`` failed ones: doubling from the base, capped, ±10 %."""
    delay = min(
        settings.webhook_retry_base_seconds * 2 ** max(0, attempts - 1), settings.webhook_retry_max_seconds
    )
    return delay * random.uniform(0.9, 1.1)


def _claim(db_session: Session, delivery_id: str, now: datetime, lease: timedelta) -> bool:
    free = or_(_D.locked_until.is_(None), _D.locked_until < now)
    claimed = db_session.execute(
        update(_D).where(_D.id == delivery_id, _D.status == _PENDING, free).values(locked_until=now + lease)
    )
    db_session.commit()
    return bool(claimed.rowcount)  # type: ignore[attr-defined]


def _give_up(db_session: Session, delivery: WebhookDelivery, error: str) -> str:
    delivery.status, delivery.last_error, delivery.locked_until = DeliveryStatus.FAILED.value, error, None
    db_session.commit()
    return DeliveryStatus.FAILED.value


def _post(
    client: httpx.Client, url: str, body: bytes, headers: dict[str, str]
) -> tuple[int | None, str | None]:
    try:
        response = client.post(url, content=body, headers=headers)
    except httpx.HTTPError as exc:  # refused, timed out, bad TLS: all worth another try
        return None, mask_emails(f"{type(exc).__name__}: {exc}")[:500]
    if 200 <= response.status_code < 300:
        return response.status_code, None
    return response.status_code, f"HTTP {response.status_code}"


def deliver(delivery_id: str, *, db_session: Session, client: httpx.Client, settings: Settings) -> str:
    """Make one attempt at a pending delivery; returns delivered, pending (will retry), failed or skipped."""
    now = utcnow()
    lease = timedelta(seconds=3 * settings.webhook_timeout_seconds + 30)
    if not _claim(db_session, delivery_id, now, lease):
        return "skipped"  # delivered already, given up, or another worker holds it
    delivery = db_session.get(_D, delivery_id)
    hook = db_session.get(SiteWebhook, delivery.site) if delivery else None
    if delivery is None:
        return "skipped"
    if hook is None:
        return _give_up(db_session, delivery, "the site has no webhook any more")
    if delivery.body is None:
        try:
            delivery.body = encode(event_body(db_session, delivery))
        except EventGone:
            return _give_up(db_session, delivery, "the comment or the action is gone")
    url, body, event = hook.url, delivery.body.encode(), delivery.event
    signing_secrets = secrets_in_force(hook, now)
    created_at = delivery.created_at
    db_session.commit()  # no transaction stays open while the receiver answers

    timestamp = int(time.time())
    headers = {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        EVENT_HEADER: event,
        DELIVERY_HEADER: delivery_id,
        TIMESTAMP_HEADER: str(timestamp),
        SIGNATURE_HEADER: signature_header(signing_secrets, timestamp, body),
    }
    code, error = _post(client, url, body, headers)
    return _record(db_session, delivery_id, code, error, created_at, settings)


def _record(
    db_session: Session,
    delivery_id: str,
    code: int | None,
    error: str | None,
    created_at: datetime,
    settings: Settings,
) -> str:
    now = utcnow()
    delivery = db_session.get(_D, delivery_id)
    assert delivery is not None
    delivery.attempts += 1
    delivery.last_attempt_at, delivery.last_status_code, delivery.last_error = now, code, error
    delivery.locked_until = None
    if error is None:
        delivery.status, delivery.delivered_at = DeliveryStatus.DELIVERED.value, now
    else:
        next_try = now + timedelta(seconds=retry_delay(delivery.attempts, settings))
        if next_try - created_at > timedelta(seconds=settings.webhook_retry_for_seconds):
            delivery.status = DeliveryStatus.FAILED.value
        else:
            delivery.next_try_at = next_try
    db_session.commit()
    return delivery.status


def send_due(*, db_session: Session, limit: int) -> int:
    """Publish the deliveries whose next try is due (retries, and those whose first publish failed)."""
    now = utcnow()
    due = list(
        db_session.scalars(
            select(_D.id)
            .where(
                _D.status == _PENDING,
                _D.next_try_at <= now,
                or_(_D.locked_until.is_(None), _D.locked_until < now),
            )
            .order_by(_D.next_try_at)
            .limit(limit)
        )
    )
    if not due:
        return 0
    db_session.execute(update(_D).where(_D.id.in_(due)).values(next_try_at=now + RESEND_AFTER))
    db_session.commit()
    publish_deliveries(due)
    return len(due)


def list_deliveries(db_session: Session, site: str, *, limit: int = 50) -> list[dict[str, Any]]:
    """A site's latest deliveries, newest first: event, status, attempts, last error, next try."""
    rows = db_session.scalars(select(_D).where(_D.site == site).order_by(_D.created_at.desc()).limit(limit))
    return [
        {
            "id": d.id,
            "event": d.event,
            "comment_id": d.comment_id,
            "status": d.status,
            "attempts": d.attempts,
            "last_status_code": d.last_status_code,
            "last_error": d.last_error,
            "next_try_at": d.next_try_at if d.status == _PENDING else None,
            "created_at": d.created_at,
            "delivered_at": d.delivered_at,
        }
        for d in rows
    ]
