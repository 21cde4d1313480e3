"""Runtime configuration: one Settings object, filled from environment variables.

Nothing here is read at import time: call ``get_settings()`` where a value is needed. Tests clear the
cache with ``get_settings.cache_clear()`` after changing the environment.
"""

from __future__ import annotations

import hashlib
import ipaddress
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from limits import parse_many
from pydantic import AliasChoices, Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict
from sqlalchemy.engine import make_url

from service.inputs import normalize_site

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    """Every tunable of the service. Environment variables are ``RAQIB_<FIELD>`` unless an alias is given."""

    model_config = SettingsConfigDict(env_prefix="RAQIB_", extra="ignore", protected_namespaces=())

    # Storage and broker. SQLite file is the embedded default; PostgreSQL in production.
    database_url: str = Field(
        default=f"sqlite:///{PROJECT_ROOT / 'var' / 'raqib.db'}",
        validation_alias=AliasChoices("DATABASE_URL", "RAQIB_DATABASE_URL"),
    )
    redis_url: str = Field(
        default="redis://127.0.0.1:6379/0",
        validation_alias=AliasChoices("REDIS_URL", "RAQIB_REDIS_URL"),
    )

    # Where `make run` keeps its private Redis and the beat schedule.
    run_dir: Path = PROJECT_ROOT / "var"

    # Model in service: models/<version>/; None means the version named in models/CURRENT.
    models_dir: Path = PROJECT_ROOT / "models"
    model_version: str | None = None

    # Decision thresholds; None means the default the model's manifest ships with.
    spam_hold_threshold: float | None = None
    spam_reject_threshold: float | None = None
    toxicity_hold_threshold: float | None = None
    # The optional heads (hate, vulgar) hold on their own at lower precision than toxicity; a site that would
    # rather not review those can raise their line, or switch it off with a value above 1.
    hate_hold_threshold: float | None = None
    vulgar_hold_threshold: float | None = None

    # Privacy: the key for the author e-mail HMAC. Change it in production; rotating it splits author history.
    email_hash_secret: SecretStr = SecretStr("raqib-dev-secret-change-me")

    # Submission limits.
    body_max_chars: int = 5000
    author_name_max_chars: int = 100
    request_max_bytes: int = 64 * 1024

    # Queue: the beat sweep runs every sweep_interval_seconds; it sends the comments whose publish failed at
    # once, and again those still unscored sweep_after_seconds after they were last sent.
    sweep_after_seconds: int = 60
    sweep_interval_seconds: float = 10.0
    task_max_retries: int = 5

    # The Celery queue (a Redis list) of this deployment: the API and the sweep publish to it, the worker
    # takes from it and the metrics count it. Two deployments on one Redis must not share one, or each
    # takes (and drops as "not found") the other's jobs. The default is derived from the database:
    # "raqib.<database>" (SQLite: "raqib.<file>-<digest of its path>").
    queue_name: str = Field(default="", max_length=200)

    # Pipeline transport. Redis timeouts are short so a broker outage never stalls a submission; after a
    # failed publish the API stops trying for publish_pause_seconds (the sweep sends those comments later).
    broker_timeout_seconds: float = 0.5
    publish_pause_seconds: float = 5.0
    # An unacknowledged job of a dead worker is delivered again after this long (acks_late).
    broker_visibility_timeout_seconds: int = 300
    # A worker that lost Redis tries again at least this often (Celery's own backoff grows to 30 s).
    broker_reconnect_max_seconds: float = 1.0
    worker_prefetch_multiplier: int = 8
    # The worker scores the jobs it holds together, one model pass and one transaction per batch, each job
    # acknowledged after its verdict is committed. A batch goes when it has score_batch_size jobs (at most
    # the prefetch multiplier x concurrency), when its first job has waited score_batch_wait_seconds, or when
    # no job came for score_batch_gap_seconds (light traffic: a comment then waits about that long).
    score_batch_size: int = 32
    score_batch_wait_seconds: float = 0.05
    score_batch_gap_seconds: float = 0.01
    sweep_batch_size: int = 500  # jobs per pipelined publish; one sweep sends batches until none is left
    # ...unless the broker's queue holds this many jobs already (the worker is behind; the next sweep goes on)
    sweep_max_queue_depth: int = 20000
    # TEST ONLY (RAQIB_TEST_SCORE_DELAY_SECONDS): each scoring job sleeps this long first, so integration
    # tests can kill a worker in the middle of a job. Leave at 0.
    test_score_delay_seconds: float = 0.0
    # TEST ONLY: with a number N, only a job's first N tries sleep (a job stuck once, then fine).
    test_score_delay_first_tries: int | None = None
    # A scoring job takes milliseconds; one still running after the soft limit is stopped and retried, one
    # past the hard limit has its process replaced (prefork pool; the solo and threads pools have no limits).
    task_soft_time_limit_seconds: float = 30.0
    task_time_limit_seconds: float = 60.0

    # Sites live in the database (`raqib sites create`); a registered site must send its key
    # (X-Raqib-Site-Key) to submit, report and read its comments. With require_site_keys, a site that is not
    # registered is refused; without it, such a site stays open (the embedded default). After
    # `raqib sites rotate-key` the old key keeps working site_key_grace_seconds more.
    require_site_keys: bool = False
    site_key_grace_seconds: int = Field(default=86400, ge=0)
    # The old RAQIB_SITE_KEYS ({"site": "key"}), read only by `raqib sites import-env`, which stores the keys
    # hashed in the registry; the service itself no longer reads keys from the environment.
    legacy_site_keys: dict[str, SecretStr] = Field(
        default={}, validation_alias=AliasChoices("RAQIB_SITE_KEYS", "RAQIB_LEGACY_SITE_KEYS")
    )

    # Abuse: rate limits in Redis (the `limits` library, moving windows), counted per site, per author (the
    # e-mail hash), per connecting address and, on keyed sites, per reader address (author_ip): a keyed site
    # is trusted to tell its reader's address, an open one is not. Each value is one or more limits, e.g.
    # "30/minute;300/day". Redis out of reach is not an error: nothing is counted until it is back.
    rate_limits_enabled: bool = True
    rate_limit_redis_url: str | None = None  # None: REDIS_URL; give each deployment its own key prefix
    rate_limit_key_prefix: str = "raqib:ratelimit"
    comment_rate_per_site: str = "3000/minute"
    comment_rate_per_author: str = "20/minute;300/day"
    # The address that connects: for a site that forwards its comment form, that is the site's own server.
    comment_rate_per_ip: str = "600/minute"
    comment_rate_per_reader_ip: str = "30/minute;500/day"
    report_rate_per_site: str = "600/minute"
    report_rate_per_reporter: str = "10/minute;100/day"
    report_rate_per_ip: str = "300/minute"
    # Per-site overrides of comment_rate_per_site and report_rate_per_site: {"alghad.example": "9000/minute"}.
    site_comment_rates: dict[str, str] = {}
    site_report_rates: dict[str, str] = {}
    # Reports counted on one comment at most: past this, a report is answered but neither stored nor counted.
    report_max_per_comment: int = Field(default=50, ge=1)

    # Spam signals beyond the text (service.signals): what each one does when it fires, "hold", "reject" or
    # "off", over the defaults of service.signals.actions.DEFAULT_ACTIONS, e.g.
    # RAQIB_SIGNAL_ACTIONS='{"near_duplicate": "reject"}'. A signal that is off is not even computed.
    signal_actions: dict[str, str] = {}
    signals_redis_url: str | None = None  # None: REDIS_URL; give each deployment its own key prefix
    signals_key_prefix: str = "raqib:signals"
    # A form sent back sooner than this after the site rendered it (form_rendered_at) was filled by a bot.
    signal_min_submit_seconds: float = Field(default=3.0, ge=0)
    signal_max_links: int = Field(default=3, ge=1)  # this many links or more: many_links
    signal_max_contacts: int = Field(default=2, ge=1)  # phone numbers + e-mail addresses: many_contacts
    # Where a phone number written without its country code may be from (phonenumbers region codes).
    phone_regions: list[str] = ["MA", "DZ", "TN", "LY", "EG", "SD", "SA", "AE", "KW", "QA", "BH", "OM",
                                "YE", "JO", "LB", "SY", "IQ", "PS", "MR", "FR"]  # fmt: skip
    # Near-duplicates of any recent comment of any author: MinHash of the normalised text, kept this long.
    near_duplicate_window_seconds: int = Field(default=6 * 3600, ge=60)
    near_duplicate_similarity: float = Field(default=0.5, gt=0, lt=1)
    # Ordinary short replies ("شكرا", "الله يرحمه") are written by many readers: only texts with this many
    # words count, or this many when they carry a link, an e-mail or a phone number (as ads do).
    near_duplicate_min_words: int = Field(default=8, ge=1)
    near_duplicate_min_words_with_contact: int = Field(default=4, ge=1)
    # Posting rate as a signal (it holds; the 429 limits above refuse): more comments than this from one
    # author, or one reader address, within signal_rate_window_seconds.
    signal_rate_window_seconds: int = Field(default=300, ge=1)
    signal_rate_per_author: int = Field(default=5, ge=1)
    signal_rate_per_ip: int = Field(default=10, ge=1)
    # Term lists are read at decision time; a worker keeps a site's lists this long.
    term_lists_cache_seconds: float = Field(default=2.0, ge=0)

    # Reverse proxies (addresses or networks) whose X-Forwarded-For is believed; none by default, loopback
    # included. Rate limits and login delays count the address this yields.
    trusted_proxies: list[str] = []

    # Webhooks (service.webhooks): each attempt waits webhook_timeout_seconds at most; a failed one is tried
    # again after webhook_retry_base_seconds, doubling up to webhook_retry_max_seconds, for
    # webhook_retry_for_seconds after the event. After a secret rotation the old secret also signs for
    # webhook_secret_grace_seconds. Workers see a newly set webhook within webhook_sites_cache_seconds.
    webhook_timeout_seconds: float = Field(default=5.0, gt=0)
    webhook_retry_base_seconds: float = Field(default=30.0, gt=0)
    webhook_retry_max_seconds: float = Field(default=3600.0, gt=0)
    webhook_retry_for_seconds: float = Field(default=86400.0, ge=0)
    webhook_secret_grace_seconds: float = Field(default=86400.0, ge=0)
    webhook_sweep_interval_seconds: float = Field(default=5.0, gt=0)
    webhook_sites_cache_seconds: float = Field(default=5.0, ge=0)
    # Akismet-compatible comment-check (service.akismet_api) waits this long for the worker's verdict.
    akismet_verdict_wait_seconds: float = Field(default=2.0, ge=0)

    # Moderation.
    secure_cookies: bool = False
    # Logins: after login_max_failures wrong passwords on an account (login_ip_max_failures from one address:
    # offices share one), each further try must wait login_delay_seconds, doubled per failure, up to the
    # caps. Tries made while waiting are refused and not counted; no account is ever locked for long, and
    # failures are forgotten after login_forget_seconds without one. Unknown accounts are not recorded.
    login_max_failures: int = 5
    login_ip_max_failures: int = 20
    login_delay_seconds: float = Field(default=1.0, gt=0)
    login_max_delay_seconds: float = 60.0
    login_ip_max_delay_seconds: float = 300.0
    login_forget_seconds: int = 900
    # Reader reports never take a published comment down by themselves: it stays published, in the reported
    # queue, until a moderator acts. A site may opt in to hiding (back to held) once this many DISTINCT
    # keyed reporters (the site's reader ids, sent as `reporter`) have reported it, e.g. {"example.com": 5};
    # reports without a reporter never count towards it, so made-up or missing ids cannot take it down.
    report_hide_thresholds: dict[str, int] = {}
    flag_threshold: float = 0.5  # a published comment scoring this on spam or toxicity is listed as "flagged"
    flag_window_days: int = 7  # only published comments this recent can be "flagged" (0: no limit)

    # Privacy: comments' IP addresses and user agents are dropped after this many days (the beat checks every
    # retention_interval_seconds).
    client_details_retention_days: int = Field(default=30, ge=0)
    retention_interval_seconds: float = 3600.0

    log_level: str = "INFO"
    log_format: str = "json"  # one JSON object per line with the request id; "text" for the plain format

    # Prometheus: with a directory, every process (API, worker children) writes its counters there and the
    # API's /metrics adds them up; the API and the worker must share it. /metrics needs this bearer token
    # when one is set.
    metrics_dir: Path | None = Field(
        default=None, validation_alias=AliasChoices("PROMETHEUS_MULTIPROC_DIR", "RAQIB_METRICS_DIR")
    )
    metrics_token: SecretStr | None = None

    @field_validator(
        "legacy_site_keys", "report_hide_thresholds", "site_comment_rates", "site_report_rates", mode="after"
    )
    @classmethod
    def _site_names_normalised(cls, value: dict[str, Any]) -> dict[str, Any]:
        # Sites are compared in one spelling (case, NFKC, invisible characters): see normalize_site.
        return {normalize_site(site): item for site, item in value.items()}

    @field_validator(
        "comment_rate_per_site",
        "comment_rate_per_author",
        "comment_rate_per_ip",
        "comment_rate_per_reader_ip",
        "report_rate_per_site",
        "report_rate_per_reporter",
        "report_rate_per_ip",
        mode="after",
    )
    @classmethod
    def _rate_parses(cls, value: str) -> str:
        # A typo in a limit fails at start-up, not on the first comment.
        parse_many(value)
        return value

    @field_validator("signal_actions", mode="after")
    @classmethod
    def _signal_actions_known(cls, value: dict[str, str]) -> dict[str, str]:
        from service.signals.actions import check_actions

        return check_actions(value)

    @field_validator("trusted_proxies", mode="after")
    @classmethod
    def _proxies_parse(cls, value: list[str]) -> list[str]:
        for proxy in value:
            ipaddress.ip_network(proxy, strict=False)
        return value

    @field_validator("site_comment_rates", "site_report_rates", mode="after")
    @classmethod
    def _site_rates_parse(cls, value: dict[str, str]) -> dict[str, str]:
        for rate in value.values():
            parse_many(rate)
        return value

    @model_validator(mode="after")
    def _queue_of_this_deployment(self) -> Settings:
        if not self.queue_name:
            self.queue_name = default_queue_name(self.database_url)
        return self


def default_queue_name(database_url: str) -> str:
    """``raqib.<database name>``; for SQLite the file's name and a digest of its absolute path, since two
    checkouts each have a ``var/raqib.db``. Only characters safe in a Redis key and a log line are kept."""
    url = make_url(database_url)
    database = url.database or "default"
    if url.get_backend_name() == "sqlite":
        path = Path(database)
        digest = hashlib.sha256(str(path.resolve()).encode()).hexdigest()[:8]
        database = f"{path.stem or 'memory'}-{digest}"
    return "raqib." + re.sub(r"[^A-Za-z0-9_.-]", "_", database)[:150]


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process's settings, read from the environment on first use."""
    return Settings()
