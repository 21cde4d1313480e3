"""Where sites' policies are kept: read at decision time (no cache, so a change applies to the next comment),
written with an entry in the change log."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, select
from sqlalchemy.orm import Session

from service.comments.models import utcnow
from service.inputs import normalize_site
from service.moderation.admin_audit import Actor, record_change
from service.site_policy.models import SitePolicyRow
from service.site_policy.rules import DEFAULT_POLICY, SitePolicy, policy_diff

_POLICIES = SitePolicyRow.__table__


def load_policy(conn: Connection | Session, site: str) -> SitePolicy:
    """The site's policy, or the defaults when it never set one (one primary-key read)."""
    raw = conn.execute(select(_POLICIES.c.policy).where(_POLICIES.c.site == site)).scalar_one_or_none()
    return DEFAULT_POLICY if raw is None else SitePolicy.model_validate(raw)


@dataclass(frozen=True)
class PolicyChange:
    policy: SitePolicy
    changes: dict[str, dict[str, Any]]  # field -> {before, after}; empty when nothing changed


def save_policy(
    db_session: Session, *, site: str, policy: SitePolicy, actor: str, actor_id: int | None
) -> PolicyChange:
    """Store ``policy`` as the site's; the change log gets before/after of each changed field. The caller
    commits."""
    site = normalize_site(site)
    row = db_session.get(SitePolicyRow, site, with_for_update=True)
    before = DEFAULT_POLICY if row is None else SitePolicy.model_validate(row.policy)
    changes = policy_diff(before, policy)
    if not changes:
        return PolicyChange(before, {})
    if row is None:
        row = SitePolicyRow(site=site)
        db_session.add(row)
    row.policy = policy.model_dump(mode="json")
    row.updated_at = utcnow()
    row.updated_by = actor
    record_change(
        db_session,
        Actor(actor_id, actor),
        "policy.update",
        site=site,
        before={name: diff["before"] for name, diff in changes.items()},
        after={name: diff["after"] for name, diff in changes.items()},
    )
    db_session.flush()
    return PolicyChange(policy, changes)
