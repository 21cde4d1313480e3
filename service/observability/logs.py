"""Structured logs: one JSON object per line (python-json-logger), with the request id of the HTTP request
or scoring job that wrote it, and no clear e-mail address or IP address in any line.

The API takes the request id from ``X-Request-ID`` (or makes one) and sends it with the scoring job as a
message header, so a comment's API line and its worker lines share one id.
"""

from __future__ import annotations

import logging
import re
from contextvars import ContextVar

from pythonjsonlogger.core import RESERVED_ATTRS
from pythonjsonlogger.json import JsonFormatter

from service.text import contains_email, mask_emails

request_id_var: ContextVar[str | None] = ContextVar("raqib_request_id", default=None)
REQUEST_ID_HEADER = "raqib_request_id"  # the Celery message header that carries it to the worker

FIELDS = "%(asctime)s %(levelname)s %(name)s %(process)d %(request_id)s %(message)s"
RENAMED = {"asctime": "time", "levelname": "level", "name": "logger"}

# One cheap pass finds tokens of hex digits with two or more dots or colons (an address, maybe with its port);
# each is then checked.
_CANDIDATE = re.compile(r"(?<![\w.:])[0-9A-Fa-f]{0,5}(?:[.:][0-9A-Fa-f]{0,5}){2,7}(?![\w.:])")
_IPV4 = re.compile(r"(?:\d{1,3}\.){3}\d{1,3}")
# IPv6: eight groups, or a "::" abbreviation (so that times like 21:30:05 stay as they are).
_IPV6 = re.compile(r"(?:[0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4}|[0-9A-Fa-f:]*::[0-9A-Fa-f:]*")
IP_MASK = "[ip]"


def _mask_candidate(match: re.Match[str]) -> str:
    token = match.group(0)
    if _IPV4.fullmatch(token) or _IPV6.fullmatch(token):
        return IP_MASK
    host, _, port = token.rpartition(":")  # an IPv4 address with its port (access logs)
    return f"{IP_MASK}:{port}" if port.isdigit() and _IPV4.fullmatch(host) else token


def mask_ips(text: str) -> str:
    """Every IPv4 and IPv6 address in ``text`` replaced by ``[ip]``."""
    return _CANDIDATE.sub(_mask_candidate, text)


def scrub(line: str) -> str:
    """A log line without clear e-mail or IP addresses."""
    line = mask_emails(line) if contains_email(line) else line
    return mask_ips(line)


class RequestIdFilter(logging.Filter):
    """Puts the current request id (or None) on every record."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            record.request_id = request_id_var.get()
        return True


class ScrubbingJsonFormatter(JsonFormatter):
    """A JSON line per record, Arabic kept readable, scrubbed of e-mail and IP addresses (traceback too)."""

    def __init__(self) -> None:
        # Celery repeats each message's arguments as an extra "data" field: left out (twice the line).
        super().__init__(
            FIELDS, rename_fields=RENAMED, json_ensure_ascii=False, reserved_attrs=[*RESERVED_ATTRS, "data"]
        )

    def format(self, record: logging.LogRecord) -> str:
        return scrub(super().format(record))


class ScrubbingTextFormatter(logging.Formatter):
    """The plain format (RAQIB_LOG_FORMAT=text), scrubbed the same way."""

    def format(self, record: logging.LogRecord) -> str:
        return scrub(super().format(record))
