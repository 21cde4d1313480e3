"""Logging for the API and the worker: one plain format to stderr, and no clear e-mail in any line.

Nothing logs request bodies; as a second line of defence every formatted record (traceback included) goes
through the e-mail masker before it is written.
"""

from __future__ import annotations

import logging
import sys

from service.access_log import DropQueryStrings
from service.text import contains_email, mask_emails

FORMAT = "%(asctime)s %(levelname)s %(process)d %(name)s: %(message)s"


class EmailMaskingFormatter(logging.Formatter):
    """A formatter whose output never contains a clear e-mail address."""

    def format(self, record: logging.LogRecord) -> str:
        line = super().format(record)
        return mask_emails(line) if contains_email(line) else line


def configure_logging(level: str = "INFO", log_format: str | None = None) -> None:
    """Route every logger (uvicorn's and celery's too) to one masked stderr handler: JSON lines with the
    request id (service.observability.logs), or plain text with RAQIB_LOG_FORMAT=text."""
    from service.config import get_settings
    from service.observability.logs import RequestIdFilter, ScrubbingJsonFormatter, ScrubbingTextFormatter

    handler = logging.StreamHandler(sys.stderr)
    chosen = log_format or get_settings().log_format
    handler.setFormatter(ScrubbingTextFormatter(FORMAT) if chosen == "text" else ScrubbingJsonFormatter())
    handler.addFilter(RequestIdFilter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access", "celery", "celery.app.trace"):
        named = logging.getLogger(name)
        named.handlers.clear()
        named.propagate = True
    access = logging.getLogger("uvicorn.access")
    if not any(isinstance(f, DropQueryStrings) for f in access.filters):
        access.addFilter(DropQueryStrings())
