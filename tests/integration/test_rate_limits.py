"""Rate limits against a real API process, PostgreSQL and a private Redis: per address, per author, per site,
per reporter, a cap of reports per comment; 429 with Retry-After in the API's error shape; nothing stored
past a limit; a spoofed X-Forwarded-For or author_ip does not dodge a limit; Redis out of reach lets
comments through."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import httpx
import sqlalchemy as sa

from service.processes import RedisServer, Service, free_port, service_env, start_api

from .helpers import comment, register_site, submit

DB = 9
KEYED = "keyed.example"
KEY = "k" * 40


def _api(
    pg_url: str, redis_server: RedisServer, artifacts: Path, services: list[Service], **limits: str
) -> tuple[str, str]:
    """An API with rate limits on, under its own key prefix; returns its base URL and the prefix."""
    prefix = f"it-rl-{uuid.uuid4().hex[:8]}"
    register_site(pg_url, KEYED, KEY)  # imported once: a second import of the same key changes nothing
    env = service_env(
        pg_url,
        redis_server.url(DB),
        RAQIB_RATE_LIMITS_ENABLED="true",
        RAQIB_RATE_LIMIT_KEY_PREFIX=prefix,
        **limits,
    )
    api, base = start_api(env, artifacts / f"{prefix}-api.log")
    services.append(api)
    return base, prefix


def _stored(pg_url: str, article_id: str) -> int:
    engine = sa.create_engine(pg_url)
    try:
        with engine.connect() as conn:
            query = sa.text("SELECT count(*) FROM comments WHERE article_id = :a")
            return int(conn.execute(query, {"a": article_id}).scalar_one())
    finally:
        engine.dispose()


def _assert_limited(answer: httpx.Response, window: int) -> None:
    assert answer.status_code == 429, answer.text
    assert 1 <= int(answer.headers["retry-after"]) <= window
    body = answer.json()
    assert [(e["field"], e["code"]) for e in body["errors"]] == [(None, "rate_limited")]
    assert body["message"]["ar"] and body["message"]["en"]


def test_comments_per_address_and_per_author(
    pg_url: str, redis_server: RedisServer, artifacts: Path, services: list[Service]
) -> None:
    base, prefix = _api(
        pg_url,
        redis_server,
        artifacts,
        services,
        RAQIB_COMMENT_RATE_PER_IP="4/minute",
        RAQIB_COMMENT_RATE_PER_AUTHOR="2/minute",
    )
    article = f"rl-{uuid.uuid4().hex[:8]}"
    # One author: two comments, then 429 (the third is not stored).
    for _ in range(2):
        assert submit(base, comment(article_id=article)).status_code == 202
    over = submit(base, comment(article_id=article), **{"Accept-Language": "ar"})
    _assert_limited(over, 60)
    assert list(over.json()["message"]) == ["ar", "en"]  # Arabic first when asked
    assert _stored(pg_url, article) == 2
    # Another author from the same address gets its last slot (the refused try counted for the address);
    # a made-up X-Forwarded-For or author_ip on an open site is not believed (loopback is no trusted proxy
    # unless configured).
    other = comment(article_id=article, author_email="other@example.com", author_ip="198.51.100.9")
    assert submit(base, other, **{"X-Forwarded-For": "203.0.113.1"}).status_code == 202
    third = comment(article_id=article, author_email="third@example.com", author_ip="198.51.100.10")
    _assert_limited(submit(base, third, **{"X-Forwarded-For": "203.0.113.2"}), 60)
    assert _stored(pg_url, article) == 3
    # The counters live in Redis under this deployment's prefix, without the address or site in clear.
    keys = b" ".join(redis_server.client(DB).keys(f"{prefix}*"))
    assert keys and b"127.0.0.1" not in keys and b"alghad" not in keys


def test_a_retried_comment_is_not_counted_twice(
    pg_url: str, redis_server: RedisServer, artifacts: Path, services: list[Service]
) -> None:
    base, _ = _api(pg_url, redis_server, artifacts, services, RAQIB_COMMENT_RATE_PER_AUTHOR="1/minute")
    data = comment()
    first = submit(base, data, **{"Idempotency-Key": "retry-1"})
    again = submit(base, data, **{"Idempotency-Key": "retry-1"})
    assert (first.status_code, again.status_code) == (202, 202)
    assert again.json()["id"] == first.json()["id"]
    _assert_limited(submit(base, comment()), 60)


def test_site_limit_and_per_site_override(
    pg_url: str, redis_server: RedisServer, artifacts: Path, services: list[Service]
) -> None:
    base, _ = _api(
        pg_url,
        redis_server,
        artifacts,
        services,
        RAQIB_COMMENT_RATE_PER_SITE="1/minute",
        RAQIB_COMMENT_RATE_PER_READER_IP="1/minute",
        RAQIB_SITE_COMMENT_RATES=json.dumps({KEYED.upper(): "3/minute"}),  # names compared normalised
    )
    assert submit(base, comment(author_email="a@example.com")).status_code == 202
    _assert_limited(submit(base, comment(author_email="b@example.com")), 60)
    for n in range(3):
        data = comment(site=KEYED, author_email=f"r{n}@example.com", author_ip=f"192.0.2.{n + 1}")
        assert submit(base, data, **{"X-Raqib-Site-Key": KEY}).status_code == 202
    # A keyed site is trusted with its reader's address: a second comment from one reader is refused.
    data = comment(site=KEYED, author_email="r8@example.com", author_ip="192.0.2.1")
    _assert_limited(submit(base, data, **{"X-Raqib-Site-Key": KEY}), 60)
    data = comment(site=KEYED, author_email="r9@example.com", author_ip="192.0.2.99")
    _assert_limited(submit(base, data, **{"X-Raqib-Site-Key": KEY}), 60)


def test_reports_per_reporter_per_address_and_capped_per_comment(
    pg_url: str, redis_server: RedisServer, artifacts: Path, services: list[Service]
) -> None:
    base, _ = _api(
        pg_url,
        redis_server,
        artifacts,
        services,
        RAQIB_REPORT_RATE_PER_REPORTER="2/minute",
        RAQIB_REPORT_RATE_PER_IP="8/minute",
        RAQIB_REPORT_MAX_PER_COMMENT="3",
    )
    ids = [submit(base, comment(author_email=f"c{n}@example.com")).json()["id"] for n in range(4)]

    def report(comment_id: str, reporter: str) -> httpx.Response:
        body = {"reason": "إساءة", "reporter": reporter}
        return httpx.post(f"{base}/v1/comments/{comment_id}/reports", json=body, timeout=10)

    # One reader: two reports (on two comments), then 429.
    assert report(ids[0], "reader-1").status_code == 202
    assert report(ids[1], "reader-1").status_code == 202
    _assert_limited(report(ids[2], "reader-1"), 60)
    # Many made-up readers on one comment: counted up to the cap, then answered but not counted.
    answers = [report(ids[3], f"sock-{n}").json() for n in range(5)]
    assert [a["report_count"] for a in answers] == [1, 2, 3, 3, 3]
    assert [a["capped"] for a in answers] == [False, False, False, True, True]
    # The address that connects is counted too: eight reports a minute from it (the refused one counted).
    _assert_limited(report(ids[2], "sock-new"), 60)


def test_redis_out_of_reach_lets_comments_through(
    pg_url: str, redis_server: RedisServer, artifacts: Path, services: list[Service]
) -> None:
    nowhere = f"redis://127.0.0.1:{free_port()}/0"
    base, _ = _api(
        pg_url,
        redis_server,
        artifacts,
        services,
        RAQIB_RATE_LIMIT_REDIS_URL=nowhere,
        RAQIB_COMMENT_RATE_PER_AUTHOR="1/minute",
    )
    for _ in range(3):
        assert submit(base, comment()).status_code == 202
