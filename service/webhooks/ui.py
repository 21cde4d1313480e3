"""The webhooks admin page: each site's callback URL, secret rotation, a test event, deliveries, changes."""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session

from service.config import get_settings
from service.inputs import normalize_site
from service.moderation.admin_audit import Actor, list_changes
from service.moderation.deps import Auth, DbSession
from service.moderation.ui_admin import AdminPageAuth
from service.moderation.ui_auth import check_form_csrf
from service.moderation.ui_render import redirect, render, with_params
from service.moderation.waiting import count_waiting
from service.webhooks.delivery import list_deliveries
from service.webhooks.endpoints import (
    WebhookError,
    get_webhook,
    list_webhooks,
    rotate_secret,
    set_webhook,
)
from service.webhooks.events import forget_cached_sites, queue_test

router = APIRouter(prefix="/moderation", include_in_schema=False)
PAGE = "/moderation/webhooks"
SiteField = Annotated[str, Form(max_length=200)]
CsrfField = Annotated[str, Form()]


def _actor(auth: Auth) -> Actor:
    return Actor(auth.principal.user_id, auth.principal.email)


def _page(
    request: Request,
    db_session: Session,
    auth: Auth,
    *,
    site: str | None,
    secret: str | None = None,
    message: str | None = None,
    status: int = 200,
) -> HTMLResponse:
    chosen = get_webhook(db_session, site) if site else None
    context = {
        "auth": auth,
        "csrf_token": auth.csrf_token,
        "hooks": list_webhooks(db_session),
        "chosen": chosen,
        "new_secret": secret,
        "message": message,
        "deliveries": list_deliveries(db_session, chosen.site) if chosen else [],
        "changes": list_changes(db_session, site=chosen.site if chosen else None, limit=20),
        "counts": count_waiting(db_session, auth.principal),
    }
    return render(request, "webhooks.html", context, status)


@router.get("/webhooks", response_class=HTMLResponse)
def webhooks_page(request: Request, db_session: DbSession, auth: AdminPageAuth) -> HTMLResponse:
    """Every site's webhook; with ?site=, its deliveries and change log."""
    params = request.query_params
    return _page(request, db_session, auth, site=params.get("site"), message=params.get("msg"))


@router.post("/webhooks", response_class=HTMLResponse)
def webhooks_set(
    request: Request,
    db_session: DbSession,
    auth: AdminPageAuth,
    site: SiteField,
    url: Annotated[str, Form(max_length=4000)],
    csrf_token: CsrfField = "",
) -> Response:
    """Create or change a site's webhook; a new one's secret is shown once, in this answer only."""
    check_form_csrf(auth, csrf_token)
    try:
        hook, secret = set_webhook(db_session, site, url, actor=_actor(auth))
    except WebhookError as exc:
        db_session.rollback()
        return _page(request, db_session, auth, site=None, message=f"webhook_{exc.code}", status=422)
    db_session.commit()
    forget_cached_sites()
    if secret is None:
        return redirect(with_params(PAGE, site=hook.site, msg="done"))
    return _page(request, db_session, auth, site=hook.site, secret=secret)


@router.post("/webhooks/rotate", response_class=HTMLResponse)
def webhooks_rotate(
    request: Request, db_session: DbSession, auth: AdminPageAuth, site: SiteField, csrf_token: CsrfField = ""
) -> Response:
    """A new secret, shown once; the previous one signs too during the grace period."""
    check_form_csrf(auth, csrf_token)
    grace = timedelta(seconds=get_settings().webhook_secret_grace_seconds)
    try:
        secret = rotate_secret(db_session, site, actor=_actor(auth), grace=grace)
    except WebhookError as exc:
        db_session.rollback()
        return _page(request, db_session, auth, site=None, message=f"webhook_{exc.code}", status=404)
    db_session.commit()
    return _page(request, db_session, auth, site=normalize_site(site), secret=secret)


@router.post("/webhooks/test")
def webhooks_test(
    request: Request, db_session: DbSession, auth: AdminPageAuth, site: SiteField, csrf_token: CsrfField = ""
) -> Response:
    """Queue a webhook.test event for the site; its delivery shows in the list."""
    check_form_csrf(auth, csrf_token)
    hook = get_webhook(db_session, site)
    if hook is None:
        return _page(request, db_session, auth, site=None, message="webhook_not_found", status=404)
    queue_test(db_session, hook.site)
    db_session.commit()
    return redirect(with_params(PAGE, site=hook.site, msg="webhook_test_queued"))
