"""Dedup rules: agreeing copies merge (union of labels), conflicting labels are dropped, SOURCES priority."""

from __future__ import annotations

import math

import pandas as pd

from training.data.dedupe import dedupe
from training.data.schema import typed

NAN = math.nan


def _rows(*rows: tuple[str, str, float, float, float, float, str | None]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["text", "source", "toxic", "spam", "hate", "vulgar", "dialect"])
    frame["domain"] = "tweet"
    return typed(frame)


def test_agreeing_copies_merge_into_one_row_with_the_union_of_labels() -> None:
    rows = _rows(
        ("كلام عادي جدا", "omcd", 0.0, 0.0, NAN, NAN, "MAGH"),
        ("كلام  عادي جدا", "osact2022", 0.0, 0.0, 0.0, 0.0, None),
    )
    out, stats = dedupe(rows)
    assert len(out) == 1
    row = out.iloc[0]
    # osact2022 comes before omcd in SOURCES, so its copy (and raw text) is kept.
    assert row["source"] == "osact2022"
    assert row["text"] == "كلام  عادي جدا"
    assert (row["toxic"], row["spam"], row["hate"], row["vulgar"]) == (0.0, 0.0, 0.0, 0.0)
    assert row["dialect"] == "MAGH"
    assert stats["osact2022"] == {"read": 1, "duplicate": 0, "conflicting": 0, "kept": 1, "voided": 0}
    assert stats["omcd"] == {"read": 1, "duplicate": 1, "conflicting": 0, "kept": 0, "voided": 0}


def test_a_conflicting_label_is_dropped_for_all_copies_but_other_labels_survive() -> None:
    rows = _rows(
        ("انت غبي", "omcd", 1.0, 0.0, NAN, NAN, None),
        ("انت غبي", "omcd", 0.0, 0.0, NAN, NAN, None),
        ("انت غبي", "aljazeera", 1.0, 0.0, NAN, 1.0, None),
    )
    out, stats = dedupe(rows)
    assert len(out) == 1
    row = out.iloc[0]
    assert math.isnan(row["toxic"])
    assert row["spam"] == 0.0
    assert row["vulgar"] == 1.0
    assert stats["omcd"]["kept"] == 1 and stats["omcd"]["voided"] == 1 and stats["omcd"]["duplicate"] == 1
    assert stats["aljazeera"]["duplicate"] == 1


def test_a_group_left_without_any_label_is_dropped_entirely() -> None:
    rows = _rows(
        ("اربح الآن", "spam_ham_tweets_dib2023", NAN, 1.0, NAN, NAN, None),
        ("اربح الآن", "aoc_zaidan2011", NAN, 0.0, NAN, NAN, "GLF"),
        ("جملة أخرى", "aoc_zaidan2011", NAN, 0.0, NAN, NAN, "EGY"),
    )
    out, stats = dedupe(rows)
    assert out["text"].tolist() == ["جملة أخرى"]
    assert stats["spam_ham_tweets_dib2023"]["conflicting"] == 1
    assert stats["aoc_zaidan2011"] == {"read": 2, "duplicate": 0, "conflicting": 1, "kept": 1, "voided": 0}


def test_different_dialects_among_copies_give_no_dialect() -> None:
    rows = _rows(
        ("نص مشترك", "aoc_cotterell2014", NAN, 0.0, NAN, NAN, "EGY"),
        ("نص مشترك", "aoc_cotterell2014", NAN, 0.0, NAN, NAN, "LEV"),
    )
    out, _ = dedupe(rows)
    assert len(out) == 1 and out.iloc[0]["dialect"] is None


def test_unique_rows_pass_through_unchanged() -> None:
    rows = _rows(
        ("أول", "osact2020", 1.0, 0.0, 1.0, NAN, None),
        ("ثاني", "omcd", 0.0, 0.0, NAN, NAN, "MAGH"),
    )
    out, _ = dedupe(rows)
    pd.testing.assert_frame_equal(out, rows)
