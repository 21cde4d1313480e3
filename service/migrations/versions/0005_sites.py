"""The site registry (sites and their hashed keys) and comments' read tokens.

Keys of the old RAQIB_SITE_KEYS variable are brought over by `raqib sites import-env` (hashed).

Revision ID: 0005_sites
Revises: 0004_remask_stored_text
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_sites"
down_revision = "0004_remask_stored_text"
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "sites",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("name", sa.String(200), nullable=False, unique=True),
        sa.Column("title", sa.String(200), nullable=True),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("revoked_at", TS, nullable=True),
    )
    op.create_table(
        "site_keys",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("site_id", sa.Integer(), sa.ForeignKey("sites.id", ondelete="CASCADE"), nullable=False),
        sa.Column("key_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("prefix", sa.String(16), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("expires_at", TS, nullable=True),
        sa.Column("revoked_at", TS, nullable=True),
    )
    op.create_index("ix_site_keys_site_id", "site_keys", ["site_id"])
    # Comments stored before this have no read token: only their site's key reads them.
    with op.batch_alter_table("comments") as batch:
        batch.add_column(sa.Column("read_token_hash", sa.String(64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("comments") as batch:
        batch.drop_column("read_token_hash")
    op.drop_index("ix_site_keys_site_id", table_name="site_keys")
    op.drop_table("site_keys")
    op.drop_table("sites")
