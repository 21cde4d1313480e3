"""Request bodies of the moderation API (responses are plain dicts built in views.py)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class ActionBody(BaseModel):
    """An action on one comment; send what you saw (status and/or version) to be told of conflicts."""

    model_config = ConfigDict(extra="forbid")

    note: str | None = Field(default=None, max_length=2000)
    expected_status: str | None = None
    expected_version: int | None = Field(default=None, ge=0)


class ExpectedState(BaseModel):
    status: str | None = None
    version: int | None = Field(default=None, ge=0)


class BulkBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    action: str
    ids: list[str] = Field(min_length=1, max_length=200)
    note: str | None = Field(default=None, max_length=2000)
    expected: dict[str, ExpectedState] = Field(default_factory=dict)


class ReportBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reason: str = Field(min_length=1, max_length=500)
    site: str | None = Field(default=None, max_length=200)
    # The site's id for the reader who reports (or their address): repeated reports by one reader count once.
    reporter: str | None = Field(default=None, min_length=1, max_length=200)


class TokenBody(BaseModel):
    name: str = Field(min_length=1, max_length=200)


class UserBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    email: str = Field(max_length=320)
    password: str = Field(min_length=1, max_length=1000)
    role: str
    sites: list[str] = Field(default_factory=list)


class SitesBody(BaseModel):
    sites: list[str]


class ActiveBody(BaseModel):
    active: bool
