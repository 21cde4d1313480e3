"""Akismet-compatible endpoints (``/1.1/…``): sites that speak Akismet's protocol get Raqib's moderation."""
