"""Hold lines at a precision floor, per-source label balance, genuine-comment negatives, dialect margin."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from training.fit import source_balance
from training.negatives import SOURCE, comment_negatives
from training.thresholds import OFF, floor_line, head_lines


def test_floor_line_is_where_precision_stays_above_the_floor() -> None:
    # scores 0.1..0.9: positives are the top three and one at 0.35
    p = np.array([0.1, 0.2, 0.3, 0.35, 0.4, 0.5, 0.7, 0.8, 0.9])
    y = np.array([0, 0, 0, 1, 0, 0, 1, 1, 1])
    line = floor_line(y, p, floor=0.75)
    pred = p >= line
    assert (y[pred] == 1).mean() >= 0.75
    assert line > 0.35  # a lower line would let precision fall below the floor
    assert floor_line(np.zeros(5, dtype=int), np.linspace(0.1, 0.9, 5)) == OFF  # never precise: never holds


def test_head_lines_raise_a_weak_heads_line_and_keep_the_f1_cut_as_report() -> None:
    rng = np.random.default_rng(0)
    # positives spread over 0.3-1.0; a third of the negatives overlap them up to 0.75 (a weak head)
    pos = rng.uniform(0.3, 1.0, 300)
    neg = np.concatenate([rng.uniform(0, 0.3, 600), rng.uniform(0.3, 0.75, 300)])
    p, y = np.concatenate([pos, neg]), np.r_[np.ones(300), np.zeros(900)].astype(int)
    lines = head_lines(y, p, macro=False)
    assert lines["report"] < 0.4 < lines["hold"]  # the F1 cut is only reported; holding waits for precision
    assert y[p >= lines["hold"]].mean() >= 0.75
    assert y[p >= lines["report"]].mean() < 0.75


def test_source_balance_gives_every_source_the_same_positive_share() -> None:
    sources = np.array(["a"] * 10 + ["b"] * 10 + ["c"] * 4)
    y = np.array([1] * 8 + [0] * 2 + [1] * 2 + [0] * 8 + [0] * 4)
    w = source_balance(sources, y)
    target = y.mean()
    for s in ("a", "b"):
        rows = sources == s
        assert w[rows & (y == 1)].sum() / w[rows].sum() == pytest.approx(target)
        assert w[rows].sum() == pytest.approx(rows.sum())  # each source keeps its weight
    assert (w[sources == "c"] == 1).all()  # one class only: left alone


def test_comment_negatives_take_clean_identity_mentions_and_a_sample_per_dialect() -> None:
    train = pd.DataFrame(
        {
            "text": [
                "اليهود والمسلمون جيران",
                "المسيحيين يا كلاب",
                "الجو جميل اليوم",
                "مقال عن الطقس",
                "تقرير ديال المدرسة",
            ],
            "source": ["aoc_zaidan2011"] * 4 + ["aoc_cotterell2014"],
            "toxic": np.nan, "hate": np.nan, "spam": 0.0,
            "dialect": ["MSA", "MSA", "MSA", "MSA", "MAGH"],
        }
    )  # fmt: skip
    out = comment_negatives(train, frozenset({"كلاب"}), per_dialect=1, seed=0)
    texts = set(out["text"])
    assert "اليهود والمسلمون جيران" in texts  # names a faith, no profanity
    assert "المسيحيين يا كلاب" not in texts  # a lexicon word: never a negative
    assert "تقرير ديال المدرسة" in texts  # the one MAGH comment, by the per-dialect sample
    assert len(texts & {"الجو جميل اليوم", "مقال عن الطقس"}) == 1  # one MSA comment beyond the mentions
    assert (out["source"] == SOURCE).all() and (out["toxic"] == 0).all() and out["spam"].isna().all()


def test_dialect_margin_reaches_the_asked_accuracy() -> None:
    from service.scoring.model import UNKNOWN_DIALECT, DialectHead
    from training.modelling import dialect_margin

    rng = np.random.default_rng(1)
    n = 400
    truth = np.array(["EGY", "MAGH"], dtype=object)[rng.integers(0, 2, n)]
    signal = np.where(truth == "EGY", 1.0, -1.0) * rng.random(n) * 2 + rng.normal(0, 0.6, n)
    x = np.column_stack([signal, np.ones(n)])
    head = DialectHead(np.array([[1.0, -1.0], [0.0, 0.0]], dtype=np.float32), np.zeros(2), ("EGY", "MAGH"))
    head.min_margin_ = dialect_margin(head, x, truth, accuracy=0.9)
    predicted = np.array(head.predict(x), dtype=object)
    shown = predicted != UNKNOWN_DIALECT
    assert 0 < shown.sum() < n
    assert (predicted[shown] == truth[shown]).mean() >= 0.9
