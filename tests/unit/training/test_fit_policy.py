"""Label policy and the genuine-comment mask used for spam false-positive rates."""

from __future__ import annotations

import numpy as np
import pandas as pd

from training.fit import TrainConfig, apply_label_policy, genuine_mask

ROWS = pd.DataFrame(
    {
        "text": ["a", "b", "c", "d", "e"],
        "source": ["aljazeera", "osact2020", "spam_ham_tweets_dib2023", "aoc_zaidan2011", "augment_spam"],
        "toxic": [1.0, 0.0, np.nan, np.nan, np.nan],
        "spam": [0.0, 0.0, 0.0, 0.0, 1.0],
        "hate": [0.0, 1.0, np.nan, np.nan, np.nan],
        "vulgar": [1.0, np.nan, np.nan, np.nan, np.nan],
    }
)


def test_excluded_sources_lose_toxicity_and_hate_but_stay_spam_ham() -> None:
    out = apply_label_policy(ROWS, TrainConfig(toxicity_excluded=("aljazeera",)))
    assert np.isnan(out.loc[0, "toxic"]) and np.isnan(out.loc[0, "hate"])
    assert out.loc[0, "spam"] == 0.0 and out.loc[0, "vulgar"] == 1.0
    assert out.loc[1, "toxic"] == 0.0 and out.loc[1, "hate"] == 1.0
    assert ROWS.loc[0, "toxic"] == 1.0  # the input is not modified


def test_genuine_comments_exclude_spam_set_rows() -> None:
    assert genuine_mask(ROWS).tolist() == [True, True, False, True, False]
