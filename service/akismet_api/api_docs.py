"""OpenAPI shapes of the Akismet-compatible endpoints: form-encoded requests, plain-text answers."""

from __future__ import annotations

from typing import Any

_COMMENT_FIELDS = (
    "permalink", "comment_type", "comment_author", "comment_author_email", "comment_author_url",
    "comment_content", "comment_date_gmt", "comment_post_modified_gmt", "referrer", "user_agent",
    "blog_lang", "blog_charset", "user_role", "is_test", "recheck_reason", "honeypot_field_name",
)  # fmt: skip
_STRING = {"type": "string"}
_TEXT = {"text/plain": {"schema": _STRING}}
_DEBUG_HEADER = {
    "X-akismet-debug-help": {"schema": _STRING, "description": "What was wrong with the request"}
}
_ERROR_JSON = {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}


def _form(required: list[str], fields: tuple[str, ...]) -> dict[str, Any]:
    schema = {
        "type": "object",
        "required": required,
        "properties": {name: _STRING for name in (*required, *fields)},
        "additionalProperties": _STRING,  # Akismet asks for the server's environment too; ignored here
    }
    return {
        "requestBody": {
            "required": True,
            "content": {"application/x-www-form-urlencoded": {"schema": schema}},
        }
    }


def _bad_request(description: str) -> dict[str, Any]:
    return {"description": description, "content": _TEXT, "headers": _DEBUG_HEADER}


_COMMON = {
    400: _bad_request("A required field is missing or a field is refused (the body names it)"),
    413: _bad_request("The body is over RAQIB_REQUEST_MAX_BYTES"),
}

VERIFY_KEY: dict[str, Any] = {
    "openapi_extra": _form(["key", "blog"], ("api_key",)),
    "responses": {
        200: {"description": "`valid`, or `invalid` for a key that is no site's", "content": _TEXT},
        **_COMMON,
    },
}
COMMENT_CHECK: dict[str, Any] = {
    "openapi_extra": _form(["api_key", "blog", "user_ip"], _COMMENT_FIELDS),
    "responses": {
        200: {
            "description": "`true` (spam, or held for a moderator), `false` (published), `invalid` (key). "
            "`X-akismet-pro-tip: discard` when the model rejected it as clear spam",
            "content": _TEXT,
            "headers": {
                "X-akismet-pro-tip": {"schema": _STRING},
                "X-akismet-guid": {"schema": _STRING, "description": "The stored comment's id"},
                "X-Raqib-Status": {"schema": _STRING, "description": "published, held or rejected"},
            },
        },
        **_COMMON,
        503: {
            "description": "No verdict within RAQIB_AKISMET_VERDICT_WAIT_SECONDS (the comment is stored: "
            "send it again later), or the database is out of reach",
            "content": {**_TEXT, **_ERROR_JSON},
        },
    },
}
SUBMIT: dict[str, Any] = {
    "openapi_extra": _form(["api_key", "blog", "user_ip"], _COMMENT_FIELDS),
    "responses": {
        200: {
            "description": "`Thanks for making the web a better place.`, or `invalid` (key)",
            "content": _TEXT,
        },
        **_COMMON,
        404: _bad_request("The comment is gone"),
        409: _bad_request("A moderator was changing the comment: send it again"),
    },
}
