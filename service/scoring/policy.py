"""Decision policy: probabilities and thresholds in, published / held / rejected out.

Two lines per head: a **hold** line, where the head's validation precision reached the floor the training run
required (0.75), and a lower **report** line. A head over its hold line holds the comment on its own; over its
report line only, it is named among the reasons (``"hate>=0.22 (report)"``) for moderators, but does not hold.
A head whose hold line is above 1 never holds.

Spam has a reject line; a site's policy may give the other heads one too (``Thresholds.reject``).
Contact information alone never rejects: when a comment carries an e-mail address or a phone number, the spam
head is asked again without them (``spam_beyond_contact``); rejection needs that score over the reject line
too, otherwise the comment is held at most.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from service.config import Settings


class Verdict(enum.StrEnum):
    PUBLISHED = "published"
    HELD = "held"
    REJECTED = "rejected"


REPORT_SUFFIX = " (report)"
OFF_LINE = 1.01  # a line no probability reaches (the training side uses the same value)
CONTACT_ONLY = "spam:contact-only"


@dataclass(frozen=True)
class Thresholds:
    """Per-label cut-offs. Clear spam is rejected; anything else over a hold line waits for a moderator."""

    spam_hold: float
    spam_reject: float
    toxicity_hold: float
    extra_hold: dict[str, float] = field(default_factory=dict)  # optional heads (hate, vulgar)
    report: dict[str, float] = field(default_factory=dict)  # label -> report-only line (below its hold)
    # label -> reject line for heads other than spam; none by default (a site's policy may set them)
    reject: dict[str, float] = field(default_factory=dict)

    def hold_line(self, label: str) -> float:
        if label == "spam":
            return self.spam_hold
        if label == "toxicity":
            return self.toxicity_hold
        return self.extra_hold.get(label, 0.5)


@dataclass(frozen=True)
class Decision:
    status: Verdict
    reasons: tuple[str, ...]  # what held or rejected it first, then report-only lines


def decide(
    probabilities: dict[str, float], thresholds: Thresholds, spam_beyond_contact: float | None = None
) -> Decision:
    """Reject clear spam, hold anything over a hold line, publish the rest; reasons name each line crossed."""
    spam = probabilities.get("spam", 0.0)
    holds: list[str] = []
    if spam >= thresholds.spam_reject:
        if spam_beyond_contact is None or spam_beyond_contact >= thresholds.spam_reject:
            return Decision(Verdict.REJECTED, (f"spam>={thresholds.spam_reject:.2f}",))
        holds.append(CONTACT_ONLY)
    for label, line in sorted(thresholds.reject.items()):
        if label != "spam" and probabilities.get(label, 0.0) >= line:
            return Decision(Verdict.REJECTED, (f"{label}>={line:.2f}",))
    labels = ["spam", "toxicity", *sorted(thresholds.extra_hold)]
    reports: list[str] = []
    for label in labels:
        p = probabilities.get(label, 0.0)
        hold = thresholds.hold_line(label)
        if p >= hold:
            holds.append(f"{label}>={hold:.2f}")
        elif label in thresholds.report and p >= thresholds.report[label]:
            reports.append(f"{label}>={thresholds.report[label]:.2f}{REPORT_SUFFIX}")
    status = Verdict.HELD if holds else Verdict.PUBLISHED
    return Decision(status, (*holds, *reports))


_BASE_THRESHOLDS = ("spam_hold", "spam_reject", "toxicity_hold")


def thresholds_from(manifest: dict[str, Any], settings: Settings | None) -> Thresholds:
    """Settings override the manifest's defaults label by label, the optional heads' too (None: defaults)."""
    defaults = dict(manifest.get("thresholds", {}))
    chosen = {name: defaults.get(name) for name in _BASE_THRESHOLDS}
    for name in _BASE_THRESHOLDS:
        override = getattr(settings, f"{name}_threshold", None)
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
    report = {
        name.removesuffix("_report"): float(value)
        for name, value in defaults.items()
        if name.endswith("_report")
    }
    return Thresholds(
        spam_hold=float(chosen["spam_hold"]),
        spam_reject=float(chosen["spam_reject"]),
        toxicity_hold=float(chosen["toxicity_hold"]),
        extra_hold=extra,
        report=report,
    )
