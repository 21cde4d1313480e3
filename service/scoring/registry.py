"""The model registry: which version in ``models/`` is active, which is in shadow, and how that changes.

This module alone reads and writes the registry files; the worker, the health check, the metrics and the
``raqib models`` commands all ask it.

    models/CURRENT    the active version (one line); RAQIB_MODEL_VERSION pins another without touching it
    models/HISTORY    the versions replaced by each promote, oldest first: rollback can step back repeatedly
    models/PREVIOUS   the last line of HISTORY, for people reading the folder
    models/SHADOW     the version scoring new comments beside the active one, deciding nothing (optional)

Each file is replaced atomically, so a worker never reads half a name. Who changed what and when is recorded
in the database by service.scoring.registry_record.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from service.config import Settings
from service.scoring.artifact import ArtifactError, read_manifest, verify_artifact

CURRENT_FILE = "CURRENT"
HISTORY_FILE = "HISTORY"
PREVIOUS_FILE = "PREVIOUS"
SHADOW_FILE = "SHADOW"


def _read_line(path: Path) -> str | None:
    try:
        return path.read_text().strip() or None
    except FileNotFoundError:
        return None


def _write_line(path: Path, value: str) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(value + "\n")
    tmp.replace(path)


def active_version(models_dir: Path) -> str | None:
    """The version named in CURRENT, or None when nothing is active."""
    return _read_line(models_dir / CURRENT_FILE)


def shadow_version(models_dir: Path) -> str | None:
    """The version in shadow, or None."""
    return _read_line(models_dir / SHADOW_FILE)


def serving_version(settings: Settings) -> str | None:
    """The version the service should score with: the pinned one, else the active one."""
    return settings.model_version or active_version(settings.models_dir)


def history(models_dir: Path) -> list[str]:
    """Versions replaced by promotes, oldest first."""
    path = models_dir / HISTORY_FILE
    return [line.strip() for line in path.read_text().splitlines() if line.strip()] if path.is_file() else []


def _write_history(models_dir: Path, versions: list[str]) -> None:
    _write_line(models_dir / HISTORY_FILE, "\n".join(versions))
    previous = models_dir / PREVIOUS_FILE
    if versions:
        _write_line(previous, versions[-1])
    elif previous.exists():
        previous.unlink()


def check_version_name(models_dir: Path, version: str) -> None:
    """Refuse names that would leave the models folder."""
    if not version or "/" in version or "\\" in version or version.startswith("."):
        raise ArtifactError(f"{models_dir}: invalid model version {version!r}")


def resolve_model_dir(models_dir: Path, version: str | None) -> Path:
    """The folder of ``version``, or of the active version when None."""
    if version is None:
        version = active_version(models_dir)
        if version is None:
            raise ArtifactError(
                f"{models_dir / CURRENT_FILE}: no model in service (train one with `raqib train`, "
                "then `raqib models promote VERSION`)"
            )
    check_version_name(models_dir, version)
    directory = models_dir / version
    if not directory.is_dir():
        raise ArtifactError(f"{directory}: model version folder missing")
    return directory


def promote(models_dir: Path, version: str) -> str | None:
    """Make ``version`` active after verifying its artifact; returns the version it replaced.

    A version promoted out of shadow leaves shadow.
    """
    verify_artifact(resolve_model_dir(models_dir, version))
    old = active_version(models_dir)
    if old != version:
        if old is not None:
            _write_history(models_dir, [*history(models_dir), old])
        _write_line(models_dir / CURRENT_FILE, version)
    if shadow_version(models_dir) == version:
        set_shadow(models_dir, None)
    return old


def rollback(models_dir: Path) -> tuple[str, str | None]:
    """Return to the version active before the last promote; returns (it, the version it replaced)."""
    old = active_version(models_dir)
    versions = history(models_dir)
    while versions:
        version = versions.pop()
        if (models_dir / version).is_dir():
            verify_artifact(models_dir / version)
            _write_line(models_dir / CURRENT_FILE, version)
            _write_history(models_dir, versions)
            return version, old
    raise ArtifactError(f"{models_dir / HISTORY_FILE}: no earlier version to roll back to")


def set_shadow(models_dir: Path, version: str | None) -> str | None:
    """Put ``version`` in shadow (None: end shadow mode); returns the version that was in shadow."""
    old = shadow_version(models_dir)
    path = models_dir / SHADOW_FILE
    if version is None:
        path.unlink(missing_ok=True)
        return old
    if version == active_version(models_dir):
        raise ArtifactError(f"{version} is the active version: a shadow must be another one")
    verify_artifact(resolve_model_dir(models_dir, version))
    _write_line(path, version)
    return old


@dataclass(frozen=True)
class VersionInfo:
    """One version folder as ``raqib models list`` shows it."""

    version: str
    created_at: str | None
    metrics: dict[str, float]
    active: bool
    shadow: bool
    problem: str | None  # why its manifest could not be read


def _key_metrics(manifest: dict[str, Any]) -> dict[str, float]:
    out: dict[str, float] = {}
    for label, entry in (manifest.get("metrics") or {}).items():
        overall = entry.get("overall") if isinstance(entry, dict) else None
        if overall and "f1" in overall:
            out[f"{label}_f1"] = float(overall["f1"])
    held = ((manifest.get("evaluation") or {}).get("moderator_load") or {}).get("genuine_news_comments")
    if held:
        out["genuine_held"] = float(held["held"])
    return out


def list_versions(models_dir: Path) -> list[VersionInfo]:
    """Every version folder, oldest first, with its date and key metrics and which role it has."""
    active, shadow = active_version(models_dir), shadow_version(models_dir)
    out: list[VersionInfo] = []
    folders = sorted(p for p in models_dir.iterdir() if p.is_dir()) if models_dir.is_dir() else []
    for folder in (f for f in folders if not f.name.startswith(".")):
        try:
            manifest, problem = read_manifest(folder), None
        except ArtifactError as exc:
            manifest, problem = {}, str(exc)
        out.append(
            VersionInfo(
                version=folder.name,
                created_at=manifest.get("created_at"),
                metrics=_key_metrics(manifest),
                active=folder.name == active,
                shadow=folder.name == shadow,
                problem=problem,
            )
        )
    return out
