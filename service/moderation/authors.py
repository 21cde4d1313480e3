"""Data-subject requests about one commenter, found by the keyed hash of their e-mail address.

``export_author`` gathers everything held about them; ``forget_author`` anonymises it while keeping the
moderation statistics: each comment keeps its site, article, status, scores' probabilities, decisions,
report count and audit trail, and loses its text, name, links, network details and the link to the author
(the hash is replaced by a random one, shared by that author's comments only, so per-author counts stay
true without naming anyone). Each forgotten comment gets an audit entry.
"""

from __future__ import annotations

import secrets
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from service.commenters.record import author_record, forget_author_notes
from service.comments.models import Comment, CommentScore
from service.moderation.actions import append_entry
from service.moderation.models import CommentReport, ModerationAction
from service.moderation.views import action_view, iso

FORGET_ACTOR = "system:data-subject-request"
FORGET_ACTION = "forget"
FORGOTTEN_NAME = "—"
FORGOTTEN_EMAIL = "***"


def _comments(db_session: Session, author_hash: str) -> list[Comment]:
    stmt = select(Comment).where(Comment.author_email_hash == author_hash).order_by(Comment.created_at)
    return list(db_session.scalars(stmt))


def _comment_export(db_session: Session, comment: Comment) -> dict[str, Any]:
    scores = db_session.scalars(select(CommentScore).where(CommentScore.comment_id == comment.id))
    reports = db_session.scalars(select(CommentReport).where(CommentReport.comment_id == comment.id))
    actions = db_session.scalars(
        select(ModerationAction)
        .where(ModerationAction.comment_id == comment.id)
        .order_by(ModerationAction.seq)
    )
    return {
        "id": comment.id,
        "site": comment.site,
        "article_id": comment.article_id,
        "permalink": comment.permalink,
        "parent_id": comment.parent_id,
        "author_name": comment.author_name,
        "author_email_masked": comment.author_email_masked,
        "author_url": comment.author_url,
        "author_ip": comment.author_ip,
        "user_agent": comment.user_agent,
        "referrer": comment.referrer,
        "lang": comment.lang,
        "body": comment.body,
        "status": comment.status,
        "model_version": comment.model_version,
        "report_count": comment.report_count,
        "submitted_at": iso(comment.submitted_at),
        "created_at": iso(comment.created_at),
        "decided_at": iso(comment.decided_at),
        "decided_by": comment.decided_by,
        "scores": [
            {
                "model_version": s.model_version,
                "probabilities": s.probabilities,
                "decision": s.decision,
                "reasons": s.reasons,
                "spans": s.spans,
                "dialect": s.dialect,
                "scored_at": iso(s.created_at),
            }
            for s in scores
        ],
        "reports": [{"reason": r.reason, "created_at": iso(r.created_at)} for r in reports],
        "moderation": [action_view(a) for a in actions],
    }


def export_author(db_session: Session, author_hash: str) -> dict[str, Any]:
    """Everything held about the author of ``author_hash``: their comments with scores, reports, actions."""
    comments = _comments(db_session, author_hash)
    return {
        "author_email_hash": author_hash,
        "comments": [_comment_export(db_session, c) for c in comments],
        "standing": author_record(db_session, author_hash),
        "not_stored": [
            "the e-mail address in clear (only a masked form and a keyed hash)",
            "e-mail addresses inside the text (masked before storage)",
        ],
    }


def forget_author(db_session: Session, author_hash: str) -> int:
    """Anonymise every comment of the author of ``author_hash``; return how many. The caller commits."""
    comments = _comments(db_session, author_hash)
    replacement = secrets.token_hex(32)  # same length as the HMAC, linked to nobody
    for comment in comments:
        append_entry(
            db_session,
            comment,
            actor_id=None,
            actor=FORGET_ACTOR,
            action=FORGET_ACTION,
            after_status=comment.status,
            note="author data erased on request",
        )
        comment.author_name = FORGOTTEN_NAME
        comment.author_email_masked = FORGOTTEN_EMAIL
        comment.author_email_hash = replacement
        comment.author_url = comment.author_ip = comment.user_agent = comment.referrer = None
        comment.permalink = None
        comment.body = comment.body_normalized = ""
        comment.idempotency_key = comment.request_fingerprint = None
        for score in db_session.scalars(select(CommentScore).where(CommentScore.comment_id == comment.id)):
            score.spans = {}  # the highlighted words are the author's text
        db_session.flush()
    forget_author_notes(db_session, author_hash)
    return len(comments)
