"""The moderation API under /v1/moderation: queue, count, detail, actions, bulk actions and undo."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, HTTPException, Query
from fastapi.responses import JSONResponse

from service.moderation import actions as act_mod
from service.moderation.api_docs import (
    ActionOut,
    BulkOut,
    ConflictOut,
    CountOut,
    ModerationCommentOut,
    QueuePageOut,
    UndoOut,
    answers,
)
from service.moderation.deps import ApiAuth, DbSession
from service.moderation.queue import QueueFilters, list_queue
from service.moderation.schemas import ActionBody, BulkBody
from service.moderation.undo import undo_last
from service.moderation.views import comment_detail, get_scoped_comment
from service.moderation.waiting import QueueError, count_waiting

router = APIRouter(prefix="/v1/moderation", tags=["moderation"])

CONFLICT_DOC = {"model": ConflictOut, "description": "Changed by someone else since it was read"}
ActionName = Literal["approve", "reject", "spam", "not_spam", "toxic", "not_toxic"]


def conflict_response(current: dict[str, Any]) -> JSONResponse:
    return JSONResponse(status_code=409, content={"detail": "conflict", "current": current})


@router.get("/queue", **answers(QueuePageOut))
def get_queue(
    db_session: DbSession,
    auth: ApiAuth,
    queue: str = "waiting",
    site: str | None = None,
    article_id: str | None = None,
    status: str | None = None,
    label: str | None = None,
    min_score: Annotated[float | None, Query(ge=0, le=1)] = None,
    max_score: Annotated[float | None, Query(ge=0, le=1)] = None,
    created_from: datetime | None = None,
    created_to: datetime | None = None,
    author_hash: str | None = None,
    q: str | None = None,
    sort: str = "toxic",
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    cursor: str | None = None,
) -> dict[str, Any]:
    """List waiting comments (held, flagged, reported) with filters, sorted, paged by cursor."""
    filters = QueueFilters(
        queue=queue,
        site=site,
        article_id=article_id,
        status=status,
        label=label,
        min_score=min_score,
        max_score=max_score,
        created_from=created_from,
        created_to=created_to,
        author_hash=author_hash,
        q=q,
        sort=sort,
        limit=limit,
        cursor=cursor,
    )
    try:
        page = list_queue(db_session, auth.principal, filters)
    except QueueError as exc:
        raise HTTPException(status_code=422, detail=str(exc)) from exc
    return {"items": page.items, "next_cursor": page.next_cursor}


@router.get("/count", **answers(CountOut))
def get_count(db_session: DbSession, auth: ApiAuth) -> dict[str, int]:
    """How many comments wait, per queue (polled by the UI's live counter)."""
    return count_waiting(db_session, auth.principal)


@router.get("/comments/{comment_id}", **answers(ModerationCommentOut))
def get_comment(comment_id: str, db_session: DbSession, auth: ApiAuth) -> dict[str, Any]:
    """Detail of one comment: masked body, scores, spans, parent, author history, audit entries."""
    comment = get_scoped_comment(db_session, auth.principal, comment_id)
    if comment is None:
        raise HTTPException(status_code=404, detail="comment not found")
    return comment_detail(db_session, auth.principal, comment)


@router.post("/comments/{comment_id}/{action}", **answers(ActionOut, **{"409": CONFLICT_DOC}))
def post_action(
    comment_id: str, action: ActionName, db_session: DbSession, auth: ApiAuth, body: ActionBody | None = None
) -> dict[str, Any] | JSONResponse:
    """Approve, reject, mark spam / not spam, toxic / not toxic; 409 with the current state on a conflict."""
    body = body or ActionBody()
    expected = act_mod.Expected(status=body.expected_status, version=body.expected_version)
    try:
        entry = act_mod.act(db_session, auth.principal, comment_id, action, note=body.note, expected=expected)
    except act_mod.NotFound as exc:
        raise HTTPException(status_code=404, detail="comment not found") from exc
    except act_mod.Conflict as exc:
        return conflict_response(exc.current)
    db_session.commit()
    return {
        "id": comment_id,
        "action": action,
        "status": entry.after_status,
        "version": entry.seq,
        "audit_id": entry.id,
    }


@router.post("/bulk", **answers(BulkOut))
def post_bulk(body: BulkBody, db_session: DbSession, auth: ApiAuth) -> dict[str, Any]:
    """One action on many comments; per-comment results (ok, not_found, conflict)."""
    if body.action not in act_mod.ACTIONS:
        raise HTTPException(status_code=422, detail=f"unknown action {body.action!r}")
    expected = {k: act_mod.Expected(status=v.status, version=v.version) for k, v in body.expected.items()}
    results = act_mod.act_many(
        db_session, auth.principal, body.ids, body.action, note=body.note, expected=expected
    )
    db_session.commit()
    return {"action": body.action, "results": results}


@router.post("/undo", **answers(UndoOut, **{"409": CONFLICT_DOC}))
def post_undo(db_session: DbSession, auth: ApiAuth) -> dict[str, Any] | JSONResponse:
    """Undo the caller's last action (a whole bulk action at once); 409 if someone acted since."""
    try:
        results = undo_last(db_session, auth.principal)
    except act_mod.NotFound as exc:
        raise HTTPException(status_code=404, detail="nothing to undo") from exc
    db_session.commit()
    if results and not any(r["ok"] for r in results):
        conflicts = [r["current"] for r in results if r["error"] == "conflict"]
        if conflicts:
            return conflict_response(conflicts[0])
    return {"results": results}
