"""The term lists' table: one row per (site, term), keyed by the site's normalised name (no foreign key)."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from service.comments.models import utcnow
from service.db import Base, UTCDateTime


class TermKind(enum.StrEnum):
    BANNED = "banned"  # the comment is rejected
    SUSPECT = "suspect"  # the comment waits for a moderator


class SiteTerm(Base):
    __tablename__ = "site_terms"
    # One spelling per site: "حِمار" and "حمار" are one term, and a term is banned or suspect, not both.
    __table_args__ = (UniqueConstraint("site", "match_key", name="uq_site_terms_site_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    site: Mapped[str] = mapped_column(String(200), index=True)  # service.inputs.normalize_site
    kind: Mapped[str] = mapped_column(String(10))
    term: Mapped[str] = mapped_column(String(200))  # as the admin wrote it
    match_key: Mapped[str] = mapped_column(String(400))  # its words' match keys, space-separated
    created_by: Mapped[str] = mapped_column(String(320))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
