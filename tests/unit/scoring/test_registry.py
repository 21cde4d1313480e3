"""The registry files: promote and rollback walk the history, shadow is another version, broken refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from service.scoring import registry
from service.scoring.artifact import ArtifactError, save_artifact

from .conftest import build_tiny_model


@pytest.fixture
def models(tmp_path: Path) -> Path:
    model = build_tiny_model()
    for version in ("v1", "v2", "v3"):
        save_artifact(
            model, {"version": version, "thresholds": {}, "created_at": "2026-12-01"}, tmp_path / version
        )
    return tmp_path


def test_promote_and_rollback_walk_the_history(models: Path) -> None:
    assert registry.promote(models, "v1") is None
    assert registry.promote(models, "v2") == "v1"
    assert registry.promote(models, "v3") == "v2"
    assert registry.history(models) == ["v1", "v2"]
    assert (models / "PREVIOUS").read_text().strip() == "v2"
    assert registry.rollback(models) == ("v2", "v3")
    assert registry.rollback(models) == ("v1", "v2")
    with pytest.raises(ArtifactError, match="no earlier version"):
        registry.rollback(models)
    assert registry.active_version(models) == "v1"
    assert not (models / "PREVIOUS").exists()


def test_shadow_is_another_verified_version_and_leaves_when_promoted(models: Path) -> None:
    registry.promote(models, "v1")
    with pytest.raises(ArtifactError, match="active version"):
        registry.set_shadow(models, "v1")
    assert registry.set_shadow(models, "v2") is None
    listed = {info.version: (info.active, info.shadow) for info in registry.list_versions(models)}
    assert listed == {"v1": (True, False), "v2": (False, True), "v3": (False, False)}
    registry.promote(models, "v2")
    assert registry.shadow_version(models) is None


def test_broken_versions_and_bad_names_are_refused(models: Path) -> None:
    registry.promote(models, "v1")
    (models / "v3" / "model.joblib").write_bytes(b"not a model")
    for call in (registry.promote, registry.set_shadow):
        with pytest.raises(ArtifactError, match="SHA-256"):
            call(models, "v3")
    with pytest.raises(ArtifactError, match="invalid"):
        registry.promote(models, "../v1")
    assert registry.active_version(models) == "v1" and registry.shadow_version(models) is None
