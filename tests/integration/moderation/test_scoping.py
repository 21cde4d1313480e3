"""Site scoping: a moderator of site A can neither read nor act on site B, by API token or in the UI."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from service.comments.models import Comment

from .conftest import MOD_A, SITE_A, SITE_B, Tokens
from .seed import add_comment, login

pytestmark = pytest.mark.integration

PROBS = {"spam": 0.3, "toxicity": 0.7}


@pytest.fixture
def two_sites(db: Session) -> tuple[str, str]:
    return add_comment(db, site=SITE_A, probs=PROBS), add_comment(db, site=SITE_B, probs=PROBS)


def test_queue_lists_only_own_sites(client: TestClient, tokens: Tokens, two_sites: tuple[str, str]) -> None:
    a, b = two_sites
    assert [i["id"] for i in client.get("/v1/moderation/queue", headers=tokens.mod_a).json()["items"]] == [a]
    assert [i["id"] for i in client.get("/v1/moderation/queue", headers=tokens.mod_b).json()["items"]] == [b]
    asking_for_b = client.get(f"/v1/moderation/queue?site={SITE_B}&queue=all", headers=tokens.mod_a).json()
    assert asking_for_b["items"] == []
    assert len(client.get("/v1/moderation/queue", headers=tokens.admin).json()["items"]) == 2


def test_detail_of_another_site_is_404(
    client: TestClient, tokens: Tokens, two_sites: tuple[str, str]
) -> None:
    a, b = two_sites
    assert client.get(f"/v1/moderation/comments/{b}", headers=tokens.mod_a).status_code == 404
    assert client.get(f"/v1/moderation/comments/{a}", headers=tokens.mod_b).status_code == 404
    assert client.get(f"/v1/moderation/comments/{a}", headers=tokens.mod_a).status_code == 200
    # Same answer as a comment that does not exist: nothing reveals that b exists.
    missing = client.get("/v1/moderation/comments/0123456789abcdef", headers=tokens.mod_a)
    assert missing.json() == client.get(f"/v1/moderation/comments/{b}", headers=tokens.mod_a).json()


@pytest.mark.parametrize("action", ["approve", "reject", "spam", "not_spam", "toxic", "not_toxic"])
def test_actions_on_another_site_are_404(
    client: TestClient, db: Session, tokens: Tokens, two_sites: tuple[str, str], action: str
) -> None:
    _a, b = two_sites
    assert client.post(f"/v1/moderation/comments/{b}/{action}", headers=tokens.mod_a).status_code == 404
    bulk = client.post("/v1/moderation/bulk", headers=tokens.mod_a, json={"action": action, "ids": [b]})
    assert bulk.json()["results"] == [{"id": b, "ok": False, "error": "not_found"}]
    db.expire_all()
    assert db.get(Comment, b).status == "held"  # type: ignore[union-attr]
    assert client.get("/v1/moderation/audit", headers=tokens.admin).json()["items"] == []


def test_parent_on_hidden_site_is_not_shown(client: TestClient, db: Session, tokens: Tokens) -> None:
    parent = add_comment(db, site=SITE_B, status="published", body="سري", probs=PROBS)
    reply = add_comment(db, site=SITE_A, parent_id=parent, probs=PROBS)
    assert client.get(f"/v1/moderation/comments/{reply}", headers=tokens.mod_a).json()["parent"] is None


def test_ui_pages_scope_too(browser: TestClient, two_sites: tuple[str, str]) -> None:
    a, b = two_sites
    csrf = login(browser, MOD_A)
    assert browser.get(f"/moderation/comments/{b}/panel").status_code == 404
    assert browser.get(f"/moderation/comments/{b}", follow_redirects=False).status_code == 404
    assert browser.get(f"/moderation/queue?selected={b}").status_code == 404
    queue = browser.get("/moderation/queue?queue=all")
    assert a in queue.text and b not in queue.text
    posted = browser.post(
        f"/moderation/comments/{b}/action",
        data={"action": "approve", "csrf_token": csrf},
        follow_redirects=False,
    )
    assert posted.status_code == 404
    assert browser.get(f"/moderation/comments/{a}/panel").status_code == 200


def test_token_acts_with_its_creators_sites_and_can_be_revoked(
    client: TestClient, tokens: Tokens, two_sites: tuple[str, str]
) -> None:
    a, b = two_sites
    made = client.post("/v1/moderation/tokens", headers=tokens.mod_a, json={"name": "newsroom"})
    assert made.status_code == 201
    token = made.json()["token"]
    bearer = {"Authorization": f"Bearer {token}"}
    assert client.get(f"/v1/moderation/comments/{b}", headers=bearer).status_code == 404
    assert client.get(f"/v1/moderation/comments/{a}", headers=bearer).status_code == 200
    listed = client.get("/v1/moderation/tokens", headers=bearer).json()["items"]
    assert all("token" not in t for t in listed) and token[:10] in {t["prefix"] for t in listed}
    assert (
        client.delete(f"/v1/moderation/tokens/{made.json()['id']}", headers=tokens.mod_b).status_code == 404
    )
    assert (
        client.delete(f"/v1/moderation/tokens/{made.json()['id']}", headers=tokens.mod_a).status_code == 204
    )
    assert client.get(f"/v1/moderation/comments/{a}", headers=bearer).status_code == 401


def test_tokens_are_stored_hashed(client: TestClient, db: Session, tokens: Tokens) -> None:
    from sqlalchemy import select

    from service.moderation.models import ApiToken

    token = client.post("/v1/moderation/tokens", headers=tokens.mod_a, json={"name": "x"}).json()["token"]
    stored = list(db.scalars(select(ApiToken.token_hash)))
    assert token not in stored and all(len(h) == 64 for h in stored)


def test_admin_only_endpoints(client: TestClient, tokens: Tokens) -> None:
    for path in ("/v1/moderation/audit", "/v1/moderation/users", "/v1/moderation/labels"):
        assert client.get(path, headers=tokens.mod_a).status_code == 403
        assert client.get(path, headers=tokens.admin).status_code == 200
    assert client.get("/v1/moderation/queue").status_code == 401
    assert client.get("/v1/moderation/queue", headers={"Authorization": "Bearer rqb_nope"}).status_code == 401


def test_admin_assigns_sites(
    client: TestClient, db: Session, tokens: Tokens, two_sites: tuple[str, str]
) -> None:
    _a, b = two_sites
    made = client.post(
        "/v1/moderation/users",
        headers=tokens.admin,
        json={
            "email": "new@raqib.test",
            "password": "long enough pw",
            "role": "moderator",
            "sites": [SITE_A],
        },
    )
    assert made.status_code == 201, made.text
    from service.moderation.tokens import create_token

    plain, _ = create_token(db, made.json()["id"], "t")
    db.commit()
    bearer = {"Authorization": f"Bearer {plain}"}
    assert client.get(f"/v1/moderation/comments/{b}", headers=bearer).status_code == 404
    put = client.put(
        f"/v1/moderation/users/{made.json()['id']}/sites", headers=tokens.admin, json={"sites": [SITE_B]}
    )
    assert put.json()["sites"] == [SITE_B]
    assert client.get(f"/v1/moderation/comments/{b}", headers=bearer).status_code == 200
    assert (
        client.post(
            "/v1/moderation/users",
            headers=tokens.mod_a,
            json={"email": "x@raqib.test", "password": "long enough pw", "role": "admin", "sites": []},
        ).status_code
        == 403
    )
