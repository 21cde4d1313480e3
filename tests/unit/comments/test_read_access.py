"""Reading a comment's status and listing a site's comments: the site's key or the comment's read token;
an article's published comments stay public, without scores."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import update
from sqlalchemy.orm import Session

from service.app import create_app
from service.comments.models import Comment
from service.moderation.admin_audit import Actor
from service.sites.registry import create_site

SITE, OTHER = "alghad.example", "other.example"


@pytest.fixture
def client(database_url: str) -> Iterator[TestClient]:
    with TestClient(create_app(), raise_server_exceptions=False) as test_client:
        yield test_client


@pytest.fixture
def keys(session: Session) -> dict[str, dict[str, str]]:
    made = {}
    for name in (SITE, OTHER):
        _, plain = create_site(session, Actor(None, "cli:test"), name)
        made[name] = {"X-Raqib-Site-Key": plain}
    session.commit()
    return made


def submit(client: TestClient, site: str, headers: dict[str, str], **extra: str) -> dict[str, Any]:
    data = {"site": site, "article_id": "a1", "author_name": "قارئ", "author_email": "r@example.com"}
    answer = client.post(
        "/v1/comments",
        content=json.dumps({**data, "body": "نص محجوز"}).encode(),
        headers={"content-type": "application/json", **headers, **extra},
    )
    assert answer.status_code == 202, answer.text
    return dict(answer.json())


def hold(session: Session, comment_id: str) -> None:
    session.execute(update(Comment).where(Comment.id == comment_id).values(status="held"))
    session.commit()


def code(answer: Any) -> str:
    return str(answer.json()["errors"][0]["code"])


def test_status_reads_need_the_token_or_the_sites_key(
    client: TestClient, keys: dict[str, dict[str, str]], session: Session
) -> None:
    accepted = submit(client, SITE, keys[SITE])
    url = accepted["status_url"]
    hold(session, accepted["id"])
    anonymous = client.get(url)
    assert anonymous.status_code == 401 and code(anonymous) == "read_credentials_missing"
    assert "نص محجوز" not in anonymous.text
    by_token = client.get(url, headers={"X-Raqib-Read-Token": accepted["read_token"]})
    assert by_token.status_code == 200 and by_token.json()["body"] == "نص محجوز"
    assert client.get(url, headers=keys[SITE]).json()["status"] == "held"
    # Another site's key, a wrong token, and an unknown id all look alike: 404.
    assert client.get(url, headers=keys[OTHER]).status_code == 404
    assert client.get(url, headers={"X-Raqib-Read-Token": accepted["read_token"] + "x"}).status_code == 404
    other = submit(client, OTHER, keys[OTHER])
    assert (
        client.get(other["status_url"], headers={"X-Raqib-Read-Token": accepted["read_token"]}).status_code
        == 404
    )
    not_a_key = client.get(url, headers={"X-Raqib-Site-Key": "rqs_made_up"})
    assert not_a_key.status_code == 401 and code(not_a_key) == "site_key_invalid"
    with session.begin():
        stored = session.get(Comment, accepted["id"])
        assert stored is not None and accepted["read_token"] not in (stored.read_token_hash or "")


def test_a_replay_answers_with_the_same_token(
    client: TestClient, keys: dict[str, dict[str, str]], session: Session
) -> None:
    first = submit(client, SITE, keys[SITE], **{"Idempotency-Key": "k-1"})
    again = submit(client, SITE, keys[SITE], **{"Idempotency-Key": "k-1"})
    assert again == first  # the first answer, token included
    token = {"X-Raqib-Read-Token": first["read_token"]}
    assert client.get(first["status_url"], headers=token).status_code == 200
    stored = session.get(Comment, first["id"])
    assert stored is not None and stored.read_token_hash and first["read_token"] not in stored.read_token_hash


def test_open_sites_read_with_the_token(client: TestClient, keys: dict[str, dict[str, str]]) -> None:
    accepted = submit(client, "open.example", {})
    assert client.get(accepted["status_url"]).status_code == 401
    assert (
        client.get(accepted["status_url"], headers={"X-Raqib-Read-Token": accepted["read_token"]}).status_code
        == 200
    )


def test_published_lists_stay_public_and_the_rest_needs_the_key(
    client: TestClient, keys: dict[str, dict[str, str]], session: Session
) -> None:
    held = submit(client, SITE, keys[SITE])
    hold(session, held["id"])
    published = submit(client, SITE, keys[SITE])
    session.execute(update(Comment).where(Comment.id == published["id"]).values(status="published"))
    session.commit()
    public = client.get("/v1/comments", params={"site": SITE, "article_id": "a1"})
    assert [item["id"] for item in public.json()["items"]] == [published["id"]]
    assert "scores" not in public.json()["items"][0]  # no scores, reasons or status for the public
    refused = client.get("/v1/comments", params={"site": SITE, "article_id": "a1", "status": "held"})
    assert refused.status_code == 401 and code(refused) == "site_key_required"
    wrong = client.get("/v1/comments", params={"site": SITE, "status": "held"}, headers=keys[OTHER])
    assert wrong.status_code == 401 and code(wrong) == "site_key_invalid"
    # With its key, the site lists its held comments across articles, with the full detail.
    keyed = client.get("/v1/comments", params={"site": SITE.upper(), "status": "held"}, headers=keys[SITE])
    assert keyed.status_code == 200
    [item] = keyed.json()["items"]
    assert item["id"] == held["id"] and item["status"] == "held" and item["scores"] == []
