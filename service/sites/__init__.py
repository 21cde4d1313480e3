"""News sites: the registry of sites and their keys (tables, CLI, the check every site-facing door calls).

Other code calls :func:`check_site_key` to authorise a site and :func:`site_for_key` to name the site of a
key; both live in :mod:`service.sites.keys`.
"""

from service.sites.keys import SITE_KEY_HEADER, check_site_key, site_for_key

__all__ = ["SITE_KEY_HEADER", "check_site_key", "site_for_key"]
