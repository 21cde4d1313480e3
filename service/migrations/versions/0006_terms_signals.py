"""Term lists per site, spam signals of each comment, what they found in each verdict, and the append-only
log of admins' changes.

Revision ID: 0006_terms_signals
Revises: 0005_sites
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_terms_signals"
down_revision = "0005_sites"
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)
APPEND_ONLY_FUNCTION = """
CREATE OR REPLACE FUNCTION moderation_admin_changes_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'moderation_admin_changes is append-only';
END;
$$ LANGUAGE plpgsql
"""
APPEND_ONLY_TRIGGER = """
CREATE TRIGGER moderation_admin_changes_append_only
BEFORE UPDATE OR DELETE ON moderation_admin_changes
FOR EACH ROW EXECUTE FUNCTION moderation_admin_changes_append_only()
"""


def upgrade() -> None:
    op.create_table(
        "site_terms",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("site", sa.String(200), nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("term", sa.String(200), nullable=False),
        sa.Column("match_key", sa.String(400), nullable=False),
        sa.Column("created_by", sa.String(320), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.UniqueConstraint("site", "match_key", name="uq_site_terms_site_key"),
    )
    op.create_index("ix_site_terms_site", "site_terms", ["site"])
    op.create_table(
        "moderation_admin_changes",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("actor_id", sa.Integer(), sa.ForeignKey("moderation_users.id"), nullable=True),
        sa.Column("actor", sa.String(320), nullable=False),
        sa.Column("action", sa.String(40), nullable=False),
        sa.Column("site", sa.String(200), nullable=True),
        sa.Column("before", sa.JSON(), nullable=True),
        sa.Column("after", sa.JSON(), nullable=True),
        sa.Column("created_at", TS, nullable=False),
    )
    op.create_index("ix_moderation_admin_changes_site", "moderation_admin_changes", ["site"])
    op.create_index("ix_moderation_admin_changes_created_at", "moderation_admin_changes", ["created_at"])
    with op.batch_alter_table("comments") as batch:
        batch.add_column(sa.Column("signals", sa.JSON(), nullable=True))
    with op.batch_alter_table("comment_scores") as batch:
        batch.add_column(sa.Column("findings", sa.JSON(), nullable=True))
    if op.get_bind().dialect.name == "postgresql":
        op.execute(APPEND_ONLY_FUNCTION)
        op.execute(APPEND_ONLY_TRIGGER)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS moderation_admin_changes_append_only ON moderation_admin_changes")
        op.execute("DROP FUNCTION IF EXISTS moderation_admin_changes_append_only()")
    with op.batch_alter_table("comment_scores") as batch:
        batch.drop_column("findings")
    with op.batch_alter_table("comments") as batch:
        batch.drop_column("signals")
    op.drop_table("moderation_admin_changes")
    op.drop_table("site_terms")
