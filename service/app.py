"""The FastAPI application: comment API, health probes and the moderator workspace."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from sqlalchemy.exc import DataError, OperationalError, StatementError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError
from starlette.types import ASGIApp, Receive, Scope, Send

from service import health
from service.comments import routes as comment_routes
from service.comments.errors import ApiError, FieldError, error_body, prefers_arabic
from service.comments.routes import json_response
from service.config import get_settings
from service.inputs import path_problem, query_problems
from service.logging_config import configure_logging
from service.observability.http import RequestObservation
from service.observability.http import router as metrics_router
from service.openapi import install_openapi

log = logging.getLogger(__name__)


def _warm_up() -> None:
    # Import and configure the Celery client before the first comment arrives, off the event loop. The API
    # never loads the model (the worker does); /readyz only verifies the artifact.
    from service.worker import app as celery_app

    celery_app.conf.broker_url  # noqa: B018


@asynccontextmanager
async def lifespan(_: FastAPI) -> AsyncIterator[None]:
    """Warm up in the background: the API answers at once, even while Redis is down."""
    asyncio.get_running_loop().run_in_executor(None, _warm_up)
    yield


def _errors(
    request: Request, status: int, errors: list[FieldError], headers: dict[str, str] | None = None
) -> Response:
    arabic_first = prefers_arabic(request.headers.get("accept-language"))
    return json_response(error_body(errors, arabic_first), status, headers)


async def _api_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ApiError)
    return _errors(request, exc.status, exc.errors, exc.headers or None)


# pydantic error types answered with the API's own code (the rest are "invalid_parameter").
_OWN_CODES = frozenset({"invalid_unicode", "control_characters"})


def _field_error(err: Any) -> FieldError:
    field = ".".join(str(p) for p in err.get("loc", ())[1:]) or None
    limit = (err.get("ctx") or {}).get("max_length")
    if err.get("type") in ("too_long", "string_too_long") and isinstance(limit, int):
        return FieldError(field, "too_long", {"limit": limit})
    return FieldError(field, err["type"] if err.get("type") in _OWN_CODES else "invalid_parameter")


async def _request_validation_error(request: Request, exc: Exception) -> Response:
    # FastAPI's default answer echoes the submitted input back (an e-mail, a password): never send "input".
    assert isinstance(exc, RequestValidationError)
    if request.url.path.startswith(comment_routes.router.prefix):
        return _errors(request, 422, [_field_error(err) for err in exc.errors()])
    # Elsewhere (moderator workspace) keep FastAPI's shape, minus the echoed values.
    detail = [{k: err[k] for k in ("type", "loc", "msg") if k in err} for err in exc.errors()]
    return json_response({"detail": detail}, 422)


# Seconds a client should wait before retrying when the database cannot be reached.
DATABASE_RETRY_AFTER = "5"


async def _unexpected_error(request: Request, exc: Exception) -> Response:
    if isinstance(exc, OperationalError | PoolTimeoutError):
        # The database is down or saturated: nothing was stored, and saying so lets the news site retry
        # (safely, with an Idempotency-Key) instead of dropping the reader's comment on a 500.
        log.error("database unavailable on %s %s: %s", request.method, request.url.path, type(exc).__name__)
        response = _errors(request, 503, [FieldError(None, "database_unavailable")])
        response.headers["Retry-After"] = DATABASE_RETRY_AFTER
        return response
    if isinstance(exc, DataError) or (
        isinstance(exc, StatementError) and isinstance(exc.orig, UnicodeEncodeError | ValueError)
    ):
        # The last line of defence: a value the database refuses (out of range, NUL, not encodable) that no
        # check at the edge caught is the client's mistake, not a server error. Logged to be caught earlier.
        log.warning("database refused a value on %s %s: %s", request.method, request.url.path, exc.orig)
        return _errors(request, 422, [FieldError(None, "invalid_value")])
    log.exception("unhandled error on %s %s", request.method, request.url.path)
    return _errors(request, 500, [FieldError(None, "internal_error")])


class CommentSubmissionShortcut:
    """Serves POST /v1/comments straight from the outer middleware layer: the busiest request skips the
    router, dependency resolution and the inner middleware, with the same handler and the same errors.

    The route stays declared on the router (OpenAPI, and a fallback if this layer is removed).
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not (
            scope["type"] == "http"
            and scope["method"] == "POST"
            and scope["path"] == comment_routes.router.prefix
        ):
            await self.app(scope, receive, send)
            return
        request = Request(scope, receive)
        try:
            response = await comment_routes.post_comment(request)
        except ApiError as exc:
            response = await _api_error(request, exc)
        except Exception as exc:  # the same answer the app's catch-all handler gives
            response = await _unexpected_error(request, exc)
        await response(scope, receive, send)


class InputGuard:
    """Refuses, before any route runs, a path or query parameter the database could not take: a NUL or other
    control character, a lone surrogate, bytes that are not UTF-8. 422 naming the parameter (I-JSON rules)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        problems = query_problems(scope.get("query_string", b""))
        if (code := path_problem(scope["path"])) is not None:
            problems.insert(0, ("path", code))
        if not problems:
            await self.app(scope, receive, send)
            return
        status = 400 if problems[0][1] == "invalid_query_encoding" else 422
        response = _errors(Request(scope), status, [FieldError(f, c) for f, c in problems])
        await response(scope, receive, send)


def create_app() -> FastAPI:
    """Build the application; settings are read here, not at import."""
    settings = get_settings()
    configure_logging(settings.log_level)
    app = FastAPI(title="Raqib", version="0.1.0", lifespan=lifespan)
    app.add_exception_handler(ApiError, _api_error)
    app.add_exception_handler(RequestValidationError, _request_validation_error)
    app.add_exception_handler(Exception, _unexpected_error)
    app.add_middleware(CommentSubmissionShortcut)
    app.add_middleware(InputGuard)  # refuses bad paths and queries before any route or shortcut runs
    app.add_middleware(RequestObservation)  # outermost: ids and counts every request, refusals included
    app.include_router(health.router)
    app.include_router(metrics_router)
    app.include_router(comment_routes.router)
    from service.akismet_api.routes import router as akismet_router

    app.include_router(akismet_router)
    from service.moderation.routes import routers as moderation_routers

    for router in moderation_routers:
        app.include_router(router)
    install_openapi(app)
    return app
