"""split_corpus: deterministic for (rows, seed), disjoint, complete and stratified."""

from __future__ import annotations

import pandas as pd
import pytest

from training.data.schema import typed
from training.data.split import split_corpus


def _corpus(n: int = 400) -> pd.DataFrame:
    rows = []
    for i in range(n):
        source = ("osact2020", "omcd", "spam_ham_tweets_dib2023", "aoc_zaidan2011")[i % 4]
        toxic = float(i % 3 == 0) if source in ("osact2020", "omcd") else float("nan")
        spam = float(i % 5 == 0) if source == "spam_ham_tweets_dib2023" else 0.0
        rows.append((f"نص رقم {i}", source, toxic, spam, float("nan"), float("nan"), None, "tweet"))
    return typed(
        pd.DataFrame(rows, columns=["text", "source", "toxic", "spam", "hate", "vulgar", "dialect", "domain"])
    )


def test_same_rows_and_seed_give_identical_splits_even_if_rows_are_shuffled() -> None:
    rows = _corpus()
    first = split_corpus(rows, seed=7)
    again = split_corpus(rows, seed=7)
    shuffled = split_corpus(rows.sample(frac=1, random_state=3), seed=7)
    for part in ("train", "val", "test"):
        pd.testing.assert_frame_equal(getattr(first, part), getattr(again, part))
        pd.testing.assert_frame_equal(getattr(first, part), getattr(shuffled, part))


def test_parts_are_disjoint_and_cover_every_row() -> None:
    rows = _corpus()
    split = split_corpus(rows, seed=1)
    train, val, test = (set(p["text"]) for p in (split.train, split.val, split.test))
    assert not (train & val or train & test or val & test)
    assert train | val | test == set(rows["text"])


def test_each_source_and_label_stratum_gets_its_share() -> None:
    rows = _corpus(1000)
    split = split_corpus(rows, seed=5, val=0.1, test=0.2)
    for source in rows["source"].unique():
        total = (rows["source"] == source).sum()
        assert abs((split.test["source"] == source).sum() - 0.2 * total) <= 2
        assert abs((split.val["source"] == source).sum() - 0.1 * total) <= 2
    osact = rows[rows["source"] == "osact2020"]
    test_osact = split.test[split.test["source"] == "osact2020"]
    assert abs(test_osact["toxic"].mean() - osact["toxic"].mean()) < 0.03


def test_another_seed_gives_another_split() -> None:
    rows = _corpus()
    assert set(split_corpus(rows, seed=1).test["text"]) != set(split_corpus(rows, seed=2).test["text"])


def test_impossible_fractions_are_refused() -> None:
    with pytest.raises(ValueError):
        split_corpus(_corpus(), seed=1, val=0.5, test=0.5)
