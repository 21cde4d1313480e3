"""Routers of the moderator workspace, included by service.app.create_app()."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, HTTPException
from fastapi.responses import FileResponse

from service.commenters import routes as commenters_api
from service.commenters import ui as commenters_ui
from service.moderation import (
    api,
    api_admin,
    reports_api,
    ui_admin,
    ui_auth,
    ui_queue,
    ui_sites,
    ui_status,
    ui_tokens,
)
from service.shadow import page as shadow_page
from service.site_policy import routes as policy_api
from service.site_policy import ui as policy_ui
from service.terms import api as terms_api
from service.terms import ui as terms_ui
from service.webhooks import ui as webhooks_ui

STATIC_DIR = Path(__file__).parent / "static"
STATIC_TYPES = {".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8"}

static_router = APIRouter(prefix="/moderation/static", include_in_schema=False)


@static_router.get("/{name}")
def static_file(name: str) -> FileResponse:
    """The workspace's own CSS and JS (no CDN); only plain file names in static/ are served."""
    path = STATIC_DIR / name
    if "/" in name or name.startswith(".") or path.suffix not in STATIC_TYPES or not path.is_file():
        raise HTTPException(status_code=404)
    return FileResponse(path, media_type=STATIC_TYPES[path.suffix], headers={"Cache-Control": "no-cache"})


routers: list[APIRouter] = [
    api.router,
    api_admin.router,
    policy_api.router,
    policy_ui.router,
    commenters_api.router,
    commenters_ui.router,
    reports_api.router,
    ui_auth.router,
    ui_queue.router,
    ui_admin.router,
    ui_sites.router,
    ui_tokens.router,
    ui_status.router,
    terms_api.router,
    terms_ui.router,
    webhooks_ui.router,
    shadow_page.router,
    static_router,
]
