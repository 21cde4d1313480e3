"""Logging in and out: password check with growing delays per account and per address, browser sessions."""

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
    locked_until: datetime | None = None  # set when the next try must wait until then


@dataclass(frozen=True)
class _Key:
    key: str
    free_failures: int  # failures allowed before tries have to wait
    max_delay: float


def _keys(user: User | None, ip: str | None) -> list[_Key]:
    """The counters a try is recorded against: the address's, and the account's when it exists (no row is
    ever written for a guessed e-mail)."""
    settings = get_settings()
    keys: list[_Key] = []
    if ip:
        keys.append(_Key(f"ip:{ip}", settings.login_ip_max_failures, settings.login_ip_max_delay_seconds))
    if user is not None:
        keys.append(
            _Key(
                f"account:{normalize_email(user.email)}",
                settings.login_max_failures,
                settings.login_max_delay_seconds,
            )
        )
    return keys


def login_delay(failures: int, free_failures: int, max_delay: float) -> float:
    """Seconds the next try waits after ``failures`` failures: none up to ``free_failures``, then doubling."""
    if failures < free_failures:
        return 0.0
    return min(max_delay, get_settings().login_delay_seconds * 2 ** (failures - free_failures))


def _wait_until(db_session: Session, keys: list[_Key], now: datetime) -> datetime | None:
    latest: datetime | None = None
    for key in keys:
        row = db_session.get(LoginFailure, key.key)
        until = aware(row.locked_until) if row else None
        if until and until > now and (latest is None or until > latest):
            latest = until
    return latest


def _record_failure(db_session: Session, keys: list[_Key], now: datetime) -> None:
    forget = timedelta(seconds=get_settings().login_forget_seconds)
    for key in keys:
        row = db_session.get(LoginFailure, key.key)
        if row is None:
            row = LoginFailure(key=key.key, failures=0, last_failure_at=now)
            db_session.add(row)
        elif aware(row.last_failure_at) + forget < now:  # type: ignore[operator]
            row.failures = 0  # old failures are forgiven once a quiet stretch has passed
        row.failures += 1
        row.last_failure_at = now
        delay = login_delay(row.failures, key.free_failures, key.max_delay)
        row.locked_until = now + timedelta(seconds=delay) if delay else None
    db_session.flush()


def authenticate(db_session: Session, email: str, password: str, ip: str | None) -> LoginResult:
    """Check a password; after repeated failures a try must first wait a growing delay (not counted)."""
    now = datetime.now(UTC)
    user = find_user(db_session, email)
    keys = _keys(user, ip)
    wait = _wait_until(db_session, keys, now)
    if wait is not None:
        return LoginResult(user=None, locked_until=wait)
    ok = verify_password(user.password_hash if user else None, password)
    if not ok or user is None or not user.active:
        _record_failure(db_session, keys, now)
        return LoginResult(user=None, locked_until=_wait_until(db_session, keys, now))
    # A success clears the account's counter; the address's stays so one good login cannot hide a spray.
    db_session.execute(delete(LoginFailure).where(LoginFailure.key == keys[-1].key))
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
