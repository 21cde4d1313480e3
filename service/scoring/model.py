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
import scipy.sparse as sp

from service.scoring.features import TextFeatures
from service.scoring.types import Span
from service.text import Token, normalize, normalize_tokens
from service.text.function_words import is_function_word


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


UNKNOWN_DIALECT = "unknown"


@dataclass
class DialectHead:
    """Multinomial linear classifier over the same features; ``classes_`` like ("EGY", "GLF", ...).

    A prediction whose lead over the runner-up is below ``min_margin_`` (chosen on held-out rows so that
    confident predictions are right often enough to show) is ``UNKNOWN_DIALECT``.
    """

    coef_: np.ndarray  # float32, (n_features, n_classes), C-contiguous: sparse @ it is then a fast product
    intercept_: np.ndarray
    classes_: tuple[str, ...]
    min_margin_: float = 0.0

    def decision_scores(self, x) -> np.ndarray:
        return np.asarray(x @ self.coef_) + self.intercept_

    def predict(self, x) -> list[str]:
        scores = self.decision_scores(x)
        best = scores.argmax(axis=1)
        top2 = np.sort(scores, axis=1)[:, -2:] if scores.shape[1] > 1 else np.hstack([scores, scores])
        margin = top2[:, 1] - top2[:, 0]
        floor = getattr(self, "min_margin_", 0.0)  # versions saved before the margin existed: always shown
        return [
            self.classes_[i] if m >= floor else UNKNOWN_DIALECT for i, m in zip(best, margin, strict=True)
        ]


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

    def predict_normalized(self, norms: Sequence[str]) -> tuple[dict[str, np.ndarray], list[str] | None]:
        """``predict`` for texts already normalised (``service.text.normalize``)."""
        return self.predict_features(self.features_.transform(norms))

    def predict_features(self, x: sp.csr_matrix) -> tuple[dict[str, np.ndarray], list[str] | None]:
        """``predict`` for texts already vectorised (``features_.transform`` of their normalised forms)."""
        proba = {label: head.calibrator_(head.log_odds(x)) for label, head in self.heads_.items()}
        return proba, self.dialect_.predict(x) if self.dialect_ is not None else None

    def proba_normalized(self, norms: Sequence[str], label: str) -> np.ndarray:
        """One head's calibrated probabilities for normalised texts."""
        head = self.heads_[label]
        return head.calibrator_(head.log_odds(self.features_.transform(norms)))

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
        return self.predict_normalized([normalize(t) for t in texts])

    def predict_dialect(self, texts: Sequence[str]) -> list[str] | None:
        """Most likely dialect per raw text, or None when the model has no dialect head."""
        if self.dialect_ is None:
            return None
        return self.dialect_.predict(self._features(texts))

    def explain(self, text: str, label: str, top_k: int = 5) -> list[Span]:
        """The tokens that pushed ``label`` up most, as ORIGINAL-text spans (weight = share of log-odds)."""
        return self.explain_many(text, (label,), top_k)[label]

    def token_contributions(
        self, text: str, labels: Sequence[str], vectorised: VectorisedText | None = None
    ) -> tuple[list[Token], dict[str, list[float]]]:
        """Each token's share of each head's log-odds; per label they sum to ``log_odds - intercept_``.

        ``vectorised``: the text's normalised form and its row of features when the caller has them already
        (the scorer, from its batch); used only when the form is the one these tokens give.
        """
        tokens = [t for t in normalize_tokens(text) if t.norm]
        if not tokens:
            return tokens, {label: [] for label in labels}
        norms = [t.norm for t in tokens]
        joined = " ".join(norms)
        if vectorised is not None and vectorised.normalized == joined:
            values = vectorised.values
        else:
            row = self.features_.transform([joined])
            values = dict(zip(row.indices.tolist(), row.data.tolist(), strict=True))
        per_token = self.features_.token_features(norms)
        totals: dict[int, int] = {}
        for counts in per_token:
            for col, n in counts.items():
                totals[col] = totals.get(col, 0) + n
        cols = list(totals)
        present = [values.get(col, 0.0) for col in cols]
        out: dict[str, list[float]] = {}
        for label in labels:
            # value * weight once per column; each token's share is then (value * weight) * n / total, the
            # same operations in the same order as one expression per (token, column) pair.
            weights = self.heads_[label].coef_[cols].tolist()
            weighted = dict(zip(cols, [v * w for v, w in zip(present, weights, strict=True)], strict=True))
            out[label] = [
                sum(weighted[col] * n / totals[col] for col, n in counts.items()) for counts in per_token
            ]
        return tokens, out

    def explain_many(
        self, text: str, labels: Sequence[str], top_k: int = 5, vectorised: VectorisedText | None = None
    ) -> dict[str, list[Span]]:
        """``explain`` for several labels at once, vectorising and splitting the text only once."""
        tokens, contributions = self.token_contributions(text, labels, vectorised)
        return {
            label: carrying_spans(text, tokens, contrib, top_k) for label, contrib in contributions.items()
        }


@dataclass(frozen=True)
class VectorisedText:
    """A normalised text and its nonzero features (column -> value): one row of ``TextFeatures.transform``."""

    normalized: str
    values: dict[int, float]

    @classmethod
    def row_of(cls, normalized: str, x: sp.csr_matrix, i: int) -> VectorisedText:
        """Row ``i`` of a CSR feature matrix, without building a one-row matrix."""
        start, end = x.indptr[i], x.indptr[i + 1]
        values = dict(zip(x.indices[start:end].tolist(), x.data[start:end].tolist(), strict=True))
        return cls(normalized, values)


def carrying_spans(text: str, tokens: Sequence[Token], contrib: Sequence[float], top_k: int) -> list[Span]:
    """The words that push a score up, strongest first, as spans of the original text.

    A function word (particle, pronoun, punctuation) is never shown alone: when it pushes the score up next
    to a word that does too, the two are shown as one pair ("يا كلب", "you idiot"), the following word
    preferred (vocatives and "you X" come first); otherwise it is left out, and punctuation always is.
    """
    function = [is_function_word(t.norm) for t in tokens]
    pushes = [c > 0 for c in contrib]
    groups: dict[int, list[int]] = {i: [i] for i in range(len(tokens)) if pushes[i] and not function[i]}
    for i in range(len(tokens)):
        if not (pushes[i] and function[i]) or not any(ch.isalnum() for ch in tokens[i].norm):
            continue  # punctuation joins nothing
        host = next((j for j in (i + 1, i - 1) if j in groups), None)
        if host is not None:
            groups[host].append(i)
    ranked = sorted(groups.values(), key=lambda members: -sum(contrib[m] for m in members))[:top_k]
    spans = []
    for members in ranked:
        first, last = tokens[min(members)], tokens[max(members)]
        weight = sum(contrib[m] for m in members)
        spans.append(Span(first.start, last.end, text[first.start : last.end], round(weight, 4)))
    return spans
