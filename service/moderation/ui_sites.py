"""The sites page for admins: register a site (its key shown once), rotate a key with a grace period,
revoke a site. The same operations as ``raqib sites``, through :mod:`service.sites.registry`; audited."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse

from service.config import get_settings
from service.moderation.admin_audit import Actor, list_changes
from service.moderation.deps import Auth, DbSession
from service.moderation.ui_admin import AdminPageAuth
from service.moderation.ui_auth import check_form_csrf
from service.moderation.ui_render import render
from service.moderation.waiting import count_waiting
from service.sites.registry import SiteError, create_site, list_sites, revoke_site, rotate_key

router = APIRouter(prefix="/moderation", include_in_schema=False)
# Grace periods offered on the page, in seconds; the settings' default is preselected.
GRACE_CHOICES = (0, 3600, 86400, 7 * 86400)


def _actor(auth: Auth) -> Actor:
    return Actor(auth.principal.user_id, auth.principal.email)


def _page(
    request: Request,
    db_session: DbSession,
    auth: Auth,
    *,
    new_key: dict[str, str] | None = None,
    error: str | None = None,
    status: int = 200,
) -> HTMLResponse:
    default_grace = get_settings().site_key_grace_seconds
    context: dict[str, Any] = {
        "auth": auth,
        "csrf_token": auth.csrf_token,
        "sites": list_sites(db_session),
        "new_key": new_key,
        "error": error,
        "grace_choices": sorted({*GRACE_CHOICES, default_grace}),
        "default_grace": default_grace,
        "changes": list_changes(db_session, limit=20),
        "counts": count_waiting(db_session, auth.principal),
    }
    return render(request, "sites.html", context, status)


def _apply(
    request: Request,
    db_session: DbSession,
    auth: Auth,
    csrf_token: str,
    change: Callable[[Actor], dict[str, str] | None],
) -> HTMLResponse:
    """Run one registry change as this admin: CSRF first, a refusal shown on the page, else committed; a
    change that made a key returns ``{"site", "key"}`` and the page shows that key once."""
    check_form_csrf(auth, csrf_token)
    try:
        new_key = change(_actor(auth))
    except SiteError as exc:
        db_session.rollback()
        return _page(request, db_session, auth, error=f"site_error_{exc.code}", status=422)
    db_session.commit()
    return _page(request, db_session, auth, new_key=new_key)


@router.get("/sites", response_class=HTMLResponse)
def sites_page(request: Request, db_session: DbSession, auth: AdminPageAuth) -> HTMLResponse:
    return _page(request, db_session, auth)


@router.post("/sites", response_class=HTMLResponse)
def sites_create(
    request: Request,
    db_session: DbSession,
    auth: AdminPageAuth,
    name: Annotated[str, Form(max_length=400)],
    title: Annotated[str, Form(max_length=400)] = "",
    csrf_token: Annotated[str, Form()] = "",
) -> HTMLResponse:
    """Register a site; the answer shows its key once (pages are never cached: no-store)."""

    def change(actor: Actor) -> dict[str, str]:
        site, key = create_site(db_session, actor, name, title=title)
        return {"site": site.name, "key": key}

    return _apply(request, db_session, auth, csrf_token, change)


@router.post("/sites/rotate", response_class=HTMLResponse)
def sites_rotate(
    request: Request,
    db_session: DbSession,
    auth: AdminPageAuth,
    name: Annotated[str, Form(max_length=400)],
    grace_seconds: Annotated[int, Form(ge=0, le=365 * 86400)],
    csrf_token: Annotated[str, Form()] = "",
) -> HTMLResponse:
    """A new key for the site, shown once; the old one works for the chosen grace period."""

    def change(actor: Actor) -> dict[str, str]:
        return {"site": name, "key": rotate_key(db_session, actor, name, grace_seconds=grace_seconds)}

    return _apply(request, db_session, auth, csrf_token, change)


@router.post("/sites/revoke", response_class=HTMLResponse)
def sites_revoke(
    request: Request,
    db_session: DbSession,
    auth: AdminPageAuth,
    name: Annotated[str, Form(max_length=400)],
    csrf_token: Annotated[str, Form()] = "",
) -> HTMLResponse:
    return _apply(request, db_session, auth, csrf_token, lambda actor: revoke_site(db_session, actor, name))
