"""Golden tables: every normalising rule and every masking form, kept as data beside the tests."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from service.text import contains_email, mask_emails, normalize

_HERE = Path(__file__).parent


def _load(name: str) -> list[dict[str, str]]:
    return json.loads((_HERE / name).read_text(encoding="utf-8"))


_NORMALIZE = _load("normalize_golden.json")
_MASK = _load("mask_golden.json")


def _ids(rows: list[dict[str, str]]) -> list[str]:
    return [f"{i:02d}-{row['rule']}" for i, row in enumerate(rows)]


def test_tables_cover_enough_cases() -> None:
    assert len(_NORMALIZE) >= 60
    assert len(_MASK) >= 40
    assert sum(row["input"] == row["expected"] for row in _MASK) >= 10


@pytest.mark.parametrize("row", _NORMALIZE, ids=_ids(_NORMALIZE))
def test_normalize_golden(row: dict[str, str]) -> None:
    assert normalize(row["input"]) == row["expected"]
    assert normalize(row["expected"]) == row["expected"]


@pytest.mark.parametrize("row", _MASK, ids=_ids(_MASK))
def test_mask_golden(row: dict[str, str]) -> None:
    masked = mask_emails(row["input"])
    assert masked == row["expected"]
    assert contains_email(row["input"]) == (row["input"] != row["expected"])
    assert not contains_email(masked)


@pytest.mark.parametrize("row", [r for r in _MASK if r["input"] != r["expected"]], ids=lambda r: r["rule"])
def test_an_address_becomes_the_email_placeholder(row: dict[str, str]) -> None:
    # mask and normalise share one e-mail pattern: what is masked is an _email_ token for the model
    assert "_email_" in normalize(row["input"]).split() or row["rule"] == "in_url"
