"""Access-log privacy: request lines are logged without their query string.

A moderator's search (``/v1/moderation/queue?q=ali%40gmail.com``), an author filter or a site's permalink
parameter would otherwise put an address, or a keyed hash that finds one commenter, in every log line.
"""

from __future__ import annotations

import logging


def path_only(full_path: str) -> str:
    """``full_path`` without its query string (``?…`` marks that one was there)."""
    path, question, _query = full_path.partition("?")
    return path + ("?…" if question else "")


class DropQueryStrings(logging.Filter):
    """For uvicorn's access logger: its records carry (client, method, full path, version, status)."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if isinstance(args, tuple) and len(args) >= 3 and isinstance(args[2], str):
            record.args = (*args[:2], path_only(args[2]), *args[3:])
        return True
