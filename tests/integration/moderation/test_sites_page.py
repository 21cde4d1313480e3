"""The admin sites page over HTTP (PostgreSQL): register a site and see its key once, rotate with a grace
period, revoke; admins only, CSRF-checked, Arabic and English, every change in the admin audit log."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from service.comments.errors import ApiError
from service.config import get_settings
from service.moderation.admin_audit import AdminChange
from service.sites import check_site_key, site_for_key
from service.sites.models import Site

from .conftest import ADMIN, MOD_A
from .seed import login

pytestmark = pytest.mark.integration

NEW_KEY = re.compile(r'<code dir="ltr" id="new-site-key">([^<]+)</code>')


def accepted(db: Session, site: str, key: str | None) -> bool:
    try:
        check_site_key(site, key, db_session=db, settings=get_settings())
    except ApiError:
        return False
    return True


def test_moderators_cannot_see_or_change_sites(browser: TestClient, db: Session) -> None:
    csrf = login(browser, MOD_A)
    assert browser.get("/moderation/sites").status_code == 403
    answer = browser.post("/moderation/sites", data={"name": "x.example", "csrf_token": csrf})
    assert answer.status_code == 403
    assert db.scalar(select(Site.id)) is None


def test_an_admin_registers_rotates_and_revokes_a_site(browser: TestClient, db: Session) -> None:
    csrf = login(browser, ADMIN)
    page = browser.get("/moderation/sites")
    assert page.status_code == 200 and "المواقع ومفاتيحها" in page.text and 'dir="rtl"' in page.text
    assert "Sites and keys" in browser.get("/moderation/sites?lang=en").text
    assert browser.post("/moderation/sites", data={"name": "x.example"}).status_code == 403  # no CSRF token

    made = browser.post(
        "/moderation/sites", data={"name": "AlGhad.Example", "title": "الغد", "csrf_token": csrf}
    )
    assert made.status_code == 200 and made.headers["cache-control"] == "no-store"
    first = NEW_KEY.search(made.text).group(1)  # type: ignore[union-attr]
    assert site_for_key(first, db_session=db) == "alghad.example"
    assert first not in browser.get("/moderation/sites").text  # shown once, then only its prefix
    assert first[:12] in browser.get("/moderation/sites").text

    again = browser.post("/moderation/sites", data={"name": "alghad.example", "csrf_token": csrf})
    assert (
        again.status_code == 422
        and "This site is already registered."
        in browser.post("/moderation/sites?lang=en", data={"name": "ALGHAD.example", "csrf_token": csrf}).text
    )

    rotated = browser.post(
        "/moderation/sites/rotate",
        data={"name": "alghad.example", "grace_seconds": "3600", "csrf_token": csrf},
    )
    second = NEW_KEY.search(rotated.text).group(1)  # type: ignore[union-attr]
    db.expire_all()
    assert accepted(db, "alghad.example", first) and accepted(db, "alghad.example", second)
    browser.post(
        "/moderation/sites/rotate",
        data={"name": "alghad.example", "grace_seconds": "0", "csrf_token": csrf},
    )
    db.expire_all()
    assert not accepted(db, "alghad.example", first) and not accepted(db, "alghad.example", second)

    assert browser.post("/moderation/sites/revoke", data={"name": "alghad.example"}).status_code == 403
    revoked = browser.post("/moderation/sites/revoke", data={"name": "alghad.example", "csrf_token": csrf})
    assert revoked.status_code == 200 and "Revoked" in revoked.text  # English: the cookie says so
    assert '"title": "الغد"' in browser.get("/moderation/sites").text.replace("&#34;", '"')
    db.expire_all()
    assert site_for_key(second, db_session=db) is None

    log = db.scalars(select(AdminChange).order_by(AdminChange.id)).all()
    assert [(e.action, e.actor, e.site) for e in log] == [
        ("site_create", ADMIN, "alghad.example"),
        ("site_rotate_key", ADMIN, "alghad.example"),
        ("site_rotate_key", ADMIN, "alghad.example"),
        ("site_revoke", ADMIN, "alghad.example"),
    ]
    assert log[1].before == {"keys": [first[:12]]} and log[1].after["grace_seconds"] == 3600  # type: ignore[index]
    assert log[3].before["revoked_at"] is None and log[3].after["revoked_at"]  # type: ignore[index]
    assert all(first not in str(e.after) and second not in str(e.after) for e in log)  # no secret in the log
    audit = browser.get("/moderation/audit?lang=en").text
    assert "Site key rotated" in audit and "Site revoked" in audit


def test_bad_names_are_refused_on_the_page(browser: TestClient, db: Session) -> None:
    csrf = login(browser, ADMIN)
    for name in ("two words.example", "\u200b", "a" * 201):
        answer = browser.post("/moderation/sites?lang=en", data={"name": name, "csrf_token": csrf})
        assert answer.status_code == 422 and "The site name is not valid" in answer.text, name
    assert db.scalar(select(Site.id)) is None
