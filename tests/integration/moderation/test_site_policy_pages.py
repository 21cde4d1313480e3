"""A site's policy through the moderation API and the admin page: who may read and change it, validation,
and the change log with before and after."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from service.site_policy.store import load_policy

from .conftest import ADMIN, MOD_A, SITE_A, SITE_B, Tokens
from .seed import FORM_CSRF, login

pytestmark = pytest.mark.integration

URL = f"/v1/moderation/sites/{SITE_A}/policy"


def test_admins_change_a_policy_and_moderators_of_the_site_read_it(
    client: TestClient, db: Session, tokens: Tokens
) -> None:
    body = {"mode": "premoderate", "hold": {"toxicity": 0.3}, "new_author_holds": 2}
    answer = client.put(URL, json=body, headers=tokens.admin)
    assert answer.status_code == 200, answer.text
    result = answer.json()
    assert result["changes"] == {
        "mode": {"before": "flagged", "after": "premoderate"},
        "hold": {"before": {}, "after": {"toxicity": 0.3}},
        "new_author_holds": {"before": 0, "after": 2},
    }
    assert result["lines"]["toxicity"]["hold"] == 0.3
    assert result["model_lines"]["toxicity"]["hold"] != 0.3 and result["updated_by"] == ADMIN
    assert load_policy(db, SITE_A).mode == "premoderate"

    read = client.get(URL, headers=tokens.mod_a)
    assert read.status_code == 200 and read.json()["policy"]["mode"] == "premoderate"
    assert client.get(URL, headers=tokens.mod_b).status_code == 403
    assert client.put(URL, json={}, headers=tokens.mod_a).status_code == 403
    assert (
        client.get(f"/v1/moderation/sites/{SITE_B}/policy", headers=tokens.mod_b).json()["policy"]["mode"]
        == "flagged"
    )

    log = client.get(f"/v1/moderation/sites/{SITE_A}/changes", headers=tokens.admin).json()["items"]
    assert [e["action"] for e in log] == ["policy.update"] and log[0]["actor"] == ADMIN


@pytest.mark.parametrize(
    "body",
    [
        {"hold": {"toxicity": 2}},
        {"mode": "lenient"},
        {"hold": {"nudity": 0.5}},
        {"unscored_action": "publish"},
    ],
)
def test_a_mistaken_policy_is_a_422_and_changes_nothing(
    client: TestClient, db: Session, tokens: Tokens, body: dict[str, object]
) -> None:
    answer = client.put(URL, json=body, headers=tokens.admin)
    assert answer.status_code == 422 and "input" not in answer.text
    assert load_policy(db, SITE_A).mode == "flagged"
    assert client.get(f"/v1/moderation/sites/{SITE_A}/changes", headers=tokens.admin).json()["items"] == []


def test_the_policy_page_saves_a_form_and_lists_the_change(browser: TestClient, db: Session) -> None:
    login(browser, ADMIN)
    page = browser.get("/moderation/policy", params={"site": SITE_A})
    assert page.status_code == 200 and "سياسة الموقع" in page.text
    csrf = FORM_CSRF.search(page.text).group(1)  # type: ignore[union-attr]
    form = {
        "csrf_token": csrf,
        "site": SITE_A,
        "mode": "postmoderate",
        "hold_toxicity": "0٫55",
        "reject_spam": "0.97",
        "head_spam": "1",
        "head_toxicity": "1",
        "new_author_holds": "3",
        "hold_links": "1",
        "unscored_after_seconds": "120",
        "unscored_action": "publish",
        "signal_near_duplicate": "reject",
        "trusted_margin": "0.2",
    }
    saved = browser.post("/moderation/policy", data=form, follow_redirects=False)
    assert saved.status_code == 303
    policy = load_policy(db, SITE_A)
    assert policy.mode == "postmoderate" and policy.hold == {"toxicity": 0.55}
    assert policy.reject == {"spam": 0.97} and policy.holding_heads == ["spam", "toxicity"]
    assert policy.new_author_holds == 3 and policy.hold_links and policy.unscored_after_seconds == 120
    assert policy.signals == {"near_duplicate": "reject"} and policy.trusted_margin == 0.2
    shown = browser.get(saved.headers["location"])
    assert "سجل التغييرات" in shown.text and "postmoderate" in shown.text

    bad = browser.post("/moderation/policy", data=form | {"hold_toxicity": "كثير"})
    assert bad.status_code == 422 and "hold.toxicity" in bad.text
    assert load_policy(db, SITE_A).hold == {"toxicity": 0.55}
    no_csrf = browser.post("/moderation/policy", data=form | {"csrf_token": "x"}, follow_redirects=False)
    assert no_csrf.status_code == 403


def test_moderators_cannot_open_the_policy_page(browser: TestClient, db: Session) -> None:
    login(browser, MOD_A)
    assert browser.get("/moderation/policy", params={"site": SITE_A}).status_code == 403
