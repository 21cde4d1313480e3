"""Acting on commenters: ban (rejecting what waits), suspend, warn, trust, note, undo; site scoping; the
author page; data-subject export and erasure of what moderators wrote about a person."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from service.comments.models import Comment
from service.moderation.authors import export_author, forget_author
from service.text.emails import email_hash

from .conftest import SITE_A, SITE_B, Tokens
from .seed import FORM_CSRF, SECRET, add_comment, login

pytestmark = pytest.mark.integration

EMAIL = "troll@example.com"
AUTHOR = email_hash(EMAIL, SECRET)


def act(client: TestClient, headers: dict[str, str], **body: object):  # type: ignore[no-untyped-def]
    return client.post(f"/v1/moderation/authors/{AUTHOR}/actions", json=body, headers=headers)


def test_a_ban_can_reject_what_waits_and_is_undone(client: TestClient, db: Session, tokens: Tokens) -> None:
    waiting = add_comment(db, email=EMAIL, status="held", probs={"toxicity": 0.7})
    published = add_comment(db, email=EMAIL, status="published", probs={"toxicity": 0.1})
    elsewhere = add_comment(db, email=EMAIL, site=SITE_B, status="held", probs={"toxicity": 0.7})

    ban = act(client, tokens.mod_a, site=SITE_A, action="ban", note="شتائم متكررة", reject_pending=True)
    assert ban.status_code == 201, ban.text
    entry = ban.json()
    assert entry["rejected_comments"] == 1 and entry["after"]["banned"] and not entry["before"]["banned"]
    db.expire_all()
    assert [db.get(Comment, c).status for c in (waiting, published, elsewhere)] == [  # type: ignore[union-attr]
        "rejected",
        "published",
        "held",
    ]
    audit = client.get("/v1/moderation/audit", headers=tokens.admin).json()["items"]
    assert audit[0]["comment_id"] == waiting and audit[0]["action"] == "reject"

    page = client.get(f"/v1/moderation/authors/{AUTHOR}", headers=tokens.mod_a).json()
    assert page["standings"][0]["banned"] and page["counts"] == {SITE_A: {"rejected": 1, "published": 1}}
    assert page["actions"][0]["note"] == "شتائم متكررة"

    undo = client.post(f"/v1/moderation/author-actions/{entry['id']}/undo", headers=tokens.mod_a)
    assert undo.status_code == 200 and undo.json()["after"]["banned"] is False
    again = client.post(f"/v1/moderation/author-actions/{entry['id']}/undo", headers=tokens.mod_a)
    assert again.status_code == 422


def test_an_undo_never_overwrites_a_later_change(client: TestClient, db: Session, tokens: Tokens) -> None:
    add_comment(db, email=EMAIL)
    first = act(client, tokens.mod_a, site=SITE_A, action="warn").json()
    act(client, tokens.mod_a, site=SITE_A, action="warn")
    assert (
        client.post(f"/v1/moderation/author-actions/{first['id']}/undo", headers=tokens.mod_a).status_code
        == 409
    )


def test_suspensions_need_a_future_date_with_an_offset(
    client: TestClient, db: Session, tokens: Tokens
) -> None:
    add_comment(db, email=EMAIL)
    soon = datetime.now(UTC) + timedelta(days=3)
    assert act(client, tokens.mod_a, site=SITE_A, action="suspend").status_code == 422
    past = (datetime.now(UTC) - timedelta(days=1)).isoformat()
    assert act(client, tokens.mod_a, site=SITE_A, action="suspend", until=past).status_code == 422
    naive = soon.replace(tzinfo=None).isoformat()
    assert act(client, tokens.mod_a, site=SITE_A, action="suspend", until=naive).status_code == 422
    ok = act(client, tokens.mod_a, site=SITE_A, action="suspend", until=soon.isoformat())
    assert ok.status_code == 201 and ok.json()["after"]["suspended_until"].startswith(soon.date().isoformat())
    assert act(client, tokens.mod_a, site=SITE_A, action="note").status_code == 422  # a note needs text
    assert act(client, tokens.mod_a, site=SITE_A, action="expel").status_code == 422


def test_moderators_act_only_on_their_sites(client: TestClient, db: Session, tokens: Tokens) -> None:
    add_comment(db, email=EMAIL, site=SITE_A)
    assert act(client, tokens.mod_b, site=SITE_A, action="ban").status_code == 404
    assert client.get(f"/v1/moderation/authors/{AUTHOR}", headers=tokens.mod_b).status_code == 404
    entry = act(client, tokens.mod_a, site=SITE_A, action="trust").json()
    assert (
        client.post(f"/v1/moderation/author-actions/{entry['id']}/undo", headers=tokens.mod_b).status_code
        == 404
    )
    assert client.get("/v1/moderation/authors/not-a-hash", headers=tokens.mod_a).status_code == 422


def test_notes_mask_addresses_and_erasure_removes_them(
    client: TestClient, db: Session, tokens: Tokens
) -> None:
    add_comment(db, email=EMAIL)
    note = act(client, tokens.mod_a, site=SITE_A, action="note", note="يكتب أيضا من other.person@gmail.com")
    assert "other.person@gmail.com" not in note.text
    act(client, tokens.mod_a, site=SITE_A, action="ban", note="spam")
    exported = export_author(db, AUTHOR)
    assert exported["standing"]["standings"][0]["banned"] and len(exported["standing"]["actions"]) == 2
    forget_author(db, AUTHOR)
    db.commit()
    record = export_author(db, AUTHOR)["standing"]
    assert record["standings"][0]["banned"]  # the ban outlives the erasure: it names nobody
    assert [a["note"] for a in record["actions"]] == [None, None]


def test_the_author_page_acts_through_plain_forms(browser: TestClient, db: Session) -> None:
    add_comment(db, email=EMAIL, body="تعليق أول للكاتب")
    login(browser, "mod-a@raqib.test")
    page = browser.get(f"/moderation/authors/{AUTHOR}")
    assert page.status_code == 200 and "تعليق أول للكاتب" in page.text and "حظر" in page.text
    csrf = FORM_CSRF.search(page.text).group(1)  # type: ignore[union-attr]
    form = {"csrf_token": csrf, "site": SITE_A, "action": "suspend", "until": "2099-01-31", "note": "تهدئة"}
    done = browser.post(f"/moderation/authors/{AUTHOR}/actions", data=form, follow_redirects=False)
    assert done.status_code == 303
    shown = browser.get(done.headers["location"]).text
    assert "موقوف حتى" in shown and "2099-01-31" in shown
    bad = browser.post(f"/moderation/authors/{AUTHOR}/actions", data=form | {"until": "2001-01-01"})
    assert bad.status_code == 422 and "لم يُنفَّذ الإجراء" in bad.text
    english = browser.get(f"/moderation/authors/{AUTHOR}", params={"lang": "en"})
    assert "Suspended until" in english.text
