"""Moderator load: the share of genuine comments the decision policy keeps from readers.

Measured on the test split with the same policy as serving (held or rejected = not published): genuine news
comments (AOC, per site source and per dialect) and everyday dialect posts, beside the share of toxic rows
held on every comment-genre source (the recall a lighter load must not cost).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from service.scoring.scorer import Scorer
from training.negatives import GENUINE_COMMENT_SOURCES
from training.out_of_source import comment_genre_sources

EVERYDAY_POSTS = ("dart", "shami")
BATCH = 5000


def _held(scorer: Scorer, texts: list[str]) -> np.ndarray:
    out = []
    for start in range(0, len(texts), BATCH):
        out += [d.status.value != "published" for _, d in scorer.decide(texts[start : start + BATCH])]
    return np.array(out, dtype=bool)


def _share(held: np.ndarray, frame: pd.DataFrame, by: str) -> dict[str, dict[str, Any]]:
    values = frame[by].fillna("unknown").astype(str).to_numpy()
    return {
        key: {"n": int((values == key).sum()), "held": float(held[values == key].mean())}
        for key in sorted(set(values))
    }


def moderator_load(scorer: Scorer, test: pd.DataFrame, excluded: tuple[str, ...]) -> dict[str, Any]:
    """Held shares of genuine comments (overall, per source and dialect) and recall per comment source."""
    out: dict[str, Any] = {}
    genuine = test[test["source"].isin(GENUINE_COMMENT_SOURCES)]
    if len(genuine):
        held = _held(scorer, genuine["text"].tolist())
        out["genuine_news_comments"] = {
            "n": len(genuine),
            "held": float(held.mean()),
            "per_source": _share(held, genuine, "source"),
            "per_dialect": _share(held, genuine, "dialect"),
        }
    posts = test[test["source"].isin(EVERYDAY_POSTS)]
    if len(posts):
        held = _held(scorer, posts["text"].tolist())
        out["everyday_posts"] = {"n": len(posts), "held": float(held.mean()), **_share(held, posts, "source")}
    recall = {}
    for source in comment_genre_sources(excluded):
        rows = test[(test["source"] == source) & test["toxic"].notna()]
        if len(rows):
            held = _held(scorer, rows["text"].tolist())
            toxic = rows["toxic"].to_numpy() == 1
            recall[source] = {
                "n": len(rows),
                "toxic_held": float(held[toxic].mean()) if toxic.any() else None,
                "clean_held": float(held[~toxic].mean()) if (~toxic).any() else None,
            }
    out["comment_sources"] = recall
    return out
