"""Reader reports: counted, listed in the reported queue; a comment is hidden (back to held) only on a site
that opts in, by enough distinct keyed reporters."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from service.comments.models import Comment
from service.moderation.models import CommentReport

from .conftest import SITE_B, Tokens
from .seed import add_comment, register

pytestmark = pytest.mark.integration

CLEAN = {"spam": 0.0, "toxicity": 0.05}


def report(client: TestClient, cid: str, reason: str = "إساءة", **extra: str):  # type: ignore[no-untyped-def]
    return client.post(f"/v1/comments/{cid}/reports", json={"reason": reason, **extra})


def _hide_on(monkeypatch: pytest.MonkeyPatch, site: str, n: int) -> None:
    from service.config import get_settings

    monkeypatch.setenv("RAQIB_REPORT_HIDE_THRESHOLDS", f'{{"{site}": {n}}}')
    get_settings.cache_clear()


def test_reports_never_take_a_comment_down_by_default(
    client: TestClient, db: Session, tokens: Tokens
) -> None:
    cid = add_comment(db, status="published", probs=CLEAN)
    first = report(client, cid)
    assert first.status_code == 202 and first.json() == {
        "id": cid,
        "report_count": 1,
        "status": "published",
        "requeued": False,
        "duplicate": False,
        "capped": False,
    }
    reported = client.get("/v1/moderation/queue?queue=reported", headers=tokens.admin).json()["items"]
    assert [i["id"] for i in reported] == [cid] and "reported" in reported[0]["reasons"]
    for i in range(5):  # five different (made-up) readers: still published, still waiting for a moderator
        last = report(client, cid, "spam link", reporter=f"made-up-{i}").json()
    assert (last["report_count"], last["status"], last["requeued"]) == (6, "published", False)
    db.expire_all()
    assert db.get(Comment, cid).status == "published"  # type: ignore[union-attr]
    detail = client.get(f"/v1/moderation/comments/{cid}", headers=tokens.admin).json()
    assert [r["reason"] for r in detail["reports"]] == ["إساءة"] + ["spam link"] * 5
    assert client.get(f"/v1/moderation/audit?comment_id={cid}", headers=tokens.admin).json()["items"] == []


def test_a_site_that_opts_in_hides_on_distinct_keyed_reporters(
    client: TestClient, db: Session, tokens: Tokens, monkeypatch: pytest.MonkeyPatch
) -> None:
    _hide_on(monkeypatch, SITE_B, 3)
    cid = add_comment(db, site=SITE_B, status="published", probs=CLEAN)
    on_a = add_comment(db, status="published", probs=CLEAN)
    for _ in range(4):  # reports without a reporter never count towards hiding
        assert report(client, cid).json()["status"] == "published"
    report(client, cid, reporter="reader-1")
    report(client, cid, reporter="reader-1")  # the same reader again: a duplicate
    assert report(client, cid, reporter="reader-2").json()["status"] == "published"
    third = report(client, cid, "spam link", reporter="reader-3").json()
    assert third["requeued"] is True and third["status"] == "held" and third["report_count"] == 7
    audit = client.get(f"/v1/moderation/audit?comment_id={cid}", headers=tokens.admin).json()["items"]
    assert [(e["actor"], e["action"], e["before_status"], e["after_status"]) for e in audit] == [
        ("system:reports", "requeue", "published", "held")
    ]
    # Further reports count but do not requeue again; another site is not affected.
    again = report(client, cid, reporter="reader-4").json()
    assert (again["status"], again["requeued"]) == ("held", False)
    for i in range(3):
        assert report(client, on_a, reporter=f"r{i}").json()["status"] == "published"


def test_reported_comment_leaves_reported_queue_once_reviewed(
    client: TestClient, db: Session, tokens: Tokens
) -> None:
    cid = add_comment(db, status="published", probs=CLEAN)
    report(client, cid)
    client.post(f"/v1/moderation/comments/{cid}/approve", headers=tokens.mod_a)
    assert client.get("/v1/moderation/queue?queue=reported", headers=tokens.admin).json()["items"] == []
    report(client, cid)  # a new report after the review brings it back
    assert len(client.get("/v1/moderation/queue?queue=reported", headers=tokens.admin).json()["items"]) == 1


def test_reports_on_rejected_comments_do_not_publish_or_hold(client: TestClient, db: Session) -> None:
    cid = add_comment(db, status="rejected", probs=CLEAN)
    for _ in range(4):
        report(client, cid)
    db.expire_all()
    assert db.get(Comment, cid).status == "rejected"  # type: ignore[union-attr]


def test_report_validation(client: TestClient, db: Session) -> None:
    cid = add_comment(db, status="published", probs=CLEAN)
    assert report(client, "0" * 32).status_code == 404
    assert report(client, cid, site=SITE_B).status_code == 404  # not that site's comment
    assert client.post(f"/v1/comments/{cid}/reports", json={"reason": ""}).status_code == 422
    assert client.post(f"/v1/comments/{cid}/reports", json={"reason": "x" * 501}).status_code == 422
    db.expire_all()
    assert db.get(Comment, cid).report_count == 0  # type: ignore[union-attr]


def test_one_reader_reporting_again_is_not_counted_again(client: TestClient, db: Session) -> None:
    cid = add_comment(db, status="published", probs=CLEAN)
    first = report(client, cid, reporter="reader-17").json()
    again = report(client, cid, "مرة أخرى", reporter="reader-17").json()
    assert (first["report_count"], first["duplicate"]) == (1, False)
    assert (again["report_count"], again["duplicate"], again["status"]) == (1, True, "published")
    for _ in range(3):  # the same reader, however often, counts once
        assert report(client, cid, reporter="reader-17").json()["report_count"] == 1
    report(client, cid, reporter="reader-18")
    third = report(client, cid, reporter="reader-19").json()
    assert third["report_count"] == 3 and third["status"] == "published"
    stored = (
        db.execute(select(CommentReport.reporter_hash).where(CommentReport.comment_id == cid)).scalars().all()
    )
    assert len(stored) == 3 and len(set(stored)) == 3
    assert all(h and len(h) == 64 and "reader" not in h for h in stored)  # a keyed hash, not the id


def test_reports_need_the_site_key_when_the_site_has_one(client: TestClient, db: Session) -> None:
    key = register(db, SITE_B)
    on_b = add_comment(db, site=SITE_B, status="published", probs=CLEAN)
    on_a = add_comment(db, status="published", probs=CLEAN)
    missing = report(client, on_b)
    assert missing.status_code == 401 and missing.json()["errors"][0]["code"] == "site_key_missing"
    wrong = client.post(
        f"/v1/comments/{on_b}/reports", json={"reason": "x"}, headers={"X-Raqib-Site-Key": "guess"}
    )
    assert wrong.status_code == 401
    db.expire_all()
    assert db.get(Comment, on_b).report_count == 0  # type: ignore[union-attr]
    right = client.post(
        f"/v1/comments/{on_b}/reports",
        json={"reason": "x"},
        headers={"X-Raqib-Site-Key": key},
    )
    assert right.status_code == 202 and right.json()["report_count"] == 1
    assert report(client, on_a).status_code == 202  # site A has no key: open
