"""Small PNG figures for REPORT.md: precision-recall curves, reliability diagram, confusion matrix.

Figures are committed with each model version, so they are kept small (low dpi, few points per curve).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # no display on servers; must precede pyplot

import matplotlib.pyplot as plt
import numpy as np
from sklearn.metrics import precision_recall_curve

from training.metrics import reliability_curve

DPI = 80
SIZE = (4.2, 3.4)
_MAX_POINTS = 400  # thinned curves keep PNGs small without visible loss


def _thin(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    if x.size <= _MAX_POINTS:
        return x, y
    idx = np.unique(np.linspace(0, x.size - 1, _MAX_POINTS).astype(int))
    return x[idx], y[idx]


def _save(fig: plt.Figure, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.tight_layout()
    fig.savefig(path, dpi=DPI)
    plt.close(fig)
    return path


def pr_curves(
    curves: Mapping[str, tuple[np.ndarray, np.ndarray]],
    path: Path,
    title: str,
    operating_point: tuple[float, float] | None = None,
) -> Path:
    """Precision-recall curves, one line per named (y_true, proba) pair; the first is drawn bold."""
    wide = len(curves) > 1
    fig, ax = plt.subplots(figsize=(6.0, 3.6) if wide else SIZE)
    colours = plt.get_cmap("tab20").colors
    for i, (name, (y, p)) in enumerate(curves.items()):
        y = np.asarray(y, dtype=int)
        if y.sum() == 0:
            continue
        precision, recall, _ = precision_recall_curve(y, np.asarray(p, dtype=float))
        recall, precision = _thin(recall, precision)
        style = (
            {"color": "black", "linewidth": 2.0}
            if i == 0
            else {"color": colours[(i - 1) % 20], "linewidth": 1}
        )
        ax.plot(recall, precision, label=name, **style)
    if operating_point is not None:
        ax.plot(*operating_point, "o", color="red", markersize=5, label="threshold (all)")
    ax.set(xlabel="recall", ylabel="precision", xlim=(0, 1), ylim=(0, 1.02), title=title)
    ax.grid(alpha=0.3)
    if wide:
        ax.legend(fontsize=6, loc="center left", bbox_to_anchor=(1.01, 0.5), frameon=False)
    else:
        ax.legend(fontsize=6, loc="lower left")
    return _save(fig, path)


def reliability_diagram(
    y_true: np.ndarray, proba: np.ndarray, path: Path, title: str, bins: int = 10
) -> Path:
    """Observed positive rate against mean predicted probability per bin, with the diagonal."""
    curve = reliability_curve(y_true, proba, bins)
    fig, ax = plt.subplots(figsize=SIZE)
    ax.plot([0, 1], [0, 1], color="grey", linestyle="--", linewidth=1)
    ax.plot(curve["mean_predicted"], curve["fraction_positive"], "o-", markersize=4)
    for x, y, n in zip(curve["mean_predicted"], curve["fraction_positive"], curve["count"], strict=True):
        ax.annotate(str(n), (x, y), fontsize=6, textcoords="offset points", xytext=(3, -8))
    ax.set(xlabel="mean predicted probability", ylabel="observed rate", xlim=(0, 1), ylim=(0, 1), title=title)
    ax.grid(alpha=0.3)
    return _save(fig, path)


def confusion_matrix(cm: Mapping[str, int], path: Path, title: str, positive: str) -> Path:
    """2x2 confusion matrix with counts (rows: truth, columns: prediction)."""
    grid = np.array([[cm["tn"], cm["fp"]], [cm["fn"], cm["tp"]]])
    fig, ax = plt.subplots(figsize=(3.4, 3.0))
    ax.imshow(grid, cmap="Blues")
    labels = [f"not {positive}", positive]
    ax.set_xticks([0, 1], labels=labels, fontsize=8)
    ax.set_yticks([0, 1], labels=labels, fontsize=8)
    ax.set(xlabel="predicted", ylabel="true", title=title)
    top = grid.max() or 1
    for (r, c), v in np.ndenumerate(grid):
        ax.text(c, r, f"{v:,}", ha="center", va="center", color="white" if v > top / 2 else "black")
    return _save(fig, path)


def term_bars(per_term: Mapping[str, Mapping[str, float]], path: Path, title: str) -> Path:
    """Per identity term: neutral templates held (should be near 0) and toxic templates caught (near 1)."""
    terms = sorted(per_term, key=lambda t: -per_term[t]["neutral_held"])
    x = np.arange(len(terms))
    fig, ax = plt.subplots(figsize=(7.0, 3.4))
    ax.bar(x - 0.2, [per_term[t]["neutral_held"] for t in terms], 0.4, label="neutral held", color="tab:red")
    ax.bar(x + 0.2, [per_term[t]["toxic_caught"] for t in terms], 0.4, label="toxic caught", color="tab:blue")
    ax.axhline(0.05, color="tab:red", linestyle="--", linewidth=0.8)
    ax.axhline(0.95, color="tab:blue", linestyle="--", linewidth=0.8)
    ax.set_xticks(x, labels=terms, rotation=70, fontsize=6)
    ax.set(ylim=(0, 1.02), title=title)
    ax.legend(fontsize=6, loc="center right")
    ax.grid(alpha=0.3, axis="y")
    return _save(fig, path)
