"""API tokens for newsroom tools: shown once, stored as a SHA-256, revocable, scoped like their creator."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from service.moderation.logins import sha256_hex
from service.moderation.models import ApiToken, User

TOKEN_PREFIX = "rqb_"


def create_token(db_session: Session, user_id: int, name: str) -> tuple[str, ApiToken]:
    """A new token for ``user_id``; the plain value is returned once and never stored."""
    plain = TOKEN_PREFIX + secrets.token_urlsafe(32)
    row = ApiToken(
        user_id=user_id,
        name=(name.strip() or "token")[:200],
        token_hash=sha256_hex(plain),
        prefix=plain[:10],
        created_at=datetime.now(UTC),
    )
    db_session.add(row)
    db_session.flush()
    return plain, row


def list_tokens(db_session: Session, user_id: int) -> list[ApiToken]:
    return list(db_session.scalars(select(ApiToken).where(ApiToken.user_id == user_id).order_by(ApiToken.id)))


def revoke_token(db_session: Session, user_id: int, token_id: int) -> bool:
    """Revoke one of the user's tokens; False when it is not theirs or does not exist."""
    row = db_session.get(ApiToken, token_id)
    if row is None or row.user_id != user_id:
        return False
    if row.revoked_at is None:
        row.revoked_at = datetime.now(UTC)
    db_session.flush()
    return True


def user_for_token(db_session: Session, plain: str) -> User | None:
    """The active user behind a live token, if any."""
    if not plain.startswith(TOKEN_PREFIX):
        return None
    row = db_session.scalar(select(ApiToken).where(ApiToken.token_hash == sha256_hex(plain)))
    if row is None or row.revoked_at is not None:
        return None
    user = db_session.get(User, row.user_id)
    if user is None or not user.active:
        return None
    row.last_used_at = datetime.now(UTC)
    return user
