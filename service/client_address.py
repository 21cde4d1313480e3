"""Who is connecting: the peer's address, or the forwarded one when the peer is a configured proxy.

``X-Forwarded-For`` is believed only from the addresses in ``RAQIB_TRUSTED_PROXIES`` (none by default, not
even loopback: anyone on the host could otherwise claim any address). The list is read right to left and the
first address that is not a trusted proxy is the client's.
"""

from __future__ import annotations

import ipaddress
from functools import lru_cache

from starlette.requests import Request

from service.config import Settings

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@lru_cache(maxsize=8)
def _networks(proxies: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(p, strict=False) for p in proxies)


def _trusted(address: str, networks: tuple[Network, ...]) -> bool:
    try:
        ip = ipaddress.ip_address(address.strip().strip("[]"))
    except ValueError:
        return False
    return any(ip in net for net in networks)


def forwarded_client(peer: str | None, forwarded_for: str | None, settings: Settings) -> str | None:
    """The client's address given the peer's and the X-Forwarded-For header (pure, for tests)."""
    networks = _networks(tuple(settings.trusted_proxies))
    if peer is None or not forwarded_for or not _trusted(peer, networks):
        return peer
    hops = [h.strip() for h in forwarded_for.split(",") if h.strip()]
    for hop in reversed(hops):
        if not _trusted(hop, networks):
            try:
                return str(ipaddress.ip_address(hop.strip("[]")))
            except ValueError:
                return peer  # a garbled header from a trusted proxy: count the proxy itself
    return peer


def client_address(request: Request, settings: Settings) -> str | None:
    """The address of the client behind this request (see the module docstring)."""
    peer = request.client.host if request.client else None
    return forwarded_client(peer, request.headers.get("x-forwarded-for"), settings)
