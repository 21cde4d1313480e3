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
from redis.commands.core import Script

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


# For each band key: its most recent members within the window, then this comment added, old members
# dropped, the key's expiry renewed; this comment's signature stored; the most recent distinct candidates
# answered with their signatures. One command and one round trip for it all (a pipeline of four commands
# per band cost the API about 1 ms of CPU per comment in redis-py alone).
_BANDS_LUA = """
local member, now, window, per_band, sig_prefix, limit = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3]),
  ARGV[4], ARGV[5], tonumber(ARGV[7])
local since = now - window
local seen = {}
for _, key in ipairs(KEYS) do
  local found = redis.call('ZREVRANGEBYSCORE', key, '+inf', since, 'WITHSCORES', 'LIMIT', 0, per_band)
  for j = 1, #found, 2 do
    local score = tonumber(found[j + 1])
    if not seen[found[j]] or seen[found[j]] < score then seen[found[j]] = score end
  end
  redis.call('ZADD', key, now, member)
  redis.call('ZREMRANGEBYSCORE', key, '-inf', '(' .. since)
  redis.call('EXPIRE', key, window)
end
redis.call('SET', sig_prefix .. member, ARGV[6], 'EX', window)
local ids = {}
for id in pairs(seen) do ids[#ids + 1] = id end
table.sort(ids, function(a, b) return seen[a] > seen[b] end)
local out = {}
for i = 1, math.min(#ids, limit) do
  out[#out + 1] = ids[i]
  out[#out + 1] = tostring(seen[ids[i]])
  out[#out + 1] = redis.call('GET', sig_prefix .. ids[i]) or ''
end
return out
"""


@lru_cache(maxsize=8)
def _client(url: str, timeout: float) -> tuple[redis.Redis, Script]:
    client = redis.Redis.from_url(url, socket_timeout=timeout, socket_connect_timeout=timeout)
    return client, client.register_script(_BANDS_LUA)


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
    client, bands = _client(settings.signals_redis_url or settings.redis_url, settings.broker_timeout_seconds)
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
        keys = [f"{prefix}:nd:{band}" for band in fingerprint.bands]
        sig = fingerprint.signature.tobytes()
        args = [comment_id, now, window, CANDIDATES_PER_BAND, f"{prefix}:nd:sig:", sig, MAX_CANDIDATES]
        bands(keys=keys, args=args, client=pipe)
    try:
        replies = pipe.execute()
        counts = {kind: int(replies[2 * i]) for i, (kind, _) in enumerate(counted)}
        found = _most_similar(fingerprint, replies[2 * len(counted) :], now, settings)
    except redis.RedisError:
        with _pause.lock:
            _pause.until = time.monotonic() + settings.publish_pause_seconds
        log.warning("spam signals not taken: Redis out of reach")
        return Recent()
    return Recent(counts.get("author"), counts.get("ip"), *found)


def _most_similar(
    fingerprint: Fingerprint | None, replies: list[object], now: float, settings: Settings
) -> tuple[str | None, int | None]:
    """The most recent earlier comment whose signature is similar enough, and its age in seconds."""
    if fingerprint is None:
        return None, None
    found: list[bytes] = replies[0]  # type: ignore[assignment]  # id, time, signature, id, time, ...
    for candidate, at, signature in zip(found[0::3], found[1::3], found[2::3], strict=True):
        if signature and fingerprint.similarity(signature) >= settings.near_duplicate_similarity:
            return candidate.decode(), max(0, int(now - float(at)))
    return None, None
