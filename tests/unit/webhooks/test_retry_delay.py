"""The backoff of failed deliveries: doubling from the base, capped, retried for the whole period."""

from __future__ import annotations

from service.config import Settings
from service.webhooks.delivery import retry_delay


def test_delay_doubles_from_the_base_and_is_capped() -> None:
    settings = Settings(webhook_retry_base_seconds=30, webhook_retry_max_seconds=3600)
    delays = [retry_delay(n, settings) for n in range(1, 12)]
    for n, delay in enumerate(delays[:7], start=1):
        assert 0.9 * 30 * 2 ** (n - 1) <= delay <= 1.1 * 30 * 2 ** (n - 1)
    assert all(0.9 * 3600 <= d <= 1.1 * 3600 for d in delays[8:])


def test_the_default_schedule_keeps_trying_for_a_day() -> None:
    settings = Settings()
    elapsed, attempts = 0.0, 1
    while elapsed + retry_delay(attempts, settings) <= settings.webhook_retry_for_seconds:
        elapsed += retry_delay(attempts, settings)
        attempts += 1
    assert settings.webhook_retry_for_seconds == 86400
    assert 25 <= attempts <= 35  # about one try an hour once the backoff is capped
