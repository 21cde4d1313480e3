"""Deterministic train/validation/test split, stratified by source and main label."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import numpy as np
import pandas as pd


@dataclass(frozen=True)
class Split:
    """The three parts of a corpus; each is a corpus table with a fresh index."""

    train: pd.DataFrame
    val: pd.DataFrame
    test: pd.DataFrame


def main_label(rows: pd.DataFrame) -> pd.Series:
    """The label a row is stratified on: toxic when the row has one, else spam, else "none"."""
    toxic = rows["toxic"].map(lambda v: f"toxic={int(v)}" if v == v else None)
    spam = rows["spam"].map(lambda v: f"spam={int(v)}" if v == v else "none")
    return toxic.fillna(spam)


def _rank(texts: pd.Series, seed: int) -> np.ndarray:
    # A keyed hash of the text, not a shuffled index: the split does not depend on row order.
    prefix = f"{seed}\x00".encode()
    return np.array(
        [hashlib.blake2b(prefix + t.encode(), digest_size=8).digest() for t in texts], dtype=object
    )


def split_corpus(rows: pd.DataFrame, seed: int, val: float = 0.1, test: float = 0.1) -> Split:
    """Split deduplicated rows: each (source, main label) stratum gives the same share to val and test."""
    if val < 0 or test < 0 or val + test >= 1:
        raise ValueError("val and test must be non-negative and leave rows for training")
    frame = rows.reset_index(drop=True)
    stratum = frame["source"].astype(str) + "|" + main_label(frame)
    order = pd.DataFrame(
        {"stratum": stratum, "rank": _rank(frame["text"], seed), "pos": np.arange(len(frame))}
    )
    order = order.sort_values(["stratum", "rank", "pos"], kind="stable")
    part = np.empty(len(frame), dtype=object)
    for _, group in order.groupby("stratum", sort=True):
        n = len(group)
        n_test, n_val = round(n * test), round(n * val)
        positions = group["pos"].to_numpy()
        part[positions[:n_test]] = "test"
        part[positions[n_test : n_test + n_val]] = "val"
        part[positions[n_test + n_val :]] = "train"
    # Each part comes in the seeded hash order, so no part is grouped by source (a prefix is a fair sample).
    shuffled = order.sort_values(["rank", "pos"], kind="stable")["pos"].to_numpy()
    pick = {
        name: frame.iloc[shuffled[part[shuffled] == name]].reset_index(drop=True)
        for name in ("train", "val", "test")
    }
    return Split(train=pick["train"], val=pick["val"], test=pick["test"])
