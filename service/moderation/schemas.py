"""Request bodies of the moderation API (responses are plain dicts built in views.py).

Every string is checked at the edge (:mod:`service.inputs`): no NUL or control character, no lone surrogate,
and integers stay within the database's range, so a hostile body is a 422, never a 500.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from service.inputs import DB_INT_MAX, SafeLine, SafeText

Id = Annotated[SafeLine, Field(max_length=64)]
Version = Annotated[int, Field(ge=0, le=DB_INT_MAX)]
Site = Annotated[SafeLine, Field(max_length=200)]


class ActionBody(BaseModel):
    """An action on one comment; send what you saw (status and/or version) to be told of conflicts."""

    model_config = ConfigDict(extra="forbid")

    note: Annotated[SafeText, Field(max_length=2000)] | None = None
    expected_status: Annotated[SafeLine, Field(max_length=20)] | None = None
    expected_version: Version | None = None


class ExpectedState(BaseModel):
    status: Annotated[SafeLine, Field(max_length=20)] | None = None
    version: Version | None = None


class BulkBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    action: Annotated[SafeLine, Field(max_length=30)]
    ids: list[Id] = Field(min_length=1, max_length=200)
    note: Annotated[SafeText, Field(max_length=2000)] | None = None
    expected: dict[Id, ExpectedState] = Field(default_factory=dict)


class ReportBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reason: Annotated[SafeText, Field(min_length=1, max_length=500)]
    site: Site | None = None
    # The site's id for the reader who reports (or their address): repeated reports by one reader count once.
    reporter: Annotated[SafeLine, Field(min_length=1, max_length=200)] | None = None


class TokenBody(BaseModel):
    name: Annotated[SafeLine, Field(min_length=1, max_length=200)]


class UserBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    email: Annotated[SafeLine, Field(max_length=320)]
    password: Annotated[SafeLine, Field(min_length=1, max_length=1000)]
    role: Annotated[SafeLine, Field(max_length=20)]
    sites: list[Site] = Field(default_factory=list, max_length=1000)


class SitesBody(BaseModel):
    sites: list[Site] = Field(max_length=1000)


class ActiveBody(BaseModel):
    active: bool
