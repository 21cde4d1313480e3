"""Site keys on comment submission (SQLite, through the app): a registered site must present a live key of
its own; revoked sites are refused; unregistered sites are open unless keys are required."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from service.app import create_app
from service.comments.models import Comment
from service.config import get_settings
from service.db import get_sessionmaker
from service.moderation.admin_audit import Actor
from service.sites import site_for_key
from service.sites.registry import create_site, revoke_site, rotate_key

KEYED, OPEN = "alghad.example", "open.example"
OPERATOR = Actor(None, "cli:test")


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
def client(database_url: str) -> Iterator[TestClient]:
    with TestClient(create_app(), raise_server_exceptions=False) as test_client:
        yield test_client


@pytest.fixture
def key(session: Session) -> str:
    _, plain = create_site(session, OPERATOR, KEYED, title="الغد")
    session.commit()
    return plain


def post(client: TestClient, site: str, key: str | None = None):  # type: ignore[no-untyped-def]
    headers = {"content-type": "application/json"}
    if key is not None:
        headers["X-Raqib-Site-Key"] = key
    return client.post("/v1/comments", content=_comment(site), headers=headers)


def code(answer) -> str:  # type: ignore[no-untyped-def]
    return str(answer.json()["errors"][0]["code"])


def stored(database_url: str) -> int:
    with get_sessionmaker(database_url)() as session:
        return session.query(Comment).count()


def test_a_registered_site_needs_its_key(client: TestClient, key: str, database_url: str) -> None:
    missing = post(client, KEYED)
    assert missing.status_code == 401
    assert [(e["field"], e["code"]) for e in missing.json()["errors"]] == [
        ("X-Raqib-Site-Key", "site_key_missing")
    ]
    wrong = post(client, KEYED, key[:-1] + ("x" if key[-1] != "x" else "y"))
    assert wrong.status_code == 401 and code(wrong) == "site_key_invalid"
    assert stored(database_url) == 0  # refused calls store nothing
    assert post(client, KEYED, key).status_code == 202
    assert stored(database_url) == 1


def test_names_are_compared_in_their_normalised_spelling(client: TestClient, key: str) -> None:
    assert post(client, "ALGHAD.example\u200b").status_code == 401  # a look-alike is the keyed site
    assert post(client, "ＡＬＧＨＡＤ.example", key).status_code == 202


def test_a_site_key_does_not_open_another_registered_site(
    client: TestClient, key: str, session: Session
) -> None:
    _, other = create_site(session, OPERATOR, "other.example")
    session.commit()
    assert post(client, "other.example", key).status_code == 401
    assert post(client, "other.example", other).status_code == 202
    assert site_for_key(other, db_session=session) == "other.example"
    assert site_for_key(key, db_session=session) == KEYED
    assert site_for_key("rqs_nobody", db_session=session) is None


def test_rotation_keeps_the_old_key_for_the_grace_period_only(
    client: TestClient, key: str, session: Session
) -> None:
    newer = rotate_key(session, OPERATOR, KEYED, grace_seconds=3600)
    session.commit()
    assert post(client, KEYED, key).status_code == 202  # inside the grace period
    assert post(client, KEYED, newer).status_code == 202
    newest = rotate_key(session, OPERATOR, KEYED, grace_seconds=1)
    session.commit()
    assert post(client, KEYED, key).status_code == 202  # a shorter grace shortens the older keys' too
    time.sleep(1.2)
    for ended in (key, newer):
        assert code(post(client, KEYED, ended)) == "site_key_invalid"
        assert site_for_key(ended, db_session=session) is None
    assert post(client, KEYED, newest).status_code == 202


def test_a_revoked_site_is_refused_even_when_unregistered_sites_are_open(
    client: TestClient, key: str, session: Session
) -> None:
    revoke_site(session, OPERATOR, KEYED)
    session.commit()
    for presented in (key, None):
        answer = post(client, KEYED, presented)
        assert answer.status_code == 401 and code(answer) == "site_revoked"
    assert site_for_key(key, db_session=session) is None
    assert post(client, OPEN).status_code == 202


def test_an_unregistered_site_is_open_unless_keys_are_required(
    client: TestClient, key: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert post(client, OPEN).status_code == 202
    monkeypatch.setenv("RAQIB_REQUIRE_SITE_KEYS", "true")
    get_settings.cache_clear()
    refused = post(client, OPEN)
    assert refused.status_code == 401 and code(refused) == "site_not_registered"
    assert post(client, KEYED, key).status_code == 202


def test_a_site_left_in_the_old_variable_is_closed_not_opened(
    client: TestClient, monkeypatch: pytest.MonkeyPatch, database_url: str
) -> None:
    monkeypatch.setenv("RAQIB_SITE_KEYS", json.dumps({"Legacy.Example": "legacy-key-0123456789abcdef"}))
    get_settings.cache_clear()
    refused = post(client, "legacy.example", "legacy-key-0123456789abcdef")
    assert refused.status_code == 401 and code(refused) == "site_not_registered"  # import it first
    assert stored(database_url) == 0
    assert post(client, OPEN).status_code == 202
