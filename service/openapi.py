"""The OpenAPI document as the API really answers: every operation's error shapes are declared.

Two error shapes exist: the API's own ``{"message", "errors": [{"field", "code", "message"}]}`` (comment API,
and the input guard everywhere), and FastAPI's ``{"detail": ...}`` (moderation API). Each operation
declares the 4xx it can answer with either shape, and 503 where the database may be out of reach.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

_MESSAGE = {
    "type": "object",
    "required": ["ar", "en"],
    "properties": {"ar": {"type": "string"}, "en": {"type": "string"}},
}
ERROR_BODY = {
    "title": "ErrorBody",
    "type": "object",
    "required": ["message", "errors"],
    "properties": {
        "message": _MESSAGE,
        "errors": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["field", "code", "message"],
                "properties": {
                    "field": {"type": ["string", "null"]},
                    "code": {"type": "string"},
                    "message": _MESSAGE,
                },
            },
        },
    },
}
DETAIL_BODY = {
    "title": "DetailBody",
    "type": "object",
    "required": ["detail"],
    "properties": {"detail": {}},
}
_EITHER = {"anyOf": [{"$ref": "#/components/schemas/ErrorBody"}, {"$ref": "#/components/schemas/DetailBody"}]}
_ERROR_RESPONSE = {"description": "The request cannot be served as sent", "content": {"application/json": {}}}


def _document_errors(schema: dict[str, Any]) -> dict[str, Any]:
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    components["ErrorBody"] = ERROR_BODY
    components["DetailBody"] = DETAIL_BODY
    for operations in schema.get("paths", {}).values():
        for operation in operations.values():
            responses = operation.setdefault("responses", {})
            error = {**_ERROR_RESPONSE, "content": {"application/json": {"schema": _EITHER}}}
            responses["422"] = {**error, "description": "A field is missing, malformed or refused"}
            responses.setdefault("4XX", error)
            responses.setdefault(
                "503",
                {
                    "description": "The database is out of reach: nothing was stored, retry (Retry-After)",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}},
                },
            )
    return schema


def install_openapi(app: FastAPI) -> None:
    """Make ``app.openapi()`` return the document with every error shape declared."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = get_openapi(title=app.title, version=app.version, routes=app.routes)
            app.openapi_schema = _document_errors(schema)
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
