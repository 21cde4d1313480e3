"""Masking at the storage boundary: what reaches the database is masked, whatever the spelling."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import MetaData, select
from sqlalchemy.orm import Session

from service.comments.errors import ApiError
from service.comments.models import Comment
from service.comments.storage import list_published
from service.comments.submission import submit_comment
from service.config import get_settings
from service.db import get_engine
from service.text import contains_email, email_hash

from .conftest import RecordingQueue


def form(**changes: Any) -> dict[str, Any]:
    data = {
        "site": "alghad.example",
        "article_id": "a-1",
        "author_name": "ليلى",
        "author_email": "Laila.Q@Example.com",
        "body": "للتواصل: laila.q@example.com أو laila [at] example [dot] com",
    }
    return {**data, **changes}


def test_stored_comment_holds_only_masked_addresses(session: Session, database_url: str) -> None:
    accepted = submit_comment(
        form(author_name="laila.q@example.com", author_url="https://x.example/?m=laila.q@example.com"),
        db_session=session,
        settings=get_settings(),
    )
    row = session.get(Comment, accepted.id)
    assert row is not None
    assert row.author_email_masked == "l***@e***.com"
    assert row.author_email_hash == email_hash("Laila.Q@Example.com", "unit-test-secret")
    assert row.body == "للتواصل: l***@e***.com أو l***@e***.com"
    assert row.author_name == "l***@e***.com"
    assert row.status == "queued" and row.enqueued_at is not None

    metadata = MetaData()
    metadata.reflect(get_engine(database_url))
    with get_engine(database_url).connect() as conn:
        cells = [str(v) for t in metadata.sorted_tables for r in conn.execute(select(t)) for v in r]
    assert cells
    assert not [c for c in cells if contains_email(c) or "laila.q" in c.casefold()]


def test_hash_is_keyed_and_case_insensitive(session: Session) -> None:
    a = submit_comment(form(), db_session=session, settings=get_settings())
    b = submit_comment(form(author_email="laila.q@example.COM"), db_session=session, settings=get_settings())
    rows = [session.get(Comment, i) for i in (a.id, b.id)]
    assert rows[0].author_email_hash == rows[1].author_email_hash  # type: ignore[union-attr]
    assert rows[0].author_email_hash != email_hash("laila.q@example.com", "another-secret")  # type: ignore[union-attr]


def test_commit_then_enqueue_the_id_only(session: Session, queue: RecordingQueue) -> None:
    accepted = submit_comment(form(), db_session=session, settings=get_settings())
    assert accepted.status == "queued" and not accepted.replayed  # accepted although the broker is down
    assert queue.ids == [accepted.id]
    assert queue.committed_before_enqueue == [True]
    submit_comment(form(), db_session=session, settings=get_settings(), idempotency_key="k")
    submit_comment(form(), db_session=session, settings=get_settings(), idempotency_key="k")
    assert len(queue.ids) == 2  # a replayed request enqueues nothing


def test_idempotency_key_replays_and_refuses_a_different_payload(session: Session) -> None:
    settings = get_settings()
    first = submit_comment(form(), db_session=session, settings=settings, idempotency_key="k-1")
    again = submit_comment(form(), db_session=session, settings=settings, idempotency_key="k-1")
    assert again.id == first.id and again.replayed
    assert len(session.scalars(select(Comment)).all()) == 1
    with pytest.raises(ApiError) as caught:
        submit_comment(form(body="آخر"), db_session=session, settings=settings, idempotency_key="k-1")
    assert caught.value.status == 409
    other_site = submit_comment(
        form(site="other.example"), db_session=session, settings=settings, idempotency_key="k-1"
    )
    assert other_site.id != first.id  # keys are per site


def test_reply_must_point_at_a_comment_of_the_same_site(session: Session) -> None:
    settings = get_settings()
    parent = submit_comment(form(), db_session=session, settings=settings)
    reply = submit_comment(form(parent_id=parent.id), db_session=session, settings=settings)
    assert session.get(Comment, reply.id).parent_id == parent.id  # type: ignore[union-attr]
    with pytest.raises(ApiError) as caught:
        submit_comment(form(site="other.example", parent_id=parent.id), db_session=session, settings=settings)
    assert [e.code for e in caught.value.errors] == ["unknown_parent"]


def test_listing_pages_through_published_comments_only(session: Session) -> None:
    settings = get_settings()
    ids = [
        submit_comment(form(body=f"تعليق {i}"), db_session=session, settings=settings).id for i in range(5)
    ]
    for comment_id in ids[:4]:
        session.get(Comment, comment_id).status = "published"  # type: ignore[union-attr]
    session.commit()
    seen, cursor = [], None
    while True:
        page = list_published(
            session, site="alghad.example", article_id="a-1", permalink=None, limit=3, cursor=cursor
        )
        seen += [c.id for c in page.items]
        if page.next_cursor is None:
            break
        cursor = page.next_cursor
    assert seen == ids[:4]
