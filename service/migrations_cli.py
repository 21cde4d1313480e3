"""``raqib db upgrade|current|downgrade``: Alembic without an alembic.ini, driven by the service settings."""

from __future__ import annotations

import argparse
from pathlib import Path

from alembic import command
from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def alembic_config(url: str | None = None) -> Config:
    """An Alembic config pointing at service/migrations; ``url`` overrides the settings' database URL."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if url:
        # ConfigParser interpolates '%'; URL-encoded passwords must survive.
        config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade(url: str | None = None, revision: str = "head") -> None:
    """Bring the database at ``url`` (default: settings) up to ``revision``."""
    command.upgrade(alembic_config(url), revision)


def _remask(url: str | None) -> None:
    from service.config import get_settings
    from service.db import get_engine
    from service.remask import remask_stored

    with get_engine(url).begin() as conn:
        counts = remask_stored(conn, get_settings().email_hash_secret.get_secret_value())
    print("raqib db remask: rows changed " + ", ".join(f"{k}={v}" for k, v in counts.items()))


def cli(argv: list[str]) -> int:
    """Entry point of ``raqib db``."""
    parser = argparse.ArgumentParser(prog="raqib db", description="database migrations")
    parser.add_argument("--url", help="database URL (default: DATABASE_URL / the embedded SQLite file)")
    sub = parser.add_subparsers(dest="action", required=True)
    up = sub.add_parser("upgrade", help="apply migrations up to REVISION (default head)")
    up.add_argument("revision", nargs="?", default="head")
    sub.add_parser("current", help="print the revision the database is at")
    sub.add_parser("remask", help="mask stored free text again with today's e-mail masker")
    down = sub.add_parser("downgrade", help="revert migrations down to REVISION (e.g. -1 or base)")
    down.add_argument("revision")
    args = parser.parse_args(argv)

    config = alembic_config(args.url)
    if args.action == "upgrade":
        command.upgrade(config, args.revision)
    elif args.action == "current":
        command.current(config, verbose=False)
    elif args.action == "remask":
        _remask(args.url)
    else:
        command.downgrade(config, args.revision)
    return 0
