"""Argument types shared by the operators' commands (``raqib labels export --since``, ``raqib rescore``)."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime


def since_date(value: str) -> datetime:
    """``2026-12-01`` or an ISO date-time; a date means its midnight UTC, a naive time is UTC."""
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date (YYYY-MM-DD or ISO 8601)") from exc
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
