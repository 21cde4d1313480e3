"""The HTTP door: content type, size, encoding and JSON errors in the API's error shape, never a 500."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from service.app import create_app

ADDRESS = "private.reader@example.net"


@pytest.fixture
def client(database_url: str) -> Iterator[TestClient]:
    with TestClient(create_app(), raise_server_exceptions=False) as test_client:
        yield test_client


def valid(**changes: Any) -> dict[str, Any]:
    data = {"site": "s.example", "article_id": "a", "author_name": "ن", "author_email": ADDRESS, "body": "نص"}
    return {**data, **changes}


def post(client: TestClient, content: bytes, content_type: str = "application/json", **headers: str) -> Any:
    return client.post("/v1/comments", content=content, headers={"content-type": content_type, **headers})


def codes(response: Any) -> list[tuple[str | None, str]]:
    return [(e["field"], e["code"]) for e in response.json()["errors"]]


def test_accepted(client: TestClient) -> None:
    answer = post(client, json.dumps(valid()).encode())
    assert answer.status_code == 202
    body = answer.json()
    assert body == {
        "id": body["id"],
        "status": "queued",
        "status_url": f"/v1/comments/{body['id']}",
        "read_token": body["read_token"],
    }
    token = {"X-Raqib-Read-Token": body["read_token"]}
    detail = client.get(body["status_url"], headers=token).json()
    assert detail["status"] == "queued" and detail["author_email_masked"] == "p***@e***.net"
    assert ADDRESS not in client.get(body["status_url"], headers=token).text


@pytest.mark.parametrize(
    "content_type", ["text/plain", "application/x-www-form-urlencoded", "", "application/xml"]
)
def test_json_only(client: TestClient, content_type: str) -> None:
    answer = post(client, json.dumps(valid()).encode(), content_type)
    assert answer.status_code == 415
    assert codes(answer) == [(None, "unsupported_media_type")]


def test_json_with_charset_is_fine(client: TestClient) -> None:
    assert post(client, json.dumps(valid()).encode(), "application/json; charset=utf-8").status_code == 202


@pytest.mark.parametrize("raw", [b'{"site": ', b"{'site': 'x'}", b"", b"nul", b"[" * 100000])
def test_malformed_json_is_400(client: TestClient, raw: bytes) -> None:
    answer = post(client, raw[:60000])
    assert answer.status_code == 400
    assert codes(answer) == [(None, "malformed_json")]
    assert answer.json()["message"]["en"] == "The request body is not valid JSON."


def test_invalid_utf8_is_400(client: TestClient) -> None:
    answer = post(client, b'{"body": "\xd8\xa7\xff\xfe"}')
    assert answer.status_code == 400
    assert codes(answer) == [(None, "invalid_utf8")]


def test_oversize_is_413(client: TestClient) -> None:
    big = json.dumps(valid(body="ب" * 40000)).encode()  # 80 KB of UTF-8
    answer = post(client, big)
    assert answer.status_code == 413
    assert codes(answer) == [(None, "too_large")]
    assert "65536" in answer.json()["message"]["en"]


def test_oversize_without_content_length_is_413(client: TestClient) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"body": "'
        for _ in range(100):
            yield b"x" * 1024
        yield b'"}'

    answer = client.post("/v1/comments", content=chunks(), headers={"content-type": "application/json"})
    assert answer.status_code == 413


def test_all_problems_at_once_with_arabic_first(client: TestClient) -> None:
    answer = post(client, json.dumps({"body": "  ", "extra": 1}).encode(), **{"accept-language": "ar"})
    assert answer.status_code == 422
    body = answer.json()
    assert codes(answer) == [
        ("extra", "unknown_field"),
        ("site", "required"),
        ("author_name", "required"),
        ("author_email", "required"),
        ("body", "blank"),
        ("article_id", "article_or_permalink"),
    ]
    assert list(body["errors"][1]["message"]) == ["ar", "en"]
    assert body["errors"][1]["message"]["ar"] == "هذا الحقل إلزامي"
    english = post(client, json.dumps({}).encode(), **{"accept-language": "en-GB,en;q=0.9"}).json()
    assert list(english["errors"][0]["message"]) == ["en", "ar"]


def test_invalid_email_is_never_echoed(client: TestClient) -> None:
    bad = "private.reader@@example.net"
    answer = post(client, json.dumps(valid(author_email=bad, body=1)).encode())
    assert answer.status_code == 422
    assert codes(answer) == [("author_email", "invalid_email"), ("body", "invalid_type")]
    assert "private.reader" not in answer.text


def test_query_errors_do_not_echo_input(client: TestClient) -> None:
    answer = client.get("/v1/comments", params={"site": "s", "article_id": "a", "limit": ADDRESS})
    assert answer.status_code == 422
    assert ADDRESS not in answer.text
    assert (
        client.get("/v1/comments", params={"site": "s", "article_id": "a", "status": ADDRESS}).status_code
        == 422
    )
    assert (
        client.get("/v1/comments", params={"site": "s", "article_id": "a", "cursor": "@@@"}).status_code
        == 422
    )


def test_unknown_comment_is_404(client: TestClient) -> None:
    answer = client.get("/v1/comments/" + "0" * 32, headers={"X-Raqib-Read-Token": "rqr_guess"})
    assert answer.status_code == 404
    assert codes(answer) == [("id", "not_found")]


def test_bad_idempotency_key_is_400(client: TestClient) -> None:
    answer = post(client, json.dumps(valid()).encode(), **{"Idempotency-Key": "x" * 300})
    assert answer.status_code == 400
    assert codes(answer) == [("Idempotency-Key", "invalid_idempotency_key")]


def test_probes(client: TestClient) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}
    ready = client.get("/readyz")
    assert ready.status_code == 503  # no broker at the test's REDIS_URL
    assert "redis" in ready.json()["failed"]
    assert ready.json()["checks"]["database"] == {"ok": True}
