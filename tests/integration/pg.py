"""A PostgreSQL database made for one test session: created, migrated to head, dropped at the end."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

from service.scratch_db import ScratchDatabase

ADMIN_DSN = os.environ.get("RAQIB_TEST_PG_ADMIN_DSN", "host=127.0.0.1 port=5432 dbname=test user=postgres")


@contextmanager
def migrated_database(prefix: str) -> Iterator[str]:
    """Yield the SQLAlchemy URL of a fresh ``<prefix>_<pid>`` database migrated with Alembic."""
    db = ScratchDatabase.create(prefix, ADMIN_DSN)
    try:
        yield db.url
    finally:
        db.drop()
