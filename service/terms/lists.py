"""Editing a site's term lists (every change audited with before and after) and reading them at decision
time (a worker keeps each site's index for ``term_lists_cache_seconds``, so a change applies within that)."""

from __future__ import annotations

import threading
import time
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from service.inputs import normalize_site
from service.moderation.accounts import Principal
from service.moderation.admin_audit import Actor, record_change
from service.moderation.views import iso
from service.terms.matching import TermIndex, build_index, term_keys
from service.terms.models import SiteTerm, TermKind

TERM_MAX_CHARS = 200


class TermError(ValueError):
    """A term list change that cannot be made; ``code`` names why (the doors map it to 4xx)."""

    def __init__(self, code: str, field: str | None = None) -> None:
        super().__init__(code)
        self.code = code
        self.field = field


def term_view(row: SiteTerm) -> dict[str, Any]:
    return {
        "id": row.id,
        "site": row.site,
        "kind": row.kind,
        "term": row.term,
        "created_by": row.created_by,
        "created_at": iso(row.created_at),
    }


def list_terms(db_session: Session, *, site: str) -> list[dict[str, Any]]:
    """A site's terms, banned first, then alphabetically."""
    rows = db_session.scalars(
        select(SiteTerm).where(SiteTerm.site == normalize_site(site)).order_by(SiteTerm.kind, SiteTerm.term)
    )
    return [term_view(r) for r in rows]


def add_term(db_session: Session, *, principal: Principal, site: str, kind: str, term: str) -> SiteTerm:
    """Add a term to a site's banned or suspect list; the caller commits."""
    site, term = normalize_site(site), " ".join(term.split())
    if not site:
        raise TermError("required", "site")
    if kind not in {k.value for k in TermKind}:
        raise TermError("invalid_kind", "kind")
    if len(term) > TERM_MAX_CHARS:
        raise TermError("too_long", "term")
    keys = term_keys(term)
    if not keys or all(len(k) < 2 for k in keys):
        raise TermError("no_word", "term")
    row = SiteTerm(site=site, kind=kind, term=term, match_key=" ".join(keys), created_by=principal.email)
    try:
        with db_session.begin_nested():
            db_session.add(row)
            db_session.flush()
    except IntegrityError:
        raise TermError("duplicate", "term") from None
    record_change(
        db_session,
        Actor(principal.user_id, principal.email),
        "terms.add",
        site=site,
        before=None,
        after=term_view(row),
    )
    return row


def remove_term(db_session: Session, *, principal: Principal, term_id: int) -> dict[str, Any]:
    """Remove a term; the caller commits. TermError("not_found") when there is none with that id."""
    row = db_session.get(SiteTerm, term_id)
    if row is None:
        raise TermError("not_found", "id")
    before = term_view(row)
    db_session.delete(row)
    record_change(
        db_session,
        Actor(principal.user_id, principal.email),
        "terms.remove",
        site=row.site,
        before=before,
        after=None,
    )
    return before


class _Cache:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.entries: dict[str, tuple[float, TermIndex]] = {}


_cache = _Cache()


def site_term_index(site: str, *, db_session: Session, max_age_seconds: float) -> TermIndex:
    """The site's terms as a matching index, read from the database at most every ``max_age_seconds``."""
    now = time.monotonic()
    hit = _cache.entries.get(site)
    if hit is not None and now - hit[0] < max_age_seconds:
        return hit[1]
    rows = db_session.execute(select(SiteTerm.kind, SiteTerm.term).where(SiteTerm.site == site)).all()
    index = build_index((kind, term) for kind, term in rows)
    with _cache.lock:
        _cache.entries[site] = (now, index)
    return index
