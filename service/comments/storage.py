"""Reading and writing comment rows. Masking happens here, at the storage boundary, before any row exists."""

from __future__ import annotations

import base64
import hashlib
import hmac
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import Any
from urllib.parse import quote, unquote_plus

from sqlalchemy import Engine, insert, select, tuple_
from sqlalchemy.orm import Session, selectinload

from service.comments.models import Comment, CommentStatus, new_comment_id, utcnow
from service.comments.schemas import CommentSubmission
from service.text import contains_email, email_hash, mask_email_address, mask_emails, normalize


def comment_row(
    sub: CommentSubmission,
    *,
    hash_secret: str,
    idempotency_key: str | None = None,
    fingerprint: str | None = None,
) -> dict[str, Any]:
    """Column values of a new queued comment: only masked text and the keyed hash of the author e-mail.

    ``idempotency_key`` is stored as given: the caller passes its keyed digest (:func:`idempotency_digest`).
    """
    body = mask_emails(sub.body)
    now = utcnow()
    return {
        "id": new_comment_id(),
        "site": sub.site,
        # An address can hide in any free text, a permalink's query string included (?share=ali%40gmail.com).
        "article_id": _mask_optional(sub.article_id),
        "permalink": mask_link(sub.permalink),
        "parent_id": sub.parent_id,
        # Free-text fields other than the body can carry an address too (a name like "ali@example.com").
        "author_name": mask_emails(sub.author_name),
        "author_email_masked": mask_email_address(sub.author_email),
        "author_email_hash": email_hash(sub.author_email, hash_secret),
        "author_url": mask_link(sub.author_url),
        "author_ip": sub.author_ip,
        "user_agent": _mask_optional(sub.user_agent),
        "referrer": mask_link(sub.referrer),
        "lang": sub.lang,
        "body": body,
        "body_normalized": normalize(body),
        "status": CommentStatus.QUEUED.value,
        "idempotency_key": idempotency_key,
        "request_fingerprint": fingerprint,
        "report_count": 0,
        "enqueue_attempts": 1,
        "submitted_at": sub.submitted_at,
        "created_at": now,
        "updated_at": now,
        "enqueued_at": now,
    }


# Character limits of the comment table's bounded text columns (PostgreSQL refuses a longer value).
_COLUMN_CHARS: dict[str, int] = {
    column.key: int(length)
    for column in Comment.__table__.columns
    if (length := getattr(column.type, "length", None))
}


def overlong_columns(row: dict[str, Any]) -> list[tuple[str, int]]:
    """(column, limit) of every value of ``row`` longer than its column allows."""
    return [
        (name, _COLUMN_CHARS[name])
        for name, value in row.items()
        if isinstance(value, str) and name in _COLUMN_CHARS and len(value) > _COLUMN_CHARS[name]
    ]


@lru_cache(maxsize=4)
def autocommit_engine(engine: Engine) -> Engine:
    """``engine`` (same pool) with each statement committed on its own: no BEGIN/COMMIT round trips."""
    return engine.execution_options(isolation_level="AUTOCOMMIT")


# Built once: a Core INSERT on the table, its compiled form cached by SQLAlchemy after the first use.
_INSERT_COMMENT = insert(Comment.__table__)


def insert_comment(session: Session, row: dict[str, Any]) -> str:
    """Insert a comment row with Core on the session's connection: the hot path skips the ORM entirely."""
    session.connection().execute(_INSERT_COMMENT, row)
    return str(row["id"])


def _mask_optional(value: str | None) -> str | None:
    return mask_emails(value) if value else value


def _mask_query_value(value: str) -> str:
    decoded = unquote_plus(value)
    return quote(mask_emails(decoded), safe="@*.-_~") if contains_email(decoded) else value


def mask_link(value: str | None) -> str | None:
    """A URL with addresses masked, each query parameter's and the fragment's decoded value included
    (``?share=ali(at)gmail(dot)com``, ``?to=ali+at+gmail+dot+com``): the masker alone leaves obfuscated
    spellings inside a URL alone."""
    if not value:
        return value
    base, question, rest = mask_emails(value).partition("?")
    query, hash_, fragment = rest.partition("#")
    if not question:
        base, hash_, fragment = base.partition("#")
    pairs = [p.partition("=") for p in query.split("&")] if question else []
    masked_query = "&".join(k + eq + _mask_query_value(v) for k, eq, v in pairs)
    return base + question + masked_query + hash_ + _mask_query_value(fragment)


def idempotency_digest(site: str, key: str, secret: str) -> str:
    """The stored form of an Idempotency-Key: a keyed hash (a site may put anything in it, an address too)."""
    return hmac.new(secret.encode(), f"idempotency\x1f{site}\x1f{key}".encode(), hashlib.sha256).hexdigest()


def find_by_idempotency_key(session: Session, site: str, key: str) -> Comment | None:
    """The comment first stored under (site, Idempotency-Key), if any."""
    return session.scalars(
        select(Comment).where(Comment.site == site, Comment.idempotency_key == key)
    ).one_or_none()


def comment_exists(session: Session, comment_id: str, site: str) -> bool:
    """Whether ``comment_id`` is a comment of ``site`` (replies stay within their site)."""
    found = session.scalar(select(Comment.id).where(Comment.id == comment_id, Comment.site == site))
    return found is not None


@dataclass(frozen=True)
class Page:
    """One page of a listing and the cursor of the next one (None on the last page)."""

    items: list[Comment]
    next_cursor: str | None


def encode_cursor(comment: Comment) -> str:
    raw = f"{comment.created_at.isoformat()}|{comment.id}".encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[datetime, str]:
    """(created_at, id) of the last item of the previous page; ValueError if the cursor is not ours."""
    raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
    created, _, comment_id = raw.partition("|")
    if not comment_id:
        raise ValueError("malformed cursor")
    return datetime.fromisoformat(created), comment_id


def list_published(
    session: Session,
    *,
    site: str,
    article_id: str | None,
    permalink: str | None,
    limit: int,
    cursor: str | None = None,
    status: str = CommentStatus.PUBLISHED.value,
    with_scores: bool = False,
) -> Page:
    """A site's comments in ``status`` (published unless the site itself asks), of one article when given,
    oldest first, keyset-paginated on (created_at, id)."""
    query = select(Comment).where(Comment.site == site, Comment.status == status)
    if with_scores:
        query = query.options(selectinload(Comment.scores))
    if article_id:
        query = query.where(Comment.article_id == article_id)
    if permalink:
        query = query.where(Comment.permalink == mask_link(permalink))  # stored masked
    if cursor:
        created, last_id = decode_cursor(cursor)
        query = query.where(tuple_(Comment.created_at, Comment.id) > tuple_(created, last_id))
    rows = list(session.scalars(query.order_by(Comment.created_at, Comment.id).limit(limit + 1)))
    more = len(rows) > limit
    rows = rows[:limit]
    return Page(rows, encode_cursor(rows[-1]) if more and rows else None)
