"""The API tokens page: every user can make tokens for newsroom tools, see them listed and revoke them."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, Response

from service.moderation.deps import Auth, DbSession
from service.moderation.tokens import create_token, list_tokens, revoke_token
from service.moderation.ui_auth import check_form_csrf, page_auth
from service.moderation.ui_render import redirect, render
from service.moderation.waiting import count_waiting

router = APIRouter(prefix="/moderation", include_in_schema=False)
PageAuth = Annotated[Auth, Depends(page_auth)]


def _tokens_page(request: Request, db_session: DbSession, auth: Auth, new_token: str | None = None):  # type: ignore[no-untyped-def]
    context = {
        "auth": auth,
        "csrf_token": auth.csrf_token,
        "new_token": new_token,
        "tokens": list_tokens(db_session, auth.principal.user_id),
        "counts": count_waiting(db_session, auth.principal),
    }
    return render(request, "tokens.html", context)


@router.get("/tokens", response_class=HTMLResponse)
def tokens_page(request: Request, db_session: DbSession, auth: PageAuth) -> HTMLResponse:
    return _tokens_page(request, db_session, auth)


@router.post("/tokens", response_class=HTMLResponse)
def tokens_create(
    request: Request,
    db_session: DbSession,
    auth: PageAuth,
    name: Annotated[str, Form(max_length=200)] = "token",
    csrf_token: Annotated[str, Form()] = "",
) -> HTMLResponse:
    """Create a token and show it once (this response is not cached: no-store)."""
    check_form_csrf(auth, csrf_token)
    plain, _row = create_token(db_session, auth.principal.user_id, name)
    db_session.commit()
    return _tokens_page(request, db_session, auth, new_token=plain)


@router.post("/tokens/{token_id}/revoke")
def tokens_revoke(
    token_id: int, db_session: DbSession, auth: PageAuth, csrf_token: Annotated[str, Form()] = ""
) -> Response:
    check_form_csrf(auth, csrf_token)
    if not revoke_token(db_session, auth.principal.user_id, token_id):
        raise HTTPException(status_code=404, detail="token not found")
    db_session.commit()
    return redirect("/moderation/tokens")
