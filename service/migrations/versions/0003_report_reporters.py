"""Reader reports remember who reported (a keyed hash), so one reader's repeated reports count once.

Revision ID: 0003_report_reporters
Revises: 0002_moderation
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_report_reporters"
down_revision = "0002_moderation"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Existing reports have no reporter (NULL): unique indexes never treat NULLs as equal, so they all stay.
    with op.batch_alter_table("moderation_reports") as batch:
        batch.add_column(sa.Column("reporter_hash", sa.String(64), nullable=True))
    op.create_index(
        "uq_moderation_reports_comment_reporter",
        "moderation_reports",
        ["comment_id", "reporter_hash"],
        unique=True,
    )


def downgrade() -> None:
    op.drop_index("uq_moderation_reports_comment_reporter", table_name="moderation_reports")
    with op.batch_alter_table("moderation_reports") as batch:
        batch.drop_column("reporter_hash")
