"""Leave-one-source-out evaluation of the toxicity head on the comment-genre sources.

For each source of reader comments (YouTube, Facebook, forum and news-site comments with toxicity labels), a
toxicity head is trained without any row of it, calibrated and given its hold line on validation rows of the
other sources, and tested on every row of the left-out source: how the model does on comments from a site
it has never seen, which is what a newsroom installing Raqib gets. The shared features are the full model's
(fitting them again per source would cost minutes; they are unsupervised, so no label leaks through them).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd
import scipy.sparse as sp

from service.scoring.features import TextFeatures
from training.data.sources import SOURCES, TOXICITY
from training.fit import TrainConfig, head_weights
from training.metrics import binary_metrics
from training.modelling import best_calibrator, fit_head
from training.thresholds import head_lines

Log = Callable[[str], None]


def comment_genre_sources(excluded: tuple[str, ...]) -> list[str]:
    """Sources of reader comments that label toxicity (and whose labels training uses)."""
    return [
        name
        for name, info in SOURCES.items()
        if info.domain == "comment" and TOXICITY in info.tasks and name not in excluded
    ]


def leave_one_source_out(
    features: TextFeatures,
    x_train: sp.csr_matrix,
    train: pd.DataFrame,
    x_val: sp.csr_matrix,
    val: pd.DataFrame,
    test: pd.DataFrame,
    config: TrainConfig,
    seed: int,
    log: Log,
) -> dict[str, Any]:
    """Per left-out source: n, macro-F1, PR-AUC, precision and recall at its hold line; and their mean."""
    per_source: dict[str, Any] = {}
    scores: dict[str, tuple[np.ndarray, np.ndarray]] = {}
    x_test = features.transform(test["norm"].tolist()) if "norm" in test else None
    for source in comment_genre_sources(config.toxicity_excluded):
        origin = train["origin"] if "origin" in train else pd.Series(None, index=train.index, dtype=object)
        tr = ((train["source"] != source) & (origin != source) & train["toxic"].notna()).to_numpy()
        va = (val["source"] != source).to_numpy() & val["toxic"].notna().to_numpy()
        held_out = [
            (x[(frame["source"] == source).to_numpy() & frame["toxic"].notna().to_numpy()],
             frame.loc[(frame["source"] == source) & frame["toxic"].notna(), "toxic"].to_numpy())
            for x, frame in ((x_train, train), (x_val, val), (x_test, test))
            if x is not None
        ]  # fmt: skip
        y_out = np.concatenate([y for _, y in held_out])
        if len(y_out) == 0 or len(set(y_out.tolist())) < 2:
            continue
        head = fit_head(
            x_train[tr], train["toxic"].to_numpy()[tr], head_weights(train[tr], "toxicity", config),
            config.heads["toxicity"], seed,
        )  # fmt: skip
        y_va = val["toxic"].to_numpy()[va]
        head.calibrator_, _ = best_calibrator(head.log_odds(x_val[va]), y_va)
        hold = head_lines(y_va, head.calibrator_(head.log_odds(x_val[va])), macro=True)["hold"]
        p_out = head.calibrator_(head.log_odds(sp.vstack([x for x, _ in held_out])))
        m = binary_metrics(y_out, p_out, hold)
        per_source[source] = {
            key: m[key] for key in ("n", "threshold", "macro_f1", "pr_auc", "precision", "recall")
        }
        scores[source] = (y_out, p_out)
        log(f"out-of-source {source}: n {m['n']}, macro-F1 {m['macro_f1']:.4f}, PR-AUC {m['pr_auc']:.4f}")
    values = [entry["macro_f1"] for entry in per_source.values() if entry["macro_f1"] is not None]
    return {
        "per_source": per_source,
        "mean_macro_f1": float(np.mean(values)) if values else None,
        "_scores": scores,  # for the report's PR curves; not written to the manifest
    }
