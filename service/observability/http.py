"""HTTP side of observability: one ASGI layer that gives each request an id and counts it, and /metrics."""

from __future__ import annotations

import re
import secrets
import time
import uuid

from fastapi import APIRouter, Request, Response
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, generate_latest
from prometheus_client.multiprocess import MultiProcessCollector
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from service.config import get_settings
from service.observability.collectors import PipelineCollector
from service.observability.logs import request_id_var
from service.observability.metrics import get_metrics, multiprocess_dir

REQUEST_ID_HEADER = "x-request-id"
# A caller's own request id is kept when it is short and plain; anything else gets a fresh one.
_GOOD_ID = re.compile(r"^[A-Za-z0-9._:-]{8,64}$")
SUBMISSION_ROUTE = "/v1/comments"

router = APIRouter(tags=["health"])


def request_id_from(scope: Scope) -> str:
    for name, value in scope.get("headers", ()):
        if name == b"x-request-id":
            candidate = value.decode("latin-1")
            if _GOOD_ID.match(candidate):
                return candidate
    return uuid.uuid4().hex


def route_label(scope: Scope) -> str:
    """The matched route's template (``/v1/comments/{comment_id}``), never the raw path (unbounded)."""
    route = scope.get("route")
    path = getattr(route, "path", None)
    if path:
        return str(path)
    if scope.get("method") == "POST" and scope.get("path") == SUBMISSION_ROUTE:
        return SUBMISSION_ROUTE  # served by the submission shortcut, before the router
    return "unmatched"


class RequestObservation:
    """The outermost layer: a request id in a context variable and the X-Request-ID answer header, and
    the request counted by method, route template and status with its latency."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        rid = request_id_from(scope)
        token = request_id_var.set(rid)
        started = time.perf_counter()
        status = 500

        async def _send(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
                message["headers"] = [*message.get("headers", []), (b"x-request-id", rid.encode())]
            await send(message)

        try:
            await self.app(scope, receive, _send)
        finally:
            request_id_var.reset(token)
            metrics = get_metrics()
            method, route = scope.get("method", ""), route_label(scope)
            metrics.http_requests.labels(method, route, str(status)).inc()
            metrics.http_latency.labels(method, route).observe(time.perf_counter() - started)


def scrape_registry() -> CollectorRegistry:
    """Every process's counters (multiprocess files) or this process's, plus the scrape-time gauges."""
    directory = multiprocess_dir()
    if directory:
        get_metrics()  # the directory exists and this process writes there too
        registry = CollectorRegistry()
        MultiProcessCollector(registry, path=directory)
    else:
        registry = CollectorRegistry()
        registry.register(_Forward(get_metrics().registry))
    registry.register(PipelineCollector())
    return registry


class _Forward:
    """Collects another registry (this process's own counters) into the scrape registry."""

    def __init__(self, source: CollectorRegistry) -> None:
        self.source = source

    def collect(self):  # type: ignore[no-untyped-def]
        return self.source.collect()


@router.get("/metrics", summary="Prometheus metrics", include_in_schema=False)
def metrics_endpoint(request: Request) -> Response:
    """Prometheus text format; behind a bearer token when RAQIB_METRICS_TOKEN is set."""
    token = get_settings().metrics_token
    if token is not None:
        given = request.headers.get("authorization", "")
        if not secrets.compare_digest(given.encode(), f"Bearer {token.get_secret_value()}".encode()):
            return Response(status_code=401, headers={"WWW-Authenticate": "Bearer"})
    return Response(generate_latest(scrape_registry()), media_type=CONTENT_TYPE_LATEST)
