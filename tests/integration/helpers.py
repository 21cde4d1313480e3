"""Small HTTP helpers shared by the integration tests."""

from __future__ import annotations

import uuid
from typing import Any

import httpx

from service.processes import wait_for

DECIDED = {"published", "held", "rejected"}


def comment(**changes: Any) -> dict[str, Any]:
    """A valid submission with a unique article id."""
    data: dict[str, Any] = {
        "site": "alghad.example",
        "article_id": f"it-{uuid.uuid4().hex[:12]}",
        "author_name": "قارئ",
        "author_email": "reader@example.com",
        "body": "شكرًا على هذا المقال المفيد",
    }
    data.update(changes)
    return data


# The read token of every comment this test process submitted through submit(), so that reads can show it
# (a status read needs the token or the site's key).
READ_TOKENS: dict[str, str] = {}


def submit(base: str, data: dict[str, Any], **headers: str) -> httpx.Response:
    answer = httpx.post(f"{base}/v1/comments", json=data, headers=headers, timeout=10)
    if answer.status_code == 202:
        READ_TOKENS[answer.json()["id"]] = answer.json()["read_token"]
    return answer


def read(base: str, comment_id: str, timeout: float = 5) -> httpx.Response:
    """GET the comment's status with the read token its submission was answered with."""
    headers = {"X-Raqib-Read-Token": READ_TOKENS.get(comment_id, "")}
    return httpx.get(f"{base}/v1/comments/{comment_id}", headers=headers, timeout=timeout)


def register_site(database_url: str, name: str, key: str | None = None) -> str:
    """Register ``name`` in that database (with ``key`` as an imported key, or a new one); returns the key."""
    from service.db import session_scope
    from service.moderation.admin_audit import Actor
    from service.sites.registry import create_site, import_keys

    with session_scope(database_url) as session:
        if key is not None:
            import_keys(session, Actor(None, "cli:test"), {name: key})
            return key
        return create_site(session, Actor(None, "cli:test"), name)[1]


def wait_decided(base: str, comment_id: str, timeout: float = 30) -> dict[str, Any]:
    """The comment's detail once the worker has stored a decision."""

    def _decided() -> dict[str, Any] | None:
        detail = read(base, comment_id).json()
        return detail if detail["status"] in DECIDED else None

    return wait_for(_decided, timeout, f"a decision on comment {comment_id}", interval=0.1)  # type: ignore[return-value]
