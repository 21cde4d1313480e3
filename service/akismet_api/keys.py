"""Which site an Akismet ``api_key`` belongs to: the site's own Raqib key.

Today the keys are RAQIB_SITE_KEYS; once sites live in the database, this is the one function to swap for
the site registry's ``site_for_key``.
"""

from __future__ import annotations

import hmac

from sqlalchemy.orm import Session

from service.config import get_settings


def site_for_key(presented: str, *, db_session: Session) -> str | None:
    """The normalised name of the site whose key is ``presented``, or None (compared in constant time)."""
    del db_session  # the keys are in the settings until the site registry holds them
    found = None
    for site, key in get_settings().site_keys.items():
        if hmac.compare_digest(presented.encode(), key.get_secret_value().encode()):
            found = site  # no early exit: the time taken does not depend on which key matched
    return found
