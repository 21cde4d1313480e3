"""Default decision thresholds, chosen on the VALIDATION split only.

- toxicity_hold (and optional heads' holds): the cut maximising validation (macro-)F1;
- spam_hold: the cut maximising spam F1 among those whose false-positive rate on genuine comments (news
  comments and toxicity-set rows, clean and offensive) is at most ``max_fpr_hold`` (1%);
- spam_reject: the lowest cut, not below spam_hold, whose genuine-comment FPR is at most ``max_fpr_reject``
  (0.1%) and whose spam precision is at least 0.99: clear spam is rejected without a moderator.
"""

from __future__ import annotations

import numpy as np

from training.modelling import best_f1_threshold

GRID = np.round(np.linspace(0.05, 0.99, 95), 2)


def _fpr(p_genuine: np.ndarray, t: float) -> float:
    return float((p_genuine >= t).mean()) if len(p_genuine) else 0.0


def _f1(y: np.ndarray, p: np.ndarray, t: float) -> tuple[float, float]:
    pred = p >= t
    tp = int((pred & (y == 1)).sum())
    fp = int((pred & (y == 0)).sum())
    fn = int((~pred & (y == 1)).sum())
    precision = tp / (tp + fp) if tp + fp else 1.0
    return 2 * tp / max(2 * tp + fp + fn, 1), precision


def spam_thresholds(
    y: np.ndarray,
    p: np.ndarray,
    genuine: np.ndarray,
    max_fpr_hold: float = 0.01,
    max_fpr_reject: float = 0.001,
) -> dict[str, float]:
    """spam_hold and spam_reject from validation spam labels, probabilities and a genuine-comment mask."""
    y = np.asarray(y, dtype=int)
    p_genuine = p[genuine]
    allowed = [t for t in GRID if _fpr(p_genuine, t) <= max_fpr_hold]
    hold = max(allowed, key=lambda t: (_f1(y, p, t)[0], -t)) if allowed else float(GRID[-1])
    reject = next(
        (
            float(t)
            for t in GRID
            if t >= hold and _fpr(p_genuine, t) <= max_fpr_reject and _f1(y, p, t)[1] >= 0.99
        ),
        float(GRID[-1]),
    )
    return {"spam_hold": float(hold), "spam_reject": max(reject, float(hold))}


def hold_threshold(y: np.ndarray, p: np.ndarray, macro: bool) -> float:
    """The validation cut maximising F1 (macro-F1 when both classes matter, as for toxicity)."""
    return best_f1_threshold(y, p, macro)[0]
