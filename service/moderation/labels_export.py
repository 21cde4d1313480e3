"""Moderator labels for retraining, derived from the audit log (undone actions do not count).

Each decision recorded the labels it teaches (service.moderation.decision_labels); entries older than that
record only their explicit mark. Per comment and label an explicit mark beats what an approve or a reject
implied; among decisions of the same kind the latest wins, and a label two decisions disagreed on is counted
as a conflict.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from service.comments.models import Comment
from service.inputs import normalize_site
from service.moderation.decision_labels import DERIVED, EXPLICIT, LABELS
from service.moderation.models import ModerationAction
from service.moderation.views import iso

# A site's own moderators label through the Akismet-compatible submit-spam / submit-ham (service.akismet_api).
SITE_ACTOR_PREFIX = "site:"
_DECISIONS = {"approve": "approved", "reject": "rejected", "spam": "rejected", "toxic": "rejected"}


@dataclass
class LabelExport:
    """The rows, and how many of each kind they hold."""

    rows: list[dict[str, Any]]
    counts: Counter[str] = field(default_factory=Counter)


def _entry_labels(entry: ModerationAction) -> dict[str, bool]:
    if entry.labels is not None:
        return {k: bool(v) for k, v in entry.labels.items() if k in LABELS}
    return dict([EXPLICIT[entry.action]]) if entry.action in EXPLICIT else {}


class _Comment:
    """What the decisions on one comment said so far."""

    def __init__(self) -> None:
        self.explicit: dict[str, bool] = {}
        self.derived: dict[str, bool] = {}
        self.conflicts: set[str] = set()
        self.meta: dict[str, Any] = {"decision": None}

    def add(self, entry: ModerationAction) -> None:
        said = self.explicit if entry.action in EXPLICIT else self.derived
        for label, value in _entry_labels(entry).items():
            if said.get(label, value) != value:
                self.conflicts.add(label)
            said[label] = value
        if entry.action in _DECISIONS:
            self.meta["decision"] = _DECISIONS[entry.action]
        self.meta.update(
            decided_at=iso(entry.created_at), decided_by=entry.actor, model_version=entry.model_version
        )

    def labels(self) -> dict[str, bool | None]:
        out: dict[str, bool | None] = {}
        for label in LABELS:
            value = self.explicit.get(label, self.derived.get(label))
            if label in self.explicit and label in self.derived and self.derived[label] != value:
                self.conflicts.add(label)  # an approve/reject said otherwise: the explicit mark wins
            out[label] = value
        return out


def _decisions(
    db_session: Session, since: datetime | None, site: str | None
) -> tuple[list[ModerationAction], set[int]]:
    stmt = select(ModerationAction).where(ModerationAction.comment_id.is_not(None))
    if site:
        stmt = stmt.where(ModerationAction.site == normalize_site(site))
    entries = list(db_session.scalars(stmt.order_by(ModerationAction.id)))
    undone = {e.undoes_id for e in entries if e.undoes_id is not None}
    kept = [
        e
        for e in entries
        if e.id not in undone
        and (e.actor_id is not None or e.actor.startswith(SITE_ACTOR_PREFIX))
        and (e.action in EXPLICIT or e.action in DERIVED)
        and (since is None or e.created_at >= since)
    ]
    return kept, undone


def export_labels(
    db_session: Session, *, since: datetime | None = None, site: str | None = None
) -> LabelExport:
    """One row per comment a moderator labelled: masked text, spam and toxic (True/False/None), site, time."""
    entries, _ = _decisions(db_session, since, site)
    per_comment: dict[str, _Comment] = {}
    for entry in entries:
        per_comment.setdefault(str(entry.comment_id), _Comment()).add(entry)
    result = LabelExport(rows=[])
    if not per_comment:
        return result
    ids = list(per_comment)
    comments = {c.id: c for c in db_session.scalars(select(Comment).where(Comment.id.in_(ids)))}
    for comment_id, said in per_comment.items():
        comment = comments.get(comment_id)
        labels = said.labels()
        # A forgotten author's comment (empty body, service.moderation.authors) is no training example.
        if comment is None or not comment.body:
            result.counts["skipped_no_text"] += 1
            continue
        if all(value is None for value in labels.values()):
            result.counts["skipped_no_label"] += 1  # e.g. rejected although the model flagged nothing
            continue
        result.rows.append(
            {"comment_id": comment_id, "text": comment.body, "site": comment.site, **labels, **said.meta}
        )
        result.counts["rows"] += 1
        result.counts[f"decision_{said.meta['decision'] or 'label_only'}"] += 1
        for label, value in labels.items():
            if value is not None:
                result.counts[f"{label}_{int(value)}"] += 1
        result.counts["conflicts"] += bool(said.conflicts)
    return result
