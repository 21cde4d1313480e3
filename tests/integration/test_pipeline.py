"""Submit → worker scores → decision visible through the API, on PostgreSQL, Redis and a real worker."""

from __future__ import annotations

import httpx

from service.config import Settings

from .helpers import DECIDED, comment, read, submit, wait_decided
from .procs import Stack


def _current_model() -> str:
    return (Settings().models_dir / "CURRENT").read_text().strip()


def test_submitted_comment_is_scored_and_decided(stack: Stack) -> None:
    answer = submit(stack.base, comment(body="مقال رائع، أتفق مع الكاتب تمامًا"))
    assert answer.status_code == 202
    accepted = answer.json()
    assert accepted["status"] == "queued"
    assert answer.headers["location"] == accepted["status_url"] == f"/v1/comments/{accepted['id']}"

    detail = wait_decided(stack.base, accepted["id"])
    version = _current_model()
    assert detail["status"] in DECIDED
    assert detail["model_version"] == version
    assert detail["decision"]["by"] == f"model:{version}"
    [score] = detail["scores"]
    assert score["model_version"] == version
    assert set(score["probabilities"]) >= {"spam", "toxicity"}
    assert score["decision"] == detail["status"]
    assert detail["author_email_masked"] != "reader@example.com" and "***" in detail["author_email_masked"]


def test_obvious_spam_is_not_published(stack: Stack) -> None:
    spam = "اربح 5000 دولار يوميا من البيت!!! اضغط هنا http://bit.ly/xyz واتساب 0501234567 عرض محدود"
    detail = wait_decided(stack.base, submit(stack.base, comment(body=spam)).json()["id"])
    assert detail["status"] in {"held", "rejected"}, detail["scores"]


def test_idempotency_key_returns_the_first_answer(stack: Stack) -> None:
    data = comment()
    first = submit(stack.base, data, **{"Idempotency-Key": "retry-me-1"})
    again = submit(stack.base, data, **{"Idempotency-Key": "retry-me-1"})
    assert first.status_code == again.status_code == 202
    assert again.json() == first.json()
    assert again.headers["idempotent-replayed"] == "true"

    other = submit(stack.base, {**data, "body": "تعليق مختلف"}, **{"Idempotency-Key": "retry-me-1"})
    assert other.status_code == 409
    assert other.json()["errors"][0]["code"] == "idempotency_key_reused"

    wait_decided(stack.base, first.json()["id"])
    listing = httpx.get(
        f"{stack.base}/v1/comments", params={"site": data["site"], "article_id": data["article_id"]}
    ).json()
    detail = read(stack.base, first.json()["id"]).json()
    # One comment stored, whatever its verdict: listed once if published, absent otherwise.
    assert [c["id"] for c in listing["items"]] == ([detail["id"]] if detail["status"] == "published" else [])


def test_published_listing_is_paginated(stack: Stack) -> None:
    article = comment()["article_id"]
    ids = [
        submit(stack.base, comment(article_id=article, body=f"تعليق رقم {i} جميل")).json()["id"]
        for i in range(5)
    ]
    published = {i for i in ids if wait_decided(stack.base, i)["status"] == "published"}
    seen: list[str] = []
    url: str | None = f"/v1/comments?site=alghad.example&article_id={article}&limit=2"
    while url:
        page = httpx.get(f"{stack.base}{url}").json()
        assert len(page["items"]) <= 2
        seen += [c["id"] for c in page["items"]]
        url = page["next"]
    assert sorted(seen) == sorted(published)
    assert seen == [i for i in ids if i in published]  # oldest first


def test_reply_to_unknown_parent_is_refused(stack: Stack) -> None:
    answer = submit(stack.base, comment(parent_id="0" * 32))
    assert answer.status_code == 422
    assert answer.json()["errors"][0] == {
        **answer.json()["errors"][0],
        "field": "parent_id",
        "code": "unknown_parent",
    }


def test_readyz_reports_every_dependency(stack: Stack) -> None:
    ready = httpx.get(f"{stack.base}/readyz", timeout=10)
    assert ready.status_code == 200, ready.text
    assert ready.json()["checks"]["model"]["version"] == _current_model()
