"""OpenAPI shapes of the moderation API's answers. Documentation only: routes return the plain dicts of
:mod:`service.moderation.views`; these models say what those dicts hold (the schema test checks it)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel


class QueueItem(BaseModel):
    id: str
    site: str
    article_id: str | None
    parent_id: str | None
    status: str
    version: int
    created_at: str | None
    decided_at: str | None
    decided_by: str | None
    author_name: str
    author_email_masked: str
    author_email_hash: str
    body: str
    excerpt: str
    probabilities: dict[str, float]
    decision: str | None
    reasons: list[str]
    explanations: list[dict[str, Any]]  # each reason: code, ar, en (and the finding's numbers or term)
    model_version: str | None
    report_count: int


class QueuePageOut(BaseModel):
    items: list[QueueItem]
    next_cursor: str | None


class CountOut(BaseModel):
    waiting: int
    held: int
    flagged: int
    reported: int


class AuditEntry(BaseModel):
    id: int
    comment_id: str | None  # None on entries about the whole service (model changes)
    site: str
    seq: int
    actor: str
    action: str
    note: str | None
    before_status: str
    after_status: str
    model_version: str | None
    scores: dict[str, Any]
    labels: dict[str, bool] | None
    undoes_id: int | None
    bulk_id: str | None
    created_at: str | None


class AuditPageOut(BaseModel):
    items: list[AuditEntry]
    next_cursor: int | None


class ParentOut(BaseModel):
    id: str
    author_name: str
    body: str
    status: str
    created_at: str | None


class ReportOut(BaseModel):
    reason: str
    created_at: str | None


class ModerationCommentOut(QueueItem):
    spans: dict[str, Any]
    dialect: str | None
    parent: ParentOut | None
    author_history: dict[str, int]
    actions: list[AuditEntry]
    reports: list[ReportOut]


class ActionOut(BaseModel):
    id: str
    action: str
    status: str
    version: int
    audit_id: int


class ConflictOut(BaseModel):
    detail: str
    current: dict[str, Any]


class BulkOut(BaseModel):
    action: str
    results: list[dict[str, Any]]


class UndoOut(BaseModel):
    results: list[dict[str, Any]]


class ItemsOut(BaseModel):
    items: list[dict[str, Any]]


class MeOut(BaseModel):
    id: int
    email: str
    role: str
    sites: list[str] | None


class TokenCreatedOut(BaseModel):
    id: int
    name: str
    prefix: str
    token: str


class UserOut(BaseModel):
    id: int
    email: str
    role: str
    sites: list[str]


class SitesOut(BaseModel):
    id: int
    sites: list[str]


class ActiveOut(BaseModel):
    id: int
    active: bool


class ReportAcceptedOut(BaseModel):
    id: str
    report_count: int
    status: str
    requeued: bool
    duplicate: bool
    capped: bool


def answers(model: type[BaseModel], status: int = 200, **more: Any) -> dict[str, Any]:
    """Route keyword arguments documenting ``model`` as the answer (the route still returns a dict)."""
    responses: dict[int | str, Any] = {status: {"model": model, "description": model.__doc__ or "OK"}}
    responses.update(more)
    return {"response_model": None, "responses": responses}
