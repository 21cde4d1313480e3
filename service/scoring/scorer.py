"""The scorer the worker and the CLI use: a loaded model version plus its decision thresholds."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from service.config import Settings, get_settings
from service.scoring.artifact import LoadedArtifact, load_artifact
from service.scoring.model import TextModel, VectorisedText
from service.scoring.policy import Decision, Thresholds, decide, thresholds_from
from service.scoring.registry import resolve_model_dir
from service.scoring.types import ScoreResult
from service.text import normalize

# Placeholders of contact details in normalised text (service.text.entities): alone they never reject.
CONTACT_TOKENS = frozenset(("_email_", "_phone_"))


class Scorer:
    """One model version in service. Load once per process; ``score`` is safe to call repeatedly."""

    def __init__(self, artifact: LoadedArtifact, thresholds: Thresholds) -> None:
        self.model: TextModel = artifact.model
        self.manifest = artifact.manifest
        self.version: str = str(artifact.manifest["version"])
        self.thresholds = thresholds

    @classmethod
    def of_model(cls, model: TextModel, manifest: dict[str, Any]) -> Scorer:
        """A scorer at the manifest's own thresholds (training-time evaluation: the policy of serving)."""
        return cls(LoadedArtifact(model, manifest), thresholds_from(manifest, None))

    def decide(self, texts: Sequence[str]) -> list[tuple[ScoreResult, Decision]]:
        """Score and apply the decision policy, as the worker does (without explanations)."""
        results = self.score(texts, explain=False)
        return [(r, decide(r.probabilities, self.thresholds, r.spam_beyond_contact)) for r in results]

    def _flag_line(self, label: str) -> float:
        return min(self.thresholds.hold_line(label), self.thresholds.report.get(label, 2.0))

    def score(self, texts: Sequence[str], *, explain: bool = True, top_k: int = 5) -> list[ScoreResult]:
        """Probabilities per label, dialect, spam without contact details, spans for labels over a line."""
        texts = list(texts)
        return self.score_normalized(texts, [normalize(t) for t in texts], explain=explain, top_k=top_k)

    def score_normalized(
        self, texts: Sequence[str], norms: Sequence[str], *, explain: bool = True, top_k: int = 5
    ) -> list[ScoreResult]:
        """``score`` for texts whose normalised forms (``service.text.normalize``) the caller has already.

        The texts are vectorised once, together; a flagged text's explanation reuses its row of features
        and splits the ORIGINAL text into tokens only for its spans.
        """
        if not texts:
            return []
        norms = list(norms)
        x = self.model.features_.transform(norms)
        proba, dialects = self.model.predict_features(x)
        dialects = dialects or [None] * len(texts)
        beyond = self._spam_beyond_contact(norms)
        lines = {label: self._flag_line(label) for label in proba}
        results = []
        for i, text in enumerate(texts):
            probs = {label: round(float(p[i]), 6) for label, p in proba.items()}
            flagged = [label for label, p in probs.items() if p >= lines[label]]
            spans = (
                self.model.explain_many(text, flagged, top_k, VectorisedText.row_of(norms[i], x, i))
                if explain and flagged
                else {}
            )
            results.append(ScoreResult(self.version, probs, spans, dialects[i], beyond.get(i)))
        return results

    def _spam_beyond_contact(self, norms: list[str]) -> dict[int, float]:
        """Spam probability of each text that carries an e-mail or phone, scored with those left out."""
        stripped = {}
        for i, norm in enumerate(norms):
            tokens = norm.split()
            if CONTACT_TOKENS.intersection(tokens):
                stripped[i] = " ".join(t for t in tokens if t not in CONTACT_TOKENS)
        if not stripped:
            return {}
        p = self.model.proba_normalized(list(stripped.values()), "spam")
        return {i: round(float(v), 6) for i, v in zip(stripped, p, strict=True)}


def load_scorer(settings: Settings | None = None, model_dir: Path | None = None) -> Scorer:
    """Load the model version named by settings (or models/CURRENT), verifying it before unpickling."""
    settings = settings or get_settings()
    directory = model_dir or resolve_model_dir(settings.models_dir, settings.model_version)
    artifact = load_artifact(directory)
    return Scorer(artifact, thresholds_from(artifact.manifest, settings))
