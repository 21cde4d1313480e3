"""Queueing webhook events: one delivery row per event for a site with a webhook, sent after the commit.

The rows are written in the caller's transaction (with the verdict or the moderator's action), and their ids
go to the broker only once it commits; a publish that fails costs nothing but time, because the beat sweep
(service.webhooks.delivery) sends every row that is due.
"""

from __future__ import annotations

import json
import logging
import threading
import time
import uuid
from collections.abc import Mapping
from datetime import timedelta
from typing import Any

from sqlalchemy import event, insert, select
from sqlalchemy.orm import Session

from service.comments.models import utcnow
from service.config import get_settings
from service.webhooks.models import DeliveryStatus, SiteWebhook, WebhookDelivery

DECIDED = "comment.decided"
MODERATED = "comment.moderated"
TEST = "webhook.test"
DELIVER_TASK = "raqib.deliver_webhook"
# A row whose id was published is not sent again by the sweep before this; a lost job is, after it.
RESEND_AFTER = timedelta(seconds=60)

log = logging.getLogger(__name__)
_PENDING_KEY = "raqib_webhook_deliveries"
_lock = threading.Lock()
_hooked: frozenset[str] = frozenset()
_hooked_at = float("-inf")


def sites_with_webhooks(db_session: Session) -> frozenset[str]:
    """The sites that have a webhook, read at most every webhook_sites_cache_seconds per process.

    The scoring worker asks for every verdict; without the cache, each would cost a database round trip
    even on a deployment where no site has a webhook.
    """
    global _hooked, _hooked_at
    now = time.monotonic()
    if now - _hooked_at < get_settings().webhook_sites_cache_seconds:
        return _hooked
    sites = frozenset(db_session.execute(select(SiteWebhook.site)).scalars())
    with _lock:
        _hooked, _hooked_at = sites, now
    return sites


def forget_cached_sites() -> None:
    """Read the sites again on the next event (after a change in this process, and in tests)."""
    global _hooked_at
    _hooked_at = float("-inf")


def _publish_after_commit(db_session: Session, delivery_ids: list[str]) -> None:
    db_session.info.setdefault(_PENDING_KEY, []).extend(delivery_ids)


@event.listens_for(Session, "after_commit")
def _publish_pending(db_session: Session) -> None:
    ids = db_session.info.pop(_PENDING_KEY, None)
    if ids:
        publish_deliveries(ids)


@event.listens_for(Session, "after_rollback")
def _drop_pending(db_session: Session) -> None:
    db_session.info.pop(_PENDING_KEY, None)


def publish_deliveries(delivery_ids: list[str]) -> None:
    """Send deliver_webhook for each id in one pipelined round trip; a broker failure is left to the sweep."""
    from service.worker import app

    try:
        with app.producer_or_acquire() as producer, producer.batch(max_size=max(1, len(delivery_ids))):
            for delivery_id in delivery_ids:
                app.send_task(DELIVER_TASK, args=[delivery_id], retry=False, producer=producer)
    except Exception as exc:  # the rows are stored: the sweep sends them once they are due
        log.warning("could not publish %d webhook deliveries (%s)", len(delivery_ids), type(exc).__name__)


def _queue(db_session: Session, rows: list[dict[str, Any]]) -> list[str]:
    if not rows:
        return []
    now = utcnow()
    for row in rows:
        row.update(id=uuid.uuid4().hex, status=DeliveryStatus.PENDING.value, attempts=0, created_at=now,
                   next_try_at=now + RESEND_AFTER)  # fmt: skip
    db_session.execute(insert(WebhookDelivery), rows)
    ids = [row["id"] for row in rows]
    _publish_after_commit(db_session, ids)
    return ids


def queue_decided(db_session: Session, verdicts: Mapping[str, tuple[str, str]]) -> list[str]:
    """``comment.decided`` for each comment id -> (site, model version) whose site has a webhook."""
    hooked = sites_with_webhooks(db_session)
    if not hooked:
        return []
    rows = [
        {"site": site, "event": DECIDED, "comment_id": comment_id, "ref": version, "body": None}
        for comment_id, (site, version) in verdicts.items()
        if site in hooked
    ]
    return _queue(db_session, rows)


def queue_moderated(db_session: Session, *, comment_id: str, site: str, action_id: int) -> list[str]:
    """``comment.moderated`` for one audit entry, if the comment's site has a webhook."""
    if site not in sites_with_webhooks(db_session):
        return []
    row = {"site": site, "event": MODERATED, "comment_id": comment_id, "ref": str(action_id), "body": None}
    return _queue(db_session, [row])


def queue_test(db_session: Session, site: str) -> str:
    """A ``webhook.test`` event for ``site`` (which must have a webhook); its body is fixed now."""
    delivery_id = uuid.uuid4().hex
    body = {
        "event": TEST,
        "event_id": delivery_id,
        "site": site,
        "occurred_at": utcnow().isoformat(),
        "message": "Raqib webhook test: if the signature verifies, your endpoint is ready.",
    }
    now = utcnow()
    db_session.add(
        WebhookDelivery(
            id=delivery_id, site=site, event=TEST, comment_id=None, ref=None, body=encode(body),
            status=DeliveryStatus.PENDING.value, attempts=0, created_at=now, next_try_at=now + RESEND_AFTER,
        )
    )  # fmt: skip
    db_session.flush()
    _publish_after_commit(db_session, [delivery_id])
    return delivery_id


def encode(body: dict[str, Any]) -> str:
    """The one serialisation of a body: what is signed is exactly what is sent."""
    return json.dumps(body, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
