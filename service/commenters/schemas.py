"""Request and answer shapes of the commenter endpoints."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from service.commenters.standing import AuthorActionKind
from service.inputs import SafeLine, SafeText

AUTHOR_HASH = r"^[0-9a-f]{64}$"


class AuthorActionBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    site: Annotated[SafeLine, Field(min_length=1, max_length=200)]
    action: AuthorActionKind
    note: Annotated[SafeText, Field(max_length=2000)] | None = None
    until: AwareDatetime | None = None  # suspend: when the suspension ends (with its UTC offset)
    reject_pending: bool = False  # ban: reject the author's comments still waiting on this site


class AuthorActionOut(BaseModel):
    """One action on a commenter, with the standing before and after it."""

    id: int
    site: str
    action: str
    note: str | None
    until: str | None
    before: dict[str, Any]
    after: dict[str, Any]
    actor: str
    undoes_id: int | None
    rejected_comments: int
    created_at: str | None


class AuthorOut(BaseModel):
    """A commenter on the caller's sites: counts per site and status, latest comments, standing, actions."""

    author_email_hash: str
    counts: dict[str, dict[str, int]]
    total: int
    latest: list[dict[str, Any]]
    standings: list[dict[str, Any]]
    actions: list[AuthorActionOut]
