"""The public OSACT2020 benchmark (subtask A, offensive or not): train on the official train+dev only, report
macro-F1 on the rebuilt official test set.

Calibration and the threshold come from 5-fold out-of-fold scores on train+dev (the test set is never looked
at until the single final evaluation); the final toxicity head is then fitted on all of train+dev.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from service.scoring.features import TextFeatures
from service.text import normalize
from training.data import load_osact2020_benchmark
from training.fit import TrainConfig
from training.metrics import binary_metrics
from training.modelling import HeadParams, fit_calibrator, fit_head
from training.thresholds import hold_threshold

FOLDS = 5


def benchmark_scores(
    train_texts: list[str],
    y: np.ndarray,
    test_texts: list[str],
    features: dict[str, Any],
    params: HeadParams,
    seed: int,
) -> tuple[np.ndarray, float]:
    """Calibrated test probabilities and the out-of-fold macro-F1 threshold."""
    norm_train = [normalize(t) for t in train_texts]
    norm_test = [normalize(t) for t in test_texts]
    folds = np.random.default_rng(seed).permutation(len(y)) % FOLDS
    oof = np.empty(len(y))
    for k in range(FOLDS):
        fit_rows, held = np.flatnonzero(folds != k), np.flatnonzero(folds == k)
        feats = TextFeatures(**features).fit([norm_train[i] for i in fit_rows])
        head = fit_head(
            feats.transform([norm_train[i] for i in fit_rows]),
            y[fit_rows],
            np.ones(len(fit_rows)),
            params,
            seed,
        )
        oof[held] = head.log_odds(feats.transform([norm_train[i] for i in held]))
    calibrator = fit_calibrator(oof, y)
    threshold = hold_threshold(y, calibrator(oof), macro=True)
    feats = TextFeatures(**features).fit(norm_train)
    head = fit_head(feats.transform(norm_train), y, np.ones(len(y)), params, seed)
    return calibrator(head.log_odds(feats.transform(norm_test))), threshold


def run_osact2020(
    data_dir: Path, config: TrainConfig, seed: int, log: Callable[[str], None]
) -> dict[str, Any]:
    """Train on OSACT2020 train+dev, evaluate once on the official test; returns the metrics."""
    t0 = time.perf_counter()
    bench = load_osact2020_benchmark(data_dir)
    train = bench.train[bench.train["toxic"].notna()]
    log(f"OSACT2020 benchmark: train+dev {len(train)} rows, official test {len(bench.test)} rows")
    y = train["toxic"].to_numpy(dtype=int)
    proba, threshold = benchmark_scores(
        train["text"].tolist(),
        y,
        bench.test["text"].tolist(),
        config.features,
        config.heads["toxicity"],
        seed,
    )
    metrics = binary_metrics(bench.test["toxic"].to_numpy(dtype=int), proba, threshold)
    metrics.pop("confusion", None)
    log(f"OSACT2020 benchmark done ({time.perf_counter() - t0:.0f} s)")
    return {
        "train_rows": len(train),
        "test_rows": len(bench.test),
        "shared_task_best_macro_f1": 0.902,
        **metrics,
    }
