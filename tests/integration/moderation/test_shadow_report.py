"""The shadow report from the database: moderator decisions as the truth, the active score that decided,
the shadow score beside it; the same figures in `raqib shadow report --json` and on the admin page."""

from __future__ import annotations

import json
import re

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from service.cli import main
from service.comments.models import utcnow
from service.shadow.models import ShadowScore

from .conftest import ADMIN, MOD_A, Tokens
from .seed import add_comment, login

pytestmark = pytest.mark.integration
SHADOW = "shadow-v2"


def _shadow(db: Session, comment_id: str, decision: str, reasons: list[str]) -> None:
    db.add(
        ShadowScore(
            comment_id=comment_id,
            model_version=SHADOW,
            probabilities={"spam": 0.1, "toxicity": 0.5},
            decision=decision,
            reasons=reasons,
            created_at=utcnow(),
        )
    )
    db.commit()


def test_report_pairs_moderators_active_and_shadow(
    client: TestClient, browser: TestClient, db: Session, tokens: Tokens, configured: str, capsys
) -> None:
    probs = {"spam": 0.1, "toxicity": 0.6}
    # held for toxicity, the moderator approves: toxic=0; active said yes (fp), shadow would publish (tn)
    a = add_comment(db, body="رأي حاد لكنه مقبول", probs=probs, reasons=["toxicity>=0.47"])
    _shadow(db, a, "published", [])
    # held for toxicity, the moderator rejects: toxic=1; both said yes (tp)
    b = add_comment(db, body="شتيمة واضحة", probs=probs, reasons=["toxicity>=0.47"])
    _shadow(db, b, "held", ["toxicity>=0.40"])
    # published, the moderator marks it toxic: active missed it (fn), shadow would hold it (tp)
    c = add_comment(db, status="published", body="إهانة مبطنة", probs=probs, reasons=[])
    _shadow(db, c, "held", ["toxicity>=0.40"])
    # on another site, no decision: counted as compared, not judged
    d = add_comment(db, site="site-b.example", status="published", body="تعليق", probs=probs, reasons=[])
    _shadow(db, d, "published", [])
    for cid, action in ((a, "approve"), (b, "reject"), (c, "toxic")):
        assert client.post(f"/v1/moderation/comments/{cid}/{action}", headers=tokens.mod_a).status_code == 200

    argv = ["shadow", "report", "--version", SHADOW, "--json", "--database-url", configured]
    assert main(argv) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["comments"] == 4
    toxic = report["per_label"]["toxic"]
    assert toxic["n"] == 3
    # active: tp 1 (b), fp 1 (a), fn 1 (c); shadow: tp 2 (b, c), fp 0, fn 0
    assert (toxic["active"]["precision"], toxic["active"]["recall"], toxic["active"]["f1"]) == (0.5, 0.5, 0.5)
    assert (toxic["shadow"]["precision"], toxic["shadow"]["recall"], toxic["shadow"]["f1"]) == (1.0, 1.0, 1.0)
    assert report["changed"]["by_direction"] == {
        "held->published": {"n": 1, "direction": "more lenient"},
        "published->held": {"n": 1, "direction": "stricter"},
    }
    assert main([*argv[:-2], "--site", "site-b.example", "--database-url", configured]) == 0
    assert json.loads(capsys.readouterr().out)["comments"] == 1

    login(browser, ADMIN)
    page = browser.get("/moderation/shadow?lang=en")
    assert page.status_code == 200
    assert re.search(r'id="shadow-comments">4<', page.text)
    assert 'id="shadow-plot"' in page.text and page.text.count('class="bar-shadow"') == 2
    assert "0.500 / 0.500 / 0.500" in page.text and "1.000 / 1.000 / 1.000" in page.text
    assert "نموذج الظل" in browser.get("/moderation/shadow?lang=ar").text


def test_shadow_page_is_for_admins(browser: TestClient, db: Session) -> None:
    login(browser, MOD_A)
    assert browser.get("/moderation/shadow").status_code in {403, 404}
