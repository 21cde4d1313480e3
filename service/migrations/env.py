"""Alembic environment: metadata from service.models_registry, URL from the service settings."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from service.config import get_settings
from service.db import get_engine
from service.models_registry import metadata

config = context.config


def _url() -> str:
    # An explicit URL set by the caller (tests, migrations_cli --url) wins over the settings.
    return config.get_main_option("sqlalchemy.url") or get_settings().database_url


def _configure(connection: Connection | None = None, url: str | None = None) -> None:
    context.configure(
        connection=connection,
        url=url,
        target_metadata=metadata,
        render_as_batch=_url().startswith("sqlite"),  # SQLite needs batch mode to alter tables
        compare_type=True,
    )


def run_offline() -> None:
    """Emit SQL without a database connection (alembic upgrade --sql)."""
    _configure(url=_url())
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    """Apply migrations through the service's own engine (same SQLite pragmas as the app)."""
    with get_engine(_url()).connect() as connection:
        _configure(connection=connection)
        with context.begin_transaction():
            context.run_migrations()
        connection.commit()


if context.is_offline_mode():
    run_offline()
else:
    run_online()
