"""Every hostile input gets a 4xx naming the field and the reason, on PostgreSQL: never a 500.

Lone surrogates (what a site's JavaScript sends when it cuts an emoji in half), NUL and other control
characters, integers beyond the database's range, look-alike site names.
"""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from service.comments.models import Comment
from service.config import get_settings

from .conftest import Tokens
from .seed import add_comment, register

pytestmark = pytest.mark.integration

NO_BROKER = "redis://127.0.0.1:9/0"  # nothing listens: comments stay queued, the machine's Redis is untouched
GOOD = {
    "site": "site-a.example",
    "article_id": "a-1",
    "author_name": "سعاد",
    "author_email": "souad@example.org",
    "body": "مقال ممتاز",
}
SURROGATE = "x\ud800y"
HUGE = 2**40


@pytest.fixture(autouse=True)
def no_broker(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REDIS_URL", NO_BROKER)
    get_settings.cache_clear()


def post_raw(client: TestClient, payload: dict, **headers: str):  # type: ignore[no-untyped-def]
    # json.dumps writes a lone surrogate as the escape "\ud800", exactly as a browser's JSON.stringify does.
    body = json.dumps(payload).encode()
    return client.post("/v1/comments", content=body, headers={"Content-Type": "application/json", **headers})


def count(db: Session) -> int:
    db.expire_all()
    return int(db.scalar(select(func.count()).select_from(Comment)) or 0)


OPTIONAL = ["author_url", "user_agent", "referrer", "lang", "parent_id"]


@pytest.mark.parametrize("field", [*sorted(GOOD), *OPTIONAL])
def test_lone_surrogate_in_any_field_is_a_422_naming_it(client: TestClient, db: Session, field: str) -> None:
    value = "https://x.example/" + SURROGATE if field == "author_url" or field == "referrer" else SURROGATE
    answer = post_raw(client, {**GOOD, field: value})
    assert answer.status_code == 422, answer.text
    assert {"field": field, "code": "invalid_unicode"} in [
        {k: e[k] for k in ("field", "code")} for e in answer.json()["errors"]
    ]
    assert count(db) == 0


def test_surrogate_in_a_field_name_or_nested_value(client: TestClient, db: Session) -> None:
    answer = post_raw(client, {**GOOD, "x\udc00": "1"})
    assert answer.status_code == 422, answer.text
    assert answer.json()["errors"][0]["code"] in {"invalid_unicode", "unknown_field"}
    answer = post_raw(client, {**GOOD, "body": ["a", {"b": SURROGATE}]})
    assert answer.status_code == 422, answer.text
    assert count(db) == 0


def test_surrogate_in_idempotency_retry_and_report(client: TestClient, db: Session) -> None:
    for _ in range(2):  # a retry fails the same way, cleanly
        answer = post_raw(client, {**GOOD, "body": SURROGATE}, **{"Idempotency-Key": "k-1"})
        assert answer.status_code == 422
    cid = add_comment(db, status="published")
    answer = client.post(
        f"/v1/comments/{cid}/reports",
        content=json.dumps({"reason": SURROGATE}),
        headers={"Content-Type": "application/json"},
    )
    assert answer.status_code == 422, answer.text
    answer = client.post(f"/v1/comments/{cid}/reports", json={"reason": "a\x00b"})
    assert answer.status_code == 422, answer.text
    answer = client.post(f"/v1/comments/{cid}/reports", json={"reason": "ok", "reporter": "r\x00"})
    assert answer.status_code == 422, answer.text


@pytest.mark.parametrize(
    "query",
    [
        "q=a%00b",
        "site=a%00b",
        "article_id=%00",
        "author_hash=%00",
        "cursor=%00",
        "status=%00",
        "label=%00",
        "sort=%00",
        "queue=%00",
        "q=%ED%A0%80",
    ],
)
def test_control_characters_in_queue_filters(client: TestClient, tokens: Tokens, query: str) -> None:
    answer = client.get(f"/v1/moderation/queue?{query}", headers=tokens.admin)
    assert 400 <= answer.status_code < 500, answer.text


@pytest.mark.parametrize(
    "path",
    [
        "/v1/moderation/audit?cursor=99999999999999999999",
        "/v1/moderation/audit?cursor=-99999999999",
        "/v1/moderation/audit?actor=%00",
        "/v1/moderation/audit?comment_id=%00",
        "/v1/moderation/comments/%00",
        "/v1/comments/%00",
        "/v1/comments?site=%00&article_id=a",
        "/v1/comments?site=a&article_id=%00",
        "/v1/comments?site=a&article_id=a&cursor=%00",
    ],
)
def test_out_of_range_and_nul_anywhere(client: TestClient, tokens: Tokens, path: str) -> None:
    answer = client.get(path, headers=tokens.admin)
    assert 400 <= answer.status_code < 500, answer.text


@pytest.mark.parametrize(
    "method,path,body",
    [
        ("delete", "/v1/moderation/tokens/99999999999", None),
        ("put", "/v1/moderation/users/99999999999/sites", {"sites": ["a"]}),
        ("put", "/v1/moderation/users/99999999999/active", {"active": True}),
        ("put", "/v1/moderation/users/1/sites", {"sites": ["a\x00"]}),
        ("post", "/v1/moderation/tokens", {"name": "a\x00"}),
        ("post", "/v1/moderation/users", {"email": "a\x00@b.c", "password": "x" * 12, "role": "admin"}),
        ("post", "/v1/moderation/bulk", {"action": "approve", "ids": ["a\x00"]}),
        ("post", "/v1/moderation/bulk", {"action": "approve", "ids": ["a"], "note": "\x00"}),
        (
            "post",
            "/v1/moderation/bulk",
            {"action": "approve", "ids": ["a"], "expected": {"a": {"version": 2**40}}},
        ),
    ],
)
def test_moderation_writes_refuse_bad_values(
    client: TestClient, tokens: Tokens, method: str, path: str, body: dict | None
) -> None:
    answer = client.request(method, path, json=body, headers=tokens.admin)
    assert 400 <= answer.status_code < 500, answer.text


def test_action_note_and_expected_version(client: TestClient, db: Session, tokens: Tokens) -> None:
    cid = add_comment(db)
    for body in ({"note": "a\x00b"}, {"expected_version": 2**40}, {"note": SURROGATE}):
        answer = client.post(
            f"/v1/moderation/comments/{cid}/approve",
            content=json.dumps(body),
            headers={**tokens.admin, "Content-Type": "application/json"},
        )
        assert answer.status_code == 422, answer.text
    answer = client.post(f"/v1/moderation/comments/{'x' * 40}%00/approve", headers=tokens.admin)
    assert 400 <= answer.status_code < 500, answer.text


def test_look_alike_site_names_are_the_keyed_site(client: TestClient, db: Session) -> None:
    key = register(db, "Keyed.Example")
    for site in ("KEYED.example", "keyed.example\u200b", "ｋｅｙｅｄ.example", "\u202ekeyed.example"):
        answer = post_raw(client, {**GOOD, "site": site})
        assert answer.status_code == 401, (site, answer.text)
        assert answer.json()["errors"][0]["code"] == "site_key_missing"
    answer = post_raw(client, {**GOOD, "site": "KEYED.example\u200b"}, **{"X-Raqib-Site-Key": key})
    assert answer.status_code == 202, answer.text
    db.expire_all()
    assert db.scalar(select(Comment.site)) == "keyed.example"


def test_a_field_that_outgrows_its_column_when_masked_is_a_422(client: TestClient, db: Session) -> None:
    article = " ".join(["a@b.co"] * 71)  # 496 characters; masked, each address doubles
    answer = post_raw(client, {**GOOD, "article_id": article})
    assert answer.status_code == 422, answer.text
    assert answer.json()["errors"][0]["field"] == "article_id"
    assert answer.json()["errors"][0]["code"] == "too_long"
    assert count(db) == 0


def test_an_unknown_field_named_like_an_address_is_not_echoed(client: TestClient) -> None:
    answer = post_raw(client, {**GOOD, "ali.hassan@gmail.com": "x", "bad\x00name": "y"})
    assert answer.status_code == 422
    fields = [e["field"] for e in answer.json()["errors"]]
    assert "a***@g***.com" in fields and "ali.hassan" not in answer.text
    assert "bad\ufffdname" in fields
