"""Log lines: one JSON object each, with the request id, and no clear e-mail or IP address."""

from __future__ import annotations

import json
import logging

import pytest

from service.observability.logs import RequestIdFilter, ScrubbingJsonFormatter, mask_ips, request_id_var


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("client 203.0.113.77 said", "client [ip] said"),
        ('127.0.0.1:54321 - "GET / HTTP/1.1" 200', '[ip]:54321 - "GET / HTTP/1.1" 200'),
        ('127.0.0.1:8000 - "GET /healthz HTTP/1.1" 200', '[ip]:8000 - "GET /healthz HTTP/1.1" 200'),
        ("v6 2001:db8::1, [::1]:80, fe80:0:0:0:0:0:0:1", "v6 [ip], [[ip]]:80, [ip]"),
        *[
            (kept, kept)
            for kept in (
                "at 21:43:21,331 model 2026-11-29-3a33e21-s13 v1.2.3",
                "task f53800c6-fb4a-4bf0-a9fc-e01691e44c9a",
            )
        ],
    ],
)
def test_ip_addresses_are_masked_and_nothing_else(line: str, expected: str) -> None:
    assert mask_ips(line) == expected


def _record(message: str, *args: object) -> logging.LogRecord:
    record = logging.LogRecord("service.test", logging.WARNING, __file__, 1, message, args, None)
    RequestIdFilter().filter(record)
    return record


def test_a_line_is_json_with_the_request_id_and_without_addresses() -> None:
    token = request_id_var.set("req-0001")
    try:
        record = _record("رد من %s عبر %s", "souad@example.org", "198.51.100.4")
    finally:
        request_id_var.reset(token)
    line = ScrubbingJsonFormatter().format(record)
    data = json.loads(line)
    assert (data["request_id"], data["level"], data["logger"]) == ("req-0001", "WARNING", "service.test")
    assert data["message"].startswith("رد من ") and "\\u" not in line  # Arabic stays readable
    assert "souad@example.org" not in line and "198.51.100.4" not in line and "[ip]" in line


def test_a_traceback_is_scrubbed_too() -> None:
    try:
        raise ValueError("bad address leila@example.com from 192.0.2.1")
    except ValueError:
        import sys

        record = logging.LogRecord("x", logging.ERROR, __file__, 1, "failed", None, sys.exc_info())
    RequestIdFilter().filter(record)
    line = ScrubbingJsonFormatter().format(record)
    assert "Traceback" in json.loads(line)["exc_info"]
    assert "leila@example.com" not in line and "192.0.2.1" not in line
