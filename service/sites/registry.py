"""The site registry: register a site (its key shown once), list, rotate a key with a grace period, revoke,
and bring over the keys of the old RAQIB_SITE_KEYS variable. Every change is in the admin audit log.

Used by ``raqib sites`` (:mod:`service.sites.cli`) and the admin page (:mod:`service.moderation.ui_sites`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from service.inputs import normalize_site, text_problem
from service.moderation.admin_audit import Actor, record_change
from service.sites.keys import key_digest, new_site_key, shown_prefix
from service.sites.models import Site, SiteKey

NAME_MAX_CHARS = 200
TITLE_MAX_CHARS = 200
# An imported key shorter than this is accepted, but the import says it should be rotated.
WEAK_KEY_CHARS = 24


class SiteError(ValueError):
    """A registry request that cannot be honoured; ``code`` names why (the admin page translates it)."""

    def __init__(self, code: str, site: str) -> None:
        super().__init__(f"{code.replace('_', ' ')}: {site}")
        self.code = code
        self.site = site


@dataclass(frozen=True)
class KeyView:
    prefix: str
    created_at: datetime
    expires_at: datetime | None
    live: bool


@dataclass(frozen=True)
class SiteView:
    name: str
    title: str | None
    created_at: datetime
    revoked_at: datetime | None
    keys: list[KeyView]


def clean_name(raw: str) -> str:
    """The stored spelling of a site name, or SiteError(``invalid_site_name``)."""
    if text_problem(raw):
        raise SiteError("invalid_site_name", raw[:50])
    name = normalize_site(raw)
    if not name or len(name) > NAME_MAX_CHARS or any(c.isspace() for c in name):
        raise SiteError("invalid_site_name", name[:50])
    return name


def _clean_title(raw: str | None) -> str | None:
    title = (raw or "").strip()
    if text_problem(title) or len(title) > TITLE_MAX_CHARS:
        raise SiteError("invalid_title", title[:50])
    return title or None


def _find(db_session: Session, name: str) -> Site:
    site = db_session.scalar(select(Site).where(Site.name == clean_name(name)))
    if site is None:
        raise SiteError("site_not_found", normalize_site(name))
    return site


def _add_key(db_session: Session, site: Site, plain: str, now: datetime) -> SiteKey:
    row = SiteKey(site_id=site.id, key_hash=key_digest(plain), prefix=shown_prefix(plain), created_at=now)
    db_session.add(row)
    db_session.flush()
    return row


def _live_keys(db_session: Session, site: Site, now: datetime) -> list[SiteKey]:
    rows = db_session.scalars(select(SiteKey).where(SiteKey.site_id == site.id).order_by(SiteKey.id))
    return [k for k in rows if _is_live(k, now)]


def _is_live(key: SiteKey, now: datetime) -> bool:
    return key.revoked_at is None and (key.expires_at is None or key.expires_at > now)


def create_site(
    db_session: Session, actor: Actor, name: str, *, title: str | None = None
) -> tuple[Site, str]:
    """Register a site and make its first key; the plain key is returned once and never stored."""
    clean, clean_title = clean_name(name), _clean_title(title)
    if db_session.scalar(select(Site.id).where(Site.name == clean)) is not None:
        raise SiteError("site_exists", clean)
    now = datetime.now(UTC)
    site = Site(name=clean, title=clean_title, created_at=now)
    db_session.add(site)
    db_session.flush()
    plain = new_site_key()
    key = _add_key(db_session, site, plain, now)
    record_change(
        db_session, actor, "site_create", site=clean, after={"title": clean_title, "key": key.prefix}
    )
    return site, plain


def rotate_key(db_session: Session, actor: Actor, name: str, *, grace_seconds: int) -> str:
    """A new key for the site; its live keys keep working ``grace_seconds`` more (0: stop now)."""
    if grace_seconds < 0:
        raise SiteError("invalid_grace", str(grace_seconds))
    site = _find(db_session, name)
    if site.revoked_at is not None:
        raise SiteError("site_revoked", site.name)
    now = datetime.now(UTC)
    until = now + timedelta(seconds=grace_seconds)
    old = _live_keys(db_session, site, now)
    for key in old:
        key.expires_at = until if key.expires_at is None else min(key.expires_at, until)
    plain = new_site_key()
    new = _add_key(db_session, site, plain, now)
    record_change(
        db_session,
        actor,
        "site_rotate_key",
        site=site.name,
        before={"keys": [k.prefix for k in old]},
        after={"keys": [new.prefix], "old_keys_until": until.isoformat(), "grace_seconds": grace_seconds},
    )
    return plain


def revoke_site(db_session: Session, actor: Actor, name: str) -> None:
    """Refuse the site from now on, whatever key it sends, even when unregistered sites are open."""
    site = _find(db_session, name)
    if site.revoked_at is not None:
        return
    now = datetime.now(UTC)
    keys = _live_keys(db_session, site, now)
    for key in keys:
        key.revoked_at = now
    site.revoked_at = now
    record_change(
        db_session,
        actor,
        "site_revoke",
        site=site.name,
        before={"revoked_at": None, "keys": [k.prefix for k in keys]},
        after={"revoked_at": now.isoformat(), "keys": []},
    )


def list_sites(db_session: Session) -> list[SiteView]:
    """Every registered site with its keys (prefixes only), by name."""
    now = datetime.now(UTC)
    keys: dict[int, list[KeyView]] = {}
    for key in db_session.scalars(select(SiteKey).order_by(SiteKey.id)):
        view = KeyView(key.prefix, key.created_at, key.expires_at, _is_live(key, now))
        keys.setdefault(key.site_id, []).append(view)
    return [
        SiteView(s.name, s.title, s.created_at, s.revoked_at, keys.get(s.id, []))
        for s in db_session.scalars(select(Site).order_by(Site.name))
    ]


def import_keys(db_session: Session, actor: Actor, keys: dict[str, str]) -> list[tuple[str, str]]:
    """Register the sites of ``{site: key}`` (the old RAQIB_SITE_KEYS) with those keys, hashed.

    Returns (site, outcome) per site: ``imported``, ``key_added`` (the site existed), ``present`` (that key is
    already stored; running the import twice changes nothing) or ``weak`` appended when the key is short.
    """
    outcomes = []
    now = datetime.now(UTC)
    for raw, plain in sorted(keys.items()):
        name = clean_name(raw)
        if not plain:
            raise SiteError("empty_key", name)
        if db_session.scalar(select(SiteKey.id).where(SiteKey.key_hash == key_digest(plain))) is not None:
            outcomes.append((name, "present"))
            continue
        site = db_session.scalar(select(Site).where(Site.name == name))
        outcome = "key_added" if site else "imported"
        if site is None:
            site = Site(name=name, created_at=now)
            db_session.add(site)
            db_session.flush()
        key = _add_key(db_session, site, plain, now)
        record_change(db_session, actor, "site_import_key", site=name, after={"key": key.prefix})
        outcomes.append((name, outcome + (", weak" if len(plain) < WEAK_KEY_CHARS else "")))
    return outcomes
