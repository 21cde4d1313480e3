"""POST /v1/comments/{id}/reports: called by the news site's server when a reader reports a comment."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException

from service.moderation.deps import DbSession
from service.moderation.reports import report_comment
from service.moderation.schemas import ReportBody

router = APIRouter(prefix="/v1/comments", tags=["reports"])


@router.post("/{comment_id}/reports", status_code=202)
def post_report(comment_id: str, body: ReportBody, db_session: DbSession) -> dict[str, Any]:
    """Count a reader's report; enough reports send a published comment back to the queue."""
    outcome = report_comment(db_session, comment_id, body.reason, site=body.site)
    if outcome is None:
        raise HTTPException(status_code=404, detail="comment not found")
    db_session.commit()
    return {
        "id": outcome.comment_id,
        "report_count": outcome.report_count,
        "status": outcome.status,
        "requeued": outcome.requeued,
    }
