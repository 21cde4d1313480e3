"""Same data + same seed -> the same model: equal metrics, thresholds and scores."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from service.config import get_settings
from service.scoring.artifact import load_artifact
from service.scoring.registry import list_versions
from training import train

from ..training_data.tiny_data import build_tiny_data_dir

TEXTS = ["يا حمار يا غبي اسكت", "قروض فورية بدون كفيل تواصل واتساب", "مقال جميل شكرا للكاتب", "enta 7mar"]


def _train(root: Path, data: Path, seed: int) -> tuple[dict, dict[str, np.ndarray]]:
    out = root / f"models-{seed}-{len(list(root.iterdir()))}"
    get_settings.cache_clear()
    assert train.cli(["--data", str(data), "--out", str(out), "--seed", str(seed)]) == 0
    (info,) = list_versions(out)  # a candidate: training never makes it active
    directory = out / info.version
    manifest = json.loads((directory / "manifest.json").read_text())
    scores = load_artifact(directory).model.predict_proba(TEXTS)
    return manifest, {label: np.asarray(values) for label, values in scores.items()}


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[dict, dict[str, np.ndarray]]]:
    root = tmp_path_factory.mktemp("repro")
    data = build_tiny_data_dir(root.parent / f"{root.name}-data")
    return [_train(root, data, 5), _train(root, data, 5), _train(root, data, 6)]


def test_same_seed_gives_the_same_metrics_thresholds_and_scores(runs) -> None:  # type: ignore[no-untyped-def]
    (first, first_scores), (again, again_scores), _ = runs
    assert first["metrics"] == again["metrics"]
    assert first["thresholds"] == again["thresholds"]
    assert first["rows_per_source"] == again["rows_per_source"]
    assert first_scores.keys() == again_scores.keys()
    for label in first_scores:
        np.testing.assert_array_equal(first_scores[label], again_scores[label])


def test_another_seed_splits_differently(runs) -> None:  # type: ignore[no-untyped-def]
    (first, _), _, (other, _) = runs
    # The comparison above means something only if the seed reaches the split and the fit.
    assert first["metrics"] != other["metrics"]
