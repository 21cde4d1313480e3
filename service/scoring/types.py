"""What a score looks like: the contract between the scorer, the pipeline, the CLI and the moderator UI."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# Heads every shipped model must have; optional heads (hate, vulgar) appear when the data support them.
REQUIRED_LABELS: tuple[str, ...] = ("spam", "toxicity")


@dataclass(frozen=True)
class Span:
    """A stretch of the ORIGINAL text (character offsets) that pushed a label's score up."""

    start: int
    end: int
    text: str
    weight: float


@dataclass(frozen=True)
class ScoreResult:
    """One comment's scores from one model version."""

    model_version: str
    probabilities: dict[str, float]
    spans: dict[str, list[Span]] = field(default_factory=dict)
    dialect: str | None = None
    spam_beyond_contact: float | None = None  # spam with e-mails and phones left out; None when it has none

    def spans_as_json(self) -> dict[str, list[dict[str, Any]]]:
        # What dataclasses.asdict gives, built directly (asdict's deep copy is a measurable share of a job).
        return {
            label: [{"start": s.start, "end": s.end, "text": s.text, "weight": s.weight} for s in spans]
            for label, spans in self.spans.items()
        }
