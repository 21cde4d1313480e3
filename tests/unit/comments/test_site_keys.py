"""Per-site keys on comment submission: a keyed site must present its key; strict mode refuses the rest."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from service.app import create_app
from service.comments.models import Comment
from service.config import get_settings
from service.db import get_sessionmaker

KEY = "k3y-for-alghad-0123456789"
KEYED, OPEN = "alghad.example", "open.example"


def _comment(site: str) -> bytes:
    data = {
        "site": site,
        "article_id": "a1",
        "author_name": "قارئ",
        "author_email": "r@example.com",
        "body": "نص",
    }
    return json.dumps(data).encode()


@pytest.fixture
def client(database_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[TestClient]:
    monkeypatch.setenv("RAQIB_SITE_KEYS", json.dumps({KEYED: KEY}))
    get_settings.cache_clear()
    with TestClient(create_app(), raise_server_exceptions=False) as test_client:
        yield test_client
    get_settings.cache_clear()


def post(client: TestClient, site: str, **headers: str):  # type: ignore[no-untyped-def]
    return client.post(
        "/v1/comments", content=_comment(site), headers={"content-type": "application/json", **headers}
    )


def stored(database_url: str) -> int:
    with get_sessionmaker(database_url)() as session:
        return session.query(Comment).count()


def test_keyed_site_needs_its_key(client: TestClient, database_url: str) -> None:
    missing = post(client, KEYED)
    assert missing.status_code == 401
    assert [(e["field"], e["code"]) for e in missing.json()["errors"]] == [
        ("X-Raqib-Site-Key", "site_key_missing")
    ]
    wrong = post(client, KEYED, **{"X-Raqib-Site-Key": KEY[:-1] + "x"})
    assert wrong.status_code == 401 and wrong.json()["errors"][0]["code"] == "site_key_invalid"
    assert stored(database_url) == 0  # refused calls store nothing
    assert post(client, KEYED, **{"X-Raqib-Site-Key": KEY}).status_code == 202
    assert stored(database_url) == 1


def test_a_site_key_does_not_open_another_keyed_site(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RAQIB_SITE_KEYS", json.dumps({KEYED: KEY, "other.example": "other-key-abcdefgh"}))
    get_settings.cache_clear()
    assert post(client, "other.example", **{"X-Raqib-Site-Key": KEY}).status_code == 401


def test_site_without_key_is_open_unless_keys_are_required(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert post(client, OPEN).status_code == 202
    monkeypatch.setenv("RAQIB_REQUIRE_SITE_KEYS", "true")
    get_settings.cache_clear()
    refused = post(client, OPEN)
    assert refused.status_code == 401 and refused.json()["errors"][0]["code"] == "site_not_registered"
    assert post(client, KEYED, **{"X-Raqib-Site-Key": KEY}).status_code == 202
