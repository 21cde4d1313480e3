"""Forty spellings of an address, typed everywhere a person can type (comment fields, the Idempotency-Key, a
permalink's query string, a report reason, a moderator's note and search), appear nowhere afterwards: not in
any database row, Redis command or message, API or worker log line, or API answer."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from service.db import get_sessionmaker
from service.moderation.accounts import create_user
from service.moderation.tokens import create_token
from service.processes import RedisServer, service_env, start_api, start_worker

from .address_forms import forms
from .helpers import comment, submit, wait_decided
from .pg import migrated_database
from .procs import Stack
from .test_no_leak import _PIDBOX, RedisMonitor, _all_rows, _decoded_messages

_VISIBLE = {chr(c) for c in range(0x21, 0x7F)}


@pytest.fixture(scope="module")
def own_stack(redis_server: RedisServer, artifacts: Path) -> Iterator[Stack]:
    """A stack of its own (database, Redis db 3): the moderator account made here stays out of other tests."""
    with migrated_database("raqib_forms") as url:
        env = service_env(url, redis_server.url(3))
        worker = start_worker(env, artifacts / "forms-worker.log")
        api, base = start_api(env, artifacts / "forms-api.log")
        yield Stack(base, url, redis_server, 3, api, worker)
        api.stop()
        worker.stop()


def _bearer(stack: Stack) -> dict[str, str]:
    with get_sessionmaker(stack.database_url)() as session:
        user = create_user(
            session, email="forms-admin@raqib.test", password="a long password", role="admin", sites=[]
        )
        plain, _ = create_token(session, user.id, "forms")
        session.commit()
    return {"Authorization": f"Bearer {plain}"}


def _found(needles: list[str], texts: list[str]) -> list[tuple[str, str]]:
    hits = []
    for text in texts:
        lowered = _PIDBOX.sub("<pidbox>", text).casefold()
        hits += [(needle, text[:200]) for needle in needles if needle in lowered]
    return hits


def test_forty_address_forms_leak_nowhere(own_stack: Stack) -> None:
    stack = own_stack
    auth = _bearer(stack)
    cases = forms("zqleak")
    needles = [needle for needle, _ in cases]
    monitor = RedisMonitor(stack.redis.client(stack.redis_db))
    monitor.start()
    assert monitor.started_listening.wait(5)
    answers: list[str] = []
    ids: list[str] = []
    for i, (needle, text) in enumerate(cases):
        data: dict[str, Any] = comment(author_email=f"{needle}@example.org", body=f"تعليق {text} شكرا")
        headers: dict[str, str] = {}
        if i % 3 == 0:
            data["author_name"] = text[:100]
        if i % 3 == 1:
            data["user_agent"] = text
        if set(text) <= _VISIBLE:  # fits in a URL and in a header
            data["permalink"] = f"https://news.example/a?share={text}"
            headers["Idempotency-Key"] = f"k-{text}"[:200]
        answer = submit(stack.base, data, **headers)
        assert answer.status_code == 202, (text, answer.text)
        answers.append(answer.text)
        ids.append(answer.json()["id"])
    details = [wait_decided(stack.base, cid) for cid in ids]
    answers += [json.dumps(d, ensure_ascii=False) for d in details]
    with httpx.Client(base_url=stack.base, timeout=10, headers=auth) as client:
        for cid, (_needle, text) in zip(ids, cases, strict=True):
            report = client.post(
                f"/v1/comments/{cid}/reports", json={"reason": f"بلاغ {text}", "reporter": text}
            )
            assert report.status_code == 202, report.text
            action = client.post(f"/v1/moderation/comments/{cid}/reject", json={"note": f"راجع {text}"})
            assert action.status_code == 200, action.text
            search = client.get("/v1/moderation/queue", params={"q": text, "queue": "all"})
            assert search.status_code in (200, 422), search.text
            answers += [
                report.text,
                action.text,
                search.text,
                client.get(f"/v1/moderation/comments/{cid}").text,
            ]
        answers.append(client.get("/v1/moderation/audit").text)
    monitor.stop()

    rows = _all_rows(stack.database_url)
    assert any(d["id"] in r for d in details for r in rows)
    logs = [stack.api.log_text(), stack.worker.log_text()]
    assert "/v1/moderation/queue?" in logs[0]  # the searches were logged, without their query strings
    messages = _decoded_messages(monitor.commands)
    assert messages, "the Redis monitor saw no published job"
    assert _found(needles, rows) == []
    assert _found(needles, logs) == []
    assert _found(needles, messages + monitor.commands) == []
    assert _found(needles, answers) == []
