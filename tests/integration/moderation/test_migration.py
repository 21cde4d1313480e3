"""The migrations match the models, and downgrade and upgrade cleanly on PostgreSQL."""

from __future__ import annotations

import os

import psycopg
import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect

from service.migrations_cli import alembic_config, upgrade
from service.models_registry import metadata

from ..pg import ADMIN_DSN

pytestmark = pytest.mark.integration

TABLES = {
    "moderation_users",
    "moderation_user_sites",
    "moderation_sessions",
    "moderation_api_tokens",
    "moderation_login_failures",
    "moderation_reports",
    "moderation_actions",
    "sites",
    "site_keys",
    "moderation_admin_changes",
}


def test_migration_round_trip_and_models_match() -> None:
    from alembic import command

    name = f"raqib_mod_mig_{os.getpid()}"
    with psycopg.connect(ADMIN_DSN, autocommit=True) as conn:
        user = conn.info.user
        conn.execute(f'CREATE DATABASE "{name}"')
    url = f"postgresql+psycopg://{user}@127.0.0.1:5432/{name}"
    engine = create_engine(url)
    try:
        upgrade(url)
        with engine.connect() as conn:
            assert set(inspect(conn).get_table_names()) >= TABLES
            diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), metadata)
            assert diff == []
        command.downgrade(alembic_config(url), "0002_moderation")
        with engine.connect() as conn:
            columns = {c["name"] for c in inspect(conn).get_columns("moderation_reports")}
            assert "reason" in columns and "reporter_hash" not in columns
        command.downgrade(alembic_config(url), "0001_comments")
        with engine.connect() as conn:
            assert not TABLES & set(inspect(conn).get_table_names())
            assert "comments" in inspect(conn).get_table_names()
        upgrade(url)
        with engine.connect() as conn:
            assert set(inspect(conn).get_table_names()) >= TABLES
    finally:
        engine.dispose()
        from service.db import get_engine

        get_engine(url).dispose()
        with psycopg.connect(ADMIN_DSN, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
