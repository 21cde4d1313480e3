"""The table of sites' policies: one row per site that changed anything from the defaults."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, String
from sqlalchemy.orm import Mapped, mapped_column

from service.comments.models import utcnow
from service.db import Base, UTCDateTime


class SitePolicyRow(Base):
    __tablename__ = "site_policies"

    # The site's normalised name (service.inputs.normalize_site), as comments store it.
    site: Mapped[str] = mapped_column(String(200), primary_key=True)
    policy: Mapped[dict[str, Any]] = mapped_column(JSON)  # SitePolicy.model_dump(mode="json")
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_by: Mapped[str] = mapped_column(String(320))
