"""Webhooks end to end: API, Celery worker and beat on PostgreSQL and Redis, a real receiver on loopback.

The receiver fails the first attempts: the worker retries with growing pauses until it answers 200, and every
request's signature verifies with the secret the CLI printed; during a rotation both secrets verify.
"""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select

from service.db import get_engine, get_sessionmaker
from service.moderation.accounts import create_user
from service.moderation.tokens import create_token
from service.processes import RedisServer, Service, service_env, start_api, start_beat, start_worker, wait_for
from service.webhooks.models import WebhookDelivery
from service.webhooks.signing import verify

from .helpers import comment, submit, wait_decided
from .pg import migrated_database
from .receivers import Receiver

SITE = "hooks.example"
FAST_RETRIES = {
    "RAQIB_WEBHOOK_RETRY_BASE_SECONDS": "1",
    "RAQIB_WEBHOOK_SWEEP_INTERVAL_SECONDS": "0.3",
    "RAQIB_WEBHOOK_SITES_CACHE_SECONDS": "0",
    "RAQIB_WEBHOOK_TIMEOUT_SECONDS": "2",
}


@pytest.fixture(scope="module")
def hooked(redis_server: RedisServer, artifacts: Path) -> Iterator[tuple[str, str, dict[str, str]]]:
    """A database, an API, a worker and a beat of their own (Redis db 6); yields API base, DB URL, env."""
    started: list[Service] = []
    with migrated_database("raqib_hooks") as url:
        env = service_env(url, redis_server.url(6), **FAST_RETRIES)
        try:
            started.append(start_worker(env, artifacts / "hooks-worker.log"))
            started.append(start_beat(env, artifacts / "hooks-beat.log", artifacts / "hooks-beat-schedule"))
            api, base = start_api(env, artifacts / "hooks-api.log")
            started.append(api)
            yield base, url, env
        finally:
            for service in reversed(started):
                service.stop()
            get_engine(url).dispose()


def raqib(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "service.cli", *args], env=env, capture_output=True, text=True, timeout=60
    )


def _secret(output: str) -> str:
    return next(word for word in output.split() if word.startswith("whsec_"))


def _verifies(secret: str, request: object) -> bool:
    headers, body = request.headers, request.body  # type: ignore[attr-defined]
    return verify(secret, headers["X-Raqib-Timestamp"], body, headers["X-Raqib-Signature"])


def test_decided_event_is_retried_with_backoff_and_signed(hooked: tuple[str, str, dict[str, str]]) -> None:
    base, url, env = hooked
    receiver = Receiver(fail_first=3).start()
    try:
        setup = raqib(env, "webhooks", "set", SITE.upper(), "--url", receiver.url)
        assert setup.returncode == 0, setup.stderr
        secret = _secret(setup.stdout)

        posted = submit(base, comment(site=SITE, author_email="souad@example.org", body="مقال مفيد، شكرا"))
        comment_id = posted.json()["id"]
        decided = wait_decided(base, comment_id)
        wait_for(lambda: any(r.answered == 200 for r in receiver.requests), 60, "a delivery answered 200")

        attempts = receiver.of_event("comment.decided")
        assert [r.answered for r in attempts] == [500, 500, 500, 200]
        assert len({r.headers["X-Raqib-Delivery"] for r in attempts}) == 1  # one event, tried four times
        assert len({r.body for r in attempts}) == 1  # the same body every time
        gaps = [b.at - a.at for a, b in itertools.pairwise(attempts)]
        assert gaps[0] >= 0.85 and gaps[1] >= 1.7 and gaps[2] >= 3.5, gaps  # 1 s, 2 s, 4 s (±10 %)
        assert all(_verifies(secret, r) for r in attempts)
        assert not _verifies("whsec_someone-else", attempts[0])

        body = json.loads(attempts[-1].body)
        assert body["event"] == "comment.decided" and body["id"] == comment_id and body["site"] == SITE
        assert body["status"] == decided["status"] and body["model_version"] == decided["model_version"]
        assert body["decided_by"] == f"model:{decided['model_version']}" and isinstance(body["reasons"], list)
        assert "souad" not in attempts[-1].body.decode() and "@" not in attempts[-1].body.decode()

        def _recorded() -> (
            WebhookDelivery | None
        ):  # the worker writes the outcome after the receiver answered
            with get_sessionmaker(url)() as session:
                query = select(WebhookDelivery).where(WebhookDelivery.comment_id == comment_id)
                row = session.scalars(query).one()
                return row if row.status != "pending" else None

        row: WebhookDelivery = wait_for(_recorded, 30, "the delivery's outcome")  # type: ignore[assignment]
        assert (row.status, row.attempts, row.last_status_code) == ("delivered", 4, 200)
        assert row.last_error is None and row.delivered_at is not None

        listing = raqib(env, "webhooks", "deliveries", SITE)
        assert "comment.decided delivered attempts=4" in listing.stdout
    finally:
        receiver.stop()


def test_moderated_event_during_rotation_carries_both_signatures(
    hooked: tuple[str, str, dict[str, str]],
) -> None:
    base, url, env = hooked
    receiver = Receiver().start()
    try:
        site = "rotation." + SITE  # a webhook of its own: only a new one prints its secret
        old = _secret(raqib(env, "webhooks", "set", site, "--url", receiver.url).stdout)
        with get_sessionmaker(url)() as session:
            admin = create_user(session, email="hooks-admin@raqib.test", password="a long password",
                                role="admin", sites=[])  # fmt: skip
            token, _ = create_token(session, admin.id, "hooks")
            session.commit()
        comment_id = submit(base, comment(site=site)).json()["id"]
        wait_decided(base, comment_id)
        wait_for(lambda: receiver.of_event("comment.decided"), 30, "the decided event")

        rotated = raqib(env, "webhooks", "rotate-secret", site)
        assert rotated.returncode == 0, rotated.stderr
        new = _secret(rotated.stdout)
        assert new != old
        answer = httpx.post(
            f"{base}/v1/moderation/comments/{comment_id}/reject",
            headers={"Authorization": f"Bearer {token}"},
            json={"note": "خارج الموضوع"},
            timeout=10,
        )
        assert answer.status_code == 200, answer.text
        wait_for(lambda: receiver.of_event("comment.moderated"), 30, "the moderated event")
        moderated = receiver.of_event("comment.moderated")[0]
        assert moderated.headers["X-Raqib-Signature"].count("v1=") == 2
        assert _verifies(new, moderated) and _verifies(old, moderated)
        body = json.loads(moderated.body)
        assert (body["status"], body["action"], body["id"]) == ("rejected", "reject", comment_id)
        assert body["decided_by"] == f"moderator:{admin.id}"
        assert "hooks-admin" not in moderated.body.decode() and "خارج" not in moderated.body.decode()

        tested = raqib(env, "webhooks", "test", site)
        assert tested.returncode == 0, tested.stdout + tested.stderr
        assert "delivered after 1 attempt(s)" in tested.stdout
        probe = receiver.of_event("webhook.test")[0]
        assert _verifies(new, probe) and json.loads(probe.body)["site"] == site
    finally:
        receiver.stop()
