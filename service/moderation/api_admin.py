"""The admin and account side of the moderation API: audit log, labels, users, the caller's API tokens."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path, Query
from sqlalchemy import select

from service.inputs import DB_INT_MAX
from service.moderation.accounts import AccountError, create_user, set_active, set_sites, sites_of
from service.moderation.api_docs import (
    ActiveOut,
    AuditPageOut,
    ItemsOut,
    MeOut,
    SitesOut,
    TokenCreatedOut,
    UserOut,
    answers,
)
from service.moderation.audit import AuditFilters, list_audit
from service.moderation.deps import AdminAuth, ApiAuth, DbSession
from service.moderation.labels_export import export_labels
from service.moderation.models import User
from service.moderation.schemas import ActiveBody, SitesBody, TokenBody, UserBody
from service.moderation.tokens import create_token, list_tokens, revoke_token
from service.moderation.views import iso

router = APIRouter(prefix="/v1/moderation", tags=["moderation"])

RowId = Annotated[int, Path(ge=0, le=DB_INT_MAX)]


@router.get("/audit", **answers(AuditPageOut))
def get_audit(
    db_session: DbSession,
    _auth: AdminAuth,
    site: str | None = None,
    actor: str | None = None,
    action: str | None = None,
    comment_id: str | None = None,
    created_from: datetime | None = None,
    created_to: datetime | None = None,
    cursor: Annotated[int | None, Query(ge=0, le=DB_INT_MAX)] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> dict[str, Any]:
    """The audit log, newest first (admins)."""
    filters = AuditFilters(
        site=site,
        actor=actor,
        action=action,
        comment_id=comment_id,
        created_from=created_from,
        created_to=created_to,
        before_id=cursor,
        limit=limit,
    )
    entries, next_cursor = list_audit(db_session, filters)
    return {"items": entries, "next_cursor": next_cursor}


@router.get("/labels", **answers(ItemsOut))
def get_labels(db_session: DbSession, _auth: AdminAuth) -> dict[str, Any]:
    """Moderator labels for retraining (admins)."""
    return {"items": export_labels(db_session).rows}


@router.get("/me", **answers(MeOut))
def get_me(db_session: DbSession, auth: ApiAuth) -> dict[str, Any]:
    p = auth.principal
    return {
        "id": p.user_id,
        "email": p.email,
        "role": p.role,
        "sites": None if p.sites is None else sorted(p.sites),
    }


@router.get("/tokens", **answers(ItemsOut))
def get_tokens(db_session: DbSession, auth: ApiAuth) -> dict[str, Any]:
    rows = list_tokens(db_session, auth.principal.user_id)
    return {
        "items": [
            {
                "id": t.id,
                "name": t.name,
                "prefix": t.prefix,
                "created_at": iso(t.created_at),
                "last_used_at": iso(t.last_used_at),
                "revoked_at": iso(t.revoked_at),
            }
            for t in rows
        ]
    }


@router.post("/tokens", status_code=201, **answers(TokenCreatedOut, 201))
def post_token(body: TokenBody, db_session: DbSession, auth: ApiAuth) -> dict[str, Any]:
    """Create an API token; the value is in this response only."""
    plain, row = create_token(db_session, auth.principal.user_id, body.name)
    db_session.commit()
    return {"id": row.id, "name": row.name, "prefix": row.prefix, "token": plain}


@router.delete("/tokens/{token_id}", status_code=204)
def delete_token(token_id: RowId, db_session: DbSession, auth: ApiAuth) -> None:
    if not revoke_token(db_session, auth.principal.user_id, token_id):
        raise HTTPException(status_code=404, detail="token not found")
    db_session.commit()


@router.get("/users", **answers(ItemsOut))
def get_users(db_session: DbSession, _auth: AdminAuth) -> dict[str, Any]:
    users = db_session.scalars(select(User).order_by(User.email))
    return {
        "items": [
            {
                "id": u.id,
                "email": u.email,
                "role": u.role,
                "active": u.active,
                "sites": sites_of(db_session, u.id),
            }
            for u in users
        ]
    }


@router.post("/users", status_code=201, **answers(UserOut, 201))
def post_user(body: UserBody, db_session: DbSession, _auth: AdminAuth) -> dict[str, Any]:
    try:
        user = create_user(
            db_session, email=body.email, password=body.password, role=body.role, sites=body.sites
        )
    except AccountError as exc:
        raise HTTPException(status_code=422, detail=str(exc)) from exc
    db_session.commit()
    return {"id": user.id, "email": user.email, "role": user.role, "sites": sites_of(db_session, user.id)}


@router.put("/users/{user_id}/sites", **answers(SitesOut))
def put_sites(user_id: RowId, body: SitesBody, db_session: DbSession, _auth: AdminAuth) -> dict[str, Any]:
    if db_session.get(User, user_id) is None:
        raise HTTPException(status_code=404, detail="user not found")
    sites = set_sites(db_session, user_id, body.sites)
    db_session.commit()
    return {"id": user_id, "sites": sites}


@router.put("/users/{user_id}/active", **answers(ActiveOut))
def put_active(user_id: RowId, body: ActiveBody, db_session: DbSession, auth: AdminAuth) -> dict[str, Any]:
    """Disable or re-enable an account (admins cannot disable themselves)."""
    if user_id == auth.principal.user_id:
        raise HTTPException(status_code=422, detail="you cannot disable your own account")
    try:
        set_active(db_session, user_id, body.active)
    except AccountError as exc:
        raise HTTPException(status_code=404, detail="user not found") from exc
    db_session.commit()
    return {"id": user_id, "active": body.active}
