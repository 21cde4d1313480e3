"""What is held about a commenter as a person: their standing per site and moderators' actions and notes."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from service.commenters.models import AuthorAction, AuthorStanding
from service.moderation.views import iso


def action_view(a: AuthorAction) -> dict[str, Any]:
    return {
        "id": a.id,
        "site": a.site,
        "action": a.action,
        "note": a.note,
        "until": iso(a.until),
        "before": a.before,
        "after": a.after,
        "actor": a.actor,
        "undoes_id": a.undoes_id,
        "rejected_comments": a.rejected_comments,
        "created_at": iso(a.created_at),
    }


def author_record(
    db_session: Session, author_hash: str, sites: frozenset[str] | None = None
) -> dict[str, Any]:
    """Standing per site and the actions on the author, newest first (only ``sites`` when given)."""
    standings = select(AuthorStanding).where(AuthorStanding.author_hash == author_hash)
    actions = select(AuthorAction).where(AuthorAction.author_hash == author_hash)
    if sites is not None:
        standings = standings.where(AuthorStanding.site.in_(sites))
        actions = actions.where(AuthorAction.site.in_(sites))
    return {
        "standings": [
            {
                "site": s.site,
                "banned": s.banned,
                "suspended_until": iso(s.suspended_until),
                "trusted": s.trusted,
                "warnings": s.warnings,
                "updated_at": iso(s.updated_at),
            }
            for s in db_session.scalars(standings.order_by(AuthorStanding.site))
        ],
        "actions": [action_view(a) for a in db_session.scalars(actions.order_by(AuthorAction.id.desc()))],
    }


def forget_author_notes(db_session: Session, author_hash: str) -> None:
    """Erase moderators' notes about the author (a data-subject request). The standing stays: a ban must
    survive the erasure of the banned person's comments, and holds only a pseudonymous hash."""
    # Core UPDATE on purpose: the log is append-only for the ORM, an erasure request is the one exception.
    db_session.execute(update(AuthorAction).where(AuthorAction.author_hash == author_hash).values(note=None))
