"""Default decision thresholds, chosen on the VALIDATION split only.

- toxicity_hold (and optional heads' holds): the cut maximising validation (macro-)F1, raised where needed
  to the lowest cut from which precision stays at or above ``PRECISION_FLOOR`` (0.75): a head holds on its
  own only where it is right three times in four; below that line its F1 cut becomes a report-only line;
- spam_hold: the lowest cut whose false-positive rate on genuine comments (news comments, everyday posts and
  toxicity-set rows, clean and offensive) is at most ``max_fpr_hold`` (0.25%: a moderator sees at most one
  genuine comment in 400 held as spam) and whose spam precision is at least ``SPAM_HOLD_PRECISION`` (0.9).
  Held spam costs a moderator a glance, published spam costs the site its readers, so the line is set for
  recall within those bounds rather than for F1 (the F1 cut held back most comment ads, which the tweets
  of the spam sets resemble little);
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


SPAM_HOLD_PRECISION = 0.9


def spam_thresholds(
    y: np.ndarray,
    p: np.ndarray,
    genuine: np.ndarray,
    max_fpr_hold: float = 0.0025,
    max_fpr_reject: float = 0.001,
) -> dict[str, float]:
    """spam_hold and spam_reject from validation spam labels, probabilities and a genuine-comment mask."""
    y = np.asarray(y, dtype=int)
    p_genuine = p[genuine]
    allowed = [
        t for t in GRID if _fpr(p_genuine, t) <= max_fpr_hold and _f1(y, p, t)[1] >= SPAM_HOLD_PRECISION
    ]
    hold = float(min(allowed)) if allowed else float(GRID[-1])
    reject = next(
        (
            float(t)
            for t in GRID
            if t >= hold and _fpr(p_genuine, t) <= max_fpr_reject and _f1(y, p, t)[1] >= 0.99
        ),
        float(GRID[-1]),
    )
    return {"spam_hold": float(hold), "spam_reject": max(reject, float(hold))}


PRECISION_FLOOR = 0.75
OFF = 1.01  # a line no probability reaches: the head never holds on its own


def floor_line(y: np.ndarray, p: np.ndarray, floor: float = PRECISION_FLOOR) -> float:
    """The lowest cut from which validation precision stays at or above ``floor`` (OFF if none)."""
    y = np.asarray(y, dtype=int)
    predicted = [int((p >= t).sum()) for t in GRID]
    # A cut that holds nothing cannot be imprecise; the line itself must hold something.
    ok = [n == 0 or _f1(y, p, t)[1] >= floor for n, t in zip(predicted, GRID, strict=True)]
    for i in range(len(GRID)):
        if predicted[i] and all(ok[i:]):
            return float(GRID[i])
    return OFF


def head_lines(y: np.ndarray, p: np.ndarray, macro: bool, floor: float = PRECISION_FLOOR) -> dict[str, float]:
    """A head's hold line (its F1 cut, raised to the precision floor) and report line (the F1 cut).

    A head may hold a comment on its own only where its validation precision is at least ``floor``; below
    that it is named to moderators but does not hold, so the F1-best cut becomes a report line.
    """
    f1_cut = best_f1_threshold(y, p, macro)[0]
    hold = max(f1_cut, floor_line(y, p, floor))
    return {"hold": hold, "report": f1_cut} if f1_cut < hold else {"hold": hold}


def hold_threshold(y: np.ndarray, p: np.ndarray, macro: bool) -> float:
    """The validation cut maximising F1 (macro-F1 when both classes matter, as for toxicity)."""
    return best_f1_threshold(y, p, macro)[0]
