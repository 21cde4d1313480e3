"""Setting a site's webhook: its URL, a new secret (shown once), a rotation with a grace period; audited."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from sqlalchemy import select
from sqlalchemy.orm import Session

from service.comments.models import utcnow
from service.inputs import normalize_site, text_problem
from service.moderation.admin_audit import Actor, record_change
from service.webhooks.models import SiteWebhook

SECRET_PREFIX = "whsec_"
URL_MAX_CHARS = 2000


class WebhookError(ValueError):
    """A webhook change that cannot be made; ``code`` says why (``invalid_url``, ``not_found``, ``blank``)."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


CLI_ACTOR = Actor(None, "cli")


def new_secret() -> str:
    return SECRET_PREFIX + secrets.token_urlsafe(32)


def fingerprint(secret: str) -> str:
    """A short digest that tells two secrets apart in the audit log without revealing either."""
    return hashlib.sha256(secret.encode()).hexdigest()[:12]


def check_url(url: str) -> str:
    """The URL as stored, or WebhookError: http(s), a host, one line, no credentials in it."""
    value = url.strip()
    if text_problem(value) or len(value) > URL_MAX_CHARS:
        raise WebhookError("invalid_url")
    try:
        parts = urlsplit(value)
    except ValueError:
        raise WebhookError("invalid_url") from None
    if parts.scheme not in {"http", "https"} or not parts.hostname or parts.username or " " in value:
        raise WebhookError("invalid_url")
    return value


def _site(name: str) -> str:
    site = normalize_site(name)
    if not site or text_problem(site) or len(site) > 200:
        raise WebhookError("blank")
    return site


def _audit_view(hook: SiteWebhook | None) -> dict[str, str] | None:
    return None if hook is None else {"url": hook.url, "secret": fingerprint(hook.secret)}


def get_webhook(db_session: Session, site: str) -> SiteWebhook | None:
    return db_session.get(SiteWebhook, normalize_site(site))


def list_webhooks(db_session: Session) -> list[SiteWebhook]:
    return list(db_session.scalars(select(SiteWebhook).order_by(SiteWebhook.site)))


def set_webhook(db_session: Session, site: str, url: str, *, actor: Actor) -> tuple[SiteWebhook, str | None]:
    """Create or change a site's callback URL; a new webhook gets a secret, returned once (else None)."""
    name, clean_url = _site(site), check_url(url)
    hook = db_session.get(SiteWebhook, name, with_for_update=True)
    before = _audit_view(hook)
    now = utcnow()
    secret = None
    if hook is None:
        secret = new_secret()
        hook = SiteWebhook(site=name, url=clean_url, secret=secret, created_at=now, updated_at=now)
        db_session.add(hook)
    else:
        hook.url, hook.updated_at = clean_url, now
    db_session.flush()
    record_change(
        db_session, actor, "webhook.set", site=name,
        before=before, after=_audit_view(hook),
    )  # fmt: skip
    return hook, secret


def rotate_secret(db_session: Session, site: str, *, actor: Actor, grace: timedelta) -> str:
    """Give the site's webhook a new secret; the old one still signs for ``grace``. Returns the new one."""
    hook = db_session.get(SiteWebhook, _site(site), with_for_update=True)
    if hook is None:
        raise WebhookError("not_found")
    before = _audit_view(hook)
    now = utcnow()
    secret = new_secret()
    hook.previous_secret, hook.previous_secret_until = hook.secret, now + grace
    hook.secret, hook.updated_at = secret, now
    db_session.flush()
    after = {**(_audit_view(hook) or {}), "previous_secret_until": hook.previous_secret_until.isoformat()}
    record_change(
        db_session, actor, "webhook.rotate_secret", site=hook.site,
        before=before, after=after,
    )  # fmt: skip
    return secret


def secrets_in_force(hook: SiteWebhook, now: datetime) -> list[str]:
    """The secrets that sign a request now: the current one, and the previous one during its grace period."""
    keep_previous = hook.previous_secret and hook.previous_secret_until and hook.previous_secret_until > now
    return [hook.secret, hook.previous_secret] if keep_previous else [hook.secret]  # type: ignore[list-item]
