"""The term lists in the moderation admin API (admins): list, add and remove a site's terms, and read the
log of admins' changes."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query
from pydantic import BaseModel, ConfigDict, Field

from service.comments.errors import ApiError, FieldError
from service.inputs import DB_INT_MAX, SafeLine
from service.moderation.admin_audit import list_changes
from service.moderation.api_docs import ItemsOut, answers
from service.moderation.deps import AdminAuth, DbSession
from service.moderation.schemas import Site
from service.terms.lists import TERM_MAX_CHARS, TermError, add_term, list_terms, remove_term, term_view

router = APIRouter(prefix="/v1/moderation", tags=["moderation"])
_CODES = {"no_word": "term_no_word", "duplicate": "term_duplicate", "not_found": "term_not_found"}


class TermBody(BaseModel):
    """A term for a site's banned list (its comments are rejected) or suspect list (held)."""

    model_config = ConfigDict(extra="forbid")

    site: Site
    kind: Literal["banned", "suspect"]
    term: Annotated[SafeLine, Field(min_length=1, max_length=TERM_MAX_CHARS)]


class TermOut(BaseModel):
    id: int
    site: str
    kind: str
    term: str
    created_by: str
    created_at: str | None


def _api_error(exc: TermError) -> ApiError:
    status = {"not_found": 404, "duplicate": 409}.get(exc.code, 422)
    return ApiError(status, [FieldError(exc.field, _CODES.get(exc.code, "invalid_value"))])


@router.get("/terms", **answers(ItemsOut))
def get_terms(
    db_session: DbSession, _auth: AdminAuth, site: Annotated[SafeLine, Query(max_length=200)]
) -> dict[str, Any]:
    """A site's banned and suspect terms."""
    return {"items": list_terms(db_session, site=site)}


@router.post("/terms", status_code=201, **answers(TermOut, 201))
def post_term(body: TermBody, db_session: DbSession, auth: AdminAuth) -> dict[str, Any]:
    """Add a term; it applies to the next comment scored (within RAQIB_TERM_LISTS_CACHE_SECONDS)."""
    try:
        row = add_term(db_session, principal=auth.principal, site=body.site, kind=body.kind, term=body.term)
    except TermError as exc:
        db_session.rollback()
        raise _api_error(exc) from None
    db_session.commit()
    return term_view(row)


@router.delete("/terms/{term_id}", status_code=204)
def delete_term(
    term_id: Annotated[int, Path(ge=0, le=DB_INT_MAX)], db_session: DbSession, auth: AdminAuth
) -> None:
    try:
        remove_term(db_session, principal=auth.principal, term_id=term_id)
    except TermError as exc:
        raise _api_error(exc) from None
    db_session.commit()


@router.get("/admin-changes", **answers(ItemsOut))
def get_admin_changes(
    db_session: DbSession,
    _auth: AdminAuth,
    site: Annotated[SafeLine | None, Query(max_length=200)] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> dict[str, Any]:
    """Admins' changes to term lists (and other stored settings), newest first, with before and after."""
    return {"items": list_changes(db_session, site=site, limit=limit)}
