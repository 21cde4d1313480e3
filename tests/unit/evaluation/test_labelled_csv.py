"""Reading the labelled CSV of `raqib evaluate`, and the compare helpers that need no model."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from training.compare import bootstrap_delta, verdict
from training.evaluate import EvaluationError, read_labelled_csv


def _write(tmp_path: Path, content: str) -> Path:
    path = tmp_path / "cases.csv"
    path.write_text(content, encoding="utf-8")
    return path


def test_reads_text_and_label(tmp_path: Path) -> None:
    path = _write(tmp_path, 'text,label\n"انت حمار, وغبي",1\nمقال جميل,0\n')
    frame = read_labelled_csv(path)
    assert frame["text"].tolist() == ["انت حمار, وغبي", "مقال جميل"]
    assert frame["label"].tolist() == [1, 0]


def test_missing_column_names_file_and_column(tmp_path: Path) -> None:
    path = _write(tmp_path, "comment,label\nx,1\n")
    with pytest.raises(
        EvaluationError, match=r"cases\.csv: missing column\(s\) text \(found: comment, label\)"
    ):
        read_labelled_csv(path)


def test_bad_label_values_name_the_lines(tmp_path: Path) -> None:
    path = _write(tmp_path, "text,label\na,1\nb,yes\nc,0\nd,\n")
    with pytest.raises(
        EvaluationError, match=r"cases\.csv: column label must be 0 or 1; bad values \['', 'yes'\]"
    ):
        read_labelled_csv(path)
    with pytest.raises(EvaluationError, match=r"line\(s\) 3, 5"):
        read_labelled_csv(path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(EvaluationError, match=r"nope\.csv: file not found"):
        read_labelled_csv(tmp_path / "nope.csv")


def test_bootstrap_verdict_sees_a_clearly_better_model() -> None:
    rng = np.random.default_rng(1)
    y = (rng.random(400) < 0.3).astype(int)
    noise = rng.random(400)
    good = 0.7 * y + 0.3 * noise
    bad = noise
    ci = bootstrap_delta(y, bad, good)
    assert ci[0] > 0.2
    assert verdict(ci) == "b_better"
    assert verdict(bootstrap_delta(y, good, bad)) == "a_better"
    assert verdict(bootstrap_delta(y, good, good)) == "no_clear_difference"
