"""A site's own moderation policy, and how it turns the model's decision into the site's verdict.

The model's manifest ships one set of lines for everyone; a site tunes them here: its own hold and reject
line per label, which heads may hold at all, a moderation mode, and rules that hold by who wrote a comment or
what it carries. Pure code: the worker loads the policy and the facts, these functions decide.

Modes
  ``flagged``       (default) hold what crosses a hold line, publish the rest.
  ``premoderate``   every comment waits for a moderator, except what is rejected outright.
  ``postmoderate``  publish what the model would hold; its reasons keep it in the flagged queue for review.
Rejection (a reject line crossed) and the site's own hold rules (new authors, links) apply in every mode:
they are explicit choices of the site, not the model's judgement.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, replace
from typing import Annotated, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from service.scoring.policy import OFF_LINE, Decision, Thresholds, Verdict
from service.signals.actions import SIGNALS, Action

LABELS = ("spam", "toxicity", "hate", "vulgar")

Line = Annotated[float, Field(ge=0.0, le=OFF_LINE)]


class Mode(enum.StrEnum):
    FLAGGED = "flagged"
    PREMODERATE = "premoderate"
    POSTMODERATE = "postmoderate"


class UnscoredAction(enum.StrEnum):
    WAIT = "wait"  # a comment waits for its verdict however long the workers take
    PUBLISH = "publish"  # ... or is published after unscored_after_seconds, and scored (and flagged) later


class Reason(enum.StrEnum):
    PREMODERATION = "policy:premoderation"
    NEW_AUTHOR = "policy:new_author"
    LINKS = "policy:links"
    UNSCORED_TIMEOUT = "policy:unscored_timeout"
    BANNED = "author:banned"
    SUSPENDED = "author:suspended"
    REJECTION_RATE = "author:rejection_rate"
    TRUSTED = "author:trusted"


# What a moderator reads for each reason code (Arabic, English).
REASON_TEXT: dict[str, tuple[str, str]] = {
    Reason.PREMODERATION: (
        "الموقع يراجع كل تعليق قبل نشره",
        "the site reviews every comment before it is published",
    ),
    Reason.NEW_AUTHOR: ("من أوائل تعليقات كاتب جديد", "one of a new author's first comments"),
    Reason.LINKS: ("يحتوي على رابط", "contains a link"),
    Reason.UNSCORED_TIMEOUT: (
        "نُشر قبل تقييمه لأن التقييم تأخر",
        "published before it was scored, because scoring was late",
    ),
    Reason.BANNED: ("الكاتب محظور على هذا الموقع", "the author is banned on this site"),
    Reason.SUSPENDED: ("الكاتب موقوف مؤقتاً", "the author is suspended"),
    Reason.REJECTION_RATE: (
        "رُفض كثير من تعليقات الكاتب الأخيرة",
        "many of the author's recent comments were rejected",
    ),
    Reason.TRUSTED: (
        "كاتب موثوق: نُشر رغم درجة قريبة من حد المراجعة",
        "trusted author: published despite a score near the hold line",
    ),
}


class SitePolicy(BaseModel):
    """What a site has chosen; every field absent means the service-wide default."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    mode: Mode = Mode.FLAGGED
    # label -> line; a label left out keeps the model's line. A hold line above 1 never holds.
    hold: dict[str, Line] = Field(default_factory=dict)
    # label -> reject line; spam has one from the model, the other heads none unless set here.
    reject: dict[str, Line] = Field(default_factory=dict)
    # The heads whose hold line may hold a comment; None: all. The others are still named as reasons.
    holding_heads: list[str] | None = None
    new_author_holds: int = Field(default=0, ge=0, le=1000)  # hold an author's first N comments on the site
    hold_links: bool = False
    unscored_after_seconds: int | None = Field(default=None, ge=1, le=7 * 24 * 3600)
    unscored_action: UnscoredAction = UnscoredAction.WAIT
    # Trusted authors (marked by a moderator, or with this many published comments and none rejected) are
    # held only when a score passes its hold line by more than trusted_margin.
    trust_after_published: int | None = Field(default=None, ge=1, le=100_000)
    trusted_margin: float = Field(default=0.15, ge=0.0, le=1.0)
    # An author this share of whose last rejection_window decided comments were rejected (at least 3 of
    # them decided) has every comment held.
    premoderate_rejection_rate: float | None = Field(default=None, gt=0.0, le=1.0)
    rejection_window: int = Field(default=10, ge=3, le=1000)
    # signal code -> hold / reject / off for this site (service.signals.actions), over the deployment's
    signals: dict[str, Action] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        for name in ("hold", "reject"):
            unknown = sorted(set(getattr(self, name)) - set(LABELS))
            if unknown:
                raise ValueError(f"{name}: unknown label {unknown[0]!r} (one of {', '.join(LABELS)})")
        unknown_signals = sorted(set(self.signals) - set(SIGNALS))
        if unknown_signals:
            raise ValueError(f"signals: unknown signal {unknown_signals[0]!r} (one of {', '.join(SIGNALS)})")
        unknown_heads = sorted(set(self.holding_heads or ()) - set(LABELS))
        if unknown_heads:
            raise ValueError(f"holding_heads: unknown label {unknown_heads[0]!r}")
        for label, line in self.reject.items():
            if label in self.hold and self.hold[label] > line:
                raise ValueError(f"reject: the {label} reject line is below its hold line")
        if self.unscored_action is UnscoredAction.PUBLISH and self.unscored_after_seconds is None:
            raise ValueError("unscored_after_seconds: needed when unscored_action is 'publish'")
        return self


DEFAULT_POLICY = SitePolicy()


MIN_DECIDED_FOR_RATE = 3  # fewer decided comments than this say nothing about an author's rejection rate


@dataclass(frozen=True)
class AuthorFacts:
    """What the site's rules look at besides the scores."""

    prior_comments: int  # the author's earlier comments on this site (any status)
    has_link: bool
    banned: bool = False
    suspended: bool = False
    trusted: bool = False
    recent_rejection_rate: float | None = None  # None: too few decided comments to tell


def effective_thresholds(base: Thresholds, policy: SitePolicy, *, trusted: bool = False) -> Thresholds:
    """The model's lines with the site's own over them; a head that may not hold is named, never holding;
    for a trusted author each hold line moves up by the margin and the old line only names the head."""
    hold = {label: base.hold_line(label) for label in ("spam", "toxicity", *base.extra_hold)}
    hold.update(policy.hold)
    report = dict(base.report)
    if trusted:
        for label, line in list(hold.items()):
            if line < OFF_LINE:
                report[label] = min(report.get(label, OFF_LINE), line)
                hold[label] = min(OFF_LINE, line + policy.trusted_margin)
    reject = dict(base.reject) | {k: v for k, v in policy.reject.items() if k != "spam"}
    spam_reject = policy.reject.get("spam", base.spam_reject)
    if policy.holding_heads is not None:
        for label in list(hold):
            if label not in policy.holding_heads:
                # Still listed for moderators at the line that would have held it.
                report[label] = min(report.get(label, OFF_LINE), hold[label])
                hold[label] = OFF_LINE
    extra = {label: line for label, line in hold.items() if label not in ("spam", "toxicity")}
    return replace(
        base,
        spam_hold=hold["spam"],
        spam_reject=spam_reject,
        toxicity_hold=hold["toxicity"],
        extra_hold=extra,
        reject=reject,
        report=report,
    )


def apply_site_rules(decision: Decision, policy: SitePolicy, facts: AuthorFacts) -> Decision:
    """The site's verdict: its hold rules and its mode applied to the model's decision."""
    if facts.banned:
        return Decision(Verdict.REJECTED, (Reason.BANNED, *decision.reasons))
    if decision.status is Verdict.REJECTED:
        return decision
    rules: list[str] = []
    if facts.suspended:
        rules.append(Reason.SUSPENDED)
    rate_line = policy.premoderate_rejection_rate
    if rate_line is not None and (facts.recent_rejection_rate or 0.0) >= rate_line:
        rules.append(Reason.REJECTION_RATE)
    if facts.prior_comments < policy.new_author_holds:
        rules.append(Reason.NEW_AUTHOR)
    if policy.hold_links and facts.has_link:
        rules.append(Reason.LINKS)
    reasons = (*decision.reasons, *rules)
    if rules:
        return Decision(Verdict.HELD, reasons)
    if policy.mode is Mode.PREMODERATE:
        return Decision(Verdict.HELD, (*reasons, Reason.PREMODERATION))
    if policy.mode is Mode.POSTMODERATE:
        return Decision(Verdict.PUBLISHED, reasons)
    return Decision(decision.status, reasons)


def policy_diff(before: SitePolicy, after: SitePolicy) -> dict[str, dict[str, object]]:
    """Field -> {before, after} for every field that changed (the audit log's record of a change)."""
    old, new = before.model_dump(mode="json"), after.model_dump(mode="json")
    return {k: {"before": old[k], "after": new[k]} for k in new if old[k] != new[k]}
