"""Plain-dict views of comments for the API and the templates, and the detail of one comment."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from service.comments.models import Comment, CommentScore
from service.moderation.accounts import Principal
from service.moderation.logins import aware
from service.moderation.models import CommentReport, ModerationAction
from service.signals.reasons import explain, term_spans

EXCERPT_CHARS = 280


def iso(moment: datetime | None) -> str | None:
    value = aware(moment)
    return value.isoformat() if value else None


def item_view(comment: Comment, score: CommentScore | None, version: int) -> dict[str, Any]:
    """What a queue row shows: masked text, scores, why it is here, and the version actions must expect."""
    reasons = list(score.reasons or []) if score else []
    if comment.report_count:
        reasons.append("reported")
    body = comment.body or ""
    return {
        "id": comment.id,
        "site": comment.site,
        "article_id": comment.article_id,
        "parent_id": comment.parent_id,
        "status": comment.status,
        "version": int(version or 0),
        "created_at": iso(comment.created_at),
        "decided_at": iso(comment.decided_at),
        "decided_by": comment.decided_by,
        "author_name": comment.author_name,
        "author_email_masked": comment.author_email_masked,
        "author_email_hash": comment.author_email_hash,
        "body": body,
        "excerpt": body if len(body) <= EXCERPT_CHARS else body[:EXCERPT_CHARS] + "…",
        "probabilities": dict(score.probabilities) if score else {},
        "decision": score.decision if score else None,
        "reasons": reasons,
        "explanations": explain(reasons, score.findings if score else None),
        "model_version": comment.model_version,
        "report_count": comment.report_count or 0,
    }


def action_view(action: ModerationAction) -> dict[str, Any]:
    return {
        "id": action.id,
        "comment_id": action.comment_id,
        "site": action.site,
        "seq": action.seq,
        "actor": action.actor,
        "action": action.action,
        "note": action.note,
        "before_status": action.before_status,
        "after_status": action.after_status,
        "model_version": action.model_version,
        "scores": action.scores or {},
        "labels": action.labels,
        "undoes_id": action.undoes_id,
        "bulk_id": action.bulk_id,
        "created_at": iso(action.created_at),
    }


def current_score(db_session: Session, comment: Comment) -> CommentScore | None:
    if comment.model_version is None:
        return None
    return db_session.scalar(
        select(CommentScore).where(
            CommentScore.comment_id == comment.id, CommentScore.model_version == comment.model_version
        )
    )


def version_of(db_session: Session, comment_id: str) -> int:
    stmt = select(func.coalesce(func.max(ModerationAction.seq), 0)).where(
        ModerationAction.comment_id == comment_id
    )
    return int(db_session.scalar(stmt) or 0)


def get_scoped_comment(db_session: Session, principal: Principal, comment_id: str) -> Comment | None:
    """The comment if it exists AND the principal may see its site, else None (the caller answers 404)."""
    comment = db_session.get(Comment, comment_id)
    if comment is None or not principal.may_see(comment.site):
        return None
    return comment


def author_history(db_session: Session, principal: Principal, email_hash: str) -> dict[str, int]:
    """Counts of the author's comments by status, within the sites the principal may see."""
    stmt = select(Comment.status, func.count()).where(Comment.author_email_hash == email_hash)
    if principal.sites is not None:
        stmt = stmt.where(Comment.site.in_(sorted(principal.sites) or [""]))
    counts = {"published": 0, "held": 0, "rejected": 0, "queued": 0}
    for status, n in db_session.execute(stmt.group_by(Comment.status)):
        counts[status] = int(n)
    counts["total"] = sum(counts.values())
    return counts


def comment_detail(db_session: Session, principal: Principal, comment: Comment) -> dict[str, Any]:
    """Everything the detail panel shows about one (already scoped) comment."""
    score = current_score(db_session, comment)
    detail = item_view(comment, score, version_of(db_session, comment.id))
    detail["spans"] = {**(score.spans or {}), **term_spans(comment.body, score.findings)} if score else {}
    detail["dialect"] = score.dialect if score else None
    parent = get_scoped_comment(db_session, principal, comment.parent_id) if comment.parent_id else None
    detail["parent"] = (
        {
            "id": parent.id,
            "author_name": parent.author_name,
            "body": parent.body,
            "status": parent.status,
            "created_at": iso(parent.created_at),
        }
        if parent
        else None
    )
    detail["author_history"] = author_history(db_session, principal, comment.author_email_hash)
    actions = db_session.scalars(
        select(ModerationAction)
        .where(ModerationAction.comment_id == comment.id)
        .order_by(ModerationAction.seq)
    )
    detail["actions"] = [action_view(a) for a in actions]
    reports = db_session.scalars(
        select(CommentReport).where(CommentReport.comment_id == comment.id).order_by(CommentReport.id)
    )
    detail["reports"] = [{"reason": r.reason, "created_at": iso(r.created_at)} for r in reports]
    return detail
