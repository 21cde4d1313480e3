"""What a version folder records beside its model: provenance, data hashes, settings, metrics, thresholds."""

from __future__ import annotations

import datetime as dt
import math
import subprocess
from pathlib import Path
from typing import Any

from service.config import PROJECT_ROOT

# What decides a model: the code that reads the data, trains and scores, and the pinned dependencies. Changes
# elsewhere (tests, docs, the models folder itself) do not make a training run "dirty".
MODEL_CODE_PATHS = ("service", "training", "pyproject.toml")


def git_commit() -> str | None:
    """HEAD's commit, '+dirty' when the code that makes a model has uncommitted changes; None outside git."""
    try:
        sha = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=PROJECT_ROOT, capture_output=True, text=True, check=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no", "--", *MODEL_CODE_PATHS],
            cwd=PROJECT_ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None
    return f"{sha}+dirty" if dirty else sha


def new_version(out: Path, seed: int, today: dt.date | None = None) -> str:
    """``YYYY-MM-DD-<short sha>-s<seed>``, with a numeric suffix when that folder already exists."""
    commit = git_commit()
    short = commit[:7] if commit else "nogit"
    base = f"{(today or dt.datetime.now(dt.UTC).date()).isoformat()}-{short}-s{seed}"
    version, n = base, 2
    while (out / version).exists():
        version, n = f"{base}-{n}", n + 1
    return version


def json_safe(value: Any) -> Any:
    """Recursively turn NaN/inf into None and tuples into lists, so the manifest is strict JSON."""
    if isinstance(value, float):
        return None if math.isnan(value) or math.isinf(value) else round(value, 6)
    if isinstance(value, dict):
        return {str(k): json_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [json_safe(v) for v in value]
    if hasattr(value, "item"):  # numpy scalars
        return json_safe(value.item())
    return value


def build_manifest(**fields: Any) -> dict[str, Any]:
    """Manifest fields in a stable order; save_artifact adds library versions and the model checksum."""
    created = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
    return json_safe(
        {"version": fields.pop("version"), "created_at": created, "git_commit": git_commit(), **fields}
    )
