"""Moderators' actions on a commenter of one site, each logged with the standing before and after, and undone
by putting ``before`` back."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from service.commenters.models import AuthorAction, AuthorStanding
from service.comments.models import Comment, CommentStatus, utcnow
from service.moderation.accounts import Principal
from service.moderation.actions import append_entry
from service.text.emails import mask_emails

PENDING = (CommentStatus.QUEUED.value, CommentStatus.HELD.value)


class AuthorActionKind(enum.StrEnum):
    BAN = "ban"
    UNBAN = "unban"
    SUSPEND = "suspend"
    UNSUSPEND = "unsuspend"
    WARN = "warn"
    TRUST = "trust"
    UNTRUST = "untrust"
    NOTE = "note"


class StandingError(ValueError):
    """An action that cannot be taken as asked (a suspension without a future date, an undo of an undo)."""


class NotYours(StandingError):
    """Not one of the moderator's sites, or no such action (indistinguishable on purpose)."""


class StandingChanged(StandingError):
    """The standing changed since the action to undo: undoing it would overwrite someone else's."""


def _state(row: AuthorStanding | None) -> dict[str, Any]:
    if row is None:
        return {"banned": False, "suspended_until": None, "trusted": False, "warnings": 0}
    until = row.suspended_until
    return {
        "banned": bool(row.banned),
        "suspended_until": until.isoformat() if until else None,
        "trusted": bool(row.trusted),
        "warnings": int(row.warnings or 0),
    }


def _next_state(state: dict[str, Any], kind: AuthorActionKind, until: datetime | None) -> dict[str, Any]:
    changes: dict[AuthorActionKind, dict[str, Any]] = {
        AuthorActionKind.BAN: {"banned": True},
        AuthorActionKind.UNBAN: {"banned": False},
        AuthorActionKind.SUSPEND: {"suspended_until": until.isoformat() if until else None},
        AuthorActionKind.UNSUSPEND: {"suspended_until": None},
        AuthorActionKind.WARN: {"warnings": state["warnings"] + 1},
        AuthorActionKind.TRUST: {"trusted": True},
        AuthorActionKind.UNTRUST: {"trusted": False},
        AuthorActionKind.NOTE: {},
    }
    return state | changes[kind]


def _write_state(db_session: Session, site: str, author_hash: str, state: dict[str, Any]) -> None:
    row = db_session.get(AuthorStanding, (site, author_hash), with_for_update=True)
    if row is None:
        row = AuthorStanding(site=site, author_hash=author_hash)
        db_session.add(row)
    row.banned = state["banned"]
    until = state["suspended_until"]
    row.suspended_until = datetime.fromisoformat(until) if until else None
    row.trusted = state["trusted"]
    row.warnings = state["warnings"]
    row.updated_at = utcnow()


def standing_of(db_session: Session, site: str, author_hash: str) -> dict[str, Any]:
    return _state(db_session.get(AuthorStanding, (site, author_hash)))


def _reject_pending(db_session: Session, principal: Principal, site: str, author_hash: str, note: str) -> int:
    pending = db_session.scalars(
        select(Comment)
        .where(Comment.site == site, Comment.author_email_hash == author_hash, Comment.status.in_(PENDING))
        .with_for_update()
    )
    count = 0
    for comment in pending:
        append_entry(
            db_session,
            comment,
            actor_id=principal.user_id,
            actor=principal.email,
            action="reject",
            after_status=CommentStatus.REJECTED.value,
            note=note,
        )
        count += 1
    return count


def act_on_author(
    db_session: Session,
    principal: Principal,
    *,
    site: str,
    author_hash: str,
    kind: AuthorActionKind,
    note: str | None = None,
    until: datetime | None = None,
    reject_pending: bool = False,
) -> AuthorAction:
    """Take one action on a commenter of ``site``; the caller commits."""
    if not principal.may_see(site):
        raise NotYours(site)
    if kind is AuthorActionKind.SUSPEND and (until is None or until <= utcnow()):
        raise StandingError("until: a suspension needs a date in the future")
    clean_note = mask_emails((note or "").strip())[:2000] or None
    if kind is AuthorActionKind.NOTE and not clean_note:
        raise StandingError("note: empty")
    before = standing_of(db_session, site, author_hash)
    after = _next_state(before, kind, until)
    if after != before:
        _write_state(db_session, site, author_hash, after)
    rejected = 0
    if kind is AuthorActionKind.BAN and reject_pending:
        rejected = _reject_pending(db_session, principal, site, author_hash, clean_note or "author banned")
    entry = AuthorAction(
        site=site,
        author_hash=author_hash,
        action=kind.value,
        note=clean_note,
        until=until,
        before=before,
        after=after,
        actor_id=principal.user_id,
        actor=principal.email,
        rejected_comments=rejected,
        created_at=utcnow(),
    )
    db_session.add(entry)
    db_session.flush()
    return entry


def undo_author_action(db_session: Session, principal: Principal, action_id: int) -> AuthorAction:
    """Put back the standing from before ``action_id``; refused if the standing moved on since. Comments a
    ban rejected stay rejected (each has its own undo in the comment's audit trail)."""
    target = db_session.get(AuthorAction, action_id)
    if target is None or not principal.may_see(target.site):
        raise NotYours(str(action_id))
    already = db_session.scalar(select(AuthorAction.id).where(AuthorAction.undoes_id == action_id))
    if target.action == "undo" or already is not None:
        raise StandingError("this action cannot be undone (again)")
    current = standing_of(db_session, target.site, target.author_hash)
    if current != target.after:
        raise StandingChanged(str(action_id))
    _write_state(db_session, target.site, target.author_hash, target.before)
    entry = AuthorAction(
        site=target.site,
        author_hash=target.author_hash,
        action="undo",
        before=current,
        after=target.before,
        actor_id=principal.user_id,
        actor=principal.email,
        undoes_id=target.id,
        created_at=utcnow(),
    )
    db_session.add(entry)
    db_session.flush()
    return entry
