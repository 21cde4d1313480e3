"""The retention job on the real beat and worker: an old comment's IP address and user agent disappear."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert, select

from service.comments.models import Comment, new_comment_id
from service.db import get_engine
from service.processes import RedisServer, Service, service_env, start_beat, start_worker, wait_for

from .pg import migrated_database


def _comment(age: timedelta) -> dict[str, object]:
    created = datetime.now(UTC) - age
    return {
        "id": new_comment_id(),
        "site": "retention.example",
        "article_id": "a-1",
        "author_name": "قارئ",
        "author_email_masked": "r***@e***.org",
        "author_email_hash": "0" * 64,
        "author_ip": "203.0.113.5",
        "user_agent": "Mozilla/5.0",
        "referrer": "https://retention.example/a-1",
        "body": "تعليق",
        "body_normalized": "تعليق",
        "status": "published",
        "report_count": 0,
        "enqueue_attempts": 1,
        "created_at": created,
        "updated_at": created,
    }


def test_beat_drops_client_details_after_the_retention_days(
    redis_server: RedisServer, artifacts: Path, services: list[Service]
) -> None:
    with migrated_database("raqib_retention") as url:
        old, recent = _comment(timedelta(days=3)), _comment(timedelta(hours=1))
        engine = get_engine(url)
        with engine.begin() as conn:
            conn.execute(insert(Comment.__table__), [old, recent])
        env = service_env(
            url,
            redis_server.url(4),
            RAQIB_CLIENT_DETAILS_RETENTION_DAYS="2",
            RAQIB_RETENTION_INTERVAL_SECONDS="1",
        )
        services.append(start_worker(env, artifacts / "retention-worker.log"))
        services.append(
            start_beat(env, artifacts / "retention-beat.log", artifacts / "retention-beat-schedule")
        )

        def _details(comment_id: object) -> tuple[object, object, object]:
            with engine.connect() as conn:
                row = conn.execute(
                    select(Comment.author_ip, Comment.user_agent, Comment.referrer).where(
                        Comment.id == comment_id
                    )
                ).one()
            return tuple(row)  # type: ignore[return-value]

        wait_for(lambda: _details(old["id"])[0] is None, 60, "the beat's retention job", interval=0.5)
        assert _details(old["id"]) == (None, None, "https://retention.example/a-1")
        assert _details(recent["id"]) == ("203.0.113.5", "Mozilla/5.0", "https://retention.example/a-1")
        assert "drop_client_details" in services[0].log_text()
        for service in reversed(services):
            service.stop()
        services.clear()
