"""Random and adversarial Unicode through the whole path on PostgreSQL: validation, masking, normalisation,
storage and scoring. Every submission is either refused with a 4xx naming the field, or stored masked and
scored; nothing raises, nothing stored holds an address, a NUL or a surrogate."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy.orm import Session

from service.comments.models import Comment, CommentScore
from service.comments.scoring_service import get_scorer, score_stored_comment
from service.config import get_settings
from service.db import get_sessionmaker
from service.text import contains_email, mask_emails, normalize

pytestmark = [pytest.mark.integration, pytest.mark.model]

ADVERSARIAL = [
    "\ud800", "\udfff", "\ud83d", "\x00", "\x1b[31m", "\x7f", "\x85", "\u200b", "\u200d", "\u200e", "\u202e",
    "\u2066", "\ufeff", "\u00ad", "\u0640", "\u064b\u0651", "ﻻ", "ﷺ", "٣", "۴", "＠", "．", "%40", "&#64;",
    " [at] ", " (dot) ", " ات ", " نقطة ", " عند ", " دوت ", "a.a.a.a.a.a", "@@@@", "\n", "\r\n", "\t",
    "😀", "👨‍👩‍👧", "ali@gmail.com", "name at gmail dot com", "İ", "ß", "ǅ", "\U0010ffff", "\ue000",
]  # fmt: skip
# Any code point, surrogates included (a site's JavaScript can send half of an emoji), mixed with pieces meant
# to break the masker and the normaliser.
_CHARS = st.characters(exclude_categories=())
TEXT = st.lists(st.one_of(st.text(_CHARS, max_size=8), st.sampled_from(ADVERSARIAL)), max_size=12).map(
    "".join
)
FIELDS = ("site", "article_id", "author_name", "author_email", "body", "user_agent", "lang")


@pytest.fixture(autouse=True)
def no_broker(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:9/0")  # comments stay queued; scored in-process
    get_settings.cache_clear()


def _stored_strings(db: Session, comment_id: str) -> list[str]:
    comment = db.get(Comment, comment_id)
    assert comment is not None
    values = [getattr(comment, c.key) for c in Comment.__table__.columns]
    for score in db.query(CommentScore).filter(CommentScore.comment_id == comment_id):
        values.append(json.dumps(score.spans, ensure_ascii=False))
    return [v for v in values if isinstance(v, str)]


@settings(max_examples=100, deadline=None, suppress_health_check=list(HealthCheck), database=None)
@given(field=st.sampled_from(FIELDS), text=TEXT, body=TEXT)
def test_any_unicode_is_refused_cleanly_or_stored_masked_and_scored(
    client: TestClient, db: Session, field: str, text: str, body: str
) -> None:
    data = {
        "site": "site-a.example",
        "article_id": "fuzz",
        "author_name": "قارئ",
        "author_email": "reader@example.org",
        "body": f"تعليق {body}",
        field: text,
    }
    answer = client.post(
        "/v1/comments",
        content=json.dumps(data).encode(),  # lone surrogates travel as JSON escapes, as from a browser
        headers={"Content-Type": "application/json"},
    )
    assert answer.status_code in (202, 422), answer.text
    if answer.status_code != 202:
        errors = answer.json()["errors"]
        assert errors and all(e["code"] and e["message"]["en"] and e["message"]["ar"] for e in errors)
        return
    comment_id = answer.json()["id"]
    with get_sessionmaker()() as session:
        assert score_stored_comment(comment_id, db_session=session, scorer=get_scorer()) in {
            "published", "held", "rejected", "unchanged",
        }  # fmt: skip
        session.commit()
    db.expire_all()
    stored = _stored_strings(db, comment_id)
    for value in stored:
        value.encode("utf-8")  # no surrogate survived
        assert "\x00" not in value
    comment = db.get(Comment, comment_id)
    assert comment is not None and comment.status != "queued"
    assert not contains_email(comment.body) and not contains_email(comment.author_name)
    assert comment.body == mask_emails(comment.body)
    assert comment.body_normalized == normalize(comment.body)
