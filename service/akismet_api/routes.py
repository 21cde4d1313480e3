"""HTTP doors of the Akismet-compatible API (``POST /1.1/…``, form-encoded, plain-text answers)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import Any, TypeVar

from fastapi import APIRouter, Request, Response
from fastapi.responses import PlainTextResponse
from starlette.concurrency import run_in_threadpool

from service.akismet_api import api_docs
from service.akismet_api.forms import AkismetForm, AkismetRequestError, parse_form
from service.akismet_api.verdicts import (
    POLL_SECONDS,
    SUBMITTED,
    Answer,
    current_answer,
    not_ready,
    report,
    store_comment,
)
from service.client_address import client_address
from service.config import get_settings
from service.db import get_sessionmaker
from service.sites.keys import site_for_key

router = APIRouter(prefix="/1.1", tags=["akismet"], default_response_class=PlainTextResponse)
T = TypeVar("T")


def _text(answer: Answer) -> Response:
    return PlainTextResponse(answer.body, status_code=answer.status, headers=answer.headers)


def _refused(exc: AkismetRequestError) -> Response:
    return _text(Answer(exc.body, {"X-akismet-debug-help": exc.debug_help}, exc.status))


def _invalid_key(help_: str) -> Response:
    return _text(Answer("invalid", {"X-akismet-debug-help": help_}))


async def _read_form(request: Request) -> AkismetForm:
    limit = get_settings().request_max_bytes
    too_large = AkismetRequestError("Request too large.", f"The body is over {limit} bytes", 413)
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise too_large
    chunks: list[bytes] = []
    async for chunk in request.stream():
        chunks.append(chunk)
        if sum(map(len, chunks)) > limit:
            raise too_large
    return parse_form(b"".join(chunks), request.headers.get("content-type", ""))


def _in_session(work: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    with get_sessionmaker()() as session:
        return work(*args, db_session=session, **kwargs)


async def _site(form: AkismetForm, key_field: str = "api_key") -> str | None:
    key = form.get(key_field) or form.get("api_key")
    if not key:
        return None
    return await run_in_threadpool(_in_session, site_for_key, key)


@router.post("/verify-key", summary="Akismet verify-key: is this a site's key?", **api_docs.VERIFY_KEY)
async def verify_key(request: Request) -> Response:
    try:
        form = await _read_form(request)
        if not (form.get("key") or form.get("api_key")):
            return _invalid_key('Empty "key" value')
        form.require("blog")
    except AkismetRequestError as exc:
        return _refused(exc)
    site = await _site(form, "key")
    return PlainTextResponse("valid") if site else _invalid_key("The key is not a site key of this service")


async def _authorised(request: Request) -> tuple[AkismetForm, str | None]:
    form = await _read_form(request)
    site = await _site(form)
    if site is not None:
        form.require("blog", "user_ip")
    return form, site


@router.post(
    "/comment-check", summary="Akismet comment-check: store, moderate, answer", **api_docs.COMMENT_CHECK
)
async def comment_check(request: Request) -> Response:
    """Store the comment like any other and answer with the worker's verdict (or 503 when not ready)."""
    settings = get_settings()
    try:
        form, site = await _authorised(request)
        if site is None:
            return _invalid_key("The api_key is not a site key of this service")
        ip = client_address(request, settings)
        comment_id = await run_in_threadpool(
            _in_session, store_comment, form, site, settings=settings, client_ip=ip
        )
    except AkismetRequestError as exc:
        return _refused(exc)
    deadline = time.monotonic() + settings.akismet_verdict_wait_seconds
    pauses = iter(POLL_SECONDS)
    while True:
        answer = await run_in_threadpool(_in_session, current_answer, comment_id)
        if answer is not None:
            return _text(answer)
        left = deadline - time.monotonic()
        if left <= 0:
            break
        await asyncio.sleep(min(next(pauses, POLL_SECONDS[-1]), left))
    return _text(not_ready(comment_id))


async def _submit(request: Request, *, spam: bool) -> Response:
    settings = get_settings()
    try:
        form, site = await _authorised(request)
        if site is None:
            return _invalid_key("The api_key is not a site key of this service")
        ip = client_address(request, settings)
        await run_in_threadpool(_in_session, report, form, site, spam=spam, settings=settings, client_ip=ip)
    except AkismetRequestError as exc:
        return _refused(exc)
    return PlainTextResponse(SUBMITTED)


@router.post("/submit-spam", summary="Akismet submit-spam: the site's moderator says spam", **api_docs.SUBMIT)
async def submit_spam(request: Request) -> Response:
    return await _submit(request, spam=True)


@router.post(
    "/submit-ham", summary="Akismet submit-ham: the site's moderator says not spam", **api_docs.SUBMIT
)
async def submit_ham(request: Request) -> Response:
    return await _submit(request, spam=False)
