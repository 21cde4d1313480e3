"""Comments and their scores.

Revision ID: 0001_comments
Revises:
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001_comments"
down_revision = None
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "comments",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("site", sa.String(200), nullable=False),
        sa.Column("article_id", sa.String(500), nullable=True),
        sa.Column("permalink", sa.String(2000), nullable=True),
        sa.Column("parent_id", sa.String(32), sa.ForeignKey("comments.id"), nullable=True),
        sa.Column("author_name", sa.String(200), nullable=False),
        sa.Column("author_email_masked", sa.String(320), nullable=False),
        sa.Column("author_email_hash", sa.String(64), nullable=False),
        sa.Column("author_url", sa.String(2000), nullable=True),
        sa.Column("author_ip", sa.String(64), nullable=True),
        sa.Column("user_agent", sa.String(1000), nullable=True),
        sa.Column("referrer", sa.String(2000), nullable=True),
        sa.Column("lang", sa.String(20), nullable=True),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("body_normalized", sa.Text(), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("model_version", sa.String(100), nullable=True),
        sa.Column("idempotency_key", sa.String(200), nullable=True),
        sa.Column("request_fingerprint", sa.String(64), nullable=True),
        sa.Column("report_count", sa.Integer(), nullable=False),
        sa.Column("enqueue_attempts", sa.Integer(), nullable=False),
        sa.Column("submitted_at", TS, nullable=True),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("updated_at", TS, nullable=False),
        sa.Column("enqueued_at", TS, nullable=True),
        sa.Column("scored_at", TS, nullable=True),
        sa.Column("decided_at", TS, nullable=True),
        sa.Column("decided_by", sa.String(200), nullable=True),
        sa.UniqueConstraint("site", "idempotency_key", name="uq_comments_site_idempotency_key"),
    )
    op.create_index("ix_comments_site", "comments", ["site"])
    op.create_index("ix_comments_parent_id", "comments", ["parent_id"])
    op.create_index("ix_comments_author_email_hash", "comments", ["author_email_hash"])
    op.create_index("ix_comments_site_article_status", "comments", ["site", "article_id", "status"])
    op.create_index("ix_comments_status_created", "comments", ["status", "created_at"])

    op.create_table(
        "comment_scores",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column(
            "comment_id", sa.String(32), sa.ForeignKey("comments.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("model_version", sa.String(100), nullable=False),
        sa.Column("probabilities", sa.JSON(), nullable=False),
        sa.Column("spans", sa.JSON(), nullable=False),
        sa.Column("dialect", sa.String(20), nullable=True),
        sa.Column("decision", sa.String(20), nullable=False),
        sa.Column("reasons", sa.JSON(), nullable=False),
        sa.Column("latency_ms", sa.Float(), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.UniqueConstraint("comment_id", "model_version", name="uq_scores_comment_model"),
    )


def downgrade() -> None:
    op.drop_table("comment_scores")
    for name in (
        "ix_comments_status_created",
        "ix_comments_site_article_status",
        "ix_comments_author_email_hash",
        "ix_comments_parent_id",
        "ix_comments_site",
    ):
        op.drop_index(name, table_name="comments")
    op.drop_table("comments")
