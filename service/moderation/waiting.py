"""Which comments wait for a moderator: held, flagged (published but scoring high, or over a head's
report-only line) and reported."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    distinct,
    exists,
    func,
    literal,
    or_,
    select,
    union,
    union_all,
)
from sqlalchemy.orm import Session, aliased

from service.comments.models import Comment, CommentScore, CommentStatus
from service.config import get_settings
from service.moderation.accounts import Principal
from service.moderation.models import CommentReport, ModerationAction
from service.scoring.types import REQUIRED_LABELS

QUEUES = ("waiting", "held", "flagged", "reported", "all")


class QueueError(ValueError):
    """A filter or cursor that cannot be understood."""


def reviewed(target: Any, after: ColumnElement[Any] | None = None) -> ColumnElement[bool]:
    """A moderator acted on ``target`` (and the action was not undone), optionally after a moment."""
    act, undo = aliased(ModerationAction), aliased(ModerationAction)
    conds = [
        act.comment_id == target.id,
        act.actor_id.is_not(None),
        act.undoes_id.is_(None),
        ~exists().where(undo.undoes_id == act.id),
    ]
    if after is not None:
        conds.append(act.created_at >= after)
    return exists().where(*conds)


# Each queue is a small set of ids found through an index (status + created_at, or the reports table), so
# the page never scans every published comment to find the few that wait.
def _held_ids(sites: list[str] | None) -> Select[Any]:
    c = aliased(Comment)
    stmt = select(c.id).where(c.status == CommentStatus.HELD.value)
    return stmt.where(c.site.in_(sites)) if sites is not None else stmt


def _flagged_ids(sites: list[str] | None) -> Select[Any]:
    settings = get_settings()
    c, score = aliased(Comment), aliased(CommentScore)
    # A LIMIT-ed scalar subquery is never flattened into a join: the scores of just the recent published
    # comments are looked up by index, instead of every stored score being parsed to find the high ones.
    high_score = (
        select(literal(1))
        .where(
            score.comment_id == c.id,
            score.model_version == c.model_version,
            or_(
                *(
                    score.probabilities[label].as_float() >= settings.flag_threshold
                    for label in REQUIRED_LABELS
                ),
                # A published comment keeps reasons only for heads over their report-only line
                # (service.scoring.policy): moderators are told though the head could not hold it.
                func.json_array_length(score.reasons) > 0,
            ),
        )
        .limit(1)
        .scalar_subquery()
    )
    stmt = select(c.id).where(
        c.status == CommentStatus.PUBLISHED.value, high_score.is_not(None), ~reviewed(c)
    )
    if settings.flag_window_days > 0:
        stmt = stmt.where(c.created_at >= datetime.now(UTC) - timedelta(days=settings.flag_window_days))
    return stmt.where(c.site.in_(sites)) if sites is not None else stmt


def _reported_ids(sites: list[str] | None) -> Select[Any]:
    c = aliased(Comment)
    last_report = (
        select(func.max(CommentReport.created_at)).where(CommentReport.comment_id == c.id).scalar_subquery()
    )
    stmt = select(c.id).where(
        c.id.in_(select(CommentReport.comment_id)),
        c.status.in_([CommentStatus.PUBLISHED.value, CommentStatus.HELD.value]),
        ~reviewed(c, after=last_report),
    )
    return stmt.where(c.site.in_(sites)) if sites is not None else stmt


def queue_ids(queue: str, sites: list[str] | None) -> Select[Any] | None:
    """The ids in one of the named queues (None for "all"), within ``sites`` when given."""
    parts = {"held": _held_ids, "flagged": _flagged_ids, "reported": _reported_ids}
    if queue == "all":
        return None
    if queue == "waiting":
        return union(*(build(sites) for build in parts.values()))  # type: ignore[return-value]
    if queue not in parts:
        raise QueueError(f"queue must be one of {', '.join(QUEUES)}")
    return parts[queue](sites)


def _sites(principal: Principal) -> list[str] | None:
    return None if principal.sites is None else sorted(principal.sites)


def count_waiting(db_session: Session, principal: Principal) -> dict[str, int]:
    """How many comments wait in each queue, for the live counter: one query over the three id sets."""
    if principal.sites is not None and not principal.sites:
        return dict.fromkeys(("waiting", "held", "flagged", "reported"), 0)
    sites = _sites(principal)
    parts = {"held": _held_ids, "flagged": _flagged_ids, "reported": _reported_ids}
    labelled = union_all(
        *(build(sites).add_columns(literal(name).label("queue")) for name, build in parts.items())
    ).subquery()
    row = db_session.execute(
        select(
            func.count(distinct(labelled.c[0])),
            *(func.count().filter(labelled.c.queue == name) for name in parts),
        )
    ).one()
    return {"waiting": int(row[0]), **{name: int(n) for name, n in zip(parts, row[1:], strict=True)}}
