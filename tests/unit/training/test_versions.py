"""promote / rollback: CURRENT moves, the history remembers, broken versions are refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from service.scoring.artifact import ArtifactError, save_artifact
from training.versions import current_version, promote, promote_cli, rollback, rollback_cli

from ..scoring.conftest import build_tiny_model


@pytest.fixture(scope="module")
def models(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("models")
    model = build_tiny_model()
    for version in ("v1", "v2", "v3"):
        save_artifact(model, {"version": version, "thresholds": {}}, root / version)
    return root


def test_promote_and_rollback_walk_the_history(models: Path) -> None:
    assert promote(models, "v1") is None
    assert promote(models, "v2") == "v1"
    assert promote(models, "v3") == "v2"
    assert (models / "PREVIOUS").read_text().strip() == "v2"
    assert rollback(models) == "v2"
    assert current_version(models) == "v2"
    assert rollback(models) == "v1"
    with pytest.raises(ArtifactError, match="no earlier version"):
        rollback(models)
    assert current_version(models) == "v1"


def test_cli_refuses_a_tampered_version(models: Path, tmp_path: Path, capsys) -> None:
    assert promote_cli(["v2", "--models", str(models)]) == 0
    (models / "v3" / "model.joblib").write_bytes(b"not a model")
    assert promote_cli(["v3", "--models", str(models)]) == 1
    assert "SHA-256" in capsys.readouterr().err
    assert current_version(models) == "v2"
    assert rollback_cli(["--models", str(models)]) == 0
    assert current_version(models) == "v1"
    assert rollback_cli(["--models", str(tmp_path)]) == 1
