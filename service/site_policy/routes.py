"""The policy endpoints of the moderation API: read a site's policy (its moderators), change it (admins)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path

from service.config import get_settings
from service.inputs import normalize_site
from service.moderation.admin_audit import list_changes
from service.moderation.api_docs import ItemsOut, answers
from service.moderation.deps import AdminAuth, ApiAuth, DbSession
from service.site_policy.rules import SitePolicy
from service.site_policy.store import load_policy, save_policy
from service.site_policy.views import PolicyOut, model_thresholds, policy_view

router = APIRouter(prefix="/v1/moderation/sites", tags=["moderation"])

SiteName = Annotated[str, Path(min_length=1, max_length=200)]


@router.get("/{site}/policy", **answers(PolicyOut))
def get_policy(site: SiteName, db_session: DbSession, auth: ApiAuth) -> dict[str, Any]:
    """A site's policy and the lines in force (admins, and the site's moderators)."""
    name = normalize_site(site)
    if not auth.principal.may_see(name):
        raise HTTPException(status_code=403, detail="not one of your sites")
    policy = load_policy(db_session, name)
    return policy_view(db_session, name, policy, model_thresholds(get_settings()))


@router.put("/{site}/policy", **answers(PolicyOut))
def put_policy(site: SiteName, body: SitePolicy, db_session: DbSession, auth: AdminAuth) -> dict[str, Any]:
    """Replace a site's policy (admins); the next comment is decided by it, no restart needed."""
    name = normalize_site(site)
    change = save_policy(
        db_session, site=name, policy=body, actor=auth.principal.email, actor_id=auth.principal.user_id
    )
    db_session.commit()
    view = policy_view(db_session, name, change.policy, model_thresholds(get_settings()))
    return view | {"changes": change.changes}


@router.get("/{site}/changes", **answers(ItemsOut))
def get_changes(site: SiteName, db_session: DbSession, _auth: AdminAuth) -> dict[str, Any]:
    """The log of configuration changes of one site, newest first (admins)."""
    return {"items": list_changes(db_session, site=normalize_site(site))}
