"""POST /v1/comments/{id}/reports: called by the news site's server when a reader reports a comment."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Header, HTTPException, Request

from service.client_address import client_address
from service.config import Settings, get_settings
from service.inputs import normalize_site
from service.moderation.api_docs import ReportAcceptedOut, answers
from service.moderation.deps import DbSession
from service.moderation.reports import comment_site, report_comment, reporter_hash
from service.moderation.schemas import ReportBody
from service.ratelimits import Scope, hit, site_rates
from service.sites import SITE_KEY_HEADER, check_site_key

router = APIRouter(prefix="/v1/comments", tags=["reports"])


def report_scopes(site: str, reporter: str | None, ip: str | None, settings: Settings) -> list[Scope]:
    """What one report is counted against: the address that connects, the reader who reports, the site."""
    scopes = [Scope("ip", ip, settings.report_rate_per_ip)] if ip else []
    if reporter:
        digest = reporter_hash(site, reporter, settings.email_hash_secret.get_secret_value())
        scopes.append(Scope("reporter", digest, settings.report_rate_per_reporter))
    scopes.append(Scope("site", site, site_rates(site, "report", settings)))
    return scopes


@router.post("/{comment_id}/reports", status_code=202, **answers(ReportAcceptedOut, 202))
def post_report(
    comment_id: str,
    body: ReportBody,
    db_session: DbSession,
    request: Request,
    site_key: Annotated[str | None, Header(alias=SITE_KEY_HEADER)] = None,
) -> dict[str, Any]:
    """Count a reader's report; enough reports send a published comment back to the queue."""
    site = comment_site(db_session, comment_id)
    if site is None or (body.site is not None and normalize_site(body.site) != site):
        raise HTTPException(status_code=404, detail="comment not found")
    settings = get_settings()
    check_site_key(site, site_key, db_session=db_session, settings=settings)
    hit("report", report_scopes(site, body.reporter, client_address(request, settings), settings), settings)
    outcome = report_comment(db_session, comment_id, body.reason, site=site, reporter=body.reporter)
    if outcome is None:
        raise HTTPException(status_code=404, detail="comment not found")
    db_session.commit()
    return {
        "id": outcome.comment_id,
        "report_count": outcome.report_count,
        "status": outcome.status,
        "requeued": outcome.requeued,
        "duplicate": outcome.duplicate,
        "capped": outcome.capped,
    }
