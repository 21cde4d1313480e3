"""HTTP doors of the comment pipeline: post a comment, read its verdict (site key or read token), list an
article's published comments (public) or a site's comments in any state (its key)."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request, Response
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from service.client_address import client_address
from service.comments.api_docs import (
    AcceptedOut,
    CommentDetailOut,
    CommentForm,
    CommentPageOut,
    request_body,
)
from service.comments.errors import ApiError, FieldError
from service.comments.models import Comment, CommentStatus
from service.comments.read_access import READ_TOKEN_HEADER, readable_comment, require_site_key
from service.comments.schemas import Accepted
from service.comments.storage import autocommit_engine, list_published
from service.comments.submission import submit_comment
from service.comments.validation import check_idempotency_key
from service.config import get_settings
from service.db import get_engine, get_sessionmaker
from service.inputs import normalize_site
from service.signals.reasons import explain
from service.sites import SITE_KEY_HEADER

router = APIRouter(prefix="/v1/comments", tags=["comments"])

LIST_DEFAULT_LIMIT = 50
LIST_MAX_LIMIT = 200
IDEMPOTENCY_HEADER = {
    "name": "Idempotency-Key",
    "in": "header",
    "required": False,
    "schema": {"type": "string", "maxLength": 200},
    "description": "A retried request with the same key gets the first answer instead of a duplicate.",
}
SITE_KEY_PARAMETER = {
    "name": SITE_KEY_HEADER,
    "in": "header",
    "required": False,
    "schema": {"type": "string"},
    "description": "The site's key (`raqib sites create`), required when the site is registered.",
}
READ_TOKEN_PARAMETER = {
    "name": READ_TOKEN_HEADER,
    "in": "header",
    "required": False,
    "schema": {"type": "string"},
    "description": "The read_token of the comment's 202 answer; or send the site's key instead.",
}
READABLE_STATUSES = frozenset(s.value for s in CommentStatus)


def json_response(content: Any, status_code: int = 200, headers: dict[str, str] | None = None) -> Response:
    """A JSON response serialised once, with Arabic kept readable (no \\u escapes)."""
    body = json.dumps(content, ensure_ascii=False, separators=(",", ":"), default=str).encode()
    return Response(body, status_code=status_code, media_type="application/json", headers=headers)


async def json_body(request: Request) -> Any:
    """The request body decoded as JSON, refusing wrong types (415), oversize (413) and bad bytes (400)."""
    media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media_type != "application/json":
        raise ApiError(415, [FieldError(None, "unsupported_media_type")])
    limit = get_settings().request_max_bytes
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise ApiError(413, [FieldError(None, "too_large", {"limit": limit})])
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:  # a chunked body without Content-Length is cut off as soon as it is too big
            raise ApiError(413, [FieldError(None, "too_large", {"limit": limit})])
        chunks.append(chunk)
    try:
        text = b"".join(chunks).decode("utf-8")
    except UnicodeDecodeError:
        raise ApiError(400, [FieldError(None, "invalid_utf8")]) from None
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        raise ApiError(400, [FieldError(None, "malformed_json")]) from None


def _session() -> Session:
    return get_sessionmaker()()


def _submission_session() -> Session:
    """A session whose statements commit one by one: no BEGIN/COMMIT round trips on the hot path.

    A submission writes a single row; its idempotency is guarded by the unique (site, key) constraint, not by
    a transaction, so nothing is lost and the row is committed before its id is enqueued.
    """
    return Session(bind=autocommit_engine(get_engine()), expire_on_commit=False)


def _submit(body: Any, key: str | None, site_key: str | None, client_ip: str | None) -> Accepted:
    with _submission_session() as session:
        return submit_comment(
            body,
            db_session=session,
            settings=get_settings(),
            idempotency_key=key,
            site_key=site_key,
            client_ip=client_ip,
        )


@router.post(
    "",
    status_code=202,
    summary="Submit a reader's comment for moderation",
    openapi_extra={"parameters": [IDEMPOTENCY_HEADER, SITE_KEY_PARAMETER], **request_body(CommentForm)},
    responses={202: {"model": AcceptedOut, "description": "Stored and queued for scoring"}},
)
async def post_comment(request: Request) -> Response:
    """Store the comment (e-mails masked) and queue it for scoring; 202 with its id and status URL."""
    # The hot path: the body is read and checked by hand (no dependency injection, no pydantic model), and
    # only the blocking database and broker work goes to the thread pool.
    body = await json_body(request)
    key = check_idempotency_key(request.headers.get("idempotency-key"))
    site_key = request.headers.get(SITE_KEY_HEADER)
    ip = client_address(request, get_settings())
    accepted = await run_in_threadpool(_submit, body, key, site_key, ip)
    headers = {"Location": accepted.status_url}
    if accepted.replayed:
        headers["Idempotent-Replayed"] = "true"
    return json_response(accepted.as_json(), 202, headers)


def comment_detail(comment: Comment) -> dict[str, Any]:
    """The moderation state of one comment: masked fields, status, decision and every model's scores."""
    decided = comment.decided_by is not None
    return {
        "id": comment.id,
        "site": comment.site,
        "article_id": comment.article_id,
        "permalink": comment.permalink,
        "parent_id": comment.parent_id,
        "author_name": comment.author_name,
        "author_email_masked": comment.author_email_masked,
        "author_url": comment.author_url,
        "body": comment.body,
        "lang": comment.lang,
        "status": comment.status,
        "model_version": comment.model_version,
        "decision": {"status": comment.status, "by": comment.decided_by, "at": comment.decided_at}
        if decided
        else None,
        "scores": [
            {
                "model_version": s.model_version,
                "probabilities": s.probabilities,
                "decision": s.decision,
                "reasons": s.reasons,
                "explanations": explain(s.reasons or [], s.findings),
                "spans": s.spans,
                "dialect": s.dialect,
                "latency_ms": s.latency_ms,
                "scored_at": s.created_at,
            }
            for s in comment.scores
        ],
        "submitted_at": comment.submitted_at,
        "created_at": comment.created_at,
        "scored_at": comment.scored_at,
    }


@router.get(
    "/{comment_id}",
    summary="Status, scores and decision of one comment (the site's key or the comment's read token)",
    openapi_extra={"parameters": [SITE_KEY_PARAMETER, READ_TOKEN_PARAMETER]},
    responses={
        200: {"model": CommentDetailOut, "description": "The comment"},
    },
)
def get_comment(comment_id: str, request: Request) -> Response:
    """The comment's masked fields and moderation state; 404 alike for unknown ids and other sites'."""
    with _session() as session:
        comment = readable_comment(
            session,
            comment_id,
            site_key=request.headers.get(SITE_KEY_HEADER),
            read_token=request.headers.get(READ_TOKEN_HEADER),
        )
        return json_response(comment_detail(comment))


def _public(comment: Comment) -> dict[str, Any]:
    return {
        "id": comment.id,
        "parent_id": comment.parent_id,
        "author_name": comment.author_name,
        "author_url": comment.author_url,
        "body": comment.body,
        "created_at": comment.created_at,
    }


def _limit(raw: str | None) -> int:
    if raw is None:
        return LIST_DEFAULT_LIMIT
    if not raw.isdigit() or not 1 <= int(raw) <= LIST_MAX_LIMIT:
        raise ApiError(422, [FieldError("limit", "invalid_parameter")])
    return int(raw)


@router.get(
    "",
    summary="Published comments of an article (public); with the site's key, its comments in any state",
    openapi_extra={"parameters": [SITE_KEY_PARAMETER]},
    responses={
        200: {"model": CommentPageOut, "description": "One page"},
    },
)
def list_comments(
    request: Request,
    site: str | None = None,
    article_id: str | None = None,
    permalink: str | None = None,
    status: str = CommentStatus.PUBLISHED.value,
    limit: str | None = None,
    cursor: str | None = None,
) -> Response:
    """An article's published comments are public (what its page shows). Anything more (another status,
    the whole site, scores and reasons) needs the site's key; the items then carry the full detail."""
    site_key = request.headers.get(SITE_KEY_HEADER)
    errors = []
    if not site or not site.strip():
        errors.append(FieldError("site", "required"))
    if not (article_id or permalink) and not site_key:
        errors.append(FieldError("article_id", "article_or_permalink"))
    if status not in READABLE_STATUSES:
        errors.append(FieldError("status", "invalid_parameter"))
    if errors:
        raise ApiError(422, errors)
    if status != CommentStatus.PUBLISHED.value and not site_key:
        raise ApiError(401, [FieldError(SITE_KEY_HEADER, "site_key_required")])
    size = _limit(limit)
    with _session() as session:
        if site_key:
            require_site_key(site or "", site_key, db_session=session)
        try:
            page = list_published(
                session,
                site=normalize_site(site or ""),
                article_id=article_id,
                permalink=permalink,
                limit=size,
                cursor=cursor,
                status=status,
                with_scores=bool(site_key),
            )
        except ValueError:
            raise ApiError(422, [FieldError("cursor", "invalid_parameter")]) from None
        items = [comment_detail(c) if site_key else _public(c) for c in page.items]
    next_url = None
    if page.next_cursor:
        params = {"site": site, "article_id": article_id, "permalink": permalink, "status": status}
        query = {k: v for k, v in params.items() if v} | {"limit": size, "cursor": page.next_cursor}
        next_url = f"{router.prefix}?{urlencode(query)}"
    return json_response({"items": items, "next": next_url})
