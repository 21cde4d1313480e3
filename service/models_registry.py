"""Imports every table module so Base.metadata is complete (Alembic, tests, create_all)."""

from __future__ import annotations

import service.comments.models
import service.moderation.models
import service.scoring.registry_record
import service.shadow.models  # noqa: F401
from service.db import Base

metadata = Base.metadata
