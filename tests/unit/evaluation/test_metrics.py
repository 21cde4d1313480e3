"""Metrics against small examples worked out by hand."""

from __future__ import annotations

import math

import pytest

from training.metrics import binary_metrics, confusion, expected_calibration_error, reliability_curve

Y = [0, 0, 1, 1, 1, 0]
P = [0.1, 0.6, 0.4, 0.8, 0.9, 0.2]


def test_binary_metrics_match_hand_computation() -> None:
    m = binary_metrics(Y, P, 0.5)
    # predictions at 0.5: 0 1 0 1 1 0 -> tn 2, fp 1, fn 1, tp 2
    assert m["confusion"] == {"tn": 2, "fp": 1, "fn": 1, "tp": 2}
    assert m["n"] == 6
    assert m["threshold"] == 0.5
    assert m["precision"] == pytest.approx(2 / 3)
    assert m["recall"] == pytest.approx(2 / 3)
    assert m["f1"] == pytest.approx(2 / 3)
    assert m["macro_f1"] == pytest.approx(2 / 3)
    assert m["fpr"] == pytest.approx(1 / 3)
    # 8 of the 9 positive/negative pairs are ordered correctly (0.4 < 0.6 is the miss).
    assert m["roc_auc"] == pytest.approx(8 / 9)
    # Ranked 0.9+ 0.8+ 0.6- 0.4+: AP = 1/3*1 + 1/3*1 + 1/3*3/4
    assert m["pr_auc"] == pytest.approx(11 / 12)
    assert m["brier"] == pytest.approx(0.82 / 6)


def test_macro_f1_averages_both_classes() -> None:
    # pred 1 1 0 1 against 1 1 1 0: positive F1 2/3, negative F1 0 (its only row is missed).
    m = binary_metrics([1, 1, 1, 0], [0.9, 0.7, 0.3, 0.6], 0.5)
    assert m["f1"] == pytest.approx(2 / 3)
    assert m["macro_f1"] == pytest.approx(1 / 3)
    assert m["fpr"] == pytest.approx(1.0)


def test_threshold_is_inclusive() -> None:
    assert confusion([1, 0], [0.5, 0.49], 0.5) == {"tn": 1, "fp": 0, "fn": 0, "tp": 1}


def test_absent_positive_class_gives_nan_not_crash() -> None:
    m = binary_metrics([0, 0, 0], [0.1, 0.7, 0.2], 0.5)
    assert math.isnan(m["recall"])
    assert math.isnan(m["f1"])
    assert math.isnan(m["roc_auc"])
    assert math.isnan(m["pr_auc"])
    assert math.isnan(m["macro_f1"])
    assert m["precision"] == 0.0
    assert m["fpr"] == pytest.approx(1 / 3)


def test_absent_negative_class_keeps_defined_values() -> None:
    m = binary_metrics([1, 1], [0.9, 0.2], 0.5)
    assert m["recall"] == pytest.approx(0.5)
    assert m["precision"] == pytest.approx(1.0)
    assert math.isnan(m["fpr"])
    assert math.isnan(m["roc_auc"])
    assert m["pr_auc"] == pytest.approx(1.0)


def test_empty_input() -> None:
    m = binary_metrics([], [], 0.5)
    assert m["n"] == 0
    assert math.isnan(m["brier"]) and math.isnan(m["precision"])


def test_rejects_bad_labels_and_shapes() -> None:
    with pytest.raises(ValueError, match="0/1"):
        binary_metrics([0, 2], [0.1, 0.2], 0.5)
    with pytest.raises(ValueError, match="NaN"):
        binary_metrics([0, float("nan")], [0.1, 0.2], 0.5)
    with pytest.raises(ValueError, match="proba has"):
        binary_metrics([0, 1], [0.1], 0.5)


def test_reliability_curve_bins() -> None:
    curve = reliability_curve([0, 1, 0, 1, 1], [0.05, 0.15, 0.12, 0.95, 1.0], bins=10)
    assert curve["bin_lower"] == pytest.approx([0.0, 0.1, 0.9])
    assert curve["mean_predicted"] == pytest.approx([0.05, 0.135, 0.975])
    assert curve["fraction_positive"] == pytest.approx([0.0, 0.5, 1.0])
    assert curve["count"] == [1, 2, 2]


def test_expected_calibration_error() -> None:
    # gaps 0.05, 0.365, 0.025 weighted 1, 2, 2 over 5 rows
    ece = expected_calibration_error([0, 1, 0, 1, 1], [0.05, 0.15, 0.12, 0.95, 1.0], bins=10)
    assert ece == pytest.approx((0.05 + 2 * 0.365 + 2 * 0.025) / 5)
