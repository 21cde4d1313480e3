"""Spam signals end to end: a real API and Celery worker on PostgreSQL and a private Redis, every signal
on. Honeypot, time to submit, counts taken before masking, a 20-author campaign, short common replies,
posting rate per author and per reader address, the deployment's key prefix, and term lists edited through
the moderation admin API applying to the next comment."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
import sqlalchemy as sa

from service.config import Settings
from service.db import get_sessionmaker
from service.moderation.accounts import create_user
from service.moderation.tokens import create_token
from service.processes import RedisServer, service_env, start_api, start_worker
from service.signals.near_duplicates import fingerprint
from service.signals.recent import look_back
from service.text import normalize

from .helpers import comment, submit, wait_decided

DB = 11
AD = (
    "عرض خاص لفترة محدودة {tag}: احصل على خصم 50% على جميع المنتجات الأصلية مع توصيل مجاني لكل المدن، "
    "اتصل الآن على {phone} او زوروا موقعنا {site}"
)
EDITS = [("خصم", "تخفيض"), ("جميع", "كل"), ("اتصل", "اتصلوا"), ("مجاني", "مجانى"), ("الآن", "فورا")]


@pytest.fixture(scope="module")
def stack(pg_url: str, redis_server: RedisServer, artifacts: Path) -> Iterator[tuple[str, str]]:
    """API and worker with every signal on, under their own key prefix and Redis database."""
    prefix = f"it-sig-{uuid.uuid4().hex[:8]}"
    env = service_env(
        pg_url,
        redis_server.url(DB),
        RAQIB_SIGNAL_ACTIONS="{}",
        RAQIB_SIGNALS_KEY_PREFIX=prefix,
        RAQIB_TERM_LISTS_CACHE_SECONDS="0",
    )
    worker = start_worker(env, artifacts / "signals-worker.log")
    api, base = start_api(env, artifacts / "signals-api.log")
    yield base, prefix
    api.stop()
    worker.stop()


def _author() -> dict[str, str]:
    n = uuid.uuid4().hex[:10]
    return {"author_email": f"r{n}@example.com", "author_name": f"قارئ {n[:4]}"}


def _post(base: str, **fields: Any) -> dict[str, Any]:
    response = submit(base, comment(**{**_author(), **fields}))
    assert response.status_code == 202, response.text
    return wait_decided(base, response.json()["id"])


def _verdict(detail: dict[str, Any]) -> tuple[str, list[str], list[dict[str, Any]]]:
    score = detail["scores"][0]
    return detail["status"], score["reasons"], score["explanations"]


def _stored_signals(pg_url: str, comment_id: str) -> dict[str, Any]:
    with sa.create_engine(pg_url).connect() as conn:
        return conn.execute(
            sa.text("SELECT signals FROM comments WHERE id = :i"), {"i": comment_id}
        ).scalar_one()


def test_a_filled_honeypot_rejects_and_is_never_stored(stack: tuple[str, str], pg_url: str) -> None:
    base, _ = stack
    detail = _post(base, body="مقال جيد عن الاقتصاد", honeypot="http://bot.example/offer")
    status, reasons, explained = _verdict(detail)
    assert status == "rejected" and "honeypot" in reasons
    assert any(e["code"] == "honeypot" and e["ar"] and e["en"] for e in explained)
    signals = _stored_signals(pg_url, detail["id"])
    assert signals["honeypot"] == 1 and "bot.example" not in str(signals)


def test_too_fast_holds_and_a_reader_pace_does_not(stack: tuple[str, str]) -> None:
    base, _ = stack
    now = datetime.now(UTC)
    fast = _post(base, body="رأي سريع في الموضوع", form_rendered_at=(now - timedelta(seconds=1)).isoformat())
    status, reasons, explained = _verdict(fast)
    assert status == "held" and "too_fast" in reasons
    assert next(e for e in explained if e["code"] == "too_fast")["seconds"] < 3
    slow = _post(base, body="رأي متأن في الموضوع", form_rendered_at=(now - timedelta(seconds=90)).isoformat())
    assert "too_fast" not in _verdict(slow)[1]


def test_bad_render_time_is_a_422_naming_the_field(stack: tuple[str, str]) -> None:
    response = submit(stack[0], comment(form_rendered_at="yesterday"))
    assert response.status_code == 422
    assert response.json()["errors"][0] == response.json()["errors"][0] | {
        "field": "form_rendered_at",
        "code": "invalid_datetime",
    }


def test_links_phones_and_emails_are_counted_before_masking_and_stored_as_numbers(
    stack: tuple[str, str], pg_url: str
) -> None:
    base, _ = stack
    body = (
        "راسلوني على ali.hassan@gmail.com او ali ات hotmail نقطة com او اتصلوا ٠٦١٢٣٤٥٦٧٨ "
        "وشوفوا https://a.example/x و www.bshop.com و c-shop.ma"
    )
    detail = _post(base, body=body)
    signals = _stored_signals(pg_url, detail["id"])
    assert (signals["links"], signals["phones"], signals["emails"]) == (3, 1, 2)
    assert all(isinstance(v, int) for v in signals.values())
    assert "ali" not in str(signals) and "hassan" not in detail["body"]  # the body itself is masked
    status, reasons, _ = _verdict(detail)
    assert status in ("held", "rejected") and {"many_links", "many_contacts"} <= set(reasons)


def test_a_twenty_author_campaign_is_held_from_the_second_copy_on(stack: tuple[str, str]) -> None:
    base, _ = stack
    tag = uuid.uuid4().hex[:6]
    verdicts = []
    for n in range(20):
        text = AD.format(tag=tag, phone=f"06{n:02d}345678", site=f"shop{n}.example.com")
        for old, new in EDITS[: n % len(EDITS)]:
            text = text.replace(old, new)
        verdicts.append(_verdict(_post(base, body=text, author_ip=f"198.51.100.{n + 1}")))
    assert "near_duplicate" not in verdicts[0][1]
    for status, reasons, explained in verdicts[1:]:
        assert status in ("held", "rejected") and "near_duplicate" in reasons
        sentence = next(e for e in explained if e["code"] == "near_duplicate")
        assert sentence["ar"].startswith("نسخة شبه مطابقة لتعليق آخر منذ") and sentence["en"].startswith(
            "near-duplicate of another comment from"
        )


@pytest.mark.parametrize(
    "reply", ["شكرا", "الله يرحمه", "ربي يرحمو", "الله يرحمه ويغفر له ويسكنه فسيح جناته"]
)
def test_short_common_replies_from_many_readers_are_no_campaign(stack: tuple[str, str], reply: str) -> None:
    base, _ = stack
    for _ in range(6):
        assert "near_duplicate" not in _verdict(_post(base, body=reply))[1]


def test_posting_rate_per_author_and_per_reader_address_holds(stack: tuple[str, str]) -> None:
    base, _ = stack
    author = _author()
    words = ["الاقتصاد", "التعليم", "الصحة", "الرياضة", "الثقافة", "السياحة", "الزراعة"]
    by_author = [_verdict(_post(base, **author, body=f"رأيي في {w}")) for w in words]
    assert ["author_rate" in r for _, r, _ in by_author] == [False] * 5 + [True] * 2
    assert by_author[-1][0] == "held"
    ip = f"203.0.113.{uuid.uuid4().int % 250 + 1}"
    by_ip = [_verdict(_post(base, author_ip=ip, body=f"تعليق رقم {n} عن {words[n % 7]}")) for n in range(12)]
    assert ["ip_rate" in r for _, r, _ in by_ip] == [False] * 10 + [True] * 2


def test_redis_holds_only_prefixed_keys_with_no_clear_values(
    stack: tuple[str, str], redis_server: RedisServer
) -> None:
    base, prefix = stack
    ip, author = "192.0.2.77", _author()
    _post(base, body="تعليق يترك أثرا في ريديس ليقرأه الاختبار بعد قليل من الآن", author_ip=ip, **author)
    keys = [k.decode() for k in redis_server.client(DB).keys(f"{prefix}:*")]
    assert any(":rate:author:" in k for k in keys) and any(":rate:ip:" in k for k in keys)
    assert any(":nd:sig:" in k for k in keys)
    assert not any(ip in k or author["author_email"] in k for k in keys)
    assert all(redis_server.client(DB).ttl(k) > 0 for k in keys)


def test_deployments_sharing_a_redis_never_see_each_others_comments(redis_server: RedisServer) -> None:
    text = normalize(AD.format(tag=uuid.uuid4().hex[:6], phone="0612345678", site="x.example.com"))
    one = Settings(redis_url=redis_server.url(DB), signals_key_prefix=f"dep-a-{uuid.uuid4().hex[:6]}")
    two = Settings(redis_url=redis_server.url(DB), signals_key_prefix=f"dep-b-{uuid.uuid4().hex[:6]}")
    fp = fingerprint(text, one.near_duplicate_similarity)
    assert look_back(comment_id="a1", author=None, ip=None, fingerprint=fp, settings=one).duplicate_of is None
    assert look_back(comment_id="b1", author=None, ip=None, fingerprint=fp, settings=two).duplicate_of is None
    again = look_back(comment_id="a2", author=None, ip=None, fingerprint=fp, settings=one)
    assert again.duplicate_of == "a1" and again.duplicate_age_s is not None


@pytest.fixture(scope="module")
def admin_headers(pg_url: str) -> dict[str, str]:
    with get_sessionmaker(pg_url)() as session:
        user = create_user(
            session,
            email=f"terms-{uuid.uuid4().hex[:6]}@raqib.test",
            password="p" * 12,
            role="admin",
            sites=[],
        )
        plain, _ = create_token(session, user.id, "terms test")
        session.commit()
    return {"Authorization": f"Bearer {plain}"}


def test_term_lists_edited_by_api_apply_to_the_next_comment(
    stack: tuple[str, str], admin_headers: dict[str, str]
) -> None:
    base, _ = stack
    site = f"terms-{uuid.uuid4().hex[:6]}.example"
    terms = f"{base}/v1/moderation/terms"
    added = httpx.post(terms, json={"site": site, "kind": "banned", "term": "حِمار"}, headers=admin_headers)
    assert added.status_code == 201, added.text
    again = httpx.post(terms, json={"site": site, "kind": "suspect", "term": "حمار"}, headers=admin_headers)
    assert again.status_code == 409 and again.json()["errors"][0]["code"] == "term_duplicate"
    suspect = httpx.post(
        terms, json={"site": site, "kind": "suspect", "term": "يا كلب"}, headers=admin_headers
    )
    assert suspect.status_code == 201

    body = "والله انت حـــمـــار وصاحبك 7mar"
    status, reasons, explained = _verdict(_post(base, site=site, body=body))
    assert status == "rejected" and reasons[0] == "banned_term"
    found = [body[e["start"] : e["end"]] for e in explained if e["code"] == "banned_term"]
    assert found == ["حـــمـــار", "7mar"]
    assert all(e["term"] == "حِمار" for e in explained if e["code"] == "banned_term")
    assert "زبون" not in reasons  # unrelated
    status, reasons, _ = _verdict(_post(base, site=site, body="يا كلللب"))
    assert status == "held" and "suspect_term" in reasons
    other_site = _verdict(_post(base, site=f"other-{site}", body=body))
    assert "banned_term" not in other_site[1]

    listed = httpx.get(terms, params={"site": site}, headers=admin_headers).json()["items"]
    assert {(t["kind"], t["term"]) for t in listed} == {("banned", "حِمار"), ("suspect", "يا كلب")}
    assert httpx.delete(f"{terms}/{added.json()['id']}", headers=admin_headers).status_code == 204
    assert "banned_term" not in _verdict(_post(base, site=site, body=body))[1]

    changes = httpx.get(f"{base}/v1/moderation/admin-changes", params={"site": site}, headers=admin_headers)
    actions = [(c["action"], (c["before"] or c["after"])["term"]) for c in changes.json()["items"]]
    assert actions == [("terms.remove", "حِمار"), ("terms.add", "يا كلب"), ("terms.add", "حِمار")]
    assert httpx.get(terms, params={"site": site}).status_code == 401
