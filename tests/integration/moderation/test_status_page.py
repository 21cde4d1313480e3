"""The admin status page: the pipeline's figures and the last hour, in Arabic and English, admins only."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import update
from sqlalchemy.orm import Session

from service.comments.models import Comment
from service.config import get_settings

from .conftest import ADMIN, MOD_A
from .seed import add_comment, login

pytestmark = pytest.mark.integration


def _cell(page: str, cell_id: str) -> str:
    found = re.search(rf'id="{cell_id}">(.*?)</td>', page, re.S)
    assert found, cell_id
    return re.sub(r"<[^>]+>", "", found.group(1)).strip()


def test_admin_sees_queue_model_and_last_hour(
    browser: TestClient, db: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:9/0")  # no broker there: shown as not answering
    get_settings.cache_clear()
    add_comment(db, status="queued", age_minutes=2)
    decided = [add_comment(db, status="published", probs={"spam": 0.1, "toxicity": 0.1}) for _ in range(3)]
    db.execute(update(Comment).where(Comment.id.in_(decided)).values(decided_at=datetime.now(UTC)))
    db.commit()
    login(browser, ADMIN)

    page = browser.get("/moderation/status")
    assert page.status_code == 200
    html = page.text
    assert '<html dir="rtl" lang="ar">' in html and "حالة الخدمة" in html
    assert _cell(html, "queued") == "1"
    assert int(_cell(html, "oldest")) >= 110
    assert _cell(html, "broker-depth") == "لا يستجيب"
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}-.+", _cell(html, "model-version"))
    assert "مُستلَم 4" in html and "تقرّر 3" in html  # the plot's legend: stored and decided this hour
    points = re.search(r'id="plot-stored" points="([^"]+)"', html)
    assert points and len(points.group(1).split()) == 60  # one point a minute
    assert " style=" not in html and "<script>" not in html  # the strict CSP holds
    assert "/metrics" in html

    english = browser.get("/moderation/status?lang=en").text
    assert '<html dir="ltr" lang="en">' in english and "Service status" in english
    assert "Stored 4" in english and "not answering" in english
    assert "no webhook-failure counter" in english


def test_moderators_may_not_see_the_status_page(browser: TestClient, db: Session) -> None:
    login(browser, MOD_A)
    assert browser.get("/moderation/status").status_code == 403
    assert 'href="/moderation/status"' not in browser.get("/moderation/queue").text
