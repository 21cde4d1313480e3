"""Liveness and readiness: /healthz says the process answers, /readyz that database, Redis and model do."""

from __future__ import annotations

from typing import Any

import redis
from fastapi import APIRouter, Response
from pydantic import BaseModel
from sqlalchemy import text

from service.comments.routes import json_response
from service.config import get_settings
from service.db import get_engine

router = APIRouter(tags=["health"])


class HealthOut(BaseModel):
    status: str


class ReadyOut(BaseModel):
    status: str
    failed: list[str]
    checks: dict[str, dict[str, Any]]


_READY = {"model": ReadyOut, "description": "Every dependency's state"}


@router.get(
    "/healthz", summary="The process is alive", responses={200: {"model": HealthOut, "description": "Alive"}}
)
async def healthz() -> Response:
    """Always 200 while the event loop runs."""
    return json_response({"status": "ok"})


def _check_database() -> dict[str, Any]:
    with get_engine().connect() as conn:
        conn.execute(text("SELECT 1"))
    return {}


def _check_redis() -> dict[str, Any]:
    """Redis answers; which queue is this deployment's, and how many jobs wait in it."""
    settings = get_settings()
    timeout = settings.broker_timeout_seconds
    client = redis.Redis.from_url(settings.redis_url, socket_timeout=timeout, socket_connect_timeout=timeout)
    try:
        client.ping()
        depth = int(client.llen(settings.queue_name))
    finally:
        client.close()
    return {"queue": settings.queue_name, "depth": depth}


_verified: dict[tuple[str, int, int], str] = {}


def _check_model() -> dict[str, Any]:
    """The model in service exists and passes its checksum (re-hashed only when the file changes)."""
    from service.scoring.artifact import MODEL_FILE, verify_artifact
    from service.scoring.registry import resolve_model_dir

    settings = get_settings()
    directory = resolve_model_dir(settings.models_dir, settings.model_version)
    stat = (directory / MODEL_FILE).stat()
    key = (str(directory), stat.st_mtime_ns, stat.st_size)
    if key not in _verified:
        _verified[key] = str(verify_artifact(directory)["version"])
    return {"version": _verified[key]}


@router.get(
    "/readyz", summary="Database, Redis and model are reachable", responses={200: _READY, 503: _READY}
)
def readyz() -> Response:
    """200 when every dependency answers; 503 naming the ones that failed."""
    checks: dict[str, dict[str, Any]] = {}
    for name, check in (("database", _check_database), ("redis", _check_redis), ("model", _check_model)):
        try:
            checks[name] = {"ok": True, **check()}
        except Exception as exc:  # a readiness probe reports failures, it does not raise them
            checks[name] = {"ok": False, "error": type(exc).__name__}
    failed = [name for name, result in checks.items() if not result["ok"]]
    body = {"status": "unavailable" if failed else "ready", "failed": failed, "checks": checks}
    return json_response(body, 503 if failed else 200)
