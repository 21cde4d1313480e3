"""Which address a request comes from: X-Forwarded-For believed only from configured proxies."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from service.client_address import forwarded_client
from service.config import Settings


def settings(*proxies: str) -> Settings:
    return Settings(trusted_proxies=list(proxies))


@pytest.mark.parametrize(
    ("peer", "header", "proxies", "expected"),
    [
        ("127.0.0.1", "203.0.113.9", (), "127.0.0.1"),  # loopback is no proxy by default
        ("198.51.100.1", "203.0.113.9", ("10.0.0.0/8",), "198.51.100.1"),  # peer is not a proxy
        ("10.0.0.2", "203.0.113.9", ("10.0.0.0/8",), "203.0.113.9"),
        ("10.0.0.2", "6.6.6.6, 203.0.113.9, 10.0.0.3", ("10.0.0.0/8",), "203.0.113.9"),  # spoofed head
        ("10.0.0.2", "10.0.0.4", ("10.0.0.0/8",), "10.0.0.2"),  # only proxies: the nearest one
        ("10.0.0.2", "not-an-address", ("10.0.0.0/8",), "10.0.0.2"),
        ("10.0.0.2", None, ("10.0.0.0/8",), "10.0.0.2"),
        ("::1", "[2001:db8::5]", ("::1",), "2001:db8::5"),
        (None, "203.0.113.9", ("10.0.0.0/8",), None),
    ],
)
def test_forwarded_client(
    peer: str | None, header: str | None, proxies: tuple[str, ...], expected: str | None
) -> None:
    assert forwarded_client(peer, header, settings(*proxies)) == expected


def test_bad_settings_fail_at_start() -> None:
    with pytest.raises(ValidationError):
        Settings(trusted_proxies=["not a network"])
    with pytest.raises(ValidationError):
        Settings(comment_rate_per_ip="lots")
    with pytest.raises(ValidationError):
        Settings(site_report_rates={"a.example": "often"})
