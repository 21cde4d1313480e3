"""Benchmark of the queue queries: ``python -m service.moderation.bench [--comments N]``.

Creates a scratch PostgreSQL database (or uses --url), fills it with N scored comments of which a share is
held / flagged / reported, then prints how long a queue page, a filtered page, a text search and the live
count take for an admin and a one-site moderator. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import psycopg
from sqlalchemy import insert

from service.comments.models import Comment, CommentScore
from service.db import get_engine, get_sessionmaker
from service.migrations_cli import upgrade
from service.moderation.accounts import Principal
from service.moderation.queue import QueueFilters, list_queue
from service.moderation.waiting import count_waiting
from service.text import normalize

ADMIN_DSN = "host=127.0.0.1 port=5432 dbname=test user=postgres"
WORDS = ["مقال", "رائع", "غبي", "الحكومة", "شكرا", "اربح", "المال", "الآن", "كلام", "فارغ", "أحمد", "مدرسة"]


def _seed(url: str, n: int, sites: int) -> None:
    rng = random.Random(7)
    now = datetime.now(UTC)
    comments, scores = [], []
    for i in range(n):
        cid = uuid.uuid4().hex
        body = " ".join(rng.choice(WORDS) for _ in range(rng.randint(4, 30)))
        toxicity, spam = rng.random() ** 3, rng.random() ** 4
        status = "held" if rng.random() < 0.03 else ("rejected" if spam > 0.9 else "published")
        created = now - timedelta(minutes=i)
        comments.append(
            {
                "id": cid,
                "site": f"site-{i % sites}.example",
                "article_id": f"a{i % 5000}",
                "author_name": "x",
                "author_email_masked": "x***@y***.com",
                "author_email_hash": f"{i % 20000:064d}",
                "body": body,
                "body_normalized": normalize(body),
                "status": status,
                "model_version": "bench",
                "report_count": 1 if rng.random() < 0.005 else 0,
                "enqueue_attempts": 1,
                "created_at": created,
                "updated_at": created,
            }
        )
        scores.append(
            {
                "comment_id": cid,
                "model_version": "bench",
                "probabilities": {"spam": spam, "toxicity": toxicity},
                "spans": {},
                "decision": status,
                "reasons": [],
                "latency_ms": 1.0,
                "created_at": created,
            }
        )
    with get_engine(url).begin() as conn:
        for start in range(0, n, 5000):
            conn.execute(insert(Comment), comments[start : start + 5000])
            conn.execute(insert(CommentScore), scores[start : start + 5000])
        conn.exec_driver_sql("ANALYZE")


def _time(label: str, fn: Callable[[], object], repeat: int) -> None:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        runs.append((time.perf_counter() - start) * 1000)
    print(f"{label:<38} median {statistics.median(runs):8.1f} ms   max {max(runs):8.1f} ms")


def cli(argv: list[str] | None = None) -> int:
    """Entry point: seed, time, drop."""
    parser = argparse.ArgumentParser(prog="python -m service.moderation.bench")
    parser.add_argument("--comments", type=int, default=50_000)
    parser.add_argument("--sites", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    name = f"raqib_mod_bench_{os.getpid()}"
    with psycopg.connect(ADMIN_DSN, autocommit=True) as conn:
        user = conn.info.user
        conn.execute(f'CREATE DATABASE "{name}"')
    url = f"postgresql+psycopg://{user}@127.0.0.1:5432/{name}"
    try:
        upgrade(url)
        started = time.perf_counter()
        _seed(url, args.comments, args.sites)
        print(
            f"seeded {args.comments} comments on {args.sites} sites in {time.perf_counter() - started:.1f} s"
        )
        admin = Principal(user_id=0, email="bench", role="admin", sites=None)
        moderator = Principal(user_id=0, email="bench", role="moderator", sites=frozenset({"site-1.example"}))
        with get_sessionmaker(url)() as session:
            for who, principal in (("admin", admin), ("moderator 1 site", moderator)):
                _time(
                    f"{who}: waiting, most toxic",
                    lambda p=principal: list_queue(session, p, QueueFilters()),
                    args.repeat,
                )
                _time(
                    f"{who}: waiting, newest",
                    lambda p=principal: list_queue(session, p, QueueFilters(sort="newest")),
                    args.repeat,
                )
                _time(
                    f"{who}: all, text search",
                    lambda p=principal: list_queue(session, p, QueueFilters(queue="all", q="احمد مدرسه")),
                    args.repeat,
                )
                _time(f"{who}: live count", lambda p=principal: count_waiting(session, p), args.repeat)
    finally:
        get_engine(url).dispose()
        with psycopg.connect(ADMIN_DSN, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    return 0


if __name__ == "__main__":
    raise SystemExit(cli())
