"""The shipped model (models/CURRENT) and the hand-written behavioural cases."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

HERE = Path(__file__).resolve().parent
PROJECT_ROOT = HERE.parent.parent


@dataclass(frozen=True)
class Shipped:
    """The model in service, its version and its manifest's hold thresholds per label."""

    model: Any
    version: str
    hold: dict[str, float]

    def scores(self, texts: list[str]) -> dict[str, list[float]]:
        proba = self.model.predict_proba(texts)
        return {label: [float(v) for v in values] for label, values in proba.items()}


def read_lines(name: str) -> list[str]:
    """Non-empty lines of a case file in this folder."""
    lines = (HERE / name).read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip()]


def read_invariance() -> list[dict[str, str]]:
    """Rows of invariance.tsv: kind (ordinary/insult/spam), target word, text."""
    with (HERE / "invariance.tsv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


@pytest.fixture(scope="session")
def shipped_artifact() -> Any:
    models_dir = PROJECT_ROOT / "models"
    if not (models_dir / "CURRENT").is_file():
        pytest.skip(f"no shipped model: {models_dir / 'CURRENT'} is absent (train one with `raqib train`)")
    from service.scoring.artifact import load_artifact
    from service.scoring.registry import resolve_model_dir

    return load_artifact(resolve_model_dir(models_dir, None))


@pytest.fixture(scope="session")
def shipped_scorer(shipped_artifact: Any) -> Any:
    """The shipped model with its manifest's policy: the decisions the worker makes."""
    from service.scoring.scorer import Scorer

    return Scorer.of_model(shipped_artifact.model, shipped_artifact.manifest)


@pytest.fixture(scope="session")
def shipped(shipped_artifact: Any) -> Shipped:
    artifact = shipped_artifact
    thresholds = artifact.manifest["thresholds"]
    hold = {k.removesuffix("_hold"): float(v) for k, v in thresholds.items() if k.endswith("_hold")}
    return Shipped(artifact.model, str(artifact.manifest["version"]), hold)
