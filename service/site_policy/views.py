"""The answers of the policy endpoints and page: a site's policy, the lines in force, the change log."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel
from sqlalchemy.orm import Session

from service.config import Settings
from service.moderation.views import iso
from service.scoring.artifact import ArtifactError, read_manifest
from service.scoring.policy import Thresholds, thresholds_from
from service.scoring.registry import resolve_model_dir, serving_version
from service.site_policy.models import SitePolicyRow
from service.site_policy.rules import LABELS, SitePolicy, effective_thresholds


class PolicyOut(BaseModel):
    """A site's policy, the lines that follow from it and the model's, and who changed it last."""

    site: str
    policy: dict[str, Any]
    lines: dict[str, dict[str, float | None]]  # label -> {hold, reject, report} in force
    model_lines: dict[str, dict[str, float | None]]  # the same from the model alone
    updated_at: str | None
    updated_by: str | None
    changes: dict[str, Any] | None = None  # PUT only: field -> {before, after}


def lines_of(thresholds: Thresholds) -> dict[str, dict[str, float | None]]:
    """label -> its hold, reject and report lines (None where it has none)."""
    labels = [label for label in LABELS if label in ("spam", "toxicity") or label in thresholds.extra_hold]
    rejects = dict(thresholds.reject) | {"spam": thresholds.spam_reject}
    return {
        label: {
            "hold": thresholds.hold_line(label),
            "reject": rejects.get(label),
            "report": thresholds.report.get(label),
        }
        for label in labels
    }


def policy_view(
    db_session: Session, site: str, policy: SitePolicy, model: Thresholds | None
) -> dict[str, Any]:
    row = db_session.get(SitePolicyRow, site)
    return {
        "site": site,
        "policy": policy.model_dump(mode="json"),
        "lines": lines_of(effective_thresholds(model, policy)) if model else {},
        "model_lines": lines_of(model) if model else {},
        "updated_at": iso(row.updated_at) if row else None,
        "updated_by": row.updated_by if row else None,
    }


def model_thresholds(settings: Settings) -> Thresholds | None:
    """The lines of the model in service, from its manifest (the API never loads the model itself)."""
    try:
        manifest = read_manifest(resolve_model_dir(settings.models_dir, serving_version(settings)))
        return thresholds_from(manifest, settings)
    except (ArtifactError, ValueError):
        return None
