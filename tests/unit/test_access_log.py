"""Access-log lines never carry a query string (a moderator's search for an address, an author filter)."""

from __future__ import annotations

import io
import logging

from service.access_log import DropQueryStrings, path_only
from service.logging_config import FORMAT, EmailMaskingFormatter


def test_path_only() -> None:
    assert path_only("/v1/moderation/queue?q=ali%40gmail.com") == "/v1/moderation/queue?…"
    assert path_only("/healthz") == "/healthz"


def test_uvicorn_access_record_loses_its_query() -> None:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(EmailMaskingFormatter(FORMAT))
    logger = logging.getLogger("test.access")
    logger.handlers[:] = [handler]
    logger.addFilter(DropQueryStrings())
    logger.propagate = False
    logger.warning(
        '%s - "%s %s HTTP/%s" %d', "127.0.0.1:5", "GET", "/v1/moderation/queue?q=ali%40gmail.com", "1.1", 200
    )
    line = stream.getvalue()
    assert '"GET /v1/moderation/queue?… HTTP/1.1" 200' in line
    assert "ali" not in line and "gmail" not in line
