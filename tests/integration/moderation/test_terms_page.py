"""The term lists' admin page and the reasons moderators read: Arabic and English, CSRF on every form,
admins only, each change in the admins' log with before and after; a matched term highlighted in the panel."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from service.moderation.admin_audit import AdminChange
from service.terms.models import SiteTerm

from .conftest import ADMIN, MOD_A, SITE_A
from .seed import add_comment, login

FORM_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def test_admin_adds_and_removes_terms_with_csrf_and_audit(browser: TestClient, db: Session) -> None:
    csrf = login(browser, ADMIN)
    page = browser.get(f"/moderation/terms?site={SITE_A}")
    assert page.status_code == 200 and "قوائم الكلمات" in page.text and "كلمات محظورة (رفض)" in page.text
    assert "Term lists" in browser.get(f"/moderation/terms?site={SITE_A}&lang=en").text
    form = {"site": SITE_A, "term": "حِمار", "kind": "banned"}
    assert browser.post("/moderation/terms", data=form).status_code == 403  # no CSRF token
    assert browser.post("/moderation/terms", data={**form, "csrf_token": "wrong"}).status_code == 403
    done = browser.post("/moderation/terms", data={**form, "csrf_token": csrf}, follow_redirects=False)
    assert done.status_code == 303
    duplicate = browser.post("/moderation/terms", data={**form, "term": "حمـــار", "csrf_token": csrf})
    assert (
        duplicate.status_code == 422 and "spelled the same once normalised" in duplicate.text
    )  # English: cookie
    empty = browser.post("/moderation/terms", data={**form, "term": "!!", "csrf_token": csrf})
    assert empty.status_code == 422
    row = db.scalars(select(SiteTerm)).one()
    assert (row.site, row.kind, row.term, row.created_by) == (SITE_A, "banned", "حِمار", ADMIN)
    listed = browser.get(f"/moderation/terms?site={SITE_A}").text
    assert "حِمار" in listed and f"/moderation/terms/{row.id}/delete" in listed
    assert browser.post(f"/moderation/terms/{row.id}/delete", data={}).status_code == 403
    removed = browser.post(
        f"/moderation/terms/{row.id}/delete", data={"csrf_token": csrf}, follow_redirects=False
    )
    assert removed.status_code == 303
    db.expire_all()
    assert db.scalars(select(SiteTerm)).all() == []
    log = db.scalars(select(AdminChange).order_by(AdminChange.id)).all()
    assert [(c.action, c.actor, c.site) for c in log] == [
        ("terms.add", ADMIN, SITE_A),
        ("terms.remove", ADMIN, SITE_A),
    ]
    assert log[0].before is None and log[0].after["term"] == "حِمار"
    assert log[1].before["term"] == "حِمار" and log[1].after is None


def test_moderators_cannot_edit_terms(browser: TestClient, db: Session) -> None:
    csrf = login(browser, MOD_A)
    assert browser.get("/moderation/terms").status_code == 403
    form = {"site": SITE_A, "term": "حمار", "kind": "banned", "csrf_token": csrf}
    assert browser.post("/moderation/terms", data=form).status_code == 403
    assert db.scalars(select(SiteTerm)).all() == []


def test_the_panel_names_each_reason_and_highlights_the_term(browser: TestClient, db: Session) -> None:
    body = "والله انت حـــمـــار"
    findings = [
        {"code": "banned_term", "action": "reject", "term": "حمار", "start": 10, "end": 20},
        {"code": "near_duplicate", "action": "hold", "of": "x" * 32, "minutes": 3},
    ]
    cid = add_comment(
        db, body=body, status="rejected", probs={"spam": 0.1}, reasons=["banned_term", "near_duplicate"],
        findings=findings,
    )  # fmt: skip
    login(browser, MOD_A)
    panel = browser.get(f"/moderation/comments/{cid}/panel").text
    assert "كلمة محظورة «حمار» في الموضع 10–20" in panel
    assert "نسخة شبه مطابقة لتعليق آخر منذ 3 دقائق" in panel
    assert re.search(r'<mark class="span-banned_term"[^>]*>حـــمـــار</mark>', panel)
    english = browser.get(f"/moderation/comments/{cid}/panel?lang=en").text
    assert "near-duplicate of another comment from 3 minutes ago" in english
    queue = browser.get("/moderation/queue?queue=all&lang=en").text
    assert "banned term “حمار” at characters 10–20" in queue
