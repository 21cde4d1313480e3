"""The training side's settings: where the data and the model versions are. Environment ``RAQIB_*``, read when
first needed (never at import), like the service's Settings; serving never reads these."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class TrainingSettings(BaseSettings):
    """Where `raqib train`, `evaluate`, `models` and `bench` read and write."""

    model_config = SettingsConfigDict(env_prefix="RAQIB_", extra="ignore", protected_namespaces=())

    # Training data, read in place (licensed sets are never copied into the repository).
    data_dir: Path = PROJECT_ROOT.parent / "shared" / "data"
    # The version folders; the same folder (and variable) the service serves from.
    models_dir: Path = PROJECT_ROOT / "models"


@lru_cache(maxsize=1)
def get_training_settings() -> TrainingSettings:
    """The training settings, built on first use; tests clear the cache after changing the environment."""
    return TrainingSettings()
