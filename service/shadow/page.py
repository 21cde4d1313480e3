"""The admin page of shadow mode: the report's figures and a bar plot (inline SVG, no plotting library)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from service.config import get_settings
from service.moderation.deps import DbSession
from service.moderation.ui_admin import AdminPageAuth
from service.moderation.ui_render import render
from service.moderation.waiting import count_waiting
from service.shadow.report import latest_shadow_version, shadow_report

router = APIRouter(prefix="/moderation", include_in_schema=False)

WIDTH, HEIGHT, BAR, GAP, TOP, BOTTOM = 420, 180, 36, 12, 16, 28
COLOURS = {"active": "#175cd3", "shadow": "#f79009"}


def f1_bars(report: dict[str, Any]) -> list[dict[str, Any]]:
    """One bar per label and version: F1 against the moderators' decisions (0 when undefined)."""
    bars, x = [], 40
    usable = HEIGHT - TOP - BOTTOM
    for label, m in report["per_label"].items():
        for side in ("active", "shadow"):
            value = m[side]["f1"]
            height = round(usable * (value or 0.0), 1)
            bars.append(
                {
                    "x": x,
                    "y": round(TOP + usable - height, 1),
                    "width": BAR,
                    "height": height,
                    "colour": COLOURS[side],
                    "label": label,
                    "side": side,
                    "value": "–" if value is None else f"{value:.2f}",
                }
            )
            x += BAR + 2
        x += GAP * 2
    return bars


@router.get("/shadow", response_class=HTMLResponse)
def shadow_page(
    request: Request, db_session: DbSession, auth: AdminPageAuth, site: str | None = None
) -> HTMLResponse:
    """Agreement of the active and the shadow model with moderators, changed decisions, examples."""
    version = latest_shadow_version(db_session, get_settings().models_dir)
    report = shadow_report(db_session, version=version, site=site or None) if version else None
    context = {
        "auth": auth,
        "csrf_token": auth.csrf_token,
        "counts": count_waiting(db_session, auth.principal),
        "report": report,
        "bars": f1_bars(report) if report else [],
        "plot": {"width": WIDTH, "height": HEIGHT, "base": HEIGHT - BOTTOM, "colours": COLOURS},
        "site": site or "",
    }
    return render(request, "shadow.html", context)
