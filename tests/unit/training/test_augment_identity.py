"""Counterfactual copies: each row naming a group gets a copy naming another, same label, origin kept."""

from __future__ import annotations

import numpy as np
import pandas as pd

from training.augment_identity import SOURCE, _swap, identity_frame


def test_group_names_are_swapped_with_their_clitics() -> None:
    assert _swap("لليهود", "الملحدين") == "للملحدين"
    assert _swap("واليهود", "النساء") == "والنساء"
    assert _swap("يهود", "الشيعه") == "شيعه"
    assert _swap("بالمسلمين", "الاكراد") == "بالاكراد"


def test_only_rows_naming_a_group_are_copied_with_their_label() -> None:
    train = pd.DataFrame(
        {
            "text": ["الله يلعن اليهود", "جيراننا من المسيحيين طيبون", "مقال جميل", "اليهود"],
            "source": ["a", "b", "c", "d"],
            "toxic": [1.0, 0.0, 0.0, np.nan],
            "hate": [1.0, 0.0, 0.0, np.nan],
            "spam": 0.0, "vulgar": np.nan, "dialect": None, "domain": "tweet",
        }
    )  # fmt: skip
    out = identity_frame(train, seed=0)
    assert list(out["origin"]) == ["a", "b"]  # the clean row names no group; the unlabelled one is skipped
    assert list(out["toxic"]) == [1.0, 0.0]
    assert (out["source"] == SOURCE).all() and out["spam"].isna().all()
    assert "اليهود" not in out["text"].iloc[0] and out["text"].iloc[0].startswith("الله يلعن ")
    assert "المسيحيين" not in out["text"].iloc[1]
