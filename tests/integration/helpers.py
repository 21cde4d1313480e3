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


def submit(base: str, data: dict[str, Any], **headers: str) -> httpx.Response:
    return httpx.post(f"{base}/v1/comments", json=data, headers=headers, timeout=10)


def wait_decided(base: str, comment_id: str, timeout: float = 30) -> dict[str, Any]:
    """The comment's detail once the worker has stored a decision."""

    def _decided() -> dict[str, Any] | None:
        detail = httpx.get(f"{base}/v1/comments/{comment_id}", timeout=5).json()
        return detail if detail["status"] in DECIDED else None

    return wait_for(_decided, timeout, f"a decision on comment {comment_id}", interval=0.1)  # type: ignore[return-value]
