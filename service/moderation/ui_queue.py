"""The queue page, the detail panel and the plain-form actions (they work without JavaScript)."""

from __future__ import annotations

from datetime import UTC, datetime, time
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, Response

from service.moderation import actions as act_mod
from service.moderation.deps import Auth, DbSession
from service.moderation.queue import SORTS, QueueFilters, list_queue
from service.moderation.ui_auth import check_form_csrf, page_auth
from service.moderation.ui_render import redirect, render, safe_next, with_params
from service.moderation.undo import undo_last
from service.moderation.views import comment_detail, get_scoped_comment
from service.moderation.waiting import QUEUES, QueueError, count_waiting

router = APIRouter(prefix="/moderation", include_in_schema=False)
PageAuth = Annotated[Auth, Depends(page_auth)]

FILTER_FIELDS = (
    "queue",
    "site",
    "article_id",
    "status",
    "label",
    "min_score",
    "max_score",
    "created_from",
    "created_to",
    "author_hash",
    "q",
    "sort",
    "cursor",
)


def _float(raw: str | None) -> float | None:
    try:
        value = float(raw) if raw else None
    except ValueError:
        return None
    return value if value is None or 0.0 <= value <= 1.0 else None


def _day(raw: str | None, end: bool) -> datetime | None:
    try:
        day = datetime.fromisoformat(raw).date() if raw else None
    except ValueError:
        return None
    return datetime.combine(day, time.max if end else time.min, tzinfo=UTC) if day else None


def filters_from(raw: dict[str, str]) -> QueueFilters:
    """Queue filters from the page's query string; values that do not parse are ignored."""
    return QueueFilters(
        queue=raw.get("queue") if raw.get("queue") in QUEUES else "waiting",
        site=raw.get("site") or None,
        article_id=raw.get("article_id") or None,
        status=raw.get("status") or None,
        label=raw.get("label") or None,
        min_score=_float(raw.get("min_score")),
        max_score=_float(raw.get("max_score")),
        created_from=_day(raw.get("created_from"), end=False),
        created_to=_day(raw.get("created_to"), end=True),
        author_hash=raw.get("author_hash") or None,
        q=raw.get("q") or None,
        sort=raw.get("sort") if raw.get("sort") in SORTS else "toxic",
        cursor=raw.get("cursor") or None,
        limit=50,
    )


def _not_found(request: Request) -> HTMLResponse:
    return render(request, "error.html", {"message": "not_found"}, status_code=404)


def panel_context(db_session: DbSession, auth: Auth, comment_id: str, back: str) -> dict[str, Any] | None:
    comment = get_scoped_comment(db_session, auth.principal, comment_id)
    if comment is None:
        return None
    return {
        "c": comment_detail(db_session, auth.principal, comment),
        "csrf_token": auth.csrf_token,
        "back": back,
    }


@router.get("/queue", response_class=HTMLResponse)
def queue_page(request: Request, db_session: DbSession, auth: PageAuth) -> HTMLResponse:
    """The queue with its filters, and the detail of the selected comment."""
    raw = {k: v for k, v in request.query_params.items() if k in FILTER_FIELDS}
    here = with_params(str(request.url.path) + "?" + request.url.query, msg=None, lang=None)
    try:
        page = list_queue(db_session, auth.principal, filters_from(raw))
    except QueueError:
        page = list_queue(db_session, auth.principal, filters_from({**raw, "cursor": ""}))
    ids = [item["id"] for item in page.items]
    selected = request.query_params.get("selected") or (ids[0] if ids else None)
    panel = None
    if selected:
        # After acting on the selected comment, the no-JS form lands on its neighbour in the list.
        pos = ids.index(selected) if selected in ids else -1
        neighbour = ids[pos + 1] if 0 <= pos < len(ids) - 1 else (ids[pos - 1] if pos > 0 else None)
        panel = panel_context(db_session, auth, selected, with_params(here, selected=neighbour))
        if panel is None:
            return _not_found(request)
    context = {
        "auth": auth,
        "csrf_token": auth.csrf_token,
        "items": page.items,
        "raw": raw,
        "selected": selected,
        "panel": panel,
        "here": here,
        "next_page": with_params(here, cursor=page.next_cursor, selected=None) if page.next_cursor else None,
        "counts": count_waiting(db_session, auth.principal),
        "queues": QUEUES,
        "sorts": SORTS,
        "msg": request.query_params.get("msg"),
    }
    return render(request, "queue.html", context)


@router.get("/comments/{comment_id}/panel", response_class=HTMLResponse)
def panel_fragment(comment_id: str, request: Request, db_session: DbSession, auth: PageAuth) -> HTMLResponse:
    """Just the detail panel, for the keyboard navigation script."""
    back = safe_next(request.query_params.get("back"))
    panel = panel_context(db_session, auth, comment_id, back)
    if panel is None:
        return _not_found(request)
    return render(request, "_panel.html", {"panel": panel, "csrf_token": auth.csrf_token})


@router.get("/comments/{comment_id}", response_class=HTMLResponse)
def comment_page(comment_id: str, request: Request, db_session: DbSession, auth: PageAuth) -> Response:
    if get_scoped_comment(db_session, auth.principal, comment_id) is None:
        return _not_found(request)
    return redirect(f"/moderation/queue?queue=all&selected={comment_id}")


@router.post("/comments/{comment_id}/action")
def comment_action(
    comment_id: str,
    request: Request,
    db_session: DbSession,
    auth: PageAuth,
    action: Annotated[str, Form()],
    csrf_token: Annotated[str, Form()] = "",
    note: Annotated[str, Form(max_length=2000)] = "",
    expected_status: Annotated[str, Form()] = "",
    expected_version: Annotated[str, Form()] = "",
    next: Annotated[str, Form()] = "",
) -> Response:
    """One action from the detail panel's form; a conflict sends the moderator back to the comment."""
    check_form_csrf(auth, csrf_token)
    target = safe_next(next)
    if action not in act_mod.ACTIONS:
        return redirect(with_params(target, msg="error"))
    version = int(expected_version) if expected_version.isdigit() else None
    expected = act_mod.Expected(status=expected_status or None, version=version)
    try:
        act_mod.act(db_session, auth.principal, comment_id, action, note=note, expected=expected)
    except act_mod.NotFound:
        return _not_found(request)
    except act_mod.Conflict:
        return redirect(with_params(target, selected=comment_id, msg="conflict"))
    db_session.commit()
    return redirect(with_params(target, msg="done"))


@router.post("/bulk")
def bulk_action(
    db_session: DbSession,
    auth: PageAuth,
    action: Annotated[str, Form()],
    ids: Annotated[list[str], Form()] = [],  # noqa: B006 - FastAPI copies form defaults
    csrf_token: Annotated[str, Form()] = "",
    next: Annotated[str, Form()] = "",
) -> Response:
    """A bulk action on the ticked comments."""
    check_form_csrf(auth, csrf_token)
    target = safe_next(next)
    if action not in act_mod.ACTIONS or not ids:
        return redirect(with_params(target, msg="error"))
    act_mod.act_many(db_session, auth.principal, ids[: act_mod.MAX_BULK], action)
    db_session.commit()
    return redirect(with_params(target, msg="done", selected=None))


@router.post("/undo")
def undo_action(
    db_session: DbSession,
    auth: PageAuth,
    csrf_token: Annotated[str, Form()] = "",
    next: Annotated[str, Form()] = "",
) -> Response:
    check_form_csrf(auth, csrf_token)
    target = safe_next(next)
    try:
        results = undo_last(db_session, auth.principal)
    except act_mod.NotFound:
        return redirect(with_params(target, msg="nothing_to_undo"))
    db_session.commit()
    ok = [r for r in results if r["ok"]]
    if not ok:
        return redirect(with_params(target, msg="conflict"))
    return redirect(with_params(target, msg="done", selected=ok[0]["id"]))
