"""Which news site is calling: the one check every door that acts for a site calls (comments, reports,
status reads), and the site a key belongs to.

Keys live hashed in the ``site_keys`` table (:mod:`service.sites.models`); the registry that makes them is
:mod:`service.sites.registry`.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
import time
from datetime import UTC, datetime

from sqlalchemy import and_, bindparam, or_, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from service.comments.errors import ApiError, FieldError
from service.config import Settings
from service.db import get_sessionmaker
from service.inputs import normalize_site
from service.sites.models import Site, SiteKey

SITE_KEY_HEADER = "X-Raqib-Site-Key"
KEY_PREFIX = "rqs_"
# What a list shows of a key: the marker and 8 random characters, far too few to guess the rest.
SHOWN_CHARS = len(KEY_PREFIX) + 8

_SITES = Site.__table__
_KEYS = SiteKey.__table__


def new_site_key() -> str:
    """A fresh key: 256 random bits, URL-safe."""
    return KEY_PREFIX + secrets.token_urlsafe(32)


def key_digest(plain: str) -> str:
    """What is stored of a key: its SHA-256 (a key is a long random secret, not a password)."""
    return hashlib.sha256(plain.encode()).hexdigest()


def shown_prefix(plain: str) -> str:
    """The part of a key that lists may show; of an imported key (any length), at most an eighth of it."""
    if plain.startswith(KEY_PREFIX) and len(plain) > 2 * SHOWN_CHARS:
        return plain[:SHOWN_CHARS]
    return plain[: min(4, len(plain) // 8)]


# Built once, with bound parameters: this runs on every submission, so no statement is rebuilt per call.
_LIVE = and_(
    _KEYS.c.revoked_at.is_(None),
    or_(_KEYS.c.expires_at.is_(None), _KEYS.c.expires_at > bindparam("now")),
)
_KEYS_OF_SITE = (
    select(_SITES.c.revoked_at, _KEYS.c.key_hash, _LIVE.label("live"))
    .select_from(_SITES.outerjoin(_KEYS, _KEYS.c.site_id == _SITES.c.id))
    .where(_SITES.c.name == bindparam("name"))
)
_SITE_OF_KEY = (
    select(_SITES.c.name, _KEYS.c.key_hash)
    .select_from(_KEYS.join(_SITES, _KEYS.c.site_id == _SITES.c.id))
    .where(_KEYS.c.key_hash == bindparam("digest"), _SITES.c.revoked_at.is_(None), _LIVE)
)


def check_site_key(site: str, presented: str | None, *, db_session: Session, settings: Settings) -> bool:
    """Raise ApiError(401) unless the call may act for ``site``; True when it proved to be that site.

    A registered site must present one of its live keys (the newest, or an older one within its grace
    period); a revoked site is refused whatever it sends; a site that is not registered is open (False)
    unless RAQIB_REQUIRE_SITE_KEYS is set. Without this, anyone could post comments as any site or report a
    site's comments back into its review queue. Names are compared in their normalised spelling
    (:func:`service.inputs.normalize_site`): ``KEYED.example`` is the keyed site, not a new open one.
    """
    params = {"name": normalize_site(site), "now": datetime.now(UTC)}
    rows = db_session.connection().execute(_KEYS_OF_SITE, params).all()
    if not rows:
        # A site still listed in the old RAQIB_SITE_KEYS but not imported stays closed, not open: an upgrade
        # that forgot `raqib sites import-env` must not turn keyed sites into open ones.
        if settings.require_site_keys or normalize_site(site) in settings.legacy_site_keys:
            raise ApiError(401, [FieldError(SITE_KEY_HEADER, "site_not_registered")])
        return False
    if rows[0].revoked_at is not None:
        raise ApiError(401, [FieldError(SITE_KEY_HEADER, "site_revoked")])
    if not presented:
        raise ApiError(401, [FieldError(SITE_KEY_HEADER, "site_key_missing")])
    digest = key_digest(presented).encode()
    matched = False
    for row in rows:  # every live key is compared, in constant time each, whichever matches
        if row.key_hash is not None and row.live:
            matched |= hmac.compare_digest(digest, row.key_hash.encode())
    if not matched:
        raise ApiError(401, [FieldError(SITE_KEY_HEADER, "site_key_invalid")])
    return True


def site_for_key(presented: str | None, *, db_session: Session) -> str | None:
    """The name of the live, unrevoked site whose live key this is; None for anything else."""
    if not presented:
        return None
    digest = key_digest(presented)
    params = {"digest": digest, "now": datetime.now(UTC)}
    row = db_session.connection().execute(_SITE_OF_KEY, params).first()
    if row is None or not hmac.compare_digest(digest.encode(), row.key_hash.encode()):
        return None
    return str(row.name)


_known_lock = threading.Lock()
_known: tuple[float, frozenset[str]] = (0.0, frozenset())
KNOWN_SITES_TTL_SECONDS = 60.0


def known_sites() -> frozenset[str]:
    """Names of the registered, unrevoked sites, re-read at most once a minute (metrics labels)."""
    global _known
    checked, names = _known
    if time.monotonic() - checked < KNOWN_SITES_TTL_SECONDS:
        return names
    try:
        with get_sessionmaker()() as db_session:
            names = frozenset(db_session.scalars(select(_SITES.c.name).where(_SITES.c.revoked_at.is_(None))))
    except SQLAlchemyError:  # a label is not worth failing a job for; try again on the next call
        return names
    with _known_lock:
        _known = (time.monotonic(), names)
    return names
