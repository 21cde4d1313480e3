"""The training labels a moderator's decision teaches, worked out when the decision is taken.

An explicit mark (spam / not spam / toxic / not toxic) says one label. Approve says "neither spam nor toxic"
for each label the model had flagged (held for, or named on a report line), and for every label when nothing
was flagged. Reject says "yes" for the labels the comment was held for; a reject of a comment the model held
for nothing teaches nothing. The hate and vulgar heads are kinds of toxicity, so they speak for ``toxic``.
"""

from __future__ import annotations

from collections.abc import Sequence

from service.scoring.policy import CONTACT_ONLY, REPORT_SUFFIX

LABELS = ("spam", "toxic")
# action -> the one label an explicit mark sets, and its value
EXPLICIT: dict[str, tuple[str, bool]] = {
    "spam": ("spam", True),
    "not_spam": ("spam", False),
    "toxic": ("toxic", True),
    "not_toxic": ("toxic", False),
}
DERIVED = ("approve", "reject")
_HEAD_LABEL = {"spam": "spam", "toxicity": "toxic", "hate": "toxic", "vulgar": "toxic"}


def flagged_labels(reasons: Sequence[str], *, held_only: bool) -> set[str]:
    """Training labels named by a score's reasons (``spam>=0.27``, ``hate>=0.22 (report)``, ...)."""
    out: set[str] = set()
    for reason in reasons:
        if reason == CONTACT_ONLY:
            out.add("spam")
            continue
        if held_only and reason.endswith(REPORT_SUFFIX):
            continue
        label = _HEAD_LABEL.get(reason.split(">=", 1)[0])
        if label is not None:
            out.add(label)
    return out


def decision_labels(action: str, reasons: Sequence[str] | None) -> dict[str, bool]:
    """The labels ``action`` teaches about a comment the model scored with ``reasons`` (None: not scored)."""
    if action in EXPLICIT:
        label, value = EXPLICIT[action]
        return {label: value}
    if action == "approve":
        flagged = flagged_labels(reasons or (), held_only=False)
        return {label: False for label in LABELS if not flagged or label in flagged}
    if action == "reject":
        return {label: True for label in sorted(flagged_labels(reasons or (), held_only=True))}
    return {}
