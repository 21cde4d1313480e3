"""Validation of a submitted comment: every problem is collected, none is raised alone, no value is echoed."""

from __future__ import annotations

import ipaddress
import re
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from email_validator import EmailNotValidError, validate_email

from service.comments.errors import ApiError, FieldError
from service.comments.schemas import (
    ACCEPTED_FIELDS,
    ARTICLE_FIELDS,
    MAX_CHARS,
    MULTILINE_FIELDS,
    REQUIRED_FIELDS,
    URL_FIELDS,
    CommentSubmission,
)
from service.config import Settings
from service.inputs import normalize_site, printable_name, text_problem

_IDEMPOTENCY_KEY = re.compile(r"^[\x21-\x7e]{1,200}$")


def _limits(settings: Settings) -> dict[str, int]:
    return {**MAX_CHARS, "body": settings.body_max_chars, "author_name": settings.author_name_max_chars}


def _check_url(value: str) -> bool:
    try:
        parts = urlsplit(value)
    except ValueError:
        return False
    return parts.scheme in {"http", "https"} and bool(parts.hostname) and " " not in value


def _check_datetime(value: str) -> datetime | None:
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _check_field(name: str, value: str, limit: int) -> tuple[Any, FieldError | None]:
    """The cleaned value of one present, non-blank string field, or the first problem with it."""
    # Tab and newlines are allowed in the body only; a lone surrogate nowhere (it cannot be stored).
    problem = text_problem(value, multiline=name in MULTILINE_FIELDS)
    if problem:
        return None, FieldError(name, problem)
    if name == "site":
        value = normalize_site(value)
        if not value:
            return None, FieldError(name, "blank")
    if len(value) > limit:
        return None, FieldError(name, "too_long", {"limit": limit})
    if name in URL_FIELDS and not _check_url(value):
        return None, FieldError(name, "invalid_url")
    if name == "author_email":
        try:
            # Syntax only: no DNS lookups on the request path.
            return validate_email(value, check_deliverability=False).normalized, None
        except EmailNotValidError:
            return None, FieldError(name, "invalid_email")
    if name == "author_ip":
        try:
            return str(ipaddress.ip_address(value)), None
        except ValueError:
            return None, FieldError(name, "invalid_ip")
    if name in ("submitted_at", "form_rendered_at"):
        parsed = _check_datetime(value)
        return (parsed, None) if parsed else (None, FieldError(name, "invalid_datetime"))
    return value, None


def validate_submission(data: Any, settings: Settings) -> CommentSubmission:
    """Check a decoded JSON body against the form's rules; raise ApiError(422) listing every problem."""
    if not isinstance(data, dict):
        raise ApiError(422, [FieldError(None, "not_an_object")])
    errors: list[FieldError] = [
        FieldError(printable_name(str(name)), "unknown_field") for name in data if name not in ACCEPTED_FIELDS
    ]
    limits = _limits(settings)
    clean: dict[str, Any] = {}
    for name in sorted(ACCEPTED_FIELDS, key=_field_order):
        if name not in data or data[name] is None:
            if name in REQUIRED_FIELDS:
                errors.append(FieldError(name, "required"))
            continue
        raw = data[name]
        if not isinstance(raw, str):
            errors.append(FieldError(name, "invalid_type"))
            continue
        value = raw.strip()
        if not value:
            if name in REQUIRED_FIELDS:
                errors.append(FieldError(name, "blank"))
            continue
        cleaned, error = _check_field(name, value, limits[name])
        if error:
            errors.append(error)
        else:
            clean[name] = cleaned
    if not any(clean.get(name) for name in ARTICLE_FIELDS) and not any(
        e.field in ARTICLE_FIELDS for e in errors
    ):
        errors.append(FieldError("article_id", "article_or_permalink"))
    if errors:
        raise ApiError(422, errors)
    return CommentSubmission(**clean)


_ORDER = {
    name: i
    for i, name in enumerate(("site", "article_id", "permalink", "author_name", "author_email", "body"))
}


def _field_order(name: str) -> tuple[int, str]:
    # Errors follow the form's order, so a site can show them next to its fields top to bottom.
    return (_ORDER.get(name, len(_ORDER)), name)


def check_idempotency_key(value: str | None) -> str | None:
    """The Idempotency-Key header if it is well formed; ApiError(400) otherwise."""
    if value is None:
        return None
    if not _IDEMPOTENCY_KEY.match(value):
        raise ApiError(400, [FieldError("Idempotency-Key", "invalid_idempotency_key")])
    return value
