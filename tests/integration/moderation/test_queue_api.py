"""Queue API: which comments are listed, every filter, the sorts, cursor pagination, detail and count."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from .conftest import SITE_B, Tokens
from .seed import MODEL, SECRET, add_comment

pytestmark = pytest.mark.integration


def ids(response) -> list[str]:  # type: ignore[no-untyped-def]
    assert response.status_code == 200, response.text
    return [item["id"] for item in response.json()["items"]]


def test_waiting_queue_has_held_flagged_and_reported_only(
    client: TestClient, db: Session, tokens: Tokens
) -> None:
    held = add_comment(db, status="held", probs={"spam": 0.1, "toxicity": 0.7})
    flagged = add_comment(db, status="published", probs={"spam": 0.1, "toxicity": 0.6})
    reported = add_comment(db, status="published", probs={"spam": 0.0, "toxicity": 0.1})
    assert client.post(f"/v1/comments/{reported}/reports", json={"reason": "سب"}).status_code == 202
    add_comment(db, status="published", probs={"spam": 0.0, "toxicity": 0.1})  # clean, unreported
    add_comment(db, status="rejected", probs={"spam": 0.99, "toxicity": 0.1})
    add_comment(db, status="queued", probs=None)

    got = ids(client.get("/v1/moderation/queue", headers=tokens.admin))
    assert set(got) == {held, flagged, reported}
    assert ids(client.get("/v1/moderation/queue?queue=held", headers=tokens.admin)) == [held]
    assert ids(client.get("/v1/moderation/queue?queue=flagged", headers=tokens.admin)) == [flagged]
    assert ids(client.get("/v1/moderation/queue?queue=reported", headers=tokens.admin)) == [reported]
    assert len(ids(client.get("/v1/moderation/queue?queue=all", headers=tokens.admin))) == 6


def test_a_head_over_its_report_line_lists_a_published_comment_as_flagged(
    client: TestClient, db: Session, tokens: Tokens
) -> None:
    # The hate head may not hold below its precision floor, but moderators are told (training.thresholds).
    reported_by_head = add_comment(
        db,
        status="published",
        probs={"spam": 0.0, "toxicity": 0.1, "hate": 0.3},
        reasons=["hate>=0.21 (report)"],
    )
    add_comment(db, status="published", probs={"spam": 0.0, "toxicity": 0.1, "hate": 0.05})
    assert ids(client.get("/v1/moderation/queue?queue=flagged", headers=tokens.admin)) == [reported_by_head]


def test_flagged_only_within_the_window(
    client: TestClient, db: Session, tokens: Tokens, monkeypatch: pytest.MonkeyPatch
) -> None:
    from service.config import get_settings

    recent = add_comment(db, status="published", age_minutes=60, probs={"spam": 0.1, "toxicity": 0.6})
    add_comment(db, status="published", age_minutes=3 * 24 * 60, probs={"spam": 0.1, "toxicity": 0.6})
    monkeypatch.setenv("RAQIB_FLAG_WINDOW_DAYS", "2")
    get_settings.cache_clear()
    assert ids(client.get("/v1/moderation/queue?queue=flagged", headers=tokens.admin)) == [recent]
    monkeypatch.setenv("RAQIB_FLAG_WINDOW_DAYS", "0")
    get_settings.cache_clear()
    assert len(ids(client.get("/v1/moderation/queue?queue=flagged", headers=tokens.admin))) == 2


def test_flagged_comment_leaves_the_queue_once_reviewed(
    client: TestClient, db: Session, tokens: Tokens
) -> None:
    flagged = add_comment(db, status="published", probs={"spam": 0.1, "toxicity": 0.6})
    response = client.post(f"/v1/moderation/comments/{flagged}/not_toxic", headers=tokens.admin, json={})
    assert response.status_code == 200, response.text
    assert ids(client.get("/v1/moderation/queue", headers=tokens.admin)) == []


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("site=site-b.example", {"b"}),
        ("article_id=art-2", {"art2"}),
        ("status=published", {"flagged"}),
        ("label=spam", {"spammy"}),
        ("label=toxicity&min_score=0.85", {"toxic"}),
        ("min_score=0.55&max_score=0.65", {"flagged"}),
        ("label=spam&max_score=0.2", {"a", "b", "art2", "toxic", "flagged"}),
    ],
)
def test_filters(client: TestClient, db: Session, tokens: Tokens, query: str, expected: set[str]) -> None:
    made = {
        "a": add_comment(db, probs={"spam": 0.1, "toxicity": 0.3}),
        "b": add_comment(db, site=SITE_B, probs={"spam": 0.1, "toxicity": 0.3}),
        "art2": add_comment(db, article_id="art-2", probs={"spam": 0.1, "toxicity": 0.3}),
        "toxic": add_comment(db, probs={"spam": 0.1, "toxicity": 0.9}),
        "spammy": add_comment(db, probs={"spam": 0.8, "toxicity": 0.1}),
        "flagged": add_comment(db, status="published", probs={"spam": 0.1, "toxicity": 0.6}),
    }
    names = {v: k for k, v in made.items()}
    got = ids(client.get(f"/v1/moderation/queue?{query}", headers=tokens.admin))
    assert {names[i] for i in got} == expected


def test_date_range_filter(client: TestClient, db: Session, tokens: Tokens) -> None:
    old = add_comment(db, age_minutes=3 * 24 * 60, probs={"spam": 0.1, "toxicity": 0.5})
    new = add_comment(db, age_minutes=5, probs={"spam": 0.1, "toxicity": 0.5})
    cut = (datetime.now(UTC) - timedelta(days=1)).isoformat()
    params = {"created_from": cut}
    assert ids(client.get("/v1/moderation/queue", params=params, headers=tokens.admin)) == [new]
    params = {"created_to": cut}
    assert ids(client.get("/v1/moderation/queue", params=params, headers=tokens.admin)) == [old]
    # Without an offset the time is taken as UTC (the server's zone), not refused.
    naive = (datetime.now(UTC) - timedelta(days=1)).replace(tzinfo=None).isoformat(timespec="seconds")
    answer = client.get("/v1/moderation/queue", params={"created_from": naive}, headers=tokens.admin)
    assert answer.status_code == 200 and ids(answer) == [new]


def test_author_hash_filter(client: TestClient, db: Session, tokens: Tokens) -> None:
    from service.text import email_hash

    mine = add_comment(db, email="Someone@Example.com", probs={"spam": 0.1, "toxicity": 0.5})
    add_comment(db, email="other@example.com", probs={"spam": 0.1, "toxicity": 0.5})
    params = {"author_hash": email_hash("someone@example.com", SECRET)}
    assert ids(client.get("/v1/moderation/queue", params=params, headers=tokens.admin)) == [mine]


def test_text_search_matches_spelling_variants(client: TestClient, db: Session, tokens: Tokens) -> None:
    hamza = add_comment(db, body="كلام أحمد في المدرسة", probs={"spam": 0.1, "toxicity": 0.5})
    add_comment(db, body="تعليق آخر تماماً", probs={"spam": 0.1, "toxicity": 0.5})
    for query in ("احمد", "أحمد", "المدرسه"):
        assert ids(client.get("/v1/moderation/queue", params={"q": query}, headers=tokens.admin)) == [hamza]
    assert ids(client.get("/v1/moderation/queue", params={"q": "غير موجود"}, headers=tokens.admin)) == []


def test_text_search_treats_like_wildcards_literally(client: TestClient, db: Session, tokens: Tokens) -> None:
    add_comment(db, body="خصم 50 بالمئة", probs={"spam": 0.1, "toxicity": 0.5})
    assert ids(client.get("/v1/moderation/queue", params={"q": "%"}, headers=tokens.admin)) == []


def test_sorts(client: TestClient, db: Session, tokens: Tokens) -> None:
    mid = add_comment(db, age_minutes=30, probs={"spam": 0.1, "toxicity": 0.5})
    high = add_comment(db, age_minutes=10, probs={"spam": 0.1, "toxicity": 0.9})
    low = add_comment(db, age_minutes=20, probs={"spam": 0.1, "toxicity": 0.2})
    unscored = add_comment(db, age_minutes=40, probs=None)
    base = "/v1/moderation/queue?sort="
    assert ids(client.get(base + "toxic", headers=tokens.admin)) == [high, mid, low, unscored]
    assert ids(client.get(base + "oldest", headers=tokens.admin)) == [unscored, mid, low, high]
    assert ids(client.get(base + "newest", headers=tokens.admin)) == [high, low, mid, unscored]
    assert client.get(base + "random", headers=tokens.admin).status_code == 422


@pytest.mark.parametrize("sort", ["toxic", "oldest", "newest"])
def test_cursor_pagination_walks_everything_once(
    client: TestClient, db: Session, tokens: Tokens, sort: str
) -> None:
    # Ties on purpose: equal scores and equal times must still page without loss or repeats.
    made = [
        add_comment(db, age_minutes=i // 3, probs={"spam": 0.1, "toxicity": 0.5 + (i % 4) / 10})
        for i in range(11)
    ]
    seen: list[str] = []
    cursor = None
    pages = 0
    while True:
        params = {"sort": sort, "limit": 3, **({"cursor": cursor} if cursor else {})}
        body = client.get("/v1/moderation/queue", params=params, headers=tokens.admin).json()
        seen += [item["id"] for item in body["items"]]
        pages += 1
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert pages == 4
    assert sorted(seen) == sorted(made) and len(seen) == len(set(seen))
    assert seen == ids(client.get("/v1/moderation/queue", params={"sort": sort}, headers=tokens.admin))


def test_bad_cursor_is_rejected(client: TestClient, db: Session, tokens: Tokens) -> None:
    response = client.get("/v1/moderation/queue?cursor=not-a-cursor", headers=tokens.admin)
    assert response.status_code == 422


def test_detail_has_scores_spans_parent_and_author_history(
    client: TestClient, db: Session, tokens: Tokens
) -> None:
    parent = add_comment(db, status="published", body="المقال رائع", probs={"spam": 0.0, "toxicity": 0.0})
    add_comment(db, status="rejected", email="author@example.com", probs={"spam": 0.9, "toxicity": 0.1})
    add_comment(db, status="published", email="author@example.com", probs={"spam": 0.0, "toxicity": 0.1})
    add_comment(
        db, site=SITE_B, status="rejected", email="author@example.com", probs={"spam": 0.9, "toxicity": 0.1}
    )
    body = "أنت غبي جداً، راسلني على me@mail.com"
    spans = {"toxicity": [{"start": 4, "end": 7, "text": "غبي", "weight": 0.8}]}
    reply = add_comment(
        db,
        body=body,
        parent_id=parent,
        email="author@example.com",
        probs={"spam": 0.2, "toxicity": 0.8},
        spans=spans,
        reasons=["toxicity>=0.50"],
    )
    detail = client.get(f"/v1/moderation/comments/{reply}", headers=tokens.mod_a).json()
    assert "me@mail.com" not in detail["body"] and detail["body"].startswith("أنت غبي")
    assert detail["probabilities"] == {"spam": 0.2, "toxicity": 0.8}
    assert detail["spans"] == spans
    assert detail["model_version"] == MODEL and detail["decision"] == "held"
    assert detail["reasons"] == ["toxicity>=0.50"]
    assert detail["parent"]["id"] == parent and detail["parent"]["body"] == "المقال رائع"
    # Site A only for mod A: the rejected comment on site B is not counted.
    assert detail["author_history"] == {"published": 1, "held": 1, "rejected": 1, "queued": 0, "total": 3}
    admin_view = client.get(f"/v1/moderation/comments/{reply}", headers=tokens.admin).json()
    assert admin_view["author_history"]["rejected"] == 2
    assert detail["version"] == 0 and detail["actions"] == []


def test_count(client: TestClient, db: Session, tokens: Tokens) -> None:
    add_comment(db, status="held", probs={"spam": 0.1, "toxicity": 0.7})
    add_comment(db, status="held", site=SITE_B, probs={"spam": 0.1, "toxicity": 0.7})
    add_comment(db, status="published", probs={"spam": 0.1, "toxicity": 0.6})
    reported = add_comment(db, status="published", probs={"spam": 0.0, "toxicity": 0.0})
    client.post(f"/v1/comments/{reported}/reports", json={"reason": "سب"})
    assert client.get("/v1/moderation/count", headers=tokens.admin).json() == {
        "waiting": 4,
        "held": 2,
        "flagged": 1,
        "reported": 1,
    }
    assert client.get("/v1/moderation/count", headers=tokens.mod_b).json() == {
        "waiting": 1,
        "held": 1,
        "flagged": 0,
        "reported": 0,
    }
