"""The scorer the worker and the CLI use: a loaded model version plus its decision thresholds."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from service.config import Settings, get_settings
from service.scoring.artifact import LoadedArtifact, load_artifact, resolve_model_dir
from service.scoring.model import TextModel
from service.scoring.policy import Thresholds
from service.scoring.types import ScoreResult

_BASE_THRESHOLDS = ("spam_hold", "spam_reject", "toxicity_hold")


def thresholds_from(manifest: dict[str, Any], settings: Settings) -> Thresholds:
    """Settings override the manifest's defaults label by label, the optional heads' too."""
    defaults = dict(manifest.get("thresholds", {}))
    chosen = {name: defaults.get(name) for name in _BASE_THRESHOLDS}
    for name in _BASE_THRESHOLDS:
        override = getattr(settings, f"{name}_threshold")
        if override is not None:
            chosen[name] = override
    missing = [name for name, value in chosen.items() if value is None]
    if missing:
        raise ValueError(f"no threshold for {', '.join(missing)} in settings or the model manifest")
    extra = {
        name.removesuffix("_hold"): float(value)
        for name, value in defaults.items()
        if name.endswith("_hold") and name not in _BASE_THRESHOLDS
    }
    for label in list(extra):
        override = getattr(settings, f"{label}_hold_threshold", None)
        if override is not None:
            extra[label] = float(override)
    return Thresholds(
        spam_hold=float(chosen["spam_hold"]),
        spam_reject=float(chosen["spam_reject"]),
        toxicity_hold=float(chosen["toxicity_hold"]),
        extra_hold=extra,
    )


class Scorer:
    """One model version in service. Load once per process; ``score`` is safe to call repeatedly."""

    def __init__(self, artifact: LoadedArtifact, thresholds: Thresholds) -> None:
        self.model: TextModel = artifact.model
        self.manifest = artifact.manifest
        self.version: str = str(artifact.manifest["version"])
        self.thresholds = thresholds

    def _hold_line(self, label: str) -> float:
        if label == "spam":
            return self.thresholds.spam_hold
        if label == "toxicity":
            return self.thresholds.toxicity_hold
        return self.thresholds.extra_hold.get(label, 0.5)

    def score(self, texts: Sequence[str], *, explain: bool = True, top_k: int = 5) -> list[ScoreResult]:
        """Probabilities per label, dialect, and spans for every label over its hold line."""
        texts = list(texts)
        if not texts:
            return []
        proba, dialects = self.model.predict(texts)
        dialects = dialects or [None] * len(texts)
        results = []
        for i, text in enumerate(texts):
            probs = {label: round(float(p[i]), 6) for label, p in proba.items()}
            flagged = [label for label, p in probs.items() if p >= self._hold_line(label)]
            spans = self.model.explain_many(text, flagged, top_k) if explain and flagged else {}
            results.append(ScoreResult(self.version, probs, spans, dialects[i]))
        return results


def load_scorer(settings: Settings | None = None, model_dir: Path | None = None) -> Scorer:
    """Load the model version named by settings (or models/CURRENT), verifying it before unpickling."""
    settings = settings or get_settings()
    directory = model_dir or resolve_model_dir(settings.models_dir, settings.model_version)
    artifact = load_artifact(directory)
    return Scorer(artifact, thresholds_from(artifact.manifest, settings))
