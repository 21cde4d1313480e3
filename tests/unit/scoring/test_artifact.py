"""Artifacts: round trip, and refusal of tampered files or foreign library versions BEFORE unpickling."""

from __future__ import annotations

import json
from pathlib import Path

import joblib
import numpy as np
import pytest

from service.scoring import artifact
from service.scoring.artifact import ArtifactError, load_artifact
from service.scoring.registry import resolve_model_dir

TEXTS = ["يا حمار انت غبي", "قروض فورية بدون كفيل واتساب 0501234567", "مقال جميل"]


def test_round_trip_keeps_scores_and_records_checksum_and_versions(version_dir: Path, tiny_model) -> None:
    loaded = load_artifact(version_dir)
    before, after = tiny_model.predict_proba(TEXTS), loaded.model.predict_proba(TEXTS)
    for label in ("spam", "toxicity"):
        np.testing.assert_allclose(after[label], before[label])
    assert loaded.manifest["model_sha256"] == artifact.sha256_file(version_dir / "model.joblib")
    assert loaded.manifest["versions"]["scikit_learn"] == artifact.runtime_versions()["scikit_learn"]
    assert loaded.manifest["thresholds"]["spam_hold"] == 0.5


def test_tampered_model_is_refused_before_unpickling(version_dir: Path, monkeypatch) -> None:
    path = version_dir / "model.joblib"
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))
    calls = []
    monkeypatch.setattr(joblib, "load", lambda *a, **k: calls.append(a))
    with pytest.raises(ArtifactError) as err:
        load_artifact(version_dir)
    assert calls == []
    message = str(err.value)
    assert "model.joblib" in message and "SHA-256" in message
    assert json.loads((version_dir / "manifest.json").read_text())["model_sha256"] in message


def test_other_scikit_learn_version_is_refused(version_dir: Path, monkeypatch) -> None:
    manifest_path = version_dir / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    manifest["versions"]["scikit_learn"] = "0.24.2"
    manifest_path.write_text(json.dumps(manifest))
    calls = []
    monkeypatch.setattr(joblib, "load", lambda *a, **k: calls.append(a))
    with pytest.raises(ArtifactError, match=r"scikit_learn 0\.24\.2") as err:
        load_artifact(version_dir)
    assert calls == []
    assert artifact.runtime_versions()["scikit_learn"] in str(err.value)


def test_other_python_version_is_refused(version_dir: Path) -> None:
    manifest_path = version_dir / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    manifest["versions"]["python"] = "3.9"
    manifest_path.write_text(json.dumps(manifest))
    with pytest.raises(ArtifactError, match=r"python 3\.9"):
        load_artifact(version_dir)


def test_resolve_uses_current_or_the_given_version(version_dir: Path) -> None:
    models = version_dir.parent
    assert resolve_model_dir(models, None) == version_dir
    assert resolve_model_dir(models, version_dir.name) == version_dir
    with pytest.raises(ArtifactError, match="missing"):
        resolve_model_dir(models, "2020-01-01-nope")
    with pytest.raises(ArtifactError, match="invalid"):
        resolve_model_dir(models, "../elsewhere")
    (models / "CURRENT").unlink()
    with pytest.raises(ArtifactError, match="CURRENT"):
        resolve_model_dir(models, None)


def test_missing_manifest_is_an_artifact_error(tmp_path: Path) -> None:
    with pytest.raises(ArtifactError, match="manifest missing"):
        load_artifact(tmp_path)
