"""Test-split metrics of a fitted model: per label, source and dialect, and spam FPR on genuine comments."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from service.scoring.model import UNKNOWN_DIALECT, TextModel
from training.fit import LABEL_COLUMNS, genuine_mask
from training.metrics import binary_metrics

_KEEP = ("n", "threshold", "precision", "recall", "f1", "macro_f1", "roc_auc", "pr_auc", "fpr", "brier")


def hold_threshold_for(label: str, thresholds: dict[str, float]) -> float:
    return thresholds["spam_hold"] if label == "spam" else thresholds[f"{label}_hold"]


def _metrics(y: np.ndarray, p: np.ndarray, t: float) -> dict[str, Any]:
    full = binary_metrics(y, p, t)
    return {key: full[key] for key in _KEEP}


def evaluate_frame(
    model: TextModel, frame: pd.DataFrame, thresholds: dict[str, float]
) -> tuple[dict[str, Any], dict[str, np.ndarray]]:
    """Metrics of every head on a labelled frame (raw texts go through the model's own normalisation)."""
    proba = model.predict_proba(frame["text"].tolist())
    out: dict[str, Any] = {}
    for label in model.labels:
        column = LABEL_COLUMNS[label]
        has = frame[column].notna().to_numpy()
        y, p = frame[column].to_numpy()[has], proba[label][has]
        t = hold_threshold_for(label, thresholds)
        entry: dict[str, Any] = {"overall": _metrics(y, p, t)}
        sub = frame[has]
        entry["per_source"] = {
            source: _metrics(y[idx], p[idx], t) for source, idx in _groups(sub["source"]).items()
        }
        entry["per_dialect"] = {
            dialect: _metrics(y[idx], p[idx], t)
            for dialect, idx in _groups(sub["dialect"].fillna("unknown")).items()
        }
        if label == "spam":
            genuine = genuine_mask(sub)
            entry["genuine_fpr"] = {
                "hold": float((p[genuine] >= t).mean()) if genuine.any() else float("nan"),
                "reject": float((p[genuine] >= thresholds["spam_reject"]).mean())
                if genuine.any()
                else float("nan"),
                "n": int(genuine.sum()),
            }
            entry["at_reject"] = _metrics(y, p, thresholds["spam_reject"])
        out[label] = entry
    return out, proba


def _groups(values: pd.Series) -> dict[str, np.ndarray]:
    values = values.astype(str).to_numpy()
    return {name: np.flatnonzero(values == name) for name in sorted(set(values))}


def dialect_accuracy(model: TextModel, frame: pd.DataFrame) -> dict[str, Any]:
    """Accuracy and per-class recall of the dialect head on labelled rows."""
    predicted = np.array(model.predict_dialect(frame["text"].tolist()) or [], dtype=object)
    truth = frame["dialect"].to_numpy(dtype=object)
    if not len(predicted):
        return {}
    per_class = {
        d: float((predicted[truth == d] == d).mean()) for d in sorted(set(truth)) if (truth == d).any()
    }
    shown = predicted != UNKNOWN_DIALECT
    return {
        "n": len(truth),
        "accuracy": float((predicted == truth).mean()),
        "shown": float(shown.mean()),
        "accuracy_when_shown": float((predicted[shown] == truth[shown]).mean())
        if shown.any()
        else float("nan"),
        "recall_per_dialect": per_class,
    }
