"""POST /v1/comments/{id}/reports: called by the news site's server when a reader reports a comment."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Header, HTTPException

from service.config import get_settings
from service.inputs import normalize_site
from service.moderation.api_docs import ReportAcceptedOut, answers
from service.moderation.deps import DbSession
from service.moderation.reports import comment_site, report_comment
from service.moderation.schemas import ReportBody
from service.sites import SITE_KEY_HEADER, check_site_key

router = APIRouter(prefix="/v1/comments", tags=["reports"])


@router.post("/{comment_id}/reports", status_code=202, **answers(ReportAcceptedOut, 202))
def post_report(
    comment_id: str,
    body: ReportBody,
    db_session: DbSession,
    site_key: Annotated[str | None, Header(alias=SITE_KEY_HEADER)] = None,
) -> dict[str, Any]:
    """Count a reader's report; enough reports send a published comment back to the queue."""
    site = comment_site(db_session, comment_id)
    if site is None or (body.site is not None and normalize_site(body.site) != site):
        raise HTTPException(status_code=404, detail="comment not found")
    check_site_key(site, site_key, get_settings())
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
    }
