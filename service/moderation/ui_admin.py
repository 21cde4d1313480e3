"""Pages for admins: the audit log, users and their sites, the settings in force."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy import select

from service.config import get_settings
from service.moderation.accounts import AccountError, create_user, set_active, set_sites, sites_of
from service.moderation.admin_audit import list_changes
from service.moderation.audit import AuditFilters, list_audit
from service.moderation.deps import Auth, DbSession
from service.moderation.models import User
from service.moderation.ui_auth import check_form_csrf, page_auth
from service.moderation.ui_render import redirect, render, with_params
from service.moderation.waiting import count_waiting

router = APIRouter(prefix="/moderation", include_in_schema=False)
PageAuth = Annotated[Auth, Depends(page_auth)]


def admin_page_auth(auth: PageAuth) -> Auth:
    if not auth.principal.is_admin:
        raise HTTPException(status_code=403, detail="admins only")
    return auth


AdminPageAuth = Annotated[Auth, Depends(admin_page_auth)]


def _split_sites(raw: str) -> list[str]:
    return [s.strip() for s in raw.replace("،", ",").split(",") if s.strip()]


@router.get("/audit", response_class=HTMLResponse)
def audit_page(request: Request, db_session: DbSession, auth: AdminPageAuth) -> HTMLResponse:
    """The append-only audit log, newest first."""
    params = request.query_params
    before = params.get("cursor")
    filters = AuditFilters(
        site=params.get("site") or None,
        actor=params.get("actor") or None,
        action=params.get("action") or None,
        comment_id=params.get("comment_id") or None,
        before_id=int(before) if before and before.isdigit() else None,
    )
    entries, next_cursor = list_audit(db_session, filters)
    here = str(request.url.path) + "?" + request.url.query
    context = {
        "auth": auth,
        "csrf_token": auth.csrf_token,
        "entries": entries,
        "raw": dict(params),
        "next_page": with_params(here, cursor=next_cursor) if next_cursor else None,
        "changes": list_changes(db_session, site=filters.site),
        "counts": count_waiting(db_session, auth.principal),
    }
    return render(request, "audit.html", context)


def _users_page(request: Request, db_session: DbSession, auth: Auth, message: str | None, status: int = 200):  # type: ignore[no-untyped-def]
    users = [
        {
            "id": u.id,
            "email": u.email,
            "role": u.role,
            "active": u.active,
            "sites": sites_of(db_session, u.id),
        }
        for u in db_session.scalars(select(User).order_by(User.email))
    ]
    context = {
        "auth": auth,
        "csrf_token": auth.csrf_token,
        "users": users,
        "message": message,
        "counts": count_waiting(db_session, auth.principal),
    }
    return render(request, "users.html", context, status)


@router.get("/users", response_class=HTMLResponse)
def users_page(request: Request, db_session: DbSession, auth: AdminPageAuth) -> HTMLResponse:
    return _users_page(request, db_session, auth, request.query_params.get("msg"))


@router.post("/users")
def users_create(
    request: Request,
    db_session: DbSession,
    auth: AdminPageAuth,
    email: Annotated[str, Form(max_length=320)],
    password: Annotated[str, Form(max_length=1000)],
    role: Annotated[str, Form()],
    sites: Annotated[str, Form()] = "",
    csrf_token: Annotated[str, Form()] = "",
) -> Response:
    """Create an account from the admin page."""
    check_form_csrf(auth, csrf_token)
    try:
        create_user(db_session, email=email, password=password, role=role, sites=_split_sites(sites))
    except AccountError as exc:
        db_session.rollback()
        return _users_page(request, db_session, auth, str(exc), 422)
    db_session.commit()
    return redirect("/moderation/users?msg=done")


@router.post("/users/{user_id}/sites")
def users_sites(
    user_id: int,
    db_session: DbSession,
    auth: AdminPageAuth,
    sites: Annotated[str, Form()] = "",
    csrf_token: Annotated[str, Form()] = "",
) -> Response:
    check_form_csrf(auth, csrf_token)
    if db_session.get(User, user_id) is None:
        raise HTTPException(status_code=404, detail="user not found")
    set_sites(db_session, user_id, _split_sites(sites))
    db_session.commit()
    return redirect("/moderation/users?msg=done")


@router.post("/users/{user_id}/active")
def users_active(
    user_id: int,
    db_session: DbSession,
    auth: AdminPageAuth,
    active: Annotated[str, Form()] = "",
    csrf_token: Annotated[str, Form()] = "",
) -> Response:
    """Disable or re-enable an account (admins cannot disable themselves)."""
    check_form_csrf(auth, csrf_token)
    if user_id == auth.principal.user_id:
        return redirect("/moderation/users?msg=error")
    try:
        set_active(db_session, user_id, active == "1")
    except AccountError as exc:
        raise HTTPException(status_code=404, detail="user not found") from exc
    db_session.commit()
    return redirect("/moderation/users?msg=done")


SHOWN_SETTINGS = (
    "report_hide_thresholds",
    "flag_threshold",
    "flag_window_days",
    "login_max_failures",
    "login_ip_max_failures",
    "login_delay_seconds",
    "login_max_delay_seconds",
    "login_ip_max_delay_seconds",
    "login_forget_seconds",
    "secure_cookies",
)


@router.get("/settings", response_class=HTMLResponse)
def settings_page(request: Request, db_session: DbSession, auth: AdminPageAuth) -> HTMLResponse:
    """The moderation settings in force (set through RAQIB_* environment variables; read-only here)."""
    settings = get_settings()
    values = [(name, f"RAQIB_{name.upper()}", getattr(settings, name)) for name in SHOWN_SETTINGS]
    context = {
        "auth": auth,
        "csrf_token": auth.csrf_token,
        "values": values,
        "counts": count_waiting(db_session, auth.principal),
    }
    return render(request, "settings.html", context)
