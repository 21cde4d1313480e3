"""Decision policy: probabilities and thresholds in, published / held / rejected out."""

from __future__ import annotations

from dataclasses import dataclass, field

from service.comments.models import CommentStatus


@dataclass(frozen=True)
class Thresholds:
    """Per-label cut-offs. Clear spam is rejected; anything else over a hold line waits for a moderator."""

    spam_hold: float
    spam_reject: float
    toxicity_hold: float
    extra_hold: dict[str, float] = field(default_factory=dict)  # optional heads (hate, vulgar)


@dataclass(frozen=True)
class Decision:
    status: CommentStatus
    reasons: tuple[str, ...]


def decide(probabilities: dict[str, float], thresholds: Thresholds) -> Decision:
    """Reject clear spam, hold anything flagged by a label, publish the rest; reasons name each label hit."""
    spam = probabilities.get("spam", 0.0)
    if spam >= thresholds.spam_reject:
        return Decision(CommentStatus.REJECTED, (f"spam>={thresholds.spam_reject:.2f}",))
    reasons: list[str] = []
    if spam >= thresholds.spam_hold:
        reasons.append(f"spam>={thresholds.spam_hold:.2f}")
    if probabilities.get("toxicity", 0.0) >= thresholds.toxicity_hold:
        reasons.append(f"toxicity>={thresholds.toxicity_hold:.2f}")
    for label, cut in sorted(thresholds.extra_hold.items()):
        if probabilities.get(label, 0.0) >= cut:
            reasons.append(f"{label}>={cut:.2f}")
    if reasons:
        return Decision(CommentStatus.HELD, tuple(reasons))
    return Decision(CommentStatus.PUBLISHED, ())
