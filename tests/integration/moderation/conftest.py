"""Moderation fixtures: a fresh PostgreSQL database migrated to head, three accounts, and API clients."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlalchemy.orm import Session

from service.config import get_settings
from service.db import dispose_engines, get_engine, get_sessionmaker
from service.moderation.accounts import create_user
from service.moderation.tokens import create_token

from ..pg import migrated_database
from .seed import PASSWORD, SECRET

PER_TEST_TABLES = (
    "moderation_actions, moderation_reports, moderation_login_failures, moderation_sessions, "
    "moderation_api_tokens, moderation_admin_changes, site_terms, comment_scores, shadow_scores, "
    "model_changes, comments, site_policies, author_standings, author_actions, site_keys, sites"
)
SITE_A, SITE_B = "site-a.example", "site-b.example"
ADMIN, MOD_A, MOD_B = "admin@raqib.test", "mod-a@raqib.test", "mod-b@raqib.test"


@pytest.fixture(scope="session")
def mod_db_url() -> Iterator[str]:
    """raqib_mod_<pid>: created, migrated with Alembic (0001 + 0002), dropped at the end."""
    with migrated_database("raqib_mod") as url:
        yield url


@pytest.fixture(scope="session")
def configured(mod_db_url: str) -> Iterator[str]:
    """Point the service's settings at the test database for the whole session."""
    patch = pytest.MonkeyPatch()
    patch.setenv("DATABASE_URL", mod_db_url)
    patch.setenv("RAQIB_DATABASE_URL", mod_db_url)
    patch.setenv("RAQIB_EMAIL_HASH_SECRET", SECRET)
    get_settings.cache_clear()
    dispose_engines()
    yield mod_db_url
    patch.undo()
    get_settings.cache_clear()
    dispose_engines()


@dataclass(frozen=True)
class Accounts:
    admin: int
    mod_a: int
    mod_b: int


@pytest.fixture(scope="session")
def accounts(configured: str) -> Accounts:
    """admin@ (every site), mod-a@ (site A only), mod-b@ (site B only); hashed once per session."""
    with get_sessionmaker()() as session:
        admin = create_user(session, email=ADMIN, password=PASSWORD, role="admin", sites=[])
        mod_a = create_user(session, email=MOD_A, password=PASSWORD, role="moderator", sites=[SITE_A])
        mod_b = create_user(session, email=MOD_B, password=PASSWORD, role="moderator", sites=[SITE_B])
        session.commit()
        return Accounts(admin.id, mod_a.id, mod_b.id)


@pytest.fixture
def db(configured: str, accounts: Accounts, monkeypatch: pytest.MonkeyPatch) -> Iterator[Session]:
    """A session on a database emptied of everything but the accounts."""
    with get_engine().begin() as conn:
        conn.execute(text(f"TRUNCATE {PER_TEST_TABLES} RESTART IDENTITY CASCADE"))
    session = get_sessionmaker()()
    yield session
    session.close()
    get_settings.cache_clear()  # a test may have changed the environment through monkeypatch


@dataclass(frozen=True)
class Tokens:
    admin: dict[str, str]
    mod_a: dict[str, str]
    mod_b: dict[str, str]


@pytest.fixture
def tokens(db: Session, accounts: Accounts) -> Tokens:
    """Bearer headers for each account."""
    made = {}
    for name in ("admin", "mod_a", "mod_b"):
        plain, _ = create_token(db, getattr(accounts, name), f"{name} tool")
        made[name] = {"Authorization": f"Bearer {plain}"}
    db.commit()
    return Tokens(**made)


@pytest.fixture
def app(configured: str):  # type: ignore[no-untyped-def]
    from service.app import create_app

    return create_app()


@pytest.fixture
def client(app, db: Session) -> TestClient:  # type: ignore[no-untyped-def]
    """An API client without lifespan (no model loading): moderation needs only the database."""
    return TestClient(app)


@pytest.fixture
def browser(app, db: Session) -> TestClient:  # type: ignore[no-untyped-def]
    """A second client, for cookie-based tests that must not share the API client's cookies."""
    return TestClient(app)
