"""The admin status page: the pipeline's figures for newsrooms without a monitoring stack."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from service.moderation.deps import DbSession
from service.moderation.ui_admin import AdminPageAuth
from service.moderation.ui_render import render
from service.moderation.waiting import count_waiting
from service.observability.status import status_figures

router = APIRouter(prefix="/moderation", include_in_schema=False)


@router.get("/status", response_class=HTMLResponse)
def status_page(request: Request, db_session: DbSession, auth: AdminPageAuth) -> HTMLResponse:
    """Queue, model, scoring latency, decisions, requests, retries, and the last hour as a plot."""
    context = {
        "auth": auth,
        "csrf_token": auth.csrf_token,
        "f": status_figures(db_session),
        "counts": count_waiting(db_session, auth.principal),
    }
    return render(request, "status.html", context)
