"""Model families: NB scaling is folded into the weights exactly; calibration is monotone."""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from sklearn.linear_model import LogisticRegression

from training.modelling import HeadParams, fit_calibrator, fit_head, log_count_ratio


def _data() -> tuple[sp.csr_matrix, np.ndarray]:
    rng = np.random.default_rng(1)
    x = sp.random(300, 40, density=0.2, format="csr", random_state=1, dtype=np.float64)
    y = (np.asarray(x[:, :5].sum(axis=1)).ravel() + rng.normal(0, 0.1, 300) > 0.5).astype(int)
    return x, y


def test_nblr_head_equals_lr_on_scaled_features() -> None:
    x, y = _data()
    w = np.ones(len(y))
    head = fit_head(x, y, w, HeadParams("nblr", 2.0), seed=0)
    r = log_count_ratio(x, y, w)
    clf = LogisticRegression(C=2.0, solver="liblinear", dual=True, max_iter=1000, random_state=0)
    clf.fit(x @ sp.diags(r), y)
    np.testing.assert_allclose(head.log_odds(x), clf.decision_function(x @ sp.diags(r)), atol=1e-3)
    assert head.coef_.dtype == np.float32


def test_calibrators_are_monotone_probabilities() -> None:
    x, y = _data()
    head = fit_head(x, y, np.ones(len(y)), HeadParams("svm", 1.0), seed=0)
    z = np.sort(head.log_odds(x))
    for kind in ("platt", "isotonic"):
        p = fit_calibrator(head.log_odds(x), y, kind)(z)
        assert ((p >= 0) & (p <= 1)).all()
        assert (np.diff(p) >= -1e-12).all()
