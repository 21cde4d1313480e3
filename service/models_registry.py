"""Imports every table module so Base.metadata is complete (Alembic, tests, create_all)."""

from __future__ import annotations

import service.commenters.models
import service.comments.models
import service.moderation.admin_audit
import service.moderation.models
import service.scoring.registry_record
import service.shadow.models
import service.site_policy.models
import service.sites.models
import service.terms.models
import service.webhooks.models  # noqa: F401
from service.db import Base

metadata = Base.metadata
