"""Signatures of a webhook body: HMAC-SHA256 over ``"<timestamp>.<body>"``, hex, sent as ``v1=<hex>``.

The timestamp is signed with the body so a receiver can refuse a replayed old request; while a secret is
being rotated the header carries one ``v1=`` entry per secret in force, and a receiver accepts the request
when any entry matches the secret it knows.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Sequence

SIGNATURE_HEADER = "X-Raqib-Signature"
TIMESTAMP_HEADER = "X-Raqib-Timestamp"
EVENT_HEADER = "X-Raqib-Event"
DELIVERY_HEADER = "X-Raqib-Delivery"
SCHEME = "v1"


def signature(secret: str, timestamp: int, body: bytes) -> str:
    """The hex HMAC-SHA256 of ``timestamp.body`` under ``secret``."""
    signed = str(timestamp).encode() + b"." + body
    return hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()


def signature_header(secrets: Sequence[str], timestamp: int, body: bytes) -> str:
    """``v1=<hex>`` for each secret in force, newest first, comma-separated."""
    return ",".join(f"{SCHEME}={signature(secret, timestamp, body)}" for secret in secrets)


def verify(secret: str, timestamp: str, body: bytes, header: str) -> bool:
    """Whether one of the header's ``v1=`` signatures is ``body``'s under ``secret`` (receivers' side)."""
    if not timestamp.isdigit():
        return False
    expected = signature(secret, int(timestamp), body)
    presented = [
        part.strip()[len(SCHEME) + 1 :] for part in header.split(",") if part.strip().startswith("v1=")
    ]
    return any(hmac.compare_digest(expected, candidate) for candidate in presented)
