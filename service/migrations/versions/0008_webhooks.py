"""Webhooks: each site's callback URL and secret, and the deliveries of its events.

Revision ID: 0008_webhooks
Revises: 0007_model_registry
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008_webhooks"
down_revision = "0007_model_registry"
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "site_webhooks",
        sa.Column("site", sa.String(200), primary_key=True),
        sa.Column("url", sa.String(2000), nullable=False),
        sa.Column("secret", sa.String(100), nullable=False),
        sa.Column("previous_secret", sa.String(100), nullable=True),
        sa.Column("previous_secret_until", TS, nullable=True),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("updated_at", TS, nullable=False),
    )
    op.create_table(
        "webhook_deliveries",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("site", sa.String(200), nullable=False),
        sa.Column("event", sa.String(40), nullable=False),
        sa.Column("comment_id", sa.String(32), nullable=True),
        sa.Column("ref", sa.String(100), nullable=True),
        sa.Column("body", sa.Text(), nullable=True),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_status_code", sa.Integer(), nullable=True),
        sa.Column("last_error", sa.String(500), nullable=True),
        sa.Column("next_try_at", TS, nullable=False),
        sa.Column("locked_until", TS, nullable=True),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("last_attempt_at", TS, nullable=True),
        sa.Column("delivered_at", TS, nullable=True),
    )
    op.create_index("ix_webhook_deliveries_comment_id", "webhook_deliveries", ["comment_id"])
    op.create_index("ix_webhook_deliveries_site_created", "webhook_deliveries", ["site", "created_at"])
    op.create_index("ix_webhook_deliveries_status_next_try", "webhook_deliveries", ["status", "next_try_at"])


def downgrade() -> None:
    op.drop_table("webhook_deliveries")
    op.drop_table("site_webhooks")
