"""Model families for one binary head, their fitting, calibration and the small validation search.

Every family ends as a ``LinearHead`` (weights per shared feature column + intercept + calibrator), so serving
and explanations never depend on which family won:
- ``lr``: logistic regression on the TF-IDF features;
- ``nblr``: NB-SVM style (Wang & Manning 2012) — features scaled by the log-count ratio r, then logistic
  regression; r is folded back into the weights (w * r), so the scaling costs nothing at inference;
- ``svm``: linear SVM (squared hinge), made probabilistic by the calibrator.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass

import numpy as np
import scipy.sparse as sp
from sklearn.isotonic import IsotonicRegression
from sklearn.linear_model import LogisticRegression
from sklearn.svm import LinearSVC

from service.scoring.model import Calibrator, DialectHead, LinearHead


@dataclass(frozen=True)
class HeadParams:
    """One point of the search: family, inverse regularisation C, class re-balancing, NB smoothing."""

    family: str = "nblr"
    C: float = 4.0
    balanced: bool = False
    alpha: float = 0.5  # NB smoothing (nblr only)

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def log_count_ratio(x: sp.csr_matrix, y: np.ndarray, weight: np.ndarray, alpha: float = 0.5) -> np.ndarray:
    """NB log-count ratio per column from binarised presence (as in NBSVM), weighted rows, smoothing alpha."""
    present = x.copy()
    present.data[:] = 1.0
    pos = np.asarray(present.T @ (weight * (y == 1))).ravel() + alpha
    neg = np.asarray(present.T @ (weight * (y == 0))).ravel() + alpha
    return np.log((pos / pos.sum()) / (neg / neg.sum())).astype(np.float32)


def fit_head(
    x: sp.csr_matrix, y: np.ndarray, weight: np.ndarray, params: HeadParams, seed: int
) -> LinearHead:
    """Fit one family on (x, y) with per-row weights; the calibrator is left as the identity sigmoid."""
    y = np.asarray(y, dtype=int)
    class_weight = "balanced" if params.balanced else None
    scale = None
    if params.family == "nblr":
        scale = log_count_ratio(x, y, weight, params.alpha)
        x = x @ sp.diags(scale)
    if params.family == "svm":
        clf = LinearSVC(C=params.C, class_weight=class_weight, random_state=seed, max_iter=5000, dual=True)
    else:
        clf = LogisticRegression(
            C=params.C,
            class_weight=class_weight,
            solver="liblinear",
            dual=True,
            max_iter=1000,
            random_state=seed,
        )
    clf.fit(x, y, sample_weight=weight)
    coef = clf.coef_.ravel().astype(np.float64)
    if scale is not None:
        coef = coef * scale
    return LinearHead(coef.astype(np.float32), float(clf.intercept_[0]), Calibrator("platt"))


def fit_calibrator(z: np.ndarray, y: np.ndarray, kind: str = "platt") -> Calibrator:
    """Fit Platt scaling or isotonic regression mapping validation log-odds to probabilities."""
    y = np.asarray(y, dtype=int)
    if kind == "isotonic":
        iso = IsotonicRegression(out_of_bounds="clip", y_min=0.0, y_max=1.0).fit(z, y)
        return Calibrator("isotonic", x_=iso.X_thresholds_.astype(np.float64), y_=iso.y_thresholds_)
    lr = LogisticRegression(C=1e4, solver="lbfgs").fit(z.reshape(-1, 1), y)
    return Calibrator("platt", slope_=float(lr.coef_[0, 0]), offset_=float(lr.intercept_[0]))


def brier(y: np.ndarray, p: np.ndarray) -> float:
    return float(np.mean((np.asarray(p, dtype=float) - np.asarray(y, dtype=float)) ** 2))


def best_calibrator(z: np.ndarray, y: np.ndarray) -> tuple[Calibrator, dict[str, float]]:
    """Platt unless isotonic is clearly better by 2-fold Brier on validation (not judged on its own fit)."""
    rng = np.random.default_rng(0)
    fold = rng.random(len(y)) < 0.5
    scores: dict[str, float] = {}
    for kind in ("platt", "isotonic"):
        a = fit_calibrator(z[fold], y[fold], kind)
        b = fit_calibrator(z[~fold], y[~fold], kind)
        p = np.empty(len(y))
        p[~fold], p[fold] = a(z[~fold]), b(z[fold])
        scores[kind] = brier(y, p)
    kind = "isotonic" if scores["isotonic"] < scores["platt"] - 0.002 else "platt"
    return fit_calibrator(z, y, kind), scores


def best_f1_threshold(y: np.ndarray, p: np.ndarray, macro: bool) -> tuple[float, float]:
    """The cut maximising F1 (or macro-F1) on these rows; returns (threshold, score)."""
    y = np.asarray(y, dtype=int)
    best = (0.5, -1.0)
    for t in np.linspace(0.05, 0.95, 91):
        pred = p >= t
        tp, fp = int((pred & (y == 1)).sum()), int((pred & (y == 0)).sum())
        fn, tn = int((~pred & (y == 1)).sum()), int((~pred & (y == 0)).sum())
        f1_pos = 2 * tp / max(2 * tp + fp + fn, 1)
        score = (f1_pos + 2 * tn / max(2 * tn + fn + fp, 1)) / 2 if macro else f1_pos
        if score > best[1]:
            best = (round(float(t), 2), score)
    return best


def search_head(
    x_train: sp.csr_matrix,
    y_train: np.ndarray,
    w_train: np.ndarray,
    x_val: sp.csr_matrix,
    y_val: np.ndarray,
    grid: Iterable[HeadParams],
    seed: int,
    macro: bool,
    log=print,
) -> tuple[HeadParams, list[dict[str, object]]]:
    """Fit each grid point, score it by best-threshold validation (macro-)F1; return best and table."""
    table: list[dict[str, object]] = []
    best: tuple[float, HeadParams] | None = None
    for params in grid:
        head = fit_head(x_train, y_train, w_train, params, seed)
        cal = fit_calibrator(head.log_odds(x_val), y_val)
        _, score = best_f1_threshold(y_val, cal(head.log_odds(x_val)), macro)
        table.append({**params.as_dict(), "val_f1": round(score, 4)})
        log(f"  {params.family:<5} C={params.C:<6} balanced={params.balanced!s:<5} val F1 {score:.4f}")
        if best is None or score > best[0]:
            best = (score, params)
    assert best is not None, "empty grid"
    return best[1], table


def fit_dialect(x: sp.csr_matrix, dialects: np.ndarray, C: float = 2.0, seed: int = 0) -> DialectHead:
    """One-vs-rest linear SVM over the shared features (only the arg-max is served, so no calibration)."""
    clf = LinearSVC(C=C, random_state=seed, max_iter=5000, dual=True)
    clf.fit(x, dialects)
    coef = np.ascontiguousarray(clf.coef_.T, dtype=np.float32)
    return DialectHead(coef, clf.intercept_.astype(np.float64), tuple(str(c) for c in clf.classes_))


def search_grid() -> dict[str, list[HeadParams]]:
    """The settings `raqib train --search` compares per head."""
    common = [HeadParams("nblr", c) for c in (1.0, 2.0, 4.0)] + [
        HeadParams("lr", 10.0),
        HeadParams("svm", 0.3),
    ]
    optional = [HeadParams("nblr", c, balanced=True) for c in (2.0, 4.0)] + [HeadParams("nblr", 4.0)]
    return {"toxicity": common, "spam": common, "hate": optional, "vulgar": optional}


def dialect_margin(head: DialectHead, x: sp.csr_matrix, truth: np.ndarray, accuracy: float = 0.8) -> float:
    """The smallest lead over the runner-up at which predictions are right ``accuracy`` of the time.

    Below it the dialect is shown as unknown: a wrong dialect next to a verdict misleads a moderator.
    """
    scores = head.decision_scores(x)
    top2 = np.sort(scores, axis=1)[:, -2:]
    margin = top2[:, 1] - top2[:, 0]
    right = np.array([head.classes_[i] for i in scores.argmax(axis=1)], dtype=object) == truth
    order = np.argsort(-margin)
    running = np.cumsum(right[order]) / np.arange(1, len(order) + 1)
    ok = np.flatnonzero(running >= accuracy)
    return float(margin[order][ok[-1]]) if len(ok) else float(margin.max() + 1.0)
