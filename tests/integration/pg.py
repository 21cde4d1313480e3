"""A PostgreSQL database made for one test session: created, migrated to head, dropped at the end."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

import psycopg

from service.db import dispose_engines
from service.migrations_cli import upgrade

ADMIN_DSN = os.environ.get("RAQIB_TEST_PG_ADMIN_DSN", "host=127.0.0.1 port=5432 dbname=test user=postgres")


@contextmanager
def migrated_database(prefix: str) -> Iterator[str]:
    """Yield the SQLAlchemy URL of a fresh ``<prefix>_<pid>`` database migrated with Alembic."""
    name = f"{prefix}_{os.getpid()}"
    with psycopg.connect(ADMIN_DSN, autocommit=True) as conn:
        user = conn.info.user
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    url = f"postgresql+psycopg://{user}@127.0.0.1:5432/{name}"
    upgrade(url)
    try:
        yield url
    finally:
        dispose_engines()
        with psycopg.connect(ADMIN_DSN, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
