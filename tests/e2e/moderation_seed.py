"""Seeding for the browser tests: accounts and scored comments written straight into the test database."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session

from service.comments.models import Comment, CommentScore
from service.text import email_hash, mask_email_address, mask_emails, normalize

MODEL = "e2e-v1"
PASSWORD = "e2e password 123"
SITE_A, SITE_B = "alghad.example", "other.example"


def add_comment(
    session: Session,
    *,
    article_id: str,
    body: str,
    toxicity: float,
    spam: float = 0.1,
    site: str = SITE_A,
    status: str = "held",
    spans: dict[str, list[dict[str, Any]]] | None = None,
    parent_id: str | None = None,
    age_minutes: float = 0,
    email: str = "reader@example.com",
) -> str:
    """A scored comment, masked the way the storage layer masks it."""
    masked = mask_emails(body)
    created = datetime.now(UTC) - timedelta(minutes=age_minutes)
    comment = Comment(
        id=uuid.uuid4().hex,
        site=site,
        article_id=article_id,
        parent_id=parent_id,
        author_name="قارئ من عمّان",
        author_email_masked=mask_email_address(email),
        author_email_hash=email_hash(email, "e2e-secret"),
        body=masked,
        body_normalized=normalize(masked),
        status=status,
        model_version=MODEL,
        report_count=0,
        enqueue_attempts=1,
        created_at=created,
        updated_at=created,
    )
    session.add(comment)
    session.flush()
    reasons = [f"toxicity>={0.5:.2f}"] if toxicity >= 0.5 else []
    session.add(
        CommentScore(
            comment_id=comment.id,
            model_version=MODEL,
            probabilities={"spam": spam, "toxicity": toxicity},
            spans=spans or {},
            dialect="levantine",
            decision=status,
            reasons=reasons,
            latency_ms=4.0,
            created_at=created,
        )
    )
    session.commit()
    return comment.id
