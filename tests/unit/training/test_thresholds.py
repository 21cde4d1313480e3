"""Threshold choice on validation: spam_hold keeps genuine-comment FPR <= 0.25%, spam_reject is stricter."""

from __future__ import annotations

import numpy as np

from training.thresholds import hold_threshold, spam_thresholds


def test_spam_hold_respects_the_genuine_fpr_cap() -> None:
    rng = np.random.default_rng(0)
    # Genuine comments score 0..0.6 (a tail above 0.3), spam 0.4..1: the F1-best cut alone would be ~0.4.
    genuine = rng.uniform(0.0, 0.6, 2000)
    spam = rng.uniform(0.4, 1.0, 1000)
    p = np.concatenate([genuine, spam])
    y = np.concatenate([np.zeros(2000), np.ones(1000)])
    is_genuine = np.concatenate([np.ones(2000, bool), np.zeros(1000, bool)])
    t = spam_thresholds(y, p, is_genuine)
    assert (genuine >= t["spam_hold"]).mean() <= 0.0025
    # ...and is the LOWEST such line (held spam costs a glance, published spam costs readers)
    lower = round(t["spam_hold"] - 0.01, 2)
    assert (genuine >= lower).mean() > 0.0025 or y[p >= lower].mean() < 0.9
    assert (genuine >= t["spam_reject"]).mean() <= 0.001
    assert t["spam_reject"] >= t["spam_hold"]
    # A stricter cap can only raise the hold line.
    assert spam_thresholds(y, p, is_genuine, max_fpr_hold=0.001)["spam_hold"] >= t["spam_hold"]


def test_hold_threshold_maximises_f1() -> None:
    y = np.array([0] * 50 + [1] * 50)
    p = np.concatenate([np.linspace(0.0, 0.3, 50), np.linspace(0.7, 1.0, 50)])
    assert 0.3 <= hold_threshold(y, p, macro=True) <= 0.7
