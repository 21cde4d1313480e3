"""`raqib labels export`: the moderator decisions reach a CSV the data team trains on."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from service.cli import main

from .conftest import Tokens
from .seed import add_comment

pytestmark = pytest.mark.integration


def test_labels_export_writes_one_row_per_labelled_comment(
    client: TestClient, db: Session, tokens: Tokens, configured: str, tmp_path: Path
) -> None:
    spam = add_comment(db, body="اربح المال الآن", probs={"spam": 0.4, "toxicity": 0.1})
    rude = add_comment(db, status="published", body="كلام قبيح", probs={"spam": 0.1, "toxicity": 0.4})
    add_comment(db, body="لم يراجع بعد", probs={"spam": 0.1, "toxicity": 0.1})
    client.post(f"/v1/moderation/comments/{spam}/spam", headers=tokens.mod_a)
    client.post(f"/v1/moderation/comments/{rude}/toxic", headers=tokens.mod_a)

    out = tmp_path / "labels.csv"
    assert main(["labels", "export", "--out", str(out), "--database-url", configured]) == 0

    with out.open(encoding="utf-8") as handle:
        rows = {row["comment_id"]: row for row in csv.DictReader(handle)}
    assert set(rows) == {spam, rude}
    assert (rows[spam]["text"], rows[spam]["spam"], rows[spam]["toxic"]) == ("اربح المال الآن", "1", "")
    assert (rows[rude]["toxic"], rows[rude]["decision"]) == ("1", "rejected")


def test_approve_and_reject_teach_what_the_model_flagged(
    client: TestClient, db: Session, tokens: Tokens, configured: str, tmp_path: Path, capsys
) -> None:
    probs = {"spam": 0.4, "toxicity": 0.6}
    held_toxic = add_comment(db, body="رأي حاد", probs=probs, reasons=["toxicity>=0.47"])
    held_both = add_comment(db, body="إعلان وقح", probs=probs, reasons=["spam>=0.27", "hate>=0.22 (report)"])
    unflagged = add_comment(db, status="published", body="تعليق عادي", probs=probs, reasons=[])
    rejected = add_comment(db, body="شتيمة", probs=probs, reasons=["toxicity>=0.47", "spam:contact-only"])
    overruled = add_comment(db, body="ليس إعلانا", probs=probs, reasons=["spam>=0.27"])
    conflicted = add_comment(db, body="محل خلاف", probs=probs, reasons=["toxicity>=0.47"])
    undone = add_comment(db, body="سيلغى", probs=probs, reasons=["toxicity>=0.47"])
    other_site = add_comment(db, site="site-b.example", body="موقع آخر", probs=probs, reasons=["spam>=0.27"])
    nothing = add_comment(db, status="published", body="رفض بلا سبب", probs=probs, reasons=[])

    def act(cid: str, action: str, who: dict[str, str] = tokens.mod_a) -> None:
        assert client.post(f"/v1/moderation/comments/{cid}/{action}", headers=who).status_code == 200

    act(held_toxic, "approve")  # toxic = 0 only (spam was not flagged)
    act(held_both, "approve")  # spam = 0 and, from the report line, toxic = 0
    act(unflagged, "approve")  # nothing flagged: both 0
    act(rejected, "reject")  # toxic = 1, spam = 1 (contact-only is a spam hold)
    act(overruled, "reject")
    act(overruled, "not_spam", tokens.admin)  # the explicit mark wins over the reject: spam = 0
    act(conflicted, "approve")
    act(conflicted, "reject", tokens.admin)  # the latest decision wins: toxic = 1, a conflict
    act(other_site, "approve", tokens.mod_b)
    act(nothing, "reject")  # held for nothing: teaches nothing
    act(undone, "reject")
    assert client.post("/v1/moderation/undo", headers=tokens.mod_a).status_code == 200

    out = tmp_path / "labels.csv"
    assert main(["labels", "export", "--out", str(out), "--database-url", configured]) == 0
    summary = capsys.readouterr().err
    with out.open(encoding="utf-8") as handle:
        rows = {row["comment_id"]: (row["spam"], row["toxic"]) for row in csv.DictReader(handle)}
    assert rows == {
        held_toxic: ("", "0"),
        held_both: ("0", "0"),
        unflagged: ("0", "0"),
        rejected: ("1", "1"),
        overruled: ("0", ""),
        conflicted: ("", "1"),
        other_site: ("0", ""),
    }
    assert "7 rows: approved 4, rejected 3" in summary
    assert "spam 1/0: 1/4, toxic 1/0: 2/3; conflicts 2" in summary  # conflicted, and overruled
    assert "1 without a label" in summary

    assert (
        main(
            ["labels", "export", "--out", str(out), "--site", "site-b.example", "--database-url", configured]
        )
        == 0
    )
    with out.open(encoding="utf-8") as handle:
        assert [row["comment_id"] for row in csv.DictReader(handle)] == [other_site]
    assert (
        main(["labels", "export", "--out", str(out), "--since", "2999-01-01", "--database-url", configured])
        == 0
    )
    assert "0 rows" in capsys.readouterr().err
