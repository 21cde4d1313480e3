"""The model registry in the database (model_changes), the shadow model's scores (shadow_scores), the labels a
moderator's decision teaches (moderation_actions.labels), and audit entries about the whole service
(moderation_actions.comment_id NULL: a model promoted, rolled back or put in shadow).

Revision ID: 0007_model_registry
Revises: 0006_terms_signals
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from service.db import UTCDateTime

revision = "0007_model_registry"
down_revision = "0006_terms_signals"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "model_changes",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("created_at", UTCDateTime, nullable=False),
        sa.Column("actor", sa.String(320), nullable=False),
        sa.Column("action", sa.String(30), nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("from_version", sa.String(100)),
        sa.Column("to_version", sa.String(100)),
        sa.Column("forced", sa.Boolean, nullable=False),
        sa.Column("details", sa.JSON, nullable=False),
    )
    op.create_index("ix_model_changes_created_at", "model_changes", ["created_at"])
    op.create_table(
        "shadow_scores",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "comment_id", sa.String(32), sa.ForeignKey("comments.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("model_version", sa.String(100), nullable=False),
        sa.Column("probabilities", sa.JSON, nullable=False),
        sa.Column("decision", sa.String(20), nullable=False),
        sa.Column("reasons", sa.JSON, nullable=False),
        sa.Column("created_at", UTCDateTime, nullable=False),
        sa.UniqueConstraint("comment_id", "model_version", name="uq_shadow_scores_comment_model"),
    )
    op.create_index("ix_shadow_scores_comment_id", "shadow_scores", ["comment_id"])
    op.create_index("ix_shadow_scores_model_version", "shadow_scores", ["model_version"])
    # Adding a nullable column and dropping NOT NULL touch no row, so the append-only trigger is not involved.
    with op.batch_alter_table("moderation_actions") as batch:
        batch.add_column(sa.Column("labels", sa.JSON, nullable=True))
        batch.alter_column("comment_id", existing_type=sa.String(32), nullable=True)


def downgrade() -> None:
    # Entries about the whole service have no comment; the old schema cannot hold them.
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TABLE moderation_actions DISABLE TRIGGER moderation_actions_append_only")
    op.execute("DELETE FROM moderation_actions WHERE comment_id IS NULL")
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TABLE moderation_actions ENABLE TRIGGER moderation_actions_append_only")
    with op.batch_alter_table("moderation_actions") as batch:
        batch.alter_column("comment_id", existing_type=sa.String(32), nullable=False)
        batch.drop_column("labels")
    op.drop_table("shadow_scores")
    op.drop_table("model_changes")
