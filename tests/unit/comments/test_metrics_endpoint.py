"""/metrics in one process (no multiprocess directory): requests by route template, the pipeline's state."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from service.app import create_app
from service.config import get_settings


@pytest.fixture
def client(database_url: str) -> Iterator[TestClient]:
    with TestClient(create_app(), raise_server_exceptions=False) as test_client:
        yield test_client


def _data() -> dict[str, str]:
    return {"site": "m.example", "article_id": "a", "author_name": "ن", "author_email": "n@example.com",
            "body": "نص"}  # fmt: skip


def _value(text: str, prefix: str) -> float:
    [line] = [line for line in text.splitlines() if line.startswith(prefix)]
    return float(line.rsplit(" ", 1)[1])


def test_requests_are_counted_by_route_template_and_status(client: TestClient) -> None:
    before = client.get("/metrics").text
    accepted = client.post("/v1/comments", json=_data())
    assert accepted.status_code == 202 and len(accepted.headers["x-request-id"]) == 32
    token = {"X-Raqib-Read-Token": accepted.json()["read_token"]}
    assert client.get(f"/v1/comments/{accepted.json()['id']}", headers=token).status_code == 200
    client.get("/v1/comments/" + "f" * 32, headers=token)  # 404
    client.get("/no/such/path/with/an/id/123")
    text = client.get("/metrics").text
    post = 'raqib_http_requests_total{method="POST",route="/v1/comments",status="202"}'
    previous = _value(before, post) if post in before else 0.0
    assert _value(text, post) == previous + 1
    assert 'route="/v1/comments/{comment_id}",status="404"' in text
    assert 'route="unmatched"' in text and "/no/such/path" not in text
    assert "raqib_queued_comments 1.0" in text  # the one just stored (no broker here)
    assert "raqib_queue_oldest_age_seconds" in text and "raqib_queue_depth" not in text  # Redis unreachable
    assert 'raqib_model_info{role="active",version="' in text


def test_a_caller_request_id_is_kept_and_a_bad_one_replaced(client: TestClient) -> None:
    assert client.get("/healthz", headers={"X-Request-ID": "site-req-1234"}).headers["x-request-id"] == (
        "site-req-1234"
    )
    replaced = client.get("/healthz", headers={"X-Request-ID": "<script>"}).headers["x-request-id"]
    assert replaced != "<script>" and len(replaced) == 32


def test_metrics_token(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RAQIB_METRICS_TOKEN", "scrape-secret")
    get_settings.cache_clear()
    assert client.get("/metrics").status_code == 401
    assert client.get("/metrics", headers={"Authorization": "Bearer wrong"}).status_code == 401
    assert client.get("/metrics", headers={"Authorization": "Bearer scrape-secret"}).status_code == 200
