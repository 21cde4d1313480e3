"""``raqib webhooks``: set a site's callback URL, rotate its secret, send a test event, list deliveries."""

from __future__ import annotations

import argparse
import sys
import time
from datetime import timedelta

from service.config import get_settings
from service.db import get_sessionmaker, session_scope
from service.webhooks.delivery import list_deliveries
from service.webhooks.endpoints import CLI_ACTOR, WebhookError, get_webhook, rotate_secret, set_webhook
from service.webhooks.events import queue_test
from service.webhooks.models import DeliveryStatus, WebhookDelivery

_MESSAGES = {
    "invalid_url": "the URL must be http:// or https:// with a host, on one line, without credentials",
    "not_found": "the site has no webhook: set one first with 'raqib webhooks set SITE --url URL'",
    "blank": "the site name is empty",
}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="raqib webhooks", description="signed webhooks of a site")
    sub = parser.add_subparsers(dest="command", required=True)
    set_ = sub.add_parser("set", help="set the callback URL (a new webhook's secret is printed once)")
    set_.add_argument("site")
    set_.add_argument("--url", required=True)
    rotate = sub.add_parser("rotate-secret", help="new secret, printed once; the old one signs for a while")
    rotate.add_argument("site")
    test = sub.add_parser("test", help="send a webhook.test event and wait for the outcome")
    test.add_argument("site")
    test.add_argument("--wait", type=float, default=15.0, help="seconds to wait for the outcome (0: none)")
    listing = sub.add_parser("deliveries", help="the site's latest deliveries")
    listing.add_argument("site")
    return parser


def _set(site: str, url: str) -> int:
    with session_scope() as db_session:
        hook, secret = set_webhook(db_session, site, url, actor=CLI_ACTOR)
        name = hook.site
    print(f"webhook of {name}: {url.strip()}")
    if secret:
        print(f"secret (shown once, keep it on the site's server): {secret}")
    return 0


def _rotate(site: str) -> int:
    grace = timedelta(seconds=get_settings().webhook_secret_grace_seconds)
    with session_scope() as db_session:
        secret = rotate_secret(db_session, site, actor=CLI_ACTOR, grace=grace)
    print(f"new secret (shown once): {secret}")
    print(f"the previous secret also signs for {grace.total_seconds():.0f} s more")
    return 0


def _test(site: str, wait: float) -> int:
    with session_scope() as db_session:
        hook = get_webhook(db_session, site)
        if hook is None:
            raise WebhookError("not_found")
        delivery_id = queue_test(db_session, hook.site)
    print(f"test event {delivery_id} queued for {hook.url}")
    deadline = time.monotonic() + wait
    while wait > 0:
        with get_sessionmaker()() as db_session:
            delivery = db_session.get(WebhookDelivery, delivery_id)
            status, attempts, error = delivery.status, delivery.attempts, delivery.last_error  # type: ignore[union-attr]
        if status != DeliveryStatus.PENDING.value or attempts or time.monotonic() > deadline:
            print(f"{status} after {attempts} attempt(s)" + (f": {error}" if error else ""))
            return 0 if status == DeliveryStatus.DELIVERED.value else 1
        time.sleep(0.2)
    return 0


def _deliveries(site: str) -> int:
    with get_sessionmaker()() as db_session:
        hook = get_webhook(db_session, site)
        if hook is None:
            raise WebhookError("not_found")
        for row in list_deliveries(db_session, hook.site):
            error = f" {row['last_error']}" if row["last_error"] else ""
            print(f"{row['created_at']:%Y-%m-%d %H:%M:%S} {row['id']} {row['event']} {row['status']} "
                  f"attempts={row['attempts']}{error}")  # fmt: skip
    return 0


def cli(argv: list[str]) -> int:
    """Entry point of ``raqib webhooks``."""
    args = _parser().parse_args(argv)
    try:
        if args.command == "set":
            return _set(args.site, args.url)
        if args.command == "rotate-secret":
            return _rotate(args.site)
        if args.command == "test":
            return _test(args.site, args.wait)
        return _deliveries(args.site)
    except WebhookError as exc:
        print(f"raqib webhooks: {_MESSAGES.get(exc.code, exc.code)}", file=sys.stderr)
        return 1
