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
