"""Actions: each action, notes, bulk, undo, conflicts (optimistic concurrency) and the labels export."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from service.comments.models import Comment
from service.moderation.labels_export import export_labels

from .conftest import SITE_B, Tokens
from .seed import MODEL, add_comment

pytestmark = pytest.mark.integration

PROBS = {"spam": 0.3, "toxicity": 0.7}


def status_of(db: Session, comment_id: str) -> str:
    db.expire_all()
    return db.get(Comment, comment_id).status  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("action", "before", "after"),
    [
        ("approve", "held", "published"),
        ("reject", "held", "rejected"),
        ("spam", "held", "rejected"),
        ("toxic", "published", "rejected"),
        ("not_spam", "held", "held"),
        ("not_toxic", "published", "published"),
    ],
)
def test_each_action_sets_status_and_is_audited(
    client: TestClient, db: Session, tokens: Tokens, action: str, before: str, after: str
) -> None:
    cid = add_comment(db, status=before, probs=PROBS)
    response = client.post(
        f"/v1/moderation/comments/{cid}/{action}", headers=tokens.mod_a, json={"note": "لماذا"}
    )
    assert response.status_code == 200, response.text
    assert response.json()["status"] == after and response.json()["version"] == 1
    assert status_of(db, cid) == after
    entry = client.get("/v1/moderation/audit", headers=tokens.admin).json()["items"][0]
    assert entry["comment_id"] == cid and entry["action"] == action and entry["actor"] == "mod-a@raqib.test"
    assert (entry["before_status"], entry["after_status"]) == (before, after)
    assert entry["note"] == "لماذا" and entry["model_version"] == MODEL and entry["scores"] == PROBS


def test_decision_records_who_and_when(client: TestClient, db: Session, tokens: Tokens) -> None:
    cid = add_comment(db, probs=PROBS)
    client.post(f"/v1/moderation/comments/{cid}/approve", headers=tokens.mod_a)
    db.expire_all()
    comment = db.get(Comment, cid)
    assert comment is not None and comment.decided_by and comment.decided_by.startswith("moderator:")
    assert comment.decided_at is not None


def test_unknown_action_is_404_or_422(client: TestClient, db: Session, tokens: Tokens) -> None:
    cid = add_comment(db, probs=PROBS)
    assert client.post(f"/v1/moderation/comments/{cid}/delete", headers=tokens.admin).status_code in (
        404,
        422,
    )
    assert status_of(db, cid) == "held"


def test_conflict_on_stale_status_returns_current_state(
    client: TestClient, db: Session, tokens: Tokens
) -> None:
    cid = add_comment(db, probs=PROBS)
    seen = client.get(f"/v1/moderation/comments/{cid}", headers=tokens.mod_a).json()
    first = client.post(
        f"/v1/moderation/comments/{cid}/reject",
        headers=tokens.admin,
        json={"expected_status": seen["status"], "expected_version": seen["version"]},
    )
    assert first.status_code == 200
    second = client.post(
        f"/v1/moderation/comments/{cid}/approve",
        headers=tokens.mod_a,
        json={"expected_status": seen["status"], "expected_version": seen["version"]},
    )
    assert second.status_code == 409
    current = second.json()["current"]
    assert current["status"] == "rejected" and current["version"] == 1
    assert (
        current["last_action"]["actor"] == "admin@raqib.test" and current["last_action"]["action"] == "reject"
    )
    assert status_of(db, cid) == "rejected"


def test_conflict_on_stale_version_even_if_status_matches(
    client: TestClient, db: Session, tokens: Tokens
) -> None:
    cid = add_comment(db, status="published", probs=PROBS)
    client.post(
        f"/v1/moderation/comments/{cid}/not_toxic", headers=tokens.admin
    )  # status unchanged, version 1
    response = client.post(
        f"/v1/moderation/comments/{cid}/toxic",
        headers=tokens.mod_a,
        json={"expected_status": "published", "expected_version": 0},
    )
    assert response.status_code == 409 and response.json()["current"]["version"] == 1
    assert status_of(db, cid) == "published"


def test_bulk_action_reports_each_comment(client: TestClient, db: Session, tokens: Tokens) -> None:
    a1, a2 = add_comment(db, probs=PROBS), add_comment(db, probs=PROBS)
    stale = add_comment(db, probs=PROBS)
    other_site = add_comment(db, site=SITE_B, probs=PROBS)
    client.post(f"/v1/moderation/comments/{stale}/approve", headers=tokens.admin)
    response = client.post(
        "/v1/moderation/bulk",
        headers=tokens.mod_a,
        json={
            "action": "reject",
            "ids": [a1, a2, stale, other_site, "nope"],
            "note": "bulk",
            "expected": {stale: {"status": "held", "version": 0}},
        },
    )
    assert response.status_code == 200, response.text
    results = {r["id"]: r for r in response.json()["results"]}
    assert results[a1]["ok"] and results[a2]["ok"]
    assert results[stale]["error"] == "conflict" and results[stale]["current"]["status"] == "published"
    assert results[other_site]["error"] == "not_found" and results["nope"]["error"] == "not_found"
    assert [status_of(db, c) for c in (a1, a2, stale, other_site)] == [
        "rejected",
        "rejected",
        "published",
        "held",
    ]
    entries = client.get("/v1/moderation/audit?action=reject", headers=tokens.admin).json()["items"]
    assert {e["comment_id"] for e in entries} == {a1, a2}
    assert len({e["bulk_id"] for e in entries}) == 1 and entries[0]["bulk_id"]


@pytest.mark.parametrize("action", ["approve", "reject", "spam", "not_spam", "toxic", "not_toxic"])
def test_every_action_has_a_bulk_version(
    client: TestClient, db: Session, tokens: Tokens, action: str
) -> None:
    made = [add_comment(db, probs=PROBS) for _ in range(3)]
    response = client.post("/v1/moderation/bulk", headers=tokens.mod_a, json={"action": action, "ids": made})
    assert all(r["ok"] for r in response.json()["results"])
    audit = client.get(f"/v1/moderation/audit?action={action}", headers=tokens.admin).json()["items"]
    assert len(audit) == 3


def test_bulk_rejects_unknown_action(client: TestClient, db: Session, tokens: Tokens) -> None:
    cid = add_comment(db, probs=PROBS)
    response = client.post("/v1/moderation/bulk", headers=tokens.mod_a, json={"action": "burn", "ids": [cid]})
    assert response.status_code == 422 and status_of(db, cid) == "held"


def test_undo_restores_the_last_action_of_that_moderator(
    client: TestClient, db: Session, tokens: Tokens
) -> None:
    first, second = add_comment(db, probs=PROBS), add_comment(db, probs=PROBS)
    client.post(f"/v1/moderation/comments/{first}/reject", headers=tokens.mod_a)
    client.post(f"/v1/moderation/comments/{second}/approve", headers=tokens.mod_a)
    response = client.post("/v1/moderation/undo", headers=tokens.mod_a)
    assert response.status_code == 200, response.text
    assert [(r["id"], r["status"], r["undid"]) for r in response.json()["results"]] == [
        (second, "held", "approve")
    ]
    assert status_of(db, second) == "held" and status_of(db, first) == "rejected"
    # Undo again: the action before it.
    client.post("/v1/moderation/undo", headers=tokens.mod_a)
    assert status_of(db, first) == "held"
    assert client.post("/v1/moderation/undo", headers=tokens.mod_a).status_code == 404
    undo_entries = client.get("/v1/moderation/audit?action=undo", headers=tokens.admin).json()["items"]
    assert len(undo_entries) == 2 and all(e["undoes_id"] for e in undo_entries)


def test_undo_is_per_moderator(client: TestClient, db: Session, tokens: Tokens) -> None:
    cid = add_comment(db, probs=PROBS)
    client.post(f"/v1/moderation/comments/{cid}/approve", headers=tokens.admin)
    assert client.post("/v1/moderation/undo", headers=tokens.mod_a).status_code == 404
    assert status_of(db, cid) == "published"


def test_undo_of_a_bulk_action_undoes_all_of_it(client: TestClient, db: Session, tokens: Tokens) -> None:
    made = [add_comment(db, probs=PROBS) for _ in range(3)]
    client.post("/v1/moderation/bulk", headers=tokens.mod_a, json={"action": "spam", "ids": made})
    response = client.post("/v1/moderation/undo", headers=tokens.mod_a)
    assert sorted(r["id"] for r in response.json()["results"] if r["ok"]) == sorted(made)
    assert {status_of(db, c) for c in made} == {"held"}


def test_undo_refuses_when_someone_acted_since(client: TestClient, db: Session, tokens: Tokens) -> None:
    cid = add_comment(db, probs=PROBS)
    client.post(f"/v1/moderation/comments/{cid}/approve", headers=tokens.mod_a)
    client.post(f"/v1/moderation/comments/{cid}/reject", headers=tokens.admin)
    response = client.post("/v1/moderation/undo", headers=tokens.mod_a)
    assert response.status_code == 409
    assert response.json()["current"]["status"] == "rejected"
    assert status_of(db, cid) == "rejected"


def test_labels_export_follows_actions_and_ignores_undone_ones(
    client: TestClient, db: Session, tokens: Tokens
) -> None:
    spam = add_comment(db, body="اربح المال الآن", probs=PROBS)
    fine = add_comment(db, status="published", body="نص مقبول", probs=PROBS)
    undone = add_comment(db, body="سيلغى", probs=PROBS)
    add_comment(db, body="لم يراجع", probs=PROBS)
    client.post(f"/v1/moderation/comments/{spam}/spam", headers=tokens.mod_a)
    client.post(f"/v1/moderation/comments/{fine}/not_toxic", headers=tokens.mod_a)
    client.post(f"/v1/moderation/comments/{fine}/not_spam", headers=tokens.mod_a)
    client.post(f"/v1/moderation/comments/{undone}/toxic", headers=tokens.mod_a)
    client.post("/v1/moderation/undo", headers=tokens.mod_a)
    db.expire_all()
    rows = {r["comment_id"]: r for r in export_labels(db).rows}
    assert set(rows) == {spam, fine}
    assert (rows[spam]["text"], rows[spam]["spam"], rows[spam]["toxic"]) == ("اربح المال الآن", True, None)
    assert (rows[fine]["spam"], rows[fine]["toxic"], rows[fine]["site"]) == (False, False, "site-a.example")
    assert rows[spam]["decided_at"] and rows[spam]["decision"] == "rejected"
    over_api = client.get("/v1/moderation/labels", headers=tokens.admin).json()["items"]
    assert {r["comment_id"] for r in over_api} == {spam, fine}
    assert client.get("/v1/moderation/labels", headers=tokens.mod_a).status_code == 403


def test_audit_log_is_append_only_in_the_database(client: TestClient, db: Session, tokens: Tokens) -> None:
    from sqlalchemy import text
    from sqlalchemy.exc import DBAPIError

    cid = add_comment(db, probs=PROBS)
    client.post(f"/v1/moderation/comments/{cid}/approve", headers=tokens.mod_a)
    for statement in (
        "UPDATE moderation_actions SET actor = 'someone else'",
        "DELETE FROM moderation_actions",
    ):
        with pytest.raises(DBAPIError, match="append-only"):
            db.execute(text(statement))
        db.rollback()
    assert len(client.get("/v1/moderation/audit", headers=tokens.admin).json()["items"]) == 1


def test_two_moderators_racing_on_the_same_version_one_wins(db: Session, accounts) -> None:  # type: ignore[no-untyped-def]
    import threading

    from service.db import get_sessionmaker
    from service.moderation.accounts import principal_for
    from service.moderation.actions import Conflict, Expected, act
    from service.moderation.models import User

    cid = add_comment(db, probs=PROBS)
    barrier = threading.Barrier(2)
    outcomes: dict[str, str] = {}

    def moderate(user_id: int, action: str) -> None:
        with get_sessionmaker()() as session:
            principal = principal_for(session, session.get(User, user_id))  # type: ignore[arg-type]
            barrier.wait()
            try:
                act(session, principal, cid, action, expected=Expected(status="held", version=0))
                session.commit()
                outcomes[action] = "ok"
            except Conflict:
                session.rollback()
                outcomes[action] = "conflict"

    threads = [
        threading.Thread(target=moderate, args=(accounts.mod_a, "approve")),
        threading.Thread(target=moderate, args=(accounts.admin, "reject")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes.values()) == ["conflict", "ok"]
    winner = next(a for a, o in outcomes.items() if o == "ok")
    assert status_of(db, cid) == {"approve": "published", "reject": "rejected"}[winner]
