"""Data-subject requests (``raqib authors export|forget``) and the retention of IP addresses / user agents."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from service.cli import main as raqib
from service.comments.models import Comment, CommentScore
from service.comments.retention import drop_client_details, retention_task
from service.moderation.models import ModerationAction
from service.text import email_hash
from service.worker import celery_config

from .conftest import Tokens
from .seed import SECRET, add_comment

pytestmark = pytest.mark.integration

READER = "reader@example.com"
OTHER = "other@example.com"


def _seed(db: Session) -> tuple[list[str], str]:
    mine = [
        add_comment(db, body="رأيي في المقال", status="published", probs={"spam": 0.1, "toxicity": 0.2}),
        add_comment(db, body="تعليق ثان مسيء", status="held", probs={"spam": 0.1, "toxicity": 0.9}),
    ]
    db.execute(
        update(Comment)
        .where(Comment.id.in_(mine))
        .values(author_ip="203.0.113.7", user_agent="Firefox/1", author_url="https://me.example")
    )
    db.execute(
        update(CommentScore)
        .where(CommentScore.comment_id.in_(mine))
        .values(spans={"toxicity": [{"text": "مسيء"}]})
    )
    db.commit()
    other = add_comment(db, body="تعليق قارئ آخر", email=OTHER, status="published", probs={"spam": 0.0})
    return mine, other


def test_export_then_forget(
    client: TestClient, db: Session, tokens: Tokens, configured: str, tmp_path: Path
) -> None:
    mine, other = _seed(db)
    client.post(f"/v1/moderation/comments/{mine[1]}/reject", json={"note": "مسيء"}, headers=tokens.admin)
    author = email_hash(READER, SECRET)

    out = tmp_path / "export.json"
    assert raqib(["authors", "export", author, "--out", str(out), "--database-url", configured]) == 0
    exported = json.loads(out.read_text(encoding="utf-8"))
    assert [c["id"] for c in exported["comments"]] == mine
    first = exported["comments"][0]
    assert first["body"] == "رأيي في المقال" and first["author_ip"] == "203.0.113.7"
    assert exported["comments"][1]["moderation"][0]["action"] == "reject"
    assert exported["comments"][1]["scores"][0]["probabilities"]["toxicity"] == 0.9
    # --email finds the same person
    by_email = tmp_path / "by-email.json"
    assert (
        raqib(["authors", "export", "--email", READER, "--out", str(by_email), "--database-url", configured])
        == 0
    )
    assert json.loads(by_email.read_text())["comments"] == exported["comments"]

    assert raqib(["authors", "forget", author, "--database-url", configured]) == 0
    db.expire_all()
    assert db.scalar(select(func.count()).where(Comment.author_email_hash == author)) == 0
    rows = [db.get(Comment, cid) for cid in mine]
    for row in rows:
        assert row is not None
        assert row.body == "" and row.body_normalized == "" and row.author_name == "—"
        assert row.author_ip is None and row.user_agent is None and row.author_url is None
        assert row.author_email_masked == "***"
    # Statistics kept: statuses, scores' probabilities, decisions; the two comments still belong together.
    assert [r.status for r in rows if r] == ["published", "rejected"]
    assert len({r.author_email_hash for r in rows if r}) == 1
    scores = list(db.scalars(select(CommentScore).where(CommentScore.comment_id.in_(mine))))
    assert {s.probabilities["toxicity"] for s in scores} == {0.2, 0.9} and all(s.spans == {} for s in scores)
    # Audited: one entry per forgotten comment, after the moderator's.
    actions = list(
        db.scalars(
            select(ModerationAction)
            .where(ModerationAction.comment_id.in_(mine))
            .order_by(ModerationAction.id)
        )
    )
    assert [(a.action, a.actor) for a in actions] == [
        ("reject", "admin@raqib.test"),
        ("forget", "system:data-subject-request"),
        ("forget", "system:data-subject-request"),
    ]
    # The other reader is untouched; a second export finds nothing.
    untouched = db.get(Comment, other)
    assert untouched is not None and untouched.body == "تعليق قارئ آخر"
    empty = tmp_path / "empty.json"
    assert raqib(["authors", "export", author, "--out", str(empty), "--database-url", configured]) == 0
    assert json.loads(empty.read_text())["comments"] == []
    # A forgotten comment is no longer a training label.
    labels = client.get("/v1/moderation/labels", headers=tokens.admin).json()["items"]
    assert mine[1] not in [row["comment_id"] for row in labels]


def test_retention_drops_ip_and_user_agent_after_the_configured_days(
    db: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = add_comment(db, age_minutes=60 * 24 * 31)
    recent = add_comment(db, age_minutes=60 * 24 * 29)
    db.execute(
        update(Comment).values(author_ip="198.51.100.9", user_agent="UA/2", referrer="https://r.example")
    )
    db.commit()
    assert drop_client_details(db, days=30) == 1
    db.commit()
    db.expire_all()
    gone, kept = db.get(Comment, old), db.get(Comment, recent)
    assert gone is not None and gone.author_ip is None and gone.user_agent is None
    assert gone.referrer == "https://r.example" and gone.body  # only the client details go
    assert kept is not None and kept.author_ip == "198.51.100.9" and kept.user_agent == "UA/2"
    assert drop_client_details(db, days=30) == 0  # idempotent

    from service.config import get_settings

    monkeypatch.setenv("RAQIB_CLIENT_DETAILS_RETENTION_DAYS", "7")
    get_settings.cache_clear()
    assert retention_task() == 1  # the beat's task body, on the configured days
    db.expire_all()
    kept = db.get(Comment, recent)
    assert kept is not None and kept.author_ip is None
    schedule = celery_config(get_settings())["beat_schedule"]
    assert schedule["drop-client-details"]["task"] == "raqib.drop_client_details"
