"""Accepting a comment: validate → mask → store → commit → enqueue the id; the route is a thin door."""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import asdict
from typing import Any

from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session

from service.comments.errors import ApiError, FieldError
from service.comments.models import CommentStatus
from service.comments.queue import enqueue_scoring
from service.comments.read_access import read_token_digest, read_token_for
from service.comments.schemas import Accepted, CommentSubmission
from service.comments.storage import (
    comment_exists,
    comment_row,
    find_by_idempotency_key,
    idempotency_digest,
    insert_comment,
    overlong_columns,
)
from service.comments.sweep import mark_unsent
from service.comments.validation import validate_submission
from service.config import Settings
from service.ratelimits import Scope, hit, site_rates
from service.signals.submitted import submission_signals
from service.sites import check_site_key
from service.text import email_hash


def request_fingerprint(sub: CommentSubmission, secret: str) -> str:
    """A keyed digest of the submission, to tell a retry from a different comment under the same key."""
    canonical = json.dumps(asdict(sub), sort_keys=True, default=str, ensure_ascii=False)
    return hmac.new(secret.encode(), canonical.encode(), hashlib.sha256).hexdigest()


def _replay(existing_id: str, existing_fingerprint: str | None, fingerprint: str, secret: str) -> Accepted:
    if existing_fingerprint != fingerprint:
        raise ApiError(409, [FieldError("Idempotency-Key", "idempotency_key_reused")])
    # The first answer was "queued"; a retry gets that same answer, whatever the verdict is by now.
    token = read_token_for(existing_id, secret)
    return Accepted(existing_id, CommentStatus.QUEUED.value, replayed=True, read_token=token)


def _mark_unsent(db_session: Session, comment_id: str) -> None:
    """The broker refused the job: flag the row so that the next sweep sends it at once (best effort)."""
    try:
        mark_unsent(db_session, [comment_id])
        db_session.commit()
    except SQLAlchemyError:  # the sweep still sends it, sweep_after_seconds later
        db_session.rollback()


def comment_scopes(
    sub: CommentSubmission, client_ip: str | None, settings: Settings, secret: str, *, keyed: bool
) -> list[Scope]:
    """What one comment is counted against: the connecting address, the reader's, the author, the site.

    A keyed site is trusted to send its reader's address (``author_ip``); on an open site a made-up
    ``author_ip`` would dodge the limit, so only the address that connects is counted there.
    """
    scopes = [Scope("ip", client_ip, settings.comment_rate_per_ip)] if client_ip else []
    if sub.author_ip and keyed:
        scopes.append(Scope("reader_ip", sub.author_ip, settings.comment_rate_per_reader_ip))
    author = f"{sub.site}|{email_hash(sub.author_email, secret)}"
    scopes.append(Scope("author", author, settings.comment_rate_per_author))
    scopes.append(Scope("site", sub.site, site_rates(sub.site, "comment", settings)))
    return scopes


def submit_comment(
    data: Any,
    *,
    db_session: Session,
    settings: Settings,
    idempotency_key: str | None = None,
    site_key: str | None = None,
    client_ip: str | None = None,
) -> Accepted:
    """Validate, count against the rate limits, store a comment, commit, then enqueue its id for scoring.

    The comment is accepted even when the broker is unreachable: it stays queued and the sweep sends it.
    """
    sub = validate_submission(data, settings)
    keyed = check_site_key(sub.site, site_key, db_session=db_session, settings=settings)
    secret = settings.email_hash_secret.get_secret_value()
    fingerprint = request_fingerprint(sub, secret) if idempotency_key else None
    if idempotency_key:  # never stored in clear: it is the site's choice and may carry anything
        idempotency_key = idempotency_digest(sub.site, idempotency_key, secret)
    if idempotency_key:
        existing = find_by_idempotency_key(db_session, sub.site, idempotency_key)
        if existing is not None:
            return _replay(existing.id, existing.request_fingerprint, fingerprint or "", secret)
    # A retry of a stored comment is answered above without being counted again.
    hit("comment", comment_scopes(sub, client_ip, settings, secret, keyed=keyed), settings)
    if sub.parent_id and not comment_exists(db_session, sub.parent_id, sub.site):
        raise ApiError(422, [FieldError("parent_id", "unknown_parent")])

    row = comment_row(sub, hash_secret=secret, idempotency_key=idempotency_key, fingerprint=fingerprint)
    read_token = read_token_for(row["id"], secret)
    row["read_token_hash"] = read_token_digest(read_token)
    too_long = overlong_columns(row)
    if too_long:  # a masked address is longer than the address ("a@b.co" -> "a***@b***.co")
        raise ApiError(422, [FieldError(name, "too_long", {"limit": limit}) for name, limit in too_long])
    row["signals"] = submission_signals(sub, row, settings=settings)
    try:
        comment_id = insert_comment(db_session, row)
        db_session.commit()
    except IntegrityError:
        # A concurrent retry with the same key committed first.
        db_session.rollback()
        if not idempotency_key:
            raise
        existing = find_by_idempotency_key(db_session, sub.site, idempotency_key)
        if existing is None:
            raise
        return _replay(existing.id, existing.request_fingerprint, fingerprint or "", secret)
    if not enqueue_scoring(comment_id):
        _mark_unsent(db_session, comment_id)
    return Accepted(comment_id, CommentStatus.QUEUED.value, read_token=read_token)
