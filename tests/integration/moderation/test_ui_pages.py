"""The server-rendered pages without JavaScript: RTL Arabic, English switch, escaping, plain-form actions."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from service.comments.models import Comment

from .conftest import ADMIN, MOD_A
from .seed import add_comment, login

pytestmark = pytest.mark.integration

PROBS = {"spam": 0.2, "toxicity": 0.8}
XSS = '<script>alert("x")</script><img src=x onerror=alert(1)> رد'


def status_of(db: Session, comment_id: str) -> str:
    db.expire_all()
    return db.get(Comment, comment_id).status  # type: ignore[union-attr]


def test_anonymous_visitors_go_to_login(browser: TestClient, db: Session) -> None:
    response = browser.get("/moderation/queue", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/moderation/login"
    login_page = browser.get("/moderation/login")
    assert '<html dir="rtl" lang="ar">' in login_page.text


def test_queue_page_is_arabic_rtl_with_strict_csp(browser: TestClient, db: Session) -> None:
    add_comment(db, probs=PROBS)
    login(browser, MOD_A)
    page = browser.get("/moderation/queue")
    assert page.status_code == 200
    assert '<html dir="rtl" lang="ar">' in page.text and "قائمة المراجعة" in page.text
    csp = page.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "default-src 'self'" in csp and "unsafe-inline" not in csp
    assert page.headers["x-content-type-options"] == "nosniff"
    assert not re.search(r"<script(?![^>]*\bsrc=)", page.text), "no inline script"
    assert " style=" not in page.text, "no inline style (CSP style-src 'self')"
    assert "cdn" not in page.text.lower() and "https://" not in page.text


def test_english_switch_is_remembered(browser: TestClient, db: Session) -> None:
    login(browser, MOD_A)
    page = browser.get("/moderation/queue?lang=en")
    assert '<html dir="ltr" lang="en">' in page.text and "Review queue" in page.text
    assert '<html dir="ltr" lang="en">' in browser.get("/moderation/queue").text  # cookie
    assert '<html dir="rtl" lang="ar">' in browser.get("/moderation/queue?lang=ar").text


def test_comment_markup_is_shown_as_text(browser: TestClient, db: Session) -> None:
    spans = {"toxicity": [{"start": 8, "end": 13, "text": "alert", "weight": 0.9}]}
    cid = add_comment(db, body=XSS, probs=PROBS, spans=spans)
    login(browser, MOD_A)
    for url in ("/moderation/queue", f"/moderation/comments/{cid}/panel"):
        html = browser.get(url).text
        assert "<script>alert" not in html and "<img src=x" not in html
        assert "&lt;script&gt;" in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    panel = browser.get(f"/moderation/comments/{cid}/panel").text
    assert (
        '&lt;script&gt;<mark class="span-toxicity" title="toxicity 0.90">alert</mark>(&#34;x&#34;)' in panel
    )


def test_bodies_take_their_own_direction(browser: TestClient, db: Session) -> None:
    cid = add_comment(db, body="زوروا https://example.com/ar?x=1 الآن 2024", probs=PROBS)
    login(browser, MOD_A)
    panel = browser.get(f"/moderation/comments/{cid}/panel").text
    assert '<div class="body comment-body" dir="auto" id="comment-body">' in panel
    css = browser.get("/moderation/static/moderation.css")
    assert (
        css.status_code == 200 and "unicode-bidi: plaintext" in css.text and "Noto Naskh Arabic" in css.text
    )


def test_static_files_only_from_the_folder(browser: TestClient) -> None:
    assert (
        browser.get("/moderation/static/moderation.js").headers["content-type"].startswith("text/javascript")
    )
    assert browser.get("/moderation/static/..%2Fmodels.py").status_code == 404
    assert browser.get("/moderation/static/models.py").status_code == 404


def test_approve_and_reject_work_with_plain_forms(browser: TestClient, db: Session) -> None:
    first = add_comment(db, probs={"spam": 0.1, "toxicity": 0.9})
    second = add_comment(db, probs={"spam": 0.1, "toxicity": 0.8})
    csrf = login(browser, MOD_A)
    page = browser.get("/moderation/queue").text
    form = page.split('id="action-form"', 1)[1].split("</form>", 1)[0]
    assert 'name="expected_version" value="0"' in form and 'name="expected_status" value="held"' in form
    next_url = re.search(r'name="next" value="([^"]+)"', form).group(1).replace("&amp;", "&")  # type: ignore[union-attr]
    assert f"selected={second}" in next_url  # after acting, the neighbour is selected
    response = browser.post(
        f"/moderation/comments/{first}/action",
        data={
            "action": "approve",
            "csrf_token": csrf,
            "expected_status": "held",
            "expected_version": "0",
            "next": next_url,
        },
        follow_redirects=False,
    )
    assert response.status_code == 303 and f"selected={second}" in response.headers["location"]
    assert status_of(db, first) == "published"
    landed = browser.get(response.headers["location"])
    assert "تم." in landed.text and first not in landed.text
    browser.post(f"/moderation/comments/{second}/action", data={"action": "reject", "csrf_token": csrf})
    assert status_of(db, second) == "rejected"


def test_form_conflict_is_reported_not_overwritten(
    browser: TestClient, client: TestClient, db: Session
) -> None:
    cid = add_comment(db, probs=PROBS)
    csrf = login(browser, MOD_A)
    login(client, ADMIN)
    client_csrf = re.search(r'name="csrf-token" content="([^"]+)"', client.get("/moderation/queue").text)
    client.post(
        f"/moderation/comments/{cid}/action", data={"action": "reject", "csrf_token": client_csrf.group(1)}
    )  # type: ignore[union-attr]
    response = browser.post(
        f"/moderation/comments/{cid}/action",
        data={"action": "approve", "csrf_token": csrf, "expected_status": "held", "expected_version": "0"},
    )
    assert "عدّل مشرف آخر هذا التعليق للتو" in response.text
    assert status_of(db, cid) == "rejected"


def test_bulk_and_undo_forms(browser: TestClient, db: Session) -> None:
    made = [add_comment(db, probs=PROBS) for _ in range(3)]
    csrf = login(browser, MOD_A)
    response = browser.post(
        "/moderation/bulk",
        data={"action": "spam", "ids": made[:2], "csrf_token": csrf},
        follow_redirects=False,
    )
    assert response.status_code == 303
    assert [status_of(db, c) for c in made] == ["rejected", "rejected", "held"]
    undo = browser.post("/moderation/undo", data={"csrf_token": csrf}, follow_redirects=False)
    assert undo.status_code == 303
    assert [status_of(db, c) for c in made] == ["held", "held", "held"]
    nothing = browser.post("/moderation/undo", data={"csrf_token": csrf})
    assert "لا يوجد ما يمكن التراجع عنه." in nothing.text


def test_detail_panel_shows_parent_history_and_spans(browser: TestClient, db: Session) -> None:
    parent = add_comment(db, status="published", body="مقال ممتاز", probs={"spam": 0.0, "toxicity": 0.0})
    spans = {
        "toxicity": [
            {"start": 0, "end": 3, "text": "يا ", "weight": 0.3},
            {"start": 3, "end": 7, "text": "غبي ", "weight": 0.9},
        ],
        "spam": [{"start": 3, "end": 6, "text": "غبي", "weight": 0.2}],
    }
    cid = add_comment(db, body="يا غبي انت", parent_id=parent, probs=PROBS, spans=spans)
    login(browser, MOD_A)
    panel = browser.get(f"/moderation/comments/{cid}/panel").text
    assert "مقال ممتاز" in panel and "رداً على" in panel
    assert '<mark class="span-spam span-toxicity" title="spam 0.20, toxicity 0.90">غبي</mark>' in panel
    assert "سجل الكاتب" in panel and "test-v1" in panel


def test_audit_page_for_admins(browser: TestClient, client: TestClient, db: Session) -> None:
    cid = add_comment(db, probs=PROBS)
    csrf = login(browser, ADMIN)
    browser.post(
        f"/moderation/comments/{cid}/action", data={"action": "toxic", "csrf_token": csrf, "note": "<b>n</b>"}
    )
    page = browser.get("/moderation/audit")
    assert page.status_code == 200 and ADMIN in page.text and "&lt;b&gt;n&lt;/b&gt;" in page.text
    assert "toxicity 80%" in page.text


def test_bidi_and_invisible_characters_are_shown_not_applied(browser: TestClient, db: Session) -> None:
    body = "زوروا \u202emoc.elgoog\u202c الآن ك\u200bلب"
    cid = add_comment(db, body=body, probs=PROBS)
    row = db.get(Comment, cid)
    assert row is not None
    row.author_name = "قا\u2067رئ"
    db.commit()
    login(browser, MOD_A)
    for url in ("/moderation/queue", f"/moderation/comments/{cid}/panel"):
        html = browser.get(url).text
        assert "⟨RLO⟩" in html and "⟨PDF⟩" in html and "⟨ZWSP⟩" in html and "⟨RLI⟩" in html, url
        assert "\u202e" not in html and "\u200b" not in html and "\u2067" not in html
        assert 'title="محرف غير مرئي — invisible character: RIGHT-TO-LEFT OVERRIDE (U+202E)"' in html
    db.expire_all()
    stored = db.get(Comment, cid)
    assert stored is not None and stored.body == body and stored.author_name == "قا\u2067رئ"
