"""`raqib promote` / `raqib rollback`: which model version is in service (models/CURRENT).

Every promote appends the version it replaced to models/HISTORY (one per line), so rollback can step back
more than once; models/PREVIOUS mirrors the last line for people reading the folder.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from service.config import get_settings
from service.scoring.artifact import CURRENT_FILE, ArtifactError, verify_artifact

HISTORY_FILE = "HISTORY"
PREVIOUS_FILE = "PREVIOUS"


def current_version(models_dir: Path) -> str | None:
    """The version named in CURRENT, or None when nothing is in service."""
    path = models_dir / CURRENT_FILE
    return path.read_text().strip() or None if path.is_file() else None


def _history(models_dir: Path) -> list[str]:
    path = models_dir / HISTORY_FILE
    return [line.strip() for line in path.read_text().splitlines() if line.strip()] if path.is_file() else []


def _write_history(models_dir: Path, history: list[str]) -> None:
    (models_dir / HISTORY_FILE).write_text("".join(f"{v}\n" for v in history))
    previous = models_dir / PREVIOUS_FILE
    if history:
        previous.write_text(history[-1] + "\n")
    elif previous.exists():
        previous.unlink()


def _write_current(models_dir: Path, version: str) -> None:
    tmp = models_dir / f".{CURRENT_FILE}.tmp"
    tmp.write_text(version + "\n")
    tmp.replace(models_dir / CURRENT_FILE)  # atomic: a worker never reads a half-written CURRENT


def promote(models_dir: Path, version: str) -> str | None:
    """Put ``version`` in service after verifying its artifact; returns the version it replaced."""
    verify_artifact(models_dir / version)
    old = current_version(models_dir)
    if old == version:
        return old
    if old is not None:
        _write_history(models_dir, [*_history(models_dir), old])
    _write_current(models_dir, version)
    return old


def rollback(models_dir: Path) -> str:
    """Return to the version in service before the last promote; returns it."""
    history = _history(models_dir)
    while history:
        version = history.pop()
        if (models_dir / version).is_dir():
            verify_artifact(models_dir / version)
            _write_current(models_dir, version)
            _write_history(models_dir, history)
            return version
    raise ArtifactError(f"{models_dir / HISTORY_FILE}: no earlier version to roll back to")


def _models_dir(value: str | None) -> Path:
    return Path(value) if value else get_settings().models_dir


def promote_cli(argv: list[str]) -> int:
    """raqib promote VERSION [--models DIR]."""
    parser = argparse.ArgumentParser(prog="raqib promote", description="put a model version in service")
    parser.add_argument("version")
    parser.add_argument("--models", help="models folder (default: settings models_dir)")
    args = parser.parse_args(argv)
    models_dir = _models_dir(args.models)
    try:
        old = promote(models_dir, args.version)
    except ArtifactError as exc:
        print(f"raqib promote: {exc}", file=sys.stderr)
        return 1
    print(f"in service: {args.version} (was {old or 'none'}); restart workers to load it")
    return 0


def rollback_cli(argv: list[str]) -> int:
    """raqib rollback [--models DIR]."""
    parser = argparse.ArgumentParser(
        prog="raqib rollback", description="return to the previous model version"
    )
    parser.add_argument("--models", help="models folder (default: settings models_dir)")
    args = parser.parse_args(argv)
    models_dir = _models_dir(args.models)
    old = current_version(models_dir)
    try:
        version = rollback(models_dir)
    except ArtifactError as exc:
        print(f"raqib rollback: {exc}", file=sys.stderr)
        return 1
    print(f"in service: {version} (was {old or 'none'}); restart workers to load it")
    return 0
