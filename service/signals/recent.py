"""What Redis remembers of recent comments, in one round trip per submission: posting-rate counters per
author and per reader address, and the LSH bands of recent texts (near-duplicates of any author).

Keys live under ``signals_key_prefix`` (one per deployment sharing a Redis) and expire on their own:
counters after their window, band sets and signatures after ``near_duplicate_window_seconds``. Counted
values are keyed digests, never an address or an author hash in clear. Redis out of reach is not an error:
the signals are left out, and Redis is not tried again for ``publish_pause_seconds``.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import threading
import time
from dataclasses import dataclass
from functools import lru_cache

import redis

from service.config import Settings
from service.signals.near_duplicates import Fingerprint

log = logging.getLogger(__name__)
CANDIDATES_PER_BAND = 3
MAX_CANDIDATES = 12


@dataclass(frozen=True)
class Recent:
    """What Redis said: rate counts (None when not counted) and the most similar recent comment."""

    author_count: int | None = None
    ip_count: int | None = None
    duplicate_of: str | None = None
    duplicate_age_s: int | None = None


class _Pause:
    def __init__(self) -> None:
        self.until = 0.0
        self.lock = threading.Lock()


_pause = _Pause()


@lru_cache(maxsize=8)
def _client(url: str, timeout: float) -> redis.Redis:
    return redis.Redis.from_url(url, socket_timeout=timeout, socket_connect_timeout=timeout)


def _digest(kind: str, value: str, secret: str) -> str:
    return hmac.new(secret.encode(), f"{kind}\x1f{value}".encode(), hashlib.sha256).hexdigest()[:32]


def look_back(
    *,
    comment_id: str,
    author: str | None,
    ip: str | None,
    fingerprint: Fingerprint | None,
    settings: Settings,
) -> Recent:
    """Count this comment for its author and address, file its fingerprint, and return what came before."""
    if (author is None and ip is None and fingerprint is None) or time.monotonic() < _pause.until:
        return Recent()
    client = _client(settings.signals_redis_url or settings.redis_url, settings.broker_timeout_seconds)
    prefix, secret = settings.signals_key_prefix, settings.email_hash_secret.get_secret_value()
    now = time.time()
    window = settings.near_duplicate_window_seconds
    pipe = client.pipeline(transaction=False)
    bucket = int(now // settings.signal_rate_window_seconds)
    counted = [(kind, v) for kind, v in (("author", author), ("ip", ip)) if v is not None]
    for kind, value in counted:
        key = f"{prefix}:rate:{kind}:{_digest(kind, value, secret)}:{bucket}"
        pipe.incr(key)
        pipe.expire(key, settings.signal_rate_window_seconds)
    if fingerprint is not None:
        for band in fingerprint.bands:
            key = f"{prefix}:nd:{band}"
            pipe.zrevrangebyscore(
                key, "+inf", now - window, start=0, num=CANDIDATES_PER_BAND, withscores=True
            )
            pipe.zadd(key, {comment_id: now})
            pipe.zremrangebyscore(key, "-inf", now - window)
            pipe.expire(key, window)
        pipe.set(f"{prefix}:nd:sig:{comment_id}", fingerprint.signature.tobytes(), ex=window)
    try:
        replies = pipe.execute()
        counts = {kind: int(replies[2 * i]) for i, (kind, _) in enumerate(counted)}
        found = _most_similar(client, prefix, fingerprint, replies[2 * len(counted) :], now, settings)
    except redis.RedisError:
        with _pause.lock:
            _pause.until = time.monotonic() + settings.publish_pause_seconds
        log.warning("spam signals not taken: Redis out of reach")
        return Recent()
    return Recent(counts.get("author"), counts.get("ip"), *found)


def _most_similar(
    client: redis.Redis,
    prefix: str,
    fingerprint: Fingerprint | None,
    replies: list[object],
    now: float,
    settings: Settings,
) -> tuple[str | None, int | None]:
    """The most recent earlier comment whose signature is similar enough, and its age in seconds."""
    if fingerprint is None:
        return None, None
    seen: dict[str, float] = {}
    for reply in replies[0 : 4 * len(fingerprint.bands) : 4]:
        for member, score in reply:  # type: ignore[attr-defined]
            seen[member.decode()] = max(score, seen.get(member.decode(), 0.0))
    if not seen:
        return None, None
    candidates = sorted(seen, key=seen.__getitem__, reverse=True)[:MAX_CANDIDATES]
    signatures = client.mget([f"{prefix}:nd:sig:{c}" for c in candidates])
    for candidate, signature in zip(candidates, signatures, strict=True):
        if signature and fingerprint.similarity(signature) >= settings.near_duplicate_similarity:
            return candidate, max(0, int(now - seen[candidate]))
    return None, None
