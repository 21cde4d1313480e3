"""The moderator workspace in a real Chromium: RTL, shortcuts, bulk actions, escaping, live count, no-JS."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect
from sqlalchemy.orm import Session

from service.comments.models import Comment
from service.moderation.accounts import principal_for
from service.moderation.actions import act
from service.moderation.models import User
from service.sites import site_for_key

from .conftest import ARTIFACTS, Server
from .moderation_seed import PASSWORD, add_comment

pytestmark = pytest.mark.e2e

XSS_BODY = '<script>window.__xss = 1; alert("xss")</script><img src=x onerror="window.__xss = 2"> تعليق خبيث'


@pytest.fixture
def page(chromium: Browser, server: Server) -> Iterator[Page]:
    context = chromium.new_context(base_url=server.base, viewport={"width": 1440, "height": 960}, locale="ar")
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def log_in(page: Page, email: str = "mod@e2e.test") -> None:
    page.goto("/moderation/login")
    page.fill('input[name="email"]', email)
    page.fill('input[name="password"]', PASSWORD)
    page.click('form[action="/moderation/login"] button[type="submit"]')
    page.wait_for_url("**/moderation/queue")


def status(db: Session, comment_id: str) -> str:
    db.expire_all()
    return db.get(Comment, comment_id).status  # type: ignore[union-attr]


def article() -> str:
    return f"e2e-{uuid.uuid4().hex[:8]}"


def current_id(page: Page) -> str | None:
    return page.locator("#items .item.current").get_attribute("data-id")


def test_queue_is_arabic_rtl_and_screenshots(page: Page, db: Session) -> None:
    art = article()
    parent = add_comment(
        db, article_id=art, body="مقال ممتاز عن الاقتصاد الأردني", toxicity=0.02, status="published"
    )
    spans = {
        "toxicity": [{"start": 6, "end": 9, "text": "غبي", "weight": 0.91}],
        "spam": [{"start": 25, "end": 47, "text": "https://spam.example/x", "weight": 0.6}],
    }
    flagged = add_comment(
        db,
        article_id=art,
        body="الكاتب غبي ولا يفهم شيئاً https://spam.example/x?id=42 راسلني على ali@mail.com",
        toxicity=0.91,
        spam=0.6,
        spans=spans,
        parent_id=parent,
    )
    add_comment(db, article_id=art, body="Great article! شكراً 2024 على التقرير", toxicity=0.55, age_minutes=5)
    add_comment(db, article_id=art, body=XSS_BODY, toxicity=0.7, age_minutes=9)
    log_in(page)
    page.goto(f"/moderation/queue?article_id={art}")
    html = page.locator("html")
    expect(html).to_have_attribute("dir", "rtl")
    expect(html).to_have_attribute("lang", "ar")
    assert page.evaluate("getComputedStyle(document.documentElement).direction") == "rtl"
    assert "Noto Naskh Arabic" in page.evaluate("getComputedStyle(document.body).fontFamily")
    expect(page.locator("#items .item")).to_have_count(3)
    assert current_id(page) == flagged  # most toxic first, selected on arrival
    body = page.locator("#comment-body")
    assert body.get_attribute("dir") == "auto"
    assert (
        page.evaluate("getComputedStyle(document.getElementById('comment-body')).unicodeBidi") == "plaintext"
    )
    expect(body.locator("mark.span-toxicity")).to_have_text("غبي")
    expect(body).not_to_contain_text("ali@mail.com")  # stored masked
    expect(page.locator(".parent")).to_contain_text("مقال ممتاز")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "moderation-queue.png"), full_page=True)
    page.locator("#panel").screenshot(path=str(ARTIFACTS / "moderation-detail.png"))
    page.click("text=English")
    expect(page.locator("html")).to_have_attribute("dir", "ltr")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("h2").first).to_have_text("Detail")
    page.screenshot(path=str(ARTIFACTS / "moderation-queue-en.png"), full_page=True)
    page.goto(f"/moderation/queue?article_id={art}&lang=ar")  # back to Arabic for the other tests
    expect(page.locator("html")).to_have_attribute("dir", "rtl")


def test_script_comment_is_text_and_runs_nothing(page: Page, db: Session) -> None:
    art = article()
    evil = add_comment(db, article_id=art, body=XSS_BODY, toxicity=0.6)
    add_comment(db, article_id=art, body="تعليق آخر", toxicity=0.9)
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    log_in(page)
    page.goto(f"/moderation/queue?article_id={art}")
    page.keyboard.press("j")  # the evil one is second: its panel arrives through fetch + innerHTML
    expect(page.locator("#panel .detail")).to_have_attribute("data-id", evil)
    expect(page.locator("#comment-body")).to_contain_text('<script>window.__xss = 1; alert("xss")</script>')
    expect(page.locator("#comment-body")).to_contain_text('<img src=x onerror="window.__xss = 2">')
    assert page.locator("#panel script, #panel img, #items script, #items img").count() == 0
    page.goto(f"/moderation/queue?article_id={art}&selected={evil}")  # server-rendered this time
    expect(page.locator("#comment-body")).to_contain_text("<script>")
    page.wait_for_timeout(300)
    assert page.evaluate("window.__xss") is None and dialogs == []


def test_keyboard_shortcuts_work_through_the_queue(page: Page, db: Session) -> None:
    art = article()
    made = [add_comment(db, article_id=art, body=f"تعليق رقم {i}", toxicity=0.95 - i / 20) for i in range(5)]
    log_in(page)
    page.goto(f"/moderation/queue?article_id={art}")
    assert current_id(page) == made[0]
    page.keyboard.press("j")
    expect(page.locator("#panel .detail")).to_have_attribute("data-id", made[1])
    assert current_id(page) == made[1]
    page.keyboard.press("k")
    expect(page.locator("#panel .detail")).to_have_attribute("data-id", made[0])

    page.keyboard.press("a")
    expect(page.locator(f'#items .item[data-id="{made[0]}"]')).to_have_count(0)
    expect(page.locator("#panel .detail")).to_have_attribute("data-id", made[1])
    assert status(db, made[0]) == "published"

    page.keyboard.press("r")
    expect(page.locator("#panel .detail")).to_have_attribute("data-id", made[2])
    assert status(db, made[1]) == "rejected"

    page.keyboard.press("s")
    expect(page.locator("#panel .detail")).to_have_attribute("data-id", made[3])
    assert status(db, made[2]) == "rejected"

    page.keyboard.press("u")  # undo the spam: the page comes back with that comment selected
    page.wait_for_url(f"**selected={made[2]}**")
    expect(page.locator("#panel .detail")).to_have_attribute("data-id", made[2])
    assert status(db, made[2]) == "held"
    expect(page.locator("#items .item")).to_have_count(3)

    page.keyboard.press("?")
    expect(page.locator("#help")).to_be_visible()
    expect(page.locator("#help")).to_contain_text("اختصارات لوحة المفاتيح")
    page.screenshot(path=str(ARTIFACTS / "moderation-help.png"))
    page.keyboard.press("Escape")
    expect(page.locator("#help")).to_be_hidden()


def test_shortcuts_follow_keys_not_letters_with_an_arabic_layout(page: Page, db: Session) -> None:
    art = article()
    first = add_comment(db, article_id=art, body="أول", toxicity=0.9)
    second = add_comment(db, article_id=art, body="ثاني", toxicity=0.8)
    log_in(page)
    page.goto(f"/moderation/queue?article_id={art}")
    # On an Arabic keyboard the J key types "ت": the shortcut still moves down.
    page.evaluate(
        "document.dispatchEvent(new KeyboardEvent('keydown', {key: 'ت', code: 'KeyJ', bubbles: true}))"
    )
    expect(page.locator("#panel .detail")).to_have_attribute("data-id", second)
    assert status(db, first) == "held"


def test_bulk_action_from_checkboxes(page: Page, db: Session) -> None:
    art = article()
    made = [
        add_comment(db, article_id=art, body=f"إعلان {i}", toxicity=0.9 - i / 10, spam=0.8) for i in range(3)
    ]
    log_in(page)
    page.goto(f"/moderation/queue?article_id={art}")
    page.locator(f'#items input[value="{made[0]}"]').check()
    page.keyboard.press("j")
    expect(page.locator("#panel .detail")).to_have_attribute("data-id", made[1])
    page.keyboard.press("x")  # tick the current row from the keyboard
    expect(page.locator(f'#items input[value="{made[1]}"]')).to_be_checked()
    page.click(".bulk-bar button.act-spam")
    page.wait_for_url("**msg=done**")
    assert [status(db, c) for c in made] == ["rejected", "rejected", "held"]
    expect(page.locator("#items .item")).to_have_count(1)


def test_conflict_is_shown_instead_of_overwriting(page: Page, db: Session) -> None:
    art = article()
    cid = add_comment(db, article_id=art, body="تعليق متنازع عليه", toxicity=0.8)
    log_in(page)
    page.goto(f"/moderation/queue?article_id={art}")
    expect(page.locator("#panel .detail")).to_have_attribute("data-id", cid)
    admin = db.query(User).filter_by(email="admin@e2e.test").one()
    act(db, principal_for(db, admin), cid, "reject")  # another moderator, meanwhile
    db.commit()
    page.keyboard.press("a")
    expect(page.locator("#status-line")).to_contain_text("عدّل مشرف آخر")
    expect(page.locator("#panel .detail")).to_have_attribute("data-status", "rejected")
    assert status(db, cid) == "rejected"


def test_live_count_follows_new_comments(page: Page, db: Session) -> None:
    log_in(page)
    badge = page.locator("#live-count")
    before = int(badge.inner_text())
    add_comment(db, article_id=article(), body="وصل للتو", toxicity=0.9)
    expect(badge).to_have_text(str(before + 1), timeout=12_000)  # polled every 5 s


def test_basic_actions_work_without_javascript(chromium: Browser, server: Server, db: Session) -> None:
    context = chromium.new_context(base_url=server.base, java_script_enabled=False, locale="ar")
    page = context.new_page()
    try:
        art = article()
        first = add_comment(db, article_id=art, body="بدون جافاسكربت", toxicity=0.9)
        second = add_comment(db, article_id=art, body="الثاني", toxicity=0.8)
        log_in(page)
        page.goto(f"/moderation/queue?article_id={art}")
        page.click("#action-form button.act-approve")
        page.wait_for_url(f"**selected={second}**")
        assert status(db, first) == "published"
        page.click("#action-form button.act-reject")
        page.wait_for_url("**msg=done**")
        assert status(db, second) == "rejected"
        page.click("form[action='/moderation/logout'] button")
        page.wait_for_url("**/moderation/login")
        page.goto("/moderation/queue")
        expect(page).to_have_url(f"{server.base}/moderation/login")
    finally:
        context.close()


def test_admin_sees_the_audit_log(page: Page, db: Session) -> None:
    art = article()
    cid = add_comment(db, article_id=art, body="للتدقيق", toxicity=0.8)
    log_in(page, "admin@e2e.test")
    page.goto(f"/moderation/queue?article_id={art}")
    page.fill('#action-form textarea[name="note"]', "ملاحظة <b>للمراجعة</b>")
    page.click("#action-form button.act-toxic")
    expect(page.locator("#status-line")).to_be_visible()
    assert status(db, cid) == "rejected"
    page.goto(f"/moderation/audit?comment_id={cid}")
    row = page.locator("table.audit tbody tr").first
    expect(row).to_contain_text("admin@e2e.test")
    expect(row).to_contain_text("ملاحظة <b>للمراجعة</b>")  # shown as text
    page.screenshot(path=str(ARTIFACTS / "moderation-audit.png"), full_page=True)
    page.goto("/moderation/users")
    page.screenshot(path=str(ARTIFACTS / "moderation-users.png"), full_page=True)


def test_admin_registers_rotates_and_revokes_a_site(page: Page, db: Session) -> None:
    name = f"e2e-{uuid.uuid4().hex[:6]}.example"
    log_in(page, "admin@e2e.test")
    page.click('nav a[href="/moderation/sites"]')
    expect(page.locator("h1")).to_have_text("المواقع ومفاتيحها")
    page.fill('form[action="/moderation/sites"] input[name="name"]', name.upper())
    page.fill('form[action="/moderation/sites"] input[name="title"]', "جريدة الاختبار")
    page.click('form[action="/moderation/sites"] button[type="submit"]')
    first = page.locator("#new-site-key").inner_text()
    assert first.startswith("rqs_")
    assert site_for_key(first, db_session=db) == name  # stored in its normalised spelling
    row = page.locator(f'tr[data-site="{name}"]')
    expect(row).to_contain_text("جريدة الاختبار")
    row.locator('select[name="grace_seconds"]').select_option("0")
    row.locator('form[action="/moderation/sites/rotate"] button').click()
    second = page.locator("#new-site-key").inner_text()
    db.expire_all()
    assert second != first and site_for_key(first, db_session=db) is None
    assert site_for_key(second, db_session=db) == name
    page.screenshot(path=str(ARTIFACTS / "moderation-sites.png"), full_page=True)
    page.locator(f'tr[data-site="{name}"] form[action="/moderation/sites/revoke"] button').click()
    expect(page.locator(f'tr[data-site="{name}"]')).to_contain_text("مُبطل")
    db.expire_all()
    assert site_for_key(second, db_session=db) is None
    expect(page.locator("table.admin-changes")).to_contain_text("إلغاء موقع")
