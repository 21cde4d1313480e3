"""Sites' own moderation policies.

Revision ID: 0009_site_policies
Revises: 0008_webhooks
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009_site_policies"
down_revision = "0008_webhooks"
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "site_policies",
        sa.Column("site", sa.String(200), primary_key=True),
        sa.Column("policy", sa.JSON(), nullable=False),
        sa.Column("updated_at", TS, nullable=False),
        sa.Column("updated_by", sa.String(320), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("site_policies")
