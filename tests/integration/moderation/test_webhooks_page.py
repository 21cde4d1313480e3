"""The webhooks admin page: admins only, CSRF, the secret shown once, rotation, deliveries, audit."""

from __future__ import annotations

import re
import uuid

from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from service.comments.models import utcnow
from service.moderation.admin_audit import AdminChange
from service.webhooks.models import SiteWebhook, WebhookDelivery

from .conftest import ADMIN, MOD_A
from .seed import login

SECRET = re.compile(r'id="new-secret">(whsec_[^<]+)<')


def _site() -> str:
    return f"ui-hooks-{uuid.uuid4().hex[:8]}.example"


def test_only_admins_with_the_csrf_token_set_webhooks(browser: TestClient, db: Session) -> None:
    csrf = login(browser, MOD_A)
    assert browser.get("/moderation/webhooks").status_code == 403
    site = _site()
    refused = browser.post(
        "/moderation/webhooks", data={"site": site, "url": "https://x.example/h", "csrf_token": csrf}
    )
    assert refused.status_code == 403
    browser.cookies.clear()
    login(browser, ADMIN)
    no_csrf = browser.post("/moderation/webhooks", data={"site": site, "url": "https://x.example/h"})
    assert no_csrf.status_code == 403
    assert db.get(SiteWebhook, site) is None


def test_set_shows_the_secret_once_and_rotation_is_audited(browser: TestClient, db: Session) -> None:
    csrf = login(browser, ADMIN)
    site = _site()
    created = browser.post(
        "/moderation/webhooks",
        data={"site": site.upper(), "url": "https://news.example/raqib", "csrf_token": csrf},
    )
    assert created.status_code == 200 and created.headers["Cache-Control"] == "no-store"
    secret = SECRET.search(created.text).group(1)  # type: ignore[union-attr]
    hook = db.get(SiteWebhook, site)
    assert hook is not None and hook.secret == secret and hook.url == "https://news.example/raqib"
    page = browser.get(f"/moderation/webhooks?site={site}")
    assert secret not in page.text and "https://news.example/raqib" in page.text
    assert 'dir="rtl"' in page.text and "خطافات الويب" in page.text

    rotated = browser.post("/moderation/webhooks/rotate", data={"site": site, "csrf_token": csrf})
    new_secret = SECRET.search(rotated.text).group(1)  # type: ignore[union-attr]
    assert new_secret != secret and "السرّ السابق يوقّع أيضاً حتى" in rotated.text
    db.expire_all()
    hook = db.get(SiteWebhook, site)
    assert hook is not None and (hook.secret, hook.previous_secret) == (new_secret, secret)

    changed = browser.post(
        "/moderation/webhooks", data={"site": site, "url": "https://news.example/v2", "csrf_token": csrf}
    )
    assert changed.status_code == 200 and not SECRET.search(changed.text)  # a URL change keeps the secret
    entries = list(db.scalars(select(AdminChange).where(AdminChange.site == site).order_by(AdminChange.id)))
    assert [e.action for e in entries] == ["webhook.set", "webhook.rotate_secret", "webhook.set"]
    assert all(e.actor == ADMIN for e in entries)
    assert entries[0].before is None and entries[0].after["url"] == "https://news.example/raqib"  # type: ignore[index]
    assert (
        entries[2].before["url"] == "https://news.example/raqib"
        and entries[2].after["url"] == "https://news.example/v2"
    )  # type: ignore[index]
    logged = " ".join(str(e.before) + str(e.after) for e in entries)
    assert secret not in logged and new_secret not in logged
    assert entries[1].before["secret"] != entries[1].after["secret"]  # type: ignore[index]


def test_bad_url_is_refused_in_both_languages(browser: TestClient, db: Session) -> None:
    csrf = login(browser, ADMIN)
    site = _site()
    arabic = browser.post(
        "/moderation/webhooks", data={"site": site, "url": "ftp://x.example/", "csrf_token": csrf}
    )
    assert arabic.status_code == 422 and "العنوان غير صالح" in arabic.text
    english = browser.post(
        "/moderation/webhooks?lang=en",
        data={"site": site, "url": "https://u:p@x.example/", "csrf_token": csrf},
    )
    assert english.status_code == 422 and "Invalid URL" in english.text
    assert db.get(SiteWebhook, site) is None


def test_deliveries_are_listed_with_status_attempts_and_last_error(browser: TestClient, db: Session) -> None:
    csrf = login(browser, ADMIN)
    site = _site()
    browser.post(
        "/moderation/webhooks", data={"site": site, "url": "https://n.example/h", "csrf_token": csrf}
    )
    now = utcnow()
    db.add(WebhookDelivery(id=uuid.uuid4().hex, site=site, event="comment.decided", comment_id="c" * 32,
                           status="pending", attempts=3, last_status_code=503, last_error="HTTP 503",
                           next_try_at=now, created_at=now))  # fmt: skip
    db.commit()
    page = browser.get(f"/moderation/webhooks?site={site}&lang=en")
    row = re.search(r'<tr data-delivery="[0-9a-f]+">(.*?)</tr>', page.text, re.S).group(1)  # type: ignore[union-attr]
    assert "comment.decided" in row and "Pending" in row and "<td>3</td>" in row and "HTTP 503" in row
