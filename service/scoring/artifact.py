"""Model artifacts on disk: ``models/<version>/model.joblib`` + ``manifest.json``.

This is the ONLY place in the codebase that unpickles. Unpickling runs code, so the file's SHA-256 is checked
against the manifest first, and the Python / scikit-learn / numpy versions it was written with must match the
running ones (a pickle from another scikit-learn can load and silently score differently).
"""

from __future__ import annotations

import hashlib
import json
import platform
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import joblib
import numpy as np
import sklearn

from service.scoring.model import TextModel

MODEL_FILE = "model.joblib"
MANIFEST_FILE = "manifest.json"


class ArtifactError(RuntimeError):
    """A model artifact is missing, tampered with, or was written by incompatible library versions."""


@dataclass(frozen=True)
class LoadedArtifact:
    model: TextModel
    manifest: dict[str, Any]


def sha256_file(path: Path) -> str:
    """Hex SHA-256 of a file, read in chunks."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def runtime_versions() -> dict[str, str]:
    """The library versions an artifact is tied to, as recorded in (and checked against) manifests."""
    return {
        "python": ".".join(platform.python_version_tuple()[:2]),
        "scikit_learn": sklearn.__version__,
        "numpy": np.__version__,
        "joblib": joblib.__version__,
    }


# joblib's pickle format is stable across its releases; the other three decide what unpickled objects mean.
_CHECKED_VERSIONS = ("python", "scikit_learn", "numpy")


def save_artifact(model: TextModel, manifest: dict[str, Any], directory: Path) -> Path:
    """Write model.joblib and manifest.json (plus the model's checksum and library versions) there."""
    directory.mkdir(parents=True, exist_ok=True)
    model_path = directory / MODEL_FILE
    joblib.dump(model, model_path, compress=3)
    full = {**manifest, "versions": runtime_versions(), "model_sha256": sha256_file(model_path)}
    (directory / MANIFEST_FILE).write_text(
        json.dumps(full, indent=2, ensure_ascii=False, sort_keys=False) + "\n"
    )
    return directory


def read_manifest(directory: Path) -> dict[str, Any]:
    """The manifest of a version folder, without touching the model file."""
    path = directory / MANIFEST_FILE
    try:
        return json.loads(path.read_text())
    except FileNotFoundError as exc:
        raise ArtifactError(f"{path}: manifest missing") from exc
    except json.JSONDecodeError as exc:
        raise ArtifactError(f"{path}: manifest is not valid JSON ({exc})") from exc


def verify_artifact(directory: Path) -> dict[str, Any]:
    """Check checksum and versions, return the manifest; ArtifactError names file, expected, actual."""
    manifest = read_manifest(directory)
    model_path = directory / MODEL_FILE
    if not model_path.is_file():
        raise ArtifactError(f"{model_path}: model file missing")
    expected = manifest.get("model_sha256")
    actual = sha256_file(model_path)
    if expected != actual:
        raise ArtifactError(f"{model_path}: SHA-256 mismatch (expected {expected}, actual {actual})")
    recorded = manifest.get("versions", {})
    running = runtime_versions()
    for name in _CHECKED_VERSIONS:
        if recorded.get(name) != running[name]:
            raise ArtifactError(
                f"{model_path}: written with {name} {recorded.get(name)}, running {running[name]} "
                f"(expected {recorded.get(name)}, actual {running[name]}); retrain with `raqib train`"
            )
    return manifest


def load_artifact(directory: Path) -> LoadedArtifact:
    """Verify, then unpickle, a version folder."""
    manifest = verify_artifact(directory)
    model = joblib.load(directory / MODEL_FILE)
    if not isinstance(model, TextModel):
        raise ArtifactError(f"{directory / MODEL_FILE}: expected a TextModel, found {type(model).__name__}")
    return LoadedArtifact(model=model, manifest=manifest)
