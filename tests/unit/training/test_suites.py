"""The bias suite's figures: false holds and catches per term, Jigsaw subgroup / BPSN / BNSP AUCs."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from training.suites import Scored, bias_cases, bias_metrics, meets


def test_templates_are_filled_with_every_term() -> None:
    cases = bias_cases()
    terms, templates = cases["term"].nunique(), cases["template_id"].nunique()
    assert len(cases) == terms * templates
    assert not cases["text"].str.contains("{").any()


def test_bias_metrics_on_a_model_that_penalises_one_term() -> None:
    # Two terms, two neutral and two toxic templates each; the "model" scores every mention of "b" high.
    cases = pd.DataFrame(
        {
            "term": ["a", "a", "a", "a", "b", "b", "b", "b"],
            "toxic": [0, 0, 1, 1, 0, 0, 1, 1],
            "dialect": "MSA",
            "text": [f"t{i}" for i in range(8)],
        }
    )
    tox = np.array([0.1, 0.2, 0.8, 0.9, 0.85, 0.9, 0.95, 0.99])
    held = tox >= 0.5
    m = bias_metrics(cases, Scored(held=held, rejected=np.zeros(8, bool), toxicity=tox))
    a, b = m["per_term"]["a"], m["per_term"]["b"]
    assert a["neutral_held"] == 0.0 and b["neutral_held"] == 1.0
    assert a["toxic_caught"] == b["toxic_caught"] == 1.0
    assert a["subgroup_auc"] == b["subgroup_auc"] == 1.0  # within each term the order is right
    # b's neutral cases outscore a's toxic ones: BPSN (background positive, subgroup negative) is poor
    assert b["bpsn_auc"] == pytest.approx(0.375) and a["bpsn_auc"] == pytest.approx(1.0)
    assert a["bnsp_auc"] == pytest.approx(0.375) and b["bnsp_auc"] == pytest.approx(1.0)
    assert m["worst_term"] == "b" and m["neutral_held"] == 0.5


def test_targets() -> None:
    assert meets("bias_neutral_held", 0.02) and not meets("bias_neutral_held", 0.021)
    assert meets("bias_toxic_caught", 0.95) and not meets("bias_toxic_caught", 0.949)
    assert meets("unknown_figure", 1.0) is None
