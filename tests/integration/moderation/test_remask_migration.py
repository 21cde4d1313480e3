"""Migration 0004 masks what older versions stored in clear, on PostgreSQL, audit notes included."""

from __future__ import annotations

import os
import re
from datetime import UTC, datetime

import psycopg
import pytest
from sqlalchemy import create_engine, text

from service.migrations_cli import upgrade

from ..pg import ADMIN_DSN

pytestmark = pytest.mark.integration

NOW = datetime.now(UTC)


def test_0004_masks_old_rows_and_keeps_the_audit_log_append_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RAQIB_EMAIL_HASH_SECRET", "remask-secret")
    from service.config import get_settings

    get_settings.cache_clear()
    name = f"raqib_remask_{os.getpid()}"
    with psycopg.connect(ADMIN_DSN, autocommit=True) as conn:
        user = conn.info.user
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    url = f"postgresql+psycopg://{user}@127.0.0.1:5432/{name}"
    engine = create_engine(url)
    try:
        upgrade(url, "0003_report_reporters")
        with engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO comments (id, site, article_id, permalink, author_name, author_email_masked,"
                    " author_email_hash, body, body_normalized, status, idempotency_key, report_count,"
                    " enqueue_attempts, created_at, updated_at) VALUES ('c1', 'S.Example\u200b', 'a-1',"
                    " 'https://s.example/a?share=ali(at)gmail(dot)com', 'قارئ', 'r***@e***.org', :h,"
                    " 'راسلني name%40gmail.com', 'x', 'held', 'k-ali@gmail.com', 0, 1, :now, :now)"
                ),
                {"h": "0" * 64, "now": NOW},
            )
            conn.execute(
                text(
                    "INSERT INTO moderation_reports (comment_id, reason, created_at) VALUES ('c1', :r, :now)"
                ),
                {"r": "he wrote sara@yahoo.com", "now": NOW},
            )
            conn.execute(
                text(
                    "INSERT INTO moderation_actions (comment_id, site, seq, actor, action, note,"
                    " before_status, after_status, scores, created_at) VALUES ('c1', 'S.EXAMPLE', 1,"
                    " 'mod@raqib.test', 'reject', :note, 'held', 'rejected', '{}', :now)"
                ),
                {"note": "asked omar at gmail dot com", "now": NOW},
            )
            conn.execute(
                text(
                    "INSERT INTO moderation_users (id, email, password_hash, role, active, created_at)"
                    " VALUES (7, 'mod@raqib.test', 'x', 'moderator', true, :now)"
                ),
                {"now": NOW},
            )
            conn.execute(
                text(
                    "INSERT INTO moderation_user_sites (user_id, site) VALUES"
                    " (7, 'S.example'), (7, 's.example'), (7, 'Other.Example')"
                )
            )
        upgrade(url)
        with engine.connect() as conn:
            row = conn.execute(
                text("SELECT site, permalink, body, body_normalized, idempotency_key FROM comments")
            ).one()
            sites = list(conn.execute(text("SELECT site FROM moderation_user_sites ORDER BY site")))
            audit_site = conn.execute(text("SELECT site FROM moderation_actions")).scalar_one()
            reason = conn.execute(text("SELECT reason FROM moderation_reports")).scalar_one()
            note = conn.execute(text("SELECT note FROM moderation_actions")).scalar_one()
        assert row.site == "s.example"
        assert [tuple(r) for r in sites] == [("other.example",), ("s.example",)] and audit_site == "s.example"
        assert row.permalink == "https://s.example/a?share=a***@g***.com"
        assert row.body == "راسلني n***@g***.com" and row.body_normalized != "x"
        assert re.fullmatch(r"[0-9a-f]{64}", row.idempotency_key)
        assert reason == "he wrote s***@y***.com"
        assert note == "asked o***@g***.com"
        with pytest.raises(Exception, match="append-only"), engine.begin() as conn:
            conn.execute(text("UPDATE moderation_actions SET note = 'x'"))
        upgrade(url)  # at head: nothing to do
    finally:
        engine.dispose()
        get_settings.cache_clear()
        with psycopg.connect(ADMIN_DSN, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
