"""How the shadow model would have done: against the moderators, and against the active model's decisions.

For every comment both versions scored, a label counts as the model's "yes" when the decision held or rejected
the comment for it (service.moderation.decision_labels.flagged_labels, hold lines only). Where a moderator's
decisions taught that label (the labels export), the pair is scored: precision, recall and F1 per label for
the active and the shadow version. Changed decisions are counted per direction (e.g. published -> held) with
examples of each.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, select
from sqlalchemy.orm import Session

from service.comments.models import Comment, CommentScore
from service.inputs import normalize_site
from service.moderation.decision_labels import LABELS, flagged_labels
from service.moderation.labels_export import export_labels
from service.scoring.registry import shadow_version
from service.shadow.models import ShadowScore

EXAMPLES = 5
_STRICTNESS = {"published": 0, "held": 1, "rejected": 2}


@dataclass(frozen=True)
class Item:
    """One comment both versions decided, and what the moderators' decisions taught about it."""

    comment_id: str
    site: str
    body: str
    active_decision: str
    active_reasons: tuple[str, ...]
    shadow_decision: str
    shadow_reasons: tuple[str, ...]
    truth: dict[str, bool | None]


def _prf(tp: int, fp: int, fn: int) -> dict[str, float | int | None]:
    precision = tp / (tp + fp) if tp + fp else None
    recall = tp / (tp + fn) if tp + fn else None
    f1 = (
        2 * precision * recall / (precision + recall)
        if precision is not None and recall is not None and precision + recall
        else (0.0 if precision is not None and recall is not None else None)
    )
    return {"tp": tp, "fp": fp, "fn": fn, "precision": precision, "recall": recall, "f1": f1}


def direction(active: str, shadow: str) -> str:
    """'stricter' when the shadow would have kept more from readers, 'more lenient' when less."""
    return "stricter" if _STRICTNESS.get(shadow, 1) > _STRICTNESS.get(active, 1) else "more lenient"


def figures(items: list[Item]) -> dict[str, Any]:
    """The report's figures from its items (pure: the fixture test checks these by hand)."""
    per_label: dict[str, dict[str, Any]] = {}
    for label in LABELS:
        counts = {"active": Counter(), "shadow": Counter()}
        judged = 0
        for item in items:
            truth = item.truth.get(label)
            if truth is None:
                continue
            judged += 1
            for side, reasons in (("active", item.active_reasons), ("shadow", item.shadow_reasons)):
                said = label in flagged_labels(reasons, held_only=True)
                counts[side]["tp" if said and truth else "fp" if said else "fn" if truth else "tn"] += 1
        per_label[label] = {"n": judged} | {
            side: _prf(c["tp"], c["fp"], c["fn"]) for side, c in counts.items()
        }
    changed: Counter[str] = Counter()
    examples: dict[str, list[dict[str, str]]] = defaultdict(list)
    for item in items:
        if item.active_decision == item.shadow_decision:
            continue
        key = f"{item.active_decision}->{item.shadow_decision}"
        changed[key] += 1
        if len(examples[key]) < EXAMPLES:
            examples[key].append(
                {"comment_id": item.comment_id, "site": item.site, "excerpt": item.body[:200]}
            )
    return {
        "comments": len(items),
        "per_label": per_label,
        "changed": {
            "total": sum(changed.values()),
            "by_direction": {
                key: {"n": n, "direction": direction(*key.split("->"))} for key, n in sorted(changed.items())
            },
            "examples": dict(examples),
        },
    }


def report_items(db_session: Session, version: str, site: str | None = None) -> list[Item]:
    """The comments scored by ``version`` in shadow, with the active score that decided them."""
    stmt = (
        select(Comment.id, Comment.site, Comment.body, CommentScore, ShadowScore)
        .join(ShadowScore, ShadowScore.comment_id == Comment.id)
        .join(
            CommentScore,
            and_(CommentScore.comment_id == Comment.id, CommentScore.model_version == Comment.model_version),
        )
        .where(ShadowScore.model_version == version)
    )
    if site:
        stmt = stmt.where(Comment.site == normalize_site(site))
    truth = {row["comment_id"]: row for row in export_labels(db_session, site=site).rows}
    items = []
    for comment_id, comment_site, body, active, shadow in db_session.execute(
        stmt.order_by(Comment.created_at)
    ):
        labels = truth.get(comment_id, {})
        items.append(
            Item(
                comment_id=comment_id,
                site=comment_site,
                body=body or "",
                active_decision=active.decision,
                active_reasons=tuple(active.reasons or ()),
                shadow_decision=shadow.decision,
                shadow_reasons=tuple(shadow.reasons or ()),
                truth={label: labels.get(label) for label in LABELS},
            )
        )
    return items


def latest_shadow_version(db_session: Session, models_dir: Any) -> str | None:
    """The version in shadow now, else the last one that stored shadow scores."""
    current = shadow_version(models_dir)
    if current is not None:
        return current
    stmt = select(ShadowScore.model_version).order_by(ShadowScore.id.desc()).limit(1)
    return db_session.scalar(stmt)


def shadow_report(db_session: Session, *, version: str, site: str | None = None) -> dict[str, Any]:
    """The whole report for one shadow version (and one site, if given)."""
    return {"version": version, "site": site, **figures(report_items(db_session, version, site))}
