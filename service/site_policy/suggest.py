"""Per-site lines from evidence: from a site's moderator decisions, the hold line per label that reaches a
target precision, with the recall it gives and how many decisions it rests on.

The model's score of each decided comment is the one the version in service stored; a moderator's "spam" /
"not spam" (and what an approve or reject taught) is the truth (service.moderation.labels_export).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from service.comments.models import CommentScore
from service.moderation.labels_export import export_labels

# The label a moderator gives -> the head whose line it judges.
HEAD_OF_LABEL = {"spam": "spam", "toxic": "toxicity"}


@dataclass(frozen=True)
class Suggestion:
    head: str
    line: float | None  # None: no line reaches the target precision on this evidence
    precision: float | None
    recall: float | None
    decisions: int  # decided comments with this label and a score of the version
    positives: int


def suggest_line(pairs: Sequence[tuple[float, bool]], *, head: str, target_precision: float) -> Suggestion:
    """The lowest line at which the comments scoring at or above it were the label at least
    ``target_precision`` of the time (so the most recall at that precision)."""
    positives = sum(1 for _, truth in pairs if truth)
    ranked = sorted(pairs, key=lambda pair: -pair[0])
    best: tuple[float, float, float] | None = None
    true_pos = flagged = 0
    for index, (score, truth) in enumerate(ranked):
        flagged += 1
        true_pos += truth
        if index + 1 < len(ranked) and ranked[index + 1][0] == score:
            continue  # a line cannot split equal scores
        precision = true_pos / flagged
        if precision >= target_precision and true_pos:
            best = (score, precision, true_pos / positives)
    if best is None:
        return Suggestion(head, None, None, None, len(pairs), positives)
    line, precision, recall = best
    return Suggestion(head, round(line, 4), precision, recall, len(pairs), positives)


def site_evidence(db_session: Session, *, site: str, version: str) -> dict[str, list[tuple[float, bool]]]:
    """head -> (score of ``version``, the moderators' label) for each of the site's labelled comments."""
    rows = export_labels(db_session, site=site).rows
    if not rows:
        return {head: [] for head in HEAD_OF_LABEL.values()}
    ids = [row["comment_id"] for row in rows]
    scores = dict(
        db_session.execute(
            select(CommentScore.comment_id, CommentScore.probabilities).where(
                CommentScore.comment_id.in_(ids), CommentScore.model_version == version
            )
        ).all()
    )
    evidence: dict[str, list[tuple[float, bool]]] = {head: [] for head in HEAD_OF_LABEL.values()}
    for row in rows:
        probabilities = scores.get(row["comment_id"])
        if probabilities is None:
            continue
        for label, head in HEAD_OF_LABEL.items():
            if row.get(label) is not None and head in probabilities:
                evidence[head].append((float(probabilities[head]), bool(row[label])))
    return evidence
