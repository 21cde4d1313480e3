"""OpenAPI shapes of the public comment API. Documentation only: the hot path validates by hand
(:mod:`service.comments.validation`), and these models say exactly what it accepts and answers."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from service.comments.schemas import MAX_CHARS

_Text = str | None


class CommentForm(BaseModel):
    """A reader's comment as the news site posts it. ``article_id`` or ``permalink`` is required."""

    model_config = ConfigDict(extra="forbid")

    site: str = Field(max_length=MAX_CHARS["site"], description="The site's name, e.g. alghad.example.")
    article_id: _Text = Field(None, max_length=MAX_CHARS["article_id"])
    permalink: _Text = Field(None, max_length=MAX_CHARS["permalink"], description="http(s) URL.")
    author_name: str = Field(description="RAQIB_AUTHOR_NAME_MAX_CHARS characters at most (100).")
    author_email: str = Field(max_length=MAX_CHARS["author_email"], description="Never stored in clear.")
    body: str = Field(description="RAQIB_BODY_MAX_CHARS characters at most (5000).")
    author_url: _Text = Field(None, max_length=MAX_CHARS["author_url"])
    parent_id: _Text = Field(None, max_length=MAX_CHARS["parent_id"])
    author_ip: _Text = Field(None, max_length=MAX_CHARS["author_ip"])
    user_agent: _Text = Field(None, max_length=MAX_CHARS["user_agent"])
    referrer: _Text = Field(None, max_length=MAX_CHARS["referrer"])
    lang: _Text = Field(None, max_length=MAX_CHARS["lang"])
    submitted_at: _Text = Field(None, max_length=MAX_CHARS["submitted_at"], description="ISO 8601.")
    honeypot: _Text = Field(
        None,
        max_length=MAX_CHARS["honeypot"],
        description="The value of a form field hidden from readers: only bots fill it in (the comment is "
        "then rejected, RAQIB_SIGNAL_ACTIONS). Never stored.",
    )
    form_rendered_at: _Text = Field(
        None,
        max_length=MAX_CHARS["form_rendered_at"],
        description="ISO 8601: when the site rendered the comment form. A comment sent back sooner than "
        "RAQIB_SIGNAL_MIN_SUBMIT_SECONDS after it was typed by a bot (held).",
    )


class AcceptedOut(BaseModel):
    id: str
    status: Literal["queued"]
    status_url: str
    read_token: str = Field(
        description="Send as X-Raqib-Read-Token to read this comment's status (a retry with the same "
        "Idempotency-Key is answered with the same token); only its hash is stored."
    )


class ReasonOut(BaseModel):
    """One reason of a verdict: a code, the sentences a moderator reads, and the finding's numbers or term
    (``term``, ``start``, ``end`` in the body for a term; ``of``, ``minutes`` for a near-duplicate ...)."""

    model_config = ConfigDict(extra="allow")

    code: str
    ar: str
    en: str


class ScoreOut(BaseModel):
    model_version: str
    probabilities: dict[str, float]
    decision: str
    reasons: list[str]
    explanations: list[ReasonOut]
    spans: dict[str, Any]
    dialect: str | None
    latency_ms: float
    scored_at: str


class DecisionOut(BaseModel):
    status: str
    by: str
    at: str | None


class CommentDetailOut(BaseModel):
    id: str
    site: str
    article_id: str | None
    permalink: str | None
    parent_id: str | None
    author_name: str
    author_email_masked: str
    author_url: str | None
    body: str
    lang: str | None
    status: Literal["queued", "published", "held", "rejected"]
    model_version: str | None
    decision: DecisionOut | None
    scores: list[ScoreOut]
    submitted_at: str | None
    created_at: str
    scored_at: str | None


class PublicCommentOut(BaseModel):
    id: str
    parent_id: str | None
    author_name: str
    author_url: str | None
    body: str
    created_at: str


class CommentPageOut(BaseModel):
    """Public items for an article's published comments; full details when the site's key was sent."""

    items: list[PublicCommentOut] | list[CommentDetailOut]
    next: str | None


def request_body(model: type[BaseModel]) -> dict[str, Any]:
    """An ``openapi_extra`` requestBody for a route that reads its JSON body by hand."""
    schema = model.model_json_schema()
    return {"requestBody": {"required": True, "content": {"application/json": {"schema": schema}}}}
