"""A fresh SQLite database per test, migrated with Alembic; a recording fake in place of the broker."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from service.comments import submission
from service.comments.models import Comment
from service.config import get_settings
from service.db import get_engine, get_sessionmaker
from service.migrations_cli import upgrade

NO_BROKER = "redis://127.0.0.1:9/0"  # discard port: /readyz finds no Redis there


@pytest.fixture
def database_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    url = f"sqlite:///{tmp_path / 'raqib.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("REDIS_URL", NO_BROKER)
    monkeypatch.setenv("RAQIB_EMAIL_HASH_SECRET", "unit-test-secret")
    get_settings.cache_clear()
    upgrade(url)
    yield url
    get_engine(url).dispose()
    get_settings.cache_clear()


@pytest.fixture
def session(database_url: str) -> Iterator[Session]:
    with get_sessionmaker(database_url)() as db_session:
        yield db_session


class RecordingQueue:
    """Stands in for the broker: records each enqueued id and whether its row was committed by then."""

    def __init__(self, database_url: str) -> None:
        self.database_url = database_url
        self.ids: list[str] = []
        self.committed_before_enqueue: list[bool] = []
        self.accepts = True  # False: as if Redis were down (the comment must be accepted anyway)

    def __call__(self, comment_id: str) -> bool:
        with get_sessionmaker(self.database_url)() as other_session:  # sees committed rows only
            self.committed_before_enqueue.append(other_session.get(Comment, comment_id) is not None)
        self.ids.append(comment_id)
        return self.accepts


@pytest.fixture(autouse=True)
def queue(database_url: str, monkeypatch: pytest.MonkeyPatch) -> RecordingQueue:
    fake = RecordingQueue(database_url)
    monkeypatch.setattr(submission, "enqueue_scoring", fake)
    return fake
