"""Moderator labels CSV → corpus rows, with clear errors for a wrong file."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from training.moderator_labels import SOURCE, load_moderator_labels


def test_tri_state_labels_and_empty_rows(tmp_path: Path) -> None:
    path = tmp_path / "labels.csv"
    path.write_text("text,spam,toxic\nاعلان,1,\nشتيمة,0,1\n,1,0\nلا شيء,,\n", encoding="utf-8")
    rows = load_moderator_labels(path)
    assert rows["text"].tolist() == ["اعلان", "شتيمة"]
    assert rows["spam"].tolist() == [1.0, 0.0]
    assert math.isnan(rows["toxic"][0]) and rows["toxic"][1] == 1.0
    assert set(rows["source"]) == {SOURCE}


def test_missing_column_and_bad_value_are_named(tmp_path: Path) -> None:
    path = tmp_path / "labels.csv"
    path.write_text("text,spam\nx,1\n", encoding="utf-8")
    with pytest.raises(ValueError, match="toxic"):
        load_moderator_labels(path)
    path.write_text("text,spam,toxic\nx,yes,0\n", encoding="utf-8")
    with pytest.raises(ValueError, match="'spam' has values \\['yes'\\]"):
        load_moderator_labels(path)
