"""The pickled model: shared text features, one calibrated linear head per label, an optional dialect head.

Every entry point takes RAW texts and normalises them itself (``service.text``), so evaluation at training
time and scoring in service give the same number for the same text and model. Heads are linear in the
feature space (any NB-style feature scaling is folded into ``coef_`` when training), which is what makes
``explain`` exact: a head's log-odds is the sum of its token contributions plus the intercept.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from service.scoring.features import TextFeatures
from service.scoring.types import Span
from service.text import Token, normalize, normalize_tokens


@dataclass
class Calibrator:
    """Log-odds -> probability: Platt (``slope_``, ``offset_``) or isotonic (``x_``, ``y_``)."""

    kind: str
    slope_: float = 1.0
    offset_: float = 0.0
    x_: np.ndarray | None = None
    y_: np.ndarray | None = None

    def __call__(self, z: np.ndarray) -> np.ndarray:
        if self.kind == "isotonic":
            assert self.x_ is not None and self.y_ is not None
            return np.interp(z, self.x_, self.y_)
        return 1.0 / (1.0 + np.exp(-(self.slope_ * z + self.offset_)))


@dataclass
class LinearHead:
    """One binary label: ``log_odds = X @ coef_ + intercept_``, then ``calibrator_``."""

    coef_: np.ndarray  # float32, one weight per feature column
    intercept_: float
    calibrator_: Calibrator

    def log_odds(self, x) -> np.ndarray:
        return np.asarray(x @ self.coef_, dtype=np.float64).ravel() + self.intercept_


@dataclass
class DialectHead:
    """Multinomial linear classifier over the same features; ``classes_`` like ("EGY", "GLF", ...)."""

    coef_: np.ndarray  # float32, (n_features, n_classes), C-contiguous: sparse @ it is then a fast product
    intercept_: np.ndarray
    classes_: tuple[str, ...]

    def predict(self, x) -> list[str]:
        scores = np.asarray(x @ self.coef_) + self.intercept_
        return [self.classes_[i] for i in scores.argmax(axis=1)]


class TextModel:
    """Arabic comment scorer: ``predict_proba`` per label, ``explain`` as spans of the original text."""

    def __init__(
        self, features: TextFeatures, heads: dict[str, LinearHead], dialect: DialectHead | None = None
    ) -> None:
        self.features_ = features
        self.heads_ = dict(heads)
        self.dialect_ = dialect

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(self.heads_)

    def _features(self, texts: Sequence[str]):
        return self.features_.transform([normalize(t) for t in texts])

    def log_odds(self, texts: Sequence[str]) -> dict[str, np.ndarray]:
        """Uncalibrated scores per label (used when fitting calibrators)."""
        x = self._features(texts)
        return {label: head.log_odds(x) for label, head in self.heads_.items()}

    def predict_proba(self, texts: Sequence[str]) -> dict[str, np.ndarray]:
        """Calibrated probability of each label for each raw text."""
        x = self._features(texts)
        return {label: head.calibrator_(head.log_odds(x)) for label, head in self.heads_.items()}

    def predict(self, texts: Sequence[str]) -> tuple[dict[str, np.ndarray], list[str] | None]:
        """``predict_proba`` and ``predict_dialect`` from one pass of normalisation and features."""
        x = self._features(texts)
        proba = {label: head.calibrator_(head.log_odds(x)) for label, head in self.heads_.items()}
        return proba, self.dialect_.predict(x) if self.dialect_ is not None else None

    def predict_dialect(self, texts: Sequence[str]) -> list[str] | None:
        """Most likely dialect per raw text, or None when the model has no dialect head."""
        if self.dialect_ is None:
            return None
        return self.dialect_.predict(self._features(texts))

    def explain(self, text: str, label: str, top_k: int = 5) -> list[Span]:
        """The tokens that pushed ``label`` up most, as ORIGINAL-text spans (weight = share of log-odds)."""
        return self.explain_many(text, (label,), top_k)[label]

    def token_contributions(
        self, text: str, labels: Sequence[str]
    ) -> tuple[list[Token], dict[str, list[float]]]:
        """Each token's share of each head's log-odds; per label they sum to ``log_odds - intercept_``."""
        tokens = [t for t in normalize_tokens(text) if t.norm]
        if not tokens:
            return tokens, {label: [] for label in labels}
        norms = [t.norm for t in tokens]
        row = self.features_.transform([" ".join(norms)])
        values = dict(zip(row.indices.tolist(), row.data.tolist(), strict=True))
        per_token = self.features_.token_features(norms)
        totals: dict[int, int] = {}
        for counts in per_token:
            for col, n in counts.items():
                totals[col] = totals.get(col, 0) + n
        out: dict[str, list[float]] = {}
        for label in labels:
            coef = self.heads_[label].coef_
            out[label] = [
                sum(values.get(col, 0.0) * float(coef[col]) * n / totals[col] for col, n in counts.items())
                for counts in per_token
            ]
        return tokens, out

    def explain_many(self, text: str, labels: Sequence[str], top_k: int = 5) -> dict[str, list[Span]]:
        """``explain`` for several labels at once, vectorising and splitting the text only once."""
        tokens, contributions = self.token_contributions(text, labels)
        out: dict[str, list[Span]] = {}
        for label, contrib in contributions.items():
            order = sorted((i for i, c in enumerate(contrib) if c > 0), key=lambda i: -contrib[i])[:top_k]
            out[label] = [_span(text, tokens[i], contrib[i]) for i in order]
        return out


def _span(text: str, token: Token, weight: float) -> Span:
    return Span(token.start, token.end, text[token.start : token.end], round(weight, 4))
