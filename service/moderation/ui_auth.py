"""Login and logout pages, and the helpers every moderator page uses to know who is there."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from service.moderation.deps import (
    SESSION_COOKIE,
    Auth,
    DbSession,
    client_ip,
    cookie_secure,
    csrf_ok,
    resolve_auth,
)
from service.moderation.logins import (
    SESSION_LIFETIME,
    authenticate,
    close_session,
    open_session,
    purge_expired_sessions,
)
from service.moderation.ui_render import redirect, render

router = APIRouter(prefix="/moderation", include_in_schema=False)

LOGIN_CSRF_COOKIE = "raqib_login_csrf"


def page_auth(request: Request, db_session: DbSession) -> Auth:
    """The logged-in user of a page; anonymous visitors go to the login page (bearer tokens are API-only)."""
    auth = None if request.headers.get("authorization") else resolve_auth(request, db_session)
    if auth is None:
        # An HTTPException carrying a redirect works without an app-level exception handler.
        raise HTTPException(
            status_code=303, detail="login required", headers={"Location": "/moderation/login"}
        )
    return auth


def check_form_csrf(auth: Auth, token: str | None) -> None:
    if not csrf_ok(auth, token):
        raise HTTPException(status_code=403, detail="CSRF token missing or wrong")


def _login_page(request: Request, message: str | None, status_code: int = 200) -> HTMLResponse:
    token = secrets.token_urlsafe(32)
    response = render(request, "login.html", {"csrf_token": token, "message": message}, status_code)
    # Double-submit token: there is no session yet, so the login form's token lives in its own cookie.
    response.set_cookie(
        LOGIN_CSRF_COOKIE,
        token,
        httponly=True,
        samesite="strict",
        secure=cookie_secure(request),
        path="/moderation/login",
    )
    return response


@router.get("", response_class=RedirectResponse)
def root() -> RedirectResponse:
    return redirect("/moderation/queue")


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request) -> HTMLResponse:
    return _login_page(request, None)


@router.post("/login", response_class=HTMLResponse)
def login(
    request: Request,
    db_session: DbSession,
    email: Annotated[str, Form(max_length=320)],
    password: Annotated[str, Form(max_length=1000)],
    csrf_token: Annotated[str, Form()] = "",
) -> Response:
    """Check the password (with lockout), start a session and go to the queue."""
    cookie_token = request.cookies.get(LOGIN_CSRF_COOKIE, "")
    if not cookie_token or not secrets.compare_digest(cookie_token, csrf_token):
        return _login_page(request, "forbidden", 403)
    result = authenticate(db_session, email, password, client_ip(request))
    if result.user is None:
        db_session.commit()  # the failure counters must survive this refusal
        if result.locked_until is not None and result.locked_until > datetime.now(UTC):
            response = _login_page(request, "locked", 429)
            response.headers["Retry-After"] = str(
                int((result.locked_until - datetime.now(UTC)).total_seconds()) + 1
            )
            return response
        return _login_page(request, "bad_login", 401)
    purge_expired_sessions(db_session)  # logins are rare enough to carry the clean-up
    token, _row = open_session(db_session, result.user)
    db_session.commit()
    response = redirect("/moderation/queue")
    response.set_cookie(
        SESSION_COOKIE,
        token,
        max_age=int(SESSION_LIFETIME.total_seconds()),
        httponly=True,
        samesite="lax",
        secure=cookie_secure(request),
        path="/",
    )
    response.delete_cookie(LOGIN_CSRF_COOKIE, path="/moderation/login")
    return response


@router.post("/logout")
def logout(request: Request, db_session: DbSession, csrf_token: Annotated[str, Form()] = "") -> Response:
    auth = page_auth(request, db_session)
    check_form_csrf(auth, csrf_token)
    if auth.session_token:
        close_session(db_session, auth.session_token)
        db_session.commit()
    response = redirect("/moderation/login")
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response
