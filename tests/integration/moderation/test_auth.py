"""Accounts and access: login cookie, logout, growing login delays, CSRF, the users CLI and page."""

from __future__ import annotations

import io
import time
from datetime import UTC, datetime

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from service.comments.models import Comment
from service.moderation.models import LoginFailure, User
from service.moderation.users_cli import cli as users_cli

from .conftest import ADMIN, MOD_A, MOD_B, Tokens
from .seed import FORM_CSRF, PASSWORD, add_comment, login

pytestmark = pytest.mark.integration


def try_login(client: TestClient, email: str, password: str, **headers: str):  # type: ignore[no-untyped-def]
    token = FORM_CSRF.search(client.get("/moderation/login").text).group(1)  # type: ignore[union-attr]
    return client.post(
        "/moderation/login",
        data={"email": email, "password": password, "csrf_token": token},
        headers=headers,
        follow_redirects=False,
    )


def test_login_sets_a_safe_session_cookie(browser: TestClient) -> None:
    response = try_login(browser, MOD_A, PASSWORD)
    assert response.status_code == 303 and response.headers["location"] == "/moderation/queue"
    cookie = next(h for h in response.headers.get_list("set-cookie") if h.startswith("raqib_session="))
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Secure" not in cookie
    assert browser.get("/moderation/queue").status_code == 200


def session_cookie(response) -> str:  # type: ignore[no-untyped-def]
    return next(h for h in response.headers.get_list("set-cookie") if h.startswith("raqib_session="))


def test_cookie_is_secure_behind_https_or_when_configured(app, browser: TestClient, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    assert "Secure" in session_cookie(try_login(browser, MOD_A, PASSWORD, **{"X-Forwarded-Proto": "https"}))
    from service.config import get_settings

    monkeypatch.setenv("RAQIB_SECURE_COOKIES", "true")
    get_settings.cache_clear()
    # Over plain HTTP the browser would not even send back the Secure login-form cookie: use an https client.
    secure_client = TestClient(app, base_url="https://testserver")
    assert "Secure" in session_cookie(try_login(secure_client, MOD_A, PASSWORD))


def test_wrong_password_is_refused(browser: TestClient) -> None:
    assert try_login(browser, MOD_A, "wrong password").status_code == 401
    assert try_login(browser, "nobody@raqib.test", PASSWORD).status_code == 401
    assert browser.get("/moderation/queue", follow_redirects=False).status_code == 303


def _settings(monkeypatch, **values: str) -> None:  # type: ignore[no-untyped-def]
    from service.config import get_settings

    for name, value in values.items():
        monkeypatch.setenv(name, value)
    get_settings.cache_clear()


def _wait_out(db: Session, key: str) -> None:
    """Sleep until the row's wait is over."""
    db.expire_all()
    row = db.get(LoginFailure, key)
    assert row is not None and row.locked_until is not None
    time.sleep(max(0.0, (row.locked_until - datetime.now(UTC)).total_seconds()) + 0.05)


def test_failures_bring_growing_delays_not_a_lockout(browser: TestClient, db: Session, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # Long enough that a password check on a loaded machine cannot outlast it (the test sleeps it out).
    _settings(monkeypatch, RAQIB_LOGIN_MAX_FAILURES="2", RAQIB_LOGIN_DELAY_SECONDS="1.5")
    key = f"account:{MOD_B}"
    assert try_login(browser, MOD_B, "wrong password").status_code == 401  # free
    waiting = try_login(browser, MOD_B, "wrong password")  # the second starts the wait
    assert waiting.status_code == 429 and int(waiting.headers["retry-after"]) >= 1
    # A try while waiting, even with the right password, is refused and not counted.
    assert try_login(browser, MOD_B, PASSWORD).status_code == 429
    db.expire_all()
    row = db.get(LoginFailure, key)
    assert row is not None and row.failures == 2
    first = (row.locked_until - row.last_failure_at).total_seconds()  # type: ignore[operator]
    assert first == pytest.approx(1.5, abs=0.01)
    assert try_login(browser, MOD_A, PASSWORD).status_code == 303  # other accounts are not affected
    # Each further failure doubles the wait.
    _wait_out(db, key)
    assert try_login(browser, MOD_B, "wrong password").status_code == 429
    db.expire_all()
    row = db.get(LoginFailure, key)
    assert row is not None and row.failures == 3
    assert (row.locked_until - row.last_failure_at).total_seconds() == pytest.approx(3.0, abs=0.01)  # type: ignore[operator]
    # Once the wait is over the real moderator's right password works, and clears the account's counter.
    _wait_out(db, key)
    assert try_login(browser, MOD_B, PASSWORD).status_code == 303
    db.expire_all()
    assert db.get(LoginFailure, key) is None


def test_delays_are_capped(browser: TestClient, db: Session, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    _settings(
        monkeypatch,
        RAQIB_LOGIN_MAX_FAILURES="1",
        RAQIB_LOGIN_DELAY_SECONDS="0.1",
        RAQIB_LOGIN_MAX_DELAY_SECONDS="0.25",
    )
    key = f"account:{MOD_B}"
    for _ in range(4):  # waits 0.1, 0.2, 0.25, 0.25
        try_login(browser, MOD_B, "wrong password")
        _wait_out(db, key)
    row = db.get(LoginFailure, key)
    assert row is not None and row.failures == 4
    assert (row.locked_until - row.last_failure_at).total_seconds() == pytest.approx(0.25, abs=0.01)  # type: ignore[operator]
    assert try_login(browser, MOD_B, PASSWORD).status_code == 303


def test_unknown_accounts_write_no_rows(browser: TestClient, db: Session) -> None:
    for i in range(3):
        assert try_login(browser, f"guess{i}@raqib.test", "guess").status_code == 401
    db.expire_all()
    keys = list(db.scalars(select(LoginFailure.key)))
    assert not [k for k in keys if "guess" in k]
    assert "ip:testclient" in keys  # the address that guessed is counted


def test_address_delay_across_accounts(browser: TestClient, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    _settings(monkeypatch, RAQIB_LOGIN_IP_MAX_FAILURES="4", RAQIB_LOGIN_DELAY_SECONDS="30")
    for i in range(4):
        try_login(browser, f"spray{i}@raqib.test", "guess")
    assert try_login(browser, ADMIN, PASSWORD).status_code == 429


def test_forwarded_for_is_not_believed_from_an_untrusted_peer(browser: TestClient, db: Session) -> None:
    try_login(browser, "someone@raqib.test", "guess", **{"X-Forwarded-For": "203.0.113.50"})
    db.expire_all()
    assert db.get(LoginFailure, "ip:203.0.113.50") is None


def test_logout_ends_the_session(browser: TestClient) -> None:
    csrf = login(browser, MOD_A)
    cookie = browser.cookies.get("raqib_session")
    assert browser.post("/moderation/logout", data={"csrf_token": "bad"}).status_code == 403
    response = browser.post("/moderation/logout", data={"csrf_token": csrf}, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/moderation/login"
    browser.cookies.set("raqib_session", cookie)  # replaying the old cookie does not work
    assert browser.get("/moderation/queue", follow_redirects=False).status_code == 303


def test_login_form_needs_its_csrf_token(browser: TestClient) -> None:
    browser.get("/moderation/login")
    response = browser.post(
        "/moderation/login", data={"email": MOD_A, "password": PASSWORD, "csrf_token": "forged"}
    )
    assert response.status_code == 403 and "raqib_session" not in browser.cookies


def test_forms_and_cookie_api_writes_need_csrf(browser: TestClient, db: Session) -> None:
    cid = add_comment(db, probs={"spam": 0.1, "toxicity": 0.7})
    csrf = login(browser, MOD_A)
    no_token = browser.post(f"/moderation/comments/{cid}/action", data={"action": "approve"})
    assert no_token.status_code == 403
    api_no_header = browser.post(f"/v1/moderation/comments/{cid}/approve", json={})
    assert api_no_header.status_code == 403
    bulk = browser.post("/moderation/bulk", data={"action": "reject", "ids": [cid], "csrf_token": "x"})
    assert bulk.status_code == 403
    db.expire_all()
    assert db.get(Comment, cid).status == "held"  # type: ignore[union-attr]
    ok = browser.post(f"/v1/moderation/comments/{cid}/approve", json={}, headers={"X-CSRF-Token": csrf})
    assert ok.status_code == 200
    db.expire_all()
    assert db.get(Comment, cid).status == "published"  # type: ignore[union-attr]


def test_users_cli_creates_an_account(db: Session, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr("sys.stdin", io.StringIO("a strong passphrase\n"))
    code = users_cli(
        [
            "create",
            "--email",
            "CLI@raqib.test",
            "--role",
            "moderator",
            "--site",
            "s1",
            "--site",
            "s2",
            "--password-stdin",
        ]
    )
    assert code == 0 and "created moderator cli@raqib.test" in capsys.readouterr().out
    user = db.scalar(select(User).where(User.email == "cli@raqib.test"))
    assert user is not None and user.password_hash.startswith("$argon2id$")
    monkeypatch.setattr("sys.stdin", io.StringIO("short\n"))
    assert (
        users_cli(
            ["create", "--email", "x@raqib.test", "--role", "moderator", "--site", "s", "--password-stdin"]
        )
        == 1
    )
    monkeypatch.setattr("sys.stdin", io.StringIO("a strong passphrase\n"))
    assert users_cli(["create", "--email", "y@raqib.test", "--role", "moderator", "--password-stdin"]) == 1


def test_admin_users_page(browser: TestClient, db: Session) -> None:
    csrf = login(browser, ADMIN)
    page = browser.get("/moderation/users")
    assert page.status_code == 200 and MOD_A in page.text
    made = browser.post(
        "/moderation/users",
        data={
            "email": "page@raqib.test",
            "password": "a long password",
            "role": "moderator",
            "sites": "one.example, two.example",
            "csrf_token": csrf,
        },
        follow_redirects=False,
    )
    assert made.status_code == 303
    user = db.scalar(select(User).where(User.email == "page@raqib.test"))
    assert user is not None
    browser.post(f"/moderation/users/{user.id}/sites", data={"sites": "three.example", "csrf_token": csrf})
    assert "three.example" in browser.get("/moderation/users").text


def test_moderators_cannot_open_admin_pages(browser: TestClient) -> None:
    login(browser, MOD_A)
    assert browser.get("/moderation/users").status_code == 403
    assert browser.get("/moderation/audit").status_code == 403
    assert browser.get("/moderation/settings").status_code == 403


def test_admin_settings_page(browser: TestClient, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from service.config import get_settings

    monkeypatch.setenv("RAQIB_FLAG_WINDOW_DAYS", "17")
    get_settings.cache_clear()
    login(browser, ADMIN)
    page = browser.get("/moderation/settings")
    assert (
        page.status_code == 200 and "RAQIB_FLAG_WINDOW_DAYS" in page.text and "<code>17</code>" in page.text
    )
    assert "RAQIB_REPORT_HIDE_THRESHOLDS" in page.text


def test_tokens_page_shows_a_new_token_once(browser: TestClient, client: TestClient, tokens: Tokens) -> None:
    csrf = login(browser, MOD_A)
    page = browser.post("/moderation/tokens", data={"name": "desk", "csrf_token": csrf})
    token = page.text.split('id="new-token">', 1)[1].split("<", 1)[0]
    assert token.startswith("rqb_")
    assert (
        client.get("/v1/moderation/me", headers={"Authorization": f"Bearer {token}"}).json()["email"] == MOD_A
    )
    assert token not in browser.get("/moderation/tokens").text


def test_disabled_account_loses_sessions_and_tokens(
    browser: TestClient, client: TestClient, tokens: Tokens, accounts
) -> None:  # type: ignore[no-untyped-def]
    login(browser, MOD_B)
    assert client.get("/v1/moderation/me", headers=tokens.mod_b).status_code == 200
    assert (
        client.put(
            f"/v1/moderation/users/{accounts.mod_b}/active", headers=tokens.mod_a, json={"active": False}
        ).status_code
        == 403
    )
    own = client.put(
        f"/v1/moderation/users/{accounts.admin}/active", headers=tokens.admin, json={"active": False}
    )
    assert own.status_code == 422
    off = client.put(
        f"/v1/moderation/users/{accounts.mod_b}/active", headers=tokens.admin, json={"active": False}
    )
    assert off.status_code == 200
    try:
        assert client.get("/v1/moderation/me", headers=tokens.mod_b).status_code == 401
        assert browser.get("/moderation/queue", follow_redirects=False).status_code == 303
        assert try_login(browser, MOD_B, PASSWORD).status_code == 401
    finally:
        client.put(
            f"/v1/moderation/users/{accounts.mod_b}/active", headers=tokens.admin, json={"active": True}
        )
    assert client.get("/v1/moderation/me", headers=tokens.mod_b).status_code == 200


def test_admin_page_disables_and_enables(browser: TestClient, db: Session, accounts) -> None:  # type: ignore[no-untyped-def]
    csrf = login(browser, ADMIN)
    browser.post(f"/moderation/users/{accounts.mod_b}/active", data={"active": "0", "csrf_token": csrf})
    db.expire_all()
    assert db.get(User, accounts.mod_b).active is False  # type: ignore[union-attr]
    assert "تفعيل" in browser.get("/moderation/users").text
    browser.post(f"/moderation/users/{accounts.mod_b}/active", data={"active": "1", "csrf_token": csrf})
    db.expire_all()
    assert db.get(User, accounts.mod_b).active is True  # type: ignore[union-attr]
