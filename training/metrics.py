"""Binary classification metrics for one label head, robust to slices where a class is missing.

Everything returns plain Python floats (NaN where a metric is undefined, e.g. ROC-AUC on a slice with no
positives) so results can go straight into manifest.json, REPORT.md and one-line JSON verdicts.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from sklearn.metrics import average_precision_score, roc_auc_score

NAN = float("nan")


def _as_arrays(y_true: Any, proba: Any) -> tuple[np.ndarray, np.ndarray]:
    y = np.asarray(y_true, dtype=float).ravel()
    p = np.asarray(proba, dtype=float).ravel()
    if y.shape != p.shape:
        raise ValueError(f"y_true has {y.size} values but proba has {p.size}")
    if np.isnan(y).any():
        raise ValueError("y_true contains NaN: drop unlabelled rows before computing metrics")
    if not np.isin(y, (0.0, 1.0)).all():
        raise ValueError("y_true must be 0/1")
    return y.astype(int), p


def _ratio(num: float, den: float) -> float:
    return float(num / den) if den else NAN


def _f1(precision: float, recall: float) -> float:
    if math.isnan(precision) or math.isnan(recall):
        return NAN
    if precision + recall == 0:
        return 0.0
    return 2 * precision * recall / (precision + recall)


def confusion(y_true: Any, proba: Any, threshold: float) -> dict[str, int]:
    """Counts of tn/fp/fn/tp when ``proba >= threshold`` is called positive."""
    y, p = _as_arrays(y_true, proba)
    pred = p >= threshold
    pos = y == 1
    return {
        "tn": int((~pred & ~pos).sum()),
        "fp": int((pred & ~pos).sum()),
        "fn": int((~pred & pos).sum()),
        "tp": int((pred & pos).sum()),
    }


def binary_metrics(y_true: Any, proba: Any, threshold: float) -> dict[str, Any]:
    """Precision/recall/F1 (positive class), macro-F1, ROC/PR-AUC, FPR, Brier and confusion at a threshold.

    Undefined values are NaN rather than errors: precision with no predicted positives, recall with no
    positives, AUCs when only one class is present, everything on an empty input.
    """
    y, p = _as_arrays(y_true, proba)
    cm = confusion(y, p, threshold)
    tn, fp, fn, tp = cm["tn"], cm["fp"], cm["fn"], cm["tp"]
    precision = _ratio(tp, tp + fp)
    recall = _ratio(tp, tp + fn)
    f1 = _f1(precision, recall)
    # The negative class's F1, for macro-F1 (the OSACT shared-task metric).
    neg_f1 = _f1(_ratio(tn, tn + fn), _ratio(tn, tn + fp))
    both_classes = 0 < int(y.sum()) < y.size
    if both_classes:
        macro_f1 = (f1 + neg_f1) / 2
        roc_auc = float(roc_auc_score(y, p))
        pr_auc = float(average_precision_score(y, p))
    else:
        macro_f1 = roc_auc = NAN
        pr_auc = float(average_precision_score(y, p)) if y.sum() > 0 else NAN
    return {
        "n": int(y.size),
        "threshold": float(threshold),
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "macro_f1": macro_f1,
        "roc_auc": roc_auc,
        "pr_auc": pr_auc,
        "fpr": _ratio(fp, fp + tn),
        "brier": float(np.mean((p - y) ** 2)) if y.size else NAN,
        "confusion": cm,
    }


def reliability_curve(y_true: Any, proba: Any, bins: int = 10) -> dict[str, list[float] | list[int]]:
    """Equal-width calibration bins over [0, 1]: mean predicted probability, observed positive rate, count.

    Empty bins are left out, so the lists have one entry per non-empty bin.
    """
    if bins < 1:
        raise ValueError("bins must be >= 1")
    y, p = _as_arrays(y_true, proba)
    edges = np.linspace(0.0, 1.0, bins + 1)
    # Bin i holds [edge_i, edge_i+1); the last bin also takes p == 1.0.
    idx = np.clip(np.digitize(p, edges[1:-1], right=False), 0, bins - 1)
    mean_pred: list[float] = []
    frac_pos: list[float] = []
    counts: list[int] = []
    lower: list[float] = []
    for b in range(bins):
        mask = idx == b
        n = int(mask.sum())
        if n == 0:
            continue
        lower.append(float(edges[b]))
        mean_pred.append(float(p[mask].mean()))
        frac_pos.append(float(y[mask].mean()))
        counts.append(n)
    return {"bin_lower": lower, "mean_predicted": mean_pred, "fraction_positive": frac_pos, "count": counts}


def expected_calibration_error(y_true: Any, proba: Any, bins: int = 10) -> float:
    """Count-weighted mean gap between predicted probability and observed rate over the reliability bins."""
    curve = reliability_curve(y_true, proba, bins)
    total = sum(curve["count"])
    if not total:
        return NAN
    gaps = (
        c * abs(m - f)
        for c, m, f in zip(curve["count"], curve["mean_predicted"], curve["fraction_positive"], strict=True)
    )
    return float(sum(gaps) / total)
