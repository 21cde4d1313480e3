"""The public OSACT2020 benchmark (subtask A, offensive or not): train on the official train+dev only, report
macro-F1 on the rebuilt official test set.

The head setting (C), calibration and threshold come from 5-fold out-of-fold scores on train+dev (the test
set is never looked at until the single final evaluation); the chosen head is then fitted on all of train+dev.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from service.scoring.features import TextFeatures
from service.text import normalize
from training.data import load_osact2020_benchmark
from training.fit import TrainConfig
from training.metrics import binary_metrics
from training.modelling import HeadParams, best_f1_threshold, fit_calibrator, fit_head
from training.thresholds import hold_threshold

FOLDS = 5


# Candidate settings for the toxicity head; the one with the best out-of-fold macro-F1 on train+dev is used.
# They double as the family comparison in the model card (NB-LR vs plain LR vs linear SVM, same features).
CANDIDATES = (
    HeadParams("nblr", 2.0),
    HeadParams("nblr", 4.0),
    HeadParams("nblr", 8.0),
    HeadParams("lr", 10.0),
    HeadParams("svm", 0.3),
)


def benchmark_scores(
    train_texts: list[str],
    y: np.ndarray,
    test_texts: list[str],
    features: dict[str, Any],
    candidates: Sequence[HeadParams],
    seed: int,
) -> tuple[np.ndarray, float, HeadParams, dict[str, float]]:
    """Calibrated test probabilities, the out-of-fold macro-F1 threshold, the chosen setting, OOF scores."""
    norm_train = [normalize(t) for t in train_texts]
    norm_test = [normalize(t) for t in test_texts]
    folds = np.random.default_rng(seed).permutation(len(y)) % FOLDS
    oof = np.empty((len(candidates), len(y)))
    for k in range(FOLDS):
        fit_rows, held = np.flatnonzero(folds != k), np.flatnonzero(folds == k)
        feats = TextFeatures(**features)
        x_fit = feats.fit_transform([norm_train[i] for i in fit_rows])
        x_held = feats.transform([norm_train[i] for i in held])
        for c, params in enumerate(candidates):
            oof[c, held] = fit_head(x_fit, y[fit_rows], np.ones(len(fit_rows)), params, seed).log_odds(x_held)
    scores = [best_f1_threshold(y, fit_calibrator(z, y)(z), macro=True)[1] for z in oof]
    best = int(np.argmax(scores))
    calibrator = fit_calibrator(oof[best], y)
    threshold = hold_threshold(y, calibrator(oof[best]), macro=True)
    feats = TextFeatures(**features)
    head = fit_head(feats.fit_transform(norm_train), y, np.ones(len(y)), candidates[best], seed)
    table = {f"{p.family} C={p.C}": round(s, 4) for p, s in zip(candidates, scores, strict=True)}
    return calibrator(head.log_odds(feats.transform(norm_test))), threshold, candidates[best], table


def run_osact2020(
    data_dir: Path, config: TrainConfig, seed: int, log: Callable[[str], None]
) -> dict[str, Any]:
    """Train on OSACT2020 train+dev, evaluate once on the official test; returns the metrics."""
    t0 = time.perf_counter()
    bench = load_osact2020_benchmark(data_dir)
    train = bench.train[bench.train["toxic"].notna()]
    log(f"OSACT2020 benchmark: train+dev {len(train)} rows, official test {len(bench.test)} rows")
    y = train["toxic"].to_numpy(dtype=int)
    proba, threshold, chosen, oof_scores = benchmark_scores(
        train["text"].tolist(), y, bench.test["text"].tolist(), config.features, CANDIDATES, seed
    )
    metrics = binary_metrics(bench.test["toxic"].to_numpy(dtype=int), proba, threshold)
    metrics.pop("confusion", None)
    log(f"OSACT2020 benchmark done ({time.perf_counter() - t0:.0f} s)")
    return {
        "train_rows": len(train),
        "test_rows": len(bench.test),
        "shared_task_best_macro_f1": 0.902,
        "head": chosen.as_dict(),
        "oof_macro_f1": oof_scores,
        **metrics,
    }
