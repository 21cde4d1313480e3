"""Mask again what was stored in clear before: report reasons, moderator notes, links' query strings, the
URL-encoded and Arabic spellings of addresses in comments; Idempotency-Keys become keyed hashes.

Revision ID: 0004_remask_stored_text
Revises: 0003_report_reporters
Create Date: 2026-12-01
"""

from __future__ import annotations

from alembic import op

revision = "0004_remask_stored_text"
down_revision = "0003_report_reporters"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from service.config import get_settings
    from service.remask import remask_stored

    remask_stored(op.get_bind(), get_settings().email_hash_secret.get_secret_value())


def downgrade() -> None:
    pass  # what was masked stays masked: the clear text is gone on purpose
