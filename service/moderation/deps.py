"""Request plumbing shared by the API and the UI: the database session and who is asking."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, HTTPException, Request
from sqlalchemy.orm import Session

from service.client_address import client_address
from service.config import get_settings
from service.db import get_sessionmaker
from service.moderation.accounts import Principal, principal_for
from service.moderation.logins import find_session
from service.moderation.tokens import user_for_token

SESSION_COOKIE = "raqib_session"
CSRF_HEADER = "x-csrf-token"


def get_db() -> Iterator[Session]:
    """A session per request; handlers commit explicitly, anything uncommitted is rolled back."""
    session = get_sessionmaker()()
    try:
        yield session
    finally:
        session.rollback()
        session.close()


DbSession = Annotated[Session, Depends(get_db)]


@dataclass(frozen=True)
class Auth:
    """A request's identity; ``csrf_token`` is set for browser sessions (bearer tokens need none)."""

    principal: Principal
    csrf_token: str | None
    session_token: str | None = None


def resolve_auth(request: Request, db_session: Session) -> Auth | None:
    """Identify the caller by bearer token, else by session cookie; None when anonymous."""
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        user = user_for_token(db_session, header[7:].strip())
        if user is None:
            return None
        db_session.commit()  # keeps last_used_at
        return Auth(principal=principal_for(db_session, user), csrf_token=None)
    cookie = request.cookies.get(SESSION_COOKIE)
    found = find_session(db_session, cookie) if cookie else None
    if found is None:
        return None
    web_session, user = found
    return Auth(
        principal=principal_for(db_session, user), csrf_token=web_session.csrf_token, session_token=cookie
    )


def csrf_ok(auth: Auth, presented: str | None) -> bool:
    """Bearer requests carry no ambient credentials; cookie requests must echo the session's token."""
    if auth.csrf_token is None:
        return True
    return bool(presented) and secrets.compare_digest(auth.csrf_token, presented or "")


def api_auth(request: Request, db_session: DbSession) -> Auth:
    """The caller of an API route: 401 if anonymous, 403 if a cookie-borne write lacks its CSRF token."""
    auth = resolve_auth(request, db_session)
    if auth is None:
        raise HTTPException(
            status_code=401, detail="authentication required", headers={"WWW-Authenticate": "Bearer"}
        )
    if request.method not in ("GET", "HEAD", "OPTIONS") and not csrf_ok(
        auth, request.headers.get(CSRF_HEADER)
    ):
        raise HTTPException(status_code=403, detail="CSRF token missing or wrong")
    return auth


def admin_auth(auth: Annotated[Auth, Depends(api_auth)]) -> Auth:
    if not auth.principal.is_admin:
        raise HTTPException(status_code=403, detail="admins only")
    return auth


ApiAuth = Annotated[Auth, Depends(api_auth)]
AdminAuth = Annotated[Auth, Depends(admin_auth)]


def client_ip(request: Request) -> str | None:
    """The client's address; X-Forwarded-For only from RAQIB_TRUSTED_PROXIES (service.client_address)."""
    return client_address(request, get_settings())


def cookie_secure(request: Request) -> bool:
    """Secure cookies when configured, or when the request (or the proxy in front) used HTTPS."""
    forwarded = request.headers.get("x-forwarded-proto", "").split(",")[0].strip().lower()
    return get_settings().secure_cookies or request.url.scheme == "https" or forwarded == "https"
