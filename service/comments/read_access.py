"""Who may read what a comment's site sees: its status, scores, reasons, and held or rejected bodies.

A held comment's text and scores are for its site and its moderators, not for whoever learns its id. The
site reads any of its comments with its key; the submitter reads one comment with the read token its 202
answer carried (only the token's SHA-256 is stored). Published comments of an article stay public in the
list endpoint, without scores.
"""

from __future__ import annotations

import base64
import hashlib
import hmac

from sqlalchemy.orm import Session, selectinload

from service.comments.errors import ApiError, FieldError
from service.comments.models import Comment
from service.inputs import normalize_site
from service.sites import SITE_KEY_HEADER, site_for_key

READ_TOKEN_HEADER = "X-Raqib-Read-Token"
READ_TOKEN_PREFIX = "rqr_"
MAX_ID_CHARS = 32


def read_token_for(comment_id: str, secret: str) -> str:
    """The comment's read token: a keyed hash of its id (192 bits), so that a retry with the same
    Idempotency-Key is answered with the very same token while only the token's hash is stored."""
    mac = hmac.new(secret.encode(), f"read-token\x1f{comment_id}".encode(), hashlib.sha256).digest()
    return READ_TOKEN_PREFIX + base64.urlsafe_b64encode(mac[:24]).decode()


def read_token_digest(token: str) -> str:
    """What is stored of a read token: its SHA-256 (tokens already issued survive a change of secret)."""
    return hashlib.sha256(token.encode()).hexdigest()


def _not_found() -> ApiError:
    return ApiError(404, [FieldError("id", "not_found")])


def readable_comment(
    db_session: Session, comment_id: str, *, site_key: str | None, read_token: str | None
) -> Comment:
    """The comment, with its scores, if the caller's site key or read token opens it.

    No credentials at all: 401. A key that is no site's live key: 401 ``site_key_invalid``. Otherwise a
    comment that does not exist, belongs to another site, or does not match the token is 404 alike, so
    ids cannot be probed.
    """
    if not site_key and not read_token:
        raise ApiError(401, [FieldError(READ_TOKEN_HEADER, "read_credentials_missing")])
    site = site_for_key(site_key, db_session=db_session) if site_key else None
    if site_key and site is None:
        raise ApiError(401, [FieldError(SITE_KEY_HEADER, "site_key_invalid")])
    if len(comment_id) > MAX_ID_CHARS:
        raise _not_found()
    comment = db_session.get(Comment, comment_id, options=[selectinload(Comment.scores)])
    if comment is None:
        raise _not_found()
    if site is not None:
        if comment.site != site:
            raise _not_found()
        return comment
    stored = comment.read_token_hash
    if not stored or not hmac.compare_digest(read_token_digest(read_token or "").encode(), stored.encode()):
        raise _not_found()
    return comment


def require_site_key(site: str, site_key: str | None, *, db_session: Session) -> None:
    """401 unless ``site_key`` is a live key of ``site`` (listings beyond the public, published view)."""
    if not site_key:
        raise ApiError(401, [FieldError(SITE_KEY_HEADER, "site_key_required")])
    if site_for_key(site_key, db_session=db_session) != normalize_site(site):
        raise ApiError(401, [FieldError(SITE_KEY_HEADER, "site_key_invalid")])
