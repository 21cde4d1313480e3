"""Builders for moderation tests: comments with scores, written straight to the database."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from service.comments.models import Comment, CommentScore
from service.text import email_hash, mask_email_address, mask_emails, normalize

MODEL = "test-v1"
SECRET = "test-secret"
PASSWORD = "correct horse battery"


def add_comment(
    session: Session,
    *,
    site: str = "site-a.example",
    body: str = "تعليق عادي",
    status: str = "held",
    probs: dict[str, float] | None = None,
    spans: dict[str, list[dict[str, Any]]] | None = None,
    article_id: str = "art-1",
    parent_id: str | None = None,
    email: str = "reader@example.com",
    age_minutes: float = 0,
    reasons: list[str] | None = None,
    findings: list[dict[str, Any]] | None = None,
) -> str:
    """Insert a comment (masked like the storage layer does) and, unless probs is None, its score."""
    masked = mask_emails(body)
    created = datetime.now(UTC) - timedelta(minutes=age_minutes)
    scored = probs is not None
    comment = Comment(
        site=site,
        article_id=article_id,
        parent_id=parent_id,
        author_name="قارئ",
        author_email_masked=mask_email_address(email),
        author_email_hash=email_hash(email, SECRET),
        body=masked,
        body_normalized=normalize(masked),
        status=status,
        model_version=MODEL if scored else None,
        report_count=0,
        enqueue_attempts=1,
        created_at=created,
        updated_at=created,
    )
    session.add(comment)
    session.flush()
    if scored:
        session.add(
            CommentScore(
                comment_id=comment.id,
                model_version=MODEL,
                probabilities=probs,
                spans=spans or {},
                dialect="gulf",
                decision=status if status in {"published", "held", "rejected"} else "held",
                reasons=reasons or [],
                findings=findings,
                latency_ms=3.0,
                created_at=created,
            )
        )
    session.commit()
    return comment.id


CSRF_META = re.compile(r'<meta name="csrf-token" content="([^"]+)">')
FORM_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def login(client: TestClient, email: str, password: str = PASSWORD) -> str:
    """Log in through the HTML form; returns the session's CSRF token (from the queue page)."""
    page = client.get("/moderation/login")
    token = FORM_CSRF.search(page.text).group(1)  # type: ignore[union-attr]
    response = client.post(
        "/moderation/login",
        data={"email": email, "password": password, "csrf_token": token},
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text
    queue = client.get("/moderation/queue")
    return CSRF_META.search(queue.text).group(1)  # type: ignore[union-attr]


def register(session: Session, name: str, title: str | None = None) -> str:
    """Register a site through the registry (as `raqib sites create` does); returns its key."""
    from service.moderation.admin_audit import Actor
    from service.sites.registry import create_site

    _, key = create_site(session, Actor(None, "cli:test"), name, title=title)
    session.commit()
    return key
