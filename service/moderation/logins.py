"""Logging in and out: password check with persisted lockout per account and per IP, and browser sessions."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from service.config import get_settings
from service.moderation.accounts import find_user, normalize_email, verify_password
from service.moderation.models import LoginFailure, User, WebSession

SESSION_LIFETIME = timedelta(hours=12)


def sha256_hex(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


def aware(moment: datetime | None) -> datetime | None:
    """SQLite gives back naive datetimes; every stored moment is UTC."""
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=UTC)


@dataclass(frozen=True)
class LoginResult:
    user: User | None
    locked_until: datetime | None = None  # set when refused because of too many failures


def _keys(email: str, ip: str | None) -> list[tuple[str, int]]:
    settings = get_settings()
    keys = [(f"account:{normalize_email(email)}", settings.login_max_failures)]
    if ip:
        keys.append((f"ip:{ip}", settings.login_ip_max_failures))
    return keys


def _locked_until(db_session: Session, keys: list[tuple[str, int]], now: datetime) -> datetime | None:
    latest: datetime | None = None
    for key, _ in keys:
        row = db_session.get(LoginFailure, key)
        until = aware(row.locked_until) if row else None
        if until and until > now and (latest is None or until > latest):
            latest = until
    return latest


def _record_failure(db_session: Session, keys: list[tuple[str, int]], now: datetime) -> None:
    window = timedelta(seconds=get_settings().login_lockout_seconds)
    for key, limit in keys:
        row = db_session.get(LoginFailure, key)
        if row is None:
            row = LoginFailure(key=key, failures=0, last_failure_at=now)
            db_session.add(row)
        elif aware(row.last_failure_at) + window < now:  # type: ignore[operator]
            row.failures = 0  # old failures are forgiven once a whole window has passed quietly
        row.failures += 1
        row.last_failure_at = now
        if row.failures >= limit:
            row.locked_until = now + window
    db_session.flush()


def authenticate(db_session: Session, email: str, password: str, ip: str | None) -> LoginResult:
    """Check a password, refusing while the account or the IP is locked out; failures are recorded."""
    now = datetime.now(UTC)
    keys = _keys(email, ip)
    locked = _locked_until(db_session, keys, now)
    if locked is not None:
        return LoginResult(user=None, locked_until=locked)
    user = find_user(db_session, email)
    ok = verify_password(user.password_hash if user else None, password)
    if not ok or user is None or not user.active:
        _record_failure(db_session, keys, now)
        return LoginResult(user=None, locked_until=_locked_until(db_session, keys, now))
    # A success clears the account's counter; the IP's stays so one good login cannot hide a spray.
    db_session.execute(delete(LoginFailure).where(LoginFailure.key == keys[0][0]))
    return LoginResult(user=user)


def open_session(db_session: Session, user: User) -> tuple[str, WebSession]:
    """Start a browser session; returns the cookie value (never stored) and the row."""
    token = secrets.token_urlsafe(32)
    now = datetime.now(UTC)
    row = WebSession(
        token_hash=sha256_hex(token),
        user_id=user.id,
        csrf_token=secrets.token_urlsafe(32),
        created_at=now,
        expires_at=now + SESSION_LIFETIME,
    )
    db_session.add(row)
    db_session.flush()
    return token, row


def find_session(db_session: Session, token: str) -> tuple[WebSession, User] | None:
    """The live session and active user behind a cookie value, if any."""
    row = db_session.get(WebSession, sha256_hex(token))
    if row is None or aware(row.expires_at) <= datetime.now(UTC):  # type: ignore[operator]
        return None
    user = db_session.get(User, row.user_id)
    if user is None or not user.active:
        return None
    return row, user


def close_session(db_session: Session, token: str) -> None:
    db_session.execute(delete(WebSession).where(WebSession.token_hash == sha256_hex(token)))


def purge_expired_sessions(db_session: Session) -> int:
    """Delete expired sessions; returns how many."""
    expired = list(
        db_session.scalars(select(WebSession.token_hash).where(WebSession.expires_at < datetime.now(UTC)))
    )
    if expired:
        db_session.execute(delete(WebSession).where(WebSession.token_hash.in_(expired)))
    return len(expired)
