"""Imports every table module so Base.metadata is complete (Alembic, tests, create_all)."""

from __future__ import annotations

from service.db import Base

metadata = Base.metadata
