"""Toy model versions for registry, gate and reload tests: trained in seconds on the tiny data dir."""

from __future__ import annotations

import json
from pathlib import Path

from service.scoring.artifact import MANIFEST_FILE, load_artifact, save_artifact
from service.scoring.registry import list_versions
from training import train

from .tiny_data import build_tiny_data_dir

SEED = 3


def tiny_data(root: Path) -> Path:
    """The tiny data dir, built once under ``root``."""
    data = root / "data"
    return data if data.is_dir() else build_tiny_data_dir(data)


def train_version(data: Path, models: Path, *extra: str) -> str:
    """`raqib train` on the tiny data (seed 3, no out-of-source heads); the new version's name."""
    before = {v.version for v in list_versions(models)} if models.is_dir() else set()
    assert (
        train.cli(
            ["--data", str(data), "--out", str(models), "--seed", str(SEED), "--no-out-of-source", *extra]
        )
        == 0
    )
    (version,) = {v.version for v in list_versions(models)} - before
    return version


def worse_copy(models: Path, version: str, name: str) -> str:
    """A deliberately bad candidate: ``version`` with its toxicity head turned upside down (same data, seed
    and evaluation set, so the gate compares it on the same rows)."""
    artifact = load_artifact(models / version)
    head = artifact.model.heads_["toxicity"]
    head.coef_ = -head.coef_
    head.intercept_ = -head.intercept_
    manifest = json.loads((models / version / MANIFEST_FILE).read_text())
    manifest["version"] = name
    for key in ("model_sha256", "versions"):
        manifest.pop(key, None)
    save_artifact(artifact.model, manifest, models / name)
    return name
