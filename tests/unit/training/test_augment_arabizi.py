"""Arabizi augmentation: Latin spellings of Arabic rows, labels kept, drawn from the given rows only."""

from __future__ import annotations

import numpy as np
import pandas as pd

from training.augment_arabizi import SOURCE, arabizi_frame, to_arabizi


def test_letters_become_common_arabizi_and_other_characters_stay() -> None:
    rng = np.random.default_rng(0)
    out = to_arabizi("يا حمار، _url_ 2024!", rng)
    assert not any("\u0621" <= ch <= "\u064a" for ch in out)  # letters go; the Arabic comma stays
    assert "_url_ 2024!" in out and "mar" in out
    assert out.startswith("y")  # ي at the start of a word is a consonant


def test_one_spelling_per_letter_within_a_text() -> None:
    out = to_arabizi("خالد خرج خلاص", np.random.default_rng(3))
    first = {word[: len(word) - len(word.lstrip("kh57'"))] for word in out.split()}
    assert len(first) == 1


def test_frame_keeps_labels_uses_only_labelled_arabic_rows_and_is_reproducible() -> None:
    train = pd.DataFrame(
        {
            "text": ["انت حمار", "مقال جميل", "hello there", "بدون تصنيف"],
            "source": ["a", "b", "c", "d"],
            "toxic": [1.0, 0.0, 1.0, np.nan],
            "spam": [0.0, 0.0, 0.0, 1.0],
            "hate": np.nan,
            "vulgar": np.nan,
            "dialect": None,
            "domain": "comment",
        }
    )
    frame = arabizi_frame(train, rows=10, seed=5)
    assert len(frame) == 2 and set(frame["source"]) == {SOURCE}
    assert dict(zip(frame["toxic"], frame["spam"], strict=True)) == {1.0: 0.0, 0.0: 0.0}
    assert frame["text"].tolist() == arabizi_frame(train, rows=10, seed=5)["text"].tolist()
