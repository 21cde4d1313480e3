"""What the site's rules need to know about a comment's author, read at decision time: the standing
moderators gave them, and their history on the site (only as much as the policy asks for)."""

from __future__ import annotations

from sqlalchemy import Connection, func, select
from sqlalchemy.orm import Session

from service.commenters.models import AuthorStanding
from service.comments.models import Comment, CommentStatus, utcnow
from service.site_policy.rules import MIN_DECIDED_FOR_RATE, AuthorFacts, SitePolicy
from service.text.entities import PLACEHOLDERS

_COMMENTS = Comment.__table__
_STANDINGS = AuthorStanding.__table__
_DECIDED = (CommentStatus.PUBLISHED.value, CommentStatus.REJECTED.value)
LINK_PLACEHOLDER = PLACEHOLDERS["url"]  # what the shared normaliser puts for a link


def _counts(conn: Connection | Session, site: str, author_hash: str, comment_id: str) -> dict[str, int]:
    query = (
        select(_COMMENTS.c.status, func.count())
        .where(
            _COMMENTS.c.site == site,
            _COMMENTS.c.author_email_hash == author_hash,
            _COMMENTS.c.id != comment_id,
        )
        .group_by(_COMMENTS.c.status)
    )
    return {status: int(n) for status, n in conn.execute(query)}


def _recent_rejection_rate(
    conn: Connection | Session, site: str, author_hash: str, comment_id: str, window: int
) -> float | None:
    query = (
        select(_COMMENTS.c.status)
        .where(
            _COMMENTS.c.site == site,
            _COMMENTS.c.author_email_hash == author_hash,
            _COMMENTS.c.id != comment_id,
            _COMMENTS.c.status.in_(_DECIDED),
        )
        .order_by(_COMMENTS.c.created_at.desc())
        .limit(window)
    )
    statuses = list(conn.execute(query).scalars())
    if len(statuses) < MIN_DECIDED_FOR_RATE:
        return None
    return statuses.count(CommentStatus.REJECTED.value) / len(statuses)


def author_facts(
    conn: Connection | Session,
    *,
    policy: SitePolicy,
    site: str,
    author_hash: str,
    comment_id: str,
    normalized_body: str,
) -> AuthorFacts:
    standing = conn.execute(
        select(_STANDINGS.c.banned, _STANDINGS.c.suspended_until, _STANDINGS.c.trusted).where(
            _STANDINGS.c.site == site, _STANDINGS.c.author_hash == author_hash
        )
    ).one_or_none()
    banned, until, trusted = standing if standing is not None else (False, None, False)
    prior = 0
    if policy.new_author_holds or policy.trust_after_published:
        counts = _counts(conn, site, author_hash, comment_id)
        prior = sum(counts.values())
        earned = counts.get(CommentStatus.PUBLISHED.value, 0) >= (policy.trust_after_published or 10**9)
        trusted = bool(trusted) or (earned and not counts.get(CommentStatus.REJECTED.value))
    rate = None
    if policy.premoderate_rejection_rate is not None:
        rate = _recent_rejection_rate(conn, site, author_hash, comment_id, policy.rejection_window)
    return AuthorFacts(
        prior_comments=prior,
        has_link=LINK_PLACEHOLDER in normalized_body,
        banned=bool(banned),
        suspended=until is not None and until > utcnow(),
        trusted=bool(trusted),
        recent_rejection_rate=rate,
    )
