"""The policy page of the moderator workspace (admins): a site's lines, mode, hold rules and changes."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, Response
from pydantic import ValidationError

from service.config import get_settings
from service.inputs import normalize_site
from service.moderation.admin_audit import list_changes
from service.moderation.deps import Auth, DbSession
from service.moderation.ui_admin import AdminPageAuth
from service.moderation.ui_auth import check_form_csrf
from service.moderation.ui_render import redirect, render
from service.moderation.waiting import count_waiting
from service.signals.actions import SIGNALS, Action
from service.site_policy.rules import LABELS, Mode, SitePolicy, UnscoredAction
from service.site_policy.store import load_policy, save_policy
from service.site_policy.views import model_thresholds, policy_view

router = APIRouter(prefix="/moderation", include_in_schema=False)
# Fields the page shows as plain inputs, kept as they are when left blank (the API sets them too).
KEPT_FIELDS = (
    "trust_after_published",
    "trusted_margin",
    "premoderate_rejection_rate",
    "rejection_window",
)


def policy_from_form(form: dict[str, str]) -> SitePolicy:
    """The policy a submitted form describes; blank line fields keep the model's line."""
    lines: dict[str, dict[str, str]] = {"hold": {}, "reject": {}}
    for kind in lines:
        for label in LABELS:
            value = form.get(f"{kind}_{label}", "").strip().replace("٫", ".")
            if value:
                lines[kind][label] = value
    heads = [label for label in LABELS if form.get(f"head_{label}")]
    signals = {name: form[f"signal_{name}"] for name in SIGNALS if form.get(f"signal_{name}")}
    return SitePolicy.model_validate(
        {
            "mode": form.get("mode") or Mode.FLAGGED,
            "hold": lines["hold"],
            "reject": lines["reject"],
            "holding_heads": None if len(heads) == len(LABELS) else heads,
            "new_author_holds": form.get("new_author_holds") or 0,
            "hold_links": bool(form.get("hold_links")),
            "unscored_after_seconds": form.get("unscored_after_seconds") or None,
            "unscored_action": form.get("unscored_action") or UnscoredAction.WAIT,
            "signals": signals,
            **{name: form[name] for name in KEPT_FIELDS if form.get(name)},
        }
    )


def _page(
    request: Request,
    db_session: DbSession,
    auth: Auth,
    site: str,
    policy: SitePolicy,
    *,
    message: str | None = None,
    errors: list[str] | None = None,
    status: int = 200,
) -> HTMLResponse:
    context: dict[str, Any] = {
        "auth": auth,
        "csrf_token": auth.csrf_token,
        "site": site,
        "labels": LABELS,
        "modes": list(Mode),
        "unscored_actions": list(UnscoredAction),
        "signals": SIGNALS,
        "signal_actions": list(Action),
        "message": message,
        "errors": errors or [],
        "changes": list_changes(db_session, site=site, limit=20) if site else [],
        "counts": count_waiting(db_session, auth.principal),
    }
    if site:
        context["view"] = policy_view(db_session, site, policy, model_thresholds(get_settings()))
    return render(request, "policy.html", context, status)


@router.get("/policy", response_class=HTMLResponse)
def policy_page(request: Request, db_session: DbSession, auth: AdminPageAuth) -> HTMLResponse:
    site = normalize_site(request.query_params.get("site", ""))
    policy = load_policy(db_session, site)
    return _page(request, db_session, auth, site, policy, message=request.query_params.get("msg"))


@router.post("/policy")
async def policy_save(request: Request, db_session: DbSession, auth: AdminPageAuth) -> Response:
    """Save the form as the site's policy; a form with mistakes comes back with them listed."""
    form = {k: str(v) for k, v in (await request.form()).items()}
    check_form_csrf(auth, form.get("csrf_token", ""))
    site = normalize_site(form.get("site", ""))
    if not site:
        raise HTTPException(status_code=422, detail="site missing")
    try:
        policy = policy_from_form(form)
    except ValidationError as exc:
        errors = [f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors()]
        return _page(
            request, db_session, auth, site, load_policy(db_session, site), errors=errors, status=422
        )
    save_policy(
        db_session, site=site, policy=policy, actor=auth.principal.email, actor_id=auth.principal.user_id
    )
    db_session.commit()
    return redirect("/moderation/policy?" + urlencode({"site": site, "msg": "done"}))
