"""The author page of the moderator workspace: a commenter's history on your sites, and actions on them."""

from __future__ import annotations

from datetime import UTC, datetime, time
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, HTTPException, Path, Request
from fastapi.responses import HTMLResponse, Response

from service.commenters.history import author_history
from service.commenters.models import AuthorAction
from service.commenters.schemas import AUTHOR_HASH
from service.commenters.standing import (
    AuthorActionKind,
    StandingChanged,
    StandingError,
    act_on_author,
    undo_author_action,
)
from service.inputs import DB_INT_MAX, normalize_site, text_problem
from service.moderation.deps import Auth, DbSession
from service.moderation.ui_auth import check_form_csrf, page_auth
from service.moderation.ui_render import redirect, render
from service.moderation.waiting import count_waiting

router = APIRouter(prefix="/moderation", include_in_schema=False)
PageAuth = Annotated[Auth, Depends(page_auth)]
AuthorHash = Annotated[str, Path(pattern=AUTHOR_HASH)]


def _page(
    request: Request,
    db_session: DbSession,
    auth: Auth,
    author_hash: str,
    message: str | None,
    status: int = 200,
) -> HTMLResponse:
    try:
        history = author_history(db_session, auth.principal, author_hash)
    except StandingError as exc:
        raise HTTPException(status_code=404, detail="author not found") from exc
    context: dict[str, Any] = {
        "auth": auth,
        "csrf_token": auth.csrf_token,
        "a": history,
        "kinds": list(AuthorActionKind),
        "message": message,
        "counts": count_waiting(db_session, auth.principal),
    }
    return render(request, "author.html", context, status)


@router.get("/authors/{author_hash}", response_class=HTMLResponse)
def author_page(
    author_hash: AuthorHash, request: Request, db_session: DbSession, auth: PageAuth
) -> HTMLResponse:
    return _page(request, db_session, auth, author_hash, request.query_params.get("msg"))


def _until(raw: str) -> datetime | None:
    """A date from the form's date field: the suspension lasts to the end of that day (UTC)."""
    if not raw:
        return None
    try:
        day = datetime.strptime(raw, "%Y-%m-%d").date()
    except ValueError as exc:
        raise StandingError("until: not a date (YYYY-MM-DD)") from exc
    return datetime.combine(day, time.max, tzinfo=UTC)


def _back(author_hash: str, msg: str) -> Response:
    return redirect(f"/moderation/authors/{author_hash}?" + urlencode({"msg": msg}))


@router.post("/authors/{author_hash}/actions")
async def author_act(
    author_hash: AuthorHash, request: Request, db_session: DbSession, auth: PageAuth
) -> Response:
    """The page's forms: one action on the author for one site."""
    form = {k: str(v) for k, v in (await request.form()).items()}
    check_form_csrf(auth, form.get("csrf_token", ""))
    note = form.get("note", "")[:2000]
    try:
        if text_problem(note, multiline=True):
            raise StandingError("note: characters that are not allowed")
        kind = AuthorActionKind(form.get("action", ""))
        act_on_author(
            db_session,
            auth.principal,
            site=normalize_site(form.get("site", "")),
            author_hash=author_hash,
            kind=kind,
            note=note,
            until=_until(form.get("until", "")),
            reject_pending=bool(form.get("reject_pending")),
        )
    except ValueError:  # StandingError, or an unknown action
        db_session.rollback()
        return _page(request, db_session, auth, author_hash, "author_action_refused", 422)
    db_session.commit()
    return _back(author_hash, "done")


@router.post("/author-actions/{action_id}/undo")
async def author_undo(
    action_id: Annotated[int, Path(ge=0, le=DB_INT_MAX)],
    request: Request,
    db_session: DbSession,
    auth: PageAuth,
) -> Response:
    form = await request.form()
    check_form_csrf(auth, str(form.get("csrf_token", "")))
    try:
        entry = undo_author_action(db_session, auth.principal, action_id)
    except StandingChanged:
        db_session.rollback()
        target = db_session.get(AuthorAction, action_id)
        return _back(target.author_hash if target else "", "standing_changed")
    except StandingError as exc:
        raise HTTPException(status_code=404, detail="action not found") from exc
    db_session.commit()
    return _back(entry.author_hash, "done")
