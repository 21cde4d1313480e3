"""The Akismet-compatible API driven by the `akismet` client library, its HTTP client pointed at a real API
process, with a Celery worker, PostgreSQL and Redis: the answers come from the stored verdicts."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import akismet
import httpx
import pytest
from sqlalchemy import func, select

from service.comments.models import Comment
from service.db import get_engine, get_sessionmaker
from service.moderation.labels_export import export_labels
from service.moderation.models import ModerationAction
from service.processes import RedisServer, Service, service_env, start_api, start_worker

from .helpers import register_site
from .pg import migrated_database

SITE = "akismet.example"
KEY = "akismet-site-key-0123456789abcdef"
BLOG = "https://akismet.example/"
SPAM = "جلب الحبيب خلال 24 ساعة مضمون 100% بدون أذى، تواصل مع الشيخة أم نور على الواتس 0551234567"


class ToServer(httpx.BaseTransport):
    """Sends the client's requests (made out to Akismet's host) to the API under test instead."""

    def __init__(self, base: str) -> None:
        self.base = httpx.URL(base)
        self.inner = httpx.HTTPTransport()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        request.url = request.url.copy_with(scheme=self.base.scheme, host=self.base.host, port=self.base.port)
        return self.inner.handle_request(request)


def client(base: str, key: str = KEY, validated: bool = True) -> akismet.SyncClient:
    http = httpx.Client(transport=ToServer(base), timeout=15, headers={"User-Agent": akismet.USER_AGENT})
    config = akismet.Config(key=key, url=BLOG)
    if validated:
        return akismet.SyncClient.validated_client(config=config, http_client=http)
    return akismet.SyncClient(config=config, http_client=http)


@pytest.fixture(scope="module")
def apis(redis_server: RedisServer, artifacts: Path) -> Iterator[tuple[str, str, str]]:
    """(API, API that never waits for a verdict, database URL); one worker, Redis db 7."""
    started: list[Service] = []
    with migrated_database("raqib_akismet") as url:
        register_site(url, SITE, KEY)
        env = service_env(url, redis_server.url(7))
        try:
            started.append(start_worker(env, artifacts / "akismet-worker.log"))
            api, base = start_api(env, artifacts / "akismet-api.log")
            started.append(api)
            hurried = {**env, "RAQIB_AKISMET_VERDICT_WAIT_SECONDS": "0"}
            late_api, late_base = start_api(hurried, artifacts / "akismet-late-api.log")
            started.append(late_api)
            yield base, late_base, url
        finally:
            for service in reversed(started):
                service.stop()
            get_engine(url).dispose()


def _stored(url: str, body: str) -> list[Comment]:
    with get_sessionmaker(url)() as session:
        return list(session.scalars(select(Comment).where(Comment.body == body)))


def test_verify_key(apis: tuple[str, str, str]) -> None:
    base, _, _ = apis
    assert client(base).verify_key()
    with pytest.raises(akismet.APIKeyError):
        client(base, key="not-a-site-key")
    assert not client(base).verify_key(key="not-a-site-key", url=BLOG)


def test_ham_is_published_and_stored_like_any_comment(apis: tuple[str, str, str]) -> None:
    base, _, url = apis
    text = "مقال ممتاز، شكرا للكاتب على هذا التحليل"
    result = client(base).comment_check(
        user_ip="203.0.113.20",
        user_agent="Mozilla/5.0",
        comment_type="comment",
        comment_author="سعاد",
        comment_author_email="souad@example.org",
        comment_content=text,
        permalink="https://akismet.example/2026/budget",
        blog_lang="ar",
    )
    assert result == akismet.CheckResponse.HAM
    [stored] = _stored(url, text)
    assert (stored.site, stored.status, stored.author_email_masked) == (SITE, "published", "s***@e***.org")
    assert stored.decided_by.startswith("model:") and stored.permalink.endswith("/2026/budget")


def test_spam_answers_true_and_discard_only_for_the_models_rejection(apis: tuple[str, str, str]) -> None:
    base, _, url = apis
    result = client(base).comment_check(user_ip="198.51.100.3", comment_content=SPAM, comment_author="أم نور")
    [stored] = _stored(url, SPAM)
    assert result != akismet.CheckResponse.HAM
    assert (result == akismet.CheckResponse.DISCARD) == (stored.status == "rejected"), stored.status
    assert stored.status in ("held", "rejected")


def test_submit_spam_and_ham_are_moderator_grade_labels(apis: tuple[str, str, str]) -> None:
    base, _, url = apis
    ad = "عرض خاص على الساعات الفاخرة، زوروا متجرنا اليوم"
    fields = {"comment_content": ad, "comment_author": "متجر", "comment_author_email": "shop@example.net"}
    site_client = client(base)
    site_client.comment_check(user_ip="198.51.100.9", **fields)
    assert site_client.submit_spam(user_ip="198.51.100.9", **fields)
    [stored] = _stored(url, ad)  # the same fields found the checked comment: no copy stored
    assert stored.status == "rejected"

    nice = "تحية للصحفيين على هذا العمل"
    assert site_client.submit_ham(user_ip="198.51.100.10", comment_content=nice)  # never checked: stored now
    [ham] = _stored(url, nice)
    with get_sessionmaker(url)() as session:
        actions = {
            (a.comment_id, a.action, a.actor)
            for a in session.scalars(select(ModerationAction).where(ModerationAction.site == SITE))
        }
        labels = {row["comment_id"]: row for row in export_labels(session).rows}
    assert (stored.id, "spam", f"site:{SITE}") in actions and (ham.id, "not_spam", f"site:{SITE}") in actions
    assert labels[stored.id]["spam"] is True and labels[stored.id]["decision"] == "rejected"
    assert labels[ham.id]["spam"] is False


def test_a_verdict_not_ready_in_time_is_503_and_the_same_fields_find_it_later(
    apis: tuple[str, str, str],
) -> None:
    base, late_base, url = apis
    text = "أتفق مع الكاتب في ما ذهب إليه"
    fields = {"user_ip": "203.0.113.77", "comment_content": text, "comment_author": "خالد"}
    with pytest.raises(akismet.RequestError, match="503"):
        client(late_base).comment_check(**fields)
    assert client(base).comment_check(**fields) == akismet.CheckResponse.HAM
    with get_sessionmaker(url)() as session:
        assert session.scalar(select(func.count()).select_from(Comment).where(Comment.body == text)) == 1


def test_bad_requests_and_bad_keys_answer_in_akismets_way(apis: tuple[str, str, str]) -> None:
    base, _, url = apis
    missing = httpx.post(
        f"{base}/1.1/comment-check", data={"api_key": KEY, "blog": BLOG, "comment_content": "x"}
    )
    assert missing.status_code == 400 and missing.text == "Missing required field: user_ip."
    assert "user_ip" in missing.headers["X-akismet-debug-help"]
    too_long = httpx.post(
        f"{base}/1.1/comment-check",
        data={"api_key": KEY, "blog": BLOG, "user_ip": "203.0.113.1", "comment_content": "ب" * 6000},
    )
    assert too_long.status_code == 400 and too_long.text == "Invalid field: comment_content."
    assert "too_long" in too_long.headers["X-akismet-debug-help"]
    as_json = httpx.post(f"{base}/1.1/comment-check", json={"api_key": KEY})
    assert as_json.status_code == 400 and as_json.headers["X-akismet-debug-help"]
    with pytest.raises(akismet.APIKeyError):
        client(base, key="wrong", validated=False).comment_check(user_ip="203.0.113.1", comment_content="x")
    assert _stored(url, "x") == []
