"""Routers of the moderator workspace, included by service.app.create_app()."""

from __future__ import annotations

from fastapi import APIRouter

routers: list[APIRouter] = []
