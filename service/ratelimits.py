"""Rate limits in Redis (the `limits` library): per site, per author, per reporter and per client address.

Each scope has its own moving-window counters under the settings' key prefix. A caller over any of its
limits gets ``ApiError(429)`` with the seconds until a slot frees up (``Retry-After``). Redis out of reach
is not an error: nothing is counted, and the limiter is not tried again for ``publish_pause_seconds``.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import math
import threading
import time
from dataclasses import dataclass
from functools import lru_cache

from limits import RateLimitItem, parse_many
from limits.errors import StorageError
from limits.storage import RedisStorage
from limits.strategies import MovingWindowRateLimiter

from service.comments.errors import ApiError, FieldError
from service.config import Settings

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Scope:
    """One counted thing: ``name`` ("site", "author", "ip", "reporter"), its value and its limits."""

    name: str
    value: str
    rates: str


class _Pause:
    """After a Redis failure, limits are not checked until ``until`` (a monotonic time)."""

    def __init__(self) -> None:
        self.until = 0.0
        self.lock = threading.Lock()


_pause = _Pause()


@lru_cache(maxsize=8)
def _limiter(url: str, prefix: str, timeout: float) -> MovingWindowRateLimiter:
    storage = RedisStorage(
        url, key_prefix=prefix, wrap_exceptions=True, socket_timeout=timeout, socket_connect_timeout=timeout
    )
    return MovingWindowRateLimiter(storage)


@lru_cache(maxsize=64)
def _items(rates: str) -> tuple[RateLimitItem, ...]:
    return tuple(parse_many(rates))


def limiter_for(settings: Settings) -> MovingWindowRateLimiter:
    """The limiter on the configured Redis, shared by the process's threads."""
    url = settings.rate_limit_redis_url or settings.redis_url
    return _limiter(url, settings.rate_limit_key_prefix, settings.broker_timeout_seconds)


def _counter_id(scope: Scope, secret: str) -> str:
    """A keyed digest of the counted value: Redis holds no address, author hash or reader id in clear."""
    counted = f"{scope.name}\x1f{scope.value}".encode()
    return hmac.new(secret.encode(), counted, hashlib.sha256).hexdigest()[:32]


def _retry_after(limiter: MovingWindowRateLimiter, item: RateLimitItem, ids: tuple[str, ...]) -> int:
    reset = limiter.get_window_stats(item, *ids).reset_time
    return max(1, math.ceil(reset - time.time()))


def hit(action: str, scopes: list[Scope], settings: Settings) -> None:
    """Count one ``action`` ("comment", "report") in every scope, in order; raise 429 at the first one over.

    Scopes are counted in the order given, so a caller over its own limit (address, author) is stopped
    before it uses up the site's shared budget.
    """
    if not settings.rate_limits_enabled or time.monotonic() < _pause.until:
        return
    limiter = limiter_for(settings)
    secret = settings.email_hash_secret.get_secret_value()
    try:
        for scope in scopes:
            ids = (action, scope.name, _counter_id(scope, secret))
            for item in _items(scope.rates):
                if not limiter.hit(item, *ids):
                    retry = _retry_after(limiter, item, ids)
                    raise ApiError(
                        429,
                        [FieldError(None, "rate_limited", {"scope": scope.name})],
                        headers={"Retry-After": str(retry)},
                    )
    except StorageError:
        with _pause.lock:
            _pause.until = time.monotonic() + settings.publish_pause_seconds
        log.warning("rate limits not checked: Redis out of reach")


def site_rates(site: str, action: str, settings: Settings) -> str:
    """The site's own limit for ``action`` when it has one, else the default."""
    if action == "report":
        return settings.site_report_rates.get(site, settings.report_rate_per_site)
    return settings.site_comment_rates.get(site, settings.comment_rate_per_site)
