"""A throw-away PostgreSQL database migrated to head: for the benchmarks and the integration tests."""

from __future__ import annotations

import os
from dataclasses import dataclass

import psycopg

from service.db import dispose_engines
from service.migrations_cli import upgrade


@dataclass(frozen=True)
class ScratchDatabase:
    """``<prefix>_<pid>`` on the server of ``admin_dsn``; ``url`` for SQLAlchemy, ``dsn`` for psycopg."""

    name: str
    user: str
    admin_dsn: str

    @classmethod
    def create(cls, prefix: str, admin_dsn: str) -> ScratchDatabase:
        """Drop any leftover of the same name, create it, and migrate it with Alembic."""
        name = f"{prefix}_{os.getpid()}"
        with psycopg.connect(admin_dsn, autocommit=True) as conn:
            user = conn.info.user
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
        db = cls(name, user, admin_dsn)
        upgrade(db.url)
        return db

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://{self.user}@127.0.0.1:5432/{self.name}"

    @property
    def dsn(self) -> str:
        return f"host=127.0.0.1 port=5432 dbname={self.name} user={self.user}"

    def drop(self) -> None:
        """Close this process's pools, then drop the database even if other sessions still hold it."""
        dispose_engines()
        with psycopg.connect(self.admin_dsn, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')
