"""`raqib thresholds suggest|set` on a site's real moderator decisions: the suggested line is the one worked
out by hand, too little evidence is refused, and setting lines writes the site's policy with a log entry."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from service.moderation.admin_audit import AdminChange
from service.site_policy.store import load_policy
from service.site_policy.thresholds_cli import cli

from .conftest import SITE_A, SITE_B, Tokens
from .seed import MODEL, add_comment

pytestmark = pytest.mark.integration

# toxicity score -> the moderator's decision: toxic (True) or not toxic (False)
DECIDED = [(0.9, True), (0.8, True), (0.7, False), (0.6, True), (0.5, False), (0.4, False), (0.3, True)]


def test_suggest_from_decisions_then_set(
    client: TestClient, db: Session, tokens: Tokens, capsys: pytest.CaptureFixture[str]
) -> None:
    for n, (score, toxic) in enumerate(DECIDED):
        cid = add_comment(db, body=f"تعليق رقم {n}", probs={"spam": 0.1, "toxicity": score})
        action = "toxic" if toxic else "not_toxic"
        assert client.post(f"/v1/moderation/comments/{cid}/{action}", headers=tokens.mod_a).status_code == 200
    add_comment(db, site=SITE_B, probs={"spam": 0.1, "toxicity": 0.95})  # another site: not evidence

    args = ["suggest", "--site", SITE_A, "--target-precision", "0.75", "--version", MODEL]
    assert cli([*args, "--min-decisions", "7"]) == 2  # toxicity is enough, spam has no labels: refused
    shown = capsys.readouterr().out
    toxicity = next(line for line in shown.splitlines() if line.startswith("toxicity"))
    assert toxicity.split()[1:6] == ["0.600", "0.750", "0.750", "7", "4"]
    assert cli([*args, "--min-decisions", "8"]) == 2
    assert "too few" in next(x for x in capsys.readouterr().out.splitlines() if x.startswith("toxicity"))

    assert cli(["set", "--site", SITE_A, "--hold", "toxicity=0.6", "--reject", "spam=0.97"]) == 0
    policy = load_policy(db, SITE_A)
    assert policy.hold == {"toxicity": 0.6} and policy.reject == {"spam": 0.97}
    entry = db.scalars(select(AdminChange).where(AdminChange.site == SITE_A)).one()
    assert entry.action == "policy.update" and entry.actor.startswith("cli:")
    assert entry.after == {"hold": {"toxicity": 0.6}, "reject": {"spam": 0.97}}
    assert cli(["set", "--site", SITE_A, "--reject", "toxicity=0.5"]) == 2  # below its hold line: refused
    assert load_policy(db, SITE_A).reject == {"spam": 0.97}
