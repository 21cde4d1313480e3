"""The term lists' admin page: a site's banned and suspect terms, added and removed with CSRF-checked forms,
and the site's recent changes from the admins' log."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, Response

from service.inputs import normalize_site, text_problem
from service.moderation.admin_audit import list_changes
from service.moderation.deps import Auth, DbSession
from service.moderation.ui_admin import AdminPageAuth
from service.moderation.ui_auth import check_form_csrf
from service.moderation.ui_render import redirect, render, with_params
from service.moderation.waiting import count_waiting
from service.terms.lists import TERM_MAX_CHARS, TermError, add_term, list_terms, remove_term

router = APIRouter(prefix="/moderation", include_in_schema=False)


def _page(
    request: Request, db_session: DbSession, auth: Auth, site: str, message: str | None, status: int = 200
) -> HTMLResponse:
    site = normalize_site(site) if site and not text_problem(site) else ""
    context = {
        "auth": auth,
        "csrf_token": auth.csrf_token,
        "site": site,
        "terms": list_terms(db_session, site=site) if site else [],
        "changes": list_changes(db_session, site=site, limit=20) if site else [],
        "message": message,
        "term_max": TERM_MAX_CHARS,
        "counts": count_waiting(db_session, auth.principal),
    }
    return render(request, "terms.html", context, status)


@router.get("/terms", response_class=HTMLResponse)
def terms_page(request: Request, db_session: DbSession, auth: AdminPageAuth) -> HTMLResponse:
    params = request.query_params
    return _page(request, db_session, auth, params.get("site", ""), params.get("msg"))


@router.post("/terms")
def terms_add(
    request: Request,
    db_session: DbSession,
    auth: AdminPageAuth,
    site: Annotated[str, Form(max_length=200)],
    term: Annotated[str, Form(max_length=TERM_MAX_CHARS)],
    kind: Annotated[str, Form(max_length=10)],
    csrf_token: Annotated[str, Form()] = "",
) -> Response:
    """Add a term from the admin page."""
    check_form_csrf(auth, csrf_token)
    if text_problem(site) or text_problem(term):
        return _page(request, db_session, auth, "", "term_invalid", 422)
    try:
        add_term(db_session, principal=auth.principal, site=site, kind=kind, term=term)
    except TermError as exc:
        db_session.rollback()
        return _page(request, db_session, auth, site, f"term_{exc.code}", 422)
    db_session.commit()
    return redirect(with_params("/moderation/terms", site=normalize_site(site), msg="done"))


@router.post("/terms/{term_id}/delete")
def terms_remove(
    term_id: int,
    db_session: DbSession,
    auth: AdminPageAuth,
    csrf_token: Annotated[str, Form()] = "",
) -> Response:
    check_form_csrf(auth, csrf_token)
    try:
        removed = remove_term(db_session, principal=auth.principal, term_id=term_id)
    except TermError:
        return redirect("/moderation/terms?msg=term_not_found")
    db_session.commit()
    return redirect(with_params("/moderation/terms", site=removed["site"], msg="done"))
