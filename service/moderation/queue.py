"""The review queue: filters, sorts and cursor pages over the waiting comments, always scoped to sites."""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    and_,
    false,
    func,
    or_,
    select,
)
from sqlalchemy.orm import Session, aliased

from service.comments.models import Comment, CommentScore
from service.config import get_settings
from service.inputs import normalize_site
from service.moderation.accounts import Principal
from service.moderation.models import ModerationAction
from service.moderation.views import item_view
from service.moderation.waiting import QueueError, queue_ids
from service.text import normalize

SORTS = ("toxic", "oldest", "newest")
MAX_LIMIT = 200


@dataclass(frozen=True)
class QueueFilters:
    """Every filter of the queue; ``label`` picks the label the score range applies to (default toxicity)."""

    queue: str = "waiting"
    site: str | None = None
    article_id: str | None = None
    status: str | None = None
    label: str | None = None
    min_score: float | None = None
    max_score: float | None = None
    created_from: datetime | None = None
    created_to: datetime | None = None
    author_hash: str | None = None
    q: str | None = None
    sort: str = "toxic"
    limit: int = 50
    cursor: str | None = None


@dataclass
class QueuePage:
    items: list[dict[str, Any]] = field(default_factory=list)
    next_cursor: str | None = None


Score = aliased(CommentScore, name="current_score")


def prob(label: str) -> ColumnElement[float]:
    """The current score's probability for ``label`` (NULL when unscored)."""
    return Score.probabilities[label].as_float()


def scoped(stmt: Select[Any], principal: Principal) -> Select[Any]:
    """Restrict a statement on Comment to the principal's sites."""
    if principal.sites is None:
        return stmt
    if not principal.sites:
        return stmt.where(false())
    return stmt.where(Comment.site.in_(sorted(principal.sites)))


def with_current_score(stmt: Select[Any]) -> Select[Any]:
    return stmt.outerjoin(
        Score, and_(Score.comment_id == Comment.id, Score.model_version == Comment.model_version)
    )


def version_of_comment() -> ColumnElement[int]:
    """How many audit entries a comment has: the version an action must expect."""
    return (
        select(func.coalesce(func.max(ModerationAction.seq), 0))
        .where(ModerationAction.comment_id == Comment.id)
        .scalar_subquery()
    )


def _filters(stmt: Select[Any], f: QueueFilters, principal: Principal) -> Select[Any]:
    ids = queue_ids(f.queue, None if principal.sites is None else sorted(principal.sites))
    if ids is not None:
        stmt = stmt.where(Comment.id.in_(ids))
    if f.site:
        stmt = stmt.where(Comment.site == normalize_site(f.site))
    if f.article_id:
        stmt = stmt.where(Comment.article_id == f.article_id)
    if f.status:
        stmt = stmt.where(Comment.status == f.status)
    label = f.label or "toxicity"
    if f.min_score is not None:
        stmt = stmt.where(prob(label) >= f.min_score)
    if f.max_score is not None:
        stmt = stmt.where(prob(label) <= f.max_score)
    if f.label and f.min_score is None and f.max_score is None:
        stmt = stmt.where(prob(label) >= get_settings().flag_threshold)  # "flagged for this label"
    if f.created_from:
        stmt = stmt.where(Comment.created_at >= f.created_from)
    if f.created_to:
        stmt = stmt.where(Comment.created_at <= f.created_to)
    if f.author_hash:
        stmt = stmt.where(Comment.author_email_hash == f.author_hash)
    if f.q and f.q.strip():
        needle = normalize(f.q.strip())  # same normaliser as the stored text: variants match
        stmt = stmt.where(Comment.body_normalized.contains(needle, autoescape=True))
    return stmt


def encode_cursor(key: Any, comment_id: str) -> str:
    raw = json.dumps([key.isoformat() if isinstance(key, datetime) else key, comment_id])
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[Any, str]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        key, comment_id = json.loads(raw)
        return key, str(comment_id)
    except (ValueError, TypeError) as exc:
        raise QueueError("invalid cursor") from exc


def _sort_key(sort: str) -> tuple[ColumnElement[Any], bool]:
    """The sort expression and whether it runs descending."""
    if sort == "toxic":
        return func.coalesce(prob("toxicity"), -1.0), True
    if sort in ("oldest", "newest"):
        return Comment.created_at, sort == "newest"
    raise QueueError(f"sort must be one of {', '.join(SORTS)}")


def list_queue(db_session: Session, principal: Principal, f: QueueFilters) -> QueuePage:
    """One page of the queue for ``principal``."""
    key, desc = _sort_key(f.sort)
    limit = max(1, min(f.limit, MAX_LIMIT))
    stmt = select(Comment, Score, version_of_comment().label("version"), key.label("sort_key"))
    stmt = _filters(scoped(with_current_score(stmt), principal), f, principal)
    if f.cursor:
        last_key, last_id = decode_cursor(f.cursor)
        if f.sort != "toxic":
            last_key = datetime.fromisoformat(last_key)
        if desc:
            stmt = stmt.where(or_(key < last_key, and_(key == last_key, Comment.id < last_id)))
        else:
            stmt = stmt.where(or_(key > last_key, and_(key == last_key, Comment.id > last_id)))
    order = (key.desc(), Comment.id.desc()) if desc else (key.asc(), Comment.id.asc())
    rows = db_session.execute(stmt.order_by(*order).limit(limit + 1)).all()
    page = QueuePage(items=[item_view(r[0], r[1], r[2]) for r in rows[:limit]])
    if len(rows) > limit:
        last = rows[limit - 1]
        page.next_cursor = encode_cursor(last[3], last[0].id)
    return page
