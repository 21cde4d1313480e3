"""No clear e-mail address anywhere: database rows, API and worker logs, Redis messages, API answers."""

from __future__ import annotations

import base64
import json
import re
import socket
import threading
from typing import Any

import httpx
import redis
from sqlalchemy import MetaData, select

from service.db import get_engine
from service.text import contains_email

from .helpers import comment, submit, wait_decided
from .procs import Stack

AUTHOR = "Leak.Test+1@Example.org"
IN_BODY = [
    "khaled.omar@gmail.com",
    "noura [at] yahoo [dot] com",
    "fatima ات hotmail نقطة com",
    "ahmad＠outlook．com",
]
# What must never appear, in the spelling a leak would most likely take.
NEEDLES = [
    "leak.test+1@example.org",
    "khaled.omar@gmail.com",
    "khaled.omar",
    "noura",
    "fatima",
    "ahmad",
    "leak.test",
]


class RedisMonitor(threading.Thread):
    """Records every command Redis executes (MONITOR), so published message bodies can be inspected."""

    def __init__(self, client: redis.Redis) -> None:
        super().__init__(daemon=True)
        self.client = client
        self.commands: list[str] = []
        self.started_listening = threading.Event()
        self.stopping = threading.Event()

    def run(self) -> None:
        with self.client.monitor() as monitor:
            self.started_listening.set()
            for entry in monitor.listen():
                self.commands.append(entry["command"])
                if self.stopping.is_set():
                    return

    def stop(self) -> None:
        self.stopping.set()
        self.client.ping()  # wakes the listener up
        self.join(10)


def _decoded_messages(commands: list[str]) -> list[str]:
    """The text of every Celery message pushed to a list, with its base64 body decoded."""
    texts = []
    for command in commands:
        start = command.find("{")
        if not command.upper().startswith("LPUSH ") or start < 0:
            continue
        envelope = json.loads(command[start:])
        texts.append(json.dumps(envelope, ensure_ascii=False))
        texts.append(base64.b64decode(envelope["body"]).decode())
    return texts


def _all_rows(database_url: str) -> list[str]:
    metadata = MetaData()
    engine = get_engine(database_url)
    metadata.reflect(engine)
    with engine.connect() as conn:
        return [repr(tuple(row)) for table in metadata.sorted_tables for row in conn.execute(select(table))]


# Celery's remote-control queue is named after the worker's node, "<name>@<host>.celery.pidbox": an address
# in form, but the worker's own name, not a reader's.
_PIDBOX = re.compile(r"\S+@" + re.escape(socket.gethostname()) + r"\.celery\.pidbox")


def _leaks(texts: list[str]) -> list[str]:
    found = []
    for text in texts:
        text = _PIDBOX.sub("<pidbox>", text)
        lowered = text.casefold()
        if contains_email(text) or any(needle in lowered for needle in NEEDLES):
            found.append(text[:300])
    return found


def test_clear_addresses_appear_nowhere(stack: Stack) -> None:
    monitor = RedisMonitor(stack.redis.client(stack.redis_db))
    monitor.start()
    assert monitor.started_listening.wait(5)
    answers: list[Any] = []
    ids = []
    for i, address in enumerate(IN_BODY):
        data = comment(
            author_email=AUTHOR,
            author_name=f"قارئ {i}" if i else "khaled.omar@gmail.com",  # a name that is an address, too
            body=f"راسلني على {address} للتفاصيل",
            author_url=f"https://blog.example/?contact={IN_BODY[0]}",
        )
        answer = submit(stack.base, data, **{"Idempotency-Key": f"leak-{i}"})
        assert answer.status_code == 202, answer.text
        answers.append(answer.text)
        answers.append(submit(stack.base, data, **{"Idempotency-Key": f"leak-{i}"}).text)  # replay
        ids.append(answer.json()["id"])
    invalid = submit(stack.base, comment(author_email="khaled.omar@@gmail.com", body=" "))
    assert invalid.status_code == 422
    answers.append(invalid.text)

    details = [wait_decided(stack.base, i) for i in ids]
    answers += [json.dumps(d, ensure_ascii=False) for d in details]
    answers.append(
        httpx.get(
            f"{stack.base}/v1/comments",
            params={"site": "alghad.example", "article_id": details[0]["article_id"]},
        ).text
    )
    monitor.stop()

    messages = _decoded_messages(monitor.commands)
    assert len(messages) >= 2 * len(ids), "the Redis monitor saw no published job"
    assert all(any(i in m for m in messages) for i in ids), "every job carries its comment id"
    rows = _all_rows(stack.database_url)
    assert any(d["body"] in r for d in details for r in rows)
    logs = [stack.api.log_text(), stack.worker.log_text()]
    assert "scoring jobs of" in logs[1]  # the worker log is captured, not empty

    assert details[0]["author_email_masked"] == "l***@e***.org"
    assert "n***@y***.com" in details[1]["body"]
    assert _leaks(rows) == []
    assert _leaks(logs) == []
    assert _leaks(messages) == []
    assert _leaks(monitor.commands) == []
    assert _leaks(answers) == []
