"""Which news site is calling: the per-site key that the endpoints sites call (comments, reports) check."""

from __future__ import annotations

import hmac

from service.comments.errors import ApiError, FieldError
from service.config import Settings
from service.inputs import normalize_site

SITE_KEY_HEADER = "X-Raqib-Site-Key"


def check_site_key(site: str, presented: str | None, settings: Settings) -> None:
    """Raise ApiError(401) unless the call may act for ``site``.

    A site with a key in RAQIB_SITE_KEYS must present it; a site without one is open unless
    RAQIB_REQUIRE_SITE_KEYS is set. Without this, anyone could post comments as any site or report a site's
    comments back into its review queue. Names are compared in their normalised spelling
    (:func:`service.inputs.normalize_site`): ``KEYED.example`` is the keyed site, not a new open one.
    """
    expected = settings.site_keys.get(normalize_site(site))
    if expected is None:
        if settings.require_site_keys:
            raise ApiError(401, [FieldError(SITE_KEY_HEADER, "site_not_registered")])
        return
    if not presented:
        raise ApiError(401, [FieldError(SITE_KEY_HEADER, "site_key_missing")])
    if not hmac.compare_digest(presented.encode(), expected.get_secret_value().encode()):
        raise ApiError(401, [FieldError(SITE_KEY_HEADER, "site_key_invalid")])
