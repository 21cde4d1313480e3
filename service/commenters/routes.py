"""Commenter endpoints of the moderation API: an author's page, actions on them, and undo."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path

from service.commenters.history import author_history
from service.commenters.record import action_view
from service.commenters.schemas import AUTHOR_HASH, AuthorActionBody, AuthorActionOut, AuthorOut
from service.commenters.standing import (
    NotYours,
    StandingChanged,
    StandingError,
    act_on_author,
    undo_author_action,
)
from service.inputs import DB_INT_MAX, normalize_site
from service.moderation.api_docs import answers
from service.moderation.deps import ApiAuth, DbSession

router = APIRouter(prefix="/v1/moderation", tags=["moderation"])

AuthorHash = Annotated[str, Path(pattern=AUTHOR_HASH)]


def _http(exc: StandingError) -> HTTPException:
    if isinstance(exc, NotYours):
        return HTTPException(status_code=404, detail="author not found")
    if isinstance(exc, StandingChanged):
        return HTTPException(status_code=409, detail="the standing changed since; reload")
    return HTTPException(status_code=422, detail=str(exc))


@router.get("/authors/{author_hash}", **answers(AuthorOut))
def get_author(author_hash: AuthorHash, db_session: DbSession, auth: ApiAuth) -> dict[str, Any]:
    """A commenter on your sites: history, standing, moderators' actions and notes."""
    try:
        return author_history(db_session, auth.principal, author_hash)
    except StandingError as exc:
        raise _http(exc) from exc


@router.post("/authors/{author_hash}/actions", status_code=201, **answers(AuthorActionOut, 201))
def post_author_action(
    author_hash: AuthorHash, body: AuthorActionBody, db_session: DbSession, auth: ApiAuth
) -> dict[str, Any]:
    """Ban (optionally rejecting pending comments), suspend until a date, warn, trust, or note a commenter."""
    try:
        entry = act_on_author(
            db_session,
            auth.principal,
            site=normalize_site(body.site),
            author_hash=author_hash,
            kind=body.action,
            note=body.note,
            until=body.until,
            reject_pending=body.reject_pending,
        )
    except StandingError as exc:
        raise _http(exc) from exc
    db_session.commit()
    return action_view(entry)


@router.post("/author-actions/{action_id}/undo", **answers(AuthorActionOut))
def post_author_undo(
    action_id: Annotated[int, Path(ge=0, le=DB_INT_MAX)], db_session: DbSession, auth: ApiAuth
) -> dict[str, Any]:
    """Undo an action on a commenter: the standing before it comes back."""
    try:
        entry = undo_author_action(db_session, auth.principal, action_id)
    except StandingError as exc:
        raise _http(exc) from exc
    db_session.commit()
    return action_view(entry)
